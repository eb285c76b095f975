/* fold.c - see fold.h. */
#include "fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "bytes.h"
#include "utf8.h"

/* Does the byte end a run of ASCII that fold_text copies at once? */
static bool ends_run(unsigned char c)
{
	return c >= 0x80 || c == ' ' || c == '\t' || c == '\n';
}

/* The end of the run of ASCII that starts at s[i] (a byte that ends none):
 * the first byte after it that ends it, or len. Eight bytes a step, while
 * none is above ASCII or ' ' and below (white space is among those). */
static size_t run_end(const char *s, size_t len, size_t i)
{
	const uint64_t highs = 0x8080808080808080ULL;
	size_t j = i + 1;
	while (len - j >= 8) {
		uint64_t w = bytes_load(s + j, 8);
		uint64_t maybe = (w & highs) | (~bytes_at_least(w & ~highs, ' ' + 1) & highs);
		if (maybe == 0) {
			j += 8;
			continue;
		}
		j += bytes_before_mark(maybe);
		if (ends_run((unsigned char)s[j]))
			return j;
		j++; /* a control character, which the run holds */
	}
	while (j < len && !ends_run((unsigned char)s[j]))
		j++;
	return j;
}

/* Are the 8 bytes of w (after a byte that is no white space) ones that
 * fold_text would copy as they are but for their capitals: printable
 * ASCII, and spaces each between two bytes that are none (so not the
 * last)? Then their fold is bytes_ascii_lower(w). */
static bool plain_block(uint64_t w)
{
	const uint64_t highs = 0x8080808080808080ULL;
	if ((w & highs) != 0 || bytes_at_least(w, ' ') != highs)
		return false;
	/* With every byte ' ' or above, a byte below '!' is a space. */
	uint64_t spaces = ~bytes_at_least(w, ' ' + 1) & highs;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	uint64_t after_space = spaces >> 8, last = 0x80;
#else
	uint64_t after_space = spaces << 8, last = 0x8000000000000000ULL;
#endif
	return (spaces & after_space) == 0 && (spaces & last) == 0;
}

/* plain_block for the 16 bytes at s, with the byte after them (s[16])
 * readable: their fold, the bytes lowered, in *lowered. */
static bool plain_block16(const char *s, bytes16 *lowered)
{
	bytes16 w = bytes16_load(s), after = bytes16_load(s + 1);
	const bytes16 space = bytes16_of(' ');
	/* printable ASCII: ' ' to 0x7F (the unsigned compare puts the bytes
	 * above ASCII past 0x7F) */
	bytes16 odd = (bytes16)(w < space) | (bytes16)(w > bytes16_of(0x7F));
	/* two spaces in a row, or a space last (its after is the byte at 16) */
	bytes16 is_space = (bytes16)(w == space);
	odd |= is_space & (bytes16)(after == space);
	if (bytes16_any(odd) || s[15] == ' ')
		return false;
	bytes16 capital = (bytes16)(w >= bytes16_of('A')) & (bytes16)(w <= bytes16_of('Z'));
	*lowered = w | (capital & bytes16_of(0x20));
	return true;
}

size_t fold_text(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0, i = 0;
	bool pending_space = false;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			/* ASCII, most of the genre's text: one byte in, one out, with
			 * neither decoding nor encoding (the same result as below). */
			if (c == ' ' || c == '\t' || c == '\n') {
				i++;
				pending_space = o > 0;
				continue;
			}
			/* The space before it, if it fits with this byte and the
			 * NUL (if not, neither does the run below). */
			if (pending_space) {
				if (o + 2 > cap)
					return (size_t)-1;
				out[o++] = ' ';
				pending_space = false;
			}
			/* Prose: blocks of 16 bytes, then of 8, whose fold is the
			 * bytes lowered. */
			size_t from = i;
			bytes16 block16;
			while (len - i >= 17 && cap - o >= 17 && plain_block16(s + i, &block16)) {
				memcpy(out + o, &block16, 16);
				o += 16;
				i += 16;
			}
			uint64_t block;
			while (len - i >= 8 && cap - o >= 9 && plain_block(block = bytes_load(s + i, 8))) {
				block = bytes_ascii_lower(block);
				memcpy(out + o, &block, 8);
				o += 8;
				i += 8;
			}
			if (i != from)
				continue;
			/* A run of ASCII up to the next white space or other byte,
			 * copied at once: it fits if its last byte and the NUL do. */
			size_t run = run_end(s, len, i) - i;
			if (o + run + 1 > cap)
				return (size_t)-1;
			/* 8 bytes a step where 8 may be read and written (past the
			 * run, what is written is written over or left past the
			 * NUL), then a byte at a time. */
			size_t k = 0;
			for (; k < run && len - (i + k) >= 8 && cap - (o + k) >= 8; k += 8) {
				uint64_t w = bytes_ascii_lower(bytes_load(s + i + k, 8));
				memcpy(out + o + k, &w, 8);
			}
			for (; k < run; k++) {
				unsigned char r = (unsigned char)s[i + k];
				out[o + k] = (char)(r >= 'A' && r <= 'Z' ? r + 32 : r);
			}
			o += run;
			i += run;
			continue;
		}
		size_t n;
		uint32_t cp = utf8_decode(s + i, len - i, &n);
		i += n;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0) {
			pending_space = o > 0;
			continue;
		}
		if (cp == 0x2019 || cp == 0x2018) /* typographic apostrophes */
			cp = '\'';
		char buf[4];
		size_t k = utf8_encode(cp_to_lower(cp), buf);
		if (o + k + (pending_space ? 1 : 0) + 1 > cap)
			return (size_t)-1;
		if (pending_space)
			out[o++] = ' ';
		pending_space = false;
		memcpy(out + o, buf, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

bool fold_contains(const char *haystack, const char *needle)
{
	if (haystack == NULL)
		return false;
	char h[1024], n[256];
	size_t hl = fold_text(haystack, strlen(haystack), h, sizeof h);
	size_t nl = fold_text(needle, strlen(needle), n, sizeof n);
	if (hl == (size_t)-1 || nl == (size_t)-1)
		return false;
	return strstr(h, n) != NULL;
}
