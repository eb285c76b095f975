/* check_requests.c - what a hostile or careless client sends: answers
 * cached per request are never served for another request (and %00 never
 * cuts a path or a value: tests/contract/escapes.txt), every id of
 * article= is checked, HEAD is counted as what it sends, and error details
 * stay JSON however broken the bytes quoted in them. Real HTTP against a real articled, and the pure parts
 * (the cache key, the UTF-8 repair) on their own. */
#include <check.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../api/reply.h"
#include "../api/request.h"
#include "../api/status.h"
#include "../http/answer_cache.h"
#include "../http/problem.h"
#include "../http/routes.h"
#include "../server/snapshot.h"
#include "../text/utf8.h"
#include "harness.h"

#define ARTICLE_ID "000-617779ec1d6cc40c"

static struct server srv;

static void start_default(void)
{
	const char *args[] = {"--log-format", "json", NULL};
	server_start_or_exit(&srv, args);
}

static void stop_default(void)
{
	server_stop_reporting(&srv);
}

/* "%20" n times: padding that makes a target long without changing q. */
static char *padding(size_t n)
{
	char *p = malloc(3 * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(p + 3 * i, "%20", 3);
	p[3 * n] = '\0';
	return p;
}

/* ---- the answer cache ---- */

/* Two targets alike in their first 512 bytes (once the length of a copy
 * that served as the key), the second a 400: it must not get the 200. */
START_TEST(a_cached_answer_is_never_served_for_another_request)
{
	char *pad = padding(180);
	char first[1024], second[1024];
	snprintf(first, sizeof first, "/search?q=korean%s&limit=1", pad);
	snprintf(second, sizeof second, "/search?q=korean%s&limit=1&section=nope", pad);
	ck_assert_int_gt(strlen(first), 512);
	json_t *a = get_json(&srv, first, 200);
	ck_assert_int_eq(jint(a, "limit"), 1);
	json_decref(a);
	expect_problem(&srv, NULL, second, 400, "section");
	/* Twice each, so that the second of each would be a hit. */
	json_decref(get_json(&srv, first, 200));
	expect_problem(&srv, NULL, second, 400, "section");
	/* Both successful, alike up to their last bytes: each gets its own page. */
	for (int round = 0; round < 2; round++)
		for (int offset = 0; offset < 3; offset++) {
			char path[1024];
			snprintf(path, sizeof path, "/search?q=korean%s&limit=1&offset=%d", pad, offset);
			json_t *j = get_json(&srv, path, 200);
			ck_assert_int_eq(jint(j, "offset"), offset);
			ck_assert_int_eq(json_array_size(json_object_get(j, "items")), 1);
			json_decref(j);
		}
	free(pad);
}
END_TEST

/* Equivalent queries give the same bytes, and different ones do not,
 * whether the answer is built or taken from the cache. */
START_TEST(equivalent_queries_get_the_same_answer)
{
	const char *alike[] = {"/quotes?kind=direct&limit=5", "/quotes?limit=05&kind=direct",
			       "/quotes?limit=5&kind=direct&offset=0", "/quotes?kind=direct&limit=5",
			       "/quotes?kind=direct&limit=5&pretty=0"};
	char etag[64] = "";
	size_t len = 0;
	for (size_t i = 0; i < sizeof alike / sizeof alike[0]; i++) {
		struct http_response r;
		ck_assert_int_eq(http_get(&srv, alike[i], &r), 0);
		ck_assert_int_eq(r.status, 200);
		const char *e = http_header(&r, "ETag");
		ck_assert_ptr_nonnull(e);
		if (i == 0) {
			snprintf(etag, sizeof etag, "%s", e);
			len = r.body_len;
		}
		ck_assert_msg(strcmp(e, etag) == 0 && r.body_len == len, "%s differs", alike[i]);
		http_response_free(&r);
	}
	json_t *other = get_json(&srv, "/quotes?kind=direct&limit=1", 200);
	ck_assert_int_eq(json_array_size(json_object_get(other, "items")), 1);
	json_decref(other);
	json_t *indirect = get_json(&srv, "/quotes?kind=indirect&limit=5", 200);
	ck_assert_str_eq(jstr(json_array_get(json_object_get(indirect, "items"), 0), "kind"),
			 "indirect");
	json_decref(indirect);
}
END_TEST

/* request_key on its own: a route's parameters as the router parses them,
 * against the catalog of the built-in article. */
static struct tables tables;
static struct snapshot *loaded;
static const struct catalog *catalog;

static void catalog_up(void)
{
	loaded = builtin_snapshot(&tables);
	catalog = loaded->catalog;
}

static void catalog_down(void)
{
	snapshot_release(loaded);
	tables_free(&tables);
}

static const struct route *route_of(const char *pattern)
{
	for (size_t i = 0; i < ROUTE_COUNT; i++)
		if (strcmp(routes[i].pattern, pattern) == 0)
			return &routes[i];
	ck_abort_msg("no route %s", pattern);
	return NULL;
}

/* The key of /ROUTE?k1=v1&k2=v2... for article s; pairs is key, value,
 * key, value, ..., NULL (a value may be NULL: "?pretty"). */
static size_t key_of(const char *pattern, const struct served_article *s,
		     const char *const *pairs, char *out, size_t cap)
{
	struct query_pair v[16];
	size_t n = 0;
	for (; pairs[2 * n] != NULL; n++)
		v[n] = (struct query_pair){pairs[2 * n], pairs[2 * n + 1]};
	static struct request rq;
	request_init(&rq, catalog, pattern);
	rq.route = route_of(pattern);
	rq.article = s;
	struct reply rp = {0};
	ck_assert_msg(request_parse(&rq, v, n, &rp) == STATUS_OK, "%s", rp.detail);
	return request_key(&rq, out, cap);
}

static bool same_key(const char *pattern, const char *const *a, const char *const *b)
{
	char ka[CACHE_KEY_MAX], kb[CACHE_KEY_MAX];
	size_t la = key_of(pattern, &catalog->articles[0], a, ka, sizeof ka);
	size_t lb = key_of(pattern, &catalog->articles[0], b, kb, sizeof kb);
	ck_assert_int_gt(la, 0);
	ck_assert_int_gt(lb, 0);
	return la == lb && memcmp(ka, kb, la) == 0;
}

START_TEST(the_cache_key_is_the_canonical_request)
{
	const char *a[] = {"kind", "direct", "limit", "5", NULL};
	const char *b[] = {"limit", "05", "kind", "direct", NULL};
	const char *c[] = {"kind", "direct", "limit", "5", "offset", "0", "pretty", "0", NULL};
	const char *d[] = {"kind", "direct", "limit", "50", NULL};
	const char *e[] = {"kind", "direct", NULL};
	ck_assert(same_key("/quotes", a, b));
	ck_assert(same_key("/quotes", a, c));
	ck_assert(same_key("/quotes", d, e)); /* 50 is the default limit */
	/* Equal answers: a country code in any case, article= naming an id twice. */
	const char *jp[] = {"country", "jp", NULL};
	const char *JP[] = {"country", "JP", NULL};
	ck_assert(same_key("/reactions", jp, JP));
	const char *once[] = {"article", ARTICLE_ID, NULL};
	const char *twice[] = {"article", ARTICLE_ID "," ARTICLE_ID, NULL};
	ck_assert(same_key("/quotes", once, twice));
	/* Anything a handler reads makes another key. */
	const char *f[] = {"kind", "direct", "limit", "6", NULL};
	const char *g[] = {"kind", "indirect", "limit", "5", NULL};
	const char *h[] = {"kind", "direct", "limit", "5", "pretty", NULL, NULL};
	const char *i[] = {"kind", "direct", "limit", "5", "section", "intro", NULL};
	const char *j[] = {"kind", "direct", "limit", "5", "speaker", "putin", NULL};
	const char *k[] = {"kind", "direct", "limit", "5", "speaker", "Putin", NULL};
	ck_assert(!same_key("/quotes", a, f));
	ck_assert(!same_key("/quotes", a, g));
	ck_assert(!same_key("/quotes", a, h));
	ck_assert(!same_key("/quotes", a, i));
	ck_assert(!same_key("/quotes", a, j));
	ck_assert(!same_key("/quotes", j, k));
	const char *all[] = {"article", "*", NULL};
	ck_assert(!same_key("/quotes", once, all));
	ck_assert(!same_key("/quotes", once, e));
	/* A value cannot imitate the fields after it. */
	const char *l[] = {"speaker", "a", "section", "intro", NULL};
	const char *m[] = {"speaker", "a-;5:intro", NULL};
	ck_assert(!same_key("/quotes", l, m));
	/* Another route or article with the same parameters. */
	const char *kind_date[] = {"kind", "date", NULL};
	char k1[CACHE_KEY_MAX], k2[CACHE_KEY_MAX];
	struct served_article another = catalog->articles[0];
	another.id = "another";
	size_t l1 = key_of("/figures", &catalog->articles[0], kind_date, k1, sizeof k1);
	size_t l2 = key_of("/figures", &another, kind_date, k2, sizeof k2);
	ck_assert(l1 != l2 || memcmp(k1, k2, l1) != 0);
	const char *pretty[] = {"pretty", NULL, NULL};
	l1 = key_of("/figures", &catalog->articles[0], pretty, k1, sizeof k1);
	l2 = key_of("/quotes", &catalog->articles[0], pretty, k2, sizeof k2);
	ck_assert(l1 != l2 || memcmp(k1, k2, l1) != 0);
	/* A long request fits; a key that does not fit is no key (not a cut
	 * one). */
	char big[201];
	memset(big, 'x', 200);
	big[200] = '\0';
	const char *longest[] = {"speaker", big, "section", "international-reaction", "article",
				 ARTICLE_ID, "kind", "indirect", "limit", "1000", "offset",
				 "1000000000", "pretty", NULL, NULL};
	ck_assert_int_gt(key_of("/quotes", &catalog->articles[0], longest, k1, sizeof k1), 250);
	ck_assert_int_eq(key_of("/quotes", &catalog->articles[0], longest, k1, 100), 0);
}
END_TEST

/* ---- article= ---- */

START_TEST(every_id_of_article_is_checked_in_any_order)
{
	char path[256];
	snprintf(path, sizeof path, "/quotes?article=%s", ARTICLE_ID);
	json_t *one = get_json(&srv, path, 200);
	json_int_t total = jint(one, "total");
	ck_assert_int_eq(total, 13);
	json_decref(one);
	snprintf(path, sizeof path, "/quotes?article=%s,bogus", ARTICLE_ID);
	expect_problem(&srv, NULL, path, 400, "article");
	snprintf(path, sizeof path, "/quotes?article=bogus,%s", ARTICLE_ID);
	expect_problem(&srv, NULL, path, 400, "article");
	snprintf(path, sizeof path, "/quotes?article=%s,", ARTICLE_ID);
	expect_problem(&srv, NULL, path, 400, "article");
	snprintf(path, sizeof path, "/quotes?article=,%s", ARTICLE_ID);
	expect_problem(&srv, NULL, path, 400, "article");
	snprintf(path, sizeof path, "/quotes?article=%s,%s,bogus", ARTICLE_ID, ARTICLE_ID);
	expect_problem(&srv, NULL, path, 400, "article");
	/* A repeated id counts once. */
	snprintf(path, sizeof path, "/quotes?article=%s,%s", ARTICLE_ID, ARTICLE_ID);
	json_t *twice = get_json(&srv, path, 200);
	ck_assert_int_eq(jint(twice, "total"), total);
	json_decref(twice);
}
END_TEST

/* ---- HEAD ---- */

/* The JSON log line of the request whose path contains marker. */
static json_t *log_line(const char *marker)
{
	const char *log = "";
	for (int i = 0; i < 200 && strstr(log, marker) == NULL; i++) {
		usleep(10000);
		log = server_log(&srv);
	}
	const char *at = strstr(log, marker);
	ck_assert_msg(at != NULL, "no log line for %s", marker);
	while (at > log && at[-1] != '\n')
		at--;
	const char *end = strchr(at, '\n');
	json_error_t e;
	json_t *j = json_loadb(at, end ? (size_t)(end - at) : strlen(at), 0, &e);
	ck_assert_msg(j != NULL, "log line is not JSON: %.200s", at);
	return j;
}

START_TEST(head_is_logged_and_metered_as_sending_no_body)
{
	struct http_response m1, m2, r;
	ck_assert_int_eq(http_get(&srv, "/metrics", &m1), 0);
	double before = metrics_sample(m1.body, "articled_response_bytes_total");
	ck_assert(before >= 0);
	/* A prebuilt answer, one built for the request, and an error. */
	const char *paths[] = {"/sections?head-marker", "/quotes?kind=direct&head-marker-2",
			       "/sections", "/quotes?kind=direct", "/nowhere-head"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		ck_assert_int_eq(http_request(&srv, "HEAD", paths[i], NULL, &r), 0);
		ck_assert_int_eq(r.body_len, 0);
		http_response_free(&r);
	}
	ck_assert_int_eq(http_get(&srv, "/metrics", &m2), 0);
	/* Only the first /metrics answer was sent with a body since. */
	double after = metrics_sample(m2.body, "articled_response_bytes_total");
	ck_assert_msg(after == before + (double)m1.body_len, "bytes %g -> %g; the /metrics body was %zu",
		      before, after, m1.body_len);
	http_response_free(&m1);
	http_response_free(&m2);
	json_t *line = log_line("\"/quotes?kind=direct\",\"status\":200,\"bytes\"");
	ck_assert_str_eq(jstr(line, "method"), "HEAD");
	ck_assert_int_eq(jint(line, "bytes"), 0);
	json_decref(line);
	line = log_line("/nowhere-head");
	ck_assert_int_eq(jint(line, "status"), 404);
	ck_assert_int_eq(jint(line, "bytes"), 0);
	json_decref(line);
	/* A GET counts its body. */
	ck_assert_int_eq(http_get(&srv, "/sections?limit=1&get-marker", &r), 0);
	ck_assert_int_eq(r.status, 400); /* unknown parameter: a body all the same */
	size_t sent = r.body_len;
	http_response_free(&r);
	line = log_line("get-marker");
	ck_assert_int_eq(jint(line, "bytes"), (json_int_t)sent);
	json_decref(line);
}
END_TEST

/* ---- gzip ---- */

/* The XFL byte of a gzip header: zlib writes 2 at level 9, 4 at level 1. */
static int gzip_xfl(const char *path)
{
	struct http_response r;
	const char *h[] = {"Accept-Encoding: gzip", NULL};
	ck_assert_int_eq(http_request(&srv, NULL, path, h, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(http_header(&r, "Content-Encoding"), "gzip");
	ck_assert(r.body_len > 10 && (unsigned char)r.body[0] == 0x1F &&
		  (unsigned char)r.body[1] == 0x8B);
	int xfl = (unsigned char)r.body[8];
	http_response_free(&r);
	return xfl;
}

START_TEST(answers_built_per_request_are_gzipped_fast)
{
	/* Built once at load: the smallest output. */
	ck_assert_int_eq(gzip_xfl("/sections"), 2);
	/* Built while the loop waits: the fastest level (see served/representation.h). */
	ck_assert_int_eq(gzip_xfl("/sections?limit=4"), 4);
	ck_assert_int_eq(gzip_xfl("/quotes?kind=indirect"), 4);
	ck_assert_int_eq(gzip_xfl("/search?q=korean"), 4);
}
END_TEST

/* ---- bytes that are not UTF-8 ---- */

START_TEST(broken_utf8_is_repaired_in_one_pass)
{
	char *fixed = utf8_repaired("a\xFF" "b\xC3\xA9" "c\xE2\x82" "d", 9);
	ck_assert_str_eq(fixed, "a\xEF\xBF\xBD" "b\xC3\xA9" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d");
	free(fixed);
	fixed = utf8_repaired("\xED\xA0\x80", 3); /* a surrogate: three bad bytes */
	ck_assert_str_eq(fixed, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	free(fixed);
	/* 4 MB of invalid bytes in a detail: a pass per byte (as it once was)
	 * would take hours; one pass takes milliseconds. */
	size_t n = 4u << 20;
	char *detail = malloc(n + 1);
	memset(detail, 0xFF, n);
	detail[n] = '\0';
	size_t len = 0;
	char *body = problem_json(404, detail, NULL, detail, &len);
	ck_assert_ptr_nonnull(body);
	json_error_t e;
	json_t *j = json_loadb(body, len, 0, &e);
	ck_assert_ptr_nonnull(j);
	const char *d = jstr(j, "detail");
	ck_assert_int_eq(strlen(d), 3 * n);
	ck_assert(memcmp(d, "\xEF\xBF\xBD", 3) == 0 && memcmp(d + 3 * n - 3, "\xEF\xBF\xBD", 3) == 0);
	ck_assert_int_eq(strlen(jstr(j, "instance")), 3 * n);
	json_decref(j);
	free(body);
	free(detail);
}
END_TEST

START_TEST(a_404_for_raw_bytes_is_still_json)
{
	struct http_response r;
	char path[1100] = "/";
	memset(path + 1, 0xFF, 1000);
	path[1001] = '\0';
	ck_assert_int_eq(http_get(&srv, path, &r), 0);
	ck_assert_int_eq(r.status, 404);
	json_t *j = response_json(&r);
	ck_assert_int_eq(strlen(jstr(j, "instance")), 1 + 3 * 1000);
	json_decref(j);
	http_response_free(&r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("requests");
	TCase *units = tcase_create("units");
	tcase_add_unchecked_fixture(units, catalog_up, catalog_down);
	tcase_set_timeout(units, 30);
	tcase_add_test(units, the_cache_key_is_the_canonical_request);
	tcase_add_test(units, broken_utf8_is_repaired_in_one_pass);
	suite_add_tcase(s, units);
	TCase *tc = tcase_create("http");
	tcase_add_unchecked_fixture(tc, start_default, stop_default);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, a_cached_answer_is_never_served_for_another_request);
	tcase_add_test(tc, equivalent_queries_get_the_same_answer);
	tcase_add_test(tc, every_id_of_article_is_checked_in_any_order);
	tcase_add_test(tc, head_is_logged_and_metered_as_sending_no_body);
	tcase_add_test(tc, a_404_for_raw_bytes_is_still_json);
	tcase_add_test(tc, answers_built_per_request_are_gzipped_fast);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
