/* score_fields.c - see score_fields.h. */
#include "score_fields.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../text/fold.h"

const char *const figure_field_names[FIELD_COUNT] = {
	"measure", "change", "qualifier", "per", "value_to", "period", "compared_to",
};

/* A measure may say a little more than the gold's, not a clause more. */
enum { MEASURE_EXTRA_WORDS = 3 };

static const char *const field_keys[FIELD_COUNT] = {
	"measure", "change", "qualifier", "per", "value_to", "period", "compared_to",
};

/* Splits the folded s into words (letters, digits and inner marks kept,
 * other punctuation dropped) in buf; returns their count, at most max. */
static size_t words_of(const char *s, char *buf, size_t cap, char **w, size_t max)
{
	size_t len = fold_text(s, strlen(s), buf, cap), n = 0;
	if (len == (size_t)-1)
		return 0;
	for (size_t i = 0; i <= len && n < max;) {
		while (i < len && (buf[i] == ' ' || buf[i] == ',' || buf[i] == '"'))
			buf[i++] = '\0';
		if (i >= len)
			break;
		w[n++] = &buf[i];
		while (i < len && buf[i] != ' ' && buf[i] != ',' && buf[i] != '"')
			i++;
	}
	return n;
}

/* The gold measure's words, in order and together, among the parsed
 * measure's, which has at most MEASURE_EXTRA_WORDS more. */
static bool measure_matches(const char *gold, const char *parsed)
{
	char gb[512], pb[512];
	char *gw[64], *pw[64];
	size_t gn = words_of(gold, gb, sizeof gb, gw, 64),
	       pn = words_of(parsed, pb, sizeof pb, pw, 64);
	if (gn == 0 || pn < gn || pn > gn + MEASURE_EXTRA_WORDS)
		return false;
	for (size_t at = 0; at + gn <= pn; at++) {
		size_t k = 0;
		while (k < gn && strcmp(gw[k], pw[at + k]) == 0)
			k++;
		if (k == gn)
			return true;
	}
	return false;
}

/* The parsed field as JSON-comparable parts: a string, or a number. */
static bool parsed_field(const struct figure *f, int field, const char **str, double *num,
			 bool *is_num)
{
	*str = NULL;
	*is_num = false;
	switch (field) {
	case FIELD_MEASURE:
		*str = f->measure;
		break;
	case FIELD_CHANGE:
		*str = figure_change_name(f->change);
		break;
	case FIELD_QUALIFIER:
		*str = f->qualifier;
		break;
	case FIELD_PER:
		*str = f->per;
		break;
	case FIELD_VALUE_TO:
		if (!f->range)
			return false;
		if (f->kind == FIGURE_DATE) {
			*str = f->date_to;
		} else {
			*num = f->number_to;
			*is_num = true;
			return true;
		}
		break;
	case FIELD_PERIOD: /* the gold names a date figure by its text */
		*str = f->period ? f->period->text : NULL;
		break;
	case FIELD_COMPARED_TO:
		*str = f->compared_to ? f->compared_to->text : NULL;
		break;
	}
	return *str != NULL;
}

static bool same_field(int field, json_t *g, const char *str, double num, bool is_num)
{
	if (is_num)
		return json_is_number(g) &&
		       fabs(json_number_value(g) - num) <= 1e-9 * fmax(1.0, fabs(num));
	if (!json_is_string(g) || str == NULL)
		return false;
	if (field == FIELD_MEASURE)
		return measure_matches(json_string_value(g), str);
	return strcmp(json_string_value(g), str) == 0;
}

static void say(bool verbose, const char *file, const char *field, json_t *item, json_t *want,
		const char *got, double num, bool is_num)
{
	if (!verbose)
		return;
	char *w = json_dumps(want, JSON_ENCODE_ANY);
	char gotbuf[64];
	if (is_num)
		snprintf(gotbuf, sizeof gotbuf, "%.15g", num);
	fprintf(stderr, "    %s: figure '%s': %s should be %s, is %s\n", file,
		json_string_value(json_object_get(item, "text")), field, w ? w : "?",
		is_num ? gotbuf
		: got  ? got
		       : "null");
	free(w);
}

void score_figure_fields(const struct article *a, json_t *gold, struct field_score *out,
			 bool verbose, const char *file)
{
	bool *used = calloc(a->n_figures + 1, 1);
	if (used == NULL)
		return;
	size_t i;
	json_t *g;
	json_array_foreach(gold, i, g)
	{
		const char *text = json_string_value(json_object_get(g, "text"));
		const char *kind = json_string_value(json_object_get(g, "kind"));
		const struct figure *pair = NULL;
		for (size_t k = 0; k < a->n_figures && pair == NULL && text && kind; k++) {
			const struct figure *f = &a->figures[k];
			if (!used[k] && strcmp(f->text, text) == 0 &&
			    strcmp(figure_kind_name(f->kind), kind) == 0) {
				used[k] = true;
				pair = f;
			}
		}
		for (int field = 0; field < FIELD_COUNT; field++) {
			json_t *want = json_object_get(g, field_keys[field]);
			if (want == NULL)
				continue;
			const char *str = NULL;
			double num = 0;
			bool is_num = false,
			     has = pair && parsed_field(pair, field, &str, &num, &is_num);
			bool same = has && same_field(field, want, str, num, is_num);
			struct field_score *sc = &out[field];
			if (!json_is_null(want)) {
				sc->gold++;
				sc->found += same;
			}
			if (has) {
				sc->parsed++;
				sc->right += same;
			}
			if (!same && (has || !json_is_null(want)) && (pair || !json_is_null(want)))
				say(verbose, file, figure_field_names[field], g, want, str, num,
				    is_num);
		}
	}
	free(used);
}

void field_scores_add(struct field_score *total, const struct field_score *one)
{
	for (int f = 0; f < FIELD_COUNT; f++) {
		total[f].gold += one[f].gold;
		total[f].found += one[f].found;
		total[f].parsed += one[f].parsed;
		total[f].right += one[f].right;
	}
}

void field_scores_print(FILE *fp, const char *indent, const struct field_score *sc)
{
	bool any = false;
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (sc[f].gold == 0 && sc[f].parsed == 0)
			continue;
		fprintf(fp, "%s%s %zu/%zu found, %zu/%zu right", any ? ",  " : indent,
			figure_field_names[f], sc[f].found, sc[f].gold, sc[f].right, sc[f].parsed);
		any = true;
	}
	if (any)
		fputc('\n', fp);
}
