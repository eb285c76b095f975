/* item_tokens.h - an item's JSON kept in less memory: the member names
 * the API writes in every quote, figure, speaker and reaction (",\"kind\":\"",
 * ",\"compared_to\":null", ...) each stored as one byte.
 *
 * An archive keeps the JSON of every item it serves, and a third of a
 * figure's or a quote's is the names of its members. Compact JSON text
 * holds no control character (they are escaped within strings and never
 * outside), so the bytes 0x01 to 0x1E stand for the names of a table
 * here, and 0x1F says that the next byte is itself (any text packs and
 * unpacks to itself, JSON or not). Unpacking is a copy with a table
 * lookup at each name: far cheaper than writing the item again.
 */
#ifndef ARTICLED_ITEM_TOKENS_H
#define ARTICLED_ITEM_TOKENS_H

#include <stddef.h>

#include "../text/jsonbuf.h"

/* Appends the packed form of json[0..len) to out. */
void item_tokens_pack(struct jsonbuf *out, const char *json, size_t len);

/* Appends the JSON that packed[0..len) stands for to out. */
void item_tokens_unpack(struct jsonbuf *out, const char *packed, size_t len);

#endif
