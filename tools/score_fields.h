/* score_fields.h - scores what gold files say of each figure beyond its
 * value (tests/gold/README.md): measure, change, qualifier, per, value_to,
 * period and compared_to, each on its own. Kept apart from score.c, which
 * decides whether a figure is found at all.
 *
 * A gold figure is paired with the parsed figure of the same kind and text
 * (each parsed figure pairs once). Per field, recall counts the gold
 * figures whose field is not null and whose pair has the same value;
 * precision counts the pairs whose parsed field is not null and equal to
 * the gold's. A gold figure without the field's key (as in gold written
 * before the fields) counts for neither.
 */
#ifndef ARTICLED_SCORE_FIELDS_H
#define ARTICLED_SCORE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "../parser/model.h"

enum figure_field {
	FIELD_MEASURE,
	FIELD_CHANGE,
	FIELD_QUALIFIER,
	FIELD_PER,
	FIELD_VALUE_TO,
	FIELD_PERIOD,
	FIELD_COMPARED_TO,
	FIELD_COUNT
};
extern const char *const figure_field_names[FIELD_COUNT];

struct field_score {
	size_t gold, found;   /* gold figures with the field set; of them, right */
	size_t parsed, right; /* pairs whose parsed field is set; of them, right */
};

/* Scores the figures of a against the gold's "figures" array, adding to
 * out. With verbose, every wrong or missed field goes to stderr, named by
 * file. */
void score_figure_fields(const struct article *a, json_t *gold, struct field_score *out,
			 bool verbose, const char *file);

/* Adds the scores of one file to a total. */
void field_scores_add(struct field_score *total, const struct field_score *one);

/* One line: every field with gold or parsed values, "measure 9/10 found,
 * 9/11 right". Nothing if no field is scored. */
void field_scores_print(FILE *fp, const char *indent, const struct field_score *sc);

#endif
