/* prebuilt.h - a representation built once and served many times: the JSON
 * body, its gzip form, their strong ETags, and ready libmicrohttpd
 * responses (200 and 304) with every header already set.
 *
 * Serving one costs a lookup and MHD_queue_response: no allocation,
 * serialization or copying per request. A prebuilt is immutable once made,
 * so every serving thread shares it.
 */
#ifndef ARTICLED_PREBUILT_H
#define ARTICLED_PREBUILT_H

#include <stdbool.h>
#include <stddef.h>

struct MHD_Response;

/* Headers every response carries: identity and CORS. Fixed for the life
 * of the process. */
struct http_config {
	const char *server;      /* Server header value: "articled/1.0.0" */
	const char *cors_origin; /* Access-Control-Allow-Origin, NULL for no CORS */
};

enum encoding { ENC_IDENTITY, ENC_GZIP, ENC_COUNT };

enum { ETAG_MAX = 32 };

struct prebuilt {
	char *body[ENC_COUNT]; /* owned; body[ENC_GZIP] NULL when gzip would not help */
	size_t len[ENC_COUNT];
	char etag[ENC_COUNT][ETAG_MAX]; /* quoted: "\"9f2c...\"" */
	struct MHD_Response *ok[ENC_COUNT];
	struct MHD_Response *not_modified[ENC_COUNT];
};

/* Makes a prebuilt of body (taking ownership; freed by prebuilt_free even
 * on failure). vary lists the request headers the body depends on
 * ("Accept-Encoding", or "Accept, Accept-Encoding"). Returns 0, or -1 when
 * out of memory. */
int prebuilt_init(struct prebuilt *p, char *body, size_t len, const char *content_type,
		  const char *vary, const struct http_config *cfg);

/* Destroys the responses and frees the bodies. NULL or zeroed is a no-op. */
void prebuilt_free(struct prebuilt *p);

/* Writes the strong ETag of body into out (quoted, NUL-terminated). */
void etag_of(const char *body, size_t len, enum encoding enc, char out[ETAG_MAX]);

/* Compresses in gzip format; returns a malloc'd buffer and its length in
 * *out_len, or NULL when out of memory or when it would not be smaller. */
char *gzip_compress(const char *in, size_t len, size_t *out_len);

/* A response with every header of a representation: common, ETag,
 * Cache-Control, Vary, Content-Encoding, and Content-Type unless NULL (a
 * 304). owned: libmicrohttpd frees body with the response (malloc'd);
 * else body must outlive it. NULL when out of memory (an owned body is
 * freed then too). */
struct MHD_Response *representation_response(char *body, size_t len, bool owned,
					     const char *content_type, const char *etag,
					     enum encoding enc, const char *vary,
					     const struct http_config *cfg);

/* Adds the headers every response carries (Server, nosniff, CORS) and the
 * caching headers of a representation (ETag, Cache-Control, Vary).
 * Returns false if libmicrohttpd refused one. */
bool add_common_headers(struct MHD_Response *r, const struct http_config *cfg);
bool add_representation_headers(struct MHD_Response *r, const char *etag, enum encoding enc,
				const char *vary);

#endif
