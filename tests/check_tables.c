/* check_tables.c - the data tables as an operator meets them with
 * --tables DIR: a copy of data/ parses every article exactly as the
 * built-in tables do; a copy with one mistake (a value a column does not
 * take, a column missing or too many, a phrase listed twice, a code of the
 * wrong shape) stops the real binary with exit status 1 and one line that
 * names the file, the line and what is wrong; and every file of data/ is
 * one the loader reads, opening with a comment that says what it is for. */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/article_parse.h"
#include "../served/item_json.h"
#include "../parser/tables.h"
#include "../parser/tokens.h"
#include "../text/arena.h"
#include "../text/fold.h"
#include "harness.h"

/* The table files of data/ (its articles aside), as full paths. */
static size_t table_files(char ***out)
{
	char **tsv, **txt;
	size_t n_tsv = list_files(src_path("data"), ".tsv", &tsv);
	size_t n_txt = list_files(src_path("data"), ".txt", &txt);
	char **all = malloc((n_tsv + n_txt + 1) * sizeof *all);
	ck_assert_ptr_nonnull(all);
	memcpy(all, tsv, n_tsv * sizeof *all);
	memcpy(all + n_tsv, txt, n_txt * sizeof *all);
	free(tsv);
	free(txt);
	*out = all;
	return n_tsv + n_txt;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Copies every table of data/ into dir. */
static void copy_tables(const char *dir)
{
	char **files;
	size_t n = table_files(&files);
	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *text = read_file(files[i], &len);
		ck_assert_msg(text != NULL, "cannot read %s", files[i]);
		ck_assert_ptr_nonnull(write_file(dir, base_name(files[i]), text, len));
		free(text);
	}
	free_list(files, n);
}

START_TEST(every_file_of_data_is_a_table_that_says_what_it_is_for)
{
	char **files;
	size_t n = table_files(&files);
	ck_assert_uint_ge(n, 30);
	for (size_t i = 0; i < n; i++) {
		size_t len, builtin_len;
		const char *name = base_name(files[i]);
		const char *builtin = tables_builtin(name, &builtin_len);
		ck_assert_msg(builtin != NULL, "data/%s is no table the loader reads", name);
		char *text = read_file(files[i], &len);
		ck_assert_msg(text != NULL && len == builtin_len && memcmp(text, builtin, len) == 0,
			      "data/%s differs from its built-in copy: rebuild", name);
		ck_assert_msg(strncmp(text, "# ", 2) == 0, "data/%s opens with no comment", name);
		free(text);
	}
	free_list(files, n);
}
END_TEST

/* The whole parse of the file at rel, as JSON text (caller frees). */
static char *parse_json(const char *rel, const struct tables *t)
{
	size_t len;
	char *text = read_file(src_path(rel), &len), err[512];
	ck_assert_msg(text != NULL, "cannot read %s", rel);
	struct article *a = article_parse(text, len, rel, t, err, sizeof err);
	free(text);
	ck_assert_msg(a != NULL, "%s: %s", rel, err);
	json_t *j = article_full_json(a);
	char *out = json_dumps(j, JSON_SORT_KEYS);
	json_decref(j);
	article_free(a);
	ck_assert_ptr_nonnull(out);
	return out;
}

START_TEST(a_copy_of_data_parses_every_article_alike)
{
	struct tables builtin, copied;
	char err[512];
	copy_tables(test_dir);
	ck_assert_msg(tables_load(&builtin, NULL, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(tables_load(&copied, test_dir, err, sizeof err) == 0, "%s", err);
	char **articles;
	size_t n = list_files(src_path("tests/articles"), ".txt", &articles);
	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i <= n; i++) {
		/* the article of the files, and the shipped one */
		const char *rel = i < n ? strstr(articles[i], "tests/articles/")
					: "data/articles/000_617779ec1d6cc40c.txt";
		ck_assert_ptr_nonnull(rel);
		char *a = parse_json(rel, &builtin), *b = parse_json(rel, &copied);
		ck_assert_msg(strcmp(a, b) == 0, "%s parses otherwise with a copy of data/", rel);
		free(a);
		free(b);
	}
	free_list(articles, n);
	tables_free(&builtin);
	tables_free(&copied);
}
END_TEST

/* One mistake in a copy of data/: the first `find` of file becomes
 * `replace`; the message must name the line of `find` and say `why`. */
struct mistake {
	const char *file, *find, *replace, *why;
};

static const struct mistake mistakes[] = {
	/* a value the column does not take */
	{"figure_verbs.tsv", "grew\tincrease\n", "grew\tincrese\n",
	 "role 'increse' is not one of level, increase, decrease, change, more, less, duration, "
	 "bring"},
	{"figure_qualifiers.tsv", "about\tabout\n", "about\taboot\n", "qualifier 'aboot' is not one of"},
	{"figure_qualifiers.tsv", "or more\tat_least\tafter\n", "or more\tat_least\tatfer\n",
	 "where 'atfer' is not one of before, after, level, not-span"},
	{"figure_rates.tsv", "annually\tyear\tclause\n", "annually\tyear\tclaus\n",
	 "clause 'claus' is not one of clause"},
	{"figure_grammar.tsv", "since\ttime-prep", "since\ttime-prop", "class 'time-prop' is not one of"},
	{"figure_grammar.tsv", "from\tprep\tdeadline\n", "from\tprep\tdeadlin\n",
	 "date 'deadlin' is not one of since, deadline"},
	{"numbers.tsv", "\tcardinal\n", "\tcardnal\n", "kind 'cardnal' is not one of cardinal, scale"},
	{"outlets.tsv", "\tUS\tagency\n", "\tUS\tagnecy\n",
	 "kind 'agnecy' is not one of agency, newspaper, broadcaster, online, magazine"},
	{"outlet_words.tsv", "newspaper\tnewspaper\n", "newspaper\tpaper\n", "kind 'paper' is not one of"},
	{"pronouns.tsv", "she\tperson\tfemale\n", "she\tperson\tfemal\n",
	 "gender 'femal' is not one of male, female"},
	{"pronouns.tsv", "he\tperson\tmale\n", "he\tpersona\tmale\n",
	 "refers to 'persona' is not one of person, outlet, addressee"},
	{"pronouns.tsv", "the newspaper\toutlet\tnewspaper\n", "the newspaper\toutlet\tmale\n",
	 "kind 'male' is not one of agency"},
	{"pronouns.tsv", "you\taddressee\n", "you\taddressee\tmale\n",
	 "'male': the addressee has no gender or kind"},
	{"name_gender.tsv", "ovich\tmale\tpatronymic\n", "ovich\tmale\tpatronimic\n",
	 "part 'patronimic' is not one of patronymic, surname, given"},
	{"name_gender.tsv", "ovich\tmale\t", "ovich\tman\t", "gender 'man' is not one of male, female"},
	{"number_names.txt", "number\tboth\n", "number\tbtoh\n", "position 'btoh' is not one of both"},
	{"time_units.txt", "decade\tdecades\n", "decade\tdecade\n",
	 "unit 'decade' is not one of years, months, weeks"},
	{"figure_words.tsv", "ago\tnot-counted,ago\n", "ago\tnot-counted,agoo\n",
	 "role 'agoo' is not one of year-before"},
	{"reporting_verbs.tsv", "told\tobject\n", "told\tobject,plurl\n",
	 "takes 'plurl' is not one of object, plural, relay, outlet"},
	{"speech_grammar.tsv", "of\tconnector,", "of\tconector,", "class 'conector' is not one of"},
	{"disclaimer.tsv", "neural\tmachine\n", "neural\tmachina\n",
	 "says 'machina' is not one of translated, not-responsible, original, machine"},
	/* an empty column, a missing one, one too many */
	{"figure_grammar.tsv", "the\tdet\n", "the\t\n", "the class column is empty"},
	{"figure_verbs.tsv", "grew\tincrease\n", "grew increase\n",
	 "expected 2 tab-separated columns (phrase, role), found 1"},
	{"units.tsv", "tonne\tt\n", "tonne\tt\tmetric\n",
	 "found 3 tab-separated columns, the table has 2 (phrase, symbol)"},
	{"family_names.txt", "Kim\n", "Kim\tKorean\n", "found 2 tab-separated columns, the table has 1"},
	/* a phrase listed twice */
	{"reporting_verbs.tsv", "says\n", "said\n", "'said' is listed twice (first on line"},
	/* codes of the wrong shape, a month out of range, a number that is none */
	{"outlets.tsv", "\tUS\tagency\n", "\tUSA\tagency\n",
	 "country 'USA' is not an ISO 3166-1 code, two capital letters"},
	{"countries.tsv", "\nJP\t", "\njp\t", "country 'jp' is not an ISO 3166-1 code"},
	{"languages.tsv", "\nru\t", "\nRU\t", "code 'RU' is not an ISO 639-1 code, two small letters"},
	{"currencies.tsv", "dollar\tUSD\n", "dollar\tUS\n", "code 'US' is not an ISO 4217 code"},
	{"months.tsv", "December\t12\n", "December\t13\n", "13 is out of range: 1 to 12"},
	{"numbers.tsv", "two\t2\t", "two\ttwo\t", "'two' is not a number"},
};

/* The line of text that offset `at` is on, counting from 1. */
static int line_of(const char *text, size_t at)
{
	int line = 1;
	for (size_t i = 0; i < at; i++)
		line += text[i] == '\n';
	return line;
}

START_TEST(a_mistake_in_a_table_names_its_file_and_line)
{
	const struct mistake *m = &mistakes[_i];
	copy_tables(test_dir);
	char rel[256];
	snprintf(rel, sizeof rel, "data/%s", m->file);
	size_t len;
	char *text = read_file(src_path(rel), &len);
	ck_assert_ptr_nonnull(text);
	char *at = strstr(text, m->find);
	ck_assert_msg(at != NULL, "%s has no '%s' to spoil", m->file, m->find);
	/* the line of the spoiled text itself, past a leading newline */
	int line = line_of(text, (size_t)(at - text) + (m->find[0] == '\n'));
	size_t fl = strlen(m->find), rl = strlen(m->replace);
	char *spoiled = malloc(len - fl + rl + 1);
	ck_assert_ptr_nonnull(spoiled);
	size_t head = (size_t)(at - text);
	memcpy(spoiled, text, head);
	memcpy(spoiled + head, m->replace, rl);
	memcpy(spoiled + head + rl, at + fl, len - head - fl);
	ck_assert_ptr_nonnull(write_file(test_dir, m->file, spoiled, len - fl + rl));
	free(spoiled);
	free(text);

	const char *args[] = {"--tables", test_dir, NULL};
	char err[4096], where[1024];
	int rc = run_articled(args, err, sizeof err);
	snprintf(where, sizeof where, "%s/%s:%d: %s", test_dir, m->file, line, m->why);
	ck_assert_msg(rc == 1, "%s: exit %d, expected 1; stderr: %s", m->file, rc, err);
	ck_assert_msg(strstr(err, where) != NULL, "stderr lacks '%s': %s", where, err);
	char *nl = strchr(err, '\n');
	ck_assert_msg(nl != NULL && nl[1] == '\0', "not exactly one line: %s", err);
}
END_TEST

/* lexicon_get finds a text's entry whatever its case and white space,
 * and only its entry: the same answer as folding the text and comparing
 * it with every key, for every table of the built-in set and texts made
 * from their keys (as written, in capitals, with white space before,
 * after and inside, cut short, run on) and from none. */
START_TEST(a_lookup_finds_what_folding_and_comparing_find)
{
	struct tables t;
	char err[512];
	ck_assert_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	const struct lexicon *tables[] = {&t.photo_labels, &t.titles, &t.countries, &t.outlets,
					  &t.months, &t.verbs, &t.currencies, &t.name_stop};
	size_t asked = 0;
	for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
		const struct lexicon *lx = tables[k];
		ck_assert_uint_gt(lx->count, 0);
		for (const struct lex_entry *e = lexicon_first(lx); e; e = lexicon_next(lx, e)) {
			char texts[8][300];
			size_t n = 0, wl = strlen(e->written);
			if (wl > 200)
				continue;
			snprintf(texts[n++], 300, "%s", e->written);
			snprintf(texts[n++], 300, " \t %s\n", e->written);
			snprintf(texts[n++], 300, "%s", e->written);
			for (char *c = texts[n - 1]; *c; c++)
				*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
			snprintf(texts[n++], 300, "%.*s", (int)(wl / 2), e->written);
			snprintf(texts[n++], 300, "%sx", e->written);
			snprintf(texts[n++], 300, "x%s", e->written);
			snprintf(texts[n++], 300, "\xc2\xa0%s", e->written);
			snprintf(texts[n], 300, "%s", e->written);
			for (char *c = texts[n]; *c; c++)
				if (*c == ' ')
					*c = '\n';
			n++;
			for (size_t i = 0; i < n; i++) {
				char folded[1024];
				size_t fl = fold_text(texts[i], strlen(texts[i]), folded, sizeof folded);
				const struct lex_entry *want = NULL;
				for (const struct lex_entry *o = lexicon_first(lx); o && fl != (size_t)-1;
				     o = lexicon_next(lx, o))
					if (o->key_len == fl && memcmp(o->key, folded, fl) == 0)
						want = o;
				ck_assert_msg(lexicon_get(lx, texts[i], strlen(texts[i])) == want,
					      "table %zu: lookup of \"%s\"", k, texts[i]);
				asked++;
			}
		}
	}
	ck_assert_uint_gt(asked, 1000);
	tables_free(&t);
}
END_TEST

/* A table's walk (lexicon_index_walk) gives the entries of the slots'
 * scan, in the same order: every used slot once, none free; a key added
 * afterwards drops the walk, and the scan then finds it too. */
START_TEST(a_walk_visits_every_key_in_slot_order)
{
	struct tables t;
	char err[512];
	ck_assert_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	const struct lexicon *tables[] = {&t.photo_labels, &t.titles, &t.countries, &t.verbs,
					  &t.numbers};
	for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
		const struct lexicon *lx = tables[k];
		ck_assert_ptr_nonnull(lx->walk);
		size_t seen = 0, last = 0;
		for (const struct lex_entry *e = lexicon_first(lx); e; e = lexicon_next(lx, e)) {
			size_t j = (size_t)(e - lx->slots);
			ck_assert_ptr_nonnull(e->key);
			ck_assert(seen == 0 || j > last);
			for (size_t free_slot = seen == 0 ? 0 : last + 1; free_slot < j; free_slot++)
				ck_assert_ptr_null(lx->slots[free_slot].key);
			last = j;
			seen++;
		}
		ck_assert_uint_eq(seen, lx->count);
	}
	tables_free(&t);

	struct arena arena = {0};
	struct lexicon lx = {0};
	ck_assert_int_eq(lexicon_add(&lx, &arena, "first key", NULL), 0);
	ck_assert_int_eq(lexicon_add(&lx, &arena, "second key", NULL), 0);
	ck_assert_int_eq(lexicon_index_walk(&lx), 0);
	ck_assert_int_eq(lexicon_add(&lx, &arena, "third key", NULL), 0);
	ck_assert_ptr_null(lx.walk);
	size_t n = 0;
	bool third = false;
	for (const struct lex_entry *e = lexicon_first(&lx); e; e = lexicon_next(&lx, e)) {
		n++;
		third = third || strcmp(e->key, "third key") == 0;
	}
	ck_assert_uint_eq(n, 3);
	ck_assert(third);
	lexicon_free(&lx);
	arena_free(&arena);
}
END_TEST

/* tokens_match remembers its answers for a paragraph: asked again, of
 * other tables in between (more than its memory holds), and of tokens
 * whose slots collide, it answers as a paragraph split afresh does. */
START_TEST(a_remembered_match_is_the_match)
{
	struct tables t;
	char err[512];
	ck_assert_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	const char *text = "The governor of the Primorsky Territory told RIA Novosti that "
			   "the minister of foreign affairs met the head of the region in Moscow "
			   "on March 5, and the governor said 12 million rubles were found.";
	const struct lexicon *tables[] = {&t.titles, &t.countries, &t.outlets, &t.months,
					  &t.verbs, &t.currencies, &t.numbers, &t.name_stop};
	enum { N_TABLES = sizeof tables / sizeof tables[0] };
	struct arena scratch = {0};
	struct tokens tk;
	ck_assert_int_eq(tokens_split(&tk, text, strlen(text), &t.abbreviations, &t.token_index,
				      &scratch), 0);
	ck_assert_ptr_nonnull(tk.memo);
	size_t found = 0;
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < tk.n; i++) {
			for (size_t k = 0; k < N_TABLES; k++) {
				/* The same question of a paragraph split again, with no memory. */
				struct arena fresh_scratch = {0};
				struct tokens fresh;
				ck_assert_int_eq(tokens_split(&fresh, text, strlen(text), &t.abbreviations,
							      &t.token_index, &fresh_scratch), 0);
				fresh.memo = NULL;
				size_t n = 0, want_n = 0;
				const struct lex_entry *got = tokens_match(&tk, i, tables[k], &n);
				const struct lex_entry *want = tokens_match(&fresh, i, tables[k], &want_n);
				ck_assert_msg(got == want && n == want_n, "token %zu, table %zu, round %d", i,
					      k, round);
				found += got != NULL;
				arena_free(&fresh_scratch);
			}
		}
	}
	ck_assert_uint_gt(found, 10);
	arena_free(&scratch);
	tables_free(&t);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tables");
	TCase *tc = tcase_create("tables");
	tcase_add_checked_fixture(tc, test_dir_make, test_dir_remove);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_file_of_data_is_a_table_that_says_what_it_is_for);
	tcase_add_test(tc, a_copy_of_data_parses_every_article_alike);
	tcase_add_test(tc, a_lookup_finds_what_folding_and_comparing_find);
	tcase_add_test(tc, a_walk_visits_every_key_in_slot_order);
	tcase_add_test(tc, a_remembered_match_is_the_match);
	tcase_add_loop_test(tc, a_mistake_in_a_table_names_its_file_and_line, 0,
			    (int)(sizeof mistakes / sizeof mistakes[0]));
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
