/* list_envelope.c - see list_envelope.h. */
#include "list_envelope.h"

#include <stdlib.h>
#include <string.h>

#include "../text/csv.h"
#include "item_json.h"
#include "representation.h"

void envelope_begin(struct jsonbuf *b, const struct page *p, const char *leading)
{
	jsonbuf_text(b, "{");
	if (leading != NULL)
		jsonbuf_text(b, leading);
	jsonbuf_text(b, "\"total\":");
	jsonbuf_uint(b, p->total);
	jsonbuf_text(b, ",\"offset\":");
	jsonbuf_uint(b, p->offset);
	jsonbuf_text(b, ",\"limit\":");
	jsonbuf_uint(b, p->limit);
	jsonbuf_text(b, ",\"items\":[");
}

void envelope_end(struct jsonbuf *b)
{
	jsonbuf_text(b, "]}");
}

char *envelope_first_page(const struct item_list *l, size_t *len)
{
	struct page p = {.total = l->n, .offset = 0, .limit = LIST_DEFAULT_LIMIT};
	struct jsonbuf b = {0}, scratch = {0};
	envelope_begin(&b, &p, NULL);
	for (size_t i = 0; i < l->n && i < LIST_DEFAULT_LIMIT; i++) {
		size_t n;
		const char *item = item_list_get(l, i, &n, &scratch);
		if (i > 0)
			jsonbuf_text(&b, ",");
		if (item == NULL)
			b.failed = true;
		else
			jsonbuf_raw(&b, item, n);
	}
	free(scratch.s);
	envelope_end(&b);
	return jsonbuf_take(&b, len);
}

const char *list_format_type(enum list_format f)
{
	switch (f) {
	case LIST_CSV:
		return CONTENT_TYPE_CSV;
	case LIST_NDJSON:
		return CONTENT_TYPE_NDJSON;
	case LIST_JSON:
		break;
	}
	return CONTENT_TYPE_JSON;
}

const char *list_format_extension(enum list_format f)
{
	return f == LIST_CSV ? "csv" : f == LIST_NDJSON ? "ndjson" : "json";
}

void list_begin(struct list_writer *w, const struct page *p, const char *leading)
{
	w->items = 0;
	if (w->format == LIST_JSON) {
		envelope_begin(w->b, p, leading);
		return;
	}
	if (w->format != LIST_CSV)
		return;
	if (w->article_column)
		csv_field(w->b, "article", 7);
	for (const struct list_column *c = w->columns; c->name != NULL; c++) {
		if (c != w->columns || w->article_column)
			csv_comma(w->b);
		csv_field(w->b, c->name, strlen(c->name));
	}
	csv_end_record(w->b);
}

/* A value as a CSV field: a string as it is, null empty, a list joined,
 * anything else as JSON writes it. */
static void value_cell(struct jsonbuf *b, const json_t *v, const char *sub, const char *join)
{
	if (v == NULL || json_is_null(v))
		return;
	if (json_is_string(v)) {
		csv_field(b, json_string_value(v), json_string_length(v));
		return;
	}
	if (sub != NULL && json_is_object(v)) {
		value_cell(b, json_object_get(v, sub), NULL, join);
		return;
	}
	struct jsonbuf cell = {0};
	if (json_is_array(v)) {
		size_t i;
		const json_t *e;
		json_array_foreach(v, i, e) {
			const json_t *x = sub != NULL && json_is_object(e) ? json_object_get(e, sub) : e;
			if (i > 0)
				jsonbuf_text(&cell, join ? join : ";");
			if (json_is_string(x)) {
				jsonbuf_raw(&cell, json_string_value(x), json_string_length(x));
			} else if (x != NULL && !json_is_null(x)) {
				char *t = json_dumps(x, JSON_ENCODE_ANY | JSON_COMPACT_FLAGS);
				cell.failed = cell.failed || t == NULL;
				if (t != NULL)
					jsonbuf_text(&cell, t);
				free(t);
			}
		}
	} else {
		char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT_FLAGS);
		cell.failed = cell.failed || t == NULL;
		if (t != NULL)
			jsonbuf_text(&cell, t);
		free(t);
	}
	b->failed = b->failed || cell.failed;
	csv_field(b, cell.s ? cell.s : "", cell.len);
	free(cell.s);
}

static int csv_record(struct list_writer *w, const char *article, const char *json, size_t len)
{
	json_error_t err;
	json_t *item = json_loadb(json, len, 0, &err);
	if (item == NULL)
		return -1;
	if (w->article_column)
		csv_field(w->b, article ? article : "", article ? strlen(article) : 0);
	for (const struct list_column *c = w->columns; c->name != NULL; c++) {
		if (c != w->columns || w->article_column)
			csv_comma(w->b);
		value_cell(w->b, json_object_get(item, c->member), c->sub, c->join);
	}
	csv_end_record(w->b);
	json_decref(item);
	return 0;
}

int list_item(struct list_writer *w, const char *article, const char *json, size_t len)
{
	if (w->format == LIST_CSV) {
		w->items++;
		return csv_record(w, article, json, len);
	}
	if (w->format == LIST_JSON && w->items > 0)
		jsonbuf_text(w->b, ",");
	w->items++;
	if (w->article_column) {
		/* {"article":"ID", and the item without its "{". */
		jsonbuf_text(w->b, "{\"article\":");
		jsonbuf_string(w->b, article ? article : "", article ? strlen(article) : 0);
		jsonbuf_text(w->b, ",");
		jsonbuf_raw(w->b, json + 1, len - 1);
	} else {
		jsonbuf_raw(w->b, json, len);
	}
	if (w->format == LIST_NDJSON)
		jsonbuf_text(w->b, "\n");
	return 0;
}

void list_end(struct list_writer *w)
{
	if (w->format == LIST_JSON)
		envelope_end(w->b);
}
