/* prebuilt.c - see prebuilt.h. */
#include "prebuilt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>
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
	snprintf(out, ETAG_MAX, "\"%016llx%s\"", (unsigned long long)h, enc == ENC_GZIP ? "-gz" : "");
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

bool add_common_headers(struct MHD_Response *r, const struct http_config *cfg)
{
	bool ok = MHD_add_response_header(r, "Server", cfg->server) == MHD_YES &&
		  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff") == MHD_YES;
	if (ok && cfg->cors_origin != NULL) {
		ok = MHD_add_response_header(r, "Access-Control-Allow-Origin", cfg->cors_origin) ==
			     MHD_YES &&
		     MHD_add_response_header(r, "Access-Control-Expose-Headers",
					     "ETag, Content-Length, Content-Encoding") == MHD_YES;
		/* A specific origin makes the answer depend on who asks. */
		if (ok && strcmp(cfg->cors_origin, "*") != 0)
			ok = MHD_add_response_header(r, "Vary", "Origin") == MHD_YES;
	}
	return ok;
}

bool add_representation_headers(struct MHD_Response *r, const char *etag, enum encoding enc,
				const char *vary)
{
	/* no-cache: caches may keep it but must revalidate, which the ETag
	 * makes cheap (304); the article changes when the operator reloads. */
	bool ok = MHD_add_response_header(r, "ETag", etag) == MHD_YES &&
		  MHD_add_response_header(r, "Cache-Control", "no-cache") == MHD_YES &&
		  MHD_add_response_header(r, "Vary", vary) == MHD_YES;
	if (ok && enc == ENC_GZIP)
		ok = MHD_add_response_header(r, "Content-Encoding", "gzip") == MHD_YES;
	return ok;
}

struct MHD_Response *representation_response(char *body, size_t len, bool owned,
					     const char *content_type, const char *etag,
					     enum encoding enc, const char *vary,
					     const struct http_config *cfg)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		len, body, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (r == NULL) {
		if (owned)
			free(body);
		return NULL;
	}
	bool ok = add_common_headers(r, cfg) && add_representation_headers(r, etag, enc, vary) &&
		  (content_type == NULL ||
		   MHD_add_response_header(r, "Content-Type", content_type) == MHD_YES);
	if (!ok) {
		MHD_destroy_response(r); /* frees an owned body too */
		return NULL;
	}
	return r;
}

int prebuilt_init(struct prebuilt *p, char *body, size_t len, const char *content_type,
		  const char *vary, const struct http_config *cfg)
{
	memset(p, 0, sizeof *p);
	p->body[ENC_IDENTITY] = body;
	p->len[ENC_IDENTITY] = len;
	if (body == NULL)
		return -1;
	p->body[ENC_GZIP] = gzip_compress(body, len, GZIP_LEVEL_PREBUILT, &p->len[ENC_GZIP]);
	for (int e = 0; e < ENC_COUNT; e++) {
		if (p->body[e] == NULL)
			continue;
		etag_of(body, len, (enum encoding)e, p->etag[e]);
		p->ok[e] = representation_response(p->body[e], p->len[e], false, content_type,
						   p->etag[e], (enum encoding)e, vary, cfg);
		/* A 304 has no body but carries the validators and CORS headers. */
		p->not_modified[e] = representation_response((char *)"", 0, false, NULL, p->etag[e],
							     (enum encoding)e, vary, cfg);

		if (p->ok[e] == NULL || p->not_modified[e] == NULL) {
			prebuilt_free(p);
			return -1;
		}
	}
	return 0;
}

void prebuilt_free(struct prebuilt *p)
{
	if (p == NULL)
		return;
	for (int e = 0; e < ENC_COUNT; e++) {
		if (p->ok[e])
			MHD_destroy_response(p->ok[e]);
		if (p->not_modified[e])
			MHD_destroy_response(p->not_modified[e]);
		free(p->body[e]);
	}
	memset(p, 0, sizeof *p);
}
