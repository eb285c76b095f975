/* lists.h - filtered, paged lists in the envelope of the contract:
 * {"total":T,"offset":O,"limit":L,"items":[...]}. */
#ifndef ARTICLED_LISTS_H
#define ARTICLED_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "http.h"

enum { LIST_DEFAULT_LIMIT = 50, LIST_MAX_LIMIT = 1000 };

/* Parameters of every list: PARAM_LIMIT and PARAM_OFFSET entries. */
#define PARAM_LIMIT {"limit", PARAM_COUNT, LIST_MAX_LIMIT, NULL}
#define PARAM_OFFSET {"offset", PARAM_COUNT, 1000000000L, NULL}
#define PARAM_PRETTY {"pretty", PARAM_FLAG, 1, NULL}

/* Does item i of the list stay in the answer? */
typedef bool (*list_keep_fn)(const struct request *rq, const struct served_article *s, size_t i);

/* Replies with the items of list that keep() accepts (all if keep is
 * NULL), paged by the request's limit and offset. The unfiltered first
 * page is the prebuilt unfiltered. */
void reply_list(const struct request *rq, struct reply *rp, const struct served_article *s,
		const struct item_list *list, const struct prebuilt *unfiltered, list_keep_fn keep);

/* Replies with an envelope built by envelope() (taking it; NULL means out
 * of memory), indented for ?pretty. */
void reply_envelope(const struct request *rq, struct reply *rp, char *body, size_t len);

/* The value of a parameter by name, or NULL / fallback. */
const char *query_text(const struct request *rq, const char *name);
long query_number(const struct request *rq, const char *name, long fallback);

/* Case-insensitive substring test for filters ("putin" in "Vladimir Putin"). */
bool contains_folded_text(const char *haystack, const char *needle);

/* True if the request has no section filter or one that names a section
 * of s; else fills rp with a 400 that lists where to find the ids. */
bool section_filter_ok(const struct request *rq, struct reply *rp, const struct served_article *s);

#endif
