/* routes.h - the route table: every resource of the API, once, with its
 * path, scope, methods, flags, metric labels, place in the endpoint index,
 * parameters, list and handler (api/route.h says what each means). The
 * router matches it, the metrics count by it, Allow and the endpoint index
 * come from it, and a test holds web/openapi.json to it.
 */
#ifndef ARTICLED_ROUTES_H
#define ARTICLED_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "../api/request.h"
#include "../api/route.h"
#include "../served/item_columns.h"

/* The number of routes: a constant, so that the metrics can size their
 * counters by it (routes.c checks that the table has as many). */
enum { ROUTE_COUNT = 14 };

extern const struct route routes[ROUTE_COUNT];

/* The label of route i in /metrics, under /articles/{id} or not;
 * "unmatched" for i out of the table (a request no route matched). */
const char *route_metric_label(size_t i, bool scoped);

/* What the endpoint index at / lists, in the order of the table, into
 * out (NULL-terminated). */
void routes_index(const char *out[ROUTE_COUNT + 1]);

/* The columns the lists of article items read across every article
 * (each param_spec.value and list_merge.key with its list), each once,
 * into out (room for max). Returns how many. */
size_t routes_columns(struct item_column_spec *out, size_t max);

#endif
