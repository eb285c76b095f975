/* respond.h - turns a reply into a queued libmicrohttpd response: the one
 * place that sends JSON, problem+json errors and OPTIONS answers. */
#ifndef ARTICLED_RESPOND_H
#define ARTICLED_RESPOND_H

#include <stdbool.h>

#include "http.h"
#include "router.h"

struct MHD_Connection;

/* The methods every resource allows, for Allow headers. */
extern const char ALLOWED_METHODS[];

struct response_cache;

/* The loop's cache of answers built per request, and this request's key
 * in it (request_key.h). */
struct answer_cache_use {
	struct response_cache *cache;
	const char *key;
	size_t key_len;
};

/* If the cache holds an answer for this key (and the encodings the client
 * takes), queues it, or its 304, and returns true with libmicrohttpd's
 * verdict in *rc. */
bool respond_cached(struct MHD_Connection *conn, const struct answer_cache_use *use,
		    struct served *out, int *rc);

/* Queues the reply: a prebuilt in the encoding the client accepts (or its
 * 304 if If-None-Match matches), a body built for this request (ETag, gzip,
 * 304 alike; kept in use->cache when use is not NULL), or, for status >=
 * 400, problem+json. Frees rp->body. */
int respond(struct MHD_Connection *conn, const struct request *rq, struct reply *rp,
	    const struct http_config *http, const struct answer_cache_use *use, struct served *out);

/* Queues a problem+json error that closes the connection after it: for a
 * request refused before routing (its framing cannot be trusted, its
 * headers are too large), after which nothing more is read. */
int respond_refusal(struct MHD_Connection *conn, const struct http_config *http, int status,
		    const char *detail, const char *instance, struct served *out);

/* 204 to OPTIONS: Allow, and for a CORS preflight the Access-Control-*
 * headers (echoing allow_headers when given). */
int respond_options(struct MHD_Connection *conn, const struct http_config *http, const char *allow,
		    bool cors_preflight, const char *allow_headers, struct served *out);

/* The problem+json body of a status and detail (malloc'd), as RFC 9457 has
 * it: {"type":"about:blank","title":...,"status":...,"detail":...}. */
char *problem_json(int status, const char *detail, const char *param, const char *instance,
		   size_t *len);

#endif
