/* routes.c - see routes.h. The table is in the order of /metrics; the
 * endpoint index lists the routes in it in this order too. */
#include "routes.h"

#include "../handlers/resources.h"

/* Each route: where it is (path, scope, methods), what its answers are
 * (flags), how it is named (metric labels, the endpoint index), and what
 * answers it (parameters, list, handler). */
/* clang-format off */
const struct route routes[] = {
	{.pattern = "/", .scope = SCOPE_ROOT, .methods = METHODS_READ,
	 .flags = ROUTE_HTML_PAGE | ROUTE_CACHEABLE,
	 .metric = "/",
	 .params = params_index, .handler = handle_index},
	/* /articles/{id} itself is the article's /article. */
	{.pattern = "/article", .scope = SCOPE_ARTICLE, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_ARTICLE_ROOT,
	 .metric = "/article", .scoped_metric = "/articles/{id}", .index_entry = "/article",
	 .params = params_pretty, .handler = handle_article},
	{.pattern = "/sections", .scope = SCOPE_ARTICLE, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .metric = "/sections", .scoped_metric = "/articles/{id}/sections",
	 .index_entry = "/sections",
	 .params = params_sections, .list = {LIST_OF_ITEMS, LIST_SECTIONS, columns_sections},
	 .handler = list_reply},
	{.pattern = "/sections/{id}", .scope = SCOPE_ARTICLE, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE,
	 .metric = "/sections/{id}", .scoped_metric = "/articles/{id}/sections/{id}",
	 .index_entry = "/sections/{id}",
	 .params = params_pretty, .handler = handle_section},
	{.pattern = "/quotes", .scope = SCOPE_ARTICLE, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .metric = "/quotes", .scoped_metric = "/articles/{id}/quotes", .index_entry = "/quotes",
	 .params = params_quotes, .list = {LIST_OF_ITEMS, LIST_QUOTES, columns_quotes},
	 .handler = list_reply},
	/* A list; across articles (article=) one item per name. */
	{.pattern = "/speakers", .scope = SCOPE_ARTICLE, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .metric = "/speakers", .scoped_metric = "/articles/{id}/speakers",
	 .index_entry = "/speakers",
	 .params = params_speakers, .list = {LIST_OF_ITEMS, LIST_SPEAKERS, columns_speakers, &speakers_merge,
		  columns_speakers_merged},
	 .handler = list_reply},
	{.pattern = "/figures", .scope = SCOPE_ARTICLE, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .metric = "/figures", .scoped_metric = "/articles/{id}/figures", .index_entry = "/figures",
	 .params = params_figures, .list = {LIST_OF_ITEMS, LIST_FIGURES, columns_figures},
	 .handler = list_reply},
	{.pattern = "/reactions", .scope = SCOPE_ARTICLE, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .metric = "/reactions", .scoped_metric = "/articles/{id}/reactions",
	 .index_entry = "/reactions",
	 .params = params_reactions, .list = {LIST_OF_ITEMS, LIST_REACTIONS, columns_reactions},
	 .handler = list_reply},
	/* A list, paged in the envelope, of what the search index finds. */
	{.pattern = "/search", .scope = SCOPE_ARTICLE, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .metric = "/search", .scoped_metric = "/articles/{id}/search", .index_entry = "/search?q=",
	 .params = params_search, .list = {LIST_NONE, 0, columns_search},
	 .handler = handle_search},
	{.pattern = "/articles", .scope = SCOPE_ROOT, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE | ROUTE_LIST,
	 .metric = "/articles", .index_entry = "/articles",
	 .params = params_articles, .list = {LIST_OF_ARTICLES, 0, columns_articles},
	 .handler = list_reply},
	/* Any article on demand: the text in the body, the whole model out.
	 * Not cacheable: each body is another question. */
	{.pattern = "/parse", .scope = SCOPE_ROOT, .methods = METHOD_POST | METHOD_OPTIONS,
	 .flags = 0,
	 .metric = "/parse", .index_entry = "POST /parse",
	 .params = params_parse, .handler = handle_parse},
	{.pattern = "/healthz", .scope = SCOPE_ROOT, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE,
	 .metric = "/healthz", .index_entry = "/healthz",
	 .params = params_pretty, .handler = handle_healthz},
	/* Not cacheable: its body changes by itself. */
	{.pattern = "/metrics", .scope = SCOPE_ROOT, .methods = METHODS_READ,
	 .flags = 0,
	 .metric = "/metrics", .index_entry = "/metrics",
	 .params = params_none, .handler = handle_metrics},
	{.pattern = "/openapi.json", .scope = SCOPE_ROOT, .methods = METHODS_READ,
	 .flags = ROUTE_CACHEABLE,
	 .metric = "/openapi.json", .index_entry = "/openapi.json",
	 .params = params_pretty, .handler = handle_openapi},
};
/* clang-format on */

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

size_t routes_columns(struct item_column_spec *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < ROUTE_COUNT; i++) {
		const struct route *r = &routes[i];
		if (r->list.source != LIST_OF_ITEMS)
			continue;
		item_value_fn values[33];
		size_t n_values = 0;
		for (const struct param_spec *p = r->params; p->name != NULL && n_values < 32; p++)
			if (p->value != NULL)
				values[n_values++] = p->value;
		if (r->list.merge != NULL)
			values[n_values++] = r->list.merge->key;
		for (size_t v = 0; v < n_values; v++) {
			bool seen = false;
			for (size_t k = 0; k < n && !seen; k++)
				seen = out[k].list == r->list.items && out[k].value == values[v];
			if (!seen && n < max)
				out[n++] = (struct item_column_spec){r->list.items, values[v]};
		}
	}
	return n;
}
