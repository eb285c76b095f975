/* model.h - the parsed article: what the API serves.
 *
 * Built once by article_parse() and never mutated afterwards, so any number
 * of threads may read it without locks. Every string and array belongs to
 * the article's arena and is freed by article_free(). Offsets (start, end)
 * are in Unicode code points within the paragraph they refer to, end
 * exclusive, as frontends index strings.
 *
 * A served article's model is moved into one block by article_compact(),
 * which copies each pointer member by name: a pointer member added here
 * must be added there too (article_compact.c, walk), or it would point
 * into the arena that compacting frees.
 */
#ifndef ARTICLED_MODEL_H
#define ARTICLED_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../text/arena.h"

struct paragraph {
	const char *text; /* normalized: single spaces, no stray line breaks */
	size_t len;       /* bytes */
};

struct section {
	const char *id;      /* slug of the heading, "intro" for the untitled start */
	const char *heading; /* NULL for the intro */
	struct paragraph *paragraphs;
	size_t n_paragraphs;
	bool reactions; /* collects media reactions (by heading or by content) */
};

/* Where an extracted item sits: section and paragraph indexes, code point
 * span. 32 bits: an article's text is far smaller than 4 GB (textfile.h
 * refuses more than 64 MB), and an archive keeps its items by the
 * hundred thousand. */
struct place {
	uint32_t section, paragraph;
	uint32_t start, end;
};

enum quote_kind { QUOTE_DIRECT, QUOTE_INDIRECT };

/* Who a speaker is: a person (named, or known only by a title: "the
 * governor"), an organization that speaks as one ("the press service of
 * the Ministry of Labor"), or a media outlet. */
enum speaker_type { SPEAKER_PERSON, SPEAKER_ORGANIZATION, SPEAKER_OUTLET, SPEAKER_TYPE_COUNT };

/* Room for a speaker's id: a slug of at most 64 bytes and "-N". */
enum { SPEAKER_ID_MAX = 88 };

/* Everyone the article quotes or reports (speaker_list.c), in the order
 * they first speak. Someone only mentioned is none, nor the publisher
 * citing itself. */
struct speaker {
	char id[SPEAKER_ID_MAX]; /* slug of the name ("vladimir-putin"), "-2" after a taken one */
	enum speaker_type type;
	const char *name;         /* the quotes' speaker: fullest name, outlet, or title as written */
	const char **titles;      /* every title the article gives a person, first given first */
	size_t n_titles;
	const char *country;      /* an outlet's ISO 3166-1 code, NULL if unknown or no outlet */
	size_t n_direct, n_indirect;
	const size_t *quotes;     /* indexes in the article's quotes, in order */
	size_t n_quotes;
};

struct quote {
	/* (The small members first, together: an archive holds many.) */
	char id[24];              /* "q1", "q2", ... in order of appearance */
	enum quote_kind kind;
	bool speaker_is_outlet;
	const char *speaker;      /* fullest name the article gives; NULL if unresolved */
	const char *speaker_as_written; /* as the sentence said it: "Petrov", "he" */
	const char *speaker_title;      /* job title the article gives the speaker, or NULL */
	const char *speaker_country; /* an outlet's ISO country, when known */
	const char *speaker_kind;    /* an outlet's kind: agency, newspaper, ... */
	const struct speaker *speaker_of; /* the article's speaker it links to, or NULL */
	const char *cue;          /* the reporting verb: "said", "told reporters"; NULL if none */
	const char *text;         /* cleaned of stray marks and spacing */
	struct place at;
	const char *question;     /* an interview's answer: the question it answers; else NULL */
	struct place question_at; /* that question's section and paragraph */
};

enum figure_kind {
	FIGURE_PERCENT,
	FIGURE_MONEY,
	FIGURE_DATE,
	FIGURE_COUNT,
	FIGURE_QUANTITY,
	FIGURE_MULTIPLIER,
	FIGURE_KIND_COUNT
};

/* A figure that is the size of a change ("grew by 27%", "4% less than last
 * year") says which way; a level ("rose to 40 thousand") is no change. */
enum figure_change { FIGURE_NO_CHANGE, FIGURE_INCREASE, FIGURE_DECREASE };

struct figure {
	/* (The small members first, together: an archive holds many.) */
	char id[24];
	enum figure_kind kind;
	enum figure_change change; /* what the sentence says (figure_context.c) */
	bool range;           /* "1,5-2 thousand", "between 18 and 35", "2019-2021" */
	bool relative;        /* a date such as "last year": value null */
	const char *text;     /* exact surface text */
	double number;        /* value of every kind but date; a range's lower bound */
	double number_to;     /* a range's upper bound (value_to) */
	const char *date;     /* value of a date: "2019-12-22", "2022-12", "2024"; NULL if relative */
	const char *date_to;  /* a range of years' upper end ("2021" of "2019-2021") */
	const char *unit;     /* "%", ISO 4217 code, counted noun, unit symbol; NULL */
	/* What the sentence says the figure is (figure_context.c): */
	const char *measure;  /* the noun phrase it is the size of; NULL if none is named */
	const char *qualifier; /* "about", "more_than", "less_than", "up_to", "at_least"; NULL */
	const char *per;      /* a rate's unit: "year", "day", "person", "truck"; NULL */
	const struct figure *period;      /* the date figure it refers to, or NULL */
	const struct figure *compared_to; /* the date figure it is compared with, or NULL */
	struct place at;
	/* The sentence it occurs in (cut to about a thousand bytes around it
	 * when longer): bytes [sentence_start, sentence_start + sentence_len)
	 * of the paragraph of `at`, not a copy (figure_sentence()). */
	uint32_t sentence_start, sentence_len;
};

struct reaction {
	char id[24];
	const char *outlet;  /* without a leading "The" */
	const char *country; /* ISO 3166-1 alpha-2, NULL if unknown */
	const char *outlet_kind; /* agency, newspaper, ...; NULL if unknown */
	const char *text;    /* what the outlet said */
	const char *quote;   /* id of the quote it comes from */
	struct place at;
};

struct photo {
	const char *caption; /* NULL if none */
	const char *credit;  /* NULL if the credit line is empty */
};

struct source {
	const char *publisher;   /* NULL if the article has no header */
	const char *language;    /* ISO 639-1 of the original, NULL if not said */
	const char *translation; /* "machine", "human", or NULL */
};

struct article {
	const char *id;    /* slug given by the caller (file name) */
	struct source source;
	const char *title; /* never NULL for a parsed article */
	const char *subtitle;
	const char *lede;  /* first body paragraph, NULL if none */
	struct photo *photo; /* NULL if the article has none */
	const char **related;
	size_t n_related;
	struct section *sections;
	size_t n_sections;
	size_t n_paragraphs;
	struct quote *quotes;
	size_t n_quotes;
	struct speaker *speakers;
	size_t n_speakers;
	struct figure *figures;
	size_t n_figures;
	struct reaction *reactions;
	size_t n_reactions;
	struct arena arena; /* owns everything above */
};

const char *figure_kind_name(enum figure_kind k);
/* FIGURE_KIND_COUNT if name is not a kind. */
enum figure_kind figure_kind_from_name(const char *name);
const char *quote_kind_name(enum quote_kind k);
/* "person", "organization", "outlet"; SPEAKER_TYPE_COUNT for another name. */
const char *speaker_type_name(enum speaker_type t);
enum speaker_type speaker_type_from_name(const char *name);
/* "increase", "decrease", or NULL for FIGURE_NO_CHANGE. */
const char *figure_change_name(enum figure_change c);

/* The sentence of figure f of article a: its first byte, and its length
 * in *len (not NUL-terminated: a part of the paragraph). */
static inline const char *figure_sentence(const struct article *a, const struct figure *f,
					  size_t *len)
{
	*len = f->sentence_len;
	return a->sections[f->at.section].paragraphs[f->at.paragraph].text + f->sentence_start;
}

#endif
