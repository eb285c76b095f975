/* answer_cache.h - answers built for a request, kept for the next one
 * alike.
 *
 * A filtered or paged list (/quotes?speaker=putin) is a pure function of
 * the catalog, the parsed request and the encoding, and frontends ask the
 * same questions again and again. The key is the parsed request's
 * canonical form (request_key, api/request.h), compared whole: an answer
 * is never served for another request. Each serving loop keeps its own
 * small cache of such answers as ready libmicrohttpd responses: no lock,
 * and a hit costs what a prebuilt answer costs. A loop clears its cache
 * when it moves to a new catalog.
 */
#ifndef ARTICLED_ANSWER_CACHE_H
#define ARTICLED_ANSWER_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "../served/representation.h"

struct MHD_Response;

enum {
	/* Every request the routes accept fits (the longest: three 200-byte
	 * filters of /quotes); one that would not is not cached. */
	CACHE_KEY_MAX = 1024,
	/* Larger answers (pages of a huge article) are not kept: 64 of them
	 * would hold too much memory for what they save. */
	CACHE_BODY_MAX = 256 * 1024,
};

struct cached_answer {
	char key[CACHE_KEY_MAX]; /* request_key(), binary */
	size_t key_len;          /* 0: a free slot */
	unsigned long long hash; /* of key: a miss then costs no compare */
	enum encoding enc;       /* ENC_GZIP: for clients that take gzip */
	struct MHD_Response *ok, *not_modified;
	char etag[ETAG_MAX];
	size_t len;
	unsigned long long used; /* for eviction: least recently used goes */
};

struct answer_cache {
	struct cached_answer *slots;
	size_t n;
	unsigned long long clock;
	unsigned long hits, misses;
};

/* A cache of n answers (0: no caching). Returns -1 when out of memory. */
int answer_cache_init(struct answer_cache *c, size_t n);

/* The answer for this key (request_key()) and encoding, or NULL. */
const struct cached_answer *answer_cache_get(struct answer_cache *c, const char *key,
					       size_t key_len, enum encoding enc);

/* Keeps an answer, taking over the caller's reference to each response
 * (libmicrohttpd counts them: a response queued elsewhere outlives its
 * eviction); evicts the least recently used when full. Keys longer than
 * CACHE_KEY_MAX or empty and bodies larger than CACHE_BODY_MAX are not
 * kept (and their responses released). */
void answer_cache_put(struct answer_cache *c, const char *key, size_t key_len,
			enum encoding enc,
			struct MHD_Response *ok, struct MHD_Response *not_modified,
			const char *etag, size_t len);

/* Drops every answer (the catalog changed). */
void answer_cache_clear(struct answer_cache *c);

void answer_cache_free(struct answer_cache *c);

#endif
