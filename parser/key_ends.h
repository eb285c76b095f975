/* key_ends.h - how the keys of a table end, as a filter: the last byte of
 * each key and its last two.
 *
 * Some rules read a table backwards from a word: "does a verb of change
 * end at the word before the figure?" (figure_phrases.c's phrase_ending),
 * "does the name end with an ending of noun_endings.txt?" (names.c). Any
 * such key ends with the word's last bytes, or the word with the key's;
 * most words end otherwise than every key, and the filter says so with
 * two bit tests, before the lookups of every start or ending they would
 * take to say no. Built once, when the tables load (tables.h).
 */
#ifndef ARTICLED_KEY_ENDS_H
#define ARTICLED_KEY_ENDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { KEY_ENDS_PAIR_BITS = 2048 }; /* a power of two */

struct key_ends {
	uint64_t last[4];   /* bit b: a key ends with the byte b */
	uint64_t single[4]; /* bit b: a key is the byte b alone */
	uint64_t pairs[KEY_ENDS_PAIR_BITS / 64]; /* key_ends_pair_bit of each key's last two bytes */
	size_t longest; /* bytes of the longest key: no longer ending can be one */
};

/* Adds the key key[0..len) (as the table folds it) to ke. */
void key_ends_add(struct key_ends *ke, const char *key, size_t len);

static inline bool key_ends_bit(const uint64_t *set, size_t b)
{
	return ((set[b / 64] >> (b % 64)) & 1) != 0;
}

/* The bit of ke->pairs for a key that ends with the bytes a, b: the low
 * bits of both, which tell the letters of the alphabet apart. */
static inline size_t key_ends_pair_bit(unsigned char a, unsigned char b)
{
	return ((size_t)(a & 31) << 6 | (b & 63)) & (KEY_ENDS_PAIR_BITS - 1);
}

/* May a key of ke end as s[0..len) ends: with its last byte, and its
 * last two unless the key or s is one byte long? No only where none
 * does; then no key ends with s, and s ends with no key. Yes for an
 * empty s. */
static inline bool key_ends_may(const struct key_ends *ke, const char *s, size_t len)
{
	if (len == 0)
		return true;
	unsigned char z = (unsigned char)s[len - 1];
	if (!key_ends_bit(ke->last, z))
		return false;
	return len == 1 || key_ends_bit(ke->single, z) ||
	       key_ends_bit(ke->pairs, key_ends_pair_bit((unsigned char)s[len - 2], z));
}

#endif
