/* bytes.h - equality of two short byte strings without a call.
 *
 * The parser compares a token's fold with a table's key at every hit of
 * a lookup: most are a few bytes long, where a byte loop costs less than
 * the call to memcmp and its setup.
 */
#ifndef ARTICLED_BYTES_H
#define ARTICLED_BYTES_H

#include <stdbool.h>
#include <stddef.h>
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

#endif
