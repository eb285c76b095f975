/* name_index.h - a set of names (NUL-terminated strings it does not own),
 * each with a number: open addressing on a 64-bit FNV-1a hash, so that a
 * lookup costs one hash and, nearly always, one comparison, whatever the
 * number of names. The article ids of a catalog are kept in one: both to
 * keep them unique while loading and to find an article by its id.
 */
#ifndef ARTICLED_NAME_INDEX_H
#define ARTICLED_NAME_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct name_index {
	struct name_slot {
		const char *name; /* NULL: free */
		uint64_t hash;
		size_t value;
	} *slots;
	size_t n, cap; /* cap: a power of two, at least twice n */
};

/* An empty index with room for about n names. Returns -1 when out of memory. */
int name_index_init(struct name_index *x, size_t n);

/* Adds name (kept by pointer: it must outlive the index) with value.
 * Returns 1 when added, 0 when the name was there already (left as it
 * was), -1 when out of memory. */
int name_index_add(struct name_index *x, const char *name, size_t value);

/* The value of name in *value; false when it is not there. */
bool name_index_find(const struct name_index *x, const char *name, size_t *value);

void name_index_free(struct name_index *x);

#endif
