/* tokens.h - splits a paragraph into words, numbers and punctuation, and
 * the tokens into sentences. Every extractor reads the same tokens.
 */
#ifndef ARTICLED_TOKENS_H
#define ARTICLED_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../text/arena.h"
#include "lexicon.h"
#include "token_index.h"

enum token_kind { TOKEN_WORD, TOKEN_NUMBER, TOKEN_PUNCT };

struct token {
	enum token_kind kind;
	size_t start, end;  /* bytes in the paragraph */
	size_t cp_start;    /* code points before start: spans in O(1) */
	/* Folded (lowercase) text, in the scratch arena, which may be read up
	 * to the next multiple of 8 bytes past fold_len (what follows the NUL
	 * is not the token's): tokens_split leaves room after the last. */
	const char *fold;
	size_t fold_len;
	uint64_t fold_hash;  /* hash_bytes of fold: hashed once, looked up often */
	uint32_t cp;        /* first code point */
	bool space_before;  /* white space separates it from the token before */
	double number;      /* value of a TOKEN_NUMBER ("2,300" -> 2300, "12,5" -> 12.5) */
	/* (upper, integer, grouped and marks side by side: tokens_split
	 * clears the four with one store.) */
	bool upper;         /* a word that starts with a capital letter (never another kind) */
	bool integer;       /* a TOKEN_NUMBER written without a decimal part */
	bool grouped;       /* a TOKEN_NUMBER written with thousands separators */
	/* TOKEN_MARK_ bits (token_index.h), all of them without the index;
	 * but for TOKEN_MARK_CAPITAL, which only struct tokens' marks have */
	uint8_t marks;
	/* From the tables' token index (token_index.h), looked up once a
	 * token when the tokens are made: the bits (struct lexicon's bit) of the tables
	 * with a key starting with this token, and of those with the token's
	 * fold as a whole key. A token split without the index has every
	 * bit of both (and its tokens' tables_known is false), so that every
	 * lookup is made. */
	uint64_t in_tables;
	uint64_t is_key_of;
	/* The index's spans for the tables of in_tables (token_index.h), or
	 * NULL: how many words the keys starting here have, per table. */
	const uint32_t *spans;
};

struct sentence {
	size_t first, last; /* tokens [first, last) */
};

struct tokens {
	const char *text;
	size_t len;
	struct token *v;
	size_t n;
	/* Each token's marks again, side by side (marks[i] is v[i].marks,
	 * and TOKEN_MARK_CAPITAL where v[i].upper), and TOKEN_MARKS_ALL in
	 * the 8 bytes after the last: a scan for the next token with a mark
	 * reads 8 tokens' at a step (tokens_next_marked), where a token is
	 * 112 bytes. */
	uint8_t *marks;
	struct sentence *sentences;
	size_t n_sentences;
	bool tables_known;  /* in_tables of each token was looked up */
	/* What tokens_match_keys answered lately (NULL: no memory; a tokens
	 * made by tokens_split has one): the extractors ask the same table
	 * of the same token over and over (a third of the questions, each a
	 * dozen lookups of longer and longer spans), and the tokens do not
	 * change once split. */
	struct token_match_memo *memo;
};

enum { TOKEN_MATCH_MEMO = 16 }; /* slots, a power of two */

struct token_match_memo {
	const struct lexicon *lx; /* NULL: free */
	size_t i, count;
	const struct lex_entry *entry;
};

/* Tokenizes text[0..len) and splits it into sentences; abbreviations (may be
 * NULL) lists words whose period ends no sentence; index (may be NULL) is
 * the tables' token index (tokens_index_table), looked up once a token.
 * Memory comes from scratch. Returns -1 when out of memory. */
int tokens_split(struct tokens *tk, const char *text, size_t len,
		 const struct lexicon *abbreviations, const struct token_index *index,
		 struct arena *scratch);

/* tokens_match where the token's in_tables does not say no at once. */
const struct lex_entry *tokens_match_keys(const struct tokens *tk, size_t i,
					  const struct lexicon *lx, size_t *count);

/* The longest entry of lx that the tokens starting at i spell, honouring the
 * entry's case rule; stores the number of tokens it covers in *count.
 * Words are joined by one space, punctuation glued as written ("US$").
 * Inline: the extractors ask it about ten times a token, and most answers
 * are no from one bit. */
static inline const struct lex_entry *tokens_match(const struct tokens *tk, size_t i,
						   const struct lexicon *lx, size_t *count)
{
	/* A bit the table has and the token lacks (a lexicon the parser built
	 * has bit 0, a token split without the index every bit). */
	if (i < tk->n && (~tk->v[i].in_tables & lx->bit) != 0) {
		*count = 0;
		return NULL;
	}
	return tokens_match_keys(tk, i, lx, count);
}

/* The first token at or after i (at most tk->n) that has a mark of
 * mask (not 0) in tk->marks, or tk->n if none. The scans of the
 * extractors for what may start a figure, a reporting verb or a source
 * phrase, a capitalized word or a quote mark pass most tokens: marks absent say no for 8 tokens at once, and
 * the token found is then tested as before (a mark says only "may"). */
static inline size_t tokens_next_marked(const struct tokens *tk, size_t i, uint8_t mask)
{
	const uint64_t lows = 0x7F7F7F7F7F7F7F7FULL;
	for (;; i += 8) {
		uint64_t w;
		memcpy(&w, tk->marks + i, 8);
		w &= 0x0101010101010101ULL * mask;
		/* The high bit of each byte that is not 0: the low seven bits
		 * plus 0x7F carry into it, and no byte carries into the next. */
		uint64_t nonzero = (((w & lows) + lows) | w) & ~lows;
		if (nonzero != 0) {
			/* The 8 bytes after the last token have every mark. */
			size_t at = i + bytes_before_mark(nonzero);
			return at < tk->n ? at : tk->n;
		}
	}
}

/* Builds lx->firsts: the first token of each key, as the tokenizer would
 * split the key's text. Strings go to arena. Returns -1 when out of memory. */
int tokens_index_firsts(struct lexicon *lx, struct arena *arena);

/* Gives lx (whose firsts are built) the bit, and adds its first tokens and
 * its keys to index with that bit. Returns -1 when out of memory. */
int tokens_index_table(struct token_index *index, struct lexicon *lx, uint64_t bit);

/* Records in index the spans of lx's first tokens, once every table has
 * been added (tokens_index_table). Returns -1 when out of memory. */
int tokens_index_spans(struct token_index *index, const struct lexicon *lx);

/* Code point offset of byte offset b of the paragraph (b at or after the
 * first token's start, or 0), counting from the nearest token. */
size_t tokens_cp(const struct tokens *tk, size_t b);

/* Index of the sentence that holds token i. */
size_t tokens_sentence_of(const struct tokens *tk, size_t i);

/* Is the token's fold the word fold? Inline, as the next three: the
 * extractors ask such questions of nearly every token, most often of a
 * literal word, whose length the compiler then knows. */
static inline bool token_is(const struct token *t, const char *fold)
{
	size_t n = strlen(fold);
	return t->fold_len == n && memcmp(t->fold, fold, n) == 0;
}

/* The entry of lx whose key is the token's folded text, or NULL: no lookup
 * where the token's is_key_of says no, else one by the hash the token
 * carries. */
static inline const struct lex_entry *token_lookup(const struct lexicon *lx,
						   const struct token *t)
{
	if ((~t->is_key_of & lx->bit) != 0) /* as in tokens_match */
		return NULL;
	return lexicon_get_fold(lx, t->fold, t->fold_len, t->fold_hash);
}

static inline bool token_is_punct(const struct token *t, uint32_t cp)
{
	return t->kind == TOKEN_PUNCT && t->cp == cp;
}

/* Quote marks and dashes of every kind the genre uses. */
static inline bool cp_is_quote(uint32_t cp)
{
	return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB ||
	       cp == 0x00BB || cp == 0x201F || cp == 0x2033;
}

static inline bool cp_is_dash(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2012 || cp == 0x2013 || cp == 0x2014 ||
	       cp == 0x2015 || cp == 0x2212;
}

#endif
