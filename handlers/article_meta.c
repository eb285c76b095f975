/* article_meta.c - GET /article (and /articles/{id}): the article's
 * metadata, table of contents and counts. */
#include "resources.h"

int handle_article(const struct request *rq, struct reply *rp)
{
	return reply_representation(rp, &rq->article->meta);
}
