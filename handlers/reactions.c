/* reactions.c - GET /reactions: what media outlets said; filters outlet
 * (case-insensitive substring), country (ISO 3166-1 alpha-2). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "lists.h"
#include "resources.h"

const struct param_spec params_reactions[] = {{"outlet", PARAM_STRING, 0, NULL, 0},
					      {"country", PARAM_STRING, 0, NULL, 0},
					      PARAM_ARTICLE,
					      PARAM_LIMIT,
					      PARAM_OFFSET,
					      PARAM_PRETTY,
					      {NULL}};

static bool keep_reaction(const struct request *rq, const struct served_article *s, size_t i)
{
	const struct reaction *r = &s->model->reactions[i];
	const char *outlet = query_text(rq, "outlet");
	const char *country = query_text(rq, "country");
	if (outlet && !contains_folded_text(r->outlet, outlet))
		return false;
	if (country && (r->country == NULL || strcasecmp(country, r->country) != 0))
		return false;
	return true;
}

static const struct item_list *reaction_items(const struct served_article *s)
{
	return &s->reaction_items;
}

static const struct prebuilt *all_reactions(const struct served_article *s)
{
	return &s->reactions;
}

void handle_reactions(const struct request *rq, struct reply *rp)
{
	const char *country = query_text(rq, "country");
	if (country && !(strlen(country) == 2 && isalpha((unsigned char)country[0]) &&
			 isalpha((unsigned char)country[1]))) {
		reply_error(rp, 400, "country",
			    "country must be an ISO 3166-1 alpha-2 code such as JP or US, not '%.40s'",
			    country);
		return;
	}
	static const struct list_kind kind = {reaction_items, all_reactions, keep_reaction};
	reply_list(rq, rp, &kind);
}
