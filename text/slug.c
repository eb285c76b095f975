/* slug.c - see slug.h. */
#include "slug.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

size_t slugify(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0, limit = cap - 1 < 64 ? cap - 1 : 64;
	bool dash = false;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80 && c != '\'') {
			/* ASCII, nearly all of a heading or a name: what the
			 * decoding below does with it, byte by byte. */
			i++;
			if (!ascii_alnum[c]) {
				dash = o > 0;
				continue;
			}
			if (o + 1 + (dash ? 1 : 0) > limit)
				break;
			if (dash)
				out[o++] = '-';
			dash = false;
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
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
