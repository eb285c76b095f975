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
