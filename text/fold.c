/* fold.c - see fold.h. */
#include "fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "bytes.h"
#include "utf8.h"

/* Are the eight bytes w plain text that folds byte for byte: ASCII, no
 * tab or newline, no two spaces in a row? (The first is no space: the
 * caller's test.) */
static bool plain_eight(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	const uint64_t lows = 0x7F7F7F7F7F7F7F7FULL;
	if ((w & highs) != 0 || bytes_has(w, '\t') || bytes_has(w, '\n'))
		return false;
	/* The high bit of each byte that is a space (exact, as no byte is
	 * above 0x7F and no sum carries into the next byte). */
	uint64_t t = w ^ (ones * ' ');
	uint64_t spaces = ~((t & lows) + lows) & highs;
	return (spaces & (spaces >> 8)) == 0;
}

/* The ASCII bytes of w with 'A' to 'Z' lowered, as the loop below lowers
 * each: a letter's bit 0x20 set, where the high bit of w + 0x3F says at
 * least 'A' and that of w + 0x25 not above 'Z' (no byte carries). */
static uint64_t lower_eight(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t upper = (w + ones * (0x80 - 'A')) & ~(w + ones * (0x80 - 'Z' - 1)) & highs;
	return w | (upper >> 2);
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
			/* Eight bytes at a time while they are plain (plain_eight):
			 * each single space between two other bytes is kept as it
			 * is, and one that ends the eight is left pending, as the
			 * bytes after it may be white space too. What does not fit
			 * is left to the byte loop, which says so. */
			size_t from = i;
			while (i + 8 <= len && s[i] != ' ') {
				uint64_t w;
				memcpy(&w, s + i, 8);
				bool space_last = s[i + 7] == ' ';
				size_t kept = space_last ? 7 : 8;
				if (!plain_eight(w) || o + (pending_space ? 1 : 0) + kept + 1 > cap)
					break;
				if (pending_space)
					out[o++] = ' ';
				w = lower_eight(w);
				memcpy(out + o, &w, 8); /* (a space_last byte is written, not kept) */
				o += kept;
				i += 8;
				pending_space = space_last;
			}
			if (i > from)
				continue;
			/* A run of ASCII up to the next white space or other byte,
			 * copied at once: it fits if its last byte and the NUL do. */
			size_t run = 1;
			while (i + run < len) {
				unsigned char r = (unsigned char)s[i + run];
				if (r >= 0x80 || r == ' ' || r == '\t' || r == '\n')
					break;
				run++;
			}
			if (o + (pending_space ? 1 : 0) + run + 1 > cap)
				return (size_t)-1;
			if (pending_space)
				out[o++] = ' ';
			pending_space = false;
			for (size_t k = 0; k < run; k++) {
				unsigned char r = (unsigned char)s[i + k];
				out[o++] = (char)(r >= 'A' && r <= 'Z' ? r + 32 : r);
			}
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
