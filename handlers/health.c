/* health.c - GET /healthz, /openapi.json and /articles: documents of the
 * whole catalog, prebuilt at load time. */
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "resources.h"

const struct param_spec params_articles[] = {
	{"q", PARAM_STRING, 0, NULL, 0}, PARAM_LIMIT, PARAM_OFFSET, PARAM_PRETTY, {NULL}};

void handle_healthz(const struct request *rq, struct reply *rp)
{
	reply_prebuilt(rq, rp, &rq->catalog->healthz);
}

void handle_openapi(const struct request *rq, struct reply *rp)
{
	reply_prebuilt(rq, rp, &rq->catalog->openapi);
}
