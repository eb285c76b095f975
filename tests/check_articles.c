/* check_articles.c - many articles from a directory, queries across them,
 * the metrics and the request log formats. */
#include <check.h>
#include <jansson.h>
#include <regex.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static const char *dir;

/* A directory of three articles of the genre. */
static void make_dir(void)
{
	dir = tmpdir_make();
	ck_assert_ptr_nonnull(dir);
	const char *files[][2] = {{"data/articles/000_617779ec1d6cc40c.txt", "000_617779ec1d6cc40c.txt"},
				  {"tests/articles/101_fishery-quotas.txt", "101_fishery-quotas.txt"},
				  {"tests/articles/102_amur-bridge.txt", "102_amur-bridge.txt"}};
	for (size_t i = 0; i < 3; i++) {
		size_t len;
		char *text = read_file(src_path(files[i][0]), &len);
		ck_assert_ptr_nonnull(text);
		write_file(dir, files[i][1], text, len);
		free(text);
	}
	/* Not an article file: ignored. */
	write_file(dir, "README.md", "notes", 5);
}

static void remove_dir(void)
{
	tmpdir_remove(dir);
}

static void start(struct server *s, const char *const *extra)
{
	const char *args[16] = {"--data", dir, "--log-format", "off"};
	size_t n = 4;
	for (size_t i = 0; extra && extra[i] && n < 15; i++)
		args[n++] = extra[i];
	args[n] = NULL;
	ck_assert_msg(server_start(s, args) == 0, "did not start: %s", server_log(s));
}

START_TEST(a_directory_serves_every_article)
{
	struct server s;
	start(&s, NULL);
	json_t *list = get_json(&s, "/articles", 200);
	ck_assert_int_eq(jint(list, "total"), 3);
	const char *ids[] = {"000-617779ec1d6cc40c", "101-fishery-quotas", "102-amur-bridge"};
	for (size_t i = 0; i < 3; i++) {
		json_t *a = json_array_get(json_object_get(list, "items"), i);
		ck_assert_str_eq(jstr(a, "id"), ids[i]);
		ck_assert_ptr_nonnull(jstr(a, "title"));
		/* The counts are those of the article's own lists. */
		char path[128];
		snprintf(path, sizeof path, "/articles/%s/sections?limit=1000", ids[i]);
		json_t *sections = get_json(&s, path, 200);
		ck_assert_int_eq(jint(json_object_get(a, "counts"), "sections"),
				 (json_int_t)json_array_size(json_object_get(sections, "items")));
		ck_assert_int_gt(json_array_size(json_object_get(sections, "items")), 2);
		json_decref(sections);
	}
	json_decref(list);
	/* The root serves the first by name. */
	json_t *root = get_json(&s, "/article", 200);
	ck_assert_str_eq(jstr(root, "id"), ids[0]);
	json_decref(root);
	/* Every article-scoped route works under /articles/{id}. */
	const char *routes[] = {"", "/sections", "/sections/0", "/sections/intro", "/quotes",
				"/figures", "/reactions", "/search?q=quotas"};
	for (size_t r = 0; r < sizeof routes / sizeof routes[0]; r++) {
		char path[256];
		snprintf(path, sizeof path, "/articles/101-fishery-quotas%s", routes[r]);
		json_t *j = get_json(&s, path, 200);
		json_decref(j);
	}
	json_t *meta = get_json(&s, "/articles/101-fishery-quotas", 200);
	ck_assert_str_eq(jstr(meta, "title"), "Pollock for the keel");
	json_decref(meta);
	json_t *health = get_json(&s, "/healthz", 200);
	ck_assert_int_eq(jint(json_object_get(health, "articles"), "loaded"), 3);
	ck_assert_int_eq(jint(json_object_get(health, "articles"), "failed"), 0);
	json_decref(health);
	struct http_response r;
	http_get(&s, "/articles/nope/quotes", &r);
	ck_assert_int_eq(r.status, 404);
	http_response_free(&r);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

START_TEST(default_article_is_chosen_by_id)
{
	struct server s;
	const char *extra[] = {"--default", "102-amur-bridge", NULL};
	start(&s, extra);
	json_t *root = get_json(&s, "/article", 200);
	ck_assert_str_eq(jstr(root, "id"), "102-amur-bridge");
	json_decref(root);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
	char err[2048];
	const char *bad[] = {"--data", dir, "--default", "nope", NULL};
	ck_assert_int_eq(run_articled(bad, err, sizeof err), 1);
	ck_assert(strstr(err, "--default nope") != NULL);
}
END_TEST

START_TEST(a_broken_file_is_skipped_unless_strict)
{
	write_file(dir, "200_broken.txt", "\x7F" "ELF\0\x01\x02", 7);
	struct server s;
	start(&s, NULL);
	json_t *health = get_json(&s, "/healthz", 200);
	json_t *arts = json_object_get(health, "articles");
	ck_assert_int_eq(jint(arts, "loaded"), 3);
	ck_assert_int_eq(jint(arts, "failed"), 1);
	json_t *f = json_array_get(json_object_get(arts, "failures"), 0);
	ck_assert_str_eq(jstr(f, "file"), "200_broken.txt");
	ck_assert(strstr(jstr(f, "reason"), "binary") != NULL);
	/* The reason names no path: responses never show the file system. */
	ck_assert(strstr(jstr(f, "reason"), "/tmp") == NULL);
	json_decref(health);
	ck_assert(strstr(server_log(&s), "skipped") && strstr(server_log(&s), "200_broken.txt"));
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
	char err[2048];
	const char *strict[] = {"--data", dir, "--strict", NULL};
	ck_assert_int_eq(run_articled(strict, err, sizeof err), 1);
	ck_assert_msg(strstr(err, "200_broken.txt") && strstr(err, "--strict"), "%s", err);
}
END_TEST

START_TEST(lists_across_articles)
{
	struct server s;
	start(&s, NULL);
	json_t *one = get_json(&s, "/quotes?article=101-fishery-quotas&limit=1000", 200);
	json_t *other = get_json(&s, "/quotes?article=102-amur-bridge&limit=1000", 200);
	json_t *both = get_json(&s, "/quotes?article=101-fishery-quotas,102-amur-bridge&limit=1000", 200);
	json_t *all = get_json(&s, "/quotes?article=*&limit=1000", 200);
	json_int_t a = jint(one, "total"), b = jint(other, "total");
	ck_assert_int_gt(a, 0);
	ck_assert_int_gt(b, 0);
	ck_assert_int_eq(json_array_size(json_object_get(both, "items")), (size_t)(a + b));
	ck_assert_int_eq(jint(both, "total"), a + b);
	json_t *root = get_json(&s, "/quotes?limit=1000", 200);
	ck_assert_int_eq(jint(all, "total"), a + b + jint(root, "total"));
	json_t *first = json_array_get(json_object_get(both, "items"), 0);
	ck_assert_str_eq(jstr(first, "article"), "101-fishery-quotas");
	json_t *last = json_array_get(json_object_get(both, "items"), (size_t)(a + b - 1));
	ck_assert_str_eq(jstr(last, "article"), "102-amur-bridge");
	json_decref(one);
	json_decref(other);
	json_decref(both);
	json_decref(all);
	json_decref(root);
	/* Across articles: exactly what each article's own list holds. */
	const char *ids[] = {"000-617779ec1d6cc40c", "101-fishery-quotas", "102-amur-bridge"};
	json_int_t jp_each = 0, money_each = 0;
	for (size_t k = 0; k < 3; k++) {
		char path[128];
		snprintf(path, sizeof path, "/articles/%s/reactions?limit=1000", ids[k]);
		json_t *all_reactions = get_json(&s, path, 200);
		size_t i;
		json_t *r;
		json_array_foreach(json_object_get(all_reactions, "items"), i, r)
			jp_each += jstr(r, "country") && strcmp(jstr(r, "country"), "JP") == 0;
		json_decref(all_reactions);
		snprintf(path, sizeof path, "/articles/%s/figures?kind=money", ids[k]);
		json_t *m = get_json(&s, path, 200);
		money_each += jint(m, "total");
		json_decref(m);
	}
	json_t *jp = get_json(&s, "/reactions?article=*&country=JP", 200);
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(jp, "items"), i, r)
		ck_assert_str_eq(jstr(r, "country"), "JP");
	ck_assert_int_eq(jint(jp, "total"), jp_each);
	ck_assert_int_eq(json_array_size(json_object_get(jp, "items")), (size_t)jp_each);
	ck_assert_int_ge(jp_each, 2);
	json_decref(jp);
	json_t *money = get_json(&s, "/figures?article=*&kind=money", 200);
	ck_assert_int_eq(jint(money, "total"), money_each);
	ck_assert_int_gt(money_each, 3);
	json_decref(money);
	/* What grew, in any article: every item says so, from more than one */
	json_t *grew = get_json(&s, "/figures?article=*&change=increase&limit=1000", 200);
	ck_assert_int_ge(jint(grew, "total"), 3);
	bool in_one = false, in_other = false;
	json_array_foreach(json_object_get(grew, "items"), i, r) {
		ck_assert_str_eq(jstr(r, "change"), "increase");
		in_one = in_one || strcmp(jstr(r, "article"), "101-fishery-quotas") == 0;
		in_other = in_other || strcmp(jstr(r, "article"), "102-amur-bridge") == 0;
	}
	ck_assert(in_one && in_other);
	json_decref(grew);
	json_t *trade = get_json(&s, "/figures?article=*&change=increase&measure=trade", 200);
	ck_assert_int_eq(jint(trade, "total"), 1);
	r = json_array_get(json_object_get(trade, "items"), 0);
	ck_assert_str_eq(jstr(r, "measure"), "trade with Russia");
	ck_assert_str_eq(jstr(r, "text"), "30%");
	json_decref(trade);
	struct http_response e;
	http_get(&s, "/quotes?article=nope", &e);
	ck_assert_int_eq(e.status, 400);
	ck_assert(strstr(e.body, "\"parameter\":\"article\"") != NULL);
	http_response_free(&e);
	http_get(&s, "/articles/101-fishery-quotas/quotes?article=102-amur-bridge", &e);
	ck_assert_int_eq(e.status, 400);
	http_response_free(&e);
	/* Articles by the words of their text. */
	json_t *found = get_json(&s, "/articles?q=pollock+quotas", 200);
	ck_assert_int_eq(jint(found, "total"), 1);
	ck_assert_str_eq(jstr(json_array_get(json_object_get(found, "items"), 0), "id"),
			 "101-fishery-quotas");
	json_decref(found);
	json_t *none = get_json(&s, "/articles?q=pollock+zebra", 200);
	ck_assert_int_eq(jint(none, "total"), 0);
	json_decref(none);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

START_TEST(metrics_count_what_happened)
{
	struct server s;
	start(&s, NULL);
	size_t sent = 0; /* body bytes the requests below received */
	for (int i = 0; i < 7; i++) {
		struct http_response r;
		http_get(&s, "/sections", &r);
		sent += r.body_len;
		http_response_free(&r);
	}
	for (int i = 0; i < 3; i++) {
		struct http_response r;
		http_get(&s, "/nowhere", &r);
		sent += r.body_len;
		http_response_free(&r);
	}
	struct http_response r;
	http_get(&s, "/articles/101-fishery-quotas/quotes?kind=direct", &r);
	sent += r.body_len;
	http_response_free(&r);
	http_request(&s, "HEAD", "/article", NULL, &r); /* sends no body, counts none */
	ck_assert_int_eq(r.status, 200);
	http_response_free(&r);
	kill(s.pid, SIGHUP);
	for (int i = 0; i < 100 && !strstr(server_log(&s), "reloaded"); i++)
		usleep(20000);
	http_get(&s, "/metrics", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert(strncmp(http_header(&r, "Content-Type"), "text/plain; version=0.0.4", 25) == 0);
	const char *m = r.body;
	ck_assert_msg(metrics_sample(m, "articled_requests_total{route=\"/sections\",status=\"200\"}") == 7,
		      "%s", m);
	ck_assert(metrics_sample(m, "articled_requests_total{route=\"unmatched\",status=\"404\"}") == 3);
	ck_assert(metrics_sample(m, "articled_requests_total{route=\"/articles/{id}/quotes\",status=\"200\"}") == 1);
	ck_assert(metrics_sample(m, "articled_requests_total{route=\"/article\",status=\"200\"}") == 1);
	ck_assert(metrics_sample(m, "articled_request_duration_seconds_count{route=\"/sections\"}") == 7);
	ck_assert(metrics_sample(m, "articled_request_duration_seconds_bucket{route=\"/sections\",le=\"+Inf\"}") == 7);
	/* Buckets are cumulative. */
	double prev = 0;
	const char *bounds[] = {"5e-05", "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005",
				"0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1"};
	for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
		char series[128];
		snprintf(series, sizeof series,
			 "articled_request_duration_seconds_bucket{route=\"/sections\",le=\"%s\"}", bounds[i]);
		double v = metrics_sample(m, series);
		ck_assert_msg(v >= prev, "%s is %g after %g", series, v, prev);
		prev = v;
	}
	ck_assert(metrics_sample(m, "articled_request_duration_seconds_sum{route=\"/sections\"}") > 0);
	ck_assert(metrics_sample(m, "articled_articles_loaded") == 3);
	ck_assert(metrics_sample(m, "articled_articles_failed") == 0);
	ck_assert(metrics_sample(m, "articled_reloads_total") == 1);
	ck_assert(metrics_sample(m, "articled_reload_failures_total") == 0);
	ck_assert(metrics_sample(m, "articled_requests_in_flight") == 1); /* this one */
	ck_assert_msg(metrics_sample(m, "articled_response_bytes_total") == (double)sent, "%g bytes, %zu sent",
		      metrics_sample(m, "articled_response_bytes_total"), sent);
	ck_assert(metrics_sample(m, "articled_parse_seconds") > 0);
	/* Every line is a comment or "name{labels} value". */
	regex_t line;
	ck_assert_int_eq(regcomp(&line, "^(# (HELP|TYPE) .*|[a-z_]+(\\{([a-z_]+=\"[^\"]*\",?)+\\})? [0-9.e+-]+)$",
				 REG_EXTENDED | REG_NOSUB),
			 0);
	char *copy = strdup(m), *save = NULL;
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		ck_assert_msg(regexec(&line, l, 0, NULL, 0) == 0, "bad line: %s", l);
	free(copy);
	regfree(&line);
	http_response_free(&r);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

/* Starts a server with the log format, makes one request, returns its log line. */
static char *log_line_of(const char *format, const char *path)
{
	struct server s;
	const char *args[] = {"--log-format", format, NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	struct http_response r;
	const char *h[] = {"User-Agent: check-articles/1.0", "Referer: http://example.test/page", NULL};
	http_request(&s, NULL, path, h, &r);
	http_response_free(&r);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
	const char *log = server_log(&s);
	const char *at = strstr(log, path);
	if (at == NULL)
		return NULL;
	while (at > log && at[-1] != '\n')
		at--;
	const char *end = strchr(at, '\n');
	return strndup(at, (size_t)(end - at));
}

START_TEST(log_formats)
{
	char *combined = log_line_of("combined", "/quotes?kind=direct&x=%22q%22");
	ck_assert_ptr_nonnull(combined);
	regex_t re;
	ck_assert_int_eq(regcomp(&re,
				 "^127\\.0\\.0\\.1 - - \\[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} \\+0000\\] "
				 "\"GET /quotes\\?kind=direct&x=%22q%22 HTTP/1\\.1\" 400 [0-9]+ "
				 "\"http://example\\.test/page\" \"check-articles/1\\.0\"$",
				 REG_EXTENDED | REG_NOSUB),
			 0);
	ck_assert_msg(regexec(&re, combined, 0, NULL, 0) == 0, "combined: %s", combined);
	regfree(&re);
	free(combined);
	char *json = log_line_of("json", "/sections?limit=2");
	json_error_t e;
	json_t *j = json_loads(json, 0, &e);
	ck_assert_msg(j != NULL, "json: %s", json);
	ck_assert_str_eq(jstr(j, "method"), "GET");
	ck_assert_str_eq(jstr(j, "path"), "/sections?limit=2");
	ck_assert_int_eq(jint(j, "status"), 200);
	ck_assert_int_gt(jint(j, "bytes"), 100);
	ck_assert(json_number_value(json_object_get(j, "duration_ms")) >= 0);
	ck_assert_str_eq(jstr(j, "client"), "127.0.0.1");
	ck_assert(strlen(jstr(j, "time")) == 24); /* 2026-11-28T17:45:19.114Z */
	json_decref(j);
	free(json);
	ck_assert_ptr_null(log_line_of("off", "/sections?limit=3"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("articles");
	TCase *tc = tcase_create("directory");
	tcase_add_checked_fixture(tc, make_dir, remove_dir);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_directory_serves_every_article);
	tcase_add_test(tc, default_article_is_chosen_by_id);
	tcase_add_test(tc, a_broken_file_is_skipped_unless_strict);
	tcase_add_test(tc, lists_across_articles);
	tcase_add_test(tc, metrics_count_what_happened);
	suite_add_tcase(s, tc);
	TCase *logs = tcase_create("logs");
	tcase_set_timeout(logs, 60);
	tcase_add_test(logs, log_formats);
	suite_add_tcase(s, logs);
	return run_suite(s, true);
}
