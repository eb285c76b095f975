/* jsonbuf.c - see jsonbuf.h. */
#include "jsonbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes and the NUL. */
static bool reserve(struct jsonbuf *b, size_t n)
{
	if (b->failed)
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

void jsonbuf_raw(struct jsonbuf *b, const char *s, size_t n)
{
	if (!reserve(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void jsonbuf_text(struct jsonbuf *b, const char *s)
{
	jsonbuf_raw(b, s, strlen(s));
}

void jsonbuf_string(struct jsonbuf *b, const char *s, size_t n)
{
	jsonbuf_raw(b, "\"", 1);
	size_t run = 0; /* bytes copied as they are, written in one go */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		jsonbuf_raw(b, s + run, i - run);
		run = i + 1;
		char esc[8];
		switch (c) {
		case '"': jsonbuf_raw(b, "\\\"", 2); break;
		case '\\': jsonbuf_raw(b, "\\\\", 2); break;
		case '\b': jsonbuf_raw(b, "\\b", 2); break;
		case '\f': jsonbuf_raw(b, "\\f", 2); break;
		case '\n': jsonbuf_raw(b, "\\n", 2); break;
		case '\r': jsonbuf_raw(b, "\\r", 2); break;
		case '\t': jsonbuf_raw(b, "\\t", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04X", c);
			jsonbuf_raw(b, esc, 6);
		}
	}
	jsonbuf_raw(b, s + run, n - run);
	jsonbuf_raw(b, "\"", 1);
}

void jsonbuf_uint(struct jsonbuf *b, size_t v)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%zu", v);
	jsonbuf_raw(b, num, (size_t)n);
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
