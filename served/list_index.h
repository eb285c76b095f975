/* list_index.h - what a filtered list across every article needs so as
 * not to visit every item of every article to count its total: built
 * once at the merge of a generation (catalog.c), read by the filters.
 *
 * - For each value of an enum filter (a quote's kind, a figure's kind
 *   and change), the items of that value in each article.
 * - The distinct speakers of the quotes, each a pair of folded texts
 *   (the resolved speaker, the speaker as written), with the articles
 *   that quote it and how many times: speaker= matches the pairs, not
 *   every quote, and reaches only the articles that have a match.
 *
 * Counts are per article of the catalog, by its index there. The list
 * engine adds up counts for the total and visits only the articles that
 * hold the page (api/list_engine.c).
 */
#ifndef ARTICLED_LIST_INDEX_H
#define ARTICLED_LIST_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../parser/model.h"
#include "served_article.h"

/* The quotes of one distinct speaker pair in one article. */
struct speaker_posting {
	uint32_t article, count;
};

/* A distinct pair of a quote's speaker texts, folded (NULL where the
 * quote has none, or it is too long to fold: such a text matches
 * nothing, as fold_contains says), with its postings in article order. */
struct speaker_pair {
	char *speaker, *as_written; /* owned */
	struct speaker_posting *postings;
	size_t n_postings, cap;
};

/* A distinct word of the articles' titles, subtitles and paragraphs,
 * folded as the search index folds it, with the articles that have it
 * (in order). */
struct indexed_word {
	const char *text; /* len bytes, in list_index.word_bytes */
	size_t len;
	uint32_t *articles;
	size_t n_articles, cap;
};

enum { FIGURE_CHANGE_COUNT = FIGURE_DECREASE + 1 };

struct list_index {
	size_t n_articles;
	uint32_t *quote_kind[QUOTE_INDIRECT + 1];  /* [kind][article] */
	uint32_t *figure_kind[FIGURE_KIND_COUNT];  /* [kind][article] */
	uint32_t *figure_change[FIGURE_CHANGE_COUNT]; /* [change][article] */
	struct speaker_pair *speakers;
	size_t n_speakers;
	struct indexed_word *words; /* sorted by their bytes */
	size_t n_words;
	uint32_t *postings; /* every word's articles, one word after another */
	char *word_bytes;
};

/* Builds the index of n articles. Returns 0, or -1 when out of memory
 * (having freed what it made). */
int list_index_build(struct list_index *x, const struct served_article *articles, size_t n);

void list_index_free(struct list_index *x);

/* Adds the counts of one value (one of the arrays above) to counts;
 * returns their sum. */
size_t list_index_add_counts(const struct list_index *x, const uint32_t *of_value,
			     uint32_t *counts);

/* Adds to counts[a] (n_articles of them) the quotes of article a whose
 * speaker or speaker as written holds needle, both folded: what
 * fold_contains(speaker, needle) || fold_contains(as_written, needle)
 * gives for each quote. Returns the total. */
size_t list_index_count_speaker(const struct list_index *x, const char *needle, uint32_t *counts);

/* Sets has[a] for each article a whose title, subtitle or a paragraph
 * has a word that begins with the term cp[0..len) (folded code points):
 * what search_text() finds there for a term of letters and digits alone.
 * Returns false, setting nothing, for a term with another character
 * (for the caller to search the texts). */
bool list_index_term_articles(const struct list_index *x, const uint32_t *cp, size_t len,
			      unsigned char *has);

#endif
