/* csv.h - fields of RFC 4180 CSV written into a growing buffer: a field
 * is quoted when it holds a comma, a quote, a line break or starts or ends
 * with a space (which some readers trim), a quote inside doubled; records
 * end with CRLF. */
#ifndef ARTICLED_CSV_H
#define ARTICLED_CSV_H

#include <stddef.h>

#include "jsonbuf.h"

/* One field, s[0..n), as it is or quoted. */
void csv_field(struct jsonbuf *b, const char *s, size_t n);

/* The separator before every field but a record's first. */
static inline void csv_comma(struct jsonbuf *b)
{
	jsonbuf_raw(b, ",", 1);
}

/* The end of a record. */
static inline void csv_end_record(struct jsonbuf *b)
{
	jsonbuf_raw(b, "\r\n", 2);
}

#endif
