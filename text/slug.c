/* slug.c - see slug.h. */
#include "slug.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "utf8.h"

/* How many of the (at most 8) bytes of s[0..n) from the first are ASCII
 * letters and digits, and those bytes lowered in *lowered (a word in
 * memory order). */
static size_t alnum_run(const char *s, size_t n, uint64_t *lowered)
{
	uint64_t w = bytes_load(s, n), letters;
	uint64_t alnum = bytes_ascii_alnum(w, &letters);
	*lowered = bytes_ascii_lower(w);
	return bytes_before_mark(~alnum & 0x8080808080808080ULL);
}

size_t slugify(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0, limit = cap - 1 < 64 ? cap - 1 : 64;
	bool dash = false;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (ascii_alnum[c]) {
			/* Letters and digits of ASCII, nearly all of a heading or
			 * a name, up to 8 at a step: lowered, after the dash
			 * pending before them, as many as the limit lets in; the
			 * slug ends at the first that does not fit, as it ends
			 * at a code point below that does not (a byte at a
			 * time, they cost some 8 instructions a byte). */
			uint64_t lowered;
			size_t run = alnum_run(s + i, len - i, &lowered);
			if (o + 1 + (dash ? 1 : 0) > limit)
				break;
			if (dash)
				out[o++] = '-';
			dash = false;
			size_t fit = run < limit - o ? run : limit - o;
			memcpy(out + o, &lowered, fit);
			o += fit;
			i += fit; /* (a run cut short: the next turn ends the slug) */
			continue;
		}
		if (c < 0x80 && c != '\'') {
			/* Other ASCII (the apostrophe aside), told from the byte:
			 * what the decoding below does with it. */
			i++;
			dash = o > 0;
			continue;
		}
		size_t n;
		uint32_t cp = utf8_decode(s + i, len - i, &n);
		i += n;
		bool alnum = (cp >= '0' && cp <= '9') || cp_is_letter(cp);
		if (cp == '\'' || cp == 0x2019)
			continue; /* "Petrov's" -> "petrovs" */
		if (!alnum) {
			dash = o > 0;
			continue;
		}
		char buf[4];
		size_t k = utf8_encode(cp_to_lower(cp), buf);
		if (o + k + (dash ? 1 : 0) > limit)
			break;
		if (dash)
			out[o++] = '-';
		dash = false;
		memcpy(out + o, buf, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

void slug_file_id(const char *name, char *out, size_t cap)
{
	const char *dot = strrchr(name, '.');
	size_t len = dot && dot != name ? (size_t)(dot - name) : strlen(name);
	if (slugify(name, len, out, cap) == 0)
		snprintf(out, cap, "article");
}
