/* router.c - see router.h. */
#include "router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "../api/status.h"
#include "../text/utf8.h"
#include "answer_cache.h"
#include "request_headers.h"

static const char ARTICLES_PREFIX[] = "/articles/";

/* Does path (len bytes) match pattern, with {id} standing for one
 * non-empty segment? Copies the segment into m->param. */
static bool pattern_match(const char *pattern, const char *path, size_t len, struct route_match *m)
{
	const char *brace = strstr(pattern, "{id}");
	if (brace == NULL)
		return strlen(pattern) == len && memcmp(pattern, path, len) == 0;
	size_t prefix = (size_t)(brace - pattern);
	if (len <= prefix || memcmp(pattern, path, prefix) != 0)
		return false;
	const char *seg = path + prefix;
	size_t seg_len = len - prefix;
	if (memchr(seg, '/', seg_len) != NULL || seg_len >= ROUTE_PARAM_MAX)
		return false;
	memcpy(m->param, seg, seg_len);
	m->param[seg_len] = '\0';
	m->has_param = true;
	return true;
}

/* The route whose pattern path matches: any at the root, an article's
 * below /articles/{id}. */
static bool match_in(bool below_article, const char *path, size_t len, struct route_match *m)
{
	for (int i = 0; i < ROUTE_COUNT; i++) {
		if (below_article && routes[i].scope != SCOPE_ARTICLE)
			continue;
		if (pattern_match(routes[i].pattern, path, len, m)) {
			m->route = &routes[i];
			m->index = i;
			return true;
		}
	}
	return false;
}

/* The route that answers /articles/{id} itself. */
static bool match_article_root(struct route_match *m)
{
	for (int i = 0; i < ROUTE_COUNT; i++)
		if (routes[i].flags & ROUTE_ARTICLE_ROOT) {
			m->route = &routes[i];
			m->index = i;
			return true;
		}
	return false;
}

/* Prints s for a message: at most max bytes, and only if it is UTF-8 (a
 * detail is JSON, and echoing broken bytes would break it). */
static const char *printable(const char *s, size_t len)
{
	return utf8_invalid_at(s, len) == (size_t)-1 ? s : "(not UTF-8)";
}

int router_match(const struct catalog *cat, const char *path, struct route_match *m, char *detail,
		 size_t detail_len)
{
	memset(m, 0, sizeof *m);
	m->index = -1;
	size_t len = strlen(path);
	/* "/sections/" is "/sections". */
	if (len > 1 && path[len - 1] == '/')
		len--;
	if (len > sizeof ARTICLES_PREFIX - 1 &&
	    strncmp(path, ARTICLES_PREFIX, sizeof ARTICLES_PREFIX - 1) == 0) {
		const char *id = path + sizeof ARTICLES_PREFIX - 1;
		const char *slash = memchr(id, '/', len - (size_t)(id - path));
		size_t id_len = slash ? (size_t)(slash - id) : len - (size_t)(id - path);
		char idbuf[ROUTE_PARAM_MAX];
		if (id_len >= sizeof idbuf) {
			snprintf(detail, detail_len,
				 "no article with such a long id; see /articles");
			return STATUS_NOT_FOUND;
		}
		memcpy(idbuf, id, id_len);
		idbuf[id_len] = '\0';
		m->article = catalog_find(cat, idbuf);
		if (m->article == NULL) {
			snprintf(detail, detail_len, "no article '%.80s'; see /articles",
				 printable(idbuf, id_len));
			return STATUS_NOT_FOUND;
		}
		m->scoped = true;
		const char *rest = id + id_len;
		size_t rest_len = len - (size_t)(rest - path);
		if (rest_len == 0 ? match_article_root(m) : match_in(true, rest, rest_len, m))
			return 0;
	} else {
		if (match_in(false, path, len, m)) {
			if (m->route->scope == SCOPE_ARTICLE)
				m->article = &cat->articles[cat->default_article];
			return 0;
		}
	}
	snprintf(detail, detail_len, "no resource at '%.120s'; see /openapi.json for the endpoints",
		 printable(path, len));
	m->route = NULL;
	m->index = -1;
	return STATUS_NOT_FOUND;
}

/* ---- with libmicrohttpd ---- */

enum { QUERY_MAX_PAIRS = 32 };

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

size_t router_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	size_t r = 0, w = 0;
	bool nul = false;
	while (s[r] != '\0') {
		int hi, lo;
		if (s[r] == '%' && (hi = hex_value(s[r + 1])) >= 0 &&
		    (lo = hex_value(s[r + 2])) >= 0) {
			s[w] = (char)(hi * 16 + lo);
			nul = nul || s[w] == '\0';
			w++;
			r += 3;
		} else {
			s[w++] = s[r++]; /* a '%' without two hex digits stays as it is */
		}
	}
	s[w] = '\0';
	/* A NUL would cut the C string that the rest of the code sees
	 * ("/sections%00junk" would serve /sections). libmicrohttpd keeps the
	 * length we return for query keys and values but not for the path,
	 * so such a string is emptied and its length kept: the router then
	 * sees an empty path, or a value whose length disagrees. */
	if (nul)
		s[0] = '\0';
	return w;
}

struct pairs {
	struct query_pair v[QUERY_MAX_PAIRS];
	size_t n;
	bool overflow;
	const char *nul_in; /* the key of a pair that holds a NUL byte, or "" */
};

static enum MHD_Result collect_pair(void *cls, enum MHD_ValueKind kind, const char *key,
				    size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	struct pairs *p = cls;
	if (strlen(key) != key_size || (value != NULL && strlen(value) != value_size)) {
		p->nul_in = strlen(key) == key_size ? key : "";
		return MHD_NO;
	}
	if (p->n == QUERY_MAX_PAIRS) {
		p->overflow = true;
		return MHD_NO;
	}
	p->v[p->n++] = (struct query_pair){key, value};
	return MHD_YES;
}

static int preflight(struct MHD_Connection *conn, const struct serve_context *ctx,
		     const struct route *route, struct served *out)
{
	const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
	const char *method =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Access-Control-Request-Method");
	const char *headers = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							  "Access-Control-Request-Headers");
	bool cors = ctx->http->cors_origin != NULL && origin != NULL && method != NULL &&
		    header_origin_valid(origin);
	char allow[64];
	route_allow(route, allow, sizeof allow);
	return respond_options(conn, ctx->http, allow, cors,
			       header_list_valid(headers) ? headers : NULL, out);
}

/* The query of the request, parsed into rq; a status (400) when it is
 * refused, with rp filled. */
static int parse_query(struct MHD_Connection *conn, struct request *rq, struct reply *rp)
{
	struct pairs pairs = {.n = 0};
	MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_pair, &pairs);
	if (pairs.nul_in != NULL)
		return reply_error(
			rp, STATUS_BAD_REQUEST, *pairs.nul_in ? pairs.nul_in : NULL,
			"a query parameter holds a NUL byte (%%00); it would cut the value");
	if (pairs.overflow)
		return reply_error(rp, STATUS_BAD_REQUEST, NULL, "more than %d query parameters",
				   QUERY_MAX_PAIRS);
	return request_parse(rq, pairs.v, pairs.n, rp);
}

bool router_reads_body(const char *method, const char *url)
{
	if (method_bit(method) != METHOD_POST)
		return false;
	size_t len = strlen(url);
	if (len > 1 && url[len - 1] == '/')
		len--;
	struct route_match m;
	for (int i = 0; i < ROUTE_COUNT; i++)
		if ((routes[i].methods & METHOD_POST) && routes[i].scope == SCOPE_ROOT &&
		    pattern_match(routes[i].pattern, url, len, &m))
			return true;
	return false;
}

int router_check_body_head(struct MHD_Connection *conn, size_t max, char *detail, size_t cap)
{
	const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	if (!header_is_plain_utf8(type)) {
		snprintf(detail, cap,
			 "the body must be the article as text/plain; charset=utf-8, not %.80s "
			 "(curl: -H 'Content-Type: text/plain; charset=utf-8' --data-binary @FILE)",
			 type ? type : "a body without Content-Type");
		return STATUS_UNSUPPORTED_MEDIA_TYPE;
	}
	/* guard.c has checked that a Content-Length is digits, and one value. */
	const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	if (length != NULL && (strlen(length) > 19 || strtoull(length, NULL, 10) > max)) {
		snprintf(detail, cap, "the body of %.20s bytes is larger than the %zu this server takes",
			 length, max);
		return STATUS_CONTENT_TOO_LARGE;
	}
	return 0;
}

int router_serve(struct MHD_Connection *conn, const struct serve_context *ctx, const char *method,
		 const char *url, const char *body, size_t body_len, struct served *out)
{
	struct request rq;
	struct reply rp;
	request_init(&rq, ctx->catalog, url);
	rq.body = body;
	rq.body_len = body_len;
	memset(&rp, 0, sizeof rp);
	out->route = -1;
	out->scoped = false;
	unsigned verb = method_bit(method);
	out->head = verb == METHOD_HEAD;
	if (url[0] == '\0') {
		/* router_unescape's mark of a NUL byte; or a target that starts
		 * with '?'. Either way no path, and no instance to name. */
		rq.path = NULL;
		reply_error(&rp, STATUS_BAD_REQUEST, NULL,
			    "the request target must be a path; a NUL byte (%%00) cuts it and is "
			    "refused");
		return respond(conn, ctx, &rq, &rp, NULL, out);
	}
	struct route_match m;
	int status = router_match(ctx->catalog, url, &m, rp.detail, sizeof rp.detail);
	out->route = m.index;
	out->scoped = m.scoped;
	if (status != 0) {
		rp.status = status;
		return respond(conn, ctx, &rq, &rp, NULL, out);
	}
	const struct route *route = m.route;
	rq.route = route;
	rq.article = m.article;
	rq.path_param = m.has_param ? m.param : NULL;
	rq.scoped = m.scoped;
	if (verb == METHOD_OPTIONS && (route->methods & METHOD_OPTIONS))
		return preflight(conn, ctx, route, out);
	if (!(route->methods & verb)) {
		char named[64];
		route_methods_named(route, named, sizeof named);
		reply_error(&rp, STATUS_METHOD_NOT_ALLOWED, NULL,
			    "%.20s is not allowed here; use %s", method, named);
		return respond(conn, ctx, &rq, &rp, NULL, out);
	}
	const char *accept = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept");
	/* A list comes in the format Accept prefers, unless format= says. */
	if (route->flags & ROUTE_LIST)
		rq.accepted_format = header_list_format(accept);
	if (parse_query(conn, &rq, &rp) != STATUS_OK)
		return respond(conn, ctx, &rq, &rp, NULL, out);
	/* The page's route and the lists look at Accept: the other bodies
	 * are JSON whatever it says. */
	if (route->flags & ROUTE_HTML_PAGE)
		rq.wants_html = header_prefers_html(accept);
	/* An answer built for this same request before, in this loop. Only
	 * requests with parameters, and lists longer than their first page,
	 * are built per request: the others are prebuilt. */
	char key[CACHE_KEY_MAX];
	struct answer_cache_use use = {.cache = NULL, .key = key, .key_len = 0};
	if (ctx->cache != NULL && (route->flags & ROUTE_CACHEABLE) &&
	    (rq.query.any || rq.query.pretty || (route->flags & ROUTE_LIST))) {
		use.key_len = request_key(&rq, key, sizeof key);
		use.cache = use.key_len > 0 ? ctx->cache : NULL;
	}
	int rc;
	if (use.cache != NULL && respond_cached(conn, &use, out, &rc))
		return rc;
	rp.pretty = rq.query.pretty;
	rp.status = route->handler(&rq, &rp);
	return respond(conn, ctx, &rq, &rp, use.cache ? &use : NULL, out);
}
