/* model.c - see model.h: the names of the model's kinds, as the API writes them. */
#include "model.h"

#include <string.h>

static const char *const figure_kinds[FIGURE_KIND_COUNT] = {
	[FIGURE_PERCENT] = "percent",   [FIGURE_MONEY] = "money",
	[FIGURE_DATE] = "date",         [FIGURE_COUNT] = "count",
	[FIGURE_QUANTITY] = "quantity", [FIGURE_MULTIPLIER] = "multiplier",
};

const char *figure_kind_name(enum figure_kind k)
{
	return k < FIGURE_KIND_COUNT ? figure_kinds[k] : "unknown";
}

enum figure_kind figure_kind_from_name(const char *name)
{
	for (int k = 0; k < FIGURE_KIND_COUNT; k++)
		if (strcmp(figure_kinds[k], name) == 0)
			return (enum figure_kind)k;
	return FIGURE_KIND_COUNT;
}

const char *quote_kind_name(enum quote_kind k)
{
	return k == QUOTE_DIRECT ? "direct" : "indirect";
}

const char *figure_change_name(enum figure_change c)
{
	return c == FIGURE_INCREASE ? "increase" : c == FIGURE_DECREASE ? "decrease" : NULL;
}

static const char *const speaker_types[SPEAKER_TYPE_COUNT] = {
	[SPEAKER_PERSON] = "person",
	[SPEAKER_ORGANIZATION] = "organization",
	[SPEAKER_OUTLET] = "outlet",
};

const char *speaker_type_name(enum speaker_type t)
{
	return t < SPEAKER_TYPE_COUNT ? speaker_types[t] : "unknown";
}

enum speaker_type speaker_type_from_name(const char *name)
{
	for (int t = 0; t < SPEAKER_TYPE_COUNT; t++)
		if (strcmp(speaker_types[t], name) == 0)
			return (enum speaker_type)t;
	return SPEAKER_TYPE_COUNT;
}
