/* article_document.h - the whole model of one article as one JSON
 * document, what POST /parse answers and articled-parse prints:
 *
 *   {"article": /article, "sections": [...], "quotes": [...],
 *    "speakers": [...], "figures": [...], "reactions": [...]}
 *
 * Each item is written by the function that writes it for its list
 * (item_json.h), so its bytes are those the GET endpoints serve for the
 * same text loaded as a file.
 */
#ifndef ARTICLED_ARTICLE_DOCUMENT_H
#define ARTICLED_ARTICLE_DOCUMENT_H

#include <stddef.h>

#include "../parser/model.h"

/* The document, compact (malloc'd, NUL-terminated, its length in *len);
 * NULL when out of memory or when an item cannot be written as JSON. */
char *article_document(const struct article *a, size_t *len);

#endif
