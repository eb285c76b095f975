/* router.h - from a request line to a queued response: match the path
 * against the route table (routes.h), check the method, parse the query
 * into the request model (api/request.h), look in the loop's answer cache,
 * run the handler, respond.
 *
 * Routes of SCOPE_ARTICLE answer at the root for the default article and
 * under /articles/{id} for any article; no handler is written twice.
 */
#ifndef ARTICLED_ROUTER_H
#define ARTICLED_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "../served/catalog.h"
#include "respond.h"
#include "routes.h"

struct MHD_Connection;

/* Routes the request, runs its handler and queues the response on conn.
 * Returns libmicrohttpd's verdict (MHD_NO closes the connection). */
int router_serve(struct MHD_Connection *conn, const struct serve_context *ctx, const char *method,
		 const char *url, const char *body, size_t body_len, struct served *out);

/* Does a route read the body of this request (POST /parse)? Requests of
 * other routes with a body are answered on their head (405) and their
 * body is not read. */
bool router_reads_body(const char *method, const char *url);

/* The head of a request whose body a route reads: its media type must be
 * text/plain in UTF-8 (415), its Content-Length at most max (413), checked
 * before a byte of the body is read. Returns 0, or the status with the
 * reason in detail. */
int router_check_body_head(struct MHD_Connection *conn, size_t max, char *detail, size_t cap);

/* libmicrohttpd's MHD_OPTION_UNESCAPE_CALLBACK: decodes %XX in the path
 * and in query keys and values, in place, and returns the decoded length.
 * A string that decodes to one holding a NUL byte is left empty with its
 * full length returned, so that router_serve refuses it (400) instead of
 * serving what the NUL would cut it to. */
size_t router_unescape(void *cls, struct MHD_Connection *conn, char *s);

/* ---- pure parts, without libmicrohttpd (tested and fuzzed alone) ---- */

enum { ROUTE_PARAM_MAX = 128 };

struct route_match {
	const struct route *route;
	int index; /* in the route table */
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

#endif
