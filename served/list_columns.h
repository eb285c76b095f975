/* list_columns.h - the columns of each list in CSV: one per member of
 * the item's JSON, in its order; a nested object's members flattened as
 * MEMBER_SUB (speaker_title is already flat, a quote's question becomes
 * question_text, question_section, question_paragraph); a list of values
 * joined with ";" (a section's paragraphs, which are prose with ";" of
 * their own, with a line break); each value as JSON writes it, strings
 * without their quotes, null as an empty field. The README's table of
 * columns is this file's.
 */
#ifndef ARTICLED_LIST_COLUMNS_H
#define ARTICLED_LIST_COLUMNS_H

#include <stddef.h>

struct list_column {
	const char *name;   /* the header */
	const char *member; /* the item's member it comes from */
	const char *sub;    /* of an object: its member; of a list of objects: each one's */
	const char *join;   /* between the values of a list; NULL: ";" */
};

/* Each table ends with a NULL name. */
extern const struct list_column columns_sections[];
extern const struct list_column columns_quotes[];
extern const struct list_column columns_speakers[];
/* A speaker across articles (article=): the articles that quote them first. */
extern const struct list_column columns_speakers_merged[];
extern const struct list_column columns_figures[];
extern const struct list_column columns_reactions[];
extern const struct list_column columns_articles[];
extern const struct list_column columns_search[];

#endif
