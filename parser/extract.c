/* extract.c - see extract.h: what the extractors share. */
#include "extract.h"

const char *para_dup(struct extract_ctx *x, const struct paragraph *p, size_t start, size_t end)
{
	(void)p;
	return arena_strndup(&x->a->arena, p->text + start, end - start);
}
