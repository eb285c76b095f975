/* list_envelope.h - the envelope every list is served in, written in this
 * one place: {"total":T,"offset":O,"limit":L,"items":[...]}, `total`
 * counting the matches before paging. The unfiltered first pages built at
 * load, the filtered lists built per request, /search and /articles all
 * write it here; and the other representations of a list, from the same
 * items: CSV (a header row, then a record per item, its columns those of
 * list_columns.h) and NDJSON (each item's JSON on a line of its own).
 */
#ifndef ARTICLED_LIST_ENVELOPE_H
#define ARTICLED_LIST_ENVELOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "../text/jsonbuf.h"
#include "item_list.h"
#include "list_columns.h"

/* Paging: what limit is when not given, and the bounds of limit and
 * offset. CSV and NDJSON take a larger limit than JSON, so that a
 * spreadsheet or a pipeline gets a whole list in one request: a record
 * costs a line, not a node of a document the client must hold whole. */
enum { LIST_DEFAULT_LIMIT = 50, LIST_MAX_LIMIT = 1000, LIST_MAX_LIMIT_BULK = 100000 };
#define LIST_MAX_OFFSET 1000000000L

/* A page of a list: how many items match, and which of them it shows. */
struct page {
	size_t total, offset, limit;
};

/* The representations of a list (the values of ?format=). */
enum list_format { LIST_JSON, LIST_CSV, LIST_NDJSON };

/* Its media type and the extension of its file name. */
const char *list_format_type(enum list_format f);
const char *list_format_extension(enum list_format f);

/* Writes a list in one of its formats: list_begin, list_item for each
 * item of the page, list_end. */
struct list_writer {
	struct jsonbuf *b;
	enum list_format format;
	const struct list_column *columns; /* LIST_CSV */
	bool article_column;               /* each item names its article (article=) */
	size_t items;                      /* written so far */
};

/* The envelope's start (JSON), or the header row (CSV); for leading, see
 * envelope_begin (JSON only: CSV and NDJSON hold items alone). */
void list_begin(struct list_writer *w, const struct page *p, const char *leading);

/* One item, its JSON json[0..len) as the item lists hold it; article: the
 * id of its article, given first (w->article_column). Returns -1 when the
 * item's JSON could not be read (never for the JSON of item_list.h). */
int list_item(struct list_writer *w, const char *article, const char *json, size_t len);

void list_end(struct list_writer *w);

/* Opens the envelope: "{", the members of leading (JSON text of members
 * with a comma after each, as "\"query\":[...],"; NULL for none), the
 * paging members and "\"items\":[". The items follow, comma-separated. */
void envelope_begin(struct jsonbuf *b, const struct page *p, const char *leading);

/* Closes it: "]}". */
void envelope_end(struct jsonbuf *b);

/* The first page of l unfiltered, as a list request without a query gets
 * it: every item up to LIST_DEFAULT_LIMIT, in the envelope (malloc'd, its
 * length in *len; NULL when out of memory). */
char *envelope_first_page(const struct item_list *l, size_t *len);

#endif
