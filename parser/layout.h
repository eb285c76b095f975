/* layout.h - the parts of an article that its lines and blank lines show:
 * the translation header, title, subtitle, photo block, section headings,
 * body paragraphs and trailing teasers. Fills those fields of the article;
 * the extractors then read the paragraphs.
 */
#ifndef ARTICLED_LAYOUT_H
#define ARTICLED_LAYOUT_H

#include <stddef.h>

#include "model.h"
#include "tables.h"

/* Returns 0, or -1 with a reason in err (no title, no paragraphs, no memory). */
int layout_parse(struct article *a, const char *text, size_t len, const struct tables *t,
		 char *err, size_t errlen);

#endif
