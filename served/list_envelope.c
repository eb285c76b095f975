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

char *envelope_first_page(const struct item_list *l, size_t *len)
{
	struct page p = {.total = l->n, .offset = 0, .limit = LIST_DEFAULT_LIMIT};
	struct jsonbuf b = {0};
	envelope_begin(&b, &p, NULL);
	for (size_t i = 0; i < l->n && i < LIST_DEFAULT_LIMIT; i++) {
		size_t n;
		const char *item = item_list_get(l, i, &n);
		if (i > 0)
			jsonbuf_text(&b, ",");
		jsonbuf_raw(&b, item, n);
	}
	envelope_end(&b);
	return jsonbuf_take(&b, len);
}
