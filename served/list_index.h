/* list_index.h - the words of every article, for /articles?q= across a
 * large catalog: built once at the merge of a generation (catalog.c).
 * Every distinct folded word of the titles, subtitles and paragraphs has
 * the articles that hold it, so that a term of letters and digits finds
 * its articles by one bisection instead of a search of every text. (The
 * filters of the lists of items read served/item_columns.h instead.)
 */
#ifndef ARTICLED_LIST_INDEX_H
#define ARTICLED_LIST_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../parser/model.h"
#include "served_article.h"

/* A distinct word of the articles' titles, subtitles and paragraphs,
 * folded as the search index folds it, with the articles that have it
 * (in order). */
struct indexed_word {
	const char *text; /* len bytes, in list_index.word_bytes */
	size_t len;
	size_t n_articles;
	size_t posted;      /* where its articles start in list_index.postings */
	uint32_t *articles; /* while the index is built (then NULL) */
	size_t cap;
};

struct list_index {
	size_t n_articles;
	struct indexed_word *words; /* sorted by their bytes */
	size_t n_words;
	/* Every word's articles, one word after another, each the distance
	 * from the one before as a varint (7 bits a byte, the high bit set
	 * on all but the last byte). */
	unsigned char *postings;
	char *word_bytes;
};

/* Builds the index of n articles. Returns 0, or -1 when out of memory
 * (having freed what it made). */
int list_index_build(struct list_index *x, const struct served_article *articles, size_t n);

void list_index_free(struct list_index *x);

/* Sets has[a] for each article a whose title, subtitle or a paragraph
 * has a word that begins with the term cp[0..len) (folded code points):
 * what search_text() finds there for a term of letters and digits alone
 * (*exact set). For a term with other characters ("u.s", "port,"), the
 * articles that have each of its runs of letters and digits as a word
 * (the last as the beginning of one): where search_text() can find it,
 * for the caller to search (*exact clear). Returns false, setting
 * nothing, when the term begins with another character. */
bool list_index_term_articles(const struct list_index *x, const uint32_t *cp, size_t len,
			      unsigned char *has, bool *exact);

#endif
