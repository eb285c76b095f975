/* eval.c - scores the parser against gold annotations.
 *
 *   articled-eval [--check] GOLD.json...
 *
 * For each gold file (format: tests/gold/README.md) it parses the article
 * named by the gold's "file" field (looked up beside the gold file in
 * ../articles/, then in the gold file's own directory) and prints recall
 * and precision per category: sections, quotes, figures, reactions.
 * Recall counts the gold items found; precision the parsed items that
 * match a gold item. "req" is the recall over items marked required.
 *
 * With --check it exits 1 when a file falls below its threshold: a gold
 * file given after --seed must find every required item (the shipped
 * article is parsed perfectly); any other must reach recall 0.95 and
 * precision 0.9 in every category. -v lists what was missed and what was
 * found beyond the gold.
 *
 * After each file a line scores what the figures say beyond their value
 * (measure, change, qualifier, per, value_to, period, compared_to; see
 * score_fields.h), and at the end the recall and precision of each over
 * all files.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

static bool verbose;

/* Recall and precision of each figure field over all files. */
static void print_field_totals(const struct field_score *sc)
{
	bool header = false;
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (sc[f].gold == 0 && sc[f].parsed == 0)
			continue;
		if (!header)
			printf("%-32s %-11s %6s %6s %9s %9s\n", "all files", "field", "recall", "prec",
			       "found", "right");
		header = true;
		printf("%-32s %-11s %6.3f %6.3f %4zu/%-4zu %4zu/%-4zu\n", "", figure_field_names[f],
		       score_ratio(sc[f].found, sc[f].gold), score_ratio(sc[f].right, sc[f].parsed),
		       sc[f].found, sc[f].gold, sc[f].right, sc[f].parsed);
	}
}

int main(int argc, char **argv)
{
	bool check = false;
	const char *seed = NULL;
	const char **files = calloc((size_t)argc, sizeof *files);
	int n_files = 0;
	for (int i = 1; i < argc; i++) {
		const char *file = NULL;
		if (strcmp(argv[i], "--check") == 0) {
			check = true;
		} else if (strcmp(argv[i], "-v") == 0) {
			verbose = true;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			seed = file = argv[++i];
		} else if (argv[i][0] == '-') {
			n_files = 0;
			break;
		} else {
			file = argv[i];
		}
		bool listed = false;
		for (int k = 0; file && k < n_files; k++)
			listed = listed || strcmp(files[k], file) == 0;
		if (file && !listed)
			files[n_files++] = file;
	}
	if (n_files == 0) {
		fprintf(stderr, "usage: %s [--check] [-v] [--seed SEED.json] GOLD.json...\n", argv[0]);
		free(files);
		return 2;
	}
	char err[512];
	struct tables t;
	if (tables_load(&t, NULL, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	int failed = 0;
	struct field_score fields[FIELD_COUNT] = {{0}};
	printf("%-32s %-9s %6s %6s %6s %6s\n", "article", "category", "recall", "req", "prec", "n");
	for (int i = 0; i < n_files; i++) {
		const char *gold_path = files[i];
		struct gold_result res;
		if (score_gold(gold_path, &t, verbose, &res, err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			failed = 1;
			continue;
		}
		const char *file = res.article;
		struct score *sc = res.sc;
		bool seed_rule = seed != NULL && strcmp(gold_path, seed) == 0;
		for (int c = 0; c < CAT_COUNT; c++) {
			double rec = score_ratio(sc[c].found, sc[c].gold);
			double req = score_ratio(sc[c].required_found, sc[c].required);
			double prec = score_ratio(sc[c].parsed_matched, sc[c].parsed);
			bool ok = seed_rule ? req >= 1.0 : (rec >= 0.95 && prec >= 0.9);
			printf("%-32.32s %-9s %6.3f %6.3f %6.3f %3zu/%-3zu%s\n", c == 0 ? file : "",
			       category_names[c], rec, req, prec, sc[c].found, sc[c].gold,
			       ok ? "" : "  BELOW THRESHOLD");
			if (!ok)
				failed = check ? 1 : failed;
		}
		field_scores_print(stdout, "  figure fields: ", res.fields);
		field_scores_add(fields, res.fields);
	}
	print_field_totals(fields);
	tables_free(&t);
	free(files);
	return failed;
}
