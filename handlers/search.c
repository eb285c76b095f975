/* search.c - GET /search?q=: the paragraphs that contain every word of q,
 * with where each word occurs. */
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "resources.h"
#include "textsearch.h"

/* More matches than this in one paragraph are not listed (it still counts). */
enum { MATCHES_PER_PARAGRAPH = 64 };

const struct param_spec params_search[] = {{"q", PARAM_STRING, 0, NULL, 0},
					   {"section", PARAM_STRING, 0, NULL, 0},
					   PARAM_LIMIT,
					   PARAM_OFFSET,
					   PARAM_PRETTY,
					   {NULL}};

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
	const char *only = query_text(rq, "section");
	size_t limit = (size_t)query_number(rq, "limit");
	size_t offset = (size_t)query_number(rq, "offset");
	json_t *items = json_array(), *terms_json = json_array();
	for (size_t k = 0; k < terms.n; k++)
		json_array_append_new(terms_json, json_string(terms.text[k]));
	size_t total = 0;
	struct search_match m[MATCHES_PER_PARAGRAPH];
	const struct article *a = s->model;
	for (size_t sec = 0; sec < a->n_sections; sec++) {
		if (only && strcmp(only, a->sections[sec].id) != 0)
			continue;
		for (size_t p = 0; p < a->sections[sec].n_paragraphs; p++) {
			const struct paragraph *para = &a->sections[sec].paragraphs[p];
			size_t n;
			if (!search_text(&terms, para->text, para->len, m, MATCHES_PER_PARAGRAPH, &n))
				continue;
			if (total++ < offset || json_array_size(items) >= limit)
				continue;
			json_t *matches = json_array();
			for (size_t k = 0; k < n; k++)
				json_array_append_new(matches,
						      json_pack("{s:I, s:I, s:s}", "start",
								(json_int_t)m[k].start, "end",
								(json_int_t)m[k].end, "term",
								terms.text[m[k].term]));
			json_array_append_new(
				items, json_pack("{s:s, s:I, s:s%, s:o}", "section", a->sections[sec].id,
						 "paragraph", (json_int_t)p, "text", para->text, para->len,
						 "matches", matches));
		}
	}
	reply_json(rq, rp,
		   json_pack("{s:o, s:I, s:I, s:I, s:o}", "query", terms_json, "total",
			     (json_int_t)total, "offset", (json_int_t)offset, "limit",
			     (json_int_t)limit, "items", items));
}
