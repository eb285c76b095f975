/* routes.c - see routes.h. The table is in the order of /metrics; the
 * endpoint index lists the routes in it in this order too. */
#include "routes.h"

#include "../handlers/resources.h"

/* A resource of an article: at the root for the default article, and under
 * /articles/{id} for any. */
#define ARTICLE_RESOURCE(path) \
	.pattern = path, .scope = SCOPE_ARTICLE, .metric = path, .scoped_metric = "/articles/{id}" path

const struct route routes[] = {
	{.pattern = "/", .scope = SCOPE_ROOT, .metric = "/", .methods = METHODS_READ,
	 .flags = ROUTE_HTML_PAGE | ROUTE_CACHEABLE, .params = params_index,
	 .handler = handle_index},
	/* /articles/{id} itself is the article's /article. */
	{.pattern = "/article", .scope = SCOPE_ARTICLE, .metric = "/article",
	 .scoped_metric = "/articles/{id}", .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_ARTICLE_ROOT, .index_entry = "/article",
	 .params = params_pretty, .handler = handle_article},
	{ARTICLE_RESOURCE("/sections"), .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST, .index_entry = "/sections",
	 .params = params_sections, .list = {.source = LIST_OF_ARTICLE_ITEMS, .items = LIST_SECTIONS},
	 .handler = list_reply},
	{ARTICLE_RESOURCE("/sections/{id}"), .methods = METHODS_READ, .flags = ROUTE_CACHEABLE,
	 .index_entry = "/sections/{id}", .params = params_pretty, .handler = handle_section},
	{ARTICLE_RESOURCE("/quotes"), .methods = METHODS_READ, .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .index_entry = "/quotes", .params = params_quotes,
	 .list = {.source = LIST_OF_ARTICLE_ITEMS, .items = LIST_QUOTES}, .handler = list_reply},
	{ARTICLE_RESOURCE("/figures"), .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST, .index_entry = "/figures",
	 .params = params_figures, .list = {.source = LIST_OF_ARTICLE_ITEMS, .items = LIST_FIGURES},
	 .handler = list_reply},
	{ARTICLE_RESOURCE("/reactions"), .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST, .index_entry = "/reactions",
	 .params = params_reactions, .list = {.source = LIST_OF_ARTICLE_ITEMS, .items = LIST_REACTIONS},
	 .handler = list_reply},
	{ARTICLE_RESOURCE("/search"), .methods = METHODS_READ, .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .index_entry = "/search?q=", .params = params_search, .handler = handle_search},
	{.pattern = "/articles", .scope = SCOPE_ROOT, .metric = "/articles", .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST, .index_entry = "/articles",
	 .params = params_articles, .list = {.source = LIST_OF_ARTICLES},
	 .handler = list_reply},
	{.pattern = "/healthz", .scope = SCOPE_ROOT, .metric = "/healthz", .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE, .index_entry = "/healthz", .params = params_pretty,
	 .handler = handle_healthz},
	/* Not cacheable: its body changes by itself. */
	{.pattern = "/metrics", .scope = SCOPE_ROOT, .metric = "/metrics", .methods = METHODS_READ,
	 .index_entry = "/metrics", .params = params_none, .handler = handle_metrics},
	{.pattern = "/openapi.json", .scope = SCOPE_ROOT, .metric = "/openapi.json",
	 .methods = METHODS_READ, .flags = ROUTE_CACHEABLE, .index_entry = "/openapi.json",
	 .params = params_pretty, .handler = handle_openapi},
};

_Static_assert(sizeof routes / sizeof routes[0] == ROUTE_COUNT,
	       "ROUTE_COUNT must be the number of routes in the table");

const char *route_metric_label(size_t i, bool scoped)
{
	if (i >= ROUTE_COUNT)
		return "unmatched";
	return scoped && routes[i].scoped_metric ? routes[i].scoped_metric : routes[i].metric;
}

void routes_index(const char *out[ROUTE_COUNT + 1])
{
	size_t n = 0;
	for (size_t i = 0; i < ROUTE_COUNT; i++)
		if (routes[i].index_entry != NULL)
			out[n++] = routes[i].index_entry;
	out[n] = NULL;
}
