/* articles.c - GET /articles: the articles being served (a list), with ?q=
 * to find those whose text contains every word. */
#include <string.h>

#include "../served/search_index.h"
#include "resources.h"

/* Term k of t alone, as search_text() takes it. */
static void one_term(const struct search_terms *t, size_t k, struct search_terms *one)
{
	memcpy(one->cp[0], t->cp[k], sizeof one->cp[0]);
	one->len[0] = t->len[k];
	one->text[0] = t->text[k];
	one->n = 1;
}

/* Term k (one, alone) in the title, subtitle or a paragraph of the
 * article (those from its index: a scan of the text per query would
 * cost its size). */
static bool has_term(const struct served_article *s, const struct search_terms *t, size_t k,
		     const struct search_terms *one)
{
	const struct article *a = s->model;
	size_t n;
	struct search_match m;
	return search_text(one, a->title, strlen(a->title), &m, 0, &n) ||
	       (a->subtitle && search_text(one, a->subtitle, strlen(a->subtitle), &m, 0, &n)) ||
	       search_index_has(s->index, t, k);
}

/* Every word of q somewhere in the article. */
static bool keep_words(const struct request *rq, const struct served_article *s, size_t i)
{
	(void)i;
	const struct search_terms *t = &rq->query.q.terms;
	struct search_terms one;
	for (size_t k = 0; k < t->n; k++) {
		one_term(t, k, &one);
		if (!has_term(s, t, k, &one))
			return false;
	}
	return true;
}

/* The same for every article: each term's articles from the catalog's
 * words (a term of letters and digits); a term with other characters is
 * searched in the articles whose words allow it. */
static size_t count_words(const struct request *rq, uint32_t *counts)
{
	const struct catalog *c = rq->catalog;
	const struct search_terms *t = &rq->query.q.terms;
	unsigned char *has = malloc(c->n_articles + 1), *all = malloc(c->n_articles + 1);
	size_t total = 0;
	if (has == NULL || all == NULL) {
		/* Out of memory: visit them one by one. */
		for (size_t a = 0; a < c->n_articles; a++)
			total += counts[a] += keep_words(rq, &c->articles[a], a);
		free(has);
		free(all);
		return total;
	}
	memset(all, 1, c->n_articles);
	struct search_terms one;
	for (size_t k = 0; k < t->n; k++) {
		memset(has, 0, c->n_articles);
		bool exact = false;
		if (!list_index_term_articles(&c->lists, t->cp[k], t->len[k], has, &exact))
			memset(has, 1, c->n_articles); /* every article may have it */
		if (!exact) {
			/* Those where the words say it may be: searched. */
			one_term(t, k, &one);
			for (size_t a = 0; a < c->n_articles; a++)
				has[a] = has[a] && all[a] && has_term(&c->articles[a], t, k, &one);
		}
		for (size_t a = 0; a < c->n_articles; a++)
			all[a] &= has[a];
	}
	for (size_t a = 0; a < c->n_articles; a++) {
		counts[a] += all[a];
		total += all[a];
	}
	free(has);
	free(all);
	return total;
}

const struct param_spec params_articles[] = {
	{.name = "q", .type = PARAM_WORDS, .field = QUERY_FIELD(q), .keep = keep_words,
	 .count = count_words},
	PARAM_LIMIT,
	PARAM_OFFSET,
	PARAM_FORMAT,
	PARAM_PRETTY,
	PARAM_END,
};
