/* response_headers.h - the headers every response carries (identity,
 * nosniff, CORS), fixed for the life of the process; and the response
 * that sends a representation, with its own (ETag, Cache-Control, Vary,
 * Content-Encoding, Content-Type).
 */
#ifndef ARTICLED_RESPONSE_HEADERS_H
#define ARTICLED_RESPONSE_HEADERS_H

#include <stdbool.h>
#include <stddef.h>

#include "../served/representation.h"

struct MHD_Response;

/* What the process says in every answer. */
struct http_config {
	const char *server;      /* Server header value: "articled/1.0.0" */
	const char *cors_origin; /* Access-Control-Allow-Origin, NULL for no CORS */
};

/* Adds Server, X-Content-Type-Options and the CORS headers. Returns false
 * if libmicrohttpd refused one. */
bool add_common_headers(struct MHD_Response *r, const struct http_config *cfg);

/* A response with every header of a representation: common, ETag,
 * Cache-Control, Vary, Content-Encoding, and Content-Type unless NULL (a
 * 304). owned: libmicrohttpd frees body with the response (malloc'd);
 * else body must outlive it. NULL when out of memory (an owned body is
 * freed then too). */
struct MHD_Response *representation_response(char *body, size_t len, bool owned,
					     const char *content_type, const char *etag,
					     enum encoding enc, const char *vary,
					     const struct http_config *cfg);

#endif
