/* list_engine.c - see list_engine.h. */
#include "list_engine.h"

#include <stdlib.h>
#include <string.h>

#include "../served/list_envelope.h"
#include "status.h"

bool list_keep_section(const struct request *rq, const struct served_article *s, size_t i)
{
	const struct item_list *items = &s->items[rq->route->list.items];
	return strcmp(s->model->sections[items->section[i]].id, rq->query.section.id) == 0;
}

/* An item of the page: item `index` of article s's list (for the list of
 * articles, the entry of s). */
struct item_ref {
	const struct served_article *s;
	size_t index;
};

/* The filters the request gives, in the order the route declares them. */
static size_t given_filters(const struct request *rq, item_keep_fn *keep)
{
	size_t n = 0;
	const struct param_spec *params = rq->route->params;
	for (int i = 0; params[i].name != NULL; i++)
		if (params[i].keep != NULL && (rq->query.given & (1u << i)))
			keep[n++] = params[i].keep;
	return n;
}

static bool kept(const struct request *rq, item_keep_fn *keep, size_t n_keep,
		 const struct served_article *s, size_t i)
{
	for (size_t f = 0; f < n_keep; f++)
		if (!keep[f](rq, s, i))
			return false;
	return true;
}

/* Counts the items every filter keeps and puts those of the page in
 * refs (room for p->limit). */
static size_t select_items(const struct request *rq, struct page *p, struct item_ref *refs)
{
	item_keep_fn keep[32];
	size_t n_keep = given_filters(rq, keep), shown = 0;
	const struct list_resource *list = &rq->route->list;
	p->total = 0;
	if (list->source == LIST_OF_ARTICLES) {
		const struct catalog *c = rq->catalog;
		for (size_t a = 0; a < c->n_articles; a++) {
			if (!kept(rq, keep, n_keep, &c->articles[a], a))
				continue;
			if (p->total++ >= p->offset && shown < p->limit)
				refs[shown++] = (struct item_ref){&c->articles[a], a};
		}
		return shown;
	}
	size_t n = request_article_count(rq);
	for (size_t a = 0; a < n; a++) {
		const struct served_article *s = request_article_at(rq, a);
		size_t items = s->items[list->items].n;
		for (size_t i = 0; i < items; i++) {
			if (!kept(rq, keep, n_keep, s, i))
				continue;
			if (p->total++ >= p->offset && shown < p->limit)
				refs[shown++] = (struct item_ref){s, i};
		}
	}
	return shown;
}

/* Writes item r: as it is, or, when the list spans articles, with the
 * article it is of ({"article":"ID", and the item without its "{"). */
static void write_item(struct jsonbuf *b, const struct request *rq, const struct item_ref *r)
{
	size_t len;
	const char *json;
	if (rq->route->list.source == LIST_OF_ARTICLES)
		json = item_list_get(&rq->catalog->summaries, r->index, &len);
	else
		json = item_list_get(&r->s->items[rq->route->list.items], r->index, &len);
	if (!rq->query.articles.given) {
		jsonbuf_raw(b, json, len);
		return;
	}
	jsonbuf_text(b, "{\"article\":");
	jsonbuf_string(b, r->s->id, strlen(r->s->id));
	jsonbuf_text(b, ",");
	jsonbuf_raw(b, json + 1, len - 1);
}

int list_reply(const struct request *rq, struct reply *rp)
{
	const struct list_resource *list = &rq->route->list;
	const struct query *q = &rq->query;
	if (!q->any && !q->pretty)
		return reply_representation(rp, list->source == LIST_OF_ARTICLES
							? &rq->catalog->articles_list
							: &rq->article->first_page[list->items]);
	struct page p = {.offset = q->offset, .limit = q->limit};
	struct item_ref *refs = malloc((q->limit + 1) * sizeof *refs);
	if (refs == NULL)
		return reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
	size_t shown = select_items(rq, &p, refs);
	struct jsonbuf b = {0};
	envelope_begin(&b, &p, NULL);
	for (size_t k = 0; k < shown; k++) {
		if (k > 0)
			jsonbuf_text(&b, ",");
		write_item(&b, rq, &refs[k]);
	}
	envelope_end(&b);
	free(refs);
	size_t len = 0;
	char *body = jsonbuf_take(&b, &len);
	return reply_json_text(rp, body, len);
}
