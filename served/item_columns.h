/* item_columns.h - for a filter across every article, the items grouped
 * by the value the filter reads, so that it is tested once per distinct
 * value instead of once per item.
 *
 * Most filters of a list depend on one field of the item alone: a quote's
 * kind, its speaker, its section's id; a figure's unit or measure. Across
 * 10,000 articles a list holds a few hundred thousand items but only a
 * few thousand distinct values of such a field. A column numbers the
 * distinct values of one field over every item of one list of every
 * article (in the catalog's order: items_before of catalog.h), keeps for
 * each item the number of its value, and for each value its first item.
 * A filter then asks its own test of that first item once per value, and
 * one pass over the numbers marks the items it keeps: the same items as
 * the test of each, since the test reads nothing else.
 *
 * Built at the merge of a generation (catalog_assemble), read by the
 * list engine (api/list_engine.c); which columns to build comes from the
 * filters of the route table.
 */
#ifndef ARTICLED_ITEM_COLUMNS_H
#define ARTICLED_ITEM_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "../text/jsonbuf.h"
#include "served_article.h"

/* Appends to key the bytes of item i of list `list` in article s that a
 * filter reads: two items with the same bytes are kept or dropped alike.
 * (Any encoding that tells apart what the filter tells apart: a missing
 * text and an empty one are two values.) */
typedef void (*item_value_fn)(const struct served_article *s, enum served_list list, size_t i,
			      struct jsonbuf *key);

/* A value's pieces: a text that may be missing (NULL), and a small number. */
static inline void item_value_text(struct jsonbuf *key, const char *text)
{
	if (text == NULL) {
		jsonbuf_raw(key, "", 1);
		return;
	}
	jsonbuf_raw(key, "\1", 1);
	jsonbuf_raw(key, text, strlen(text) + 1);
}

static inline void item_value_number(struct jsonbuf *key, int v)
{
	char b[sizeof v];
	memcpy(b, &v, sizeof v);
	jsonbuf_raw(key, b, sizeof b);
}

/* A column to build: the list, and the value of its items. */
struct item_column_spec {
	enum served_list list;
	item_value_fn value;
};

struct item_column {
	struct item_column_spec spec;
	size_t n_items;  /* the list's items in every article */
	size_t n_values; /* distinct values */
	/* The value of each item, 1, 2 or 4 bytes wide (the least that holds
	 * n_values): item_column_value() reads it. */
	void *value_of;
	unsigned width;
	/* Each value's first item: its article (index in the catalog) and
	 * its index in that article's list. */
	uint32_t *first_article, *first_index;
};

struct item_columns {
	struct item_column *v;
	size_t n;
};

/* The columns are built in two steps, so that they can be built at the
 * same time. item_columns_plan gives cols one column, not yet built, for
 * each distinct spec over the n articles, whose items before each article
 * are before[list][a]; it returns how many, or -1 when out of memory or
 * when the items do not fit the 32-bit numbers. item_columns_build_one
 * builds column c of them (0, or -1 when out of memory, leaving it
 * empty); it touches that column only and reads the articles, so that
 * different columns may be built on different threads. The caller frees
 * cols with item_columns_free, built or not. */
ssize_t item_columns_plan(struct item_columns *cols, const struct item_column_spec *specs,
			  size_t n_specs, size_t n, size_t *const before[LIST_KINDS]);
int item_columns_build_one(struct item_columns *cols, size_t c,
			   const struct served_article *articles, size_t n,
			   size_t *const before[LIST_KINDS]);

void item_columns_free(struct item_columns *cols);

/* The column of this list and value, or NULL when none was built. */
const struct item_column *item_columns_find(const struct item_columns *cols,
					    enum served_list list, item_value_fn value);

static inline size_t item_column_value(const struct item_column *c, size_t item)
{
	switch (c->width) {
	case 1:
		return ((const uint8_t *)c->value_of)[item];
	case 2:
		return ((const uint16_t *)c->value_of)[item];
	default:
		return ((const uint32_t *)c->value_of)[item];
	}
}

/* Clears in bits (one per item of the column, n_items of them) every item
 * whose value `kept` says is not kept (kept[v], 0 or 1, for each value v). */
void item_column_and(const struct item_column *c, const unsigned char *kept, uint64_t *bits);

#endif
