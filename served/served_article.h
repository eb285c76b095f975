/* served_article.h - everything served of one article, made when it is
 * loaded: the JSON of every item of its lists, the answers that cannot
 * change (each list unfiltered, /article, each /sections/{id}), the entry
 * /articles lists and the index /search reads.
 *
 * Preparing one article reads only that article and the data tables, and
 * touches nothing shared, so that articles may be prepared apart (one
 * thread each) before the catalog merges them (catalog.h).
 */
#ifndef ARTICLED_SERVED_ARTICLE_H
#define ARTICLED_SERVED_ARTICLE_H

#include <stddef.h>

#include "../parser/model.h"
#include "item_list.h"
#include "representation.h"

struct search_index;

/* Where the body of a /sections/{id} is made from: item index of items. */
struct section_body {
	const struct item_list *items;
	size_t index;
};

struct served_article {
	struct article *model; /* owned */
	const char *id;        /* the model's id: slug of the file name */
	const char *file;      /* the file it was read from (for logs only; never served) */
	/* Its representations, small (representation.h) until the catalog
	 * makes those of the default article whole. */
	struct representation meta;                   /* /article */
	struct item_list *items;                      /* each list's items: LIST_KINDS, owned */
	struct representation first_page[LIST_KINDS]; /* each list unfiltered: its first page */
	struct representation *section;               /* /sections/{id}: its item's JSON */
	struct section_body *section_body;            /* what each is made from */
	char *summary;                                /* its entry of /articles (the catalog takes it) */
	size_t summary_len;
	struct search_index *index; /* the words of its paragraphs, for /search */
};

/* Makes everything that is served of one article (its model, read from
 * file, whose base name it copies). Takes ownership of model, which is
 * freed on failure. Returns 0, or -1 with the reason in why ("figure f3
 * could not be written as JSON", "out of memory"): a failure of that
 * article alone. */
int served_article_prepare(struct served_article *s, struct article *model, const char *file,
			   char *why, size_t whylen);

/* Frees what served_article_prepare made, model included. */
void served_article_free(struct served_article *s);

/* The number of representations s holds, and the i-th of them: how the
 * catalog numbers them all. */
size_t served_article_representations(const struct served_article *s);
struct representation *served_article_representation(struct served_article *s, size_t i);

#endif
