/* list_columns.c - see list_columns.h. */
#include "list_columns.h"

/* clang-format off */
#define PLACE_COLUMNS \
	{"section", "section", NULL, NULL}, {"paragraph", "paragraph", NULL, NULL}, \
	{"start", "start", NULL, NULL}, {"end", "end", NULL, NULL}

const struct list_column columns_sections[] = {
	{"id", "id", NULL, NULL},
	{"index", "index", NULL, NULL},
	{"heading", "heading", NULL, NULL},
	{"paragraphs", "paragraphs", NULL, "\n"},
	{NULL, NULL, NULL, NULL},
};

const struct list_column columns_quotes[] = {
	{"id", "id", NULL, NULL},
	{"kind", "kind", NULL, NULL},
	{"speaker", "speaker", NULL, NULL},
	{"speaker_as_written", "speaker_as_written", NULL, NULL},
	{"speaker_title", "speaker_title", NULL, NULL},
	{"cue", "cue", NULL, NULL},
	{"text", "text", NULL, NULL},
	PLACE_COLUMNS,
	{"question_text", "question", "text", NULL},
	{"question_section", "question", "section", NULL},
	{"question_paragraph", "question", "paragraph", NULL},
	{NULL, NULL, NULL, NULL},
};

#define SPEAKER_COLUMNS \
	{"id", "id", NULL, NULL}, {"name", "name", NULL, NULL}, {"kind", "kind", NULL, NULL}, \
	{"titles", "titles", NULL, NULL}, {"country", "country", NULL, NULL}, \
	{"quotes_direct", "quotes", "direct", NULL}, {"quotes_indirect", "quotes", "indirect", NULL}, \
	{"quote_ids", "quote_ids", NULL, NULL}

const struct list_column columns_speakers[] = {
	SPEAKER_COLUMNS,
	{NULL, NULL, NULL, NULL},
};

const struct list_column columns_speakers_merged[] = {
	{"articles", "articles", NULL, NULL},
	SPEAKER_COLUMNS,
	{NULL, NULL, NULL, NULL},
};

const struct list_column columns_figures[] = {
	{"id", "id", NULL, NULL},
	{"kind", "kind", NULL, NULL},
	{"text", "text", NULL, NULL},
	{"value", "value", NULL, NULL},
	{"value_to", "value_to", NULL, NULL},
	{"unit", "unit", NULL, NULL},
	{"relative", "relative", NULL, NULL},
	{"measure", "measure", NULL, NULL},
	{"change", "change", NULL, NULL},
	{"qualifier", "qualifier", NULL, NULL},
	{"per", "per", NULL, NULL},
	{"period", "period", NULL, NULL},
	{"compared_to", "compared_to", NULL, NULL},
	{"sentence", "sentence", NULL, NULL},
	PLACE_COLUMNS,
	{NULL, NULL, NULL, NULL},
};

const struct list_column columns_reactions[] = {
	{"id", "id", NULL, NULL},
	{"outlet", "outlet", NULL, NULL},
	{"country", "country", NULL, NULL},
	{"outlet_kind", "outlet_kind", NULL, NULL},
	{"text", "text", NULL, NULL},
	{"quote", "quote", NULL, NULL},
	PLACE_COLUMNS,
	{NULL, NULL, NULL, NULL},
};

const struct list_column columns_articles[] = {
	{"id", "id", NULL, NULL},
	{"title", "title", NULL, NULL},
	{"subtitle", "subtitle", NULL, NULL},
	{"counts_sections", "counts", "sections", NULL},
	{"counts_paragraphs", "counts", "paragraphs", NULL},
	{"counts_quotes", "counts", "quotes", NULL},
	{"counts_figures", "counts", "figures", NULL},
	{"counts_reactions", "counts", "reactions", NULL},
	{NULL, NULL, NULL, NULL},
};

const struct list_column columns_search[] = {
	{"section", "section", NULL, NULL},
	{"paragraph", "paragraph", NULL, NULL},
	{"text", "text", NULL, NULL},
	{"match_starts", "matches", "start", NULL},
	{"match_ends", "matches", "end", NULL},
	{"match_terms", "matches", "term", NULL},
	{NULL, NULL, NULL, NULL},
};
/* clang-format on */
