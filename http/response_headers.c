/* response_headers.c - see response_headers.h. */
#include "response_headers.h"

#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

bool add_common_headers(struct MHD_Response *r, const struct http_config *cfg)
{
	bool ok = MHD_add_response_header(r, "Server", cfg->server) == MHD_YES &&
		  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff") == MHD_YES;
	if (ok && cfg->cors_origin != NULL) {
		ok = MHD_add_response_header(r, "Access-Control-Allow-Origin", cfg->cors_origin) ==
			     MHD_YES &&
		     MHD_add_response_header(r, "Access-Control-Expose-Headers",
					     "ETag, Content-Length, Content-Encoding, Link, Content-Disposition") == MHD_YES;
		/* A specific origin makes the answer depend on who asks. */
		if (ok && strcmp(cfg->cors_origin, "*") != 0)
			ok = MHD_add_response_header(r, "Vary", "Origin") == MHD_YES;
	}
	return ok;
}

/* ETag, Cache-Control, Vary and Content-Encoding. */
static bool add_representation_headers(struct MHD_Response *r, const char *etag, enum encoding enc,
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
