/* figures.c - GET /figures: numbers with meaning; filters kind, section. */
#include <string.h>

#include "lists.h"
#include "resources.h"

static const char *const figure_kinds[] = {"percent", "money",    "date",      "count",
					   "quantity", "multiplier", NULL};

const struct param_spec params_figures[] = {{"kind", PARAM_CHOICE, 0, figure_kinds, 0},
					    {"section", PARAM_STRING, 0, NULL, 0},
					    PARAM_ARTICLE,
					    PARAM_LIMIT,
					    PARAM_OFFSET,
					    PARAM_PRETTY,
					    {NULL}};

static bool keep_figure(const struct request *rq, const struct served_article *s, size_t i)
{
	const struct figure *f = &s->model->figures[i];
	const char *kind = query_text(rq, "kind");
	const char *section = query_text(rq, "section");
	if (kind && strcmp(kind, figure_kind_name(f->kind)) != 0)
		return false;
	if (section && strcmp(section, s->model->sections[f->at.section].id) != 0)
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
	reply_list(rq, rp, &kind);
}
