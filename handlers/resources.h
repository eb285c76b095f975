/* resources.h - the handler of every resource, and the query parameters
 * each accepts. The route table (router.c) ties them to paths. */
#ifndef ARTICLED_RESOURCES_H
#define ARTICLED_RESOURCES_H

#include "http.h"

void handle_index(const struct request *rq, struct reply *rp);
void handle_article(const struct request *rq, struct reply *rp);
void handle_sections(const struct request *rq, struct reply *rp);
void handle_section(const struct request *rq, struct reply *rp);
void handle_quotes(const struct request *rq, struct reply *rp);
void handle_figures(const struct request *rq, struct reply *rp);
void handle_reactions(const struct request *rq, struct reply *rp);
void handle_search(const struct request *rq, struct reply *rp);
void handle_articles(const struct request *rq, struct reply *rp);
void handle_healthz(const struct request *rq, struct reply *rp);
void handle_openapi(const struct request *rq, struct reply *rp);
void handle_metrics(const struct request *rq, struct reply *rp);

extern const struct param_spec params_index[];
extern const struct param_spec params_sections[];
extern const struct param_spec params_quotes[];
extern const struct param_spec params_figures[];
extern const struct param_spec params_reactions[];
extern const struct param_spec params_search[];
extern const struct param_spec params_articles[];

/* /metrics is rendered by the server, which owns the counters. */
typedef char *(*metrics_render_fn)(const struct catalog *c, size_t *len);
void metrics_set_renderer(metrics_render_fn fn);

#endif
