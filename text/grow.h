/* grow.h - room for one more element in an array that grows by doubling. */
#ifndef ARTICLED_GROW_H
#define ARTICLED_GROW_H

#include <stdint.h>
#include <stdlib.h>

/* Returns v itself while n < *cap; else v reallocated to twice *cap
 * elements of size bytes (first when *cap is 0), with *cap updated. On
 * failure returns NULL and leaves v and *cap as they were: the caller
 * still owns v. Use: p = grow_for_one(l->v, l->n, &l->cap, sizeof *p, 32). */
static inline void *grow_for_one(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return v;
	size_t grown = *cap ? *cap * 2 : first;
	if (grown < *cap || grown > SIZE_MAX / size)
		return NULL;
	void *g = realloc(v, grown * size);
	if (g != NULL)
		*cap = grown;
	return g;
}

#endif
