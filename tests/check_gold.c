/* check_gold.c - the parser against every gold file in tests/gold/ (the
 * shipped article's and those of the articles written for the tests),
 * under the strict rules (tools/score.h): in every category every
 * required item must be found, item by item, and nine parsed items in ten
 * at least must be right (in practice all are); the sections must be
 * exact and the title, subtitle, photo and teasers right, and the
 * speakers exactly the gold's, in its order. Optional items
 * (a relative date, an interview's answer) count where found. What the
 * figures say (measure, change, ...) is held, over all files, to the bars
 * of figure_fields below. The scores are printed; `make eval` lists what
 * is missed. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tools/score.h"
#include "harness.h"

static char **golds;
static size_t n_golds;
static struct tables tables;

START_TEST(gold_file)
{
	const char *path = golds[_i];
	bool seed = strstr(path, "/seed.gold.json") != NULL;
	struct gold_result res;
	char err[512];
	ck_assert_msg(score_gold(path, &tables, SCORE_STRICT, seed, &res, err, sizeof err) == 0, "%s",
		      err);
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct score *sc = &res.sc[c];
		double rec = score_ratio(sc->found, sc->gold);
		double req = score_ratio(sc->required_found, sc->required);
		double prec = score_ratio(sc->parsed_matched, sc->parsed);
		printf("%-34s %-9s recall %.3f required %.3f precision %.3f\n", res.article,
		       category_names[c], rec, req, prec);
		ck_assert_msg(sc->required_found == sc->required,
			      "%s %s: %zu of %zu required items found (see make eval)", res.article,
			      category_names[c], sc->required_found, sc->required);
		ck_assert_msg(prec >= 0.9, "%s %s: precision %.3f (needs 0.9; see make eval)",
			      res.article, category_names[c], prec);
	}
	ck_assert_msg(res.sections_exact, "%s: the sections are not exact (see make eval)", res.article);
	const struct speaker_score *sp = &res.speakers;
	if (sp->scored) {
		printf("%-34s speakers  %zu/%zu found, %zu/%zu right\n", res.article, sp->found,
		       sp->required, sp->right, sp->parsed);
		ck_assert_msg(sp->found == sp->required && sp->right == sp->parsed && sp->in_order,
			      "%s: speakers %zu/%zu found, %zu/%zu right%s (see make eval)",
			      res.article, sp->found, sp->required, sp->right, sp->parsed,
			      sp->in_order ? "" : ", not in order");
	}
	for (int m = 0; m < META_COUNT; m++)
		ck_assert_msg(res.meta[m], "%s: %s is wrong (see make eval)", res.article, meta_names[m]);
}
END_TEST

/* What the figures say, over all gold files at once: change, qualifier,
 * per, value_to, period and compared_to exact on every figure that has
 * them (recall 1, precision 0.95), the measure right on nine figures in
 * ten whose sentence names one. `make eval` lists each miss. */
START_TEST(figure_fields)
{
	struct field_score total[FIELD_COUNT] = {{0}};
	char err[512];
	for (size_t i = 0; i < n_golds; i++) {
		struct gold_result res;
		ck_assert_msg(score_gold(golds[i], &tables, SCORE_STRICT, false, &res, err,
					 sizeof err) == 0,
			      "%s", err);
		field_scores_add(total, res.fields);
	}
	for (int f = 0; f < FIELD_COUNT; f++) {
		double rec = score_ratio(total[f].found, total[f].gold);
		double prec = score_ratio(total[f].right, total[f].parsed);
		printf("figure %-11s recall %.3f (%zu/%zu) precision %.3f (%zu/%zu)\n",
		       figure_field_names[f], rec, total[f].found, total[f].gold, prec,
		       total[f].right, total[f].parsed);
		ck_assert_msg(total[f].gold > 0, "no gold figure has a %s", figure_field_names[f]);
		double need = f == FIELD_MEASURE ? 0.9 : 1.0;
		ck_assert_msg(rec >= need && prec >= (f == FIELD_MEASURE ? 0.9 : 0.95),
			      "figure %s: recall %.3f, precision %.3f (see make eval)",
			      figure_field_names[f], rec, prec);
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
	n_golds = list_files(src_path("tests/gold"), ".gold.json", &golds);
	Suite *s = suite_create("gold");
	TCase *tc = tcase_create("articles");
	tcase_add_loop_test(tc, gold_file, 0, (int)n_golds);
	tcase_add_test(tc, figure_fields);
	suite_add_tcase(s, tc);
	int status = run_suite(s, false);
	free_list(golds, n_golds);
	tables_free(&tables);
	return status == 0 && n_golds > 1 ? 0 : 1;
}
