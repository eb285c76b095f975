/* list_envelope.c - see list_envelope.h. */
#include "list_envelope.h"

void envelope_begin(struct jsonbuf *b, const struct page *p, const char *leading)
{
	jsonbuf_text(b, "{");
	if (leading != NULL)
		jsonbuf_text(b, leading);
	jsonbuf_text(b, "\"total\":");
	jsonbuf_uint(b, p->total);
	jsonbuf_text(b, ",\"offset\":");
	jsonbuf_uint(b, p->offset);
	jsonbuf_text(b, ",\"limit\":");
	jsonbuf_uint(b, p->limit);
	jsonbuf_text(b, ",\"items\":[");
}

void envelope_end(struct jsonbuf *b)
{
	jsonbuf_text(b, "]}");
}
