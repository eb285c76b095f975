/* figures.c - GET /figures: numbers with meaning; filters kind, section,
 * measure (every word, as /search matches words) and change. */
#include <string.h>

#include "../text/word_search.h"
#include "lists.h"
#include "resources.h"

static const char *const figure_kinds[] = {"percent", "money",    "date",      "count",
					   "quantity", "multiplier", NULL};
static const char *const figure_changes[] = {"increase", "decrease", NULL};

const struct param_spec params_figures[] = {{"kind", PARAM_CHOICE, 0, figure_kinds, 0},
					    {"section", PARAM_STRING, 0, NULL, 0},
					    {"measure", PARAM_STRING, 0, NULL, 0},
					    {"change", PARAM_CHOICE, 0, figure_changes, 0},
					    PARAM_ARTICLE,
					    PARAM_LIMIT,
					    PARAM_OFFSET,
					    PARAM_PRETTY,
					    {NULL}};

/* Does the figure's measure hold every word of the measure parameter, each
 * where a word begins ("turnover" in "trade turnover between the
 * countries")? A figure without a measure never does. The words were
 * checked by handle_figures. */
static bool measure_matches(const char *want, const struct figure *f)
{
	struct search_terms terms;
	char err[128];
	size_t n;
	struct search_match m;
	return f->measure != NULL && search_terms_parse(&terms, want, err, sizeof err) == 0 &&
	       search_text(&terms, f->measure, strlen(f->measure), &m, 0, &n);
}

static bool keep_figure(const struct request *rq, const struct served_article *s, size_t i)
{
	const struct figure *f = &s->model->figures[i];
	const char *kind = query_text(rq, "kind");
	const char *section = query_text(rq, "section");
	const char *measure = query_text(rq, "measure");
	const char *change = query_text(rq, "change");
	if (kind && strcmp(kind, figure_kind_name(f->kind)) != 0)
		return false;
	if (section && strcmp(section, s->model->sections[f->at.section].id) != 0)
		return false;
	if (change && (f->change == FIGURE_NO_CHANGE ||
		       strcmp(change, figure_change_name(f->change)) != 0))
		return false;
	if (measure && !measure_matches(measure, f))
		return false;
	return true;
}

static const struct item_list *figure_items(const struct served_article *s)
{
	return &s->figure_items;
}

static const struct prebuilt *all_figures(const struct served_article *s)
{
	return &s->figures;
}

void handle_figures(const struct request *rq, struct reply *rp)
{
	static const struct list_kind kind = {figure_items, all_figures, keep_figure};
	const char *measure = query_text(rq, "measure");
	struct search_terms terms;
	char err[128];
	if (measure != NULL && search_terms_parse(&terms, measure, err, sizeof err) != 0) {
		reply_error(rp, 400, "measure",
			    "measure takes 1 to %d words of at most %d characters, as in "
			    "/figures?measure=trade+turnover",
			    SEARCH_MAX_TERMS, SEARCH_MAX_TERM);
		return;
	}
	reply_list(rq, rp, &kind);
}
