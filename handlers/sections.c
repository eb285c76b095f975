/* sections.c - GET /sections (a list: limit, offset) and /sections/{id}:
 * the article's sections with their paragraphs; {id} is the heading's
 * slug, "intro", or the 0-based index. */
#include <stdlib.h>
#include <string.h>

#include "../api/status.h"
#include "resources.h"

const struct param_spec params_sections[] = {PARAM_LIMIT, PARAM_OFFSET, PARAM_FORMAT, PARAM_PRETTY,
						   PARAM_END};

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

int handle_section(const struct request *rq, struct reply *rp)
{
	const struct served_article *s = rq->article;
	long i = find_section(s->model, rq->path_param);
	if (i < 0)
		return reply_error(rp, STATUS_NOT_FOUND, NULL,
				   "no section '%.80s'; ids are the slugs and 0-based indexes "
				   "listed by /sections",
				   rq->path_param);
	return reply_representation(rp, &s->section[i]);
}
