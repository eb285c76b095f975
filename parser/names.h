/* names.h - the words of names and titles, shared by the parsing of
 * speaker phrases (speakers.c) and the cast of the article (cast.c). */
#ifndef ARTICLED_NAMES_H
#define ARTICLED_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"
#include "speaker_ref.h"

/* A phrase of a speaker is at most this many tokens ("the Deputy Head of the
 * Federal Agency for Fishery Pavel Orlov" is 11). */
enum { PHRASE_MAX = 16 };

/* Inside a job title's chain of what it is of, a phrase may run longer:
 * the genre's titles are chains of genitives ("the head of the Department
 * of Ports of the Ministry of Transport of the Amur Region Pavel Orlov" is
 * 18), and the name comes only at their end. */
enum { TITLE_CHAIN_MAX = 28 };

/* The questions below are asked of nearly every word a phrase reader
 * passes, and most answers are no from one bit of the token (tokens.h's
 * token_lookup): inline, so that a no costs no call. */

/* The classes of word t in speech_grammar.tsv (a mask of enum
 * speech_class), 0 for none: one lookup where several questions are
 * asked of the same word. */
static inline unsigned speech_classes(const struct extract_ctx *x, const struct token *t)
{
	if (t->kind != TOKEN_WORD)
		return 0;
	const struct lex_entry *e = token_lookup(&x->t->speech_grammar, t);
	return e != NULL ? e->value_tag : 0;
}

/* Is word t of class cls in speech_grammar.tsv? */
static inline bool speech_is(const struct extract_ctx *x, const struct token *t,
			     enum speech_class cls)
{
	return (speech_classes(x, t) & cls) != 0;
}

/* "of", "for", "the", ...: words that join a title's words. */
static inline bool is_connector(const struct extract_ctx *x, const struct token *t)
{
	return speech_is(x, t, SPEECH_CONNECTOR);
}

/* "the", "a", "an" */
static inline bool is_determiner(const struct extract_ctx *x, const struct token *t)
{
	return speech_is(x, t, SPEECH_DETERMINER);
}

/* "of", "in", "from", "at", ...: after them a capitalized word is a place or a body. */
static inline bool is_preposition(const struct extract_ctx *x, const struct token *t)
{
	return speech_is(x, t, SPEECH_PREPOSITION);
}

/* Is token t a quote mark (cp_is_quote)? Each of them is '"' or lies at
 * or above U+00AB, so most punctuation ("," ".") is answered by two
 * comparisons: the loops that count or find marks ask every token. */
static inline bool is_quote_mark(const struct token *t)
{
	return t->kind == TOKEN_PUNCT && (t->cp == '"' || (t->cp >= 0xAB && cp_is_quote(t->cp)));
}

static inline bool in_lexicon(const struct lexicon *lx, const struct token *t)
{
	return token_lookup(lx, t) != NULL;
}
/* "Petrovich", "Ivanovna": a Russian patronymic by its ending (the
 * patronymic endings of name_gender.tsv), with two letters before it. */
bool is_patronymic(const struct extract_ctx *x, const struct token *t);

/* Across a name in quote marks inside a title ("director of «Kolyma Gold»"):
 * the index past it, or the index given if none is there. The walks
 * from a mark are names.c's; the test for a mark is inline, as the
 * phrase readers ask at nearly every token and most are no mark. */
size_t quoted_name_after(const struct tokens *tk, size_t k);
size_t quoted_name_before(const struct tokens *tk, size_t end);

static inline size_t skip_quoted_forward(const struct tokens *tk, size_t k)
{
	if (k >= tk->n || tk->v[k].kind != TOKEN_PUNCT || !cp_is_quote(tk->v[k].cp))
		return k;
	return quoted_name_after(tk, k);
}

static inline size_t skip_quoted_backward(const struct tokens *tk, size_t end)
{
	if (end == 0 || tk->v[end - 1].kind != TOKEN_PUNCT || !cp_is_quote(tk->v[end - 1].cp))
		return end;
	return quoted_name_before(tk, end);
}

/* Could a key of lx start at token t? Not when the token's table bits
 * say no (tokens.h's in_tables): then tokens_match answers NULL there.
 * One bit, to rule a phrase out before the work of reading it. */
static inline bool may_start_key(const struct token *t, const struct lexicon *lx)
{
	return (~t->in_tables & lx->bit) == 0;
}

/* Does an entry of lx cover tokens inside [first, last)? */
bool range_has(const struct tokens *tk, size_t first, size_t last, const struct lexicon *lx);

/* The first token of the name that ends tokens [first, last), or last. */
size_t name_core(const struct extract_ctx *x, const struct tokens *tk, size_t first, size_t last);

/* The job title written before the name that starts at token c, in
 * [*tf, *tl) (empty if none). strict: capitalized and title words only. */
void title_before_mode(const struct extract_ctx *x, const struct tokens *tk, size_t c, size_t *tf,
		       size_t *tl, bool strict);
void title_before(const struct extract_ctx *x, const struct tokens *tk, size_t c, size_t *tf,
		  size_t *tl);

/* Does the title call its bearer an outlet ("the Japanese agency")? */
bool outlet_title(const struct extract_ctx *x, const struct tokens *tk, size_t first, size_t last);

/* Sorts the phrase [first, last) into a name, a title or nothing. */
/* The first token of a longer name that ends with the outlet of the table
 * at s ("the Amur Evening Times" is no "Times"), not before first:
 * capitalized words before s that are no title, country or outlet word,
 * after a determiner; s if there are none. After "the" only, since a
 * sentence's first word is capitalized whatever it is ("Yesterday TASS
 * reported"). */
size_t longer_outlet_name(const struct extract_ctx *x, const struct tokens *tk, size_t first, size_t s);
struct speaker_ref classify(const struct extract_ctx *x, const struct tokens *tk, size_t first,
			    size_t last);

/* Is token i a word of titles.txt, countries.tsv or outlet_words.tsv? */
bool token_is_title_word(const struct extract_ctx *x, const struct tokens *tk, size_t i);

#endif
