/* hash.h - the hash of a byte string for the open-addressing tables
 * (the lexicons, the search index, the speakers by name): FNV-1a, 64
 * bits, fast on the short keys they hold; hash_block for long strings.
 * No table here faces keys chosen to collide except through the article
 * text, whose size bounds the cost. */
#ifndef ARTICLED_HASH_H
#define ARTICLED_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The hash built a piece at a time: start from HASH_START and add bytes
 * with hash_more. A matcher that tries longer and longer keys ("a",
 * "a b", "a b c") extends one hash rather than hashing each from its
 * start. */
#define HASH_START 1469598103934665603ULL
#define HASH_PRIME 1099511628211ULL
static inline uint64_t hash_more(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= HASH_PRIME;
	}
	return h;
}

/* hash_more of n bytes, n at most 8, unrolled: for a scanner that reads
 * 8 bytes a step, where the loop's own test and branch cost as much as
 * the hashing. */
static inline uint64_t hash_more_8(uint64_t h, const char *s, size_t n)
{
	const unsigned char *e = (const unsigned char *)s + n;
	switch (n) {
	case 8: h = (h ^ e[-8]) * HASH_PRIME; /* fall through */
	case 7: h = (h ^ e[-7]) * HASH_PRIME; /* fall through */
	case 6: h = (h ^ e[-6]) * HASH_PRIME; /* fall through */
	case 5: h = (h ^ e[-5]) * HASH_PRIME; /* fall through */
	case 4: h = (h ^ e[-4]) * HASH_PRIME; /* fall through */
	case 3: h = (h ^ e[-3]) * HASH_PRIME; /* fall through */
	case 2: h = (h ^ e[-2]) * HASH_PRIME; /* fall through */
	case 1: h = (h ^ e[-1]) * HASH_PRIME; /* fall through */
	default: break;
	}
	return h;
}

static inline uint64_t hash_bytes(const char *s, size_t len)
{
	return hash_more(HASH_START, s, len);
}

/* For a table of whole strings, some long (a model's paragraphs), that
 * never extends a hash piece by piece: 8 bytes a step, several times
 * faster than hash_bytes on a paragraph. Its values are not hash_bytes'
 * (and depend on the machine's byte order): a table uses one or the
 * other. */
static inline uint64_t hash_block(const char *s, size_t len)
{
	const uint64_t mul = 0x9E3779B97F4A7C15ULL;
	uint64_t h = HASH_START ^ len, w;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * mul;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s + i, len - i);
	h = (h ^ w) * mul;
	return h ^ (h >> 29);
}

#endif
