/* reactions.c - GET /reactions: what media outlets said; filters outlet
 * (case-insensitive substring), country (ISO 3166-1 alpha-2), and
 * article= across articles. */
#include <strings.h>

#include "../text/fold.h"
#include "resources.h"

static const struct reaction *reaction_of(const struct served_article *s, size_t i)
{
	return &s->model->reactions[i];
}

static bool keep_outlet(const struct request *rq, const struct served_article *s, size_t i)
{
	return fold_contains(reaction_of(s, i)->outlet, rq->query.outlet);
}

static void outlet_value(const struct served_article *s, enum served_list list, size_t i,
			 struct jsonbuf *key)
{
	(void)list;
	item_value_text(key, reaction_of(s, i)->outlet);
}

static bool keep_country(const struct request *rq, const struct served_article *s, size_t i)
{
	const char *country = reaction_of(s, i)->country;
	return country != NULL && strcasecmp(country, rq->query.country) == 0;
}

static void country_value(const struct served_article *s, enum served_list list, size_t i,
			  struct jsonbuf *key)
{
	(void)list;
	item_value_text(key, reaction_of(s, i)->country);
}

const struct param_spec params_reactions[] = {
	{.name = "outlet", .type = PARAM_TEXT, .field = QUERY_FIELD(outlet), .keep = keep_outlet,
	 .value = outlet_value},
	{.name = "country", .type = PARAM_COUNTRY, .field = QUERY_FIELD(country),
	 .keep = keep_country, .value = country_value},
	PARAM_ARTICLES_PICK,
	PARAM_LIMIT,
	PARAM_OFFSET,
	PARAM_FORMAT,
	PARAM_PRETTY,
	PARAM_END,
};
