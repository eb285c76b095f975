/* name_index.c - see name_index.h. */
#include "name_index.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

static uint64_t hash_of(const char *s)
{
	return hash_bytes(s, strlen(s));
}

static int allocate(struct name_index *x, size_t cap)
{
	x->slots = calloc(cap, sizeof *x->slots);
	x->cap = x->slots ? cap : 0;
	x->n = 0;
	return x->slots ? 0 : -1;
}

int name_index_init(struct name_index *x, size_t n)
{
	size_t cap = 16;
	while (cap < n * 2 + 2 && cap < SIZE_MAX / 4)
		cap *= 2;
	return allocate(x, cap);
}

static struct name_slot *slot_for(const struct name_index *x, const char *name, uint64_t h)
{
	size_t mask = x->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct name_slot *s = &x->slots[i];
		if (s->name == NULL || (s->hash == h && strcmp(s->name, name) == 0))
			return s;
	}
}

int name_index_add(struct name_index *x, const char *name, size_t value)
{
	if ((x->n + 1) * 2 > x->cap) {
		struct name_index bigger;
		if (x->cap > SIZE_MAX / 2 / sizeof *x->slots || allocate(&bigger, x->cap * 2) != 0)
			return -1;
		for (size_t i = 0; i < x->cap; i++)
			if (x->slots[i].name != NULL)
				*slot_for(&bigger, x->slots[i].name, x->slots[i].hash) = x->slots[i];
		bigger.n = x->n;
		free(x->slots);
		*x = bigger;
	}
	uint64_t h = hash_of(name);
	struct name_slot *s = slot_for(x, name, h);
	if (s->name != NULL)
		return 0;
	*s = (struct name_slot){.name = name, .hash = h, .value = value};
	x->n++;
	return 1;
}

bool name_index_find(const struct name_index *x, const char *name, size_t *value)
{
	if (x->cap == 0)
		return false;
	const struct name_slot *s = slot_for(x, name, hash_of(name));
	if (s->name == NULL)
		return false;
	*value = s->value;
	return true;
}

void name_index_free(struct name_index *x)
{
	free(x->slots);
	memset(x, 0, sizeof *x);
}
