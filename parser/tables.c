/* tables.c - see tables.h. */
#include "tables.h"

#include <errno.h>
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
EMBEDDED(data_article);

enum { NO_COL = -1 };

/* How one file becomes one lexicon: which column holds the phrase, which
 * holds comma-separated aliases of it, which the value and extras. */
struct table_spec {
	const char *file;
	const char *columns; /* for error messages */
	size_t lexicon_offset;
	int min_cols;
	int key_col, alias_col, value_col, extra_col, extra2_col, number_col;
	const char *start, *end;
};

#define LX(field) offsetof(struct tables, field)
#define EMB(sym) sym, sym##_end

static const struct table_spec specs[] = {
	{"outlets.tsv", "name, aliases, country, kind", LX(outlets), 4, 0, 1, 0, 2, 3, NO_COL,
	 EMB(data_outlets)},
	{"countries.tsv", "code, names", LX(countries), 2, 1, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_countries)},
	{"languages.tsv", "code, names", LX(languages), 2, 1, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_languages)},
	{"currencies.tsv", "phrase, code", LX(currencies), 2, 0, NO_COL, 1, NO_COL, NO_COL, NO_COL,
	 EMB(data_currencies)},
	{"units.tsv", "phrase, symbol", LX(units), 2, 0, NO_COL, 1, NO_COL, NO_COL, NO_COL,
	 EMB(data_units)},
	{"numbers.tsv", "word, value, kind", LX(numbers), 3, 0, NO_COL, 2, NO_COL, NO_COL, 1,
	 EMB(data_numbers)},
	{"months.tsv", "name, number", LX(months), 2, 0, NO_COL, 0, NO_COL, NO_COL, 1,
	 EMB(data_months)},
	{"relative_dates.txt", "phrase", LX(relative_dates), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_relative_dates)},
	{"reporting_verbs.tsv", "phrase, takes", LX(verbs), 1, 0, NO_COL, 0, 1, NO_COL, NO_COL,
	 EMB(data_verbs)},
	{"titles.txt", "title, role, generic", LX(titles), 1, 0, NO_COL, 1, 2, NO_COL, NO_COL,
	 EMB(data_titles)},
	{"outlet_words.tsv", "word, kind", LX(outlet_words), 2, 0, NO_COL, 1, NO_COL, NO_COL, NO_COL,
	 EMB(data_outlet_words)},
	{"name_stopwords.txt", "word", LX(name_stop), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_name_stop)},
	{"abbreviations.txt", "abbreviation", LX(abbreviations), 1, 0, NO_COL, 0, NO_COL, NO_COL,
	 NO_COL, EMB(data_abbreviations)},
	{"photo_labels.txt", "label", LX(photo_labels), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_photo_labels)},
	{"photo_rubrics.txt", "phrase", LX(photo_rubrics), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_photo_rubrics)},
	{"reaction_headings.txt", "phrase", LX(reaction_headings), 1, 0, NO_COL, 0, NO_COL, NO_COL,
	 NO_COL, EMB(data_reaction_headings)},
	{"speech_adverbs.txt", "word", LX(adverbs), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_adverbs)},
	{"pronouns.tsv", "pronoun, refers to, gender", LX(pronouns), 2, 0, NO_COL, 1, 2, NO_COL,
	 NO_COL, EMB(data_pronouns)},
	{"number_names.txt", "word, position", LX(number_names), 1, 0, NO_COL, 1, NO_COL, NO_COL,
	 NO_COL, EMB(data_number_names)},
	{"function_words.txt", "word", LX(function_words), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_function_words)},
	{"count_modifiers.txt", "word", LX(count_modifiers), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_count_modifiers)},
	{"name_gender.tsv", "ending, gender, part", LX(name_gender), 3, 0, NO_COL, 1, 2, NO_COL,
	 NO_COL, EMB(data_name_gender)},
	{"family_names.txt", "family name", LX(family_names), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_family_names)},
	{"noun_endings.txt", "ending", LX(noun_endings), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_noun_endings)},
	{"time_units.txt", "word, unit", LX(time_units), 1, 0, NO_COL, 1, NO_COL, NO_COL, NO_COL,
	 EMB(data_time_units)},
	{"figure_words.tsv", "word, role, singular", LX(figure_words), 2, 0, NO_COL, 1, 2, NO_COL,
	 NO_COL, EMB(data_figure_words)},
	{"figure_verbs.tsv", "phrase, role", LX(figure_verbs), 2, 0, NO_COL, 1, NO_COL, NO_COL,
	 NO_COL, EMB(data_figure_verbs)},
	{"figure_qualifiers.tsv", "phrase, qualifier, where", LX(figure_qualifiers), 2, 0, NO_COL, 1,
	 2, NO_COL, NO_COL, EMB(data_figure_qualifiers)},
	{"figure_rates.tsv", "phrase, per, clause", LX(figure_rates), 2, 0, NO_COL, 1, 2, NO_COL,
	 NO_COL, EMB(data_figure_rates)},
	{"figure_grammar.tsv", "word, class, date", LX(figure_grammar), 2, 0, NO_COL, 1, 2, NO_COL,
	 NO_COL, EMB(data_figure_grammar)},
	{"source_phrases.txt", "phrase", LX(source_phrases), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_source_phrases)},
	{"report_by.txt", "phrase", LX(report_by), 1, 0, NO_COL, 0, NO_COL, NO_COL, NO_COL,
	 EMB(data_report_by)},
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

static int add_phrase(struct tables *t, const struct table_spec *sp, struct lexicon *lx,
		      const char *phrase, char **cols, int ncols, const char *where, int line,
		      char *err, size_t errlen)
{
	/* For an alias this is the canonical name; for a list of names, the code;
	 * an optional column missing from the line means the phrase itself. */
	const char *value = sp->value_col < ncols ? cols[sp->value_col] : phrase;
	const char *extra = sp->extra_col != NO_COL && sp->extra_col < ncols ? cols[sp->extra_col] : "";
	const char *extra2 = sp->extra2_col != NO_COL && sp->extra2_col < ncols ? cols[sp->extra2_col] : "";
	double number = 0;
	if (sp->number_col != NO_COL) {
		char *end;
		errno = 0;
		number = strtod(cols[sp->number_col], &end);
		if (errno != 0 || end == cols[sp->number_col] || *end != '\0') {
			snprintf(err, errlen, "%s:%d: '%s' is not a number (columns: %s)", where, line,
				 cols[sp->number_col], sp->columns);
			return -1;
		}
	}
	int rc = lexicon_add(lx, &t->arena, phrase, value, extra, extra2, number);
	if (rc < 0) {
		snprintf(err, errlen, "%s:%d: out of memory", where, line);
		return -1;
	}
	if (rc > 0) {
		snprintf(err, errlen, "%s:%d: '%s' is listed twice", where, line, phrase);
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
		for (char *c = s; c != NULL && ncols < MAX_COLS;) {
			char *tab = strchr(c, '\t');
			if (tab)
				*tab = '\0';
			cols[ncols++] = trim(c);
			c = tab ? tab + 1 : NULL;
		}
		if (ncols < sp->min_cols) {
			snprintf(err, errlen, "%s:%d: expected %d tab-separated columns (%s), found %d",
				 where, line, sp->min_cols, sp->columns, ncols);
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
		if (tokens_index_firsts(lx, &t->arena) != 0) {
			snprintf(err, errlen, "out of memory indexing the tables");
			goto error;
		}
	}
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
