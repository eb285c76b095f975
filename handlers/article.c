/* article.c - GET /article: the article's metadata, table of contents and
 * counts; and GET / : the web page for browsers, an index for the rest. */
#include "resources.h"

void handle_article(const struct request *rq, struct reply *rp)
{
	reply_prebuilt(rq, rp, &rq->article->meta);
}

/* The page reads ?api=URL itself (to talk to another articled). */
const struct param_spec params_index[] = {{"api", PARAM_STRING, 0, NULL, 0}, {NULL}};

void handle_index(const struct request *rq, struct reply *rp)
{
	rp->status = 200;
	rp->vary_accept = true;
	rp->prebuilt = rq->wants_html ? &rq->catalog->page : &rq->catalog->index;
}
