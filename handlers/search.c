/* search.c - GET /search?q=: the paragraphs that contain every word of q,
 * with where each word occurs, from the index built at load. */
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "resources.h"
#include "search_index.h"
#include "textsearch.h"

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

static json_t *hit_json(const struct article *a, const struct search_terms *terms,
			const struct search_hit *h)
{
	const struct paragraph *para = &a->sections[h->section].paragraphs[h->paragraph];
	json_t *matches = json_array();
	for (size_t k = 0; k < h->n_matches; k++)
		json_array_append_new(matches, json_pack("{s:I, s:I, s:s}", "start",
							 (json_int_t)h->matches[k].start, "end",
							 (json_int_t)h->matches[k].end, "term",
							 terms->text[h->matches[k].term]));
	return json_pack("{s:s, s:I, s:s%, s:o}", "section", a->sections[h->section].id,
			 "paragraph", (json_int_t)h->paragraph, "text", para->text, para->len,
			 "matches", matches);
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
			    SEARCH_BUDGET / 2);
		return;
	case SEARCH_NO_MEMORY:
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	json_t *items = json_array(), *terms_json = json_array();
	for (size_t k = 0; k < terms.n; k++)
		json_array_append_new(terms_json, json_string(terms.text[k]));
	for (size_t i = 0; i < page.n; i++)
		json_array_append_new(items, hit_json(a, &terms, &page.hits[i]));
	size_t total = page.total;
	search_page_free(&page);
	reply_json(rq, rp,
		   json_pack("{s:o, s:I, s:I, s:I, s:o}", "query", terms_json, "total",
			     (json_int_t)total, "offset", (json_int_t)offset, "limit",
			     (json_int_t)limit, "items", items));
}
