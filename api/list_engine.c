/* list_engine.c - see list_engine.h. */
#include "list_engine.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../served/list_envelope.h"
#include "../text/hash.h"
#include "status.h"

bool list_keep_section(const struct request *rq, const struct served_article *s, size_t i)
{
	const struct item_list *items = &s->items[rq->route->list.items];
	return strcmp(s->model->sections[items->section[i]].id, rq->query.section.id) == 0;
}

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

/* The kept items of a merging list, across the articles of the request:
 * each with its key and the next item of the same key. */
struct member {
	struct item_ref ref;
	char *key; /* owned */
	uint64_t hash;
	size_t next; /* NO_MEMBER after the last of its key */
};

#define NO_MEMBER ((size_t)-1)

/* The items of one key: the first and last of them. */
struct group {
	size_t first, last;
};

struct merge {
	struct member *m;
	size_t n_members;
	struct group *g; /* in the order of their first items */
	size_t n_groups;
	size_t *slots;   /* open addressing by key: a group, or NO_MEMBER for a free slot */
	size_t n_slots;
};

/* Puts member k in the group of its key, opening one for a new key. */
static void join_group(struct merge *mg, size_t k)
{
	struct member *m = &mg->m[k];
	size_t mask = mg->n_slots - 1, at = (size_t)m->hash & mask;
	for (; mg->slots[at] != NO_MEMBER; at = (at + 1) & mask) {
		struct group *g = &mg->g[mg->slots[at]];
		const struct member *first = &mg->m[g->first];
		if (first->hash == m->hash && strcmp(first->key, m->key) == 0) {
			mg->m[g->last].next = k;
			g->last = k;
			return;
		}
	}
	mg->slots[at] = mg->n_groups;
	mg->g[mg->n_groups++] = (struct group){k, k};
}

static void merge_free(struct merge *mg)
{
	for (size_t k = 0; k < mg->n_members; k++)
		free(mg->m[k].key);
	free(mg->m);
	free(mg->g);
	free(mg->slots);
}

/* The items every filter keeps, grouped by key. Returns -1 when out of
 * memory. */
static int merge_items(const struct request *rq, struct merge *mg)
{
	const struct list_resource *list = &rq->route->list;
	item_keep_fn keep[32];
	size_t n_keep = given_filters(rq, keep);
	memset(mg, 0, sizeof *mg);
	size_t n_articles = request_article_count(rq), total = 0;
	for (size_t a = 0; a < n_articles; a++)
		total += request_article_at(rq, a)->items[list->items].n;
	mg->m = calloc(total + 1, sizeof *mg->m);
	mg->g = calloc(total + 1, sizeof *mg->g);
	for (mg->n_slots = 16; mg->n_slots < 2 * total; mg->n_slots *= 2)
		;
	mg->slots = malloc(mg->n_slots * sizeof *mg->slots);
	if (mg->m == NULL || mg->g == NULL || mg->slots == NULL)
		return -1;
	memset(mg->slots, 0xff, mg->n_slots * sizeof *mg->slots); /* all NO_MEMBER */
	for (size_t a = 0; a < n_articles; a++) {
		const struct served_article *s = request_article_at(rq, a);
		for (size_t i = 0; i < s->items[list->items].n; i++) {
			if (!kept(rq, keep, n_keep, s, i))
				continue;
			struct member *m = &mg->m[mg->n_members];
			*m = (struct member){.ref = {s, i}, .next = NO_MEMBER};
			if ((m->key = list->merge->key(s, i)) == NULL)
				return -1;
			m->hash = hash_bytes(m->key, strlen(m->key));
			join_group(mg, mg->n_members++);
		}
	}
	return 0;
}

/* A list across articles whose items merge: a page of the groups. */
static int merged_reply(const struct request *rq, struct reply *rp)
{
	struct merge mg;
	struct item_ref *refs = NULL;
	if (merge_items(rq, &mg) != 0 ||
	    (refs = malloc((mg.n_members + 1) * sizeof *refs)) == NULL) {
		merge_free(&mg);
		return reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
	}
	const struct query *q = &rq->query;
	struct page p = {.total = mg.n_groups, .offset = q->offset, .limit = q->limit};
	struct jsonbuf b = {0};
	envelope_begin(&b, &p, NULL);
	for (size_t k = p.offset; k < mg.n_groups && k - p.offset < p.limit; k++) {
		size_t n = 0;
		for (size_t m = mg.g[k].first; m != NO_MEMBER; m = mg.m[m].next)
			refs[n++] = mg.m[m].ref;
		if (k > p.offset)
			jsonbuf_text(&b, ",");
		rq->route->list.merge->write(&b, refs, n);
	}
	envelope_end(&b);
	free(refs);
	merge_free(&mg);
	size_t len = 0;
	char *body = jsonbuf_take(&b, &len);
	return reply_json_text(rp, body, len);
}

int list_reply(const struct request *rq, struct reply *rp)
{
	const struct list_resource *list = &rq->route->list;
	const struct query *q = &rq->query;
	if (!q->any && !q->pretty)
		return reply_representation(rp, list->source == LIST_OF_ARTICLES
							? &rq->catalog->articles_list
							: &rq->article->first_page[list->items]);
	if (list->merge != NULL && q->articles.given)
		return merged_reply(rq, rp);
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
