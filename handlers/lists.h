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
#define PARAM_LIMIT {"limit", PARAM_COUNT, LIST_MAX_LIMIT, NULL, LIST_DEFAULT_LIMIT}
#define PARAM_OFFSET {"offset", PARAM_COUNT, 1000000000L, NULL, 0}
#define PARAM_PRETTY {"pretty", PARAM_FLAG, 1, NULL, 0}

/* Does item i of the list stay in the answer? */
typedef bool (*list_keep_fn)(const struct request *rq, const struct served_article *s, size_t i);

/* A list endpoint: which items of an article it shows, and their prebuilt
 * unfiltered first page. */
struct list_kind {
	const struct item_list *(*items)(const struct served_article *s);
	const struct prebuilt *(*unfiltered)(const struct served_article *s);
	list_keep_fn keep; /* NULL: every item */
};

/* Replies with the items that keep() accepts, paged by the request's limit
 * and offset, from the article of the path, or from those the article=
 * parameter names ("a,b" or "*" for all), each item then tagged with its
 * "article". The unfiltered first page of one article is prebuilt. */
void reply_list(const struct request *rq, struct reply *rp, const struct list_kind *kind);

#define PARAM_ARTICLE {"article", PARAM_STRING, 0, NULL, 0}

/* Replies with an envelope built by envelope() (taking it; NULL means out
 * of memory), indented for ?pretty. */
void reply_envelope(const struct request *rq, struct reply *rp, char *body, size_t len);

/* The value of a parameter by name: its text, or NULL when absent; its
 * number (PARAM_COUNT, PARAM_FLAG), or the spec's fallback when absent.
 * The answer cache keys on the same effective values (request_key.h). */
const char *query_text(const struct request *rq, const char *name);
long query_number(const struct request *rq, const char *name);

/* Case-insensitive substring test for filters ("petrov" in "Ivan Petrov"). */
bool contains_folded_text(const char *haystack, const char *needle);

/* True if the request has no section filter or one that names a section
 * of s; else fills rp with a 400 that lists where to find the ids. */
bool section_filter_ok(const struct request *rq, struct reply *rp, const struct served_article *s);

/* Does article s have a section with this id? */
bool has_section(const struct served_article *s, const char *id);

#endif
