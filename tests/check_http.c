/* check_http.c - the HTTP contract, against a real articled on a loopback
 * port: every endpoint, status, header and error of the API. */
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

START_TEST(sections_list_the_article_in_order)
{
	json_t *j = get_json(&srv, "/sections", 200);
	ck_assert_int_eq(jint(j, "total"), 5);
	ck_assert_int_eq(jint(j, "offset"), 0);
	ck_assert_int_eq(jint(j, "limit"), 50);
	json_t *items = json_object_get(j, "items");
	ck_assert_int_eq(json_array_size(items), 5);
	const char *ids[] = {"intro", "there-is-a-contact", "hi-donald", "unanswered-questions",
			     "international-reaction"};
	const int paragraphs[] = {1, 3, 5, 2, 2};
	for (size_t i = 0; i < 5; i++) {
		json_t *s = json_array_get(items, i);
		ck_assert_str_eq(jstr(s, "id"), ids[i]);
		ck_assert_int_eq(jint(s, "index"), (json_int_t)i);
		ck_assert_int_eq(json_array_size(json_object_get(s, "paragraphs")), paragraphs[i]);
	}
	ck_assert(json_is_null(json_object_get(json_array_get(items, 0), "heading")));
	ck_assert_str_eq(jstr(json_array_get(items, 2), "heading"), "Hi Donald");
	json_decref(j);
}
END_TEST

START_TEST(a_section_by_slug_or_index)
{
	json_t *a = get_json(&srv, "/sections/hi-donald", 200);
	json_t *b = get_json(&srv, "/sections/2", 200);
	ck_assert(json_equal(a, b));
	ck_assert_str_eq(jstr(a, "heading"), "Hi Donald");
	json_t *intro = get_json(&srv, "/sections/intro", 200);
	ck_assert(strncmp(json_string_value(json_array_get(json_object_get(intro, "paragraphs"), 0)),
			  "Kim Jong-un left Vladivostok", 28) == 0);
	json_decref(a);
	json_decref(b);
	json_decref(intro);
	expect_problem(&srv, NULL, "/sections/nope", 404, NULL);
	expect_problem(&srv, NULL, "/sections/5", 404, NULL);
	expect_problem(&srv, NULL, "/sections/-1", 404, NULL);
}
END_TEST

START_TEST(article_has_metadata_toc_and_counts)
{
	json_t *j = get_json(&srv, "/article", 200);
	ck_assert_str_eq(jstr(j, "title"), "On a peaceful wave");
	ck_assert_str_eq(jstr(j, "subtitle"),
			 "Kim Jong-un and Vladimir Putin dispersed, and questions remained");
	ck_assert(strncmp(jstr(j, "lede"), "Kim Jong-un left Vladivostok", 28) == 0);
	json_t *source = json_object_get(j, "source");
	ck_assert_str_eq(jstr(source, "publisher"), "EastRussia");
	ck_assert_str_eq(jstr(source, "language"), "ru");
	ck_assert_str_eq(jstr(source, "translation"), "machine");
	json_t *photo = json_object_get(j, "photo");
	ck_assert(json_is_object(photo));
	ck_assert(json_is_null(json_object_get(photo, "credit")));
	json_t *related = json_object_get(j, "related");
	ck_assert_int_eq(json_array_size(related), 2);
	ck_assert_str_eq(json_string_value(json_array_get(related, 1)),
			 "Digest of regional events and latest statistics");
	json_t *counts = json_object_get(j, "counts");
	ck_assert_int_eq(jint(counts, "sections"), 5);
	ck_assert_int_eq(jint(counts, "paragraphs"), 13);
	/* The counts the README shows for the shipped article. */
	ck_assert_int_eq(jint(counts, "quotes"), 13);
	ck_assert_int_eq(jint(counts, "figures"), 5);
	ck_assert_int_eq(jint(counts, "reactions"), 5);
	json_t *toc = json_object_get(j, "sections");
	ck_assert_int_eq(json_array_size(toc), 5);
	ck_assert_int_eq(jint(json_array_get(toc, 2), "paragraphs"), 5);
	json_decref(j);
}
END_TEST

START_TEST(quotes_and_their_filters)
{
	json_t *all = get_json(&srv, "/quotes", 200);
	json_int_t total = jint(all, "total");
	ck_assert_int_eq(total, 13);
	ck_assert_int_eq(json_array_size(json_object_get(all, "items")), 13);
	/* Each filter: the exact count, then every item it kept. */
	json_t *putin = get_json(&srv, "/quotes?speaker=PUTIN", 200);
	ck_assert_int_eq(jint(putin, "total"), 6);
	ck_assert_int_eq(json_array_size(json_object_get(putin, "items")), 6);
	size_t i;
	json_t *q;
	json_array_foreach(json_object_get(putin, "items"), i, q)
		ck_assert_str_eq(jstr(q, "speaker"), "Vladimir Putin");
	json_t *direct = get_json(&srv, "/quotes?kind=direct", 200);
	ck_assert_int_eq(json_array_size(json_object_get(direct, "items")), 2);
	json_array_foreach(json_object_get(direct, "items"), i, q)
		ck_assert_str_eq(jstr(q, "kind"), "direct");
	ck_assert_int_eq(jint(direct, "total"), 2);
	json_t *in_section = get_json(&srv, "/quotes?section=hi-donald&kind=indirect", 200);
	ck_assert_int_eq(jint(in_section, "total"), 3);
	ck_assert_int_eq(json_array_size(json_object_get(in_section, "items")), 3);
	json_array_foreach(json_object_get(in_section, "items"), i, q) {
		ck_assert_str_eq(jstr(q, "section"), "hi-donald");
		ck_assert_str_eq(jstr(q, "kind"), "indirect");
	}
	/* The contract's example quote, span and all. */
	json_t *secrets = get_json(&srv, "/quotes?speaker=putin&kind=direct", 200);
	json_t *s = json_array_get(json_object_get(secrets, "items"), 0);
	ck_assert_str_eq(jstr(s, "text"), "There are no secrets here. We will discuss this with both "
					  "Americans and Chinese friends");
	ck_assert_str_eq(jstr(s, "speaker_as_written"), "Putin");
	ck_assert_str_eq(jstr(s, "cue"), "said");
	ck_assert_int_eq(jint(s, "paragraph"), 3);
	ck_assert_int_eq(jint(s, "start"), 1);
	ck_assert_int_eq(jint(s, "end"), 88);
	json_decref(all);
	json_decref(putin);
	json_decref(direct);
	json_decref(in_section);
	json_decref(secrets);
	expect_problem(&srv, NULL, "/quotes?kind=banana", 400, "kind");
	expect_problem(&srv, NULL, "/quotes?section=nowhere", 400, "section");
	expect_problem(&srv, NULL, "/quotes?speaker=", 400, "speaker");
}
END_TEST

START_TEST(figures_have_normalized_values)
{
	json_t *j = get_json(&srv, "/figures", 200);
	json_t *items = json_object_get(j, "items");
	ck_assert_int_eq(jint(j, "total"), 5);
	ck_assert_int_eq(json_array_size(items), 5);
	bool percent = false, money = false, date = false, relative = false;
	size_t i;
	json_t *f;
	json_array_foreach(items, i, f) {
		const char *text = jstr(f, "text");
		if (strcmp(text, "56%") == 0) {
			percent = true;
			ck_assert_str_eq(jstr(f, "kind"), "percent");
			ck_assert_int_eq(jint(f, "value"), 56);
			ck_assert_str_eq(jstr(f, "unit"), "%");
		} else if (strcmp(text, "34 million dollars") == 0) {
			money = true;
			ck_assert_int_eq(jint(f, "value"), 34000000);
			ck_assert_str_eq(jstr(f, "unit"), "USD");
			ck_assert_str_eq(jstr(f, "section"), "there-is-a-contact");
			ck_assert_int_eq(jint(f, "paragraph"), 1);
			ck_assert(strstr(jstr(f, "sentence"), "34 million dollars") != NULL);
		} else if (strcmp(text, "December 22, 2019") == 0) {
			date = true;
			ck_assert_str_eq(jstr(f, "value"), "2019-12-22");
			ck_assert(json_is_false(json_object_get(f, "relative")));
		} else if (strcmp(text, "July last year") == 0) {
			relative = true;
			ck_assert(json_is_null(json_object_get(f, "value")));
			ck_assert(json_is_true(json_object_get(f, "relative")));
		}
	}
	ck_assert(percent && money && date && relative);
	json_decref(j);
	json_t *dates = get_json(&srv, "/figures?kind=date", 200);
	ck_assert_int_eq(jint(dates, "total"), 3);
	ck_assert_int_eq(json_array_size(json_object_get(dates, "items")), 3);
	json_array_foreach(json_object_get(dates, "items"), i, f)
		ck_assert_str_eq(jstr(f, "kind"), "date");
	json_decref(dates);
	expect_problem(&srv, NULL, "/figures?kind=weight", 400, "kind");
}
END_TEST

/* What the seed's figures say: "the trade turnover between the countries
 * last year fell by 56% and amounted to just 34 million dollars". */
START_TEST(figures_say_what_they_measure)
{
	json_t *j = get_json(&srv, "/figures?measure=turnover", 200);
	json_t *items = json_object_get(j, "items");
	ck_assert_int_eq(jint(j, "total"), 2);
	json_t *fell = json_array_get(items, 0), *level = json_array_get(items, 1);
	ck_assert_str_eq(jstr(fell, "text"), "56%");
	ck_assert_str_eq(jstr(fell, "measure"), "trade turnover between the countries");
	ck_assert_str_eq(jstr(fell, "change"), "decrease");
	ck_assert_str_eq(jstr(level, "text"), "34 million dollars");
	ck_assert_str_eq(jstr(level, "measure"), "trade turnover between the countries");
	ck_assert(json_is_null(json_object_get(level, "change")));
	/* both refer to "last year", a date figure of the same sentence */
	const char *period = jstr(fell, "period");
	ck_assert_str_eq(jstr(level, "period"), period);
	const char *fields[] = {"value_to", "qualifier", "per", "compared_to"};
	for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
		ck_assert_msg(json_is_null(json_object_get(fell, fields[k])), "%s", fields[k]);
	json_t *dates = get_json(&srv, "/figures?kind=date&limit=1000", 200);
	bool found = false;
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(dates, "items"), i, d)
		if (strcmp(jstr(d, "id"), period) == 0)
			found = strcmp(jstr(d, "text"), "last year") == 0;
	ck_assert_msg(found, "period %s is no date 'last year'", period);
	json_decref(dates);
	json_decref(j);
	json_t *both = get_json(&srv, "/figures?measure=Trade+TURNOVER&change=decrease", 200);
	ck_assert_int_eq(jint(both, "total"), 1);
	json_decref(both);
	json_t *none = get_json(&srv, "/figures?measure=turnover+pollock", 200);
	ck_assert_int_eq(jint(none, "total"), 0);
	json_decref(none);
	json_t *up = get_json(&srv, "/figures?change=increase", 200);
	ck_assert_int_eq(jint(up, "total"), 0);
	json_decref(up);
	expect_problem(&srv, NULL, "/figures?change=up", 400, "change");
	expect_problem(&srv, NULL, "/figures?measure=", 400, "measure");
	expect_problem(&srv, NULL, "/figures?measure=a+b+c+d+e+f+g+h+i+j+k", 400, "measure");
}
END_TEST

START_TEST(reactions_name_outlet_and_country)
{
	json_t *j = get_json(&srv, "/reactions", 200);
	ck_assert_int_eq(jint(j, "total"), 5);
	const char *outlets[] = {"Bloomberg", "BBC", "Asahi Shimbun", "JoongAng Ilbo", "Xinhua"};
	const char *countries[] = {"US", "GB", "JP", "KR", "CN"};
	for (size_t i = 0; i < 5; i++) {
		json_t *r = json_array_get(json_object_get(j, "items"), i);
		ck_assert_str_eq(jstr(r, "outlet"), outlets[i]);
		ck_assert_str_eq(jstr(r, "country"), countries[i]);
		ck_assert_str_eq(jstr(r, "section"), "international-reaction");
	}
	json_decref(j);
	json_t *jp = get_json(&srv, "/reactions?country=jp", 200);
	ck_assert_int_eq(jint(jp, "total"), 1);
	ck_assert_str_eq(jstr(json_array_get(json_object_get(jp, "items"), 0), "outlet"),
			 "Asahi Shimbun");
	json_decref(jp);
	json_t *bbc = get_json(&srv, "/reactions?outlet=bb", 200);
	ck_assert_int_eq(jint(bbc, "total"), 1);
	json_decref(bbc);
	expect_problem(&srv, NULL, "/reactions?country=Japan", 400, "country");
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
	json_t *none = get_json(&srv, "/search?q=zebra", 200);
	ck_assert_int_eq(jint(none, "total"), 0);
	json_decref(none);
	expect_problem(&srv, NULL, "/search", 400, "q");
	expect_problem(&srv, NULL, "/search?q=+++", 400, "q");
}
END_TEST

START_TEST(healthz_and_openapi)
{
	json_t *h = get_json(&srv, "/healthz", 200);
	ck_assert_str_eq(jstr(h, "status"), "ok");
	json_decref(h);
	json_t *o = get_json(&srv, "/openapi.json", 200);
	ck_assert(strncmp(jstr(o, "openapi"), "3.1", 3) == 0);
	ck_assert_str_eq(jstr(json_object_get(o, "info"), "version"), "1.0.0");
	json_t *paths = json_object_get(o, "paths");
	const char *expected[] = {"/article", "/sections", "/sections/{id}", "/quotes", "/figures",
				  "/reactions", "/search", "/healthz", "/openapi.json"};
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
		ck_assert_msg(json_object_get(paths, expected[i]) != NULL, "openapi lacks %s",
			      expected[i]);
	ck_assert_ptr_nonnull(json_object_get(json_object_get(o, "components"), "schemas"));
	json_decref(o);
}
END_TEST

START_TEST(list_paging)
{
	json_t *page = get_json(&srv, "/sections?limit=2&offset=1", 200);
	ck_assert_int_eq(jint(page, "total"), 5);
	ck_assert_int_eq(jint(page, "limit"), 2);
	ck_assert_int_eq(jint(page, "offset"), 1);
	json_t *items = json_object_get(page, "items");
	ck_assert_int_eq(json_array_size(items), 2);
	ck_assert_str_eq(jstr(json_array_get(items, 0), "id"), "there-is-a-contact");
	json_decref(page);
	json_t *past = get_json(&srv, "/quotes?offset=1000", 200);
	ck_assert_int_eq(json_array_size(json_object_get(past, "items")), 0);
	json_decref(past);
	json_t *zero = get_json(&srv, "/figures?limit=0", 200);
	ck_assert_int_eq(json_array_size(json_object_get(zero, "items")), 0);
	ck_assert_int_eq(jint(zero, "total"), 5);
	json_decref(zero);
	expect_problem(&srv, NULL, "/sections?limit=-1", 400, "limit");
	expect_problem(&srv, NULL, "/sections?limit=1001", 400, "limit");
	expect_problem(&srv, NULL, "/sections?limit=ten", 400, "limit");
	expect_problem(&srv, NULL, "/sections?offset=1.5", 400, "offset");
	expect_problem(&srv, NULL, "/sections?limit=1&limit=2", 400, "limit");
}
END_TEST

START_TEST(unknown_parameters_paths_and_methods)
{
	expect_problem(&srv, NULL, "/sections?colour=red", 400, NULL);
	expect_problem(&srv, NULL, "/nowhere", 404, NULL);
	expect_problem(&srv, NULL, "/articles/nope/sections", 404, NULL);
	expect_problem(&srv, "POST", "/quotes", 405, NULL);
	expect_problem(&srv, "DELETE", "/sections/intro", 405, NULL);
	struct http_response r;
	http_request(&srv, "PUT", "/article", NULL, &r);
	ck_assert_int_eq(r.status, 405);
	ck_assert_str_eq(http_header(&r, "Allow"), "GET, HEAD, OPTIONS");
	http_response_free(&r);
}
END_TEST

START_TEST(every_response_has_the_standard_headers)
{
	const char *paths[] = {"/article", "/sections", "/quotes?kind=direct", "/nowhere",
			       "/healthz"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct http_response r;
		http_get(&srv, paths[i], &r);
		const char *server = http_header(&r, "Server");
		ck_assert_msg(server && strncmp(server, "articled/", 9) == 0, "%s: Server %s", paths[i],
			      server ? server : "(none)");
		ck_assert_msg(http_header(&r, "Date") != NULL, "%s: no Date", paths[i]);
		ck_assert_str_eq(http_header(&r, "X-Content-Type-Options"), "nosniff");
		ck_assert_str_eq(http_header(&r, "Access-Control-Allow-Origin"), "*");
		if (r.status == 200) {
			ck_assert_str_eq(http_header(&r, "Content-Type"),
					 "application/json; charset=utf-8");
			ck_assert(strstr(http_header(&r, "Access-Control-Expose-Headers"), "ETag"));
			const char *etag = http_header(&r, "ETag");
			ck_assert_msg(etag && etag[0] == '"', "%s: no strong ETag", paths[i]);
		}
		http_response_free(&r);
	}
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
	json_t *one = get_json(&srv, "/sections/intro?pretty=1", 200);
	json_decref(one);
	json_t *off = get_json(&srv, "/healthz?pretty=false", 200);
	json_decref(off);
	expect_problem(&srv, NULL, "/article?pretty=yes-please", 400, "pretty");
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
	http_request(&srv, "HEAD", "/nowhere", NULL, &head);
	ck_assert_int_eq(head.status, 404);
	http_response_free(&head);
}
END_TEST

START_TEST(options_answers_preflight)
{
	struct http_response r;
	const char *pre[] = {"Origin: http://localhost:3000", "Access-Control-Request-Method: GET",
			     "Access-Control-Request-Headers: if-none-match", NULL};
	http_request(&srv, "OPTIONS", "/quotes", pre, &r);
	ck_assert_int_eq(r.status, 204);
	ck_assert_str_eq(http_header(&r, "Access-Control-Allow-Origin"), "*");
	ck_assert(strstr(http_header(&r, "Access-Control-Allow-Methods"), "GET") != NULL);
	ck_assert_str_eq(http_header(&r, "Access-Control-Allow-Headers"), "if-none-match");
	ck_assert_ptr_nonnull(http_header(&r, "Access-Control-Max-Age"));
	http_response_free(&r);
	http_request(&srv, "OPTIONS", "/sections", NULL, &r);
	ck_assert_int_eq(r.status, 204);
	ck_assert_str_eq(http_header(&r, "Allow"), "GET, HEAD, OPTIONS");
	ck_assert_ptr_null(http_header(&r, "Access-Control-Allow-Methods"));
	http_response_free(&r);
	http_request(&srv, "OPTIONS", "/nowhere", pre, &r);
	ck_assert_int_eq(r.status, 404);
	http_response_free(&r);
}
END_TEST

START_TEST(root_serves_index_or_page)
{
	json_t *j = get_json(&srv, "/", 200);
	ck_assert_str_eq(jstr(j, "name"), "articled");
	json_decref(j);
	struct http_response r;
	const char *html[] = {"Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", NULL};
	http_request(&srv, NULL, "/", html, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(http_header(&r, "Content-Type"), "text/html; charset=utf-8");
	ck_assert(strstr(http_header(&r, "Vary"), "Accept") != NULL);
	ck_assert(strstr(r.body, "<html") != NULL || strstr(r.body, "<!doctype") != NULL);
	http_response_free(&r);
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
	tcase_add_test(tc, sections_list_the_article_in_order);
	tcase_add_test(tc, a_section_by_slug_or_index);
	tcase_add_test(tc, article_has_metadata_toc_and_counts);
	tcase_add_test(tc, quotes_and_their_filters);
	tcase_add_test(tc, figures_have_normalized_values);
	tcase_add_test(tc, figures_say_what_they_measure);
	tcase_add_test(tc, reactions_name_outlet_and_country);
	tcase_add_test(tc, search_finds_all_words_with_offsets);
	tcase_add_test(tc, healthz_and_openapi);
	tcase_add_test(tc, list_paging);
	tcase_add_test(tc, unknown_parameters_paths_and_methods);
	tcase_add_test(tc, every_response_has_the_standard_headers);
	tcase_add_test(tc, etag_answers_304);
	tcase_add_test(tc, gzip_when_accepted);
	tcase_add_test(tc, pretty_indents_the_same_json);
	tcase_add_test(tc, head_is_get_without_the_body);
	tcase_add_test(tc, options_answers_preflight);
	tcase_add_test(tc, root_serves_index_or_page);
	tcase_add_test(tc, articles_prefix_serves_the_same);
	tcase_add_test(tc, request_log_has_one_json_line_per_request);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
