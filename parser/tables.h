/* tables.h - the plain data tables that hold what the parser knows of the
 * world (outlets, countries, currencies, reporting verbs, job titles, ...)
 * and the words its rules look for ("of", "was", "translat", "-fold").
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
#include "key_ends.h"
#include "lexicon.h"
#include "token_index.h"

/* ---- The fixed values of the tables' columns ----
 * The loader parses each such column into its entries' tag (lexicon.h:
 * value_tag for the value column, extra_tag, extra2_tag) and refuses any
 * other value, naming the file and the line. tables.c spells the values,
 * in the order of these enums; an empty or missing optional column is the
 * first (0). A column that holds a set of values, comma-separated, gives
 * a mask of the bits of its enum ("(a set)" below). */

/* outlets.tsv and outlet_words.tsv: kind. */
enum outlet_kind {
	OUTLET_AGENCY, OUTLET_NEWSPAPER, OUTLET_BROADCASTER, OUTLET_ONLINE, OUTLET_MAGAZINE,
};

/* numbers.tsv: kind (numbers.h says what each is to the number grammar). */
enum number_kind {
	NUMBER_CARDINAL, NUMBER_SCALE, NUMBER_MULTIPLIER, NUMBER_ARTICLE, NUMBER_FRACTION,
};

/* reporting_verbs.tsv: takes (a set). */
enum verb_takes {
	TAKES_OBJECT = 1u << 0, /* an addressee before "that": "told reporters that" */
	TAKES_PLURAL = 1u << 1, /* a plural subject, which is no speaker: "experts believe" */
	TAKES_RELAY = 1u << 2,  /* the one after it speaks: "TASS quotes the governor as saying" */
	TAKES_OUTLET = 1u << 3, /* the press's: a cue that begins with it is an outlet's ("wrote") */
};

/* titles.txt: class, open to any word; these are the ones the rules know. */
enum title_class {
	TITLE_CLASS_OTHER,
	TITLE_CLASS_BODY, /* an institution's voice ("the press service"), never a person */
};

/* pronouns.tsv: refers to; its third column is a gender (extra_tag) for a
 * person, an outlet kind (extra, as written) for an outlet. */
enum pronoun_refers { PRONOUN_PERSON, PRONOUN_OUTLET, PRONOUN_ADDRESSEE };

/* name_gender.tsv: gender, and pronouns.tsv's for persons. */
enum gender { GENDER_UNKNOWN, GENDER_MALE, GENDER_FEMALE };

/* name_gender.tsv: part, the word of a name an ending is read on. */
enum name_part { NAME_PATRONYMIC, NAME_SURNAME, NAME_GIVEN };

/* number_names.txt: which numbers the word names. */
enum number_name_side {
	NAMES_NUMBER_AFTER, /* the number after it ("project 22220"), the default */
	NAMES_NUMBER_BOTH,  /* and the one before it ("the 70 number") */
};

/* time_units.txt: unit, the unit a span of time is given in. */
enum time_unit {
	TIME_YEARS, TIME_MONTHS, TIME_WEEKS, TIME_DAYS, TIME_HOURS, TIME_MINUTES, TIME_SECONDS,
	TIME_DECADES,
};

/* figure_words.tsv: role (a set). */
enum figure_word_role {
	FIGWORD_YEAR_BEFORE = 1u << 0, /* a bare year after it is a date: "in 2019 companies" */
	FIGWORD_NOT_COUNTED = 1u << 1, /* never the noun a number counts: "54 out of 120" */
	FIGWORD_NEGATIVE = 1u << 2,    /* the amount after it is negative: "minus 45 degrees" */
	FIGWORD_PLURAL = 1u << 3,      /* an irregular plural; extra: its singular */
	FIGWORD_YEAR_AFTER = 1u << 4,  /* part of the date after a year: "2017 year" */
	FIGWORD_AGO = 1u << 5,         /* a span before it is a date: "two years ago" */
	FIGWORD_AGE = 1u << 6,         /* part of a span of years before it: "41 years old" */
	FIGWORD_MULTIPLIER = 1u << 7,  /* a number before it is a multiplier: "3 times" */
	FIGWORD_GLUED_MULTIPLIER = 1u << 8, /* the same glued by a hyphen: "2.5-fold" */
};

/* figure_verbs.tsv: role. */
enum figure_verb_role {
	FIGVERB_LEVEL, FIGVERB_INCREASE, FIGVERB_DECREASE, FIGVERB_CHANGE, FIGVERB_MORE,
	FIGVERB_LESS, FIGVERB_DURATION, FIGVERB_BRING,
};

/* figure_qualifiers.tsv: qualifier (as the API names it), and where. */
enum qualifier { QUALIFIER_ABOUT, QUALIFIER_MORE_THAN, QUALIFIER_LESS_THAN, QUALIFIER_UP_TO,
	QUALIFIER_AT_LEAST };
enum qualifier_place { QUALIFIER_BEFORE, QUALIFIER_AFTER, QUALIFIER_LEVEL, QUALIFIER_NOT_SPAN };

/* figure_rates.tsv: clause. */
enum rate_reach {
	RATE_AFTER_FIGURE, /* right after the figure only, the default */
	RATE_ENDS_CLAUSE,  /* or ending the figure's clause: "... land there every day" */
};

/* figure_grammar.tsv: class (a set), and date. */
enum grammar_class {
	GRAM_DET = 1u << 0, GRAM_PREP = 1u << 1, GRAM_TIME_PREP = 1u << 2, GRAM_CLAUSE = 1u << 3,
	GRAM_AUX = 1u << 4, GRAM_VERB = 1u << 5, GRAM_ADVERB = 1u << 6, GRAM_NEGATION = 1u << 7,
	GRAM_PRONOUN = 1u << 8, GRAM_GLUE = 1u << 9, GRAM_PREP_PHRASE = 1u << 10,
	GRAM_BASE = 1u << 11, GRAM_DIMENSION = 1u << 12, GRAM_TIME = 1u << 13,
	GRAM_TIME_ORDER = 1u << 14, GRAM_NOUN_PREP = 1u << 15, GRAM_RELATIVE = 1u << 16,
	GRAM_CONTRAST = 1u << 17, GRAM_ANAPHOR = 1u << 18, GRAM_JOINS = 1u << 19,
	GRAM_CLAUSE_JOIN = 1u << 20,
};
enum grammar_date { GRAM_DATE_NONE, GRAM_DATE_SINCE, GRAM_DATE_DEADLINE };

/* speech_grammar.tsv: class (a set). */
enum speech_class {
	SPEECH_CONNECTOR = 1u << 0, SPEECH_PREPOSITION = 1u << 1, SPEECH_DETERMINER = 1u << 2,
	SPEECH_TITLE_OF = 1u << 3, SPEECH_TITLE_WHERE = 1u << 4, SPEECH_CIRCUMSTANCE = 1u << 5,
	SPEECH_PASSIVE = 1u << 6, SPEECH_OPENER = 1u << 7, SPEECH_RELAY = 1u << 8,
	SPEECH_SECOND_PERSON = 1u << 9, SPEECH_CONJUNCTION = 1u << 10,
};

/* disclaimer.tsv: says. */
enum disclaimer_says { SAYS_TRANSLATED, SAYS_NOT_RESPONSIBLE, SAYS_ORIGINAL, SAYS_MACHINE };

/* The name of a value of one of these enums as its table spells it (for a
 * qualifier, as the API does): "at_least". Static storage. */
const char *qualifier_name(enum qualifier q);

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
	struct lexicon outlet_name_words; /* "Herald", "Shimbun": what a newspaper's name ends with */
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
	struct lexicon speech_grammar; /* "of", "the", "was", "you" -> connector, determiner, ... */
	struct lexicon deputy_words;   /* "deputy", "vice": a role that begins so is not the chief */
	struct lexicon adjective_endings; /* "al", "ic": a word that ends so may be an adjective */
	struct lexicon disclaimer;     /* "translat", "is not responsible" -> what the disclaimer says */
	/* The first token and the whole key of every key of every table above,
	 * with the bits of the tables that have it (token_index.h):
	 * tokens_split looks each token up here once, and a matcher then knows
	 * without a lookup that a table has no key starting there or equal to
	 * the token, as most have not. */
	struct token_index token_index;
	/* The verbs of the press (TAKES_OUTLET), as written in their table:
	 * the few that a cue is compared with, without walking every verb. */
	const char **outlet_verbs;
	size_t n_outlet_verbs;
	/* How the keys end (key_ends.h) of the tables that rules read
	 * backwards from a word, or of the part of one that a rule looks
	 * for: they say no to most words at once. */
	struct key_ends figure_verbs_ends;
	struct key_ends figure_qualifiers_ends;
	struct key_ends grammar_base_ends; /* figure_grammar's keys of class base */
	struct key_ends grammar_lead_ends; /* ... of class glue or prep-phrase */
	struct key_ends negative_word_ends; /* figure_words' keys of role negative */
	struct key_ends noun_endings_ends;
	struct key_ends name_gender_ends;
	/* The first word of each key of photo_labels (up to its first space),
	 * a bit for the low byte of its hash_bytes: a line whose first word
	 * folds to none of them opens with no label (layout.c). */
	uint64_t photo_label_firsts[4];
	struct arena arena;            /* owns every string of every lexicon */
};

/* The words that open a range of figures ("from 2017 to 2019", "between
 * 18 and 35"), which the figure readers test by their text: tables_load
 * marks them in the token index (TOKEN_MARK_FIGURE_WORD), as it marks
 * figure_words' negative words. NULL ends the list. */
extern const char *const figure_range_words[];

/* Loads every table, from dir where a file of that name exists there, else
 * the built-in copy. On error returns -1 with a one-line message in err
 * naming the file, the line and what was expected. */
int tables_load(struct tables *t, const char *dir, char *err, size_t errlen);

void tables_free(struct tables *t);

/* The built-in copy of a file of data/ (tables, the shipped article), as
 * compiled in; NULL if there is none. */
const char *tables_builtin(const char *name, size_t *len);

#endif
