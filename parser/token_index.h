/* token_index.h - what the tables know of one token's text, found with one
 * lookup: which tables have a key that starts with it, and which have it
 * as a whole key.
 *
 * The parser asks about a dozen table questions of every word ("is it a
 * verb?", "does a currency start here?"), and most answers are no. The
 * tokenizer looks each token up here once and keeps both masks on the
 * token (struct token's in_tables and is_key_of), so that a question
 * whose answer is no costs a bit test instead of a hash lookup in a large
 * table. The index holds only the masks and the keys, compactly: a probe
 * that misses reads 8 bytes, one that hits one slot and its key.
 */
#ifndef ARTICLED_TOKEN_INDEX_H
#define ARTICLED_TOKEN_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../text/arena.h"
#include "../text/bytes.h"

struct token_index_slot {
	uint64_t first_of;  /* tables with a key whose first token is this text */
	uint64_t key_of;    /* tables with this text as a whole key */
	/* The folded text, in the index's arena, and zeros after it up to
	 * the next multiple of 8 bytes past len (token_index_get). */
	const char *key;
	size_t len;
	/* Its first 8 bytes as a loaded word, and the bits of that word that
	 * are the key's (all of them for a key of 8 bytes or more): most
	 * keys are told from a text by one word, without the key's bytes. */
	uint64_t head, head_mask;
	/* For each bit of first_of, lowest first (token_index_rank): the
	 * spans (struct lex_entry's) of that table's first token here, so
	 * that a matcher need not look the token up among the table's firsts.
	 * NULL while first_of is 0. */
	uint32_t *spans;
	/* TOKEN_MARK_ bits that the tables' loader set for this text
	 * (token_index_mark), which tokens_split copies to the token. */
	uint8_t marks;
};

/* Marks of a token (struct token's marks, and struct tokens' side by
 * side): what a scan over every token tests with one bit, most tokens
 * having none, 8 tokens a step (tokens_next_marked). Those of the text
 * are set in the index (the figure words; the first tokens of a table
 * that a scan looks for, by the table's bit); those of the token's kind
 * and place by tokens_split. */
enum {
	/* A word the figure readers test by its text, where no table bit
	 * says it (a word that opens a range, a negative word) */
	TOKEN_MARK_FIGURE_WORD = 1u << 0,
	/* The fold holds a hyphen ("twenty-five") */
	TOKEN_MARK_HYPHEN = 1u << 1,
	/* The next token is a colon with no white space before it ("10:30") */
	TOKEN_MARK_COLON_NEXT = 1u << 2,
	/* A figure may start here by what the tables or the kind say: a
	 * number, or a text with a key of the tables that the figure readers
	 * look a first token up in (tables_load marks them in the index:
	 * months, relative dates, currencies, number words) */
	TOKEN_MARK_FIGURE_START = 1u << 3,
	/* A key of the reporting verbs may start here (tables_load marks
	 * the first tokens of the verbs' table in the index) */
	TOKEN_MARK_VERB = 1u << 4,
	/* A key of the source phrases may start here ("according to"; as
	 * the verbs') */
	TOKEN_MARK_SOURCE = 1u << 5,
	/* A capitalized word (struct token's upper) */
	TOKEN_MARK_CAPITAL = 1u << 6,
	/* A quote mark (punctuation of cp_is_quote) */
	TOKEN_MARK_QUOTE = 1u << 7,
	/* Every mark: a token split without the index, of which nothing is
	 * known, has them all */
	TOKEN_MARKS_ALL = 0xFF,
};

struct token_index {
	uint64_t *probe; /* the hash of each slot's key (| 1), 0 for a free slot */
	struct token_index_slot *slots;
	size_t cap, count;
	struct arena arena;
};

/* The first slot to probe for a key of the hash (as stored), in a table
 * of cap slots (a power of two): the hash's high bits once mixed, as
 * FNV's low bits depend on the low bits of the bytes alone. */
static inline size_t token_index_home(uint64_t hash, size_t cap)
{
	return (size_t)((hash * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

/* ORs the masks into the entry of the folded text key[0..len) (the bytes as
 * given: the caller folds), adding it if new. Returns -1 when out of
 * memory. */
int token_index_add(struct token_index *ix, const char *key, size_t len, uint64_t first_of,
		    uint64_t key_of);

/* The entry of key[0..len), whose hash_bytes is hash, or NULL. key may
 * be read up to the next multiple of 8 bytes past len (a token's fold,
 * in tokens_split's block of folds), as the index's keys may: they are
 * compared 8 bytes at a time. */
static inline const struct token_index_slot *token_index_get(const struct token_index *ix,
							     const char *key, size_t len,
							     uint64_t hash)
{
	if (ix->count == 0)
		return NULL;
	hash |= 1;
	for (size_t j = token_index_home(hash, ix->cap);; j = (j + 1) & (ix->cap - 1)) {
		uint64_t h = ix->probe[j];
		if (h == 0)
			return NULL;
		const struct token_index_slot *s = &ix->slots[j];
		if (h == hash && s->len == len && ((bytes_load(key, 8) ^ s->head) & s->head_mask) == 0 &&
		    (len <= 8 || bytes_equal_padded(s->key + 8, key + 8, len - 8)))
			return s;
	}
}

/* ORs mark (a TOKEN_MARK_) into the entry of the folded text key[0..len),
 * adding it (with no table bits) if new. Returns -1 when out of memory. */
int token_index_mark(struct token_index *ix, const char *key, size_t len, uint8_t mark);

/* ORs mark into every entry that has a bit of first_of in its first_of
 * or one of key_of in its key_of. */
void token_index_mark_tables(struct token_index *ix, uint64_t first_of, uint64_t key_of,
			     uint8_t mark);

/* Records the spans of the table with bit for key[0..len), which must
 * have that bit in its first_of; call once every table's bits are added.
 * Returns -1 when out of memory. */
int token_index_set_spans(struct token_index *ix, const char *key, size_t len, uint64_t bit,
			  uint32_t spans);

/* The index in a slot's spans of the table with bit (a bit of first_of):
 * the number of lower bits set. */
static inline unsigned token_index_rank(uint64_t first_of, uint64_t bit)
{
	uint64_t x = first_of & (bit - 1);
	/* A population count that needs no instruction the target may lack. */
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

void token_index_free(struct token_index *ix);

#endif
