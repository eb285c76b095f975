/* router.h - from a request line to a queued response.
 *
 * The route table (router.c) is data: pattern, scope, handler, parameters.
 * Routes of SCOPE_ARTICLE answer at the root for the default article and
 * under /articles/{id} for any article; no handler is written twice.
 */
#ifndef ARTICLED_ROUTER_H
#define ARTICLED_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "http.h"

struct MHD_Connection;

/* What was served, for the request log and the metrics. */
struct served {
	int status;
	size_t bytes;  /* body bytes sent (0 for HEAD and 304) */
	bool head;     /* a HEAD request: the response goes without its body */
	int route;     /* index in the route table, -1 if none matched */
	bool scoped;   /* under /articles/{id} */
};

struct response_cache;

/* Routes the request, runs its handler and queues the response on conn.
 * cache is the loop's cache of answers built per request (NULL: none).
 * Returns libmicrohttpd's verdict (MHD_NO closes the connection). */
int router_serve(struct MHD_Connection *conn, const struct catalog *cat, const char *method,
		 const char *url, struct response_cache *cache, struct served *out);

/* libmicrohttpd's MHD_OPTION_UNESCAPE_CALLBACK: decodes %XX in the path
 * and in query keys and values, in place, and returns the decoded length.
 * A string that decodes to one holding a NUL byte is left empty with its
 * full length returned, so that router_serve refuses it (400) instead of
 * serving what the NUL would cut it to. */
size_t router_unescape(void *cls, struct MHD_Connection *conn, char *s);

/* The route table, for /metrics labels. */
size_t router_route_count(void);
const char *router_route_name(size_t i, bool scoped);

/* ---- pure parts, without libmicrohttpd (tested and fuzzed alone) ---- */

enum { ROUTE_PARAM_MAX = 128 };

struct route_match {
	const struct route *route;
	int index;
	bool scoped;
	const struct served_article *article;
	char param[ROUTE_PARAM_MAX]; /* the {id}, NUL-terminated */
	bool has_param;
};

/* Matches path against the table. Returns 0 with m filled; 404 with a
 * message in detail when nothing matches (unknown path, or unknown article
 * under /articles/). */
int router_match(const struct catalog *cat, const char *path, struct route_match *m,
		 char *detail, size_t detail_len);

/* Checks n query parameters (decoded keys and values; a value may be
 * NULL for "?pretty") against the route's specification. Returns true, or
 * false with a 400 in rp naming the parameter and what is accepted. */
bool query_parse(const struct route *route, const char *const *keys, const char *const *values,
		 size_t n, struct query *q, bool *pretty, struct reply *rp);

#endif
