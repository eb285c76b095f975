/* article_parse.h - turns the text of an article into the model of model.h. */
#ifndef ARTICLED_ARTICLE_PARSE_H
#define ARTICLED_ARTICLE_PARSE_H

#include <stddef.h>

#include "model.h"
#include "tables.h"

/* Parses text[0..len) (valid UTF-8; see textfile.h for the reading and
 * normalization that comes before) into a new article with the given id.
 * Returns NULL and a one-line reason in err when the text is no article:
 * no title, or no body paragraph. The caller owns the result. */
struct article *article_parse(const char *text, size_t len, const char *id,
			      const struct tables *tables, char *err, size_t errlen);

/* Frees the article and everything it owns. NULL is a no-op. */
void article_free(struct article *a);

#endif
