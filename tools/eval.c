/* eval.c - scores the parser against gold annotations.
 *
 *   articled-eval [--strict] [-v] [--check] [--seed SEED.json] [--min KEY=VALUE]... GOLD.json...
 *
 * For each gold file (the format of the shared gold files) it parses the
 * article named by the gold's "file" field and prints one line: sections
 * exact or not, the meta checks that are wrong, and per category the
 * required items found and the parsed items that are right. Then one
 * line with the counts summed over all files (micro-averaged), in the
 * words and with the counts of the reference scorer (score.py of the
 * real-page development set), whose matching rules it applies unless
 * --strict asks for those our own gold files are held to (score.h).
 *
 * --min KEY=VALUE (KEY: quotes_r quotes_p figures_r figures_p reactions_r
 * reactions_p sections meta) exits 1 when that summed figure is below
 * VALUE, naming it. --check exits 1 when a file falls below its own bar:
 * every required item found, and (but for the gold file given after
 * --seed) nine parsed items in ten right in every category, as the tests
 * require of our own gold files. -v lists, per file, each required
 * item missed and each parsed item that matches no gold item.
 *
 * After each file a line scores what its figures say beyond their value
 * (measure, change, qualifier, per, value_to, period, compared_to; see
 * score_fields.h), where its gold has those fields, and at the end the
 * recall and precision of each over all files. Then, where the gold
 * lists them, the speakers: per file those found and right, and the
 * parsed list (name, kind, country, titles); at the end the sums.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

enum { MAX_BARS = 16 };

struct bar {
	char key[32];
	double min;
};

static const char *const bar_keys[] = {"quotes_r",    "quotes_p",    "figures_r", "figures_p",
				       "reactions_r", "reactions_p", "sections",  "meta"};

static bool known_key(const char *k)
{
	for (size_t i = 0; i < sizeof bar_keys / sizeof bar_keys[0]; i++)
		if (strcmp(bar_keys[i], k) == 0)
			return true;
	return false;
}

/* "quotes_r=0.95" into b; false if it is not that shape. */
static bool parse_bar(const char *s, struct bar *b)
{
	const char *eq = strchr(s, '=');
	if (eq == NULL || (size_t)(eq - s) >= sizeof b->key)
		return false;
	snprintf(b->key, sizeof b->key, "%.*s", (int)(eq - s), s);
	char *end;
	b->min = strtod(eq + 1, &end);
	return known_key(b->key) && end != eq + 1 && *end == '\0';
}

static int usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [--strict] [-v] [--check] [--seed SEED.json] [--min KEY=VALUE]... GOLD.json...\n"
		"  KEY: quotes_r quotes_p figures_r figures_p reactions_r reactions_p sections meta\n",
		prog);
	return 2;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Recall and precision of each figure field over all files. */
static void print_field_totals(const struct field_score *sc)
{
	bool header = false;
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (sc[f].gold == 0 && sc[f].parsed == 0)
			continue;
		if (!header)
			printf("figure fields, all files:  %-11s %6s %6s %9s %9s\n", "field", "recall",
			       "prec", "found", "right");
		header = true;
		printf("                            %-11s %6.3f %6.3f %4zu/%-4zu %4zu/%-4zu\n",
		       figure_field_names[f], score_ratio(sc[f].found, sc[f].gold),
		       score_ratio(sc[f].right, sc[f].parsed), sc[f].found, sc[f].gold, sc[f].right,
		       sc[f].parsed);
	}
}

int main(int argc, char **argv)
{
	bool check = false, verbose = false;
	enum score_rules rules = SCORE_REFERENCE;
	const char *seed = NULL;
	struct bar bars[MAX_BARS];
	size_t n_bars = 0;
	const char **files = calloc((size_t)argc, sizeof *files);
	int n_files = 0;
	for (int i = 1; i < argc; i++) {
		const char *file = NULL;
		if (strcmp(argv[i], "--check") == 0) {
			check = true;
		} else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
			verbose = true;
		} else if (strcmp(argv[i], "--strict") == 0) {
			rules = SCORE_STRICT;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			seed = file = argv[++i];
		} else if (strcmp(argv[i], "--min") == 0 && i + 1 < argc && n_bars < MAX_BARS) {
			if (!parse_bar(argv[++i], &bars[n_bars++])) {
				fprintf(stderr, "%s: --min '%s': expected KEY=NUMBER\n", argv[0], argv[i]);
				free(files);
				return usage(argv[0]);
			}
		} else if (argv[i][0] == '-') {
			free(files);
			return usage(argv[0]);
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
		free(files);
		return usage(argv[0]);
	}
	char err[512];
	struct tables t;
	if (tables_load(&t, NULL, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		free(files);
		return 1;
	}
	int failed = 0;
	struct score total[CAT_COUNT] = {0};
	struct field_score fields[FIELD_COUNT] = {{0}};
	struct speaker_score speakers = {0};
	size_t exact = 0, meta_right = 0, meta_checked = 0, scored = 0;
	for (int i = 0; i < n_files; i++) {
		struct gold_result res;
		fflush(stdout);
		if (score_gold(files[i], &t, rules, verbose, &res, err, sizeof err) != 0) {
			printf("%s: ERROR %s\n", base_name(files[i]), err);
			failed = 1;
			continue;
		}
		scored++;
		exact += res.sections_exact;
		printf("%s:  sections %s", base_name(files[i]), res.sections_exact ? "exact" : "WRONG");
		for (int m = 0; m < META_COUNT; m++) {
			meta_checked++;
			meta_right += res.meta[m];
			if (!res.meta[m])
				printf("  %s WRONG", meta_names[m]);
		}
		bool seed_rule = seed != NULL && strcmp(files[i], seed) == 0, below = false;
		for (int c = CAT_QUOTES; c < CAT_COUNT; c++) {
			const struct score *sc = &res.sc[c];
			printf("  %s %zu/%zu found, %zu/%zu right", category_names[c], sc->required_found,
			       sc->required, sc->parsed_matched, sc->parsed);
			total[c].required += sc->required;
			total[c].required_found += sc->required_found;
			total[c].parsed += sc->parsed;
			total[c].parsed_matched += sc->parsed_matched;
		}
		for (int c = 0; c < CAT_COUNT; c++) {
			const struct score *sc = &res.sc[c];
			double req = score_ratio(sc->required_found, sc->required);
			double prec = score_ratio(sc->parsed_matched, sc->parsed);
			below = below || req < 1.0 || (!seed_rule && prec < 0.9);
		}
		printf("%s\n", check && below ? "  BELOW THRESHOLD" : "");
		if (check && below)
			failed = 1;
		field_scores_print(stdout, "  figure fields: ", res.fields);
		field_scores_add(fields, res.fields);
		speaker_scores_print(stdout, "  ", &res.speakers);
		speaker_scores_add(&speakers, &res.speakers);
	}
	double vals[8] = {
		score_ratio(total[CAT_QUOTES].required_found, total[CAT_QUOTES].required),
		score_ratio(total[CAT_QUOTES].parsed_matched, total[CAT_QUOTES].parsed),
		score_ratio(total[CAT_FIGURES].required_found, total[CAT_FIGURES].required),
		score_ratio(total[CAT_FIGURES].parsed_matched, total[CAT_FIGURES].parsed),
		score_ratio(total[CAT_REACTIONS].required_found, total[CAT_REACTIONS].required),
		score_ratio(total[CAT_REACTIONS].parsed_matched, total[CAT_REACTIONS].parsed),
		scored ? (double)exact / (double)n_files : 0.0,
		meta_checked ? (double)meta_right / (double)meta_checked : 0.0,
	};
	printf("%d articles: quotes R %.2f P %.2f, figures R %.2f P %.2f, reactions R %.2f P %.2f, "
	       "sections exact %zu/%d, meta %.2f",
	       n_files, vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], exact, n_files, vals[7]);
	const char *sep = "; short: ";
	for (size_t b = 0; b < n_bars; b++) {
		for (size_t k = 0; k < sizeof bar_keys / sizeof bar_keys[0]; k++) {
			if (strcmp(bar_keys[k], bars[b].key) != 0 || vals[k] >= bars[b].min)
				continue;
			printf("%s%s %.2f < %g", sep, bars[b].key, vals[k], bars[b].min);
			sep = ", ";
			failed = 1;
		}
	}
	printf("\n");
	print_field_totals(fields);
	if (speakers.scored)
		printf("speakers, all files: %zu/%zu found, %zu/%zu right%s\n", speakers.found,
		       speakers.required, speakers.right, speakers.parsed,
		       speakers.in_order ? ", in order" : ", NOT IN ORDER");
	tables_free(&t);
	free(files);
	return failed;
}
