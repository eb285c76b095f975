/* model_json.h - the article model in the JSON shapes of the API contract.
 * Each function returns a new reference (NULL only when out of memory). */
#ifndef ARTICLED_MODEL_JSON_H
#define ARTICLED_MODEL_JSON_H

#include <jansson.h>

#include "model.h"

/* /article: metadata, table of contents and counts. */
json_t *article_meta_json(const struct article *a);
json_t *section_json(const struct article *a, size_t i);
json_t *quote_json(const struct article *a, const struct quote *q);
/* A speaker with the ids of its quotes. */
json_t *speaker_json(const struct article *a, const struct speaker *s);
json_t *figure_json(const struct article *a, const struct figure *f);
json_t *reaction_json(const struct article *a, const struct reaction *r);

/* Everything at once: metadata with full sections, quotes, speakers,
 * figures and reactions (for tools and tests). */
json_t *article_full_json(const struct article *a);

#endif
