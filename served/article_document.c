/* article_document.c - see article_document.h. */
#include "article_document.h"

#include "../text/jsonbuf.h"
#include "item_json.h"

char *article_document(const struct article *a, size_t *len)
{
	struct jsonbuf b = {0};
	jsonbuf_lit(&b, "{\"article\":");
	article_meta_json(&b, a);
	jsonbuf_lit(&b, ",");
	article_items_json(&b, a);
	jsonbuf_lit(&b, "}");
	return jsonbuf_take(&b, len);
}
