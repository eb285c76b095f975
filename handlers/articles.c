/* articles.c - GET /articles: the articles being served (a list), with ?q=
 * to find those whose text contains every word. */
#include <string.h>

#include "../served/search_index.h"
#include "resources.h"

/* Every word of q somewhere in the title, subtitle or a paragraph (those
 * from the index: a scan of the text per query would cost its size). */
static bool keep_words(const struct request *rq, const struct served_article *s, size_t i)
{
	(void)i;
	const struct search_terms *t = &rq->query.q.terms;
	const struct article *a = s->model;
	for (size_t k = 0; k < t->n; k++) {
		struct search_terms one = *t;
		memcpy(one.cp[0], t->cp[k], sizeof one.cp[0]);
		one.len[0] = t->len[k];
		one.n = 1;
		size_t n;
		struct search_match m;
		bool hit = search_text(&one, a->title, strlen(a->title), &m, 0, &n) ||
			   (a->subtitle &&
			    search_text(&one, a->subtitle, strlen(a->subtitle), &m, 0, &n)) ||
			   search_index_has(s->index, t, k);
		if (!hit)
			return false;
	}
	return true;
}

const struct param_spec params_articles[] = {
	{.name = "q", .type = PARAM_WORDS, .field = QUERY_FIELD(q), .keep = keep_words},
	PARAM_LIMIT,
	PARAM_OFFSET,
	PARAM_FORMAT,
	PARAM_PRETTY,
	PARAM_END,
};
