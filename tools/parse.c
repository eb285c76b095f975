/* parse.c - prints the parse of an article as JSON:
 *
 *   articled-parse [--pretty] FILE [TABLES_DIR]   the parse, as JSON
 *   articled-parse --time N FILE                  parses N times; prints the best time
 *
 * The document is the one POST /parse answers for the same text
 * (article_document.h), byte for byte without --pretty, so that a
 * pipeline may use either; the article's id is the one articled gives
 * the file. A tool for people working on the parser, and for the
 * benchmark. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "../parser/article_parse.h"
#include "../served/article_document.h"
#include "../text/slug.h"
#include "../text/textfile.h"

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Best of n parses, in seconds: the best is the least disturbed by a
 * shared machine. Reading the file is not timed. */
static int time_parse(const char *path, int n)
{
	char err[512];
	struct tables t;
	struct textfile tf;
	if (tables_load(&t, NULL, err, sizeof err) != 0 ||
	    textfile_read(&tf, path, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	double best = 1e9;
	size_t quotes = 0, figures = 0;
	for (int i = 0; i < n; i++) {
		double t0 = seconds();
		struct article *a = article_parse(tf.text, tf.len, "article", &t, err, sizeof err);
		double dt = seconds() - t0;
		if (a == NULL) {
			fprintf(stderr, "%s: %s\n", path, err);
			return 1;
		}
		quotes = a->n_quotes;
		figures = a->n_figures;
		article_free(a);
		best = dt < best ? dt : best;
	}
	printf("%s: %zu bytes parsed in %.3f ms (best of %d; %zu quotes, %zu figures)\n", path, tf.len,
	       best * 1000, n, quotes, figures);
	textfile_free(&tf);
	tables_free(&t);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--time") == 0)
		return time_parse(argv[3], atoi(argv[2]));
	bool pretty = argc > 1 && strcmp(argv[1], "--pretty") == 0;
	if (pretty) {
		argv++;
		argc--;
	}
	if (argc < 2 || argc > 3 || strcmp(argv[1], "--help") == 0) {
		fprintf(stderr, "usage: %s [--pretty] FILE [TABLES_DIR]\n       %s --time N FILE\n",
			argv[0], argv[0]);
		return 2;
	}
	char err[512];
	struct tables t;
	if (tables_load(&t, argc > 2 ? argv[2] : NULL, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	struct textfile tf;
	if (textfile_read(&tf, argv[1], err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		tables_free(&t);
		return 1;
	}
	const char *base = strrchr(argv[1], '/');
	char id[80];
	slug_file_id(base ? base + 1 : argv[1], id, sizeof id);
	struct article *a = article_parse(tf.text, tf.len, id, &t, err, sizeof err);
	textfile_free(&tf);
	if (a == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1], err);
		tables_free(&t);
		return 1;
	}
	size_t len = 0;
	char *doc = article_document(a, &len);
	article_free(a);
	tables_free(&t);
	if (doc == NULL) {
		fprintf(stderr, "%s: out of memory\n", argv[1]);
		return 1;
	}
	int rc = 0;
	if (pretty) {
		json_error_t jerr;
		json_t *j = json_loadb(doc, len, JSON_PRESERVE_ORDER, &jerr);
		rc = j == NULL || json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
		json_decref(j);
	} else {
		rc = fwrite(doc, 1, len, stdout) != len;
	}
	free(doc);
	if (putchar('\n') == EOF || fflush(stdout) != 0 || rc != 0) {
		fprintf(stderr, "articled-parse: cannot write the document\n");
		return 1;
	}
	return 0;
}
