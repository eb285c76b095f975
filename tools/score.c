/* score.c - see score.h. A gold item is found when a parsed item matches
 * it: sections by heading, paragraph count and first words; quotes by
 * kind, speaker (every word of the gold speaker among the parsed one's)
 * and text (the gold's "contains" inside it); figures by text, kind, value
 * and unit; reactions by outlet, country and text. Each parsed item
 * matches one gold item at most. */
#include "score.h"

#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "../parser/article.h"
#include "../parser/lexicon.h"
#include "../parser/textfile.h"

const char *const category_names[CAT_COUNT] = {"sections", "quotes", "figures", "reactions"};

static bool verbose;

double score_ratio(size_t a, size_t b)
{
	return b == 0 ? 1.0 : (double)a / (double)b;
}

/* Every word of gold's speaker appears among the parsed speaker's words
 * ("Petrov" in "Ivan Petrov"), compared without case. */
static bool speaker_matches(const char *gold, const char *parsed)
{
	if (parsed == NULL)
		return false;
	char g[256], p[256];
	if (lex_fold(gold, strlen(gold), g, sizeof g) == (size_t)-1 ||
	    lex_fold(parsed, strlen(parsed), p, sizeof p) == (size_t)-1)
		return false;
	char *save = NULL;
	for (char *w = strtok_r(g, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t wl = strlen(w);
		bool hit = false;
		for (char *q = p; (q = strstr(q, w)) != NULL; q++)
			if ((q == p || q[-1] == ' ') && (q[wl] == '\0' || q[wl] == ' '))
				hit = true;
		if (!hit)
			return false;
	}
	return true;
}

static bool same_value(json_t *gold, const struct figure *f)
{
	if (f->kind == FIGURE_DATE) {
		if (json_is_null(gold))
			return f->date == NULL;
		return json_is_string(gold) && f->date && strcmp(json_string_value(gold), f->date) == 0;
	}
	if (!json_is_number(gold))
		return false;
	double g = json_number_value(gold);
	return fabs(g - f->number) <= 1e-9 * fmax(1.0, fabs(g));
}

static bool same_unit(json_t *gold, const char *unit)
{
	if (json_is_null(gold) || gold == NULL)
		return unit == NULL;
	return unit != NULL && json_is_string(gold) && strcmp(json_string_value(gold), unit) == 0;
}

static bool required(json_t *item)
{
	json_t *r = json_object_get(item, "required");
	return r == NULL || json_is_true(r);
}

static void miss(const char *file, const char *what, json_t *item)
{
	if (!verbose)
		return;
	char *s = json_dumps(item, JSON_COMPACT);
	fprintf(stderr, "  %s: missed %s %s\n", file, what, s ? s : "");
	free(s);
}

/* Counts gold item g, found or not. */
static void tally(struct score *sc, json_t *g, bool hit, bool always_required, const char *f,
		  const char *what)
{
	sc->gold++;
	sc->found += hit;
	if (always_required || required(g)) {
		sc->required++;
		sc->required_found += hit;
	}
	if (!hit)
		miss(f, what, g);
}

/* Counts the n parsed items, used[i] when they matched a gold item. */
static void tally_parsed(struct score *sc, const bool *used, size_t n)
{
	sc->parsed = n;
	for (size_t i = 0; i < n; i++)
		sc->parsed_matched += used[i];
}

static void score_sections(const struct article *a, json_t *gold, struct score *sc, const char *f)
{
	bool *used = calloc(a->n_sections + 1, 1);
	size_t i;
	json_t *g;
	json_array_foreach(gold, i, g) {
		json_t *heading = json_object_get(g, "heading");
		const char *starts = json_string_value(json_object_get(g, "starts_with"));
		json_int_t paras = json_integer_value(json_object_get(g, "paragraphs"));
		bool hit = false;
		for (size_t s = 0; s < a->n_sections && !hit; s++) {
			const struct section *sec = &a->sections[s];
			bool h = json_is_null(heading)
					 ? sec->heading == NULL
					 : sec->heading && strcmp(sec->heading, json_string_value(heading)) == 0;
			if (!h || used[s] || (json_int_t)sec->n_paragraphs != paras)
				continue;
			if (starts && (sec->n_paragraphs == 0 ||
				       strncmp(sec->paragraphs[0].text, starts, strlen(starts)) != 0))
				continue;
			used[s] = hit = true;
		}
		tally(sc, g, hit, true, f, "section");
	}
	tally_parsed(sc, used, a->n_sections);
	free(used);
}

static void score_quotes(const struct article *a, json_t *gold, struct score *sc, const char *f)
{
	bool *used = calloc(a->n_quotes + 1, 1);
	size_t i;
	json_t *g;
	json_array_foreach(gold, i, g) {
		const char *kind = json_string_value(json_object_get(g, "kind"));
		const char *speaker = json_string_value(json_object_get(g, "speaker"));
		const char *contains = json_string_value(json_object_get(g, "contains"));
		bool hit = false;
		for (size_t q = 0; q < a->n_quotes && !hit; q++) {
			const struct quote *qt = &a->quotes[q];
			if (used[q] || !kind || strcmp(kind, quote_kind_name(qt->kind)) != 0)
				continue;
			if (!contains || strstr(qt->text, contains) == NULL)
				continue;
			if (!speaker || !speaker_matches(speaker, qt->speaker))
				continue;
			used[q] = hit = true;
		}
		tally(sc, g, hit, false, f, "quote");
	}
	tally_parsed(sc, used, a->n_quotes);
	for (size_t q = 0; q < a->n_quotes; q++) {
		if (!used[q] && verbose)
			fprintf(stderr, "  %s: extra quote %s [%s] %s\n", f, a->quotes[q].id,
				a->quotes[q].speaker ? a->quotes[q].speaker : "?", a->quotes[q].text);
	}
	free(used);
}

static void score_figures(const struct article *a, json_t *gold, struct score *sc, const char *f)
{
	bool *used = calloc(a->n_figures + 1, 1);
	size_t i;
	json_t *g;
	json_array_foreach(gold, i, g) {
		const char *text = json_string_value(json_object_get(g, "text"));
		const char *kind = json_string_value(json_object_get(g, "kind"));
		bool hit = false;
		for (size_t k = 0; k < a->n_figures && !hit; k++) {
			const struct figure *fg = &a->figures[k];
			if (used[k] || !text || strcmp(text, fg->text) != 0 || !kind ||
			    strcmp(kind, figure_kind_name(fg->kind)) != 0)
				continue;
			if (!same_value(json_object_get(g, "value"), fg) ||
			    !same_unit(json_object_get(g, "unit"), fg->unit))
				continue;
			used[k] = hit = true;
		}
		tally(sc, g, hit, false, f, "figure");
	}
	tally_parsed(sc, used, a->n_figures);
	for (size_t k = 0; k < a->n_figures; k++) {
		if (!used[k] && verbose)
			fprintf(stderr, "  %s: extra figure %s %s '%s'\n", f, a->figures[k].id,
				figure_kind_name(a->figures[k].kind), a->figures[k].text);
	}
	free(used);
}

static void score_reactions(const struct article *a, json_t *gold, struct score *sc, const char *f)
{
	bool *used = calloc(a->n_reactions + 1, 1);
	size_t i;
	json_t *g;
	json_array_foreach(gold, i, g) {
		const char *outlet = json_string_value(json_object_get(g, "outlet"));
		const char *country = json_string_value(json_object_get(g, "country"));
		const char *contains = json_string_value(json_object_get(g, "contains"));
		bool hit = false;
		for (size_t k = 0; k < a->n_reactions && !hit; k++) {
			const struct reaction *r = &a->reactions[k];
			if (used[k] || !outlet || strcasecmp(outlet, r->outlet) != 0)
				continue;
			if (country && (!r->country || strcmp(country, r->country) != 0))
				continue;
			if (contains && strstr(r->text, contains) == NULL)
				continue;
			used[k] = hit = true;
		}
		tally(sc, g, hit, true, f, "reaction");
	}
	tally_parsed(sc, used, a->n_reactions);
	for (size_t k = 0; k < a->n_reactions; k++) {
		if (!used[k] && verbose)
			fprintf(stderr, "  %s: extra reaction %s %s\n", f, a->reactions[k].outlet,
				a->reactions[k].text);
	}
	free(used);
}

/* Finds the article of a gold file; returns 0 with the path in out. */
static int article_path(const char *gold_path, const char *file, char *out, size_t cap)
{
	char copy[4096];
	snprintf(copy, sizeof copy, "%s", gold_path);
	const char *dir = dirname(copy);
	const char *tries[] = {"%s/../articles/%s", "%s/%s", "%s/../../data/articles/%s"};
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		snprintf(out, cap, tries[i], dir, file);
		FILE *fp = fopen(out, "r");
		if (fp) {
			fclose(fp);
			return 0;
		}
	}
	return -1;
}

int score_gold(const char *gold_path, const struct tables *t, bool be_verbose, struct gold_result *out,
	       char *err, size_t errlen)
{
	verbose = be_verbose;
	memset(out, 0, sizeof *out);
	json_error_t jerr;
	json_t *gold = json_load_file(gold_path, 0, &jerr);
	if (gold == NULL) {
		snprintf(err, errlen, "%s:%d: %s", gold_path, jerr.line, jerr.text);
		return -1;
	}
	const char *file = json_string_value(json_object_get(gold, "file"));
	char path[4096];
	struct textfile tf;
	if (file == NULL || article_path(gold_path, file, path, sizeof path) != 0 ||
	    textfile_read(&tf, path, err, errlen) != 0) {
		snprintf(err, errlen, "%s: cannot find or read its article '%s'", gold_path,
			 file ? file : "(no \"file\" field)");
		json_decref(gold);
		return -1;
	}
	snprintf(out->article, sizeof out->article, "%s", file);
	char perr[256];
	struct article *a = article_parse(tf.text, tf.len, file, t, perr, sizeof perr);
	textfile_free(&tf);
	if (a == NULL) {
		snprintf(err, errlen, "%s: %s", path, perr);
		json_decref(gold);
		return -1;
	}
	score_sections(a, json_object_get(gold, "sections"), &out->sc[CAT_SECTIONS], file);
	score_quotes(a, json_object_get(gold, "quotes"), &out->sc[CAT_QUOTES], file);
	score_figures(a, json_object_get(gold, "figures"), &out->sc[CAT_FIGURES], file);
	score_figure_fields(a, json_object_get(gold, "figures"), out->fields, verbose, file);
	score_reactions(a, json_object_get(gold, "reactions"), &out->sc[CAT_REACTIONS], file);
	article_free(a);
	json_decref(gold);
	return 0;
}
