/* item_tokens.h - an item's JSON kept in less memory: the member names
 * the API writes in every quote, figure, speaker and reaction (",\"kind\":\"",
 * ",\"compared_to\":null", ...) each stored as one byte, and the long
 * strings that the article's model holds anyway (a section's paragraphs,
 * a figure's sentence, a quote's text) as a reference to the model.
 *
 * An archive keeps the JSON of every item it serves: a third of a
 * figure's or a quote's is the names of its members, and most of a
 * section's is its paragraphs, the same bytes as the model's. Compact
 * JSON text holds no control character (they are escaped within strings
 * and never outside), so the bytes 0x01 to 0x1D stand for the names of a
 * table here, 0x1E and a number for the string of that number of the
 * item (written again as JSON writes it), and 0x1F says that the next
 * byte is itself (any text packs and unpacks to itself, JSON or not).
 * Unpacking is a copy with a table lookup at each name: far cheaper than
 * writing the item again.
 */
#ifndef ARTICLED_ITEM_TOKENS_H
#define ARTICLED_ITEM_TOKENS_H

#include <stddef.h>

#include "../text/jsonbuf.h"

/* The strings an item may refer to: text(model, item, k, &len) is its
 * k-th (k from 0, in the order its JSON holds them), NULL after the
 * last. The model must not change while the packed item is kept. */
typedef const char *(*item_ref_fn)(const void *model, size_t item, size_t k, size_t *len);

struct item_refs {
	item_ref_fn text;
	const void *model;
	size_t item;
};

/* Appends the packed form of json[0..len) to out; refs NULL: none. */
void item_tokens_pack(struct jsonbuf *out, const char *json, size_t len,
		      const struct item_refs *refs);

/* Appends the JSON that packed[0..len) stands for to out, refs the same
 * as it was packed with (a reference that refs cannot resolve fails out). */
void item_tokens_unpack(struct jsonbuf *out, const char *packed, size_t len,
			const struct item_refs *refs);

#endif
