/* search.c - GET /search?q=: the paragraphs that contain every word of q,
 * with where each word occurs, from the index built at load. */
#include <stdlib.h>
#include <string.h>

#include "../text/jsonbuf.h"
#include "../text/word_search.h"
#include "lists.h"
#include "resources.h"
#include "search_index.h"

const struct param_spec params_search[] = {{"q", PARAM_STRING, 0, NULL, 0},
					   {"section", PARAM_STRING, 0, NULL, 0},
					   PARAM_LIMIT,
					   PARAM_OFFSET,
					   PARAM_PRETTY,
					   {NULL}};

static size_t section_index(const struct article *a, const char *id)
{
	for (size_t i = 0; id != NULL && i < a->n_sections; i++)
		if (strcmp(a->sections[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

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

void handle_search(const struct request *rq, struct reply *rp)
{
	const struct served_article *s = rq->article;
	const char *q = query_text(rq, "q");
	if (q == NULL) {
		reply_error(rp, 400, "q", "q is required: the words to find, as in /search?q=nuclear+talks");
		return;
	}
	struct search_terms terms;
	char err[128];
	if (search_terms_parse(&terms, q, err, sizeof err) != 0) {
		reply_error(rp, 400, "q", "%s", err);
		return;
	}
	if (!section_filter_ok(rq, rp, s))
		return;
	const struct article *a = s->model;
	size_t limit = (size_t)query_number(rq, "limit");
	size_t offset = (size_t)query_number(rq, "offset");
	struct search_page page;
	switch (search_index_find(s->index, &terms, section_index(a, query_text(rq, "section")),
				  offset, limit, &page)) {
	case SEARCH_OK:
		break;
	case SEARCH_TOO_BROAD:
		reply_error(rp, 400, "q",
			    "the words of q begin more than %d words of this article together; "
			    "use longer words, or fewer",
			    SEARCH_BUDGET);
		return;
	case SEARCH_NO_MEMORY:
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	/* Written as text, not built with jansson: a page of a thousand long
	 * paragraphs took 40 ms that way, while its loop waited. */
	struct jsonbuf b = {0};
	jsonbuf_text(&b, "{\"query\":[");
	for (size_t k = 0; k < terms.n; k++) {
		if (k > 0)
			jsonbuf_text(&b, ",");
		jsonbuf_string(&b, terms.text[k], strlen(terms.text[k]));
	}
	jsonbuf_text(&b, "],\"total\":");
	jsonbuf_uint(&b, page.total);
	jsonbuf_text(&b, ",\"offset\":");
	jsonbuf_uint(&b, offset);
	jsonbuf_text(&b, ",\"limit\":");
	jsonbuf_uint(&b, limit);
	jsonbuf_text(&b, ",\"items\":[");
	for (size_t i = 0; i < page.n; i++) {
		if (i > 0)
			jsonbuf_text(&b, ",");
		hit_json(&b, a, &terms, &page.hits[i]);
	}
	jsonbuf_text(&b, "]}");
	search_page_free(&page);
	size_t len = 0;
	char *body = jsonbuf_take(&b, &len);
	reply_envelope(rq, rp, body, len);
}
