/* score.h - compares the parse of an article with its gold annotation
 * (tests/gold/README.md for the format): recall and precision per
 * category. Used by articled-eval and by the tests. */
#ifndef ARTICLED_SCORE_H
#define ARTICLED_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "../parser/tables.h"
#include "score_fields.h"

enum category { CAT_SECTIONS, CAT_QUOTES, CAT_FIGURES, CAT_REACTIONS, CAT_COUNT };
extern const char *const category_names[CAT_COUNT];

struct score {
	size_t gold, found, required, required_found, parsed, parsed_matched;
};

struct gold_result {
	char article[256];        /* the article file the gold names */
	struct score sc[CAT_COUNT];
	struct field_score fields[FIELD_COUNT]; /* what the figures say (score_fields.h) */
};

/* Parses the article a gold file names (found beside it in ../articles/,
 * in its own directory, or in ../../data/articles/) and scores it. With
 * verbose, what was missed or found beyond the gold goes to stderr.
 * Returns 0, or -1 with a reason in err. */
int score_gold(const char *gold_path, const struct tables *t, bool verbose, struct gold_result *out,
	       char *err, size_t errlen);

/* a / b, or 1 when there is nothing to count. */
double score_ratio(size_t a, size_t b);

#endif
