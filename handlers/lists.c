/* lists.c - see lists.h. */
#include "lists.h"

#include <stdlib.h>
#include <string.h>

#include "../text/fold.h"
#include "../text/jsonbuf.h"

static int param_index(const struct request *rq, const char *name)
{
	for (int i = 0; rq->route->params[i].name != NULL; i++)
		if (strcmp(rq->route->params[i].name, name) == 0)
			return i;
	return -1;
}

const char *query_text(const struct request *rq, const char *name)
{
	int i = param_index(rq, name);
	return i < 0 ? NULL : rq->query.text[i];
}

long query_number(const struct request *rq, const char *name)
{
	int i = param_index(rq, name);
	if (i < 0)
		return 0;
	return rq->query.text[i] == NULL ? rq->route->params[i].fallback : rq->query.number[i];
}

bool contains_folded_text(const char *haystack, const char *needle)
{
	return fold_contains(haystack, needle);
}

bool has_section(const struct served_article *s, const char *id)
{
	for (size_t i = 0; i < s->model->n_sections; i++)
		if (strcmp(s->model->sections[i].id, id) == 0)
			return true;
	return false;
}

bool section_filter_ok(const struct request *rq, struct reply *rp, const struct served_article *s)
{
	const char *want = query_text(rq, "section");
	if (want == NULL || has_section(s, want))
		return true;
	reply_error(rp, 400, "section", "no section '%.80s' in this article; see /sections for the ids",
		    want);
	return false;
}

/* The articles a list covers: the one of the path, or those article=
 * names. Returns the count (0 with rp filled on a bad value); *tag says
 * whether items carry their article. out has room for every article. */
static size_t selected_articles(const struct request *rq, struct reply *rp,
				const struct served_article **out, bool *tag)
{
	const char *want = query_text(rq, "article");
	const struct catalog *c = rq->catalog;
	*tag = want != NULL;
	if (want == NULL) {
		out[0] = rq->article;
		return 1;
	}
	if (rq->scoped) {
		reply_error(rp, 400, "article", "the path names the article already; use /quotes?article=... "
						"at the root to choose");
		return 0;
	}
	if (strcmp(want, "*") == 0 || strcmp(want, "all") == 0) {
		for (size_t i = 0; i < c->n_articles; i++)
			out[i] = &c->articles[i];
		return c->n_articles;
	}
	/* Every id is checked, whatever its place: stopping once each article
	 * is chosen would let "ID,bogus" through and not "bogus,ID". Repeats
	 * count once; an empty id ("a,,b", "a,") is an error like any other. */
	size_t n = 0;
	const char *p = want;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char id[128];
		if (len == 0 || len >= sizeof id) {
			reply_error(rp, 400, "article", "article takes ids from /articles, comma-separated, or *");
			return 0;
		}
		memcpy(id, p, len);
		id[len] = '\0';
		const struct served_article *s = catalog_find(c, id);
		if (s == NULL) {
			reply_error(rp, 400, "article", "no article '%.80s'; see /articles for the ids", id);
			return 0;
		}
		bool dup = false;
		for (size_t k = 0; k < n; k++)
			dup = dup || out[k] == s;
		if (!dup)
			out[n++] = s;
		if (comma == NULL)
			return n;
		p = comma + 1;
	}
}

void reply_list(const struct request *rq, struct reply *rp, const struct list_kind *kind)
{
	size_t limit = (size_t)query_number(rq, "limit");
	size_t offset = (size_t)query_number(rq, "offset");
	if (!rq->query.any && !rq->pretty) {
		rp->status = 200;
		rp->prebuilt = kind->unfiltered(rq->article);
		return;
	}
	const struct served_article **arts =
		malloc((rq->catalog->n_articles + 1) * sizeof *arts);
	if (arts == NULL) {
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	bool tag;
	size_t n = selected_articles(rq, rp, arts, &tag);
	if (n == 0) {
		free(arts);
		return;
	}
	const char *section = query_text(rq, "section");
	bool found = section == NULL;
	for (size_t a = 0; a < n && !found; a++)
		found = has_section(arts[a], section);
	if (!found) {
		free(arts);
		reply_error(rp, 400, "section", "no section '%.80s' in %s; see /sections for the ids",
			    section, n == 1 ? "this article" : "these articles");
		return;
	}
	struct jsonbuf b = {0};
	char head[128];
	size_t total = 0, shown = 0;
	for (size_t a = 0; a < n; a++) {
		const struct item_list *list = kind->items(arts[a]);
		for (size_t i = 0; i < list->n; i++) {
			if (kind->keep != NULL && !kind->keep(rq, arts[a], i))
				continue;
			if (total++ < offset || shown >= limit)
				continue;
			if (shown++ > 0)
				jsonbuf_text(&b, ",");
			if (tag) { /* {"article":"ID", + the item without its "{" */
				jsonbuf_text(&b, "{\"article\":");
				jsonbuf_string(&b, arts[a]->id, strlen(arts[a]->id));
				jsonbuf_text(&b, ",");
				jsonbuf_raw(&b, list->json[i] + 1, list->len[i] - 1);
			} else {
				jsonbuf_raw(&b, list->json[i], list->len[i]);
			}
		}
	}
	free(arts);
	int hl = snprintf(head, sizeof head, "{\"total\":%zu,\"offset\":%zu,\"limit\":%zu,\"items\":[",
			  total, offset, limit);
	size_t items_len = 0;
	char *items = jsonbuf_take(&b, &items_len);
	struct jsonbuf out = {0};
	jsonbuf_raw(&out, head, (size_t)hl);
	jsonbuf_raw(&out, items ? items : "", items_len);
	jsonbuf_text(&out, "]}");
	size_t len = 0;
	char *body = jsonbuf_take(&out, &len);
	bool failed = items == NULL || body == NULL;
	free(items);
	if (failed) {
		free(body);
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	reply_envelope(rq, rp, body, len);
}

void reply_envelope(const struct request *rq, struct reply *rp, char *body, size_t len)
{
	if (body == NULL) {
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	if (rq->pretty) {
		json_error_t err;
		json_t *j = json_loadb(body, len, JSON_PRESERVE_ORDER, &err);
		free(body);
		reply_json(rq, rp, j);
		return;
	}
	reply_body(rp, body, len, "application/json; charset=utf-8");
}
