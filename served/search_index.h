/* search_index.h - the words of an article, indexed at load, so that a
 * search costs what it finds rather than the length of the article.
 *
 * /search used to compare every term at every word start of every
 * paragraph: about 10 ms per MB of text for each distinct query, all of it
 * while the serving loop waits (ten queries on a 50 MB article kept
 * /healthz waiting 2.8 s). The index holds every word start of the
 * article with the word folded to lower case, grouped by word in sorted
 * order, so a term's occurrences are one binary search away: the
 * occurrences of every word that begins with it are one contiguous run.
 * The answers are those of search_text() (word_search.h), term for term
 * and offset for offset; the tests compare the two.
 *
 * A query looks at each occurrence of its terms once to find the
 * paragraphs that hold them all, then at those in the paragraphs of the
 * page asked for. Terms that occur in too many places together (single
 * letters on a huge article) would still take long: such a query is
 * refused rather than run (SEARCH_BUDGET).
 */
#ifndef ARTICLED_SEARCH_INDEX_H
#define ARTICLED_SEARCH_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "../parser/model.h"
#include "../text/word_search.h"

/* What one query may cost, in occurrences looked at; reading the text
 * after one (for a term that goes on for more than a few characters after
 * its first word) counts as SEARCH_TEXT_READ_COST of them. Measured here:
 * some 3 ns per occurrence and 100 ns per read (a cache miss), so the
 * worst query allowed holds its loop about 6 ms. */
enum { SEARCH_BUDGET = 2000000, SEARCH_TEXT_READ_COST = 32 };

/* Matches listed per paragraph (all are counted). */
enum { SEARCH_MATCHES_LISTED = 64 };

struct search_index;

/* The index of a's paragraphs (a must outlive it). The words of the
 * n_also texts at also (an article's title and subtitle) join its
 * vocabulary with no occurrence, so that the catalog's word index
 * (list_index.h) finds every word of an article in one place, made on
 * the article's loader thread: a search finds nothing at them. NULL when
 * out of memory. */
struct search_index *search_index_build(const struct article *a, const struct paragraph *also,
				       size_t n_also);

void search_index_free(struct search_index *ix);

/* One paragraph that holds every term. */
struct search_hit {
	size_t section, paragraph;
	size_t n_matches; /* listed: at most SEARCH_MATCHES_LISTED, first in the text */
	struct search_match matches[SEARCH_MATCHES_LISTED];
};

struct search_page {
	size_t total;            /* paragraphs with every term */
	size_t n;                /* of them on this page */
	struct search_hit *hits; /* n, in the order of the text (malloc'd) */
};

enum search_result { SEARCH_OK, SEARCH_TOO_BROAD, SEARCH_NO_MEMORY };

/* The paragraphs (of section `section`, or of all when it is (size_t)-1)
 * that contain every term of t, counted, and those from offset on, at
 * most limit, with their matches. */
enum search_result search_index_find(const struct search_index *ix, const struct search_terms *t,
				     size_t section, size_t offset, size_t limit,
				     struct search_page *page);

/* Does term k of t occur anywhere in the paragraphs? */
bool search_index_has(const struct search_index *ix, const struct search_terms *t, size_t k);

void search_page_free(struct search_page *page);

/* The distinct words of the index (folded, as a term's first word is),
 * those of the texts it was given as `also` included, and the i-th of
 * them in sorted order, n bytes (not NUL-terminated). */
size_t search_index_vocabulary(const struct search_index *ix);
const char *search_index_word(const struct search_index *ix, size_t i, size_t *n);

#endif
