/* jsonbuf.c - see jsonbuf.h. */
#include "jsonbuf.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "utf8.h"

/* Room for n more bytes and the NUL; none in a checker. */
static bool reserve(struct jsonbuf *b, size_t n)
{
	if (b->failed || b->checking)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1) {
		if (cap > (size_t)-1 / 2) {
			b->failed = true;
			return false;
		}
		cap *= 2;
	}
	char *g = realloc(b->s, cap);
	if (g == NULL) {
		b->failed = true;
		return false;
	}
	b->s = g;
	b->cap = cap;
	return true;
}

void jsonbuf_reserve(struct jsonbuf *b, size_t n)
{
	if (b->failed || b->checking || b->len + n + 1 <= b->cap)
		return;
	if (n > (size_t)-1 - b->len - 1) {
		b->failed = true;
		return;
	}
	/* Exactly what was asked: the writer knows better than doubling. */
	char *g = realloc(b->s, b->len + n + 1);
	if (g == NULL) {
		b->failed = true;
		return;
	}
	b->s = g;
	b->cap = b->len + n + 1;
}

void jsonbuf_raw_growing(struct jsonbuf *b, const char *s, size_t n)
{
	if (!reserve(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* The escape of an ASCII byte that JSON does not take as it is. */
static void escape(struct jsonbuf *b, unsigned char c)
{
	switch (c) {
	case '"': jsonbuf_raw(b, "\\\"", 2); break;
	case '\\': jsonbuf_raw(b, "\\\\", 2); break;
	case '\b': jsonbuf_raw(b, "\\b", 2); break;
	case '\f': jsonbuf_raw(b, "\\f", 2); break;
	case '\n': jsonbuf_raw(b, "\\n", 2); break;
	case '\r': jsonbuf_raw(b, "\\r", 2); break;
	case '\t': jsonbuf_raw(b, "\\t", 2); break;
	default: {
		/* jansson: "\\u%04X" */
		static const char hex[] = "0123456789ABCDEF";
		char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
		jsonbuf_raw(b, esc, sizeof esc);
	}
	}
}

/* Whether any of the 8 bytes of w needs a look: a control character,
 * '"', '\\' or a byte of a multi-byte sequence (to be checked as UTF-8).
 * Most of an article is none of these, and goes 8 bytes at a time. */
static inline bool needs_look(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t below_space = w - ones * 0x20; /* a high bit where a byte < 0x20, or ... */
	/* ... where a byte was >= 0x80: those are looked at anyway. */
	return ((below_space | w) & high) != 0 || bytes_has(w, '"') != 0 || bytes_has(w, '\\') != 0;
}

/* Is s[0..n) UTF-8? ASCII (nearly every string of an article) is told
 * by the high bits of all its bytes at once: 8 a step, the last 8 read
 * again rather than a byte at a time, and a short string in two
 * overlapping reads (or three bytes); the rest as utf8_invalid_at says. */
static bool is_utf8(const char *s, size_t n)
{
	uint64_t any = 0, w;
	if (n >= 8) {
		for (size_t i = 0; i + 8 <= n; i += 8) {
			memcpy(&w, s + i, 8);
			any |= w;
		}
		memcpy(&w, s + n - 8, 8);
		any |= w;
	} else if (n >= 4) {
		uint32_t head, tail;
		memcpy(&head, s, 4);
		memcpy(&tail, s + n - 4, 4);
		any = head | tail;
	} else if (n > 0) {
		any = (unsigned char)s[0] | (unsigned char)s[n / 2] | (unsigned char)s[n - 1];
	}
	return (any & 0x8080808080808080ULL) == 0 || utf8_invalid_at(s, n) == (size_t)-1;
}

/* jsonbuf_string for a checker: apart, so that a checked string costs
 * none of the writer's set-up. */
static __attribute__((noinline)) void check_string(struct jsonbuf *b, const char *s, size_t n)
{
	if (!b->failed && !is_utf8(s, n))
		b->failed = true;
}

void jsonbuf_string(struct jsonbuf *b, const char *s, size_t n)
{
	/* A checker fails where the loop below would: at the first byte
	 * that begins no valid sequence. */
	if (b->checking) {
		check_string(b, s, n);
		return;
	}
	/* The quotes and the text: room for all of it at once, unless it
	 * has escapes. */
	if (!reserve(b, n + 2))
		return;
	b->s[b->len++] = '"';
	size_t run = 0; /* s[run..i) is still to copy as it is */
	for (size_t i = 0; i < n;) {
		uint64_t w;
		if (n - i >= 8 && (memcpy(&w, s + i, 8), !needs_look(w))) {
			i += 8;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			size_t k;
			uint32_t cp = utf8_decode(s + i, n - i, &k);
			/* A literal U+FFFD decodes in 3 bytes; an error in 1. */
			if (cp == 0xFFFD && k == 1) {
				b->failed = true;
				return;
			}
			i += k;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		jsonbuf_raw(b, s + run, i - run);
		escape(b, c);
		run = ++i;
	}
	jsonbuf_raw(b, s + run, n - run);
	jsonbuf_raw(b, "\"", 1);
}

void jsonbuf_string_or_null(struct jsonbuf *b, const char *s)
{
	if (s == NULL)
		jsonbuf_raw(b, "null", 4);
	else
		jsonbuf_string(b, s, strlen(s));
}

/* The decimal digits of v, written backwards from the end of out. */
static char *digits(char *end, unsigned long long v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

void jsonbuf_uint(struct jsonbuf *b, size_t v)
{
	if (b->checking)
		return; /* any number can be written */
	char num[24], *end = num + sizeof num, *start = digits(end, v);
	jsonbuf_raw(b, start, (size_t)(end - start));
}

void jsonbuf_int(struct jsonbuf *b, long long v)
{
	if (b->checking)
		return;
	char num[24], *end = num + sizeof num;
	/* The magnitude in unsigned arithmetic: -LLONG_MIN does not fit. */
	unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	char *start = digits(end, m);
	if (v < 0)
		*--start = '-';
	jsonbuf_raw(b, start, (size_t)(end - start));
}

void jsonbuf_real(struct jsonbuf *b, double v)
{
	if (!isfinite(v)) {
		b->failed = true; /* json_real refuses it */
		return;
	}
	if (b->checking)
		return; /* "%.17g" of a finite real always fits below */
	/* What jansson's jsonp_dtostr does, step by step. */
	char num[100];
	int ret = snprintf(num, sizeof num - 3, "%.17g", v);
	if (ret < 0 || (size_t)ret >= sizeof num - 3) {
		b->failed = true;
		return;
	}
	size_t len = (size_t)ret;
	const char *point = localeconv()->decimal_point;
	if (point[0] != '.') {
		char *p = strchr(num, point[0]);
		if (p != NULL)
			*p = '.';
	}
	if (strchr(num, '.') == NULL && strchr(num, 'e') == NULL) {
		memcpy(num + len, ".0", 3);
		len += 2;
	}
	char *e = strchr(num, 'e');
	if (e != NULL) {
		char *start = e + 1, *end = start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, len - (size_t)(end - num) + 1);
			len -= (size_t)(end - start);
		}
	}
	jsonbuf_raw(b, num, len);
}

void jsonbuf_bool(struct jsonbuf *b, bool v)
{
	if (v)
		jsonbuf_raw(b, "true", 4);
	else
		jsonbuf_raw(b, "false", 5);
}

char *jsonbuf_take(struct jsonbuf *b, size_t *len)
{
	if (b->failed || !reserve(b, 0)) {
		free(b->s);
		memset(b, 0, sizeof *b);
		return NULL;
	}
	b->s[b->len] = '\0';
	char *s = b->s;
	*len = b->len;
	memset(b, 0, sizeof *b);
	return s;
}

void jsonbuf_shrink(struct jsonbuf *b)
{
	if (b->s == NULL || b->cap <= b->len + 1)
		return;
	char *s = realloc(b->s, b->len + 1);
	if (s != NULL) {
		b->s = s;
		b->cap = b->len + 1;
	}
}
