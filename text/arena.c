/* arena.c - see arena.h. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Small, so that what an article leaves unused at the end of its last
 * chunk is small beside its model (a model is kept for as long as it is
 * served, by the thousand: 16 KB chunks left a third of each unused); an
 * allocation larger than this gets a chunk of its own size. */
enum { ARENA_CHUNK_MIN = 4 * 1024 };

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	size = (size + align - 1) & ~(align - 1);
	struct arena_chunk *c = a->head;
	if (c == NULL || c->cap - c->used < size) {
		size_t cap = size > ARENA_CHUNK_MIN ? size : ARENA_CHUNK_MIN;
		c = malloc(sizeof *c + cap);
		if (c == NULL)
			return NULL;
		c->used = 0;
		c->cap = cap;
		c->next = a->head;
		a->head = c;
		a->bytes += cap;
	}
	void *p = c->data + c->used;
	c->used += size;
	return p;
}

void *arena_alloc_exact(struct arena *a, size_t size)
{
	struct arena_chunk *c = malloc(sizeof *c + size);
	if (c == NULL)
		return NULL;
	c->used = c->cap = size;
	c->next = a->head;
	a->head = c;
	a->bytes += size;
	return c->data;
}

bool arena_holds(const struct arena *a, const void *p)
{
	uintptr_t b = (uintptr_t)p;
	for (const struct arena_chunk *c = a->head; c != NULL; c = c->next)
		if (b >= (uintptr_t)c->data && b < (uintptr_t)c->data + c->used)
			return true;
	return false;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	struct arena_chunk *c = a->head;
	while (c != NULL) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->bytes = 0;
}

void arena_reset(struct arena *a, size_t keep)
{
	size_t want = a->bytes < keep ? a->bytes : keep;
	struct arena_chunk *c = a->head;
	if (c != NULL && c->next == NULL && c->cap >= want) {
		c->used = 0;
		return;
	}
	arena_free(a);
	if (want == 0)
		return;
	c = malloc(sizeof *c + want);
	if (c == NULL)
		return; /* empty, as arena_free left it: the next use mallocs */
	c->used = 0;
	c->cap = want;
	c->next = NULL;
	a->head = c;
	a->bytes = want;
}
