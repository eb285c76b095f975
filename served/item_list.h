/* item_list.h - the items of one list (an article's sections, quotes,
 * speakers, figures or reactions; the catalog's articles), each in the
 * compact JSON of the API.
 *
 * An article's lists keep no JSON: each item is written from the model
 * when it is asked for (about a microsecond), so that what a large
 * archive holds is its model, not the model and its JSON. The first page
 * of each list, and every answer made from them, is kept in its
 * representation and the loops' answer cache once made. The catalog's
 * entries of /articles, made from the articles before their models are
 * all merged, are kept as text, back to back in one buffer.
 */
#ifndef ARTICLED_ITEM_LIST_H
#define ARTICLED_ITEM_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../text/jsonbuf.h"

/* The lists of an article, each served as a list resource. */
enum served_list {
	LIST_SECTIONS,
	LIST_QUOTES,
	LIST_SPEAKERS,
	LIST_FIGURES,
	LIST_REACTIONS,
	LIST_KINDS
};

/* Writes the JSON of item i of list `list` of the model into b. */
typedef void (*item_write_fn)(struct jsonbuf *b, const void *model, int list, size_t i);

struct item_list {
	/* A list written when asked for: its writer and model. */
	item_write_fn write;
	const void *model;
	int list;
	/* Else the items' JSON, back to back (owned): item i is
	 * json.s[end[i - 1] (0 for the first) .. end[i]). */
	struct jsonbuf json;
	size_t *end;
	uint32_t *section; /* the index of the section item i is in */
	size_t n, cap;
};

/* Room for n items kept as text. Returns -1 when out of memory. */
int item_list_init(struct item_list *l, size_t n);

/* Room for n items written by write from the model when asked for.
 * Returns -1 when out of memory. */
int item_list_init_written(struct item_list *l, size_t n, item_write_fn write,
			   const void *model, int list);

/* Appends an item of a list kept as text: len bytes of JSON as they are.
 * Returns -1 when out of memory. */
int item_list_add_text(struct item_list *l, const char *json, size_t len, size_t section);

/* Appends the next item of a written list, in section `section`; scratch
 * (the caller's, reused from one item to the next) receives its JSON, so
 * that an item that cannot be written fails the load, not a request (a
 * checker, jsonbuf.h, learns that at less cost, keeping none of it).
 * Returns -1 when it cannot be written or out of memory. */
int item_list_add_written(struct item_list *l, size_t section, struct jsonbuf *scratch);

/* The list holds all its items: the room beyond them is given back. */
void item_list_complete(struct item_list *l);

/* The JSON of item i, and its length in *len: in the list itself, or
 * for a written list written into scratch (replacing what it held; the
 * caller frees it), valid until scratch is written again. NULL when out
 * of memory. */
const char *item_list_get(const struct item_list *l, size_t i, size_t *len,
			  struct jsonbuf *scratch);

void item_list_free(struct item_list *l);

#endif
