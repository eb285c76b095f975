/* item_list.c - see item_list.h. */
#include "item_list.h"

#include <stdlib.h>
#include <string.h>

int item_list_init(struct item_list *l, size_t n)
{
	memset(l, 0, sizeof *l);
	l->end = malloc((n + 1) * sizeof *l->end);
	l->section = malloc((n + 1) * sizeof *l->section);
	l->cap = n;
	return l->end && l->section ? 0 : -1;
}

int item_list_init_written(struct item_list *l, size_t n, item_write_fn write,
			   const void *model, int list)
{
	memset(l, 0, sizeof *l);
	l->write = write;
	l->model = model;
	l->list = list;
	l->section = malloc((n + 1) * sizeof *l->section);
	l->cap = n;
	return l->section ? 0 : -1;
}

static int room_for_one(struct item_list *l)
{
	if (l->n < l->cap)
		return 0;
	size_t cap = l->cap ? l->cap * 2 : 8;
	if (l->write == NULL) {
		size_t *end = realloc(l->end, (cap + 1) * sizeof *end);
		if (end == NULL)
			return -1;
		l->end = end;
	}
	uint32_t *section = realloc(l->section, (cap + 1) * sizeof *section);
	if (section == NULL)
		return -1;
	l->section = section;
	l->cap = cap;
	return 0;
}

int item_list_add_text(struct item_list *l, const char *json, size_t len, size_t section)
{
	if (l->write != NULL || room_for_one(l) != 0)
		return -1;
	jsonbuf_raw(&l->json, json, len);
	if (l->json.failed)
		return -1;
	l->end[l->n] = l->json.len;
	l->section[l->n++] = (uint32_t)section;
	return 0;
}

int item_list_add_written(struct item_list *l, size_t section, struct jsonbuf *scratch)
{
	if (l->write == NULL || room_for_one(l) != 0)
		return -1;
	scratch->len = 0;
	l->write(scratch, l->model, l->list, l->n);
	if (scratch->failed)
		return -1;
	l->section[l->n++] = (uint32_t)section;
	return 0;
}

void item_list_complete(struct item_list *l)
{
	jsonbuf_shrink(&l->json);
}

const char *item_list_get(const struct item_list *l, size_t i, size_t *len,
			  struct jsonbuf *scratch)
{
	if (l->write == NULL) {
		size_t start = i > 0 ? l->end[i - 1] : 0;
		*len = l->end[i] - start;
		return l->json.s + start;
	}
	scratch->len = 0;
	l->write(scratch, l->model, l->list, i);
	*len = scratch->len;
	return scratch->failed ? NULL : scratch->s;
}

void item_list_free(struct item_list *l)
{
	free(l->json.s);
	free(l->end);
	free(l->section);
	memset(l, 0, sizeof *l);
}
