/* utf8.c - see utf8.h. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

uint32_t utf8_decode_multibyte(const char *str, size_t len, size_t *n)
{
	const unsigned char *s = (const unsigned char *)str;
	*n = 1;
	if (len == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80)
		return c;
	size_t need;
	uint32_t cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; cp = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; cp = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; cp = c & 0x07; min = 0x10000;
	} else {
		return 0xFFFD;
	}
	if (len < need + 1)
		return 0xFFFD;
	for (size_t i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*n = need + 1;
	return cp;
}

const unsigned char ascii_alnum[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

size_t utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* Eight bytes of ASCII (most of a text) at a time. */
		uint64_t w;
		if (len - i >= 8 && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp = utf8_decode(s + i, len - i, &n);
		/* A literal U+FFFD in the text decodes in 3 bytes; an error in 1. */
		if (cp == 0xFFFD && n == 1)
			return i;
		i += n;
	}
	return (size_t)-1;
}

char *utf8_repaired(const char *s, size_t len)
{
	/* At worst every byte is invalid and takes the 3 bytes of U+FFFD. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	char *out = malloc(3 * len + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0, run = 0; /* s[run..i) is valid, still to copy */
	for (size_t i = 0; i < len;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp = utf8_decode(s + i, len - i, &n);
		if (cp != 0xFFFD || n != 1) {
			i += n;
			continue;
		}
		memcpy(out + o, s + run, i - run);
		o += i - run;
		memcpy(out + o, "\xEF\xBF\xBD", 3);
		o += 3;
		run = ++i;
	}
	memcpy(out + o, s + run, len - run);
	o += len - run;
	out[o] = '\0';
	return out;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool cp_is_letter_beyond_ascii(uint32_t cp)
{
	if (cp == 0xD7 || cp == 0xF7) /* multiplication and division signs */
		return false;
	if (cp >= 0xC0 && cp <= 0x24F)
		return true;
	if (cp >= 0x370 && cp <= 0x52F) /* Greek, Cyrillic */
		return true;
	/* Punctuation, symbols and spaces that appear in articles. */
	if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    cp == 0xFEFF || cp == 0xFFFD)
		return false;
	return true;
}

bool cp_is_upper_beyond_ascii(uint32_t cp)
{
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x17F)
		return (cp & 1) == 0 && cp != 0x138;
	if (cp >= 0x391 && cp <= 0x3AB)
		return true;
	if (cp >= 0x400 && cp <= 0x42F)
		return true;
	if (cp >= 0x460 && cp <= 0x52F)
		return (cp & 1) == 0;
	return false;
}

uint32_t cp_to_lower(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	if (!cp_is_upper(cp))
		return cp;
	if (cp <= 0xDE)
		return cp + 32;
	if (cp <= 0x17F)
		return cp + 1;
	if (cp >= 0x391 && cp <= 0x3AB)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	return cp + 1;
}

size_t utf8_back(const char *start, const char *s)
{
	if (s <= start)
		return 0;
	size_t n = 1;
	while (s - n > start && (((unsigned char)s[-(ptrdiff_t)n]) & 0xC0) == 0x80 && n < 4)
		n++;
	return n;
}
