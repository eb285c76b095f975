/* list_engine.c - see list_engine.h. */
#include "list_engine.h"

#include <stdint.h>
#include <stdio.h>
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

void list_section_value(const struct served_article *s, enum served_list list, size_t i,
			struct jsonbuf *key)
{
	jsonbuf_text(key, s->model->sections[s->items[list].section[i]].id);
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

/* For the list of articles with one filter, when that filter has an
 * index (param_spec.count): 1 for each article of the catalog it keeps,
 * without visiting them. NULL otherwise, or out of memory (then each
 * article is tested). */
static uint32_t *indexed_counts(const struct request *rq, size_t n_keep)
{
	const struct param_spec *params = rq->route->params;
	if (n_keep != 1)
		return NULL;
	for (int i = 0; params[i].name != NULL; i++) {
		if (params[i].keep == NULL || !(rq->query.given & (1u << i)))
			continue;
		uint32_t *counts = params[i].count != NULL
					   ? calloc(rq->catalog->n_articles + 1, sizeof *counts)
					   : NULL;
		if (counts != NULL)
			params[i].count(rq, counts);
		return counts;
	}
	return NULL;
}

/* The articles the counts keep: their number, and those of the page. */
static size_t select_indexed(const struct request *rq, struct page *p, struct item_ref *refs,
			     const uint32_t *counts)
{
	const struct catalog *c = rq->catalog;
	size_t shown = 0;
	for (size_t a = 0; a < c->n_articles; a++)
		if (counts[a] != 0 && p->total++ >= p->offset && shown < p->limit)
			refs[shown++] = (struct item_ref){&c->articles[a], a};
	return shown;
}

/* A list of every article's items, unfiltered: its total and where its
 * page starts from the counts before each article, found by bisection. */
static size_t page_of_all(const struct request *rq, struct page *p, struct item_ref *refs)
{
	const struct catalog *c = rq->catalog;
	const size_t *before = c->items_before[rq->route->list.items];
	p->total = before[c->n_articles];
	if (p->offset >= p->total)
		return 0;
	/* The last article with before[a] <= offset: the page's first item is in it. */
	size_t lo = 0, hi = c->n_articles;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (before[mid] <= p->offset)
			lo = mid;
		else
			hi = mid;
	}
	size_t shown = 0;
	for (size_t a = lo, i = p->offset - before[lo]; a < c->n_articles && shown < p->limit;
	     a++, i = 0)
		for (size_t items = before[a + 1] - before[a]; i < items && shown < p->limit; i++)
			refs[shown++] = (struct item_ref){&c->articles[a], i};
	return shown;
}

/* For a list of article items across every article: the items every
 * filter with a column keeps, one bit each in the catalog's order of
 * items (items_before), ANDed filter by filter (*any says whether one
 * had a column: else every bit is set); the filters without one go into
 * rest. NULL when out of memory. */
static uint64_t *column_bits(const struct request *rq, item_keep_fn *rest, size_t *n_rest,
			     bool *any)
{
	const struct catalog *c = rq->catalog;
	const struct param_spec *params = rq->route->params;
	enum served_list list = rq->route->list.items;
	size_t n_items = c->items_before[list][c->n_articles], words = n_items / 64 + 1;
	uint64_t *bits = malloc(words * sizeof *bits);
	unsigned char *kept = NULL;
	*n_rest = 0;
	*any = false;
	if (bits == NULL)
		return NULL;
	memset(bits, 0xff, words * sizeof *bits);
	bits[words - 1] = n_items % 64 ? (UINT64_C(1) << (n_items % 64)) - 1 : 0;
	for (int i = 0; params[i].name != NULL; i++) {
		if (params[i].keep == NULL || !(rq->query.given & (1u << i)))
			continue;
		const struct item_column *col =
			params[i].value ? item_columns_find(&c->columns, list, params[i].value) : NULL;
		if (col == NULL) {
			rest[(*n_rest)++] = params[i].keep;
			continue;
		}
		*any = true;
		unsigned char *k = realloc(kept, col->n_values + 1);
		if (k == NULL)
			goto error;
		kept = k;
		for (size_t v = 0; v < col->n_values; v++)
			kept[v] = params[i].keep(rq, &c->articles[col->first_article[v]],
						 col->first_index[v])
					  ? 1
					  : 0;
		item_column_and(col, kept, bits);
	}
	free(kept);
	return bits;
error:
	free(kept);
	free(bits);
	return NULL;
}

/* The items set in bits that the filters in rest keep too: their number
 * in p->total, those of the page in refs. */
static size_t select_bits(const struct request *rq, struct page *p, struct item_ref *refs,
			  const uint64_t *bits, item_keep_fn *rest, size_t n_rest)
{
	const struct catalog *c = rq->catalog;
	const size_t *before = c->items_before[rq->route->list.items];
	size_t words = before[c->n_articles] / 64 + 1, shown = 0, w = 0, skip = 0, a = 0;
	p->total = 0;
	if (n_rest == 0) {
		/* Exact: the total is the bits set, and the page starts at the
		 * offset-th of them, in word w. */
		for (size_t k = 0; k < words; k++)
			p->total += (size_t)__builtin_popcountll(bits[k]);
		if (p->offset >= p->total || p->limit == 0)
			return 0;
		for (skip = p->offset; skip >= (size_t)__builtin_popcountll(bits[w]); w++)
			skip -= (size_t)__builtin_popcountll(bits[w]);
		/* The article of the word's first item: the last a with before[a] <= w * 64. */
		size_t hi = c->n_articles;
		while (hi - a > 1) {
			size_t mid = a + (hi - a) / 2;
			if (before[mid] <= w * 64)
				a = mid;
			else
				hi = mid;
		}
	}
	for (; w < words; w++) {
		for (uint64_t m = bits[w]; m != 0; m &= m - 1) {
			size_t g = w * 64 + (size_t)__builtin_ctzll(m);
			while (before[a + 1] <= g)
				a++;
			const struct served_article *s = &c->articles[a];
			size_t i = g - before[a];
			if (n_rest == 0) {
				if (skip > 0) {
					skip--;
					continue;
				}
				refs[shown++] = (struct item_ref){s, i};
				if (shown == p->limit)
					return shown;
			} else if (kept(rq, rest, n_rest, s, i) && p->total++ >= p->offset &&
				   shown < p->limit) {
				refs[shown++] = (struct item_ref){s, i};
			}
		}
	}
	return shown;
}

/* Counts the items every filter keeps and puts those of the page in
 * refs (room for p->limit). */
static size_t select_items(const struct request *rq, struct page *p, struct item_ref *refs)
{
	item_keep_fn keep[32];
	size_t n_keep = given_filters(rq, keep), shown = 0;
	const struct list_resource *list = &rq->route->list;
	p->total = 0;
	uint32_t *counts = NULL;
	if (n_keep > 0 && list->source == LIST_OF_ITEMS && rq->query.articles.all) {
		item_keep_fn rest[32];
		size_t n_rest;
		bool any;
		uint64_t *bits = column_bits(rq, rest, &n_rest, &any);
		if (bits != NULL && any) {
			shown = select_bits(rq, p, refs, bits, rest, n_rest);
			free(bits);
			return shown;
		}
		free(bits);
	}
	if (list->source == LIST_OF_ARTICLES && (counts = indexed_counts(rq, n_keep)) != NULL) {
		shown = select_indexed(rq, p, refs, counts);
		free(counts);
		return shown;
	}
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
	if (n_keep == 0 && rq->query.articles.all)
		return page_of_all(rq, p, refs);
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
static void write_item(struct list_writer *w, const struct request *rq, const struct item_ref *r,
		       struct jsonbuf *scratch)
{
	size_t len;
	const char *json;
	if (rq->route->list.source == LIST_OF_ARTICLES)
		json = item_list_get(&rq->catalog->summaries, r->index, &len, scratch);
	else
		json = item_list_get(&r->s->items[rq->route->list.items], r->index, &len,
				     scratch);
	if (json == NULL || list_item(w, r->s->id, json, len) != 0)
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
			struct jsonbuf key = {0};
			size_t len;
			list->merge->key(s, list->items, i, &key);
			if ((m->key = jsonbuf_take(&key, &len)) == NULL)
				return -1;
			m->hash = hash_bytes(m->key, strlen(m->key));
			join_group(mg, mg->n_members++);
		}
	}
	return 0;
}

/* The groups of a page of a merged list: group k's items are
 * refs[start[k] .. start[k + 1]). */
struct merged_page {
	struct item_ref *refs;
	size_t *start;
	size_t n;
};

/* Writes the page's groups as the merged list's answer. */
static int merged_finish(const struct request *rq, struct reply *rp, const struct page *p,
			 const struct merged_page *mp)
{
	struct jsonbuf b = {0}, item = {0};
	struct list_writer w;
	list_writer_init(&w, rq, &b);
	/* A merged item names its articles itself ("articles"). */
	w.article_column = false;
	w.columns = rq->route->list.merged_columns;
	list_begin(&w, p, NULL);
	for (size_t k = 0; k < mp->n; k++) {
		item.len = 0;
		rq->route->list.merge->write(&item, mp->refs + mp->start[k],
					     mp->start[k + 1] - mp->start[k]);
		if (item.failed || list_item(&w, NULL, item.s, item.len) != 0)
			b.failed = true;
	}
	list_end(&w);
	free(item.s);
	return list_finish(rq, rp, &w, p);
}

/* A list across the articles article= names whose items merge: a page
 * of the groups, each key's items gathered by hash. */
static int merged_reply(const struct request *rq, struct reply *rp)
{
	struct merge mg;
	struct merged_page mp = {0};
	const struct query *q = &rq->query;
	if (merge_items(rq, &mg) != 0 ||
	    (mp.refs = malloc((mg.n_members + 1) * sizeof *mp.refs)) == NULL ||
	    (mp.start = malloc((q->limit + 2) * sizeof *mp.start)) == NULL) {
		free(mp.refs);
		merge_free(&mg);
		return reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
	}
	struct page p = {.total = mg.n_groups, .offset = q->offset, .limit = q->limit};
	size_t n = 0;
	mp.start[0] = 0;
	for (size_t k = p.offset; k < mg.n_groups && k - p.offset < p.limit; k++) {
		for (size_t m = mg.g[k].first; m != NO_MEMBER; m = mg.m[m].next)
			mp.refs[n++] = mg.m[m].ref;
		mp.start[++mp.n] = n;
	}
	int status = merged_finish(rq, rp, &p, &mp);
	free(mp.refs);
	free(mp.start);
	merge_free(&mg);
	return status;
}

#define NO_GROUP UINT32_MAX

/* A merged list across every article, from the column of its key: the
 * groups are the key's values, in the order of their first item that
 * every filter keeps; only the items of the page's groups are gathered. */
static int merged_reply_all(const struct request *rq, struct reply *rp,
			    const struct item_column *keys)
{
	const struct catalog *c = rq->catalog;
	const size_t *before = c->items_before[rq->route->list.items];
	const struct query *q = &rq->query;
	item_keep_fn rest[32];
	size_t n_rest, words = keys->n_items / 64 + 1, n_groups = 0;
	bool any;
	uint64_t *bits = column_bits(rq, rest, &n_rest, &any);
	uint32_t *group = malloc((keys->n_values + 1) * sizeof *group);
	struct merged_page mp = {.start = calloc(q->limit + 2, sizeof *mp.start)};
	int status;
	if (bits == NULL || group == NULL || mp.start == NULL)
		goto out_of_memory;
	memset(group, 0xff, (keys->n_values + 1) * sizeof *group); /* all NO_GROUP */
	/* The groups in the order of their first kept item; the items the
	 * filters without a column drop are cleared from bits. */
	for (size_t w = 0, a = 0; w < words; w++)
		for (uint64_t m = bits[w]; m != 0; m &= m - 1) {
			size_t g = w * 64 + (size_t)__builtin_ctzll(m);
			while (before[a + 1] <= g)
				a++;
			if (n_rest > 0 && !kept(rq, rest, n_rest, &c->articles[a], g - before[a])) {
				bits[w] &= ~(UINT64_C(1) << (g % 64));
				continue;
			}
			size_t v = item_column_value(keys, g);
			if (group[v] == NO_GROUP)
				group[v] = (uint32_t)n_groups++;
		}
	struct page p = {.total = n_groups, .offset = q->offset, .limit = q->limit};
	size_t first = p.offset < n_groups ? p.offset : n_groups;
	mp.n = n_groups - first < p.limit ? n_groups - first : p.limit;
	/* The page's groups: how many items each has, then the items. */
	for (int pass = 0; pass < 2; pass++) {
		size_t *fill = pass == 0 ? mp.start + 1 : mp.start;
		for (size_t w = 0, a = 0; w < words; w++)
			for (uint64_t m = bits[w]; m != 0; m &= m - 1) {
				size_t g = w * 64 + (size_t)__builtin_ctzll(m);
				size_t k = group[item_column_value(keys, g)];
				if (k < first || k - first >= mp.n)
					continue;
				if (pass == 0) {
					fill[k - first]++;
					continue;
				}
				while (before[a + 1] <= g)
					a++;
				mp.refs[fill[k - first]++] = (struct item_ref){&c->articles[a], g - before[a]};
			}
		if (pass == 0) {
			for (size_t k = 0; k < mp.n; k++)
				mp.start[k + 1] += mp.start[k];
			if ((mp.refs = malloc((mp.start[mp.n] + 1) * sizeof *mp.refs)) == NULL)
				goto out_of_memory;
		} else {
			/* fill[k] ran to the start of group k + 1: shift back. */
			memmove(mp.start + 1, mp.start, mp.n * sizeof *mp.start);
			mp.start[0] = 0;
		}
	}
	status = merged_finish(rq, rp, &p, &mp);
	goto done;
out_of_memory:
	status = reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
done:
	free(bits);
	free(group);
	free(mp.start);
	free(mp.refs);
	return status;
}

int list_reply(const struct request *rq, struct reply *rp)
{
	const struct query *q = &rq->query;
	const struct representation *ready = prebuilt(rq);
	if (ready != NULL)
		return reply_representation(rp, ready);
	if (rq->route->list.merge != NULL && q->articles.given) {
		const struct item_column *keys =
			q->articles.all ? item_columns_find(&rq->catalog->columns, rq->route->list.items,
							    rq->route->list.merge->key)
					: NULL;
		return keys != NULL ? merged_reply_all(rq, rp, keys) : merged_reply(rq, rp);
	}
	struct page p = {.offset = q->offset, .limit = q->limit};
	struct item_ref *refs = malloc((q->limit + 1) * sizeof *refs);
	if (refs == NULL)
		return reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
	size_t shown = select_items(rq, &p, refs);
	struct jsonbuf b = {0};
	struct list_writer w;
	list_writer_init(&w, rq, &b);
	list_begin(&w, &p, NULL);
	struct jsonbuf scratch = {0};
	for (size_t k = 0; k < shown; k++)
		write_item(&w, rq, &refs[k], &scratch);
	free(scratch.s);
	list_end(&w);
	free(refs);
	return list_finish(rq, rp, &w, &p);
}
