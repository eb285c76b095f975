/* figures.c - GET /figures: numbers with meaning; filters kind, section,
 * measure (every word, as /search matches words), change, unit, and
 * article= across articles. */
#include <string.h>
#include <strings.h>

#include "resources.h"

static const struct param_choice figure_kinds[] = {
	{"percent", FIGURE_PERCENT},   {"money", FIGURE_MONEY},
	{"date", FIGURE_DATE},         {"count", FIGURE_COUNT},
	{"quantity", FIGURE_QUANTITY}, {"multiplier", FIGURE_MULTIPLIER},
	{NULL, 0},
};

static const struct param_choice figure_changes[] = {
	{"increase", FIGURE_INCREASE},
	{"decrease", FIGURE_DECREASE},
	{NULL, 0},
};

static const struct figure *figure_of(const struct served_article *s, size_t i)
{
	return &s->model->figures[i];
}

static bool keep_kind(const struct request *rq, const struct served_article *s, size_t i)
{
	return (int)figure_of(s, i)->kind == rq->query.figure_kind;
}

static bool keep_change(const struct request *rq, const struct served_article *s, size_t i)
{
	return (int)figure_of(s, i)->change == rq->query.figure_change;
}

static void kind_value(const struct served_article *s, enum served_list list, size_t i,
		       struct jsonbuf *key)
{
	(void)list;
	item_value_number(key, (int)figure_of(s, i)->kind);
}

static void change_value(const struct served_article *s, enum served_list list, size_t i,
			 struct jsonbuf *key)
{
	(void)list;
	item_value_number(key, (int)figure_of(s, i)->change);
}

/* Does the figure's measure hold every word of measure=, each where a
 * word begins ("traffic" in "freight traffic between the ports")? A
 * figure without a measure never does. */
static bool keep_measure(const struct request *rq, const struct served_article *s, size_t i)
{
	const char *measure = figure_of(s, i)->measure;
	size_t n;
	struct search_match m;
	return measure != NULL &&
	       search_text(&rq->query.measure.terms, measure, strlen(measure), &m, 0, &n);
}

static void measure_value(const struct served_article *s, enum served_list list, size_t i,
			  struct jsonbuf *key)
{
	(void)list;
	item_value_text(key, figure_of(s, i)->measure);
}

/* The unit as the figure gives it, in any case: "usd" finds dollars. */
static bool keep_unit(const struct request *rq, const struct served_article *s, size_t i)
{
	const char *unit = figure_of(s, i)->unit;
	return unit != NULL && strcasecmp(unit, rq->query.unit) == 0;
}

static void unit_value(const struct served_article *s, enum served_list list, size_t i,
		       struct jsonbuf *key)
{
	(void)list;
	item_value_text(key, figure_of(s, i)->unit);
}

const struct param_spec params_figures[] = {
	{.name = "kind", .type = PARAM_CHOICE, .field = QUERY_FIELD(figure_kind),
	 .choices = figure_kinds, .keep = keep_kind, .value = kind_value},
	PARAM_SECTION_FILTER,
	{.name = "measure", .type = PARAM_WORDS, .field = QUERY_FIELD(measure),
	 .example = "/figures?measure=trade+turnover", .keep = keep_measure,
	 .value = measure_value},
	{.name = "change", .type = PARAM_CHOICE, .field = QUERY_FIELD(figure_change),
	 .choices = figure_changes, .keep = keep_change, .value = change_value},
	{.name = "unit", .type = PARAM_TEXT, .field = QUERY_FIELD(unit), .keep = keep_unit,
	 .value = unit_value},
	PARAM_ARTICLES_PICK,
	PARAM_LIMIT,
	PARAM_OFFSET,
	PARAM_FORMAT,
	PARAM_PRETTY,
	PARAM_END,
};
