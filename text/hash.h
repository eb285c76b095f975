/* hash.h - the hash of a byte string for the open-addressing tables
 * (the lexicons, the search index, the speakers by name): FNV-1a, 64
 * bits. Fast on the short keys they hold; no table here faces keys
 * chosen to collide except through the article text, whose size bounds
 * the cost. */
#ifndef ARTICLED_HASH_H
#define ARTICLED_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash built a piece at a time: start from HASH_START and add bytes
 * with hash_more. A matcher that tries longer and longer keys ("a",
 * "a b", "a b c") extends one hash rather than hashing each from its
 * start. */
#define HASH_START 1469598103934665603ULL
static inline uint64_t hash_more(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static inline uint64_t hash_bytes(const char *s, size_t len)
{
	return hash_more(HASH_START, s, len);
}

#endif
