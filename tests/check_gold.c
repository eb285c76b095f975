/* check_gold.c - the parser against every gold file in tests/gold/: the
 * shipped article's gold (seed.gold.json) must be found whole, item by
 * item, on every required item; the articles written for the tests must
 * reach recall 0.95 and precision 0.9 in every category. The scores are
 * printed; `make eval` lists what is missed. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tools/score.h"
#include "harness.h"

enum { MAX_GOLD = 256 };

static char *golds[MAX_GOLD];
static size_t n_golds;
static struct tables tables;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(gold_file)
{
	const char *path = golds[_i];
	bool seed = strstr(path, "/seed.gold.json") != NULL;
	struct gold_result res;
	char err[512];
	ck_assert_msg(score_gold(path, &tables, seed, &res, err, sizeof err) == 0, "%s", err);
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct score *sc = &res.sc[c];
		double rec = score_ratio(sc->found, sc->gold);
		double req = score_ratio(sc->required_found, sc->required);
		double prec = score_ratio(sc->parsed_matched, sc->parsed);
		printf("%-34s %-9s recall %.3f required %.3f precision %.3f\n", res.article,
		       category_names[c], rec, req, prec);
		if (seed)
			ck_assert_msg(sc->required_found == sc->required,
				      "%s %s: %zu of %zu required items found (misses on stderr)",
				      res.article, category_names[c], sc->required_found, sc->required);
		else
			ck_assert_msg(rec >= 0.95 && prec >= 0.9,
				      "%s %s: recall %.3f, precision %.3f (needs 0.95 and 0.9; see make eval)",
				      res.article, category_names[c], rec, prec);
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
	const char *dir = src_path("tests/gold");
	DIR *d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "cannot open %s\n", dir);
		return 1;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n_golds < MAX_GOLD) {
		size_t len = strlen(e->d_name);
		if (len > 10 && strcmp(e->d_name + len - 10, ".gold.json") == 0) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			golds[n_golds++] = strdup(path);
		}
	}
	closedir(d);
	if (n_golds > 0)
		qsort(golds, n_golds, sizeof *golds, by_name);
	Suite *s = suite_create("gold");
	TCase *tc = tcase_create("articles");
	tcase_add_loop_test(tc, gold_file, 0, (int)n_golds);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (size_t i = 0; i < n_golds; i++)
		free(golds[i]);
	tables_free(&tables);
	return failed == 0 && n_golds > 1 ? 0 : 1;
}
