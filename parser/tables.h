/* tables.h - the plain data tables that hold what the parser knows of the
 * world: outlets, countries, currencies, reporting verbs, job titles, ...
 *
 * The tables ship in data/ and are compiled into the binary, so that the
 * binary works alone; --tables DIR reads them from a directory instead (the
 * files missing there keep their built-in contents). Loaded once, never
 * mutated: every parse shares one struct tables.
 */
#ifndef ARTICLED_TABLES_H
#define ARTICLED_TABLES_H

#include <stddef.h>

#include "../text/arena.h"
#include "lexicon.h"

struct tables {
	struct lexicon outlets;        /* name/alias -> canonical name; extra country, extra2 kind */
	struct lexicon countries;      /* name, adjective, alias -> ISO 3166 code */
	struct lexicon languages;      /* language name -> ISO 639-1 code */
	struct lexicon currencies;     /* word or symbol -> ISO 4217 code */
	struct lexicon units;          /* unit word -> symbol */
	struct lexicon numbers;        /* number word -> value; value field: cardinal, scale, multiplier */
	struct lexicon months;         /* month name -> 1..12 */
	struct lexicon relative_dates; /* "last year", "yesterday", ... */
	struct lexicon verbs;          /* reporting verb phrase; extra "object" if "told X that" */
	struct lexicon titles;         /* job titles that stand for a person: "president" */
	struct lexicon outlet_words;   /* "newspaper", "agency", ...; value: kind */
	struct lexicon name_stop;      /* capitalized words that are never part of a person's name */
	struct lexicon abbreviations;  /* "Mr", "Dr": a period after them ends no sentence */
	struct lexicon photo_labels;   /* "photo by": the line gives the photo credit */
	struct lexicon photo_rubrics;  /* "special project": the site's rubric under a photo */
	struct lexicon reaction_headings; /* heading words of a media reactions section */
	struct lexicon adverbs;        /* words between a speaker and the verb: "also", "later" */
	struct lexicon pronouns;       /* he, she, it, ...; value: person or outlet; extra: gender */
	struct lexicon number_names;   /* "project", "No.": the number after them is a name; value "both" if before too */
	struct lexicon function_words; /* "of", "the", "is": never a counted noun */
	struct lexicon count_modifiers; /* "new" in "2,300 new jobs" */
	struct lexicon name_gender;    /* name ending -> gender; extra: which name */
	struct lexicon family_names;   /* "Kim", "Wang": family names that open a name of three words */
	struct lexicon noun_endings;   /* "tion", "ment": a word that ends so is no person's name */
	struct lexicon time_units;     /* "years" in "41 years", "two years ago" -> unit "years" */
	struct lexicon figure_words;   /* value: year-before, not-counted, negative, plural (extra: singular) */
	struct lexicon figure_verbs;   /* "amounted to", "grew", "cheaper" -> level, increase, decrease, change, more, less */
	struct lexicon figure_qualifiers; /* "about", "more than" -> qualifier; extra: before, after, level */
	struct lexicon figure_rates;   /* "per year", "a day", "per capita" -> year, day, person */
	struct lexicon figure_grammar; /* "the", "of", "which", "has" -> det, prep, clause, aux, ...; extra: date role */
	struct lexicon source_phrases; /* "according to", "in the words of" */
	struct lexicon report_by;      /* "was made by": "This forecast was made by X" */
	struct arena arena;            /* owns every string of every lexicon */
};

/* Loads every table, from dir where a file of that name exists there, else
 * the built-in copy. On error returns -1 with a one-line message in err
 * naming the file, the line and what was expected. */
int tables_load(struct tables *t, const char *dir, char *err, size_t errlen);

void tables_free(struct tables *t);

/* The built-in copy of a file of data/ (tables, the shipped article), as
 * compiled in; NULL if there is none. */
const char *tables_builtin(const char *name, size_t *len);

#endif
