/* check_folding.c - fold_text's answers on texts written out with their
 * folds (white space at each place of a block of 8 or 16 bytes and
 * across two, capitals, bytes beyond ASCII inside a block and at its
 * edges), in the room they need and a byte less; and the filters of
 * key_ends.h, which must never say no to an end that a key of their
 * table has. Random texts of every kind of byte, against a fold made a
 * code point at a time in buffers of their exact size, are in
 * check_tokens.c, with the tokenizer's folds. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/key_ends.h"
#include "../parser/tables.h"
#include "../text/fold.h"
#include "harness.h"

/* Texts and their folds: spaces, tabs and newlines at each place of an
 * eight-byte stretch and across two, capitals, bytes beyond ASCII inside
 * a stretch and at its edges. */
static const struct {
	const char *text, *fold;
} folds[] = {
	{"Hello World", "hello world"},
	{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"},
	{"@[`{ AZaz09", "@[`{ azaz09"},
	{"Seven7 Eight", "seven7 eight"},
	{"Seven77 Eight", "seven77 eight"},
	{"Seven77  Eight", "seven77 eight"},
	{"Seven77 \tEight", "seven77 eight"},
	{"Sevenab\t Eight", "sevenab eight"},
	{"One two  three", "one two three"},
	{"One\ttwo three four", "one two three four"},
	{"One two\nthree four", "one two three four"},
	{"   Leading spaces of a line", "leading spaces of a line"},
	{"Trailing spaces          ", "trailing spaces"},
	{"Exactly8", "exactly8"},
	{"Exactly8 ", "exactly8"},
	{"Exactly7 x", "exactly7 x"},
	{"Caf\xc3\x89 AU LAIT et CR\xc3\x88ME", "caf\xc3\xa9 au lait et cr\xc3\xa8me"},
	{"Petrov\xe2\x80\x99s PORT", "petrov's port"},
	{"NO\xc2\xa0" "BREAK SPACE HERE", "no break space here"},
	{"\xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2 SAID",
	 "\xd0\xbf\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2 said"},
	{"", ""},
	{" \t\n ", ""},
};

START_TEST(texts_fold_as_written)
{
	for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++) {
		char out[256];
		size_t n = fold_text(folds[i].text, strlen(folds[i].text), out, sizeof out);
		ck_assert_msg(n == strlen(folds[i].fold) && strcmp(out, folds[i].fold) == 0,
			      "fold of \"%s\": \"%s\"", folds[i].text, n == (size_t)-1 ? "(none)" : out);
		/* Exactly the room it needs fits; a byte less does not, and
		 * nothing is written past the room. */
		size_t need = strlen(folds[i].fold) + 1;
		char tight[257];
		memset(tight, 'X', sizeof tight);
		ck_assert_uint_eq(fold_text(folds[i].text, strlen(folds[i].text), tight, need),
				  need - 1);
		ck_assert_int_eq(tight[need], 'X');
		if (need > 1) {
			memset(tight, 'X', sizeof tight);
			ck_assert(fold_text(folds[i].text, strlen(folds[i].text), tight, need - 1) ==
				  (size_t)-1);
			ck_assert_int_eq(tight[need - 1], 'X');
		}
	}
}
END_TEST

/* Every key of a table may end every fold that ends it or that it
 * ends: the key itself, its last bytes (the last word of a key of
 * several), and a longer word that ends with it. */
static void ends_say_yes_to_each_key(const struct key_ends *ke, const struct lexicon *lx,
				     unsigned mask, const char *name)
{
	size_t keys = 0;
	for (const struct lex_entry *e = lexicon_first(lx); e; e = lexicon_next(lx, e)) {
		if (mask != 0 && (e->value_tag & mask) == 0)
			continue;
		keys++;
		ck_assert_uint_le(e->key_len, ke->longest);
		for (size_t cut = 0; cut < e->key_len; cut++)
			ck_assert_msg(key_ends_may(ke, e->key + cut, e->key_len - cut),
				      "%s: the end of \"%s\"", name, e->key);
		char longer[300];
		snprintf(longer, sizeof longer, "xyzzy%s", e->key);
		ck_assert_msg(key_ends_may(ke, longer, strlen(longer)), "%s: \"%s\"", name, longer);
	}
	ck_assert_msg(keys > 0, "%s has keys", name);
}

START_TEST(the_tables_ends_say_yes_to_every_key)
{
	struct tables t;
	char err[512];
	ck_assert_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	ends_say_yes_to_each_key(&t.figure_verbs_ends, &t.figure_verbs, 0, "figure_verbs");
	ends_say_yes_to_each_key(&t.figure_qualifiers_ends, &t.figure_qualifiers, 0,
				 "figure_qualifiers");
	ends_say_yes_to_each_key(&t.grammar_base_ends, &t.figure_grammar, GRAM_BASE, "base");
	ends_say_yes_to_each_key(&t.grammar_lead_ends, &t.figure_grammar,
				 GRAM_GLUE | GRAM_PREP_PHRASE, "glue");
	ends_say_yes_to_each_key(&t.negative_word_ends, &t.figure_words, FIGWORD_NEGATIVE,
				 "negative");
	ends_say_yes_to_each_key(&t.noun_endings_ends, &t.noun_endings, 0, "noun_endings");
	ends_say_yes_to_each_key(&t.name_gender_ends, &t.name_gender, 0, "name_gender");
	tables_free(&t);
}
END_TEST

START_TEST(ends_say_no_to_what_no_key_ends_as)
{
	struct key_ends ke = {0};
	key_ends_add(&ke, "tion", 4);
	key_ends_add(&ke, "ment", 4);
	key_ends_add(&ke, "y", 1);
	ck_assert_uint_eq(ke.longest, 4);
	ck_assert(key_ends_may(&ke, "station", 7));
	ck_assert(key_ends_may(&ke, "development", 11));
	ck_assert(key_ends_may(&ke, "industry", 8)); /* the key of one byte */
	ck_assert(key_ends_may(&ke, "n", 1));        /* the last word of a key */
	ck_assert(!key_ends_may(&ke, "ivanov", 6));  /* no key ends with "v" */
	ck_assert(!key_ends_may(&ke, "petrova", 7));
	ck_assert(!key_ends_may(&ke, "belovn", 6)); /* "n", but not "vn" */
	ck_assert(key_ends_may(&ke, "", 0));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("folding");
	TCase *tc = tcase_create("folding");
	tcase_add_test(tc, texts_fold_as_written);
	tcase_add_test(tc, the_tables_ends_say_yes_to_every_key);
	tcase_add_test(tc, ends_say_no_to_what_no_key_ends_as);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
