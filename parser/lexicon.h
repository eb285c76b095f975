/* lexicon.h - a read-only map from phrases of the data tables to their entries.
 *
 * Keys are phrases of one or more words, compared without case and with runs
 * of white space folded to one space ("Told  Reporters" == "told reporters").
 * How a phrase was written in its table still matters for matching text:
 * an all-capitals entry ("US") matches only the same capitals, and an entry
 * written with a capital ("Reuters") only a capitalized word, so that the
 * pronoun "us" is not the United States and "time" is not the magazine.
 */
#ifndef ARTICLED_LEXICON_H
#define ARTICLED_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../text/arena.h"
#include "../text/bytes.h"
#include "../text/hash.h"

enum lex_case { LEX_ANY_CASE, LEX_CAPITALIZED, LEX_EXACT };

struct lex_entry {
	/* What a lookup reads first, together at the start of the entry: the
	 * tables are large, and a hit in them is often a cache miss. */
	const char *key;     /* folded form, the map key, and 8 zero bytes after it */
	uint32_t key_len;    /* strlen(key): a lookup that finds the hash compares lengths first */
	enum lex_case match_case;
	const char *written; /* as written in the table */
	const char *value;   /* the entry's meaning: canonical name, code, symbol */
	const char *extra;   /* a second column where the table has one, else "" */
	const char *extra2;  /* a third, else "" */
	double number;       /* numeric meaning where the table has one */
	/* The columns above that hold one of a fixed set of values, as parsed
	 * at load: an enum of tables.h, or a mask of its bits for a column
	 * that holds a set; 0 where the table has no such column. */
	unsigned value_tag, extra_tag, extra2_tag;
	unsigned line;       /* of its table, for messages; 0 if from no table */
	unsigned words;      /* words in the key */
	/* In a lexicon's index of first tokens (struct lexicon's firsts): bit w
	 * set when a key of w words starts with this token (bit 31: 31 or
	 * more), so that a matcher tries only the spans some key has. */
	uint32_t spans;
	uint64_t hash;       /* of key: most lookups miss, and this makes a miss cheap */
};

struct lexicon {
	struct lex_entry *slots; /* open addressing; key NULL marks a free slot */
	/* The hash of each slot's key, 0 for a free slot, beside the slots: a
	 * lookup (most miss) probes 8 bytes a slot, not an entry's 96. */
	uint64_t *probe;
	size_t cap, count;
	unsigned max_words; /* longest key, in words: how far a matcher looks ahead */
	/* The first token of every key (see tokens_index_firsts): a matcher that
	 * does not find the text's first token here need look no further. */
	struct lexicon *firsts;
	/* This table's bit in the tables' index of first tokens, or 0 if it
	 * has none there (a lexicon built by the parser itself). */
	uint64_t bit;
	/* Bit b set when a key begins with the byte b: lexicon_get says no
	 * to most texts from their first character, before folding them. */
	uint64_t first_bytes[4];
	/* The first two words of every key of two words or more, as a filter
	 * (lexicon_index_pairs; NULL: none built, no filter): a bit for each
	 * pair of their hashes, n_pair_bits of them (a power of two). */
	uint64_t *pairs;
	size_t n_pair_bits;
	/* For a table that no longer grows (lexicon_index_walk; NULL: none,
	 * and lexicon_add drops it): walk[j] is the first used slot after
	 * slot j, walk_first the first of all (cap: none), so that a walk
	 * over the few keys of a table of 64 slots steps from key to key. */
	uint32_t *walk;
	uint32_t walk_first;
};

/* Adds written with the meaning of m: its value, extra, extra2, number,
 * tags and line (the rest of m is not read; NULL strings are "", a NULL
 * value is written itself, and a NULL m all of that). Strings are copied
 * into arena. A key already present keeps its first entry and returns 1 so
 * that the loader can name the duplicate; returns 0 on success, -1 on no
 * memory. */
int lexicon_add(struct lexicon *lx, struct arena *arena, const char *written,
		const struct lex_entry *m);

/* The entry whose folded key equals the folded form of s[0..len), or NULL. */
const struct lex_entry *lexicon_get(const struct lexicon *lx, const char *s, size_t len);


/* The entry of lx whose key has klen bytes and the hash raw (hash_bytes
 * of it, or hash_more from HASH_START piece by piece: text/hash.h), and
 * for which same(entry, ctx) says the bytes are the key's: for a key
 * that is not in one piece, compared piece by piece. Inline, as the two
 * below: the parser calls it several times a word, and most calls miss
 * at the first slot. */
static inline const struct lex_entry *
lexicon_get_hashed_by(const struct lexicon *lx, size_t klen, uint64_t raw,
		      bool (*same)(const struct lex_entry *e, const void *ctx), const void *ctx)
{
	if (lx->count == 0)
		return NULL;
	uint64_t hash = raw | 1; /* as stored: 0 marks a free slot */
	size_t j = hash & (lx->cap - 1);
	for (uint64_t h; (h = lx->probe[j]) != 0; j = (j + 1) & (lx->cap - 1)) {
		const struct lex_entry *e = &lx->slots[j];
		if (h == hash && e->key_len == klen && same(e, ctx))
			return e;
	}
	return NULL;
}

struct lex_key {
	const char *s;
	size_t len;
};

static inline bool lex_key_is(const struct lex_entry *e, const void *key)
{
	const struct lex_key *k = key;
	return bytes_equal(e->key, k->s, k->len);
}

/* The entry whose key is key[0..klen), already folded (tokens carry
 * their folded form), with the key's hash given. */
static inline const struct lex_entry *lexicon_get_hashed(const struct lexicon *lx, const char *key,
							 size_t klen, uint64_t raw)
{
	struct lex_key k = {key, klen};
	return lexicon_get_hashed_by(lx, klen, raw, lex_key_is, &k);
}

/* Is the entry's key the fold of the token_key? Compared 8 bytes at a
 * time: a token's fold may be read so (tokens.h), as an entry's key. */
static inline bool lex_key_is_fold(const struct lex_entry *e, const void *key)
{
	const struct lex_key *k = key;
	return bytes_equal_padded(e->key, k->s, k->len);
}

/* lexicon_get_hashed of a token's fold (tokens_split's, which may be read
 * up to the next multiple of 8 bytes past its end). */
static inline const struct lex_entry *lexicon_get_fold(const struct lexicon *lx, const char *fold,
						       size_t len, uint64_t raw)
{
	struct lex_key k = {fold, len};
	return lexicon_get_hashed_by(lx, len, raw, lex_key_is_fold, &k);
}

/* The same, hashing the key here. */
static inline const struct lex_entry *lexicon_get_folded(const struct lexicon *lx, const char *key,
							 size_t klen)
{
	return lexicon_get_hashed(lx, key, klen, hash_bytes(key, klen));
}

/* Builds lx->pairs from the keys lx holds now (a table once loaded).
 * Returns -1 when out of memory (lx then has no filter, which is slower,
 * not wrong). */
int lexicon_index_pairs(struct lexicon *lx);

/* The bit of lx->pairs for a key whose first word hashes (hash_bytes) to
 * first and whose second word to second. */
static inline size_t lexicon_pair_bit(const struct lexicon *lx, uint64_t first, uint64_t second)
{
	/* Any mix of the two would do; this one spreads them over the bits. */
	return (size_t)((first ^ (second * 0x9E3779B97F4A7C15ULL)) >> 20) & (lx->n_pair_bits - 1);
}

/* May a key of lx begin with the words whose hashes are first and second?
 * No only when none does; yes where lx has no filter. */
static inline bool lexicon_may_begin(const struct lexicon *lx, uint64_t first, uint64_t second)
{
	if (lx->pairs == NULL)
		return true;
	size_t b = lexicon_pair_bit(lx, first, second);
	return ((lx->pairs[b / 64] >> (b % 64)) & 1) != 0;
}

/* Could a key of lx begin with the byte c? Not when no key does (its
 * first_bytes): then no lookup of a text whose folded form begins with c
 * finds one. */
static inline bool lexicon_may_begin_with(const struct lexicon *lx, unsigned char c)
{
	return ((lx->first_bytes[c >> 6] >> (c & 63)) & 1) != 0;
}

/* The entry of lx whose key is the folded key[0..len), to amend what the
 * owner of lx records beside it, or NULL. */
struct lex_entry *lexicon_entry(struct lexicon *lx, const char *key, size_t len);

/* The entries of lx one by one, in the order of its slots (the same for the
 * same table, and no other):
 *     for (const struct lex_entry *e = lexicon_first(lx); e; e = lexicon_next(lx, e))
 * NULL after the last; an empty lexicon has none. */
const struct lex_entry *lexicon_first(const struct lexicon *lx);
const struct lex_entry *lexicon_next(const struct lexicon *lx, const struct lex_entry *e);

/* Indexes lx's walk (above), once its last key is in. -1 when out of memory. */
int lexicon_index_walk(struct lexicon *lx);

/* Does the text as written satisfy the entry's case rule? */
bool lex_case_ok(const struct lex_entry *e, const char *text, size_t len);

void lexicon_free(struct lexicon *lx);

#endif
