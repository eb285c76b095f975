/* list_envelope.h - the envelope every list is served in, written in this
 * one place: {"total":T,"offset":O,"limit":L,"items":[...]}, `total`
 * counting the matches before paging. The unfiltered first pages built at
 * load, the filtered lists built per request, /search and /articles all
 * write it here.
 */
#ifndef ARTICLED_LIST_ENVELOPE_H
#define ARTICLED_LIST_ENVELOPE_H

#include <stddef.h>

#include "../text/jsonbuf.h"
#include "item_list.h"

/* Paging: what limit is when not given, and the bounds of limit and offset. */
enum { LIST_DEFAULT_LIMIT = 50, LIST_MAX_LIMIT = 1000 };
#define LIST_MAX_OFFSET 1000000000L

/* A page of a list: how many items match, and which of them it shows. */
struct page {
	size_t total, offset, limit;
};

/* Opens the envelope: "{", the members of leading (JSON text of members
 * with a comma after each, as "\"query\":[...],"; NULL for none), the
 * paging members and "\"items\":[". The items follow, comma-separated. */
void envelope_begin(struct jsonbuf *b, const struct page *p, const char *leading);

/* Closes it: "]}". */
void envelope_end(struct jsonbuf *b);

/* The first page of l unfiltered, as a list request without a query gets
 * it: every item up to LIST_DEFAULT_LIMIT, in the envelope (malloc'd, its
 * length in *len; NULL when out of memory). */
char *envelope_first_page(const struct item_list *l, size_t *len);

#endif
