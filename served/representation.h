/* representation.h - a body as it is served: its bytes, their gzip form,
 * the strong ETag of each, and what describes it (content type, the
 * request headers it varies by).
 *
 * What cannot change until the next reload (every answer without a query)
 * is a representation. Those asked most (the catalog's own answers and
 * the default article's) are made whole when the catalog is assembled:
 * body, gzip form, ETags, and in the HTTP layer their ready responses.
 * The others are kept as little as serving them needs (a body, or the
 * list whose first page is the body), and their gzip form, ETags and
 * responses are made when one is asked for and kept in the serving
 * loop's answer cache: an archive of ten thousand articles then costs
 * its text, its items and its indexes, not four responses and a gzip
 * body for each answer it could give.
 *
 * A representation is immutable once made, so every serving thread shares
 * it. It holds no HTTP library objects: the HTTP layer makes the responses
 * that send it (http/ready_responses.h).
 */
#ifndef ARTICLED_REPRESENTATION_H
#define ARTICLED_REPRESENTATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONTENT_TYPE_JSON "application/json; charset=utf-8"
#define CONTENT_TYPE_HTML "text/html; charset=utf-8"
#define CONTENT_TYPE_CSV "text/csv; charset=utf-8; header=present"
#define CONTENT_TYPE_NDJSON "application/x-ndjson"

/* The request headers an answer varies by: every answer by the encoding,
 * the root also by what the client accepts (a page or the index). */
#define VARY_ENCODING "Accept-Encoding"
#define VARY_ACCEPT_AND_ENCODING "Accept, Accept-Encoding"

enum encoding { ENC_IDENTITY, ENC_GZIP, ENC_COUNT };

enum { ETAG_MAX = 32 };

struct representation {
	/* body[ENC_IDENTITY]: NULL while the body is made on demand, by
	 * make(source). body[ENC_GZIP], len[ENC_GZIP] and the ETags: only once
	 * made whole (representation_complete); gzip NULL when it would not
	 * help. */
	char *body[ENC_COUNT];
	size_t len[ENC_COUNT];
	/* ENC_COUNT of them, quoted ("\"9f2c...\""); allocated once made
	 * whole, NULL before (most are never: an archive holds ten of these
	 * per article). */
	char (*etag)[ETAG_MAX];
	const char *content_type;       /* static */
	const char *vary;               /* static: VARY_ENCODING or VARY_ACCEPT_AND_ENCODING */
	char *(*make)(const void *source, size_t *len); /* a malloc'd body, or NULL */
	const void *source;
	uint32_t slot;  /* its number among the catalog's representations (catalog.h) */
	bool owns_body; /* body[ENC_IDENTITY] is freed with it */
	bool complete;  /* gzip form and ETags made */
};

/* Makes a whole representation of body (taking ownership; freed by
 * representation_free even on failure), gzipped at GZIP_LEVEL_PREBUILT.
 * Returns 0, or -1 when out of memory (or body is NULL). */
int representation_init(struct representation *r, char *body, size_t len,
			const char *content_type, const char *vary);

/* A representation kept small: of body (owned or not: a slice of an item
 * list lives as long as the list), or, with body NULL, of what
 * make(source) writes when asked (a list's first page, from its items).
 * Its gzip form and ETags are made when it is served (representation_body,
 * representation_complete). Returns -1 when body and make are both NULL. */
int representation_init_small(struct representation *r, char *body, size_t len, bool owned,
			      char *(*make)(const void *source, size_t *len), const void *source,
			      const char *content_type, const char *vary);

/* The identity body of r: its own, or made now (then *made is true and
 * the caller frees it). NULL when out of memory. */
const char *representation_body(const struct representation *r, size_t *len, bool *made);

/* Makes a small representation whole: body, gzip form and ETags. Not
 * for a representation being served. Returns -1 when out of memory. */
int representation_complete(struct representation *r);

/* Makes to a whole copy of from, a whole representation: its own bodies
 * and ETags, the same bytes. Returns -1 when out of memory (to is then
 * zeroed). */
int representation_copy(struct representation *to, const struct representation *from);

/* Frees the bodies. NULL or zeroed is a no-op. */
void representation_free(struct representation *r);

/* Writes the strong ETag of body into out (quoted, NUL-terminated); the
 * gzip form of the same body gets its own ("...-gz"). */
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

#endif
