/* list_engine.h - every list resource, answered in one place.
 *
 * A list route's entry in the route table says where its items come from
 * (struct list_resource: one of the article's lists, or the catalog's
 * articles) and which of its parameters filter them (each with the filter
 * it applies, struct param_spec.keep). list_reply is their handler: the
 * unfiltered first page is prebuilt; else it selects the items every
 * given filter keeps, across the articles article= names, pages them, and
 * writes them into the envelope (list_envelope.h).
 */
#ifndef ARTICLED_LIST_ENGINE_H
#define ARTICLED_LIST_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "reply.h"
#include "request.h"

/* The handler of every route whose list.source is not LIST_NONE. */
int list_reply(const struct request *rq, struct reply *rp);

/* The filter of section= on a list of article items: the item is in the
 * section of that id. */
bool list_keep_section(const struct request *rq, const struct served_article *s, size_t i);

/* Parameters of the lists of article items. */
#define PARAM_SECTION_FILTER                                                               \
	{.name = "section", .type = PARAM_SECTION, .field = QUERY_FIELD(section),          \
	 .keep = list_keep_section}
#define PARAM_ARTICLES_PICK                                                                \
	{.name = "article", .type = PARAM_ARTICLES, .field = QUERY_FIELD(articles)}

#endif
