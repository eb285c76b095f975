/* answer_cache.c - see answer_cache.h. A linear scan: the cache is small (tens of
 * answers), and a scan of it costs less than one allocation. */
#include "answer_cache.h"

#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

static unsigned long long key_hash(const char *s, size_t len)
{
	unsigned long long h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int answer_cache_init(struct answer_cache *c, size_t n)
{
	memset(c, 0, sizeof *c);
	if (n == 0)
		return 0;
	c->slots = calloc(n, sizeof *c->slots);
	if (c->slots == NULL)
		return -1;
	c->n = n;
	return 0;
}

const struct cached_answer *answer_cache_get(struct answer_cache *c, const char *key,
					       size_t key_len, enum encoding enc)
{
	unsigned long long h = key_hash(key, key_len);
	for (size_t i = 0; i < c->n; i++) {
		struct cached_answer *a = &c->slots[i];
		if (a->hash == h && a->key_len == key_len && key_len > 0 && a->enc == enc &&
		    memcmp(a->key, key, key_len) == 0) {
			a->used = ++c->clock;
			c->hits++;
			return a;
		}
	}
	c->misses++;
	return NULL;
}

static void drop(struct cached_answer *a)
{
	if (a->ok)
		MHD_destroy_response(a->ok);
	if (a->not_modified)
		MHD_destroy_response(a->not_modified);
	memset(a, 0, sizeof *a);
}

void answer_cache_put(struct answer_cache *c, const char *key, size_t key_len,
			enum encoding enc, struct MHD_Response *ok, struct MHD_Response *not_modified,
			const char *etag, size_t len)
{
	if (c->n == 0 || key_len == 0 || key_len > CACHE_KEY_MAX || len > CACHE_BODY_MAX) {
		MHD_destroy_response(ok);
		MHD_destroy_response(not_modified);
		return;
	}
	struct cached_answer *victim = &c->slots[0];
	for (size_t i = 0; i < c->n; i++) {
		struct cached_answer *a = &c->slots[i];
		if (a->key_len == 0) {
			victim = a;
			break;
		}
		if (a->used < victim->used)
			victim = a;
	}
	drop(victim);
	memcpy(victim->key, key, key_len);
	victim->key_len = key_len;
	victim->hash = key_hash(key, key_len);
	victim->enc = enc;
	victim->ok = ok;
	victim->not_modified = not_modified;
	memcpy(victim->etag, etag, ETAG_MAX);
	victim->len = len;
	victim->used = ++c->clock;
}

void answer_cache_clear(struct answer_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->slots[i].key_len != 0)
			drop(&c->slots[i]);
}

void answer_cache_free(struct answer_cache *c)
{
	if (c == NULL)
		return;
	answer_cache_clear(c);
	free(c->slots);
	memset(c, 0, sizeof *c);
}
