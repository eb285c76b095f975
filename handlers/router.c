/* router.c - see router.h. */
#include "router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "../text/utf8.h"
#include "cache.h"
#include "headers.h"
#include "request_key.h"
#include "resources.h"
#include "respond.h"

static const struct route routes[] = {
	{"/", SCOPE_GLOBAL, handle_index, params_index, "/", false},
	{"/article", SCOPE_ARTICLE, handle_article, params_pretty, "/article", false},
	{"/sections", SCOPE_ARTICLE, handle_sections, params_sections, "/sections", false},
	{"/sections/{id}", SCOPE_ARTICLE, handle_section, params_pretty, "/sections/{id}", false},
	{"/quotes", SCOPE_ARTICLE, handle_quotes, params_quotes, "/quotes", false},
	{"/figures", SCOPE_ARTICLE, handle_figures, params_figures, "/figures", false},
	{"/reactions", SCOPE_ARTICLE, handle_reactions, params_reactions, "/reactions", false},
	{"/search", SCOPE_ARTICLE, handle_search, params_search, "/search", false},
	{"/articles", SCOPE_GLOBAL, handle_articles, params_articles, "/articles", false},
	{"/healthz", SCOPE_GLOBAL, handle_healthz, params_pretty, "/healthz", false},
	{"/openapi.json", SCOPE_GLOBAL, handle_openapi, params_pretty, "/openapi.json", false},
	{"/metrics", SCOPE_GLOBAL, handle_metrics, params_none, "/metrics", true},
};

enum { ROUTE_COUNT = sizeof routes / sizeof routes[0], ARTICLE_ROUTE = 1 };

static const char ARTICLES_PREFIX[] = "/articles/";

size_t router_route_count(void)
{
	return ROUTE_COUNT;
}

const char *router_route_name(size_t i, bool scoped)
{
	static const char *scoped_names[ROUTE_COUNT] = {
		[1] = "/articles/{id}",         [2] = "/articles/{id}/sections",
		[3] = "/articles/{id}/sections/{id}", [4] = "/articles/{id}/quotes",
		[5] = "/articles/{id}/figures", [6] = "/articles/{id}/reactions",
		[7] = "/articles/{id}/search",
	};
	if (i >= ROUTE_COUNT)
		return "unmatched";
	return scoped && scoped_names[i] ? scoped_names[i] : routes[i].metric_name;
}

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

static bool match_in(enum route_scope scope_only, const char *path, size_t len,
		     struct route_match *m)
{
	for (int i = 0; i < ROUTE_COUNT; i++) {
		if (scope_only == SCOPE_ARTICLE && routes[i].scope != SCOPE_ARTICLE)
			continue;
		if (pattern_match(routes[i].pattern, path, len, m)) {
			m->route = &routes[i];
			m->index = i;
			return true;
		}
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
			snprintf(detail, detail_len, "no article with such a long id; see /articles");
			return 404;
		}
		memcpy(idbuf, id, id_len);
		idbuf[id_len] = '\0';
		m->article = catalog_find(cat, idbuf);
		if (m->article == NULL) {
			snprintf(detail, detail_len, "no article '%.80s'; see /articles",
				 printable(idbuf, id_len));
			return 404;
		}
		m->scoped = true;
		const char *rest = id + id_len;
		size_t rest_len = len - (size_t)(rest - path);
		if (rest_len == 0) {
			m->route = &routes[ARTICLE_ROUTE];
			m->index = ARTICLE_ROUTE;
			return 0;
		}
		if (match_in(SCOPE_ARTICLE, rest, rest_len, m))
			return 0;
	} else {
		if (match_in(SCOPE_GLOBAL, path, len, m)) {
			if (m->route->scope == SCOPE_ARTICLE)
				m->article = &cat->articles[cat->default_article];
			return 0;
		}
	}
	snprintf(detail, detail_len, "no resource at '%.120s'; see /openapi.json for the endpoints",
		 printable(path, len));
	m->route = NULL;
	m->index = -1;
	return 404;
}

/* "limit, offset, pretty": the names a route accepts, for messages. */
static void accepted_names(const struct route *route, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; route->params[i].name != NULL && o < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? ", " : "", route->params[i].name);
	if (o == 0)
		snprintf(out, cap, "none");
}

static bool parse_count(const char *v, long max, long *out)
{
	if (v == NULL || *v == '\0' || strlen(v) > 10 || strspn(v, "0123456789") != strlen(v))
		return false;
	long n = strtol(v, NULL, 10);
	if (n > max)
		return false;
	*out = n;
	return true;
}

bool query_parse(const struct route *route, const char *const *keys, const char *const *values,
		 size_t n, struct query *q, bool *pretty, struct reply *rp)
{
	memset(q, 0, sizeof *q);
	*pretty = false;
	for (size_t k = 0; k < n; k++) {
		const char *key = keys[k], *v = values[k];
		if (utf8_invalid_at(key, strlen(key)) != (size_t)-1 ||
		    (v && utf8_invalid_at(v, strlen(v)) != (size_t)-1)) {
			reply_error(rp, 400, NULL, "a query parameter is not valid UTF-8");
			return false;
		}
		int i = 0;
		while (route->params[i].name != NULL && strcmp(route->params[i].name, key) != 0)
			i++;
		const struct param_spec *sp = &route->params[i];
		if (sp->name == NULL) {
			char names[160];
			accepted_names(route, names, sizeof names);
			reply_error(rp, 400, NULL, "unknown parameter '%.60s'; %s accepts: %s", key,
				    route->pattern, names);
			rp->param = NULL;
			return false;
		}
		if (q->text[i] != NULL) {
			reply_error(rp, 400, sp->name, "parameter '%s' is given twice", sp->name);
			return false;
		}
		const char *val = v ? v : "";
		switch (sp->type) {
		case PARAM_STRING:
			if (*val == '\0' || strlen(val) > 200) {
				reply_error(rp, 400, sp->name, "%s must be 1 to 200 characters of text",
					    sp->name);
				return false;
			}
			break;
		case PARAM_COUNT:
			if (!parse_count(val, sp->max, &q->number[i])) {
				reply_error(rp, 400, sp->name, "%s must be an integer from 0 to %ld, not '%.40s'",
					    sp->name, sp->max, val);
				return false;
			}
			break;
		case PARAM_CHOICE: {
			bool ok = false;
			char list[160];
			size_t o = 0;
			for (int c = 0; sp->choices[c] != NULL; c++) {
				ok = ok || strcmp(sp->choices[c], val) == 0;
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", c ? ", " : "",
						      sp->choices[c]);
				if (o >= sizeof list)
					break;
			}
			if (!ok) {
				reply_error(rp, 400, sp->name, "%s must be one of: %s; not '%.40s'",
					    sp->name, list, val);
				return false;
			}
			break;
		}
		case PARAM_FLAG:
			if (*val == '\0' || strcmp(val, "1") == 0 || strcmp(val, "true") == 0)
				q->number[i] = 1;
			else if (strcmp(val, "0") == 0 || strcmp(val, "false") == 0)
				q->number[i] = 0;
			else {
				reply_error(rp, 400, sp->name, "%s takes no value, or 1, 0, true, false",
					    sp->name);
				return false;
			}
			break;
		}
		q->text[i] = val;
		if (strcmp(sp->name, "pretty") == 0)
			*pretty = q->number[i] == 1;
		else
			q->any = true;
	}
	return true;
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
		if (s[r] == '%' && (hi = hex_value(s[r + 1])) >= 0 && (lo = hex_value(s[r + 2])) >= 0) {
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
	const char *keys[QUERY_MAX_PAIRS];
	const char *values[QUERY_MAX_PAIRS];
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
	p->keys[p->n] = key;
	p->values[p->n] = value;
	p->n++;
	return MHD_YES;
}

static int preflight(struct MHD_Connection *conn, const struct catalog *cat, struct served *out)
{
	const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
	const char *method =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Access-Control-Request-Method");
	const char *headers =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Access-Control-Request-Headers");
	bool cors = cat->http->cors_origin != NULL && origin != NULL && method != NULL &&
		    header_origin_valid(origin);
	return respond_options(conn, cat->http, ALLOWED_METHODS, cors,
			       header_list_valid(headers) ? headers : NULL, out);
}

int router_serve(struct MHD_Connection *conn, const struct catalog *cat, const char *method,
		 const char *url, struct response_cache *cache, struct served *out)
{
	struct request rq;
	struct reply rp;
	memset(&rq, 0, sizeof rq);
	memset(&rp, 0, sizeof rp);
	rq.catalog = cat;
	rq.path = url;
	out->route = -1;
	out->scoped = false;
	out->head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	struct route_match m;
	if (url[0] == '\0') {
		/* router_unescape's mark of a NUL byte; or a target that starts
		 * with '?'. Either way no path, and no instance to name. */
		rq.path = NULL;
		reply_error(&rp, 400, NULL, "the request target must be a path; a NUL byte (%%00) "
					    "cuts it and is refused");
		return respond(conn, &rq, &rp, cat->http, NULL, out);
	}
	int status = router_match(cat, url, &m, rp.detail, sizeof rp.detail);
	out->route = m.index;
	out->scoped = m.scoped;
	if (status != 0) {
		rp.status = status;
		return respond(conn, &rq, &rp, cat->http, NULL, out);
	}
	rq.route = m.route;
	rq.article = m.article;
	rq.path_param = m.has_param ? m.param : NULL;
	rq.scoped = m.scoped;
	if (strcmp(method, MHD_HTTP_METHOD_OPTIONS) == 0)
		return preflight(conn, cat, out);
	if (!out->head && strcmp(method, MHD_HTTP_METHOD_GET) != 0) {
		reply_error(&rp, 405, NULL, "%.20s is not allowed here; use GET or HEAD", method);
		return respond(conn, &rq, &rp, cat->http, NULL, out);
	}
	struct pairs pairs = {.n = 0};
	MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_pair, &pairs);
	if (pairs.nul_in != NULL) {
		reply_error(&rp, 400, *pairs.nul_in ? pairs.nul_in : NULL,
			    "a query parameter holds a NUL byte (%%00); it would cut the value");
		return respond(conn, &rq, &rp, cat->http, NULL, out);
	}
	if (pairs.overflow) {
		reply_error(&rp, 400, NULL, "more than %d query parameters", QUERY_MAX_PAIRS);
		return respond(conn, &rq, &rp, cat->http, NULL, out);
	}
	if (!query_parse(m.route, pairs.keys, pairs.values, pairs.n, &rq.query, &rq.pretty, &rp))
		return respond(conn, &rq, &rp, cat->http, NULL, out);
	/* Only the index looks at Accept: the other bodies are JSON whatever it says. */
	if (m.route->handler == handle_index)
		rq.wants_html = header_prefers_html(
			MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept"));
	/* An answer built for this same request before, in this loop. Only
	 * requests with parameters are built per request: the others are
	 * prebuilt. */
	char key[CACHE_KEY_MAX];
	struct answer_cache_use use = {.cache = NULL, .key = key, .key_len = 0};
	if (cache != NULL && !m.route->uncached && (rq.query.any || rq.pretty)) {
		use.key_len = request_key(&rq, key, sizeof key);
		use.cache = use.key_len > 0 ? cache : NULL;
	}
	int rc;
	if (use.cache != NULL && respond_cached(conn, &use, out, &rc))
		return rc;
	m.route->handler(&rq, &rp);
	return respond(conn, &rq, &rp, cat->http, use.cache ? &use : NULL, out);
}
