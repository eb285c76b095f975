/* list_engine.c - see list_engine.h. */
#include "list_engine.h"

#include <stdio.h>
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

/* Writes item r, naming its article when the list spans articles. */
static void write_item(struct list_writer *w, const struct request *rq, const struct item_ref *r)
{
	size_t len;
	const char *json;
	if (rq->route->list.source == LIST_OF_ARTICLES)
		json = item_list_get(&rq->catalog->summaries, r->index, &len);
	else
		json = item_list_get(&r->s->items[rq->route->list.items], r->index, &len);
	if (list_item(w, r->s->id, json, len) != 0)
		w->b->failed = true;
}

/* Characters of a URI's path or query value that need no escape (RFC
 * 3986's unreserved ones, and "/" in a path, "," and ":" which the
 * values of article= and the ids hold). */
static void put_escaped(struct jsonbuf *b, const char *s, bool path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~,:*", *p) != NULL ||
		    (path && *p == '/')) {
			jsonbuf_raw(b, (const char *)p, 1);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			jsonbuf_raw(b, e, 3);
		}
	}
}

/* <PATH?QUERY&offset=N>; rel="REL": the request's path and every
 * parameter it gave, in the route's order, with another offset. */
static void put_link(struct jsonbuf *b, const struct request *rq, size_t offset, const char *rel)
{
	const struct param_spec *params = rq->route->params;
	const struct query *q = &rq->query;
	if (b->len > 0)
		jsonbuf_text(b, ", ");
	jsonbuf_text(b, "<");
	put_escaped(b, rq->path, true);
	bool first = true;
	for (int i = 0; params[i].name != NULL; i++) {
		if (!(q->given & (1u << i)) || params[i].field == QUERY_FIELD(offset))
			continue;
		jsonbuf_text(b, first ? "?" : "&");
		first = false;
		jsonbuf_text(b, params[i].name);
		if (q->raw[i][0] != '\0') {
			jsonbuf_text(b, "=");
			put_escaped(b, q->raw[i], false);
		}
	}
	if (offset > 0) {
		jsonbuf_text(b, first ? "?offset=" : "&offset=");
		jsonbuf_uint(b, offset);
	}
	jsonbuf_text(b, ">; rel=\"");
	jsonbuf_text(b, rel);
	jsonbuf_text(b, "\"");
}

char *list_links(const struct request *rq, const struct page *p)
{
	/* The whole list on one page, or pages of nothing: no others to link. */
	if (p->limit == 0 || (p->offset == 0 && p->total <= p->limit))
		return NULL;
	size_t last = p->total == 0 ? 0 : (p->total - 1) / p->limit * p->limit;
	struct jsonbuf b = {0};
	put_link(&b, rq, 0, "first");
	if (p->offset > 0) {
		size_t prev = p->offset > p->limit ? p->offset - p->limit : 0;
		put_link(&b, rq, prev < last ? prev : last, "prev");
	}
	if (p->offset + p->limit < p->total)
		put_link(&b, rq, p->offset + p->limit, "next");
	put_link(&b, rq, last, "last");
	size_t len;
	return jsonbuf_take(&b, &len);
}

void list_writer_init(struct list_writer *w, const struct request *rq, struct jsonbuf *b)
{
	*w = (struct list_writer){.b = b,
				  .format = (enum list_format)rq->query.format,
				  .columns = rq->route->list.columns,
				  .article_column = rq->query.articles.given};
}

int list_finish(const struct request *rq, struct reply *rp, struct list_writer *w,
		const struct page *p)
{
	size_t len = 0;
	char *body = jsonbuf_take(w->b, &len);
	if (body == NULL)
		return reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
	rp->vary_accept = true;
	rp->link = list_links(rq, p);
	if (w->format == LIST_JSON)
		return reply_json_text(rp, body, len);
	/* /articles/ID/quotes and /quotes alike: "quotes.csv". */
	const char *name = strrchr(rq->route->pattern, '/') + 1;
	snprintf(rp->disposition, sizeof rp->disposition, "inline; filename=\"%s.%s\"", name,
		 list_format_extension(w->format));
	return reply_body(rp, body, len, list_format_type(w->format));
}

/* The prebuilt first page answers a request without a query whose list
 * fits on it: a longer list's page carries Link, made per request. */
static const struct representation *prebuilt(const struct request *rq)
{
	const struct list_resource *list = &rq->route->list;
	const struct query *q = &rq->query;
	if (q->any || q->pretty)
		return NULL;
	if (list->source == LIST_OF_ARTICLES)
		return rq->catalog->n_articles <= LIST_DEFAULT_LIMIT ? &rq->catalog->articles_list
								     : NULL;
	return rq->article->items[list->items].n <= LIST_DEFAULT_LIMIT
		       ? &rq->article->first_page[list->items]
		       : NULL;
}

int list_reply(const struct request *rq, struct reply *rp)
{
	const struct query *q = &rq->query;
	const struct representation *ready = prebuilt(rq);
	if (ready != NULL)
		return reply_representation(rp, ready);
	struct page p = {.offset = q->offset, .limit = q->limit};
	struct item_ref *refs = malloc((q->limit + 1) * sizeof *refs);
	if (refs == NULL)
		return reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
	size_t shown = select_items(rq, &p, refs);
	struct jsonbuf b = {0};
	struct list_writer w;
	list_writer_init(&w, rq, &b);
	list_begin(&w, &p, NULL);
	for (size_t k = 0; k < shown; k++)
		write_item(&w, rq, &refs[k]);
	list_end(&w);
	free(refs);
	return list_finish(rq, rp, &w, &p);
}
