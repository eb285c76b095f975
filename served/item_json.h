/* item_json.h - the parsed article in the JSON shapes of the API contract:
 * what /article, each item of a list and each entry of /articles hold.
 *
 * Each function appends the compact JSON of one thing to a jsonbuf, the
 * members in the order of the contract (as people read them). The bytes
 * are those jansson's json_dumps gave with JSON_COMPACT and
 * JSON_PRESERVE_ORDER for the same values, which the items were once
 * built as: answers and their ETags did not change. A value JSON cannot
 * hold (text that is not UTF-8, an infinite number, a string the model
 * promises but lacks) makes the buffer fail. */
#ifndef ARTICLED_ITEM_JSON_H
#define ARTICLED_ITEM_JSON_H

#include <jansson.h>

#include "../parser/model.h"
#include "../text/jsonbuf.h"

/* The flags of what is still written with jansson (healthz, the root
 * answer, the OpenAPI document, CSV cells): compact, the members in the
 * order they were set, as the functions below write them. */
#define JSON_COMPACT_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

/* /article: metadata, table of contents and counts. */
void article_meta_json(struct jsonbuf *b, const struct article *a);
void section_json(struct jsonbuf *b, const struct article *a, size_t i);
void quote_json(struct jsonbuf *b, const struct article *a, const struct quote *q);
/* A speaker with the ids of its quotes. */
void speaker_json(struct jsonbuf *b, const struct article *a, const struct speaker *s);
void figure_json(struct jsonbuf *b, const struct article *a, const struct figure *f);
void reaction_json(struct jsonbuf *b, const struct article *a, const struct reaction *r);

/* An entry of /articles: id, title, subtitle and counts. */
void article_summary_json(struct jsonbuf *b, const struct article *a);

/* Item i of one of the article's lists (enum served_list of item_list.h:
 * its sections, quotes, speakers, figures, reactions). */
void list_item_json(struct jsonbuf *b, const struct article *a, int list, size_t i);

/* The items of every list of the article, as the members "sections":[...],
 * "quotes":[...], "speakers":[...], "figures":[...], "reactions":[...]
 * (comma-separated, without braces). */
void article_items_json(struct jsonbuf *b, const struct article *a);

/* Everything at once, as a jansson value (a new reference; NULL when out
 * of memory or when the article cannot be written): the metadata with
 * full sections in place of the table of contents, then quotes,
 * speakers, figures and reactions. For tools and tests, which look into
 * it; it is parsed from the text the functions above write. */
json_t *article_full_json(const struct article *a);

/* The same as text (malloc'd, *len bytes, NUL-terminated), or NULL when
 * out of memory or when the article cannot be written. */
char *article_full_text(const struct article *a, size_t *len);

#endif
