/* index_page.c - GET /: the web page for a browser (whose Accept prefers
 * HTML), and for anything else an index of the endpoints. */
#include "resources.h"

/* The page reads ?api=URL itself (to talk to another articled). */
const struct param_spec params_index[] = {
	{.name = "api", .type = PARAM_TEXT, .field = QUERY_FIELD(api)},
	PARAM_END,
};

int handle_index(const struct request *rq, struct reply *rp)
{
	rp->vary_accept = true;
	const struct catalog *c = rq->catalog;
	return reply_representation(rp, rq->wants_html ? &c->page : &c->index);
}
