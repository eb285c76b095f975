/* fuzz_request.c - libFuzzer harness for the request path without
 * libmicrohttpd: routing, query checking, and the handlers themselves.
 *
 * The input is "PATH?QUERY" (or "PATH\0QUERY"): split at the first '?' or
 * NUL. The path is percent-decoded (as libmicrohttpd does before the
 * handler sees the URL) and routed with router_match() against the catalog
 * of the built-in article, loaded as the server loads it (snapshot_load).
 * The query is split on '&' and '=' into at most 32 pairs (the server's
 * QUERY_MAX_PAIRS), each percent-decoded with '+' as a space (a key
 * without '=' has a NULL value, as "?pretty"), and parsed by
 * request_parse() for the matched route. When it passes, the route's
 * handler runs (they are pure functions of the request) and an error reply
 * is turned into its problem+json body.
 *
 * Invariants (abort() on violation): a match names a route of the table and,
 * for article routes, an article; a 404 names none and says why; the {id}
 * parameter fits; a refused query is a 400 with a detail; a handler returns
 * the status of its reply, a 200 has a body or a representation, every
 * JSON body the handlers build parses as JSON; problem_json() succeeds.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/reply.h"
#include "../api/request.h"
#include "../api/status.h"
#include "../http/problem.h"
#include "../http/router.h"
#include "../server/options.h"
#include "../server/snapshot.h"

#define FUZZ_HARNESS "fuzz_request"
#include "fuzz_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_MAX_PAIRS = 32 };

static struct tables tables;
static struct snapshot *loaded; /* kept for the life of the process */
static const struct catalog *catalog;
static const struct http_config http = {.server = "articled/fuzz", .cors_origin = "*"};

static void die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_request: %s: %s\n", what, why);
	abort();
}

/* The catalog of the built-in article, as the server loads it when no
 * --data is given. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char *args[] = {"articled", NULL};
	struct options o;
	char err[512];
	if (options_parse(&o, 1, args, stdout, err, sizeof err) != OPTIONS_OK)
		die("options", err);
	if (tables_load(&tables, NULL, err, sizeof err) != 0)
		die("tables_load", err);
	loaded = snapshot_load(&o, &tables, &http, 1, err, sizeof err);
	if (loaded == NULL)
		die("snapshot_load", err);
	catalog = loaded->catalog;
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

static void run_handler(struct request *rq, const char *path)
{
	struct reply rp;
	memset(&rp, 0, sizeof rp);
	rp.pretty = rq->query.pretty;
	int status = rq->route->handler(rq, &rp);
	CHECK(status == rp.status, "%s: returned %d for a reply of %d", path, status, rp.status);
	CHECK(rp.status >= 200 && rp.status <= 599, "%s: status %d", path, rp.status);
	if (rp.status == STATUS_OK) {
		CHECK(rp.representation != NULL || rp.body != NULL, "%s: a 200 without a body", path);
		if (rp.body != NULL && rp.content_type != NULL &&
		    strncmp(rp.content_type, "application/json", 16) == 0)
			check_json_body(rp.body, rp.len, path);
		if (rp.representation != NULL)
			CHECK(rp.representation->body[ENC_IDENTITY] != NULL ||
				      rp.representation->make != NULL,
			      "%s: an empty representation", path);
	} else if (rp.status >= 400) {
		CHECK(memchr(rp.detail, '\0', sizeof rp.detail) != NULL && rp.detail[0] != '\0',
		      "%s: status %d without a detail", path, rp.status);
		size_t len = 0;
		char *problem = problem_json(rp.status, rp.detail, rp.param, path, &len);
		CHECK(problem != NULL, "%s: problem_json failed for '%s'", path, rp.detail);
		check_json_body(problem, len, path);
		free(problem);
	}
	reply_release(&rp);
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
	char key[1024];
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
	CHECK(m.index >= 0 && m.index < ROUTE_COUNT && m.route == &routes[m.index],
	      "%s: route index %d", path, m.index);
	CHECK(m.route->scope == SCOPE_ROOT || m.article != NULL,
	      "%s: an article route without an article", path);
	CHECK(!m.scoped || m.article != NULL, "%s: scoped without an article", path);
	if (m.has_param)
		CHECK(memchr(m.param, '\0', sizeof m.param) != NULL && m.param[0] != '\0',
		      "%s: a bad {id}", path);

	/* The query: at most FUZZ_MAX_PAIRS pairs, the rest is ignored. */
	char *keys[FUZZ_MAX_PAIRS], *values[FUZZ_MAX_PAIRS];
	struct query_pair pairs[FUZZ_MAX_PAIRS];
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
			pairs[n] = (struct query_pair){keys[n], values[n]};
			n++;
		}
		i = end + 1;
	}
	static struct request rq; /* large: not on the fuzzer's stack */
	request_init(&rq, catalog, path);
	rq.route = m.route;
	rq.article = m.article;
	rq.path_param = m.has_param ? m.param : NULL;
	rq.scoped = m.scoped;
	struct reply rp;
	memset(&rp, 0, sizeof rp);
	if (request_parse(&rq, pairs, n, &rp) != STATUS_OK) {
		CHECK(rp.status == STATUS_BAD_REQUEST, "%s: the query refused with status %d", path,
		      rp.status);
		CHECK(memchr(rp.detail, '\0', sizeof rp.detail) != NULL && rp.detail[0] != '\0',
		      "%s: the query refused without a detail", path);
		size_t len = 0;
		char *problem = problem_json(rp.status, rp.detail, rp.param, path, &len);
		CHECK(problem != NULL, "%s: problem_json failed", path);
		free(problem);
	} else {
		size_t key_len = request_key(&rq, key, sizeof key);
		CHECK(key_len > 0 && key_len <= sizeof key, "%s: no cache key", path);
		run_handler(&rq, path);
	}
	for (size_t k = 0; k < n; k++) {
		free(keys[k]);
		free(values[k]);
	}
	free(path);
	return 0;
}
