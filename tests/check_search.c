/* check_search.c - the search index gives exactly what a scan of the text
 * with search_text() gives: the same paragraphs, the same total, the same
 * matches at the same offsets, for every word of every test article, its
 * prefixes, the words as written with their punctuation, pairs of words,
 * sections and pages; on text made to be awkward (case, Cyrillic, four-
 * byte characters, words longer than a term can be); and a query whose
 * words are everywhere is refused rather than run. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../served/search_index.h"
#include "../parser/article_parse.h"
#include "../parser/tables.h"
#include "../text/textfile.h"
#include "../text/utf8.h"
#include "../text/word_search.h"
#include "harness.h"

/* What /search answered before the index: every paragraph scanned. */
static void scan(const struct article *a, const struct search_terms *t, size_t section,
		 size_t offset, size_t limit, struct search_page *page)
{
	memset(page, 0, sizeof *page);
	size_t cap = 0;
	for (size_t s = 0; s < a->n_sections; s++) {
		if (section != (size_t)-1 && s != section)
			continue;
		for (size_t p = 0; p < a->sections[s].n_paragraphs; p++) {
			const struct paragraph *para = &a->sections[s].paragraphs[p];
			struct search_hit h = {.section = s, .paragraph = p};
			if (!search_text(t, para->text, para->len, h.matches, SEARCH_MATCHES_LISTED,
					 &h.n_matches))
				continue;
			if (page->total++ < offset || page->n >= limit)
				continue;
			if (page->n == cap) {
				cap = cap ? 2 * cap : 16;
				page->hits = realloc(page->hits, cap * sizeof *page->hits);
			}
			page->hits[page->n++] = h;
		}
	}
}

static size_t queries_compared;

/* The index and the scan agree on q. */
static void agree(const struct article *a, const struct search_index *ix, const char *q,
		  size_t section, size_t offset, size_t limit)
{
	struct search_terms t;
	char err[128];
	if (search_terms_parse(&t, q, err, sizeof err) != 0)
		return; /* refused before any search */
	struct search_page want, got;
	scan(a, &t, section, offset, limit, &want);
	ck_assert_int_eq(search_index_find(ix, &t, section, offset, limit, &got), SEARCH_OK);
	ck_assert_msg(got.total == want.total && got.n == want.n, "q=%s: %zu/%zu found, scan %zu/%zu",
		      q, got.total, got.n, want.total, want.n);
	for (size_t i = 0; i < want.n; i++) {
		const struct search_hit *g = &got.hits[i], *w = &want.hits[i];
		ck_assert_msg(g->section == w->section && g->paragraph == w->paragraph,
			      "q=%s: hit %zu is %zu/%zu, scan %zu/%zu", q, i, g->section,
			      g->paragraph, w->section, w->paragraph);
		ck_assert_msg(g->n_matches == w->n_matches, "q=%s: %zu matches, scan %zu", q,
			      g->n_matches, w->n_matches);
		for (size_t k = 0; k < w->n_matches; k++)
			ck_assert_msg(g->matches[k].start == w->matches[k].start &&
					      g->matches[k].end == w->matches[k].end &&
					      g->matches[k].term == w->matches[k].term,
				      "q=%s: match %zu differs", q, k);
	}
	/* search_index_has agrees with the scan, term by term. */
	for (size_t k = 0; k < t.n; k++) {
		struct search_terms one = t;
		memcpy(one.cp[0], t.cp[k], sizeof one.cp[0]);
		one.len[0] = t.len[k];
		one.n = 1;
		struct search_page any;
		scan(a, &one, (size_t)-1, 0, 0, &any);
		ck_assert_msg(search_index_has(ix, &t, k) == (any.total > 0), "q=%s: term %zu", q, k);
		search_page_free(&any);
	}
	search_page_free(&want);
	search_page_free(&got);
	queries_compared++;
}

/* Queries taken from the text itself: each word as written (up to the next
 * space, punctuation and all), its letters alone, prefixes of it, and
 * it with the word after it. */
static void agree_on_words_of(const struct article *a, const struct search_index *ix)
{
	size_t words = 0;
	for (size_t s = 0; s < a->n_sections; s++)
		for (size_t p = 0; p < a->sections[s].n_paragraphs; p++) {
			const struct paragraph *para = &a->sections[s].paragraphs[p];
			const char *text = para->text, *end = text + para->len;
			const char *prev = NULL;
			size_t prev_len = 0;
			for (const char *w = text; w < end;) {
				while (w < end && *w == ' ')
					w++;
				const char *e = w;
				while (e < end && *e != ' ')
					e++;
				if (e == w)
					break;
				char q[600];
				size_t len = (size_t)(e - w) < 200 ? (size_t)(e - w) : 200;
				memcpy(q, w, len);
				q[len] = '\0';
				/* Every fourth word in full; all of them as prefixes. */
				if (words++ % 4 == 0) {
					agree(a, ix, q, (size_t)-1, 0, 1000);
					agree(a, ix, q, s, 0, 1000);
				}
				size_t cut = 0, cps = 0;
				while (cut < len && cps < 3) {
					size_t n;
					utf8_decode(q + cut, len - cut, &n);
					cut += n;
					cps++;
				}
				char pre[16];
				memcpy(pre, q, cut);
				pre[cut] = '\0';
				agree(a, ix, pre, (size_t)-1, 1, 3);
				if (prev != NULL && words % 7 == 0) {
					char pair[600];
					snprintf(pair, sizeof pair, "%.*s %s", (int)prev_len, prev, pre);
					agree(a, ix, pair, (size_t)-1, 0, 50);
				}
				prev = w;
				prev_len = len;
				w = e;
			}
		}
}

START_TEST(the_index_finds_what_a_scan_finds_in_every_test_article)
{
	struct tables t;
	char err[512];
	ck_assert_int_eq(tables_load(&t, NULL, err, sizeof err), 0);
	char **files;
	size_t n = list_files(src_path("tests/articles"), ".txt", &files);
	ck_assert_int_ge(n, 20); /* the directory was found and read */
	for (size_t i = 0; i <= n; i++) {
		const char *path = i < n ? files[i] : src_path("data/articles/000_617779ec1d6cc40c.txt");
		struct textfile tf;
		ck_assert_msg(textfile_read(&tf, path, err, sizeof err) == 0, "%s", err);
		struct article *a = article_parse(tf.text, tf.len, "a", &t, err, sizeof err);
		ck_assert_msg(a != NULL, "%s: %s", path, err);
		struct search_index *ix = search_index_build(a, NULL, 0);
		ck_assert_ptr_nonnull(ix);
		size_t before = queries_compared;
		agree_on_words_of(a, ix);
		ck_assert_int_gt(queries_compared - before, 100);
		/* Words that are not there, and terms that start with no letter. */
		agree(a, ix, "zebra", (size_t)-1, 0, 50);
		agree(a, ix, "the zebra", (size_t)-1, 0, 50);
		agree(a, ix, "-un", (size_t)-1, 0, 50);
		agree(a, ix, "\"the", (size_t)-1, 0, 50);
		agree(a, ix, "the the the", (size_t)-1, 0, 50);
		agree(a, ix, "t h e", (size_t)-1, 2, 5);
		agree(a, ix, "the", (size_t)-1, 0, 0);
		agree(a, ix, "the", (size_t)-1, 1000, 5);
		search_index_free(ix);
		article_free(a);
		textfile_free(&tf);
	}
	free_list(files, n);
	tables_free(&t);
}
END_TEST

/* An article made by hand: paragraphs of awkward text in one section. */
static struct article *made_up(const char *const *texts, size_t n)
{
	static struct section section;
	static struct paragraph paras[16];
	static struct article a;
	memset(&a, 0, sizeof a);
	for (size_t i = 0; i < n; i++)
		paras[i] = (struct paragraph){texts[i], strlen(texts[i])};
	section = (struct section){.id = "s", .paragraphs = paras, .n_paragraphs = n};
	a.sections = &section;
	a.n_sections = 1;
	return &a;
}

/* The awkward texts below, alone (an article under 64 KB, whose index is
 * kept in 16-bit offsets) or after a paragraph that makes the article
 * longer (32-bit offsets). */
static void agree_on_awkward_text(bool long_article)
{
	static char long_word[2000];
	/* 300 letters, then 100 four-byte characters: longer than any term. */
	memset(long_word, 'k', 300);
	for (int i = 0; i < 100; i++)
		memcpy(long_word + 300 + 4 * i, "\xF0\x9D\x90\x80", 4);
	strcpy(long_word + 700, " kkk kkkx");
	/* A long paragraph of two-byte letters with a rare word now and then:
	 * its matches lie far in, where bytes and code points differ most. */
	static char long_paragraph[40000];
	size_t at = 0;
	for (int i = 0; i < 1500; i++) {
		const char *piece = i % 97 == 50 ? "zebra-ёж " : i % 5 ? "«Ёлка» жжж " : "x ";
		memcpy(long_paragraph + at, piece, strlen(piece));
		at += strlen(piece);
	}
	long_paragraph[at] = '\0';
	/* ASCII alone, with a rare word far in: its offset is counted from a mark. */
	static char filler[70001];
	for (size_t i = 0; i < 70000; i += 7)
		memcpy(filler + i, i == 49000 ? "Zebra, " : "filler ", 7);
	const char *texts[] = {
		long_article ? filler : "a short first paragraph",
		"ÉCOLE école Ecole; «Москва» МОСКВА москвичи, Ἀθῆναι ΑΘΗΝΑ.",
		"Jong-un's visit: Jong-un, JONG-UN and jong un; U.S. and u.s.a. 5% 50%, 5,000.",
		"x\xF0\x9D\x90\x80y \xF0\x9D\x90\x80 — a—b a-b-c 'quoted' “curly” (paren)",
		long_word,
		"",
		"Ⅻ ⅻ İstanbul istanbul ǅemal ǆemal ß SS",
		long_paragraph,
	};
	struct article *a = made_up(texts, sizeof texts / sizeof texts[0]);
	struct search_index *ix = search_index_build(a, NULL, 0);
	ck_assert_ptr_nonnull(ix);
	const char *queries[] = {
		"école", "ecole", "ÉCOLE", "éc", "москв", "МОСКВА", "«москва»", "москва»",
		"ἀθῆναι", "αθηνα", "jong-un", "jong-un's", "jong", "JONG-UN,", "jong-", "u.s.",
		"u.s", "u.s.a.", "5%", "5", "50%", "5,000.", "x", "y", "\xF0\x9D\x90\x80",
		"a—b", "a-b", "a-b-c", "'quoted'", "quoted", "“curly”", "(paren)", "paren)",
		"kkk", "kkkx", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
		"ⅻ", "Ⅻ", "i̇stanbul", "istanbul", "İstanbul", "ǆemal", "ǅemal", "ß", "ss", "s",
		"école москва", "jong u.s.", "k \xF0\x9D\x90\x80",
		"zebra", "zebra-ёж", "zebra-ё", "zebra-", "ёлка zebra", "x zebra",
	};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		agree(a, ix, queries[i], (size_t)-1, 0, 50);
		agree(a, ix, queries[i], 0, 1, 2);
	}
	search_index_free(ix);
}

START_TEST(the_index_agrees_on_awkward_text)
{
	agree_on_awkward_text(false);
}
END_TEST

START_TEST(the_index_agrees_on_awkward_text_in_a_long_article)
{
	agree_on_awkward_text(true);
}
END_TEST

START_TEST(a_query_whose_words_are_everywhere_is_refused)
{
	/* More occurrences than SEARCH_BUDGET allows, in few paragraphs. */
	size_t words = SEARCH_BUDGET + 1000;
	char *big = malloc(2 * words + 1);
	for (size_t i = 0; i < words; i++)
		memcpy(big + 2 * i, i % 2 ? "a " : "b ", 2);
	big[2 * words] = '\0';
	/* Fewer, but each to be read in the text: "x-longe" goes on past what
	 * the index keeps of what follows a word ("-lon"), and the text then
	 * differs, so every one is read. */
	size_t reads = SEARCH_BUDGET / SEARCH_TEXT_READ_COST + 1000;
	char *read = malloc(8 * reads + 1);
	for (size_t i = 0; i < reads; i++)
		memcpy(read + 8 * i, "x-lonzz ", 8);
	read[8 * reads] = '\0';
	const char *texts[] = {big, "a b c", read};
	struct article *a = made_up(texts, 3);
	struct search_index *ix = search_index_build(a, NULL, 0);
	ck_assert_ptr_nonnull(ix);
	struct search_terms t;
	char err[128];
	struct search_page page;
	ck_assert_int_eq(search_terms_parse(&t, "a b", err, sizeof err), 0);
	ck_assert_int_eq(search_index_find(ix, &t, (size_t)-1, 0, 50, &page), SEARCH_TOO_BROAD);
	ck_assert_int_eq(search_terms_parse(&t, "x-longe", err, sizeof err), 0);
	ck_assert_int_eq(search_index_find(ix, &t, (size_t)-1, 0, 50, &page), SEARCH_TOO_BROAD);
	/* Each alone is within the budget, and found; "x-lo" needs no reading. */
	ck_assert_int_eq(search_terms_parse(&t, "a", err, sizeof err), 0);
	ck_assert_int_eq(search_index_find(ix, &t, (size_t)-1, 0, 50, &page), SEARCH_OK);
	ck_assert_int_eq(page.total, 2);
	ck_assert_int_eq(page.hits[0].n_matches, SEARCH_MATCHES_LISTED);
	ck_assert_int_eq(page.hits[0].matches[SEARCH_MATCHES_LISTED - 1].start,
			 2 * (2 * SEARCH_MATCHES_LISTED - 1));
	search_page_free(&page);
	ck_assert_int_eq(search_terms_parse(&t, "c", err, sizeof err), 0);
	ck_assert_int_eq(search_index_find(ix, &t, (size_t)-1, 0, 50, &page), SEARCH_OK);
	ck_assert_int_eq(page.total, 1);
	ck_assert_int_eq(page.hits[0].paragraph, 1);
	search_page_free(&page);
	ck_assert_int_eq(search_terms_parse(&t, "x-lo", err, sizeof err), 0);
	ck_assert_int_eq(search_index_find(ix, &t, (size_t)-1, 0, 50, &page), SEARCH_OK);
	ck_assert_int_eq(page.total, 1);
	ck_assert_int_eq(page.hits[0].paragraph, 2);
	ck_assert_int_eq(page.hits[0].matches[1].start, 8);
	search_page_free(&page);
	search_index_free(ix);
	free(big);
	free(read);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("index");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, the_index_finds_what_a_scan_finds_in_every_test_article);
	tcase_add_test(tc, the_index_agrees_on_awkward_text);
	tcase_add_test(tc, the_index_agrees_on_awkward_text_in_a_long_article);
	tcase_add_test(tc, a_query_whose_words_are_everywhere_is_refused);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
