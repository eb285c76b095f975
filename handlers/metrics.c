/* metrics.c - GET /metrics. The counters belong to the server (one set per
 * serving thread); it registers the function that renders them. */
#include <stdlib.h>

#include "../api/status.h"
#include "resources.h"

static metrics_render_fn renderer;

void metrics_set_renderer(metrics_render_fn fn)
{
	renderer = fn;
}

int handle_metrics(const struct request *rq, struct reply *rp)
{
	if (renderer == NULL)
		return reply_error(rp, STATUS_NOT_FOUND, NULL,
				   "metrics are not collected by this process");
	size_t len = 0;
	char *text = renderer(rq->catalog, &len);
	return reply_body(rp, text, len, "text/plain; version=0.0.4; charset=utf-8");
}
