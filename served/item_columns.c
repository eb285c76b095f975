/* item_columns.c - see item_columns.h. */
#include "item_columns.h"

#include <stdlib.h>
#include <string.h>

#include "../text/hash.h"

/* The distinct values met while a column is built: their bytes back to
 * back, found again by hash. Freed once the column is made: only the
 * numbers stay. */
struct values {
	struct jsonbuf bytes;
	size_t *end;        /* value v is bytes.s[end[v - 1] (0 for the first) .. end[v]) */
	uint64_t *hash;     /* of each value */
	uint32_t *slots;    /* open addressing: value + 1, or 0 for a free slot */
	size_t n, cap, n_slots;
};

static void values_free(struct values *vs)
{
	free(vs->bytes.s);
	free(vs->end);
	free(vs->hash);
	free(vs->slots);
}

static int values_grow_slots(struct values *vs)
{
	size_t n_slots = vs->n_slots ? 2 * vs->n_slots : 1024;
	uint32_t *slots = calloc(n_slots, sizeof *slots);
	if (slots == NULL)
		return -1;
	for (size_t v = 0; v < vs->n; v++) {
		size_t at = (size_t)vs->hash[v] & (n_slots - 1);
		while (slots[at] != 0)
			at = (at + 1) & (n_slots - 1);
		slots[at] = (uint32_t)v + 1;
	}
	free(vs->slots);
	vs->slots = slots;
	vs->n_slots = n_slots;
	return 0;
}

/* The number of the value key[0..len), a new one when it is new (*added
 * set); (size_t)-1 when out of memory. */
static size_t values_number(struct values *vs, const char *key, size_t len, bool *added)
{
	/* 8 bytes a step: a key is a name or a sentence, hashed for each item
	 * of each column (a million at 10,000 articles). */
	uint64_t h = hash_block(key, len);
	*added = false;
	if (2 * (vs->n + 1) > vs->n_slots && values_grow_slots(vs) != 0)
		return (size_t)-1;
	size_t mask = vs->n_slots - 1, at = (size_t)h & mask;
	for (; vs->slots[at] != 0; at = (at + 1) & mask) {
		size_t v = vs->slots[at] - 1;
		size_t start = v > 0 ? vs->end[v - 1] : 0;
		if (vs->hash[v] == h && vs->end[v] - start == len &&
		    (len == 0 || memcmp(vs->bytes.s + start, key, len) == 0))
			return v;
	}
	if (vs->n == UINT32_MAX - 1)
		return (size_t)-1;
	if (vs->n == vs->cap) {
		size_t cap = vs->cap ? 2 * vs->cap : 256;
		size_t *end = realloc(vs->end, cap * sizeof *end);
		if (end == NULL)
			return (size_t)-1;
		vs->end = end;
		uint64_t *hash = realloc(vs->hash, cap * sizeof *hash);
		if (hash == NULL)
			return (size_t)-1;
		vs->hash = hash;
		vs->cap = cap;
	}
	if (len > 0)
		jsonbuf_raw(&vs->bytes, key, len);
	if (vs->bytes.failed)
		return (size_t)-1;
	vs->end[vs->n] = vs->bytes.len;
	vs->hash[vs->n] = h;
	vs->slots[at] = (uint32_t)vs->n + 1;
	*added = true;
	return vs->n++;
}

/* Each value's number in the least width that holds them all. */
static int narrow(struct item_column *c, uint32_t *wide)
{
	c->width = c->n_values <= UINT8_MAX + 1 ? 1 : c->n_values <= UINT16_MAX + 1 ? 2 : 4;
	if (c->width == 4) {
		c->value_of = wide;
		return 0;
	}
	void *v = malloc(c->n_items * c->width + 1);
	if (v == NULL) {
		free(wide);
		return -1;
	}
	for (size_t i = 0; i < c->n_items; i++) {
		if (c->width == 1)
			((uint8_t *)v)[i] = (uint8_t)wide[i];
		else
			((uint16_t *)v)[i] = (uint16_t)wide[i];
	}
	free(wide);
	c->value_of = v;
	return 0;
}

/* Leaves the column empty, as planned: freeing it again is harmless. */
static void column_free(struct item_column *c)
{
	free(c->value_of);
	free(c->first_article);
	free(c->first_index);
	c->value_of = NULL;
	c->first_article = c->first_index = NULL;
	c->n_values = c->n_items = 0;
}

static int column_build(struct item_column *c, const struct served_article *articles, size_t n,
			const size_t *before)
{
	c->n_items = before[n];
	uint32_t *wide = malloc((c->n_items + 1) * sizeof *wide);
	struct values vs = {0};
	/* The value of this item and of the one before: the items of an
	 * article come in runs of one value (its kind, its section, its
	 * speaker), and one the same as the last is not looked up. */
	struct jsonbuf key = {0}, last = {0};
	size_t cap = 0, last_v = (size_t)-1;
	if (wide == NULL)
		goto error;
	for (size_t a = 0; a < n; a++) {
		const struct item_list *items = &articles[a].items[c->spec.list];
		for (size_t i = 0; i < items->n; i++) {
			key.len = 0;
			c->spec.value(&articles[a], c->spec.list, i, &key);
			bool added = false;
			size_t v;
			if (key.failed)
				goto error;
			if (last_v != (size_t)-1 && key.len == last.len &&
			    (key.len == 0 || memcmp(key.s, last.s, key.len) == 0)) {
				wide[before[a] + i] = (uint32_t)last_v;
				continue;
			}
			if ((v = values_number(&vs, key.s, key.len, &added)) == (size_t)-1)
				goto error;
			struct jsonbuf swap = last;
			last = key;
			key = swap;
			last_v = v;
			if (added) {
				if (vs.n > cap) {
					cap = vs.cap;
					uint32_t *fa = realloc(c->first_article, cap * sizeof *fa);
					if (fa == NULL)
						goto error;
					c->first_article = fa;
					uint32_t *fi = realloc(c->first_index, cap * sizeof *fi);
					if (fi == NULL)
						goto error;
					c->first_index = fi;
				}
				c->first_article[v] = (uint32_t)a;
				c->first_index[v] = (uint32_t)i;
			}
			wide[before[a] + i] = (uint32_t)v;
		}
	}
	c->n_values = vs.n;
	free(key.s);
	free(last.s);
	values_free(&vs);
	return narrow(c, wide);
error:
	free(wide);
	free(key.s);
	free(last.s);
	values_free(&vs);
	column_free(c);
	return -1;
}

ssize_t item_columns_plan(struct item_columns *cols, const struct item_column_spec *specs,
			  size_t n_specs, size_t n, size_t *const before[LIST_KINDS])
{
	*cols = (struct item_columns){0};
	if (n_specs == 0)
		return 0;
	/* Articles and items are numbered in 32 bits. */
	for (int k = 0; k < LIST_KINDS; k++)
		if (before[k][n] >= UINT32_MAX || n >= UINT32_MAX)
			return -1;
	if ((cols->v = calloc(n_specs, sizeof *cols->v)) == NULL)
		return -1;
	for (size_t s = 0; s < n_specs; s++)
		if (item_columns_find(cols, specs[s].list, specs[s].value) == NULL)
			cols->v[cols->n++].spec = specs[s];
	return (ssize_t)cols->n;
}

int item_columns_build_one(struct item_columns *cols, size_t c,
			   const struct served_article *articles, size_t n,
			   size_t *const before[LIST_KINDS])
{
	struct item_column *col = &cols->v[c];
	return column_build(col, articles, n, before[col->spec.list]);
}

void item_columns_free(struct item_columns *cols)
{
	for (size_t i = 0; i < cols->n; i++)
		column_free(&cols->v[i]);
	free(cols->v);
	*cols = (struct item_columns){0};
}

const struct item_column *item_columns_find(const struct item_columns *cols,
					    enum served_list list, item_value_fn value)
{
	for (size_t i = 0; i < cols->n; i++)
		if (cols->v[i].spec.list == list && cols->v[i].spec.value == value)
			return &cols->v[i];
	return NULL;
}

/* The loop of item_column_and for values of one width: kept[] is 0 or 1,
 * so that 64 items make a word of bits without a branch. */
#define AND_WORDS(type)                                                                    \
	do {                                                                               \
		const type *v = c->value_of;                                               \
		for (size_t w = 0; w * 64 < c->n_items; w++) {                             \
			if (bits[w] == 0)                                                  \
				continue;                                                  \
			const type *at = v + w * 64;                                       \
			size_t end = c->n_items - w * 64 < 64 ? c->n_items - w * 64 : 64;  \
			uint64_t keep = 0;                                                 \
			for (size_t b = 0; b < end; b++)                                   \
				keep |= (uint64_t)kept[at[b]] << b;                        \
			bits[w] &= keep;                                                   \
		}                                                                          \
	} while (0)

void item_column_and(const struct item_column *c, const unsigned char *kept, uint64_t *bits)
{
	switch (c->width) {
	case 1:
		AND_WORDS(uint8_t);
		break;
	case 2:
		AND_WORDS(uint16_t);
		break;
	default:
		AND_WORDS(uint32_t);
	}
}
