/* check_list_index.c - a filtered list across every article (article=*),
 * whose total and page come from what is indexed at the merge (the items
 * by the value a filter reads, served/item_columns.h; the articles by their
 * words, served/list_index.h), answers what the same filter gives article
 * by article, where every item is visited: the same total, and each page
 * the same items in the same order, for every value of every enum filter,
 * speakers as written and folded, and filters combined, at many offsets
 * and limits. A server on tests/articles, over HTTP. */
#include <check.h>
#include <stdbool.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/word_search.h"
#include "harness.h"

static struct server srv;

static void start_server(void)
{
	const char *args[] = {"--log-format", "off", "--data", src_path("tests/articles"), NULL};
	server_start_or_exit(&srv, args);
}

static void stop_server(void)
{
	server_stop_reporting(&srv);
}

/* The JSON of path; NULL for a 400 when absent_ok (a section= that
 * this article lacks). */
static json_t *fetch_json_or_absent(const char *path, bool absent_ok)
{
	struct http_response r;
	ck_assert_int_eq(http_get(&srv, path, &r), 0);
	if (absent_ok && r.status == 400) {
		http_response_free(&r);
		return NULL;
	}
	ck_assert_msg(r.status == 200, "%s: %ld %s", path, r.status, r.body);
	json_error_t err;
	json_t *j = json_loadb(r.body, r.body_len, 0, &err);
	ck_assert_msg(j != NULL, "%s: %s", path, err.text);
	http_response_free(&r);
	return j;
}

static json_t *fetch_json(const char *path)
{
	return fetch_json_or_absent(path, false);
}

/* s with every byte but letters and digits %-escaped (malloc'd). */
static char *curl_escape_for_test(const char *s)
{
	char *out = malloc(3 * strlen(s) + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	*o = '\0';
	return out;
}

/* The ids of the articles, in their order. */
static json_t *article_ids(void)
{
	json_t *list = fetch_json("/articles?limit=1000"), *ids = json_array();
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(list, "items"), i, a)
		json_array_append(ids, json_object_get(a, "id"));
	json_decref(list);
	ck_assert_int_gt(json_array_size(ids), 10);
	return ids;
}

/* What the filter keeps, article by article (each a scan of its items):
 * items of the cross-article list, each with its "article". */
static json_t *scanned(const json_t *ids, const char *list, const char *filter)
{
	json_t *all = json_array();
	size_t i;
	json_t *id;
	json_array_foreach(ids, i, id) {
		char path[512];
		snprintf(path, sizeof path, "/articles/%s/%s?%s&limit=1000", json_string_value(id),
			 list, filter);
		json_t *page = fetch_json_or_absent(path, true);
		if (page == NULL)
			continue;
		size_t k;
		json_t *item;
		json_array_foreach(json_object_get(page, "items"), k, item) {
			json_object_set(item, "article", id);
			json_array_append(all, item);
		}
		json_decref(page);
	}
	return all;
}

/* The pages of base (a list's path and query, without offset and
 * limit) against want, what a scan finds: the total, and the items of
 * pages at a spread of offsets and limits. */
static void check_pages(const char *base, const json_t *want)
{
	size_t total = json_array_size(want);
	size_t offsets[] = {0, 1, 2, 7, total / 3, total / 2, total ? total - 1 : 0, total,
			    total + 3};
	size_t limits[] = {1, 3, 50, 1000};
	for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++)
		for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
			char path[512];
			snprintf(path, sizeof path, "%s&offset=%zu&limit=%zu", base, offsets[o],
				 limits[l]);
			json_t *got = fetch_json(path);
			ck_assert_msg(json_integer_value(json_object_get(got, "total")) ==
					      (json_int_t)total,
				      "%s: total %lld, a scan finds %zu", path,
				      json_integer_value(json_object_get(got, "total")), total);
			const json_t *items = json_object_get(got, "items");
			size_t expect = offsets[o] >= total ? 0 : total - offsets[o];
			if (expect > limits[l])
				expect = limits[l];
			ck_assert_msg(json_array_size(items) == expect, "%s: %zu items, not %zu",
				      path, json_array_size(items), expect);
			for (size_t k = 0; k < expect; k++)
				ck_assert_msg(json_equal(json_array_get(items, k),
							 json_array_get(want, offsets[o] + k)),
					      "%s: item %zu is not the scan's", path, k);
			json_decref(got);
		}
}

/* The cross-article list with the filter against the scan. Returns
 * the total. */
static size_t check_filter(const json_t *ids, const char *list, const char *filter)
{
	json_t *want = scanned(ids, list, filter);
	size_t total = json_array_size(want);
	char base[512];
	snprintf(base, sizeof base, "/%s?article=*&%s", list, filter);
	check_pages(base, want);
	json_decref(want);
	return total;
}

/* check_filter for param=value, each of the n values in turn. Returns
 * how many keep something. */
static size_t check_values(const json_t *ids, const char *list, const char *param,
			   const char *const *values, size_t n)
{
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		char filter[64];
		snprintf(filter, sizeof filter, "%s=%s", param, values[i]);
		found += check_filter(ids, list, filter) > 0;
	}
	return found;
}

START_TEST(every_quote_filter_answers_what_a_scan_answers)
{
	json_t *ids = article_ids();
	ck_assert_uint_gt(check_filter(ids, "quotes", "kind=direct"), 10);
	ck_assert_uint_gt(check_filter(ids, "quotes", "kind=indirect"), 10);
	/* Speakers: letters in every case (most quotes), parts of names,
	 * a pronoun as written, Cyrillic, and one that is nowhere. */
	const char *needles[] = {"a",   "A",       "ov",      "in",     "minister", "Ministry",
				 "he",  "%20",     "agency",  "press",  "%D0%B0",   "zzqx",
				 "e+s", "ministr", "service", "kyodo"};
	ck_assert_uint_ge(check_values(ids, "quotes", "speaker", needles,
				       sizeof needles / sizeof needles[0]),
			  8);
	/* One article's speaker, one that several articles quote, none. */
	ck_assert_uint_gt(check_filter(ids, "quotes", "speaker_id=kyodo"), 1);
	ck_assert_uint_gt(check_filter(ids, "quotes", "speaker_id=ivan-sorokin"), 1);
	ck_assert_uint_eq(check_filter(ids, "quotes", "speaker_id=nobody-at-all"), 0);
	/* A section id many articles have, and one that few have (one that none
	 * has is a 400). */
	ck_assert_uint_gt(check_filter(ids, "quotes", "section=intro"), 10);
	ck_assert_uint_gt(check_filter(ids, "quotes", "section=foreign-media"), 1);
	/* Filters combined: each narrows what the others keep. */
	ck_assert_uint_gt(check_filter(ids, "quotes", "speaker=a&kind=indirect"), 0);
	ck_assert_uint_gt(check_filter(ids, "quotes", "kind=direct&section=intro"), 0);
	ck_assert_uint_gt(check_filter(ids, "quotes", "speaker=a&kind=direct&section=intro"), 0);
	check_filter(ids, "quotes", "speaker_id=kyodo&kind=direct");
	json_decref(ids);
}
END_TEST

START_TEST(every_figure_filter_answers_what_a_scan_answers)
{
	json_t *ids = article_ids();
	const char *kinds[] = {"percent", "money", "date", "count", "quantity", "multiplier"};
	ck_assert_uint_ge(check_values(ids, "figures", "kind", kinds, sizeof kinds / sizeof kinds[0]),
			  5);
	ck_assert_uint_gt(check_filter(ids, "figures", "change=increase"), 0);
	ck_assert_uint_gt(check_filter(ids, "figures", "change=decrease"), 0);
	check_filter(ids, "figures", "kind=percent&change=increase");
	check_filter(ids, "figures", "kind=money&unit=usd");
	/* unit= without case; measure= by its words; section=. */
	ck_assert_uint_gt(check_filter(ids, "figures", "unit=RUB"), 10);
	ck_assert_uint_gt(check_filter(ids, "figures", "unit=t"), 10);
	ck_assert_uint_gt(check_filter(ids, "figures", "unit=%25"), 10);
	ck_assert_uint_eq(check_filter(ids, "figures", "unit=parsec"), 0);
	ck_assert_uint_gt(check_filter(ids, "figures", "measure=catch"), 1);
	ck_assert_uint_gt(check_filter(ids, "figures", "measure=pollock"), 0);
	ck_assert_uint_gt(check_filter(ids, "figures", "section=intro"), 10);
	ck_assert_uint_gt(check_filter(ids, "figures", "section=intro&kind=percent&change=increase"),
			  0);
	json_decref(ids);
}
END_TEST

START_TEST(every_reaction_filter_answers_what_a_scan_answers)
{
	json_t *ids = article_ids();
	ck_assert_uint_gt(check_filter(ids, "reactions", "outlet=kyodo"), 1);
	ck_assert_uint_gt(check_filter(ids, "reactions", "outlet=o"), 10);
	ck_assert_uint_gt(check_filter(ids, "reactions", "country=JP"), 1);
	ck_assert_uint_gt(check_filter(ids, "reactions", "country=jp"), 1);
	ck_assert_uint_eq(check_filter(ids, "reactions", "outlet=zzqx"), 0);
	ck_assert_uint_gt(check_filter(ids, "reactions", "outlet=o&country=KR"), 0);
	json_decref(ids);
}
END_TEST

/* Does the article (its entry of /articles) have term k of query q, as a
 * scan finds it: search_text() on its title and subtitle, or /search
 * (which reads its paragraphs) finding it in one? */
static bool article_has(const json_t *entry, const char *term)
{
	struct search_terms t;
	char err[128];
	ck_assert_int_eq(search_terms_parse(&t, term, err, sizeof err), 0);
	size_t n;
	struct search_match m;
	const char *texts[] = {json_string_value(json_object_get(entry, "title")),
			       json_string_value(json_object_get(entry, "subtitle"))};
	for (size_t i = 0; i < 2; i++)
		if (texts[i] != NULL && search_text(&t, texts[i], strlen(texts[i]), &m, 0, &n))
			return true;
	char path[512], *escaped = curl_escape_for_test(term);
	snprintf(path, sizeof path, "/articles/%s/search?q=%s&limit=1",
		 json_string_value(json_object_get(entry, "id")), escaped);
	free(escaped);
	json_t *found = fetch_json(path);
	bool has = json_integer_value(json_object_get(found, "total")) > 0;
	json_decref(found);
	return has;
}

/* /articles?q= against the scan, for a query of space-separated terms. */
static size_t check_query(const json_t *entries, const char *query)
{
	json_t *want = json_array();
	size_t i;
	json_t *entry;
	json_array_foreach(entries, i, entry) {
		char copy[256];
		snprintf(copy, sizeof copy, "%s", query);
		bool all = true;
		for (char *save, *term = strtok_r(copy, " ", &save); term && all;
		     term = strtok_r(NULL, " ", &save))
			all = article_has(entry, term);
		if (all)
			json_array_append(want, entry);
	}
	size_t total = json_array_size(want);
	char *escaped = curl_escape_for_test(query), base[512];
	snprintf(base, sizeof base, "/articles?q=%s", escaped);
	check_pages(base, want);
	free(escaped);
	json_decref(want);
	return total;
}

START_TEST(articles_by_words_are_what_a_scan_finds)
{
	json_t *list = fetch_json("/articles?limit=1000");
	const json_t *entries = json_object_get(list, "items");
	/* Words and prefixes from titles and paragraphs, in any case; words
	 * of one article only; digits; Cyrillic; terms with punctuation
	 * (searched in the articles whose words allow them); several
	 * terms; a word that is nowhere. */
	const char *queries[] = {"port",      "PORT",       "por",     "the",  "a",
				 "bridge",    "pollock",    "keel",    "2021", "1",
				 "\xd0\xb0", "u.s",       "port,",   "far-east", "amur trucks",
				 "the port",  "fishermen quotas", "zzqx", "east", "o",
				 "1.5",       "kamchatka.", "a.",    "s-",   "the u.s"};
	size_t found = 0;
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
		found += check_query(entries, queries[i]) > 0;
	ck_assert_uint_ge(found, 14);
	json_decref(list);
}
END_TEST

/* A list whose items merge across articles (/speakers): with article=*
 * its groups come from the column of its key, with the articles named
 * one by one from a hash of the keys; both answer alike. Six short-named
 * files, three of them copies, so that most speakers are one item of
 * two articles. */
static struct server copies;
static const char *copies_dir;

static void start_copies(void)
{
	copies_dir = tmpdir_make();
	const char *from[] = {"101_fishery-quotas", "112_harbin-forum", "101_fishery-quotas",
			      "115_arctic-council", "112_harbin-forum", "103_arctic-route"};
	for (size_t i = 0; i < sizeof from / sizeof from[0]; i++) {
		char src[256], name[8];
		snprintf(src, sizeof src, "tests/articles/%s.txt", from[i]);
		size_t len;
		char *text = read_file(src_path(src), &len);
		snprintf(name, sizeof name, "%c.txt", (int)('a' + i));
		write_file(copies_dir, name, text, len);
		free(text);
	}
	const char *args[] = {"--log-format", "off", "--data", copies_dir, NULL};
	server_start_or_exit(&copies, args);
}

static void stop_copies(void)
{
	server_stop_reporting(&copies);
	tmpdir_remove(copies_dir);
}

START_TEST(merged_speakers_across_every_article_are_those_of_the_articles_named)
{
	const char *filters[] = {"", "&kind=person", "&kind=organization", "&kind=outlet",
				 "&q=a",  "&q=kyodo",     "&kind=person&q=o",   "&q=zzqx"};
	size_t limits[] = {1, 2, 5, 100}, offsets[] = {0, 1, 3, 7, 40};
	size_t merged = 0;
	for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++)
		for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++)
			for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++) {
				char all[256], named[256];
				snprintf(all, sizeof all, "/speakers?article=*%s&limit=%zu&offset=%zu",
					 filters[f], limits[l], offsets[o]);
				snprintf(named, sizeof named,
					 "/speakers?article=a,b,c,d,e,f%s&limit=%zu&offset=%zu",
					 filters[f], limits[l], offsets[o]);
				json_t *want = get_json(&copies, named, 200),
				       *got = get_json(&copies, all, 200);
				ck_assert_msg(json_equal(json_object_get(got, "items"),
							 json_object_get(want, "items")) &&
						      jint(got, "total") == jint(want, "total"),
					      "%s is not %s", all, named);
				size_t i;
				json_t *item;
				json_array_foreach(json_object_get(got, "items"), i, item)
					merged += json_array_size(json_object_get(item, "articles")) > 1;
				json_decref(want);
				json_decref(got);
			}
	/* The copies did merge: the test saw groups of several articles. */
	ck_assert_uint_gt(merged, 20);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("list_index");
	TCase *tc = tcase_create("across articles");
	tcase_add_unchecked_fixture(tc, start_server, stop_server);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_quote_filter_answers_what_a_scan_answers);
	tcase_add_test(tc, every_figure_filter_answers_what_a_scan_answers);
	tcase_add_test(tc, every_reaction_filter_answers_what_a_scan_answers);
	tcase_add_test(tc, articles_by_words_are_what_a_scan_finds);
	suite_add_tcase(s, tc);
	TCase *merged = tcase_create("merged across articles");
	tcase_add_unchecked_fixture(merged, start_copies, stop_copies);
	tcase_set_timeout(merged, 60);
	tcase_add_test(merged, merged_speakers_across_every_article_are_those_of_the_articles_named);
	suite_add_tcase(s, merged);
	return run_suite(s, false);
}
