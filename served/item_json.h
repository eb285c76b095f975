/* item_json.h - the parsed article in the JSON shapes of the API contract:
 * what /article, each item of a list and each entry of /articles hold.
 * Each function returns a new reference (NULL only when out of memory). */
#ifndef ARTICLED_ITEM_JSON_H
#define ARTICLED_ITEM_JSON_H

#include <jansson.h>

#include "../parser/model.h"

/* How the API writes JSON: compact, the fields in the order of the
 * contract (as people read them). */
#define JSON_COMPACT_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

/* The compact JSON text of j (a new malloc'd string, its length in *len;
 * NULL on no memory, or for a value JSON cannot hold). Steals the
 * reference to j; NULL j gives NULL. */
char *json_compact_text(json_t *j, size_t *len);

/* /article: metadata, table of contents and counts. */
json_t *article_meta_json(const struct article *a);
json_t *section_json(const struct article *a, size_t i);
json_t *quote_json(const struct article *a, const struct quote *q);
/* A speaker with the ids of its quotes. */
json_t *speaker_json(const struct article *a, const struct speaker *s);
json_t *figure_json(const struct article *a, const struct figure *f);
json_t *reaction_json(const struct article *a, const struct reaction *r);

/* An entry of /articles: id, title, subtitle and counts. */
json_t *article_summary_json(const struct article *a);

/* Everything at once: metadata with full sections, quotes, speakers,
 * figures and reactions (for tools and tests). */
json_t *article_full_json(const struct article *a);

#endif
