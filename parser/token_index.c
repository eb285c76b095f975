/* token_index.c - see token_index.h. */
#include "token_index.h"

#include <stdlib.h>

#include "../text/hash.h"

static int token_index_grow(struct token_index *ix)
{
	size_t cap = ix->cap ? ix->cap * 2 : 1024;
	uint64_t *probe = calloc(cap, sizeof *probe);
	struct token_index_slot *slots = calloc(cap, sizeof *slots);
	if (probe == NULL || slots == NULL) {
		free(probe);
		free(slots);
		return -1;
	}
	for (size_t i = 0; i < ix->cap; i++) {
		if (ix->probe[i] == 0)
			continue;
		size_t j = token_index_home(ix->probe[i], cap);
		while (probe[j] != 0)
			j = (j + 1) & (cap - 1);
		probe[j] = ix->probe[i];
		slots[j] = ix->slots[i];
	}
	free(ix->probe);
	free(ix->slots);
	ix->probe = probe;
	ix->slots = slots;
	ix->cap = cap;
	return 0;
}

/* The slot of key (hash as stored): where it is, or the free slot where it
 * would go. */
static size_t slot_of(const struct token_index *ix, const char *key, size_t len, uint64_t hash)
{
	size_t j = token_index_home(hash, ix->cap);
	while (ix->probe[j] != 0 &&
	       !(ix->probe[j] == hash && ix->slots[j].len == len &&
		 memcmp(ix->slots[j].key, key, len) == 0))
		j = (j + 1) & (ix->cap - 1);
	return j;
}

/* The entry of key[0..len), added (with no bits) if new, or NULL when
 * out of memory. */
static struct token_index_slot *slot_made(struct token_index *ix, const char *key, size_t len)
{
	/* At most half full: most lookups miss, and a miss ends at the first
	 * free slot. */
	if ((ix->count + 1) * 2 > ix->cap && token_index_grow(ix) != 0)
		return NULL;
	uint64_t hash = hash_bytes(key, len) | 1;
	size_t j = slot_of(ix, key, len, hash);
	struct token_index_slot *s = &ix->slots[j];
	if (ix->probe[j] == 0) {
		/* Zeros up to the next multiple of 8 past the key, which
		 * token_index_get may read. */
		size_t room = (len / 8 + 1) * 8;
		char *copy = arena_alloc(&ix->arena, room);
		if (copy == NULL)
			return NULL;
		memset(copy, 0, room);
		memcpy(copy, key, len);
		ix->probe[j] = hash;
		*s = (struct token_index_slot){.key = copy,
					       .len = len,
					       .head = bytes_load(copy, 8),
					       .head_mask = len == 0  ? 0
							    : len >= 8 ? ~UINT64_C(0)
								       : bytes_first_mask(len)};
		ix->count++;
	}
	return s;
}

int token_index_add(struct token_index *ix, const char *key, size_t len, uint64_t first_of,
		    uint64_t key_of)
{
	struct token_index_slot *s = slot_made(ix, key, len);
	if (s == NULL)
		return -1;
	s->first_of |= first_of;
	s->key_of |= key_of;
	return 0;
}

int token_index_mark(struct token_index *ix, const char *key, size_t len, uint8_t mark)
{
	struct token_index_slot *s = slot_made(ix, key, len);
	if (s == NULL)
		return -1;
	s->marks |= mark;
	return 0;
}

void token_index_mark_tables(struct token_index *ix, uint64_t first_of, uint64_t key_of,
			     uint8_t mark)
{
	for (size_t j = 0; j < ix->cap; j++) {
		struct token_index_slot *s = &ix->slots[j];
		if (ix->probe[j] != 0 && ((s->first_of & first_of) != 0 || (s->key_of & key_of) != 0))
			s->marks |= mark;
	}
}

int token_index_set_spans(struct token_index *ix, const char *key, size_t len, uint64_t bit,
			  uint32_t spans)
{
	if (ix->cap == 0)
		return 0;
	uint64_t hash = hash_bytes(key, len) | 1;
	size_t j = slot_of(ix, key, len, hash);
	struct token_index_slot *s = &ix->slots[j];
	if (ix->probe[j] == 0 || !(s->first_of & bit))
		return 0; /* not a first token of that table: nothing to record */
	if (s->spans == NULL) {
		size_t n = token_index_rank(s->first_of, UINT64_C(1) << 63) +
			   (unsigned)(s->first_of >> 63);
		s->spans = arena_alloc(&ix->arena, n * sizeof *s->spans);
		if (s->spans == NULL)
			return -1;
		memset(s->spans, 0, n * sizeof *s->spans);
	}
	s->spans[token_index_rank(s->first_of, bit)] = spans;
	return 0;
}

void token_index_free(struct token_index *ix)
{
	free(ix->probe);
	free(ix->slots);
	arena_free(&ix->arena);
	*ix = (struct token_index){0};
}
