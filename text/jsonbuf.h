/* jsonbuf.h - JSON text written straight into a growing buffer: the
 * items, lists and documents made per article and per request. Building
 * jansson objects and dumping them costs many times what writing the
 * text does, at load (each article's items) as per request (a page of a
 * thousand paragraphs). Strings, whole numbers and reals are written as jansson
 * 2.14 writes them with JSON_COMPACT, so the bytes (and their ETags) are
 * what json_dumps would give.
 *
 * Errors stick: after a failed allocation, or a value JSON cannot hold (a
 * string that is not UTF-8, an infinite or NaN real: jansson refuses
 * both), every call does nothing, and jsonbuf_take returns NULL.
 *
 * A checker (jsonbuf_checker) is a buffer that keeps no text: each call
 * only looks at its value, and the checker fails where a buffer would
 * for that value. For what is written once to learn that it can be (an
 * article's items at load, written again when asked for), at a small
 * part of the cost: a string is only validated as UTF-8, not scanned
 * for escapes nor copied.
 */
#ifndef ARTICLED_JSONBUF_H
#define ARTICLED_JSONBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct jsonbuf {
	char *s; /* owned; NUL-terminated while len > 0 */
	size_t len, cap;
	bool failed;
	bool checking; /* a checker: s stays NULL, len and cap 0 */
};

/* A checker: a buffer that fails as another would, and holds nothing. */
static inline struct jsonbuf jsonbuf_checker(void)
{
	return (struct jsonbuf){.checking = true};
}

/* Room for n more bytes, so that a writer who knows about how much it
 * will write grows the buffer once, not by doubling. */
void jsonbuf_reserve(struct jsonbuf *b, size_t n);

/* Gives back the room beyond len + 1 (for a buffer kept, not grown any
 * more). Leaves the buffer as it was if that fails. */
void jsonbuf_shrink(struct jsonbuf *b);

/* n bytes as they are (JSON already). Inline while they fit: the
 * writers append many pieces of a few bytes. */
void jsonbuf_raw_growing(struct jsonbuf *b, const char *s, size_t n);
static inline void jsonbuf_raw(struct jsonbuf *b, const char *s, size_t n)
{
	/* cap > len while s is allocated; a checker's cap is 0 */
	if (b->failed || b->cap - b->len <= n) {
		if (!b->checking) /* which takes nothing, and needs no call */
			jsonbuf_raw_growing(b, s, n);
		return;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* A NUL-terminated piece of JSON, as it is (inline: the length of a
 * literal is known when compiled). */
static inline void jsonbuf_text(struct jsonbuf *b, const char *s)
{
	jsonbuf_raw(b, s, strlen(s));
}

/* A piece of JSON given as a string literal, its length known when
 * compiled: jsonbuf_lit(b, ",\"index\":"). */
#define jsonbuf_lit(b, lit) jsonbuf_raw((b), "" lit, sizeof(lit) - 1)

/* A string literal of s[0..n): quoted, with '"', '\' and control
 * characters escaped (the rest of UTF-8 as it is). The buffer fails if
 * s[0..n) is not UTF-8. */
void jsonbuf_string(struct jsonbuf *b, const char *s, size_t n);

/* The string literal of the NUL-terminated s, or null when s is NULL. */
void jsonbuf_string_or_null(struct jsonbuf *b, const char *s);

/* A whole number. */
void jsonbuf_uint(struct jsonbuf *b, size_t v);
void jsonbuf_int(struct jsonbuf *b, long long v);

/* A real as jansson writes one (without JSON_REAL_PRECISION): "%.17g",
 * then ".0" added when that has neither a point nor an exponent, and the
 * exponent without '+' or leading zeros (1e300 is
 * "1.0000000000000001e300"). The buffer fails for an infinite or NaN v. */
void jsonbuf_real(struct jsonbuf *b, double v);

/* true or false. */
void jsonbuf_bool(struct jsonbuf *b, bool v);

/* The text (malloc'd, NUL-terminated; the caller owns it) and its length
 * in *len; NULL when an allocation failed (the buffer is freed then), and
 * for a checker. */
char *jsonbuf_take(struct jsonbuf *b, size_t *len);

#endif
