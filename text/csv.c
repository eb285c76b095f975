/* csv.c - see csv.h. */
#include "csv.h"

#include <string.h>

static int needs_quotes(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	return 0;
}

void csv_field(struct jsonbuf *b, const char *s, size_t n)
{
	if (!needs_quotes(s, n)) {
		jsonbuf_raw(b, s, n);
		return;
	}
	jsonbuf_raw(b, "\"", 1);
	for (const char *q; (q = memchr(s, '"', n)) != NULL;) {
		size_t k = (size_t)(q - s) + 1;
		jsonbuf_raw(b, s, k);
		jsonbuf_raw(b, "\"", 1);
		s += k;
		n -= k;
	}
	jsonbuf_raw(b, s, n);
	jsonbuf_raw(b, "\"", 1);
}
