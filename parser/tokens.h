/* tokens.h - splits a paragraph into words, numbers and punctuation, and
 * the tokens into sentences. Every extractor reads the same tokens.
 */
#ifndef ARTICLED_TOKENS_H
#define ARTICLED_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../text/arena.h"
#include "lexicon.h"

enum token_kind { TOKEN_WORD, TOKEN_NUMBER, TOKEN_PUNCT };

struct token {
	enum token_kind kind;
	size_t start, end;  /* bytes in the paragraph */
	size_t cp_start;    /* code points before start: spans in O(1) */
	const char *fold;   /* folded (lowercase) text, in the scratch arena */
	size_t fold_len;
	uint64_t fold_hash;  /* hash_bytes of fold: hashed once, looked up often */
	uint32_t cp;        /* first code point */
	bool space_before;  /* white space separates it from the token before */
	bool upper;         /* a word that starts with a capital letter */
	double number;      /* value of a TOKEN_NUMBER ("2,300" -> 2300, "12,5" -> 12.5) */
	bool integer;       /* a TOKEN_NUMBER written without a decimal part */
	bool grouped;       /* a TOKEN_NUMBER written with thousands separators */
	uint64_t in_tables; /* the bits of the tables with a key starting here */
};

struct sentence {
	size_t first, last; /* tokens [first, last) */
};

struct tokens {
	const char *text;
	size_t len;
	struct token *v;
	size_t n;
	struct sentence *sentences;
	size_t n_sentences;
	bool tables_known;  /* in_tables of each token was looked up */
};

/* Tokenizes text[0..len) and splits it into sentences; abbreviations (may be
 * NULL) lists words whose period ends no sentence; first_tokens (may be
 * NULL) is the tables' index of first tokens (tokens_index_table), looked
 * up once a token. Memory comes from scratch. Returns -1 when out of
 * memory. */
int tokens_split(struct tokens *tk, const char *text, size_t len,
		 const struct lexicon *abbreviations, const struct lexicon *first_tokens,
		 struct arena *scratch);

/* The longest entry of lx that the tokens starting at i spell, honouring the
 * entry's case rule; stores the number of tokens it covers in *count.
 * Words are joined by one space, punctuation glued as written ("US$"). */
const struct lex_entry *tokens_match(const struct tokens *tk, size_t i, const struct lexicon *lx,
				     size_t *count);

/* Builds lx->firsts: the first token of each key, as the tokenizer would
 * split the key's text. Strings go to arena. Returns -1 when out of memory. */
int tokens_index_firsts(struct lexicon *lx, struct arena *arena);

/* Gives lx (whose firsts are built) the bit, and adds its first tokens to
 * index with that bit. Returns -1 when out of memory. */
int tokens_index_table(struct lexicon *index, struct lexicon *lx, uint64_t bit,
		       struct arena *arena);

/* Code point offset of byte offset b of the paragraph (b at or after the
 * first token's start, or 0), counting from the nearest token. */
size_t tokens_cp(const struct tokens *tk, size_t b);

/* Index of the sentence that holds token i. */
size_t tokens_sentence_of(const struct tokens *tk, size_t i);

bool token_is(const struct token *t, const char *fold);

/* The entry of lx whose key is the token's folded text, or NULL: a lookup
 * by the hash the token carries. */
const struct lex_entry *token_lookup(const struct lexicon *lx, const struct token *t);
bool token_is_punct(const struct token *t, uint32_t cp);

/* Quote marks and dashes of every kind the genre uses. */
bool cp_is_quote(uint32_t cp);
bool cp_is_dash(uint32_t cp);

#endif
