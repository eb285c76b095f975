/* article_document.c - see article_document.h. */
#include "article_document.h"

#include <stdlib.h>

#include "../text/jsonbuf.h"
#include "item_json.h"

/* Appends the compact text of j (stealing it), as the item lists write it. */
static void put(struct jsonbuf *b, json_t *j)
{
	size_t len;
	char *text = json_compact_text(j, &len);
	if (text == NULL) {
		b->failed = true;
		return;
	}
	jsonbuf_raw(b, text, len);
	free(text);
}

char *article_document(const struct article *a, size_t *len)
{
	struct jsonbuf b = {0};
	jsonbuf_text(&b, "{\"article\":");
	put(&b, article_meta_json(a));
	jsonbuf_text(&b, ",\"sections\":[");
	for (size_t i = 0; i < a->n_sections; i++) {
		jsonbuf_text(&b, i ? "," : "");
		put(&b, section_json(a, i));
	}
	jsonbuf_text(&b, "],\"quotes\":[");
	for (size_t i = 0; i < a->n_quotes; i++) {
		jsonbuf_text(&b, i ? "," : "");
		put(&b, quote_json(a, &a->quotes[i]));
	}
	jsonbuf_text(&b, "],\"speakers\":[");
	for (size_t i = 0; i < a->n_speakers; i++) {
		jsonbuf_text(&b, i ? "," : "");
		put(&b, speaker_json(a, &a->speakers[i]));
	}
	jsonbuf_text(&b, "],\"figures\":[");
	for (size_t i = 0; i < a->n_figures; i++) {
		jsonbuf_text(&b, i ? "," : "");
		put(&b, figure_json(a, &a->figures[i]));
	}
	jsonbuf_text(&b, "],\"reactions\":[");
	for (size_t i = 0; i < a->n_reactions; i++) {
		jsonbuf_text(&b, i ? "," : "");
		put(&b, reaction_json(a, &a->reactions[i]));
	}
	jsonbuf_text(&b, "]}");
	return jsonbuf_take(&b, len);
}
