/* score_speakers.h - scores an article's speakers against the "speakers"
 * of its gold file (tests/gold/README.md): who speaks, as what kind, with
 * which titles, from which country (an outlet's), in the order they first
 * speak. Kept apart from score.c, which scores the quotes themselves.
 *
 * A gold speaker is paired with the parsed speaker of the same name
 * (compared without case or runs of white space; each parsed speaker
 * pairs once). The pair is right when kind, country and titles agree
 * (the titles as a list, in order, each compared as the name is).
 * Recall counts the required gold speakers whose pair is right;
 * precision the parsed speakers that are paired and right. A gold file
 * without "speakers" (as the real-page gold is) is not scored.
 */
#ifndef ARTICLED_SCORE_SPEAKERS_H
#define ARTICLED_SCORE_SPEAKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "../parser/model.h"

struct speaker_score {
	bool scored;            /* the gold has "speakers" */
	size_t required, found; /* required gold speakers; of them, paired and right */
	size_t parsed, right;   /* parsed speakers; of them, paired and right */
	bool in_order;          /* the pairs stand in the gold's order */
	char list[4096];        /* the parsed speakers, as speaker_list_print says them */
};

/* Scores the speakers of a against the gold's "speakers" array (NULL:
 * not scored) into out. With verbose, every speaker missed, wrong or
 * found beyond the gold goes to stderr, named by file. */
void score_speakers(const struct article *a, json_t *gold, struct speaker_score *out,
		    bool verbose, const char *file);

/* Adds one file's scores to a total (in_order: all in order). */
void speaker_scores_add(struct speaker_score *total, const struct speaker_score *one);

/* One line: "speakers 8/8 found, 8/8 right: Pavel Lebedev (person,
 * regional governor), The Daily Courier (outlet, GB), ..."; nothing if the file
 * is not scored. */
void speaker_scores_print(FILE *fp, const char *indent, const struct speaker_score *sc);

#endif
