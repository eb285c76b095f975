/* ready_responses.c - see ready_responses.h. */
#include "ready_responses.h"

#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

static int make(struct ready_response *out, const struct representation *r, enum encoding e,
		const struct http_config *http)
{
	if (r->body[e] == NULL)
		return 0;
	out->ok = representation_response(r->body[e], r->len[e], false, r->content_type, r->etag[e],
					  e, r->vary, http);
	/* A 304 has no body but carries the validators and CORS headers. */
	out->not_modified =
		representation_response((char *)"", 0, false, NULL, r->etag[e], e, r->vary, http);
	return out->ok && out->not_modified ? 0 : -1;
}

int ready_responses_build(struct ready_responses *rr, const struct catalog *c,
			  const struct http_config *http)
{
	rr->n = c->n_complete;
	rr->v = calloc(rr->n + 1, sizeof *rr->v);
	if (rr->v == NULL)
		return -1;
	for (size_t i = 0; i < rr->n; i++)
		for (int e = 0; e < ENC_COUNT; e++)
			if (make(&rr->v[i][e], c->representations[i], (enum encoding)e, http) !=
			    0) {
				ready_responses_free(rr);
				return -1;
			}
	return 0;
}

const struct ready_response *ready_response_of(const struct ready_responses *rr,
					       const struct representation *r, enum encoding enc)
{
	return r->slot < rr->n ? &rr->v[r->slot][enc] : NULL;
}

void ready_responses_free(struct ready_responses *rr)
{
	for (size_t i = 0; rr->v != NULL && i < rr->n; i++)
		for (int e = 0; e < ENC_COUNT; e++) {
			if (rr->v[i][e].ok)
				MHD_destroy_response(rr->v[i][e].ok);
			if (rr->v[i][e].not_modified)
				MHD_destroy_response(rr->v[i][e].not_modified);
		}
	free(rr->v);
	memset(rr, 0, sizeof *rr);
}
