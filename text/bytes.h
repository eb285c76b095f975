/* bytes.h - equality of two short byte strings without a call, and
 * tests of eight bytes at once.
 *
 * The parser compares a token's fold with a table's key at every hit of
 * a lookup: most are a few bytes long, where a byte loop costs less than
 * the call to memcmp and its setup. The scanners of a whole text (its
 * normalizing, its lines, the JSON writer) step over 8 bytes at a time
 * while none of them is one they act on.
 */
#ifndef ARTICLED_BYTES_H
#define ARTICLED_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Are a[0..n) and b[0..n) the same bytes? */
static inline bool bytes_equal(const char *a, const char *b, size_t n)
{
	if (n > 16)
		return memcmp(a, b, n) == 0;
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* Is a byte of x zero? Nonzero (its high bit set, and maybe some above
 * it) exactly when one is. */
static inline uint64_t bytes_zero(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	return (x - ones) & ~x & highs;
}

/* Is a byte of w the byte c? (bytes_zero's answer.) */
static inline uint64_t bytes_has(uint64_t w, unsigned char c)
{
	return bytes_zero(w ^ (0x0101010101010101ULL * c));
}

#endif
