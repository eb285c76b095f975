/* fold.c - see fold.h. */
#include "fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

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
