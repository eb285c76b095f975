/* metrics_hook.c - GET /metrics. The counters belong to the server (one set
 * per serving thread); it registers the function that renders them. */
#include <stdlib.h>

#include "resources.h"

static metrics_render_fn renderer;

void metrics_set_renderer(metrics_render_fn fn)
{
	renderer = fn;
}

void handle_metrics(const struct request *rq, struct reply *rp)
{
	if (renderer == NULL) {
		reply_error(rp, 404, NULL, "metrics are not collected by this process");
		return;
	}
	size_t len = 0;
	char *text = renderer(rq->catalog, &len);
	if (text == NULL) {
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	reply_body(rp, text, len, "text/plain; version=0.0.4; charset=utf-8");
}
