/* lists.c - see lists.h. */
#include "lists.h"

#include <stdlib.h>
#include <string.h>

#include "../parser/lexicon.h"

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

long query_number(const struct request *rq, const char *name, long fallback)
{
	int i = param_index(rq, name);
	return i < 0 || rq->query.text[i] == NULL ? fallback : rq->query.number[i];
}

bool contains_folded_text(const char *haystack, const char *needle)
{
	if (haystack == NULL)
		return false;
	char h[1024], n[256];
	size_t hl = lex_fold(haystack, strlen(haystack), h, sizeof h);
	size_t nl = lex_fold(needle, strlen(needle), n, sizeof n);
	if (hl == (size_t)-1 || nl == (size_t)-1)
		return false;
	return strstr(h, n) != NULL;
}

bool section_filter_ok(const struct request *rq, struct reply *rp, const struct served_article *s)
{
	const char *want = query_text(rq, "section");
	if (want == NULL)
		return true;
	for (size_t i = 0; i < s->model->n_sections; i++)
		if (strcmp(s->model->sections[i].id, want) == 0)
			return true;
	reply_error(rp, 400, "section", "no section '%.80s' in this article; see /sections for the ids",
		    want);
	return false;
}

void reply_list(const struct request *rq, struct reply *rp, const struct served_article *s,
		const struct item_list *list, const struct prebuilt *unfiltered, list_keep_fn keep)
{
	size_t limit = (size_t)query_number(rq, "limit", LIST_DEFAULT_LIMIT);
	size_t offset = (size_t)query_number(rq, "offset", 0);
	if (!rq->query.any && !rq->pretty) {
		rp->status = 200;
		rp->prebuilt = unfiltered;
		return;
	}
	size_t *chosen = malloc((list->n + 1) * sizeof *chosen);
	if (chosen == NULL) {
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	size_t total = 0, shown = 0;
	for (size_t i = 0; i < list->n; i++) {
		if (keep != NULL && !keep(rq, s, i))
			continue;
		if (total >= offset && shown < limit)
			chosen[shown++] = i;
		total++;
	}
	size_t len = 0;
	char *body = envelope(list, chosen, shown, total, offset, limit, &len);
	free(chosen);
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
