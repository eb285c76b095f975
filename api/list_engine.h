/* list_engine.h - every list resource, answered in one place.
 *
 * A list route's entry in the route table says where its items come from
 * (struct list_resource: one of the article's lists, or the catalog's
 * articles) and which of its parameters filter them (each with the filter
 * it applies, struct param_spec.keep). list_reply is their handler: the
 * unfiltered first page is prebuilt; else it selects the items every
 * given filter keeps, across the articles article= names (merging those
 * that are one thing, where the list says how: struct list_merge), pages
 * them, and writes them into the envelope (list_envelope.h).
 */
#ifndef ARTICLED_LIST_ENGINE_H
#define ARTICLED_LIST_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "../text/jsonbuf.h"
#include "reply.h"
#include "request.h"

/* An item of a list: item `index` of article s's list (for the list of
 * articles, the entry of s). */
struct item_ref {
	const struct served_article *s;
	size_t index;
};

/* How a list's items merge across articles: the items that the filters
 * keep and that have one key (the same person in two articles) are one
 * item of the answer, in the place of the first, written from all of
 * them. */
struct list_merge {
	/* The key of an item, as its bytes: across every article the
	 * engine reads the groups from the column of this value. */
	item_value_fn key;
	/* Writes the one item of the n items of a key, in the order of the
	 * articles article= gives. */
	void (*write)(struct jsonbuf *b, const struct item_ref *items, size_t n);
};

/* The handler of every route whose list.source is not LIST_NONE. */
int list_reply(const struct request *rq, struct reply *rp);

/* For a list answered by its own handler (/search): a writer of the
 * request's format, its items written into b. */
void list_writer_init(struct list_writer *w, const struct request *rq, struct jsonbuf *b);

/* The list written with w (list_end called) as rp's body, in its format,
 * with its Link header and, for CSV and NDJSON, a file name. */
int list_finish(const struct request *rq, struct reply *rp, struct list_writer *w,
		const struct page *p);

/* The Link header of page p of the list rq asks for: first, prev, next
 * and last, each the request's path and parameters with its offset;
 * NULL when the page is the whole list (malloc'd). */
char *list_links(const struct request *rq, const struct page *p);

/* The filter of section= on a list of article items: the item is in the
 * section of that id. */
bool list_keep_section(const struct request *rq, const struct served_article *s, size_t i);

/* What list_keep_section reads: the id of the item's section. */
void list_section_value(const struct served_article *s, enum served_list list, size_t i,
			struct jsonbuf *key);

/* Parameters of the lists of article items. */
#define PARAM_SECTION_FILTER                                                               \
	{.name = "section", .type = PARAM_SECTION, .field = QUERY_FIELD(section),          \
	 .keep = list_keep_section, .value = list_section_value}
#define PARAM_ARTICLES_PICK                                                                \
	{.name = "article", .type = PARAM_ARTICLES, .field = QUERY_FIELD(articles)}

#endif
