/* extract.h - what the extractors share: the article and, for each body
 * paragraph, its tokens and sentences, computed once.
 */
#ifndef ARTICLED_EXTRACT_H
#define ARTICLED_EXTRACT_H

#include <stddef.h>

#include "model.h"
#include "tables.h"
#include "tokens.h"

struct para_ref {
	size_t section, paragraph;
	const struct paragraph *p;
	struct tokens tk;
};

struct extract_ctx {
	struct article *a;
	const struct tables *t;
	struct para_ref *paras; /* every body paragraph, in order */
	size_t n_paras;
	struct arena scratch;   /* freed when extraction ends */
};

/* Each returns 0, or -1 when out of memory. Run in this order: quotes
 * read the sections marked by heading, reactions read the quotes. */
void reactions_mark_sections(struct extract_ctx *x);
int quotes_extract(struct extract_ctx *x);
int figures_extract(struct extract_ctx *x);
int reactions_extract(struct extract_ctx *x);

/* The span [start, end) of p as an arena string of the article. */
const char *para_dup(struct extract_ctx *x, const struct paragraph *p, size_t start, size_t end);

#endif
