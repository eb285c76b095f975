/* resources.h - the handler of every resource and the query parameters
 * each declares; the route table (http/routes.c) ties them to paths. The
 * lists are answered by the list engine (api/list_engine.h) and declare
 * only their filters here.
 */
#ifndef ARTICLED_RESOURCES_H
#define ARTICLED_RESOURCES_H

#include "../api/list_engine.h"
#include "../api/reply.h"
#include "../api/request.h"

int handle_index(const struct request *rq, struct reply *rp);
int handle_article(const struct request *rq, struct reply *rp);
int handle_section(const struct request *rq, struct reply *rp);
int handle_search(const struct request *rq, struct reply *rp);
int handle_healthz(const struct request *rq, struct reply *rp);
int handle_openapi(const struct request *rq, struct reply *rp);
int handle_metrics(const struct request *rq, struct reply *rp);
int handle_parse(const struct request *rq, struct reply *rp);

extern const struct param_spec params_index[];
extern const struct param_spec params_sections[];
extern const struct param_spec params_quotes[];
extern const struct param_spec params_speakers[];
/* /speakers across articles: one item per name. */
extern const struct list_merge speakers_merge;
extern const struct param_spec params_figures[];
extern const struct param_spec params_reactions[];
extern const struct param_spec params_search[];
extern const struct param_spec params_articles[];
extern const struct param_spec params_parse[];

/* /metrics is rendered by the server, which owns the counters. */
typedef char *(*metrics_render_fn)(const struct catalog *c, size_t *len);
void metrics_set_renderer(metrics_render_fn fn);

#endif
