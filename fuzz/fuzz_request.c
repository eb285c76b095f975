/* fuzz_request.c - libFuzzer harness for the request path without
 * libmicrohttpd: routing, query checking, and the handlers themselves.
 *
 * The input is "PATH?QUERY" (or "PATH\0QUERY"): split at the first '?' or
 * NUL. The path is percent-decoded (as libmicrohttpd does before the
 * handler sees the URL) and routed with router_match() against a catalog of
 * the built-in article, built once as server/snapshot.c does. The query is
 * split on '&' and '=' into at most 32 pairs (the server's QUERY_MAX_PAIRS),
 * each percent-decoded with '+' as a space (a key without '=' has a NULL
 * value, as "?pretty"), and checked by query_parse() for the matched route.
 * When it passes, the route's handler runs (they are pure functions of the
 * request) and an error reply is turned into its problem+json body.
 *
 * Invariants (abort() on violation): a match names a route of the table and,
 * for article routes, an article; a 404 names none and says why; the {id}
 * parameter fits; a failed query_parse is a 400 with a detail; a handler's
 * reply has a status, a 200 has a body or a prebuilt, every JSON body the
 * handlers build parses as JSON; problem_json() succeeds.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../handlers/catalog.h"
#include "../handlers/http.h"
#include "../handlers/respond.h"
#include "../handlers/router.h"
#include "../parser/article_parse.h"
#include "../parser/tables.h"
#include "../text/textfile.h"

#define FUZZ_HARNESS "fuzz_request"
#include "../text/slug.h"
#include "fuzz_check.h"

/* Set by the Makefile's CPPFLAGS, as for server/snapshot.c. */
#ifndef DEFAULT_ARTICLE
#define DEFAULT_ARTICLE "article.txt"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_MAX_PAIRS = 32 };

static struct tables tables;
static struct catalog *catalog;
static const struct http_config http = {.server = "articled/fuzz", .cors_origin = "*"};

static void die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_request: %s: %s\n", what, why);
	abort();
}

/* The catalog of the built-in article, as snapshot_load() builds it when
 * no --data is given. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[512];
	if (tables_load(&tables, NULL, err, sizeof err) != 0)
		die("tables_load", err);
	size_t len = 0;
	const char *text = tables_builtin("article", &len);
	if (text == NULL)
		die("tables_builtin", "no built-in article");
	struct textfile tf;
	if (textfile_from_buffer(&tf, "article.txt", text, len, err, sizeof err) != 0)
		die("textfile_from_buffer", err);
	/* The id snapshot.c gives the shipped article: the slug of its file name. */
	char id[80];
	const char *base = strrchr(DEFAULT_ARTICLE, '/');
	base = base ? base + 1 : DEFAULT_ARTICLE;
	const char *dot = strrchr(base, '.');
	if (slugify(base, dot ? (size_t)(dot - base) : strlen(base), id, sizeof id) == 0)
		snprintf(id, sizeof id, "article");
	struct article *a = article_parse(tf.text, tf.len, id, &tables, err, sizeof err);
	textfile_free(&tf);
	if (a == NULL)
		die("article_parse", err);
	struct catalog_input in = {.model = a, .file = DEFAULT_ARTICLE};
	catalog = catalog_build(&in, 1, 0, NULL, 0, 0.0, 1, &http);
	if (catalog == NULL)
		die("catalog_build", "failed");
	return 0;
}

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into a new NUL-terminated string: %XX escapes, and '+'
 * as a space when plus is set. A malformed escape stays as it is. A
 * decoded %00 ends the C string, as it would for the server. */
static char *decode(const char *s, size_t len, bool plus)
{
	char *out = malloc(len + 1);
	if (out == NULL)
		abort();
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		int h, l;
		if (s[i] == '%' && i + 2 < len && (h = hex((unsigned char)s[i + 1])) >= 0 &&
		    (l = hex((unsigned char)s[i + 2])) >= 0) {
			out[o++] = (char)(h * 16 + l);
			i += 2;
		} else if (plus && s[i] == '+') {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

static void check_json_body(const char *body, size_t len, const char *path)
{
	json_error_t err;
	json_t *j = json_loadb(body, len, 0, &err);
	CHECK(j != NULL, "%s: the handler's JSON body does not parse: %s (at %d)", path, err.text,
	      err.position);
	json_decref(j);
}

static void run_handler(const struct route_match *m, const char *path, const struct query *q,
			bool pretty)
{
	struct request rq;
	struct reply rp;
	memset(&rq, 0, sizeof rq);
	memset(&rp, 0, sizeof rp);
	rq.catalog = catalog;
	rq.article = m->article;
	rq.route = m->route;
	rq.path = path;
	rq.path_param = m->has_param ? m->param : NULL;
	rq.query = *q;
	rq.pretty = pretty;
	m->route->handler(&rq, &rp);
	CHECK(rp.status >= 200 && rp.status <= 599, "%s: status %d", path, rp.status);
	if (rp.status == 200) {
		CHECK(rp.prebuilt != NULL || rp.body != NULL, "%s: a 200 without a body", path);
		if (rp.body != NULL && rp.content_type != NULL &&
		    strncmp(rp.content_type, "application/json", 16) == 0)
			check_json_body(rp.body, rp.len, path);
		if (rp.prebuilt != NULL)
			CHECK(rp.prebuilt->body[ENC_IDENTITY] != NULL, "%s: an empty prebuilt", path);
	} else if (rp.status >= 400) {
		CHECK(memchr(rp.detail, '\0', sizeof rp.detail) != NULL && rp.detail[0] != '\0',
		      "%s: status %d without a detail", path, rp.status);
		size_t len = 0;
		char *problem = problem_json(rp.status, rp.detail, rp.param, path, &len);
		CHECK(problem != NULL, "%s: problem_json failed for '%s'", path, rp.detail);
		check_json_body(problem, len, path);
		free(problem);
	}
	free(rp.body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	size_t path_len = 0;
	while (path_len < size && in[path_len] != '?' && in[path_len] != '\0')
		path_len++;
	bool has_query = path_len < size;
	char *path = decode(in, path_len, false);
	const char *query = has_query ? in + path_len + 1 : NULL;
	size_t query_len = has_query ? size - path_len - 1 : 0;

	struct route_match m;
	char detail[256];
	detail[0] = '\0';
	int status = router_match(catalog, path, &m, detail, sizeof detail);
	if (status != 0) {
		CHECK(status == 404, "%s: router_match returned %d", path, status);
		CHECK(m.route == NULL && m.index == -1, "%s: a 404 with route %d", path, m.index);
		CHECK(memchr(detail, '\0', sizeof detail) != NULL && detail[0] != '\0',
		      "%s: a 404 without a detail", path);
		size_t len = 0;
		char *problem = problem_json(404, detail, NULL, path, &len);
		CHECK(problem != NULL, "%s: problem_json failed", path);
		free(problem);
		free(path);
		return 0;
	}
	CHECK(m.route != NULL, "%s: matched without a route", path);
	CHECK(m.index >= 0 && (size_t)m.index < router_route_count(), "%s: route index %d", path,
	      m.index);
	CHECK(router_route_name((size_t)m.index, m.scoped) != NULL, "%s: no route name", path);
	CHECK(m.route->scope == SCOPE_GLOBAL || m.article != NULL, "%s: an article route without an "
								   "article",
	      path);
	CHECK(!m.scoped || m.article != NULL, "%s: scoped without an article", path);
	if (m.has_param)
		CHECK(memchr(m.param, '\0', sizeof m.param) != NULL && m.param[0] != '\0',
		      "%s: a bad {id}", path);

	/* The query: at most FUZZ_MAX_PAIRS pairs, the rest is ignored. */
	char *keys[FUZZ_MAX_PAIRS], *values[FUZZ_MAX_PAIRS];
	size_t n = 0;
	for (size_t i = 0; has_query && i <= query_len && n < FUZZ_MAX_PAIRS;) {
		size_t end = i;
		while (end < query_len && query[end] != '&')
			end++;
		if (end > i) { /* "a&&b": empty pairs are skipped */
			const char *eq = memchr(query + i, '=', end - i);
			size_t klen = eq ? (size_t)(eq - (query + i)) : end - i;
			keys[n] = decode(query + i, klen, true);
			values[n] = eq ? decode(eq + 1, (size_t)(query + end - eq - 1), true) : NULL;
			n++;
		}
		i = end + 1;
	}
	struct query q;
	struct reply rp;
	bool pretty = false;
	memset(&rp, 0, sizeof rp);
	bool ok = query_parse(m.route, (const char *const *)keys, (const char *const *)values, n, &q,
			      &pretty, &rp);
	if (!ok) {
		CHECK(rp.status == 400, "%s: query_parse refused with status %d", path, rp.status);
		CHECK(memchr(rp.detail, '\0', sizeof rp.detail) != NULL && rp.detail[0] != '\0',
		      "%s: query_parse refused without a detail", path);
		size_t len = 0;
		char *problem = problem_json(rp.status, rp.detail, rp.param, path, &len);
		CHECK(problem != NULL, "%s: problem_json failed", path);
		free(problem);
	} else {
		run_handler(&m, path, &q, pretty);
	}
	for (size_t k = 0; k < n; k++) {
		free(keys[k]);
		free(values[k]);
	}
	free(path);
	return 0;
}
