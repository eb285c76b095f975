/* arena.h - a bump allocator that owns every string of one parsed article.
 *
 * The article model is built once and never mutated afterwards, so its
 * strings live exactly as long as the model: one arena per article, freed in
 * one call. Nothing allocated here is freed individually.
 */
#ifndef ARTICLED_ARENA_H
#define ARTICLED_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* newest chunk first */
	size_t bytes;             /* total bytes reserved, for reporting */
};

/* Returns size bytes aligned for any type, or NULL when memory is exhausted. */
void *arena_alloc(struct arena *a, size_t size);

/* Returns size bytes in a chunk of their own, of exactly that size: for
 * one block laid out whole and kept long, with no room left over. NULL
 * when memory is exhausted. Later allocations take a new chunk. */
void *arena_alloc_exact(struct arena *a, size_t size);

/* Does p point into memory of a's chunks? */
bool arena_holds(const struct arena *a, const void *p);

/* Copies len bytes of s and appends a NUL. arena_strndup(a, "abc", 2) -> "ab". */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);

/* Frees every chunk; the arena is empty and reusable afterwards. NULL is a no-op. */
void arena_free(struct arena *a);

/* Empties the arena for reuse but keeps memory for the next use: one chunk
 * as large as all it held, up to keep bytes. An arena filled and emptied
 * again and again with about as much (a parser's scratch, article after
 * article) then takes its memory from that chunk, not from malloc, and
 * its pages are not given back and faulted in again each time. */
void arena_reset(struct arena *a, size_t keep);

#endif
