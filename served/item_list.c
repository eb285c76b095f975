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

static int room_for_one(struct item_list *l)
{
	if (l->n < l->cap)
		return 0;
	size_t cap = l->cap ? l->cap * 2 : 8;
	size_t *end = realloc(l->end, (cap + 1) * sizeof *end);
	if (end == NULL)
		return -1;
	l->end = end;
	uint32_t *section = realloc(l->section, (cap + 1) * sizeof *section);
	if (section == NULL)
		return -1;
	l->section = section;
	l->cap = cap;
	return 0;
}

struct jsonbuf *item_list_begin(struct item_list *l)
{
	return room_for_one(l) == 0 ? &l->json : NULL;
}

int item_list_end(struct item_list *l, size_t section)
{
	if (l->json.failed)
		return -1;
	l->end[l->n] = l->json.len;
	l->section[l->n] = (uint32_t)section;
	l->n++;
	return 0;
}

int item_list_add_text(struct item_list *l, const char *json, size_t len, size_t section)
{
	if (room_for_one(l) != 0)
		return -1;
	jsonbuf_raw(&l->json, json, len);
	return item_list_end(l, section);
}

void item_list_free(struct item_list *l)
{
	free(l->json.s);
	free(l->end);
	free(l->section);
	memset(l, 0, sizeof *l);
}
