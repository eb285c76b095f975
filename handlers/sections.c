/* sections.c - GET /sections and /sections/{id}: the article's sections
 * with their paragraphs; {id} is the heading's slug, "intro", or the
 * 0-based index. */
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "resources.h"

const struct param_spec params_sections[] = {PARAM_LIMIT, PARAM_OFFSET, PARAM_PRETTY, {NULL}};

static const struct item_list *section_items(const struct served_article *s)
{
	return &s->section_items;
}

static const struct prebuilt *all_sections(const struct served_article *s)
{
	return &s->sections;
}

void handle_sections(const struct request *rq, struct reply *rp)
{
	static const struct list_kind kind = {section_items, all_sections, NULL};
	reply_list(rq, rp, &kind);
}

/* The section named by id, or -1. Digits only: an index ("0", "3"). */
static long find_section(const struct article *a, const char *id)
{
	for (size_t i = 0; i < a->n_sections; i++)
		if (strcmp(a->sections[i].id, id) == 0)
			return (long)i;
	if (*id == '\0' || strlen(id) > 9 || strspn(id, "0123456789") != strlen(id))
		return -1;
	long i = strtol(id, NULL, 10);
	return (size_t)i < a->n_sections ? i : -1;
}

void handle_section(const struct request *rq, struct reply *rp)
{
	const struct served_article *s = rq->article;
	long i = find_section(s->model, rq->path_param);
	if (i < 0) {
		reply_error(rp, 404, NULL,
			    "no section '%.80s'; ids are the slugs and 0-based indexes listed by /sections",
			    rq->path_param);
		return;
	}
	reply_prebuilt(rq, rp, &s->section[i]);
}
