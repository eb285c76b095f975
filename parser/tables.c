/* tables.c - see tables.h. */
#include "tables.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/textfile.h"
#include "tokens.h"

/* The built-in copies, from builtin_tables.S. */
#define EMBEDDED(sym) extern const char sym[], sym##_end[]
EMBEDDED(data_outlets);
EMBEDDED(data_countries);
EMBEDDED(data_languages);
EMBEDDED(data_currencies);
EMBEDDED(data_units);
EMBEDDED(data_numbers);
EMBEDDED(data_months);
EMBEDDED(data_relative_dates);
EMBEDDED(data_verbs);
EMBEDDED(data_titles);
EMBEDDED(data_outlet_words);
EMBEDDED(data_name_stop);
EMBEDDED(data_outlet_name_words);
EMBEDDED(data_abbreviations);
EMBEDDED(data_photo_labels);
EMBEDDED(data_photo_rubrics);
EMBEDDED(data_reaction_headings);
EMBEDDED(data_adverbs);
EMBEDDED(data_pronouns);
EMBEDDED(data_number_names);
EMBEDDED(data_function_words);
EMBEDDED(data_count_modifiers);
EMBEDDED(data_name_gender);
EMBEDDED(data_family_names);
EMBEDDED(data_noun_endings);
EMBEDDED(data_time_units);
EMBEDDED(data_figure_words);
EMBEDDED(data_figure_verbs);
EMBEDDED(data_figure_qualifiers);
EMBEDDED(data_figure_rates);
EMBEDDED(data_figure_grammar);
EMBEDDED(data_source_phrases);
EMBEDDED(data_report_by);
EMBEDDED(data_disclaimer);
EMBEDDED(data_speech_grammar);
EMBEDDED(data_deputy_words);
EMBEDDED(data_adjective_endings);
EMBEDDED(data_article);

enum { NO_COL = -1 };

/* The values a column may hold. */
struct column_values {
	const char *what;         /* the column's name, for messages */
	const char *const *names; /* index = tag; "" first: the tag of an empty column */
	size_t n;
	enum { ONE_OF, SET_OF, OPEN } how; /* OPEN: any value, the names known ones */
	/* Or, without names: a shape every value must have, and its words. */
	bool (*shape)(const char *v);
	const char *shape_words;
};

#define COUNT(a) (sizeof a / sizeof a[0])
#define NAMES(a) a, COUNT(a)

static const char *const outlet_kinds[] = {"agency", "newspaper", "broadcaster", "online",
					   "magazine"};
static const char *const number_kinds[] = {"cardinal", "scale", "multiplier", "article",
					   "fraction"};
static const char *const verb_takes[] = {"object", "plural", "relay", "outlet"};
static const char *const title_classes[] = {"", "body"};
static const char *const pronoun_refers[] = {"person", "outlet", "addressee"};
static const char *const genders[] = {"", "male", "female"};
static const char *const name_parts[] = {"patronymic", "surname", "given"};
static const char *const number_name_sides[] = {"", "both"};
static const char *const time_units[] = {"years", "months", "weeks", "days", "hours",
					 "minutes", "seconds", "decades"};
static const char *const figure_word_roles[] = {
	"year-before", "not-counted", "negative", "plural", "year-after", "ago", "age",
	"multiplier",  "glued-multiplier"};
static const char *const figure_verb_roles[] = {"level", "increase", "decrease", "change",
						"more", "less", "duration", "bring"};
static const char *const qualifiers[] = {"about", "more_than", "less_than", "up_to", "at_least"};
static const char *const qualifier_places[] = {"before", "after", "level", "not-span"};
static const char *const rate_reaches[] = {"", "clause"};
static const char *const grammar_classes[] = {
	"det",  "prep",    "time-prep", "clause",      "aux",  "verb", "adverb",    "negation",
	"pronoun", "glue", "prep-phrase", "base",      "dimension", "time", "time-order",
	"noun-prep", "relative", "contrast", "anaphor", "joins", "clause-join"};
static const char *const grammar_dates[] = {"", "since", "deadline"};
static const char *const speech_classes[] = {
	"connector",    "preposition", "determiner", "title-of",     "title-where",
	"circumstance", "passive",     "opener",     "relay",        "second-person",
	"conjunction"};
static const char *const disclaimer_says[] = {"translated", "not-responsible", "original",
					      "machine"};

/* The names above spell the enums of tables.h in their order: one name a
 * value, one a bit for the sets. */
_Static_assert(COUNT(outlet_kinds) == OUTLET_MAGAZINE + 1, "outlet_kinds");
_Static_assert(COUNT(number_kinds) == NUMBER_FRACTION + 1, "number_kinds");
_Static_assert(1u << (COUNT(verb_takes) - 1) == TAKES_OUTLET, "verb_takes");
_Static_assert(COUNT(title_classes) == TITLE_CLASS_BODY + 1, "title_classes");
_Static_assert(COUNT(pronoun_refers) == PRONOUN_ADDRESSEE + 1, "pronoun_refers");
_Static_assert(COUNT(genders) == GENDER_FEMALE + 1, "genders");
_Static_assert(COUNT(name_parts) == NAME_GIVEN + 1, "name_parts");
_Static_assert(COUNT(number_name_sides) == NAMES_NUMBER_BOTH + 1, "number_name_sides");
_Static_assert(COUNT(time_units) == TIME_DECADES + 1, "time_units");
_Static_assert(1u << (COUNT(figure_word_roles) - 1) == FIGWORD_GLUED_MULTIPLIER,
	       "figure_word_roles");
_Static_assert(COUNT(figure_verb_roles) == FIGVERB_BRING + 1, "figure_verb_roles");
_Static_assert(COUNT(qualifiers) == QUALIFIER_AT_LEAST + 1, "qualifiers");
_Static_assert(COUNT(qualifier_places) == QUALIFIER_NOT_SPAN + 1, "qualifier_places");
_Static_assert(COUNT(rate_reaches) == RATE_ENDS_CLAUSE + 1, "rate_reaches");
_Static_assert(1u << (COUNT(grammar_classes) - 1) == GRAM_CLAUSE_JOIN, "grammar_classes");
_Static_assert(COUNT(grammar_dates) == GRAM_DATE_DEADLINE + 1, "grammar_dates");
_Static_assert(1u << (COUNT(speech_classes) - 1) == SPEECH_CONJUNCTION, "speech_classes");
_Static_assert(COUNT(disclaimer_says) == SAYS_MACHINE + 1, "disclaimer_says");

static bool all_of(const char *v, size_t len, int (*is)(int))
{
	if (strlen(v) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is((unsigned char)v[i]))
			return false;
	return true;
}

static bool alpha2_upper(const char *v)
{
	return all_of(v, 2, isupper);
}

static bool alpha2_lower(const char *v)
{
	return all_of(v, 2, islower);
}

static bool alpha3_upper(const char *v)
{
	return all_of(v, 3, isupper);
}

static const struct column_values
	OUTLET_KIND = {"kind", NAMES(outlet_kinds), ONE_OF, NULL, NULL},
	NUMBER_KIND = {"kind", NAMES(number_kinds), ONE_OF, NULL, NULL},
	VERB_TAKES = {"takes", NAMES(verb_takes), SET_OF, NULL, NULL},
	TITLE_CLASS = {"class", NAMES(title_classes), OPEN, NULL, NULL},
	PRONOUN_REFERS = {"refers to", NAMES(pronoun_refers), ONE_OF, NULL, NULL},
	GENDER = {"gender", NAMES(genders), ONE_OF, NULL, NULL},
	NAME_PART = {"part", NAMES(name_parts), ONE_OF, NULL, NULL},
	NUMBER_NAME_SIDE = {"position", NAMES(number_name_sides), ONE_OF, NULL, NULL},
	TIME_UNIT = {"unit", NAMES(time_units), ONE_OF, NULL, NULL},
	FIGURE_WORD_ROLE = {"role", NAMES(figure_word_roles), SET_OF, NULL, NULL},
	FIGURE_VERB_ROLE = {"role", NAMES(figure_verb_roles), ONE_OF, NULL, NULL},
	QUALIFIER = {"qualifier", NAMES(qualifiers), ONE_OF, NULL, NULL},
	QUALIFIER_PLACE = {"where", NAMES(qualifier_places), ONE_OF, NULL, NULL},
	RATE_REACH = {"clause", NAMES(rate_reaches), ONE_OF, NULL, NULL},
	GRAMMAR_CLASS = {"class", NAMES(grammar_classes), SET_OF, NULL, NULL},
	GRAMMAR_DATE = {"date", NAMES(grammar_dates), ONE_OF, NULL, NULL},
	SPEECH_CLASS = {"class", NAMES(speech_classes), SET_OF, NULL, NULL},
	DISCLAIMER_SAYS = {"says", NAMES(disclaimer_says), ONE_OF, NULL, NULL},
	COUNTRY_CODE = {"country", NULL, 0, OPEN, alpha2_upper,
			"an ISO 3166-1 code, two capital letters"},
	LANGUAGE_CODE = {"code", NULL, 0, OPEN, alpha2_lower,
			 "an ISO 639-1 code, two small letters"},
	CURRENCY_CODE = {"code", NULL, 0, OPEN, alpha3_upper,
			 "an ISO 4217 code, three capital letters"};

const char *qualifier_name(enum qualifier q)
{
	return (size_t)q < COUNT(qualifiers) ? qualifiers[q] : "";
}

/* A check of a whole line beyond its columns' values, which may set tags
 * of its own: a message in why when it fails. */
typedef bool line_check(struct lex_entry *m, char *why, size_t cap);

static line_check pronoun_line;

/* How one file becomes one lexicon: which column holds the phrase, which
 * holds comma-separated aliases of it, which the value and extras, and
 * which of those hold a fixed set of values. */
struct table_spec {
	const char *file;
	const char *columns; /* for error messages */
	size_t lexicon_offset;
	int min_cols, max_cols;
	int key_col, alias_col, value_col, extra_col, extra2_col, number_col;
	const struct column_values *value_values, *extra_values, *extra2_values;
	double number_min, number_max; /* where number_col is set */
	const char *number_range;      /* the same in words */
	line_check *check;
	const char *start, *end;
};

#define LX(field) .lexicon_offset = offsetof(struct tables, field)
#define EMB(sym) .start = sym, .end = sym##_end
#define NO_EXTRAS .extra_col = NO_COL, .extra2_col = NO_COL, .number_col = NO_COL

/* A list of phrases, one a line. */
#define WORD_LIST(name, column, field, sym)                                              \
	{.file = name, .columns = column, LX(field), .min_cols = 1, .max_cols = 1, .key_col = 0, \
	 .alias_col = NO_COL, .value_col = 0, NO_EXTRAS, EMB(sym)}

static const struct table_spec specs[] = {
	{.file = "outlets.tsv", .columns = "name, aliases, country, kind", LX(outlets),
	 .min_cols = 4, .max_cols = 4, .key_col = 0, .alias_col = 1, .value_col = 0, .extra_col = 2,
	 .extra2_col = 3, .number_col = NO_COL, .extra_values = &COUNTRY_CODE,
	 .extra2_values = &OUTLET_KIND, EMB(data_outlets)},
	{.file = "countries.tsv", .columns = "code, names", LX(countries), .min_cols = 2,
	 .max_cols = 2, .key_col = 1, .alias_col = NO_COL, .value_col = 0, NO_EXTRAS,
	 .value_values = &COUNTRY_CODE, EMB(data_countries)},
	{.file = "languages.tsv", .columns = "code, names", LX(languages), .min_cols = 2,
	 .max_cols = 2, .key_col = 1, .alias_col = NO_COL, .value_col = 0, NO_EXTRAS,
	 .value_values = &LANGUAGE_CODE, EMB(data_languages)},
	{.file = "currencies.tsv", .columns = "phrase, code", LX(currencies), .min_cols = 2,
	 .max_cols = 2, .key_col = 0, .alias_col = NO_COL, .value_col = 1, NO_EXTRAS,
	 .value_values = &CURRENCY_CODE, EMB(data_currencies)},
	{.file = "units.tsv", .columns = "phrase, symbol", LX(units), .min_cols = 2, .max_cols = 2,
	 .key_col = 0, .alias_col = NO_COL, .value_col = 1, NO_EXTRAS, EMB(data_units)},
	{.file = "numbers.tsv", .columns = "word, value, kind", LX(numbers), .min_cols = 3,
	 .max_cols = 3, .key_col = 0, .alias_col = NO_COL, .value_col = 2, .extra_col = NO_COL,
	 .extra2_col = NO_COL, .number_col = 1, .value_values = &NUMBER_KIND,
	 .number_min = 0, .number_max = DBL_MAX, .number_range = "0 or more", EMB(data_numbers)},
	{.file = "months.tsv", .columns = "name, number", LX(months), .min_cols = 2, .max_cols = 2,
	 .key_col = 0, .alias_col = NO_COL, .value_col = 0, .extra_col = NO_COL,
	 .extra2_col = NO_COL, .number_col = 1, .number_min = 1, .number_max = 12,
	 .number_range = "1 to 12", EMB(data_months)},
	WORD_LIST("relative_dates.txt", "phrase", relative_dates, data_relative_dates),
	{.file = "reporting_verbs.tsv", .columns = "phrase, takes", LX(verbs), .min_cols = 1,
	 .max_cols = 2, .key_col = 0, .alias_col = NO_COL, .value_col = 0, .extra_col = 1,
	 .extra2_col = NO_COL, .number_col = NO_COL, .extra_values = &VERB_TAKES, EMB(data_verbs)},
	{.file = "titles.txt", .columns = "title, role, class", LX(titles), .min_cols = 1,
	 .max_cols = 3, .key_col = 0, .alias_col = NO_COL, .value_col = 1, .extra_col = 2,
	 .extra2_col = NO_COL, .number_col = NO_COL, .extra_values = &TITLE_CLASS,
	 EMB(data_titles)},
	{.file = "outlet_words.tsv", .columns = "word, kind", LX(outlet_words), .min_cols = 2,
	 .max_cols = 2, .key_col = 0, .alias_col = NO_COL, .value_col = 1, NO_EXTRAS,
	 .value_values = &OUTLET_KIND, EMB(data_outlet_words)},
	WORD_LIST("name_stopwords.txt", "word", name_stop, data_name_stop),
	WORD_LIST("outlet_name_words.txt", "word", outlet_name_words, data_outlet_name_words),
	WORD_LIST("abbreviations.txt", "abbreviation", abbreviations, data_abbreviations),
	WORD_LIST("photo_labels.txt", "label", photo_labels, data_photo_labels),
	WORD_LIST("photo_rubrics.txt", "phrase", photo_rubrics, data_photo_rubrics),
	WORD_LIST("reaction_headings.txt", "phrase", reaction_headings, data_reaction_headings),
	WORD_LIST("speech_adverbs.txt", "word", adverbs, data_adverbs),
	{.file = "pronouns.tsv", .columns = "pronoun, refers to, gender or kind", LX(pronouns),
	 .min_cols = 2, .max_cols = 3, .key_col = 0, .alias_col = NO_COL, .value_col = 1,
	 .extra_col = 2, .extra2_col = NO_COL, .number_col = NO_COL,
	 .value_values = &PRONOUN_REFERS, .check = pronoun_line, EMB(data_pronouns)},
	{.file = "number_names.txt", .columns = "word, position", LX(number_names), .min_cols = 1,
	 .max_cols = 2, .key_col = 0, .alias_col = NO_COL, .value_col = 0, .extra_col = 1,
	 .extra2_col = NO_COL, .number_col = NO_COL, .extra_values = &NUMBER_NAME_SIDE,
	 EMB(data_number_names)},
	WORD_LIST("function_words.txt", "word", function_words, data_function_words),
	WORD_LIST("count_modifiers.txt", "word", count_modifiers, data_count_modifiers),
	{.file = "name_gender.tsv", .columns = "ending, gender, part", LX(name_gender),
	 .min_cols = 3, .max_cols = 3, .key_col = 0, .alias_col = NO_COL, .value_col = 1,
	 .extra_col = 2, .extra2_col = NO_COL, .number_col = NO_COL, .value_values = &GENDER,
	 .extra_values = &NAME_PART, EMB(data_name_gender)},
	WORD_LIST("family_names.txt", "family name", family_names, data_family_names),
	WORD_LIST("noun_endings.txt", "ending", noun_endings, data_noun_endings),
	{.file = "time_units.txt", .columns = "word, unit", LX(time_units), .min_cols = 1,
	 .max_cols = 2, .key_col = 0, .alias_col = NO_COL, .value_col = 1, NO_EXTRAS,
	 .value_values = &TIME_UNIT, EMB(data_time_units)},
	{.file = "figure_words.tsv", .columns = "word, role, singular", LX(figure_words),
	 .min_cols = 2, .max_cols = 3, .key_col = 0, .alias_col = NO_COL, .value_col = 1,
	 .extra_col = 2, .extra2_col = NO_COL, .number_col = NO_COL,
	 .value_values = &FIGURE_WORD_ROLE, EMB(data_figure_words)},
	{.file = "figure_verbs.tsv", .columns = "phrase, role", LX(figure_verbs), .min_cols = 2,
	 .max_cols = 2, .key_col = 0, .alias_col = NO_COL, .value_col = 1, NO_EXTRAS,
	 .value_values = &FIGURE_VERB_ROLE, EMB(data_figure_verbs)},
	{.file = "figure_qualifiers.tsv", .columns = "phrase, qualifier, where",
	 LX(figure_qualifiers), .min_cols = 2, .max_cols = 3, .key_col = 0, .alias_col = NO_COL,
	 .value_col = 1, .extra_col = 2, .extra2_col = NO_COL, .number_col = NO_COL,
	 .value_values = &QUALIFIER, .extra_values = &QUALIFIER_PLACE,
	 EMB(data_figure_qualifiers)},
	{.file = "figure_rates.tsv", .columns = "phrase, per, clause", LX(figure_rates),
	 .min_cols = 2, .max_cols = 3, .key_col = 0, .alias_col = NO_COL, .value_col = 1,
	 .extra_col = 2, .extra2_col = NO_COL, .number_col = NO_COL, .extra_values = &RATE_REACH,
	 EMB(data_figure_rates)},
	{.file = "figure_grammar.tsv", .columns = "word, class, date", LX(figure_grammar),
	 .min_cols = 2, .max_cols = 3, .key_col = 0, .alias_col = NO_COL, .value_col = 1,
	 .extra_col = 2, .extra2_col = NO_COL, .number_col = NO_COL,
	 .value_values = &GRAMMAR_CLASS, .extra_values = &GRAMMAR_DATE,
	 EMB(data_figure_grammar)},
	WORD_LIST("source_phrases.txt", "phrase", source_phrases, data_source_phrases),
	WORD_LIST("report_by.txt", "phrase", report_by, data_report_by),
	{.file = "speech_grammar.tsv", .columns = "word, class", LX(speech_grammar),
	 .min_cols = 2, .max_cols = 2, .key_col = 0, .alias_col = NO_COL, .value_col = 1, NO_EXTRAS,
	 .value_values = &SPEECH_CLASS, EMB(data_speech_grammar)},
	WORD_LIST("deputy_words.txt", "beginning", deputy_words, data_deputy_words),
	WORD_LIST("adjective_endings.txt", "ending", adjective_endings, data_adjective_endings),
	{.file = "disclaimer.tsv", .columns = "phrase, says", LX(disclaimer), .min_cols = 2,
	 .max_cols = 2, .key_col = 0, .alias_col = NO_COL, .value_col = 1, NO_EXTRAS,
	 .value_values = &DISCLAIMER_SAYS, EMB(data_disclaimer)},
};

enum { MAX_COLS = 8 };

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* "a, b, c": the names of vals that one may write. */
static void list_names(const struct column_values *vals, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < vals->n && o < cap; i++) {
		if (*vals->names[i] == '\0')
			continue;
		int w = snprintf(out + o, cap - o, "%s%s", o > 0 ? ", " : "", vals->names[i]);
		o += w > 0 ? (size_t)w : 0;
	}
}

/* The tag of one name of vals, or -1 if it is none of them. */
static long tag_of(const struct column_values *vals, const char *v, size_t len)
{
	for (size_t i = 0; i < vals->n; i++)
		if (strlen(vals->names[i]) == len && strncmp(vals->names[i], v, len) == 0)
			return (long)i;
	return -1;
}

/* Parses column text v (empty: absent) by vals into *tag; on a value that
 * vals refuses, a message in why. required: absent is refused too. */
static bool parse_column(const struct column_values *vals, const char *v, bool required,
			 unsigned *tag, char *why, size_t cap)
{
	*tag = 0;
	if (vals == NULL || (*v == '\0' && !required))
		return true;
	if (*v == '\0') {
		snprintf(why, cap, "the %s column is empty", vals->what);
		return false;
	}
	if (vals->shape != NULL) {
		if (vals->shape(v))
			return true;
		snprintf(why, cap, "%s '%s' is not %s", vals->what, v, vals->shape_words);
		return false;
	}
	/* The names a value may take, for a message (built only for one). */
	char expected[512];
	if (vals->how == SET_OF) {
		/* "prep,time-prep": each name a bit */
		for (const char *p = v;;) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			while (len > 0 && p[0] == ' ')
				p++, len--;
			while (len > 0 && p[len - 1] == ' ')
				len--;
			long t = len > 0 ? tag_of(vals, p, len) : -1;
			if (t < 0) {
				list_names(vals, expected, sizeof expected);
				snprintf(why, cap, "%s '%.*s' is not one of %s (several may be given, "
					 "separated by commas)", vals->what, (int)len, p, expected);
				return false;
			}
			*tag |= 1u << t;
			if (comma == NULL)
				return true;
			p = comma + 1;
		}
	}
	long t = tag_of(vals, v, strlen(v));
	if (t < 0 && vals->how == OPEN)
		t = 0;
	if (t < 0) {
		list_names(vals, expected, sizeof expected);
		snprintf(why, cap, "%s '%s' is not one of %s", vals->what, v, expected);
		return false;
	}
	*tag = (unsigned)t;
	return true;
}

/* pronouns.tsv's third column: a gender for a person, an outlet kind for
 * an outlet, nothing for the addressee. */
static bool pronoun_line(struct lex_entry *m, char *why, size_t cap)
{
	unsigned kind;
	switch ((enum pronoun_refers)m->value_tag) {
	case PRONOUN_PERSON:
		return parse_column(&GENDER, m->extra, false, &m->extra_tag, why, cap);
	case PRONOUN_OUTLET:
		return parse_column(&OUTLET_KIND, m->extra, false, &kind, why, cap);
	case PRONOUN_ADDRESSEE:
		break;
	}
	if (*m->extra == '\0')
		return true;
	snprintf(why, cap, "'%s': the addressee has no gender or kind", m->extra);
	return false;
}

static int add_phrase(struct tables *t, const struct table_spec *sp, struct lexicon *lx,
		      const char *phrase, char **cols, int ncols, const char *where, int line,
		      char *err, size_t errlen)
{
	/* For an alias this is the canonical name; for a list of names, the code;
	 * an optional column missing from the line means the phrase itself. */
	struct lex_entry m = {
		.value = sp->value_col < ncols ? cols[sp->value_col] : phrase,
		.extra = sp->extra_col != NO_COL && sp->extra_col < ncols ? cols[sp->extra_col] : "",
		.extra2 = sp->extra2_col != NO_COL && sp->extra2_col < ncols ? cols[sp->extra2_col] : "",
		.line = (unsigned)line,
	};
	char why[1024];
	if (!parse_column(sp->value_values, m.value, sp->value_col < sp->min_cols, &m.value_tag,
			  why, sizeof why) ||
	    !parse_column(sp->extra_values, m.extra, sp->extra_col < sp->min_cols, &m.extra_tag,
			  why, sizeof why) ||
	    !parse_column(sp->extra2_values, m.extra2, sp->extra2_col < sp->min_cols,
			  &m.extra2_tag, why, sizeof why) ||
	    (sp->check != NULL && !sp->check(&m, why, sizeof why))) {
		snprintf(err, errlen, "%s:%d: %s (columns: %s)", where, line, why, sp->columns);
		return -1;
	}
	if (sp->number_col != NO_COL) {
		char *end;
		errno = 0;
		m.number = strtod(cols[sp->number_col], &end);
		if (errno != 0 || end == cols[sp->number_col] || *end != '\0') {
			snprintf(err, errlen, "%s:%d: '%s' is not a number (columns: %s)", where, line,
				 cols[sp->number_col], sp->columns);
			return -1;
		}
		if (!(m.number >= sp->number_min && m.number <= sp->number_max)) {
			snprintf(err, errlen, "%s:%d: %s is out of range: %s (columns: %s)", where,
				 line, cols[sp->number_col], sp->number_range, sp->columns);
			return -1;
		}
	}
	int rc = lexicon_add(lx, &t->arena, phrase, &m);
	if (rc < 0) {
		snprintf(err, errlen, "%s:%d: out of memory", where, line);
		return -1;
	}
	if (rc > 0) {
		const struct lex_entry *first = lexicon_get(lx, phrase, strlen(phrase));
		snprintf(err, errlen, "%s:%d: '%s' is listed twice (first on line %u)", where, line,
			 phrase, first ? first->line : 0);
		return -1;
	}
	return 0;
}

static int load_table(struct tables *t, const struct table_spec *sp, const char *text, size_t len,
		      const char *where, char *err, size_t errlen)
{
	struct lexicon *lx = (struct lexicon *)((char *)t + sp->lexicon_offset);
	char *copy = malloc(len + 1);
	if (copy == NULL) {
		snprintf(err, errlen, "%s: out of memory", where);
		return -1;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	int rc = 0, line = 0;
	for (char *l = copy, *next; l != NULL; l = next) {
		next = strchr(l, '\n');
		if (next != NULL)
			*next++ = '\0';
		line++;
		char *s = trim(l);
		if (*s == '\0' || *s == '#')
			continue;
		char *cols[MAX_COLS];
		int ncols = 0;
		for (char *c = s; c != NULL;) {
			char *tab = strchr(c, '\t');
			if (tab)
				*tab = '\0';
			if (ncols < MAX_COLS)
				cols[ncols] = trim(c);
			ncols++;
			c = tab ? tab + 1 : NULL;
		}
		if (ncols < sp->min_cols) {
			snprintf(err, errlen, "%s:%d: expected %d tab-separated columns (%s), found %d",
				 where, line, sp->min_cols, sp->columns, ncols);
			rc = -1;
			break;
		}
		if (ncols > sp->max_cols) {
			snprintf(err, errlen, "%s:%d: found %d tab-separated columns, the table has %d (%s)",
				 where, line, ncols, sp->max_cols, sp->columns);
			rc = -1;
			break;
		}
		char *keys = cols[sp->key_col];
		if (sp->alias_col == NO_COL && strchr(keys, ',') != NULL && sp->key_col != 0) {
			/* A list of names in one column: each is a key. */
			char *ksave = NULL;
			for (char *k = strtok_r(keys, ",", &ksave); k != NULL && rc == 0;
			     k = strtok_r(NULL, ",", &ksave))
				rc = add_phrase(t, sp, lx, trim(k), cols, ncols, where, line, err, errlen);
		} else {
			rc = add_phrase(t, sp, lx, keys, cols, ncols, where, line, err, errlen);
			if (rc == 0 && sp->alias_col != NO_COL && strcmp(cols[sp->alias_col], "-") != 0) {
				char *asave = NULL;
				for (char *k = strtok_r(cols[sp->alias_col], ",", &asave);
				     k != NULL && rc == 0; k = strtok_r(NULL, ",", &asave))
					rc = add_phrase(t, sp, lx, trim(k), cols, ncols, where, line,
							err, errlen);
			}
		}
		if (rc != 0)
			break;
	}
	free(copy);
	return rc;
}

/* t->outlet_verbs, in the verbs' slot order. Returns -1 when out of memory. */
static int index_outlet_verbs(struct tables *t)
{
	const struct lexicon *lx = &t->verbs;
	size_t n = 0;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		n += (e->extra_tag & TAKES_OUTLET) != 0;
	t->outlet_verbs = arena_alloc(&t->arena, (n + 1) * sizeof *t->outlet_verbs);
	if (t->outlet_verbs == NULL)
		return -1;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		if (e->extra_tag & TAKES_OUTLET)
			t->outlet_verbs[t->n_outlet_verbs++] = e->written;
	return 0;
}

/* Adds to ke the keys of lx whose value_tag has a bit of mask (every key
 * for mask 0). */
static void ends_of(struct key_ends *ke, const struct lexicon *lx, unsigned mask)
{
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		if (mask == 0 || (e->value_tag & mask) != 0)
			key_ends_add(ke, e->key, e->key_len);
}

const char *const figure_range_words[] = {"from", "between", NULL};

/* The words the figure readers test by their text where a figure may
 * start (figures_extract.c's next_start), marked in the token index so
 * that the scan over every token tests one bit for them. */
static int mark_figure_words(struct tables *t)
{
	for (const char *const *w = figure_range_words; *w != NULL; w++)
		if (token_index_mark(&t->token_index, *w, strlen(*w), TOKEN_MARK_FIGURE_WORD) != 0)
			return -1;
	const struct lexicon *lx = &t->figure_words;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		if ((e->value_tag & FIGWORD_NEGATIVE) != 0 &&
		    token_index_mark(&t->token_index, e->key, e->key_len, TOKEN_MARK_FIGURE_WORD) != 0)
			return -1;
	/* The first tokens of the tables that next_start asks by bit (its
	 * figure_starts: any_first and number_whole), so that its scan
	 * tests one mark for them. A table outside the index (bit 0) has
	 * next_start stop at every token, and needs no mark. */
	uint64_t first_of = t->months.bit | t->relative_dates.bit | t->currencies.bit |
			    t->numbers.bit;
	token_index_mark_tables(&t->token_index, first_of, t->numbers.bit, TOKEN_MARK_FIGURE_START);
	/* The same for reported speech's scans (quotes_reported.c): a
	 * token whose in_tables has the table's bit has its mark. */
	token_index_mark_tables(&t->token_index, t->verbs.bit, 0, TOKEN_MARK_VERB);
	token_index_mark_tables(&t->token_index, t->source_phrases.bit, 0, TOKEN_MARK_SOURCE);
	return 0;
}

/* The filters that tables.h keeps beside the lexicons. */
static void index_filters(struct tables *t)
{
	ends_of(&t->figure_verbs_ends, &t->figure_verbs, 0);
	ends_of(&t->figure_qualifiers_ends, &t->figure_qualifiers, 0);
	ends_of(&t->grammar_base_ends, &t->figure_grammar, GRAM_BASE);
	ends_of(&t->grammar_lead_ends, &t->figure_grammar, GRAM_GLUE | GRAM_PREP_PHRASE);
	ends_of(&t->negative_word_ends, &t->figure_words, FIGWORD_NEGATIVE);
	ends_of(&t->noun_endings_ends, &t->noun_endings, 0);
	ends_of(&t->name_gender_ends, &t->name_gender, 0);
	const struct lexicon *labels = &t->photo_labels;
	for (const struct lex_entry *e = lexicon_first(labels); e != NULL;
	     e = lexicon_next(labels, e)) {
		const char *space = memchr(e->key, ' ', e->key_len);
		size_t wl = space != NULL ? (size_t)(space - e->key) : e->key_len;
		unsigned char b = (unsigned char)hash_bytes(e->key, wl);
		t->photo_label_firsts[b >> 6] |= UINT64_C(1) << (b & 63);
	}
}

int tables_load(struct tables *t, const char *dir, char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		const struct table_spec *sp = &specs[i];
		char where[4096];
		struct textfile tf = {0};
		int rc;
		if (dir != NULL) {
			snprintf(where, sizeof where, "%s/%s", dir, sp->file);
			/* Tabs separate the columns: a reader that turned them
			 * into spaces would leave one column a line. */
			if (textfile_read_as(&tf, where, TEXTFILE_KEEP_TABS, err, errlen) == 0) {
				rc = load_table(t, sp, tf.text, tf.len, where, err, errlen);
				textfile_free(&tf);
				if (rc != 0)
					goto error;
				continue;
			}
			if (!tf.missing)
				goto error; /* present but unreadable or not text: say so */
		}
		snprintf(where, sizeof where, "built-in data/%s", sp->file);
		rc = load_table(t, sp, sp->start, (size_t)(sp->end - sp->start), where, err, errlen);
		if (rc != 0)
			goto error;
	}
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		struct lexicon *lx = (struct lexicon *)((char *)t + specs[i].lexicon_offset);
		if (tokens_index_firsts(lx, &t->arena) != 0 || lexicon_index_pairs(lx) != 0 ||
		    lexicon_index_walk(lx) != 0 ||
		    (i < 64 && tokens_index_table(&t->token_index, lx, UINT64_C(1) << i) != 0)) {
			snprintf(err, errlen, "out of memory indexing the tables");
			goto error;
		}
	}
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		const struct lexicon *lx =
			(const struct lexicon *)((const char *)t + specs[i].lexicon_offset);
		if (tokens_index_spans(&t->token_index, lx) != 0) {
			snprintf(err, errlen, "out of memory indexing the tables");
			goto error;
		}
	}
	if (index_outlet_verbs(t) != 0 || mark_figure_words(t) != 0) {
		snprintf(err, errlen, "out of memory indexing the tables");
		goto error;
	}
	index_filters(t);
	return 0;
error:
	tables_free(t);
	return -1;
}

void tables_free(struct tables *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
		lexicon_free((struct lexicon *)((char *)t + specs[i].lexicon_offset));
	token_index_free(&t->token_index);
	arena_free(&t->arena);
}

const char *tables_builtin(const char *name, size_t *len)
{
	if (strcmp(name, "article") == 0) {
		*len = (size_t)(data_article_end - data_article);
		return data_article;
	}
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		if (strcmp(specs[i].file, name) == 0) {
			*len = (size_t)(specs[i].end - specs[i].start);
			return specs[i].start;
		}
	}
	return NULL;
}
