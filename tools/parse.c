/* parse.c - prints the parse of an article as JSON: articled-parse FILE.
 * A tool for people working on the parser and for the evaluation. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "../parser/article.h"
#include "../parser/model_json.h"
#include "../parser/textfile.h"

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fprintf(stderr, "usage: %s FILE [TABLES_DIR]\n", argv[0]);
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
	struct article *a = article_parse(tf.text, tf.len, "article", &t, err, sizeof err);
	textfile_free(&tf);
	if (a == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1], err);
		tables_free(&t);
		return 1;
	}
	json_t *j = article_full_json(a);
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
	putchar('\n');
	json_decref(j);
	article_free(a);
	tables_free(&t);
	return 0;
}
