/* item_list.h - the items of one list (an article's sections, quotes,
 * figures or reactions; the catalog's articles), each in the compact JSON
 * of the API, one after another in one buffer. A page or a filtered list
 * is put together by copying slices of it, never by serializing again;
 * and the list costs one allocation, not one per item.
 */
#ifndef ARTICLED_ITEM_LIST_H
#define ARTICLED_ITEM_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../text/jsonbuf.h"
#include "item_tokens.h"

/* The lists of an article, each served as a list resource. */
enum served_list {
	LIST_SECTIONS,
	LIST_QUOTES,
	LIST_SPEAKERS,
	LIST_FIGURES,
	LIST_REACTIONS,
	LIST_KINDS
};

struct item_list {
	struct jsonbuf json; /* every item's JSON, back to back (owned) */
	size_t *end;         /* item i is json.s[end[i - 1] (0 for the first) .. end[i]) */
	uint32_t *section;   /* the index of the section item i is in */
	size_t n, cap;
	/* The items are kept packed (item_tokens.h), in about two thirds of
	 * the bytes, and refer to the strings ref_text gives of the model
	 * (item_tokens.h; NULL for none): set before the first is added.
	 * Else each is its JSON, which a slice of the list may serve as it is. */
	bool packed;
	item_ref_fn ref_text;
	const void *ref_model;
	struct jsonbuf unpacked; /* a packed list's item while it is written */
};

/* Room for n items. Returns -1 when out of memory. */
int item_list_init(struct item_list *l, size_t n);

/* Adds an item: item_list_begin gives the buffer to write its JSON into
 * (NULL when out of memory); item_list_end says that the item, in section
 * `section`, ends there. item_list_end returns -1 when the buffer failed
 * (out of memory, or a value JSON cannot hold). */
struct jsonbuf *item_list_begin(struct item_list *l);
int item_list_end(struct item_list *l, size_t section);

/* The list holds all its items: what only adding needed is given back. */
void item_list_complete(struct item_list *l);

/* Appends len bytes of JSON text as they are (packed, for a packed list).
 * Returns -1 when out of memory. */
int item_list_add_text(struct item_list *l, const char *json, size_t len, size_t section);

/* The JSON of item i, and its length in *len: in the list itself, or
 * for a packed list written into scratch (replacing what it held; the
 * caller frees it), valid until scratch is written again. NULL when
 * out of memory. */
const char *item_list_get(const struct item_list *l, size_t i, size_t *len,
			  struct jsonbuf *scratch);

void item_list_free(struct item_list *l);

#endif
