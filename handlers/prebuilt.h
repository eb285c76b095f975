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

/* zlib levels. A prebuilt body is compressed once and served forever: the
 * best there is. An answer built for a request is compressed while its
 * loop waits, so the level is the one that pays for itself. Measured on
 * answers of 95 and 111 KB (/quotes and /figures of 21 articles, best of
 * 15 runs here): level 1 took 1.2 ms for 26.7% and 22.2% of the size,
 * level 6 3.2 ms for 22.1% and 18.2%, level 9 5.5 and 6.7 ms for 21.7%
 * and 17.7%. Level 9 saves 5 KB more than level 1 for 4.5 ms more: worth
 * it only to a client slower than about 9 Mbit/s, and paid for by every
 * other client of the loop, which waits. Level 1 saves 70 KB for 1.2 ms. */
enum { GZIP_LEVEL_PREBUILT = 9, GZIP_LEVEL_PER_REQUEST = 1 };

/* Compresses in gzip format at a zlib level (1 to 9); returns a malloc'd
 * buffer and its length in *out_len, or NULL when out of memory or when it
 * would not be smaller. */
char *gzip_compress(const char *in, size_t len, int level, size_t *out_len);

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
