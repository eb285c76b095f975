/* figure_context.h - what figure_context.c and figure_phrases.c share: one
 * sentence with the figures in it, and the noun phrases read around them.
 *
 * Token indexes are signed (long) here: the rules read leftwards and stop
 * before the sentence's first token.
 */
#ifndef ARTICLED_FIGURE_CONTEXT_H
#define ARTICLED_FIGURE_CONTEXT_H

#include <stdbool.h>

#include "figures_extract.h"

/* One sentence and the article's figures that occur in it. */
struct sent {
	struct extract_ctx *x;
	const struct tables *t;
	const struct tokens *tk;
	const struct paragraph *p;
	size_t s0, s1;                /* its tokens [s0, s1) */
	struct figure *v;             /* the article's figures */
	const struct figure_span *sp; /* where each is */
	size_t first, n;              /* the sentence's: v[first .. first + n) */
	const long *owner;            /* per token: the figure (index from first) it is of, or -1 */
	/* Per token: its classes in figure_grammar.tsv (phrase_class), looked
	 * up once, as the rules ask them of each token many times. */
	const unsigned *classes;
};

/* A noun phrase: tokens [first, last], and the figure (index within the
 * sentence) it runs into on the side it was read towards, -1 if none
 * ("1,240 work permits to foreign citizens, which": the permits). */
struct phrase {
	long first, last;
	long hit;
};

/* The helpers below are inline: the rules ask them of each token they
 * read, several times over, and a call would cost more than the answer. */

static inline const struct token *phrase_tok(const struct sent *s, long k)
{
	return &s->tk->v[k];
}

/* Is token k in the sentence? */
static inline bool phrase_in(const struct sent *s, long k)
{
	return k >= (long)s->s0 && k < (long)s->s1;
}

/* The classes of word t in figure_grammar.tsv (a mask of enum
 * grammar_class), 0 for a word it does not list or a token no word. */
static inline unsigned phrase_token_class(const struct tables *tables, const struct token *t)
{
	if (t->kind != TOKEN_WORD)
		return 0;
	const struct lex_entry *e = token_lookup(&tables->figure_grammar, t);
	return e ? e->value_tag : 0;
}

/* The classes of token k, 0 outside the sentence. */
static inline unsigned phrase_class(const struct sent *s, long k)
{
	return phrase_in(s, k) ? s->classes[k - (long)s->s0] : 0;
}

/* Is word k of class cls? */
static inline bool phrase_is(const struct sent *s, long k, enum grammar_class cls)
{
	return (phrase_class(s, k) & cls) != 0;
}

/* The figure (index within the sentence) that token k belongs to, -1 if none. */
static inline long phrase_figure_at(const struct sent *s, long k)
{
	return phrase_in(s, k) ? s->owner[k - (long)s->s0] : -1;
}

/* The longest entry of lx whose tokens end at token end; its first token in
 * *start. NULL if none, and where ends (key_ends.h: of lx's keys, or of
 * those the caller looks for; NULL for no filter) says that none of its
 * keys ends as token end does. */
const struct lex_entry *phrase_ending(const struct sent *s, const struct lexicon *lx,
				      const struct key_ends *ends, long end, long *start);

/* The entry of lx that starts at token k, one past its end in *end. */
const struct lex_entry *phrase_at(const struct sent *s, const struct lexicon *lx, long k,
				  long *end);

/* Is word k a verb here: an auxiliary, a negation, a word of level or
 * change or a reporting verb (unless a determiner before it or "of" after
 * it makes it a noun: "the cost of")? */
bool phrase_verb(const struct sent *s, long k);

/* Can word k be part of a noun phrase: no word of figure_grammar.tsv, no
 * verb, no figure? */
bool phrase_noun_like(const struct sent *s, long k);

/* Is word k a noun of a stretch of time ("year", "period", "half")? */
bool phrase_time_noun(const struct sent *s, long k);

/* The noun phrase that ends at token e, read leftwards; full: noun phrases
 * joined by prepositions ("the cost of the ferry"), else one only ("a
 * logistics park"). Leading determiners and trailing dates and adverbs are
 * left out. Returns false if none is there. */
bool phrase_left(const struct sent *s, long e, bool full, struct phrase *out);

/* The noun phrase that starts at token b, read rightwards ("gold" of "47.6
 * tons of gold", "the road to the checkpoint"). */
bool phrase_right(const struct sent *s, long b, struct phrase *out);

#endif
