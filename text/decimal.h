/* decimal.h - a whole number written in decimal without printf.
 *
 * A parse writes an id for every quote and figure and a date for every
 * date it finds; parsing a format for each was most of what they cost.
 */
#ifndef ARTICLED_DECIMAL_H
#define ARTICLED_DECIMAL_H

/* The digits a 64-bit number has at most. */
enum { DECIMAL_MAX = 20 };

/* Writes v in decimal at out, zero-padded to width digits (at most
 * DECIMAL_MAX), then a NUL; returns where the NUL is. out needs room for
 * DECIMAL_MAX + 1 bytes, or for the digits v and width take. What
 * snprintf's "%0*llu" writes. */
static inline char *decimal_put(char *out, unsigned long long v, unsigned width)
{
	char digits[DECIMAL_MAX];
	unsigned n = 0;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n < width && n < DECIMAL_MAX)
		digits[n++] = '0';
	while (n > 0)
		*out++ = digits[--n];
	*out = '\0';
	return out;
}

#endif
