/* figures_extract.h - what the files of the figure extractor share: a figure as
 * found in a paragraph's tokens, before it is copied into the article.
 *
 * figures_extract.c reads a number and what follows it; figure_dates.c reads
 * dates; figure_nouns.c the noun a count counts; numbers.c the amounts.
 */
#ifndef ARTICLED_FIGURES_EXTRACT_H
#define ARTICLED_FIGURES_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"

struct found {
	enum figure_kind kind;
	size_t first, last; /* tokens [first, last) of the surface text; last 0: none */
	double number;      /* a range's lower bound */
	bool range;
	double number_to;   /* a range's upper bound */
	char date[40];      /* "YYYY-MM-DD", "YYYY-MM", "YYYY"; empty if relative */
	char date_to[16];   /* a range of years' last year, else empty */
	bool relative;
	/* "one case": a count only if the article counts the same noun
	 * elsewhere ("twelve fires"); figures_extract decides at the end. */
	bool tentative;
	/* "12 million" with no noun after it: counts what the figure before
	 * it in the sentence measures, if there is one (figures_extract). */
	bool elliptic;
	const char *unit;   /* static or table string, copied into the arena on emit */
	size_t unit_start, unit_end; /* or: bytes of the paragraph, when unit is NULL */
};

/* Where an emitted figure is: paragraph (index into the context's
 * paragraphs) and tokens [first, last); tentative as in struct found. */
struct figure_span {
	size_t para, first, last;
	bool tentative;
};

/* Reads what the sentences say about each of the n figures of v (spans
 * say where each is): measure, change, qualifier, per, period and
 * compared_to (figure_context.c). v is the article's final array, so that
 * period and compared_to may point into it. Returns -1 when out of memory. */
int figure_context(struct extract_ctx *x, struct figure *v, const struct figure_span *spans,
		   size_t n);

/* Is token k a hyphen glued between a number and a word ("2000-ies",
 * "16-year-old", "2.5-fold")? The word is token k + 1. */
static inline bool figure_glued_suffix(const struct tokens *tk, size_t k)
{
	return k + 1 < tk->n && token_is_punct(&tk->v[k], '-') && !tk->v[k].space_before &&
	       tk->v[k + 1].kind == TOKEN_WORD && !tk->v[k + 1].space_before;
}

/* A date at token i: spelled with a month ("22 December 2019", "December
 * 2022", "July last year"), in digits ("14.07.2018"), or relative ("last
 * year"). Returns the tokens used, 0 if none. */
size_t figure_date_at(const struct extract_ctx *x, const struct tokens *tk, size_t i,
		      struct found *f);

/* A range of years at token i: "2019-2021", "2017-21" (the upper end
 * takes the century of the lower), "from 2017 to 2019", "between 2017 and
 * 2019", with "years" after it in its text. One date figure, a period,
 * valued at its first year with its last in date_to. Returns the tokens
 * used, 0 if no range of years starts at i. */
size_t figure_year_range_at(const struct tables *t, const struct tokens *tk, size_t i,
			    struct found *f);

/* The year at token i (a four-digit numeral), with "year" or "of the year"
 * after it taken into its text ("2017 year"). A year that stands for a
 * decade ("the 2000-ies", "from the end of the 1980 to") is used up
 * with no figure (f->last 0). Returns the tokens used. */
size_t figure_year_at(const struct extract_ctx *x, const struct tokens *tk, size_t i,
		      struct found *f);

/* "year" or "of the year" at token k, after a year (a year-after word of
 * figure_words.tsv): translations from Russian write "in 2017 year" for
 * "в 2015 году", and it is part of the date's text. Returns the tokens it
 * takes, 0 if none is there. */
size_t figure_year_suffix(const struct tables *t, const struct tokens *tk, size_t k);

/* Does word t have the role (a bit of enum figure_word_role) in
 * figure_words.tsv? Inline: asked of most tokens that may start a
 * figure, and mostly answered by the token's bits alone. */
static inline bool figure_word_is(const struct extract_ctx *x, const struct token *t,
				  enum figure_word_role role)
{
	const struct lex_entry *e = token_lookup(&x->t->figure_words, t);
	return e != NULL && (e->value_tag & role);
}

/* Is token i a four-digit numeral that may be a year (1800 to 2100)? */
bool figure_is_year(const struct tokens *tk, size_t i);

/* The noun phrase a number counts, starting at token j: modifiers
 * ("new", "Chinese", "official and training"), then the noun ("jobs",
 * "TORs", "work permits"). Returns the index of its last token and stores
 * the first token of the unit (the noun, as written) in *unit_first; 0 if
 * no counted noun starts at j. */
size_t figure_counted_noun(const struct extract_ctx *x, const struct tokens *tk, size_t j,
			   size_t *unit_first);

/* Capitals of two letters or more, with an optional plural "s": "LNG",
 * "TORs". Returns the number of capitals, 0 if the word is no acronym;
 * *plural says whether it ends in the "s". */
size_t figure_acronym(const struct tokens *tk, const struct token *t, bool *plural);

/* Adds to lx the singulars that a count's unit as written may be the
 * plural of ("cases": "case"; "companies": "company"; "people": "person",
 * from figure_words.tsv), and the word itself; strings go to arena.
 * Returns -1 when out of memory. */
int figure_add_singulars(const struct tables *t, struct lexicon *lx, struct arena *arena,
			 const char *unit);

/* Does lx (built by figure_add_singulars) hold the last word of unit? */
bool figure_counted_before(const struct lexicon *lx, const char *unit);

#endif
