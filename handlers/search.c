/* search.c - GET /search?q=: the paragraphs that contain every word of q,
 * with where each word occurs, from the index built at load; a list,
 * paged as every list is, whose envelope also gives the words. */
#include <stdlib.h>
#include <string.h>

#include "../api/status.h"
#include "../served/list_envelope.h"
#include "../served/search_index.h"
#include "resources.h"

const struct param_spec params_search[] = {
	{.name = "q", .type = PARAM_WORDS, .field = QUERY_FIELD(q),
	 .required = "q is required: the words to find, as in /search?q=nuclear+talks"},
	{.name = "section", .type = PARAM_SECTION, .field = QUERY_FIELD(section)},
	PARAM_LIMIT,
	PARAM_OFFSET,
	PARAM_FORMAT,
	PARAM_PRETTY,
	PARAM_END,
};

/* {"section":...,"paragraph":...,"text":...,"matches":[...]}, as jansson
 * would write it with the fields in this order. */
static void hit_json(struct jsonbuf *b, const struct article *a, const struct search_terms *terms,
		     const struct search_hit *h)
{
	const struct section *sec = &a->sections[h->section];
	const struct paragraph *para = &sec->paragraphs[h->paragraph];
	jsonbuf_text(b, "{\"section\":");
	jsonbuf_string(b, sec->id, strlen(sec->id));
	jsonbuf_text(b, ",\"paragraph\":");
	jsonbuf_uint(b, h->paragraph);
	jsonbuf_text(b, ",\"text\":");
	jsonbuf_string(b, para->text, para->len);
	jsonbuf_text(b, ",\"matches\":[");
	for (size_t k = 0; k < h->n_matches; k++) {
		const struct search_match *m = &h->matches[k];
		jsonbuf_text(b, k ? ",{\"start\":" : "{\"start\":");
		jsonbuf_uint(b, m->start);
		jsonbuf_text(b, ",\"end\":");
		jsonbuf_uint(b, m->end);
		jsonbuf_text(b, ",\"term\":");
		jsonbuf_string(b, terms->text[m->term], strlen(terms->text[m->term]));
		jsonbuf_text(b, "}");
	}
	jsonbuf_text(b, "]}");
}

/* "query":[...], the words as given, before the paging of the envelope. */
static char *query_member(const struct search_terms *terms)
{
	struct jsonbuf b = {0};
	jsonbuf_text(&b, "\"query\":[");
	for (size_t k = 0; k < terms->n; k++) {
		if (k > 0)
			jsonbuf_text(&b, ",");
		jsonbuf_string(&b, terms->text[k], strlen(terms->text[k]));
	}
	jsonbuf_text(&b, "],");
	size_t len;
	return jsonbuf_take(&b, &len);
}

int handle_search(const struct request *rq, struct reply *rp)
{
	const struct served_article *s = rq->article;
	const struct query *q = &rq->query;
	const struct search_terms *terms = &q->q.terms;
	struct search_page found;
	switch (search_index_find(s->index, terms, q->section.index, q->offset, q->limit, &found)) {
	case SEARCH_OK:
		break;
	case SEARCH_TOO_BROAD:
		return reply_error(rp, STATUS_BAD_REQUEST, "q",
				   "the words of q begin more than %d words of this article "
				   "together; use longer words, or fewer",
				   SEARCH_BUDGET);
	case SEARCH_NO_MEMORY:
		return reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
	}
	/* Written as text, not built with jansson: a page of a thousand long
	 * paragraphs took 40 ms that way, while its loop waited. */
	char *leading = query_member(terms);
	struct page p = {.total = found.total, .offset = q->offset, .limit = q->limit};
	struct jsonbuf b = {.failed = leading == NULL}, hit = {0};
	struct list_writer w;
	list_writer_init(&w, rq, &b);
	list_begin(&w, &p, leading);
	for (size_t i = 0; i < found.n; i++) {
		hit.len = 0;
		hit_json(&hit, s->model, terms, &found.hits[i]);
		if (hit.failed || list_item(&w, NULL, hit.s, hit.len) != 0)
			b.failed = true;
	}
	list_end(&w);
	search_page_free(&found);
	free(leading);
	free(hit.s);
	return list_finish(rq, rp, &w, &p);
}
