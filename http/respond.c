/* respond.c - see respond.h. */
#include "respond.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "../api/status.h"
#include "answer_cache.h"
#include "problem.h"
#include "request_headers.h"

static int queue(struct MHD_Connection *conn, int status, struct MHD_Response *r, size_t bytes,
		 struct served *out)
{
	if (r == NULL)
		return MHD_NO; /* out of memory: closing is all that is left */
	enum MHD_Result rc = MHD_queue_response(conn, (unsigned int)status, r);
	out->status = status;
	/* What the log and the metrics count is what goes out: libmicrohttpd
	 * sends no body for HEAD, nor for a 304. */
	out->bytes = status == STATUS_NOT_MODIFIED || out->head ? 0 : bytes;
	return rc;
}

/* A problem+json response with the headers every response carries, and
 * its body's length in *len; NULL when out of memory. */
static struct MHD_Response *problem_response(int status, const char *detail, const char *param,
					     const char *instance, const char *allow,
					     const struct http_config *http, size_t *len)
{
	char *body = problem_json(status, detail, param, instance, len);
	if (body == NULL)
		return NULL;
	struct MHD_Response *r = MHD_create_response_from_buffer(*len, body, MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(body);
		return NULL;
	}
	bool ok = add_common_headers(r, http) &&
		  MHD_add_response_header(r, "Content-Type", CONTENT_TYPE_PROBLEM) == MHD_YES &&
		  MHD_add_response_header(r, "Cache-Control", "no-store") == MHD_YES;
	if (ok && allow != NULL)
		ok = MHD_add_response_header(r, "Allow", allow) == MHD_YES;
	if (!ok) {
		MHD_destroy_response(r);
		return NULL;
	}
	return r;
}

static int respond_error(struct MHD_Connection *conn, const struct request *rq,
			 const struct reply *rp, const struct http_config *http, struct served *out)
{
	size_t len = 0;
	/* A 405 says what is allowed instead (RFC 9110, 15.5.6). */
	char allow[64];
	const char *allowed = NULL;
	if (rp->status == STATUS_METHOD_NOT_ALLOWED && rq->route != NULL) {
		route_allow(rq->route, allow, sizeof allow);
		allowed = allow;
	}
	struct MHD_Response *r =
		problem_response(rp->status, rp->detail, rp->param, rq->path, allowed, http, &len);
	int rc = queue(conn, rp->status, r, len, out);
	if (r != NULL)
		MHD_destroy_response(r);
	return rc;
}

/* Queues r (a body of len bytes; NULL when it could not be made) with one
 * more header, and lets go of it. */
static int queue_once_with(struct MHD_Connection *conn, int status, struct MHD_Response *r,
			   size_t len, const char *header, const char *value, struct served *out)
{
	if (r != NULL && MHD_add_response_header(r, header, value) != MHD_YES) {
		MHD_destroy_response(r);
		r = NULL;
	}
	int rc = queue(conn, status, r, len, out);
	if (r != NULL)
		MHD_destroy_response(r);
	return rc;
}

int respond_refusal(struct MHD_Connection *conn, const struct http_config *http, int status,
		    const char *detail, const char *instance, struct served *out)
{
	size_t len = 0;
	struct MHD_Response *r = problem_response(status, detail, NULL, instance, NULL, http, &len);
	return queue_once_with(conn, status, r, len, "Connection", "close", out);
}

/* Queues ok (len bytes) or, when not_modified, nm, and keeps both in
 * cache under key for the next asker (or lets go of them without a
 * cache). Either may be NULL (out of memory): then nothing is queued. */
static int queue_and_keep(struct MHD_Connection *conn, struct MHD_Response *ok,
			  struct MHD_Response *nm, bool not_modified, size_t len,
			  struct answer_cache *cache, const char *key, size_t key_len,
			  enum encoding enc, const char *etag, struct served *out)
{
	if (ok == NULL || nm == NULL) {
		if (ok)
			MHD_destroy_response(ok);
		if (nm)
			MHD_destroy_response(nm);
		return MHD_NO;
	}
	int rc = not_modified ? queue(conn, STATUS_NOT_MODIFIED, nm, 0, out)
			      : queue(conn, STATUS_OK, ok, len, out);
	if (cache != NULL) {
		answer_cache_put(cache, key, key_len, enc, ok, nm, etag, len);
	} else {
		MHD_destroy_response(ok);
		MHD_destroy_response(nm);
	}
	return rc;
}

/* A small representation (representation.h): its responses made now, at
 * the level a whole one is compressed at, so that its bytes are the same,
 * and kept in the loop's cache under a key no parsed request has ("#"
 * and the slot) for the next asker. */
static int respond_small(struct MHD_Connection *conn, const struct serve_context *ctx,
			 const struct representation *p, bool takes_gzip, const char *inm,
			 struct served *out)
{
	char key[32];
	size_t key_len = (size_t)snprintf(key, sizeof key, "#%zu", (size_t)p->slot);
	enum encoding want = takes_gzip ? ENC_GZIP : ENC_IDENTITY;
	if (ctx->cache != NULL) {
		const struct cached_answer *a = answer_cache_get(ctx->cache, key, key_len, want);
		if (a != NULL) {
			if (inm != NULL && header_etag_matches(inm, a->etag))
				return queue(conn, STATUS_NOT_MODIFIED, a->not_modified, 0, out);
			return queue(conn, STATUS_OK, a->ok, a->len, out);
		}
	}
	size_t len;
	bool made;
	const char *body = representation_body(p, &len, &made);
	if (body == NULL)
		return MHD_NO;
	char etag[ETAG_MAX];
	enum encoding e = ENC_IDENTITY;
	size_t zlen = 0;
	char *z = takes_gzip ? gzip_compress(body, len, GZIP_LEVEL_PREBUILT, &zlen) : NULL;
	if (z != NULL)
		e = ENC_GZIP;
	/* The ETag of either form is of the identity bytes. */
	etag_of(body, len, e, etag);
	const char *send = body;
	size_t send_len = len;
	bool owned = made;
	if (z != NULL) {
		if (made)
			free((char *)body);
		send = z;
		send_len = zlen;
		owned = true;
	}
	struct MHD_Response *ok = representation_response((char *)send, send_len, owned,
							  p->content_type, etag, e, p->vary,
							  ctx->http);
	struct MHD_Response *nm =
		representation_response((char *)"", 0, false, NULL, etag, e, p->vary, ctx->http);
	return queue_and_keep(conn, ok, nm, inm != NULL && header_etag_matches(inm, etag), send_len,
			      ctx->cache, key, key_len, want, etag, out);
}

static int respond_prebuilt(struct MHD_Connection *conn, const struct serve_context *ctx,
			    const struct representation *p, struct served *out)
{
	const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding");
	const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
	bool takes_gzip = header_accepts_gzip(ae);
	if (!p->complete)
		return respond_small(conn, ctx, p, takes_gzip, inm, out);
	enum encoding e = p->body[ENC_GZIP] != NULL && takes_gzip ? ENC_GZIP : ENC_IDENTITY;
	const struct ready_response *r = ready_response_of(ctx->ready, p, e);
	if (inm != NULL && header_etag_matches(inm, p->etag[e]))
		return queue(conn, STATUS_NOT_MODIFIED, r->not_modified, 0, out);
	return queue(conn, STATUS_OK, r->ok, p->len[e], out);
}

/* A list's Link and a file's Content-Disposition, where the reply has them. */
static bool add_reply_headers(struct MHD_Response *r, const struct reply *rp)
{
	bool ok = rp->link == NULL || MHD_add_response_header(r, "Link", rp->link) == MHD_YES;
	if (ok && rp->disposition[0] != '\0')
		ok = MHD_add_response_header(r, "Content-Disposition", rp->disposition) == MHD_YES;
	return ok;
}

static int respond_body(struct MHD_Connection *conn, struct reply *rp,
			const struct http_config *http, const struct answer_cache_use *use,
			struct served *out)
{
	char etag[ETAG_MAX];
	const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding");
	const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
	const char *vary = rp->vary_accept ? VARY_ACCEPT_AND_ENCODING : VARY_ENCODING;
	bool takes_gzip = header_accepts_gzip(ae);
	enum encoding e = ENC_IDENTITY;
	char *body = rp->body;
	size_t len = rp->len;
	rp->body = NULL; /* ours now */
	if (takes_gzip) {
		size_t zlen;
		char *z = gzip_compress(body, len, GZIP_LEVEL_PER_REQUEST, &zlen);
		if (z != NULL) {
			etag_of(body, len, ENC_GZIP, etag);
			free(body);
			body = z;
			len = zlen;
			e = ENC_GZIP;
		}
	}
	if (e == ENC_IDENTITY)
		etag_of(body, len, ENC_IDENTITY, etag);
	bool not_modified = inm != NULL && header_etag_matches(inm, etag);
	if (use != NULL) {
		/* Build both answers once and keep them for the next asker (the
		 * key holds what Accept chose: the page or the format). */
		struct MHD_Response *ok = representation_response(body, len, true, rp->content_type,
								  etag, e, vary, http);
		if (ok != NULL && !add_reply_headers(ok, rp)) {
			MHD_destroy_response(ok);
			ok = NULL;
		}
		struct MHD_Response *nm =
			representation_response((char *)"", 0, false, NULL, etag, e, vary, http);
		return queue_and_keep(conn, ok, nm, not_modified, len, use->cache, use->key,
				      use->key_len, takes_gzip ? ENC_GZIP : ENC_IDENTITY, etag, out);
	}
	int status = STATUS_OK;
	if (not_modified) {
		status = STATUS_NOT_MODIFIED;
		free(body);
		body = NULL;
		len = 0;
	}
	struct MHD_Response *r = representation_response(
		body ? body : (char *)"", len, body != NULL, not_modified ? NULL : rp->content_type,
		etag, e, vary, http);
	if (r == NULL)
		return MHD_NO;
	if (!not_modified && !add_reply_headers(r, rp)) {
		MHD_destroy_response(r);
		return MHD_NO;
	}
	int rc = queue(conn, status, r, len, out);
	MHD_destroy_response(r);
	return rc;
}

bool respond_cached(struct MHD_Connection *conn, const struct answer_cache_use *use,
		    struct served *out, int *rc)
{
	const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding");
	const struct cached_answer *a =
		answer_cache_get(use->cache, use->key, use->key_len,
				 header_accepts_gzip(ae) ? ENC_GZIP : ENC_IDENTITY);
	if (a == NULL)
		return false;
	const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
	if (inm != NULL && header_etag_matches(inm, a->etag))
		*rc = queue(conn, STATUS_NOT_MODIFIED, a->not_modified, 0, out);
	else
		*rc = queue(conn, STATUS_OK, a->ok, a->len, out);
	return true;
}

static int respond_reply(struct MHD_Connection *conn, const struct serve_context *ctx,
			 const struct request *rq, struct reply *rp,
			 const struct answer_cache_use *use, struct served *out)
{
	const struct http_config *http = ctx->http;
	if (rp->status >= 400 || rp->status == 0) {
		free(rp->body);
		rp->body = NULL;
		if (rp->status == 0)
			reply_error(rp, STATUS_INTERNAL_ERROR, NULL,
				    "the handler produced no answer");
		return respond_error(conn, rq, rp, http, out);
	}
	if (rp->representation != NULL)
		return respond_prebuilt(conn, ctx, rp->representation, out);
	return respond_body(conn, rp, http, use, out);
}

int respond_loading(struct MHD_Connection *conn, const struct http_config *http, bool healthz,
		    size_t loaded, size_t total, const char *instance, struct served *out)
{
	struct MHD_Response *r;
	size_t len = 0;
	if (healthz) {
		char body[128];
		len = (size_t)snprintf(body, sizeof body,
				       "{\"status\":\"loading\",\"loaded\":%zu,\"total\":%zu}",
				       loaded, total);
		r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_COPY);
		if (r != NULL &&
		    (!add_common_headers(r, http) ||
		     MHD_add_response_header(r, "Content-Type", CONTENT_TYPE_JSON) != MHD_YES ||
		     MHD_add_response_header(r, "Cache-Control", "no-store") != MHD_YES)) {
			MHD_destroy_response(r);
			r = NULL;
		}
	} else {
		char detail[160];
		snprintf(detail, sizeof detail,
			 "the articles are loading (%zu of %zu); try again in a moment", loaded,
			 total);
		r = problem_response(STATUS_UNAVAILABLE, detail, NULL, instance, NULL, http, &len);
	}
	return queue_once_with(conn, STATUS_UNAVAILABLE, r, len, "Retry-After", "1", out);
}

int respond(struct MHD_Connection *conn, const struct serve_context *ctx, const struct request *rq,
	    struct reply *rp, const struct answer_cache_use *use, struct served *out)
{
	int rc = respond_reply(conn, ctx, rq, rp, use, out);
	reply_release(rp);
	return rc;
}

int respond_options(struct MHD_Connection *conn, const struct http_config *http, const char *allow,
		    bool cors_preflight, const char *allow_headers, struct served *out)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	bool ok = MHD_add_response_header(r, "Server", http->server) == MHD_YES &&
		  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff") == MHD_YES &&
		  MHD_add_response_header(r, "Allow", allow) == MHD_YES;
	if (ok && cors_preflight) {
		ok = MHD_add_response_header(r, "Access-Control-Allow-Origin", http->cors_origin) ==
			     MHD_YES &&
		     MHD_add_response_header(r, "Access-Control-Allow-Methods", allow) == MHD_YES &&
		     MHD_add_response_header(
			     r, "Access-Control-Allow-Headers",
			     allow_headers ? allow_headers
					   : "Accept, Accept-Encoding, If-None-Match, Content-Type") == MHD_YES &&
		     MHD_add_response_header(r, "Access-Control-Max-Age", "86400") == MHD_YES;
		if (ok && strcmp(http->cors_origin, "*") != 0)
			ok = MHD_add_response_header(r, "Vary", "Origin") == MHD_YES;
	}
	int rc = ok ? queue(conn, STATUS_NO_CONTENT, r, 0, out) : MHD_NO;
	MHD_destroy_response(r);
	return rc;
}
