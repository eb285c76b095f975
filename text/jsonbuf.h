/* jsonbuf.h - JSON text written straight into a growing buffer, for the
 * answers put together per request: for a page of a thousand paragraphs,
 * building jansson objects and dumping them cost twenty times what
 * writing the text does. Strings are escaped as jansson escapes them, so
 * the bytes (and their ETags) are what json_dumps would give.
 *
 * Errors stick: after a failed allocation every call does nothing, and
 * jsonbuf_take returns NULL.
 */
#ifndef ARTICLED_JSONBUF_H
#define ARTICLED_JSONBUF_H

#include <stdbool.h>
#include <stddef.h>

struct jsonbuf {
	char *s; /* owned; NUL-terminated while len > 0 */
	size_t len, cap;
	bool failed;
};

/* Gives back the room beyond len + 1 (for a buffer kept, not grown any
 * more). Leaves the buffer as it was if that fails. */
void jsonbuf_shrink(struct jsonbuf *b);

/* n bytes as they are (JSON already). */
void jsonbuf_raw(struct jsonbuf *b, const char *s, size_t n);

/* A NUL-terminated piece of JSON, as it is. */
void jsonbuf_text(struct jsonbuf *b, const char *s);

/* A string literal of s[0..n) (valid UTF-8): quoted, with '"', '\' and
 * control characters escaped. */
void jsonbuf_string(struct jsonbuf *b, const char *s, size_t n);

/* A whole number. */
void jsonbuf_uint(struct jsonbuf *b, size_t v);

/* The text (malloc'd, NUL-terminated; the caller owns it) and its length
 * in *len; NULL when an allocation failed (the buffer is freed then). */
char *jsonbuf_take(struct jsonbuf *b, size_t *len);

#endif
