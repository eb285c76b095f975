/* check_fixtures.c - extraction cases as data, run by one loop test.
 *
 * Every .txt file of tests/fixtures holds cases (format in tests/fixtures/README.md):
 *
 *   ### name of the case
 *   Text of one or more paragraphs, parsed as the body of an article.
 *   --- quotes
 *   [{"kind": "indirect", "speaker": "Vladimir Putin", "text": "..."}]
 *
 * The extracted list must have as many items as the expected one, and each
 * item the expected fields with the expected values (others are not
 * compared). A case tagged @article gives a whole article, header and all.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/article_parse.h"
#include "../served/item_json.h"
#include "../text/textfile.h"
#include "harness.h"

static struct case_text *cases;
static size_t n_cases;
static struct tables tables;

static void load_all(void)
{
	char **files;
	size_t n = list_files(src_path("tests/fixtures"), ".txt", &files);
	if (n == 0) {
		fprintf(stderr, "no fixtures in %s\n", src_path("tests/fixtures"));
		exit(1);
	}
	for (size_t i = 0; i < n; i++)
		free(cases_read(files[i], &cases, &n_cases));
	free_list(files, n);
}

/* Runs case c; returns true, or false with the reason in why. Frees all
 * it allocates before returning, so that a failing case leaks nothing
 * (Check's asserts jump out of the test). */
static bool run_case(const struct case_text *c, char *why, size_t whylen)
{
	/* A snippet becomes the body of an article with a title of its own. */
	bool whole_article = strstr(c->name, " @article") != NULL;
	size_t tlen = strlen(c->text) + 64;
	char *text = malloc(tlen);
	snprintf(text, tlen, "%s%s", whole_article ? "" : "Fixture title\n\n", c->text);
	size_t len = textfile_normalize(text, strlen(text));
	char err[256];
	struct article *a = article_parse(text, len, "fixture", &tables, err, sizeof err);
	free(text);
	if (a == NULL) {
		snprintf(why, whylen, "does not parse: %s", err);
		return false;
	}
	json_t *all = article_full_json(a);
	article_free(a);
	bool ok = true;
	for (size_t k = 0; k < c->n_sections && ok; k++) {
		const struct case_section *e = &c->sections[k];
		json_error_t jerr;
		json_t *want = json_loads(e->text, 0, &jerr);
		if (want == NULL) {
			snprintf(why, whylen, "expected JSON at line %d does not parse: %s",
				 e->line + jerr.line, jerr.text);
			ok = false;
			break;
		}
		json_t *got = strcmp(e->kind, "article") == 0 ? all : json_object_get(all, e->kind);
		if (got == NULL) {
			snprintf(why, whylen, "unknown category '%s'", e->kind);
			ok = false;
		} else {
			ok = json_subset(want, got, why, whylen, e->kind);
		}
		json_decref(want);
	}
	json_decref(all);
	return ok;
}

START_TEST(fixture_case)
{
	const struct case_text *c = &cases[_i];
	char why[2048];
	bool ok = run_case(c, why, sizeof why);
	ck_assert_msg(ok, "%s:%d %s: %s", c->file, c->line, c->name, why);
}
END_TEST

/* A sentence made of thousands of figures (a run-on list, or text made to
 * be large): each figure's "sentence" is cut to about a thousand bytes
 * around it, so that the answers repeat no more than their share of the
 * text; the figures of a sentence of normal length give it whole. */
START_TEST(long_sentence_is_cut_around_each_figure)
{
	enum { ITEMS = 3000 };
	size_t cap = 64 + ITEMS * 32, len = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	len += (size_t)snprintf(text + len, cap - len,
				"Title\n\nShort: it grew by 5%% and reached 12 tons.\n\nThe port took ");
	for (int i = 0; i < ITEMS; i++)
		len += (size_t)snprintf(text + len, cap - len, "%s%d tons", i ? ", " : "", i + 1);
	len += (size_t)snprintf(text + len, cap - len, ".\n");
	char err[256];
	struct article *a = article_parse(text, len, "long", &tables, err, sizeof err);
	free(text);
	ck_assert_msg(a != NULL, "%s", err);
	ck_assert_uint_eq(a->n_figures, ITEMS + 2);
	size_t len0, len1;
	const char *s0 = figure_sentence(a, &a->figures[0], &len0),
		   *s1 = figure_sentence(a, &a->figures[1], &len1);
	ck_assert(s0 == s1 && len0 == len1);
	ck_assert_msg(len0 == strlen("Short: it grew by 5% and reached 12 tons.") &&
			      memcmp(s0, "Short: it grew by 5% and reached 12 tons.", len0) == 0,
		      "the first sentence is \"%.*s\"", (int)len0, s0);
	for (size_t i = 2; i < a->n_figures; i++) {
		const struct figure *f = &a->figures[i];
		size_t n;
		const char *sentence = figure_sentence(a, f, &n);
		ck_assert_msg(n <= 1000 && memmem(sentence, n, f->text, strlen(f->text)) != NULL,
			      "figure %zu: sentence of %zu bytes", i, n);
	}
	article_free(a);
}
END_TEST

/* How a text is normalized before it is parsed, as data: each case's
 * text, and what it becomes. The long ones put what normalizing acts on
 * at every place in a block of 8 bytes, which the reader passes whole. */
START_TEST(texts_are_normalized)
{
	static const struct {
		const char *in, *out;
	} normalized[] = {
		{"\xEF\xBB\xBF" "abc", "abc"},
		{"a\r\nb\rc\n", "a\nb\nc\n"},
		{"twelve bytes\r\nand more   \r\nlines\t\there  ",
		 "twelve bytes\nand more\nlines  here"},
		{"0123456\r\n0123456\xC2\xA0x\xC2\xA0\n01234567\r", "0123456\n0123456 x\n01234567\n"},
		{"abcdefg \t \xC2\xA0\nabcdefgh\r\r\n\n", "abcdefg\nabcdefgh\n\n\n"},
		{"no-break\xC2\xA0space, not \xC2\xA9 or \xC2", "no-break space, not \xC2\xA9 or \xC2"},
		{"0123456789012345678901234567890123456789", "0123456789012345678901234567890123456789"},
		{"line one is long enough          \nline two\r", "line one is long enough\nline two\n"},
	};
	for (size_t i = 0; i < sizeof normalized / sizeof normalized[0]; i++) {
		char text[128];
		snprintf(text, sizeof text, "%s", normalized[i].in);
		size_t len = textfile_normalize(text, strlen(text));
		ck_assert_msg(len == strlen(normalized[i].out) && strcmp(text, normalized[i].out) == 0,
			      "case %zu: \"%s\"", i, text);
	}
}
END_TEST

int main(void)
{
	char err[256];
	if (tables_load(&tables, NULL, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	load_all();
	printf("%zu fixture cases\n", n_cases);
	Suite *s = suite_create("fixtures");
	TCase *tc = tcase_create("extraction");
	tcase_add_loop_test(tc, fixture_case, 0, (int)n_cases);
	tcase_add_test(tc, long_sentence_is_cut_around_each_figure);
	tcase_add_test(tc, texts_are_normalized);
	suite_add_tcase(s, tc);
	int status = run_suite(s, false);
	cases_free(cases, n_cases);
	tables_free(&tables);
	return status == 0 && n_cases > 0 ? 0 : 1;
}
