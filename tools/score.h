/* score.h - compares the parse of an article with its gold annotation
 * (the format of the shared gold files: title, subtitle, photo, sections,
 * quotes, figures, reactions, related). Used by articled-eval and by the
 * tests.
 *
 * Two sets of matching rules:
 *
 * - SCORE_REFERENCE is the reference scorer's (score.py of the real-page
 *   development set): texts compared without quote marks, case or runs of
 *   white space; a quote matches when the gold speaker is inside the
 *   parsed one and the gold "contains" inside its text; a figure when
 *   kind and value agree, the unit for money and percent, and either text
 *   holds the other; one parsed item may match several gold items.
 * - SCORE_STRICT is what our own gold files are held to: figure texts
 *   equal as written, units of every kind, speakers word by word, and
 *   each parsed item matches one gold item at most.
 *
 * Both count recall over the required gold items, precision over every
 * parsed item, sections exact per article, and the four meta checks.
 */
#ifndef ARTICLED_SCORE_H
#define ARTICLED_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "../parser/tables.h"
#include "score_fields.h"
#include "score_speakers.h"

enum category { CAT_SECTIONS, CAT_QUOTES, CAT_FIGURES, CAT_REACTIONS, CAT_COUNT };
extern const char *const category_names[CAT_COUNT];

enum meta_check { META_TITLE, META_SUBTITLE, META_RELATED, META_PHOTO, META_COUNT };
extern const char *const meta_names[META_COUNT];

enum score_rules { SCORE_STRICT, SCORE_REFERENCE };

struct score {
	size_t gold, found, required, required_found, parsed, parsed_matched;
};

struct gold_result {
	char article[256];        /* the article file the gold names */
	struct score sc[CAT_COUNT];
	bool sections_exact;      /* same sections, headings, counts and first words */
	bool meta[META_COUNT];    /* each meta check right */
	struct field_score fields[FIELD_COUNT]; /* what the figures say (score_fields.h) */
	struct speaker_score speakers;          /* who speaks (score_speakers.h) */
};

/* Parses the article a gold file names (found beside it in ../articles/,
 * in its own directory, by its base name there, or in
 * ../../data/articles/) and scores it. With verbose, what was missed or
 * found beyond the gold goes to stderr. Returns 0, or -1 with a reason in
 * err. */
int score_gold(const char *gold_path, const struct tables *t, enum score_rules rules,
	       bool verbose, struct gold_result *out, char *err, size_t errlen);

/* a / b, or 1 when there is nothing to count. */
double score_ratio(size_t a, size_t b);

#endif
