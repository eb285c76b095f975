/* hash.h - the hash of a byte string for the open-addressing tables
 * (the lexicons, the search index, the speakers by name): FNV-1a, 64
 * bits. Fast on the short keys they hold; no table here faces keys
 * chosen to collide except through the article text, whose size bounds
 * the cost. */
#ifndef ARTICLED_HASH_H
#define ARTICLED_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#endif
