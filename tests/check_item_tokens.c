/* check_item_tokens.c - an item's JSON packed and unpacked is the same
 * bytes (served/item_tokens.h), whatever the text: the JSON of every
 * item of the test articles as its list keeps it (with references to the
 * model's strings) and as item_json.h writes it, text with the bytes the
 * packed form uses for itself, names cut short at the end, and the empty
 * text. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/article_parse.h"
#include "../served/item_json.h"
#include "../served/item_tokens.h"
#include "../served/served_article.h"
#include "../text/textfile.h"
#include "harness.h"

/* Packs and unpacks text[0..len); returns the packed length. */
static size_t round_trip(const char *text, size_t len)
{
	struct jsonbuf packed = {0}, back = {0};
	item_tokens_pack(&packed, text, len, NULL);
	item_tokens_unpack(&back, packed.s, packed.len, NULL);
	ck_assert(!packed.failed && !back.failed);
	ck_assert_msg(back.len == len && (len == 0 || memcmp(back.s, text, len) == 0),
		      "%zu bytes came back as %zu: %.*s", len, back.len, (int)back.len,
		      back.s ? back.s : "");
	size_t n = packed.len;
	free(packed.s);
	free(back.s);
	return n;
}

/* Item i of list k of a, as item_json.h writes it (malloc'd). */
static char *written(const struct article *a, int k, size_t i, size_t *len)
{
	struct jsonbuf b = {0};
	list_item_json(&b, a, k, i);
	return jsonbuf_take(&b, len);
}

START_TEST(the_items_of_every_test_article_come_back_smaller)
{
	struct tables t;
	char err[512];
	ck_assert_int_eq(tables_load(&t, NULL, err, sizeof err), 0);
	char **files;
	size_t n = list_files(src_path("tests/articles"), ".txt", &files);
	ck_assert_int_ge(n, 20);
	size_t bytes = 0, packed = 0;
	for (size_t i = 0; i < n; i++) {
		struct textfile tf;
		ck_assert_msg(textfile_read(&tf, files[i], err, sizeof err) == 0, "%s", err);
		struct article *a = article_parse(tf.text, tf.len, "a", &t, err, sizeof err);
		ck_assert_msg(a != NULL, "%s: %s", files[i], err);
		struct served_article s;
		ck_assert_int_eq(served_article_prepare(&s, a, "a.txt", err, sizeof err), 0);
		for (int k = 0; k < LIST_KINDS; k++) {
			const struct item_list *l = &s.items[k];
			struct jsonbuf scratch = {0};
			for (size_t j = 0; j < l->n; j++) {
				size_t len, start = j > 0 ? l->end[j - 1] : 0;
				const char *json = item_list_get(l, j, &len, &scratch);
				ck_assert_ptr_nonnull(json);
				/* What the list serves is JSON, the item as it was written. */
				size_t want_len;
				char *want = written(s.model, k, j, &want_len);
				ck_assert_ptr_nonnull(want);
				ck_assert_msg(len == want_len && memcmp(json, want, len) == 0,
					      "%s: list %d item %zu is\n%.*s\nnot\n%s", files[i], k, j,
					      (int)len, json, want);
				free(want);
				bytes += len;
				packed += l->packed ? l->end[j] - start : len;
				round_trip(json, len);
			}
			free(scratch.s);
		}
		served_article_free(&s);
		textfile_free(&tf);
	}
	/* The names and the model's strings: more than half of the bytes. */
	ck_assert_msg(packed * 2 < bytes, "%zu bytes packed into %zu", bytes, packed);
	free_list(files, n);
	tables_free(&t);
}
END_TEST

START_TEST(any_text_comes_back_as_it_was)
{
	static const char *const texts[] = {
		"",
		",",
		"{",
		",\"kind",                 /* a name cut short at the end */
		",\"kind\":\"",            /* a whole name, and nothing after */
		"{\"id\":\"{\"id\":\",\"kind\":\"",
		"\x01\x02\x1e\x1f",        /* the bytes that stand for names */
		"\x1f",                    /* the escape, last */
		",\"paragraph\":\x1f,\"start\":\x01",
		"caf\xc3\xa9 ,\"text\":\"\xe2\x80\x9c\"",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		round_trip(texts[i], strlen(texts[i]));
	/* A NUL is a byte like the others. */
	round_trip("a\0,\"end\":1\0", 12);
	/* Every byte value, after and before a name. */
	char all[600];
	size_t n = 0;
	for (int c = 0; c < 256; c++) {
		all[n++] = (char)c;
		if (c % 16 == 0) {
			memcpy(all + n, ",\"end\":", 7);
			n += 7;
		}
	}
	ck_assert_uint_lt(round_trip(all, n), n);
	/* Text in packed form that packing did not make (a byte below 0x20
	 * that stands for no name, an escape with nothing after) unpacks
	 * to itself. */
	struct jsonbuf back = {0};
	item_tokens_unpack(&back, "a\0b\x1f", 4, NULL);
	ck_assert_int_eq(back.len, 4);
	ck_assert_int_eq(memcmp(back.s, "a\0b\x1f", 4), 0);
	free(back.s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("item_tokens");
	TCase *tc = tcase_create("pack");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, the_items_of_every_test_article_come_back_smaller);
	tcase_add_test(tc, any_text_comes_back_as_it_was);
	suite_add_tcase(s, tc);
	return run_suite(s, false);
}
