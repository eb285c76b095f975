/* respond.h - turns a reply into a queued libmicrohttpd response: the one
 * place that sends representations, bodies built per request,
 * problem+json errors and OPTIONS answers. */
#ifndef ARTICLED_RESPOND_H
#define ARTICLED_RESPOND_H

#include <stdbool.h>
#include <stddef.h>

#include "../api/reply.h"
#include "../api/request.h"
#include "ready_responses.h"
#include "response_headers.h"

struct MHD_Connection;
struct answer_cache;

/* What was served, for the request log and the metrics. */
struct served {
	int status;
	size_t bytes; /* body bytes sent (0 for HEAD and 304) */
	bool head;    /* a HEAD request: the response goes without its body */
	int route;    /* index in the route table, -1 if none matched */
	bool scoped;  /* under /articles/{id} */
};

/* What a serving loop answers from: the catalog of its snapshot and the
 * responses made for it, the process's headers, and its own cache. */
struct serve_context {
	const struct catalog *catalog;
	const struct ready_responses *ready;
	const struct http_config *http;
	struct answer_cache *cache; /* answers built per request; NULL: none */
};

/* The loop's cache of answers built per request, and this request's key
 * in it (request_key). */
struct answer_cache_use {
	struct answer_cache *cache;
	const char *key;
	size_t key_len;
};

/* If the cache holds an answer for this key (and the encodings the client
 * takes), queues it, or its 304, and returns true with libmicrohttpd's
 * verdict in *rc. */
bool respond_cached(struct MHD_Connection *conn, const struct answer_cache_use *use,
		    struct served *out, int *rc);

/* Queues the reply: a representation in the encoding the client accepts
 * (or its 304 if If-None-Match matches), a body built for this request
 * (ETag, gzip, 304 alike; kept in use->cache when use is not NULL), or,
 * for status >= 400, problem+json (with Allow for a 405). Frees rp->body. */
int respond(struct MHD_Connection *conn, const struct serve_context *ctx, const struct request *rq,
	    struct reply *rp, const struct answer_cache_use *use, struct served *out);

/* Queues a problem+json error that closes the connection after it: for a
 * request refused before routing (its framing cannot be trusted, its
 * headers are too large), after which nothing more is read. */
int respond_refusal(struct MHD_Connection *conn, const struct http_config *http, int status,
		    const char *detail, const char *instance, struct served *out);

/* 503 while the first generation of articles loads: for /healthz (when
 * healthz) {"status":"loading","loaded":N,"total":M}, so that a readiness
 * probe waits; for any other request a problem+json saying so. Both with
 * Retry-After and Cache-Control: no-store. */
int respond_loading(struct MHD_Connection *conn, const struct http_config *http, bool healthz,
		    size_t loaded, size_t total, const char *instance, struct served *out);

/* 204 to OPTIONS: Allow, and for a CORS preflight the Access-Control-*
 * headers (echoing allow_headers when given). */
int respond_options(struct MHD_Connection *conn, const struct http_config *http, const char *allow,
		    bool cors_preflight, const char *allow_headers, struct served *out);

#endif
