/* representation.c - see representation.h. */
#include "representation.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

/* Below this size gzip saves too little to be worth a client's CPU. */
enum { GZIP_MIN_BYTES = 256 };

void etag_of(const char *body, size_t len, enum encoding enc, char out[ETAG_MAX])
{
	/* FNV-1a, 64 bits: not cryptographic, but an ETag only needs to change
	 * when the bytes do, and collisions between versions of one resource
	 * are what would matter: 1 in 2^64. */
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)body[i];
		h *= 1099511628211ULL;
	}
	/* The gzip form is other bytes, so it gets its own strong ETag. */
	snprintf(out, ETAG_MAX, "\"%016llx%s\"", (unsigned long long)h,
		 enc == ENC_GZIP ? "-gz" : "");
}

char *gzip_compress(const char *in, size_t len, int level, size_t *out_len)
{
	if (len < GZIP_MIN_BYTES)
		return NULL;
	z_stream z;
	memset(&z, 0, sizeof z);
	/* 15 + 16: zlib's way to ask for a gzip header instead of a zlib one;
	 * 8, zlib's default memory level (9 gained nothing measurable). */
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	size_t cap = deflateBound(&z, len);
	char *out = malloc(cap);
	if (out == NULL) {
		deflateEnd(&z);
		return NULL;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	*out_len = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || *out_len >= len) {
		free(out);
		return NULL;
	}
	return out;
}

/* The gzip form and both ETags of r, whose identity body is made.
 * Returns -1 when out of memory. */
static int complete(struct representation *r)
{
	const char *body = r->body[ENC_IDENTITY];
	size_t len = r->len[ENC_IDENTITY];
	r->etag = calloc(ENC_COUNT, sizeof *r->etag);
	if (r->etag == NULL)
		return -1;
	r->body[ENC_GZIP] = gzip_compress(body, len, GZIP_LEVEL_PREBUILT, &r->len[ENC_GZIP]);
	for (int e = 0; e < ENC_COUNT; e++)
		if (r->body[e] != NULL)
			etag_of(body, len, (enum encoding)e, r->etag[e]);
	r->complete = true;
	return 0;
}

int representation_init(struct representation *r, char *body, size_t len, const char *content_type,
			const char *vary)
{
	if (representation_init_small(r, body, len, true, NULL, NULL, content_type, vary) != 0)
		return -1;
	return complete(r);
}

int representation_init_small(struct representation *r, char *body, size_t len, bool owned,
			      char *(*make)(const void *source, size_t *len), const void *source,
			      const char *content_type, const char *vary)
{
	memset(r, 0, sizeof *r);
	r->body[ENC_IDENTITY] = body;
	r->len[ENC_IDENTITY] = body ? len : 0;
	r->owns_body = owned && body != NULL;
	r->make = body ? NULL : make;
	r->source = body ? NULL : source;
	r->content_type = content_type;
	r->vary = vary;
	return body != NULL || make != NULL ? 0 : -1;
}

const char *representation_body(const struct representation *r, size_t *len, bool *made)
{
	*made = r->body[ENC_IDENTITY] == NULL;
	if (!*made) {
		*len = r->len[ENC_IDENTITY];
		return r->body[ENC_IDENTITY];
	}
	return r->make(r->source, len);
}

int representation_complete(struct representation *r)
{
	if (r->complete)
		return 0;
	if (r->body[ENC_IDENTITY] == NULL) {
		bool made;
		char *body = (char *)representation_body(r, &r->len[ENC_IDENTITY], &made);
		if (body == NULL)
			return -1;
		r->body[ENC_IDENTITY] = body;
		r->owns_body = true;
		r->make = NULL;
		r->source = NULL;
	}
	return complete(r);
}

/* A malloc'd copy of len bytes at p (NULL copies as NULL). */
static char *copy_of(const char *p, size_t len, bool *failed)
{
	if (p == NULL)
		return NULL;
	char *c = malloc(len + 1);
	if (c == NULL) {
		*failed = true;
		return NULL;
	}
	memcpy(c, p, len);
	c[len] = '\0';
	return c;
}

int representation_copy(struct representation *to, const struct representation *from)
{
	bool failed = !from->complete;
	*to = *from;
	to->owns_body = true;
	to->body[ENC_IDENTITY] = copy_of(from->body[ENC_IDENTITY], from->len[ENC_IDENTITY], &failed);
	to->body[ENC_GZIP] = copy_of(from->body[ENC_GZIP], from->len[ENC_GZIP], &failed);
	to->etag = failed ? NULL : malloc(ENC_COUNT * sizeof *to->etag);
	if (to->etag == NULL) {
		representation_free(to);
		return -1;
	}
	memcpy(to->etag, from->etag, ENC_COUNT * sizeof *to->etag);
	return 0;
}

void representation_free(struct representation *r)
{
	if (r == NULL)
		return;
	if (r->owns_body)
		free(r->body[ENC_IDENTITY]);
	free(r->body[ENC_GZIP]);
	free(r->etag);
	memset(r, 0, sizeof *r);
}
