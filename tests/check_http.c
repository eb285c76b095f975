/* check_http.c - the parts of the HTTP contract that compare one answer
 * with another, or with the text (ETags and 304s, gzip, ?pretty, HEAD,
 * /articles/{id}, search offsets, the request log), against a real
 * articled on a loopback port. What one request and its answer show is in
 * tests/contract/, run by check_contract. */
#include <check.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "harness.h"

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

START_TEST(a_section_by_slug_or_index)
{
	json_t *a = get_json(&srv, "/sections/hi-donald", 200);
	json_t *b = get_json(&srv, "/sections/2", 200);
	ck_assert(json_equal(a, b));
	json_decref(a);
	json_decref(b);
}
END_TEST

START_TEST(search_finds_all_words_with_offsets)
{
	json_t *j = get_json(&srv, "/search?q=Nuclear+peninsula", 200);
	ck_assert_int_eq(jint(j, "total"), 3);
	ck_assert_int_eq(json_array_size(json_object_get(j, "items")), 3);
	const size_t n_matches[] = {2, 2, 3};
	size_t i;
	json_t *hit;
	json_array_foreach(json_object_get(j, "items"), i, hit) {
		const char *text = jstr(hit, "text");
		size_t k;
		json_t *m;
		/* Every paragraph holds both words: at least one match of each. */
		ck_assert_int_eq(json_array_size(json_object_get(hit, "matches")), n_matches[i]);
		bool nuclear = false, peninsula = false;
		json_array_foreach(json_object_get(hit, "matches"), k, m) {
			nuclear = nuclear || strcmp(jstr(m, "term"), "Nuclear") == 0;
			peninsula = peninsula || strcmp(jstr(m, "term"), "peninsula") == 0;
			/* Code point offsets: text here is ASCII around the matches. */
			json_int_t start = jint(m, "start"), end = jint(m, "end");
			ck_assert_int_gt(end, start);
			ck_assert(strncasecmp(text + start, jstr(m, "term"), (size_t)(end - start)) == 0);
		}
		ck_assert(nuclear && peninsula);
	}
	json_decref(j);
}
END_TEST

START_TEST(etag_answers_304)
{
	const char *paths[] = {"/sections", "/quotes?speaker=putin", "/search?q=russia"};
	for (size_t i = 0; i < 3; i++) {
		struct http_response r;
		http_get(&srv, paths[i], &r);
		char etag[128], inm[192];
		snprintf(etag, sizeof etag, "%s", http_header(&r, "ETag"));
		http_response_free(&r);
		snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
		const char *h1[] = {inm, NULL};
		http_request(&srv, NULL, paths[i], h1, &r);
		ck_assert_msg(r.status == 304, "%s with its ETag: %ld", paths[i], r.status);
		ck_assert_str_eq(http_header(&r, "ETag"), etag);
		ck_assert_int_eq(r.body_len, 0);
		http_response_free(&r);
		/* In a list, and in weak form: If-None-Match compares weakly. */
		snprintf(inm, sizeof inm, "If-None-Match: \"other\", W/%s", etag);
		const char *h2[] = {inm, NULL};
		http_request(&srv, NULL, paths[i], h2, &r);
		ck_assert_int_eq(r.status, 304);
		http_response_free(&r);
		const char *h3[] = {"If-None-Match: \"stale\"", NULL};
		http_request(&srv, NULL, paths[i], h3, &r);
		ck_assert_int_eq(r.status, 200);
		http_response_free(&r);
	}
	struct http_response r;
	const char *star[] = {"If-None-Match: *", NULL};
	http_request(&srv, NULL, "/article", star, &r);
	ck_assert_int_eq(r.status, 304);
	http_response_free(&r);
}
END_TEST

/* Inflates a gzip body; returns its length, or -1. */
static long gunzip(const char *in, size_t len, char *out, size_t cap)
{
	z_stream z = {0};
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return -1;
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int rc = inflate(&z, Z_FINISH);
	long n = (long)z.total_out;
	inflateEnd(&z);
	return rc == Z_STREAM_END ? n : -1;
}

START_TEST(gzip_when_accepted)
{
	const char *paths[] = {"/sections", "/quotes?kind=indirect", "/article?pretty"};
	for (size_t i = 0; i < 3; i++) {
		struct http_response plain, zipped;
		http_get(&srv, paths[i], &plain);
		ck_assert_ptr_null(http_header(&plain, "Content-Encoding"));
		const char *h[] = {"Accept-Encoding: br, gzip;q=0.8", NULL};
		http_request(&srv, NULL, paths[i], h, &zipped);
		ck_assert_int_eq(zipped.status, 200);
		ck_assert_str_eq(http_header(&zipped, "Content-Encoding"), "gzip");
		ck_assert(strstr(http_header(&zipped, "Vary"), "Accept-Encoding") != NULL);
		ck_assert_int_lt(zipped.body_len, plain.body_len);
		ck_assert_str_ne(http_header(&zipped, "ETag"), http_header(&plain, "ETag"));
		char *out = malloc(plain.body_len + 16);
		long n = gunzip(zipped.body, zipped.body_len, out, plain.body_len + 16);
		ck_assert_int_eq(n, (long)plain.body_len);
		ck_assert(memcmp(out, plain.body, plain.body_len) == 0);
		free(out);
		http_response_free(&plain);
		http_response_free(&zipped);
	}
	struct http_response r;
	const char *refused[] = {"Accept-Encoding: gzip;q=0, identity", NULL};
	http_request(&srv, NULL, "/sections", refused, &r);
	ck_assert_ptr_null(http_header(&r, "Content-Encoding"));
	http_response_free(&r);
}
END_TEST

START_TEST(pretty_indents_the_same_json)
{
	struct http_response compact, pretty;
	http_get(&srv, "/reactions", &compact);
	http_get(&srv, "/reactions?pretty", &pretty);
	ck_assert(memchr(compact.body, '\n', compact.body_len) == NULL);
	ck_assert(strstr(pretty.body, "\n  \"items\"") != NULL);
	json_error_t e;
	json_t *a = json_loadb(compact.body, compact.body_len, 0, &e);
	json_t *b = json_loadb(pretty.body, pretty.body_len, 0, &e);
	ck_assert(json_equal(a, b));
	json_decref(a);
	json_decref(b);
	http_response_free(&compact);
	http_response_free(&pretty);
	/* pretty=1 is ?pretty: the same bytes. */
	http_get(&srv, "/sections/intro?pretty", &compact);
	http_get(&srv, "/sections/intro?pretty=1", &pretty);
	ck_assert_int_eq(compact.body_len, pretty.body_len);
	ck_assert(memcmp(compact.body, pretty.body, compact.body_len) == 0);
	http_response_free(&compact);
	http_response_free(&pretty);
}
END_TEST

START_TEST(head_is_get_without_the_body)
{
	struct http_response get, head;
	http_get(&srv, "/sections", &get);
	http_request(&srv, "HEAD", "/sections", NULL, &head);
	ck_assert_int_eq(head.status, 200);
	ck_assert_int_eq(head.body_len, 0);
	ck_assert_str_eq(http_header(&head, "Content-Length"), http_header(&get, "Content-Length"));
	ck_assert_str_eq(http_header(&head, "ETag"), http_header(&get, "ETag"));
	http_response_free(&get);
	http_response_free(&head);
}
END_TEST

START_TEST(articles_prefix_serves_the_same)
{
	json_t *list = get_json(&srv, "/articles", 200);
	ck_assert_int_eq(jint(list, "total"), 1);
	const char *id = jstr(json_array_get(json_object_get(list, "items"), 0), "id");
	char path[256];
	snprintf(path, sizeof path, "/articles/%s/quotes", id);
	json_t *a = get_json(&srv, path, 200), *b = get_json(&srv, "/quotes", 200);
	ck_assert(json_equal(a, b));
	snprintf(path, sizeof path, "/articles/%s", id);
	json_t *c = get_json(&srv, path, 200), *d = get_json(&srv, "/article", 200);
	ck_assert(json_equal(c, d));
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(d);
	json_decref(list);
}
END_TEST

START_TEST(request_log_has_one_json_line_per_request)
{
	struct http_response r;
	http_get(&srv, "/healthz?log-marker=1", &r); /* a 400: unknown parameter */
	http_response_free(&r);
	/* The log is flushed when the loop goes idle: give it a moment. */
	const char *log = "";
	for (int i = 0; i < 100 && strstr(log, "log-marker") == NULL; i++) {
		usleep(10000);
		log = server_log(&srv);
	}
	const char *line = strstr(log, "{\"time\"");
	ck_assert_msg(line != NULL, "no JSON log line in: %s", log);
	const char *marker = strstr(log, "log-marker");
	ck_assert_ptr_nonnull(marker);
	while (marker > log && marker[-1] != '\n')
		marker--;
	json_error_t e;
	const char *end = strchr(marker, '\n');
	json_t *j = json_loadb(marker, (size_t)(end - marker), 0, &e);
	ck_assert_msg(j != NULL, "log line is not JSON: %.*s", (int)(end - marker), marker);
	ck_assert_str_eq(jstr(j, "method"), "GET");
	ck_assert_str_eq(jstr(j, "path"), "/healthz?log-marker=1");
	ck_assert_int_eq(jint(j, "status"), 400);
	ck_assert_str_eq(jstr(j, "client"), "127.0.0.1");
	json_decref(j);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("http");
	TCase *tc = tcase_create("contract");
	tcase_add_unchecked_fixture(tc, start_default, stop_default);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, a_section_by_slug_or_index);
	tcase_add_test(tc, search_finds_all_words_with_offsets);
	tcase_add_test(tc, etag_answers_304);
	tcase_add_test(tc, gzip_when_accepted);
	tcase_add_test(tc, pretty_indents_the_same_json);
	tcase_add_test(tc, head_is_get_without_the_body);
	tcase_add_test(tc, articles_prefix_serves_the_same);
	tcase_add_test(tc, request_log_has_one_json_line_per_request);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
