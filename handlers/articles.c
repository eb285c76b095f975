/* articles.c - GET /articles: the articles being served, with ?q= to find
 * those whose text contains every word. */
#include <stdlib.h>
#include <string.h>

#include "../text/word_search.h"
#include "lists.h"
#include "resources.h"
#include "search_index.h"

static bool article_has_terms(const struct served_article *s, const struct search_terms *t)
{
	/* Every term somewhere in the title, subtitle or a paragraph (those
	 * from the index: a scan of the text per query would cost its size). */
	const struct article *a = s->model;
	for (size_t k = 0; k < t->n; k++) {
		struct search_terms one = *t;
		memcpy(one.cp[0], t->cp[k], sizeof one.cp[0]);
		one.len[0] = t->len[k];
		one.n = 1;
		size_t n;
		struct search_match m;
		bool hit = search_text(&one, a->title, strlen(a->title), &m, 0, &n) ||
			   (a->subtitle && search_text(&one, a->subtitle, strlen(a->subtitle), &m, 0, &n)) ||
			   search_index_has(s->index, t, k);
		if (!hit)
			return false;
	}
	return true;
}

void handle_articles(const struct request *rq, struct reply *rp)
{
	const struct catalog *c = rq->catalog;
	if (!rq->query.any && !rq->pretty) {
		rp->status = 200;
		rp->prebuilt = &c->articles_list;
		return;
	}
	struct search_terms terms;
	const char *q = query_text(rq, "q");
	char err[128];
	if (q != NULL && search_terms_parse(&terms, q, err, sizeof err) != 0) {
		reply_error(rp, 400, "q", "%s", err);
		return;
	}
	/* Build the list of summaries, then page it like any other list. */
	struct item_list summaries = {0};
	summaries.json = malloc((c->n_articles + 1) * sizeof *summaries.json);
	summaries.len = malloc((c->n_articles + 1) * sizeof *summaries.len);
	size_t *chosen = malloc((c->n_articles + 1) * sizeof *chosen);
	if (!summaries.json || !summaries.len || !chosen) {
		free(summaries.json);
		free(summaries.len);
		free(chosen);
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	size_t limit = (size_t)query_number(rq, "limit");
	size_t offset = (size_t)query_number(rq, "offset");
	size_t total = 0, shown = 0;
	for (size_t i = 0; i < c->n_articles; i++) {
		summaries.json[i] = c->articles[i].summary;
		summaries.len[i] = c->articles[i].summary_len;
		if (q != NULL && !article_has_terms(&c->articles[i], &terms))
			continue;
		if (total >= offset && shown < limit)
			chosen[shown++] = i;
		total++;
	}
	summaries.n = c->n_articles;
	size_t len = 0;
	char *body = envelope(&summaries, chosen, shown, total, offset, limit, &len);
	free(summaries.json); /* the strings belong to the catalog */
	free(summaries.len);
	free(chosen);
	reply_envelope(rq, rp, body, len);
}
