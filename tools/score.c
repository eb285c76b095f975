/* score.c - see score.h. A gold item is found when a parsed item matches
 * it: sections by heading, paragraph count and first words; quotes by
 * kind, speaker and text; figures by text, kind, value and unit;
 * reactions by outlet, country and text, under the rules chosen. */
#include "score.h"

#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "../parser/article_parse.h"
#include "../parser/lexicon.h"
#include "../text/fold.h"
#include "../text/textfile.h"
#include "../text/utf8.h"

const char *const category_names[CAT_COUNT] = {"sections", "quotes", "figures", "reactions"};
const char *const meta_names[META_COUNT] = {"title", "subtitle", "related", "photo"};

/* What one scoring run shares: the rules, and where to say what. */
struct run {
	enum score_rules rules;
	bool verbose;
	const char *file;
};

double score_ratio(size_t a, size_t b)
{
	return b == 0 ? 1.0 : (double)a / (double)b;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F) || cp == 0x85 ||
	       cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* The reference scorer's normalization: every kind of quote mark and
 * apostrophe removed, white space collapsed and trimmed, lower case.
 * Returns a string the caller frees; "" for NULL. */
static char *norm(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	char *out = malloc(len * 2 + 1); /* lowering never grows a code point by more */
	if (out == NULL)
		return NULL;
	size_t o = 0;
	bool space = false;
	for (size_t i = 0; i < len;) {
		size_t n;
		uint32_t cp = utf8_decode(s + i, len - i, &n);
		i += n;
		if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB || cp == 0x201E ||
		    cp == '"' || cp == '\'' || cp == 0x2018 || cp == 0x2019)
			continue;
		if (is_space(cp)) {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		o += utf8_encode(cp_to_lower(cp), out + o);
	}
	out[o] = '\0';
	return out;
}

/* Is needle inside hay, both normalized? */
static bool norm_within(const char *needle, const char *hay)
{
	char *a = norm(needle), *b = norm(hay);
	bool in = a && b && strstr(b, a) != NULL;
	free(a);
	free(b);
	return in;
}

/* Every word of gold's speaker appears among the parsed speaker's words
 * ("Petrov" in "Ivan Petrov"), compared without case. */
static bool speaker_words_match(const char *gold, const char *parsed)
{
	if (parsed == NULL)
		return false;
	char g[256], p[256];
	if (fold_text(gold, strlen(gold), g, sizeof g) == (size_t)-1 ||
	    fold_text(parsed, strlen(parsed), p, sizeof p) == (size_t)-1)
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

static bool same_value(json_t *gold, const struct figure *f, double tolerance)
{
	if (f->kind == FIGURE_DATE) {
		if (json_is_null(gold))
			return f->date == NULL;
		return json_is_string(gold) && f->date && strcmp(json_string_value(gold), f->date) == 0;
	}
	if (!json_is_number(gold))
		return false;
	double g = json_number_value(gold);
	return fabs(g - f->number) <= tolerance * fmax(1.0, fabs(g));
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

static const char *gold_str(json_t *item, const char *key)
{
	return json_string_value(json_object_get(item, key));
}

/* Says which required gold item was missed. */
static void miss(const struct run *r, const char *what, json_t *item)
{
	char *s = json_dumps(item, JSON_COMPACT);
	fprintf(stderr, "    %s: missed %s: %s\n", r->file, what, s ? s : "");
	free(s);
}

/* Counts gold item g, found or not. */
static void tally(struct score *sc, json_t *g, bool hit, bool always_required,
		  const struct run *r, const char *what)
{
	sc->gold++;
	sc->found += hit;
	bool req = always_required || required(g);
	if (req) {
		sc->required++;
		sc->required_found += hit;
	}
	if (!hit && req && r->verbose)
		miss(r, what, g);
}

/* Counts the n parsed items, used[i] when they matched a gold item. */
static void tally_parsed(struct score *sc, const bool *used, size_t n)
{
	sc->parsed = n;
	for (size_t i = 0; i < n; i++)
		sc->parsed_matched += used[i];
}

static bool section_matches(const struct section *sec, json_t *g)
{
	json_t *heading = json_object_get(g, "heading");
	const char *starts = gold_str(g, "starts_with");
	json_int_t paras = json_integer_value(json_object_get(g, "paragraphs"));
	bool h = json_is_null(heading) ? sec->heading == NULL
				       : sec->heading && strcmp(sec->heading, json_string_value(heading)) == 0;
	if (!h || (json_int_t)sec->n_paragraphs != paras)
		return false;
	return !starts || (sec->n_paragraphs > 0 &&
			   strncmp(sec->paragraphs[0].text, starts, strlen(starts)) == 0);
}

static bool score_sections(const struct article *a, json_t *gold, struct score *sc,
			   const struct run *r)
{
	bool *used = calloc(a->n_sections + 1, 1);
	bool exact = json_array_size(gold) == a->n_sections;
	size_t i;
	json_t *g;
	json_array_foreach(gold, i, g) {
		if (exact && !section_matches(&a->sections[i], g))
			exact = false;
		bool hit = false;
		for (size_t s = 0; s < a->n_sections && !hit; s++)
			if (!used[s] && section_matches(&a->sections[s], g))
				used[s] = hit = true;
		tally(sc, g, hit, true, r, "section");
	}
	tally_parsed(sc, used, a->n_sections);
	if (r->verbose)
		for (size_t s = 0; s < a->n_sections; s++)
			if (!used[s])
				fprintf(stderr, "    %s: extra  section: [%s] %zu paragraphs, \"%.60s\"\n",
					r->file, a->sections[s].heading ? a->sections[s].heading : "null",
					a->sections[s].n_paragraphs,
					a->sections[s].n_paragraphs ? a->sections[s].paragraphs[0].text : "");
	free(used);
	return exact;
}

static bool quote_matches(const struct run *r, json_t *g, const struct quote *q)
{
	const char *kind = gold_str(g, "kind"), *speaker = gold_str(g, "speaker"),
		   *contains = gold_str(g, "contains");
	if (!kind || !speaker || !contains || strcmp(kind, quote_kind_name(q->kind)) != 0)
		return false;
	if (r->rules == SCORE_REFERENCE)
		return norm_within(speaker, q->speaker ? q->speaker : "") &&
		       norm_within(contains, q->text);
	return strstr(q->text, contains) != NULL && speaker_words_match(speaker, q->speaker);
}

static bool figure_matches(const struct run *r, json_t *g, const struct figure *f)
{
	const char *text = gold_str(g, "text"), *kind = gold_str(g, "kind");
	if (!text || !kind || strcmp(kind, figure_kind_name(f->kind)) != 0)
		return false;
	if (r->rules == SCORE_STRICT)
		return strcmp(text, f->text) == 0 && same_value(json_object_get(g, "value"), f, 1e-9) &&
		       same_unit(json_object_get(g, "unit"), f->unit);
	if (!same_value(json_object_get(g, "value"), f, 1e-6))
		return false;
	if ((f->kind == FIGURE_MONEY || f->kind == FIGURE_PERCENT) &&
	    !same_unit(json_object_get(g, "unit"), f->unit))
		return false;
	char *a = norm(f->text);
	bool ok = a && *a && (norm_within(f->text, text) || norm_within(text, f->text));
	free(a);
	return ok;
}

/* An outlet's name as the reference compares it: normalized, without a
 * leading "the ". The caller frees it. */
static char *outlet_norm(const char *s)
{
	char *n = norm(s);
	if (n && strncmp(n, "the ", 4) == 0)
		memmove(n, n + 4, strlen(n + 4) + 1);
	return n;
}

static bool reaction_matches(const struct run *r, json_t *g, const struct reaction *x)
{
	const char *outlet = gold_str(g, "outlet"), *country = gold_str(g, "country"),
		   *contains = gold_str(g, "contains");
	if (!outlet)
		return false;
	if ((country == NULL) != (x->country == NULL) || (country && strcmp(country, x->country) != 0))
		return false;
	if (r->rules == SCORE_STRICT)
		return strcasecmp(outlet, x->outlet) == 0 && (!contains || strstr(x->text, contains));
	char *a = outlet_norm(x->outlet), *b = outlet_norm(outlet);
	bool same = a && b && *a && (strstr(a, b) || strstr(b, a));
	free(a);
	free(b);
	return same && (!contains || norm_within(contains, x->text));
}

/* The parsed items that match, and the required gold items found: the
 * reference lets one parsed item match any number of gold items; strict
 * rules give each gold item its own. */
#define SCORE_LIST(a_items, n_items, match, always_req, what, describe)                    \
	do {                                                                                 \
		bool *used = calloc((n_items) + 1, 1);                                       \
		size_t gi;                                                                   \
		json_t *g;                                                                   \
		json_array_foreach(gold, gi, g) {                                            \
			bool hit = false;                                                    \
			for (size_t k = 0; k < (n_items); k++) {                             \
				if ((r->rules == SCORE_STRICT && (used[k] || hit)) ||        \
				    !match(r, g, &(a_items)[k]))                             \
					continue;                                            \
				used[k] = hit = true;                                        \
			}                                                                    \
			tally(sc, g, hit, always_req, r, what);                              \
		}                                                                            \
		tally_parsed(sc, used, n_items);                                             \
		for (size_t k = 0; r->verbose && k < (n_items); k++)                         \
			if (!used[k])                                                        \
				describe(r, &(a_items)[k]);                                  \
		free(used);                                                                  \
	} while (0)

static void describe_quote(const struct run *r, const struct quote *q)
{
	fprintf(stderr, "    %s: extra  quote: %s [%s] %.160s\n", r->file, quote_kind_name(q->kind),
		q->speaker ? q->speaker : "?", q->text);
}

static void describe_figure(const struct run *r, const struct figure *f)
{
	char value[64];
	if (f->kind == FIGURE_DATE)
		snprintf(value, sizeof value, "%s", f->date ? f->date : "null");
	else
		snprintf(value, sizeof value, "%.15g", f->number);
	fprintf(stderr, "    %s: extra  figure: %s '%s' = %s %s\n", r->file, figure_kind_name(f->kind),
		f->text, value, f->unit ? f->unit : "");
}

static void describe_reaction(const struct run *r, const struct reaction *x)
{
	fprintf(stderr, "    %s: extra  reaction: %s (%s) %.160s\n", r->file, x->outlet,
		x->country ? x->country : "?", x->text);
}

static void score_quotes(const struct article *a, json_t *gold, struct score *sc,
			 const struct run *r)
{
	SCORE_LIST(a->quotes, a->n_quotes, quote_matches, false, "quote", describe_quote);
}

static void score_figures(const struct article *a, json_t *gold, struct score *sc,
			  const struct run *r)
{
	SCORE_LIST(a->figures, a->n_figures, figure_matches, false, "figure", describe_figure);
}

static void score_reactions(const struct article *a, json_t *gold, struct score *sc,
			    const struct run *r)
{
	SCORE_LIST(a->reactions, a->n_reactions, reaction_matches, true, "reaction",
		   describe_reaction);
}

static bool same_string(json_t *gold, const char *parsed)
{
	if (json_is_null(gold) || gold == NULL)
		return parsed == NULL;
	return parsed != NULL && json_is_string(gold) && strcmp(json_string_value(gold), parsed) == 0;
}

/* Title, subtitle, related (as a list) and the photo: present or not, and
 * when present its credit. */
static void score_meta(const struct article *a, json_t *gold, bool *meta, const struct run *r)
{
	meta[META_TITLE] = same_string(json_object_get(gold, "title"), a->title);
	meta[META_SUBTITLE] = same_string(json_object_get(gold, "subtitle"), a->subtitle);
	json_t *related = json_object_get(gold, "related");
	bool rel = json_array_size(related) == a->n_related;
	for (size_t i = 0; rel && i < a->n_related; i++)
		rel = same_string(json_array_get(related, i), a->related[i]);
	meta[META_RELATED] = rel;
	json_t *photo = json_object_get(gold, "photo");
	bool present = json_is_true(json_object_get(photo, "present"));
	meta[META_PHOTO] = present == (a->photo != NULL) &&
			   (!present || same_string(json_object_get(photo, "credit"), a->photo->credit));
	for (int m = 0; r->verbose && m < META_COUNT; m++)
		if (!meta[m])
			fprintf(stderr, "    %s: wrong %s\n", r->file, meta_names[m]);
}

/* Finds the article of a gold file; returns 0 with the path in out. */
static int article_path(const char *gold_path, const char *file, char *out, size_t cap)
{
	char copy[4096], name[4096];
	snprintf(copy, sizeof copy, "%s", gold_path);
	snprintf(name, sizeof name, "%s", file);
	const char *dir = dirname(copy);
	const char *base = basename(name);
	const char *tries[][2] = {{"%s/../articles/%s", file}, {"%s/%s", file},
				  {"%s/%s", base}, {"%s/../../data/articles/%s", file}};
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		snprintf(out, cap, tries[i][0], dir, tries[i][1]);
		FILE *fp = fopen(out, "r");
		if (fp) {
			fclose(fp);
			return 0;
		}
	}
	return -1;
}

int score_gold(const char *gold_path, const struct tables *t, enum score_rules rules,
	       bool verbose, struct gold_result *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	json_error_t jerr;
	json_t *gold = json_load_file(gold_path, 0, &jerr);
	if (gold == NULL) {
		snprintf(err, errlen, "%s:%d: %s", gold_path, jerr.line, jerr.text);
		return -1;
	}
	const char *file = gold_str(gold, "file");
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
	char shown[4096];
	snprintf(shown, sizeof shown, "%s", gold_path);
	struct run r = {.rules = rules, .verbose = verbose, .file = basename(shown)};
	out->sections_exact = score_sections(a, json_object_get(gold, "sections"),
					     &out->sc[CAT_SECTIONS], &r);
	score_quotes(a, json_object_get(gold, "quotes"), &out->sc[CAT_QUOTES], &r);
	score_figures(a, json_object_get(gold, "figures"), &out->sc[CAT_FIGURES], &r);
	score_figure_fields(a, json_object_get(gold, "figures"), out->fields, verbose, r.file);
	score_reactions(a, json_object_get(gold, "reactions"), &out->sc[CAT_REACTIONS], &r);
	score_speakers(a, json_object_get(gold, "speakers"), &out->speakers, verbose, r.file);
	score_meta(a, gold, out->meta, &r);
	article_free(a);
	json_decref(gold);
	return 0;
}
