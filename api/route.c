/* route.c - see route.h. */
#include "route.h"

#include <stdio.h>
#include <string.h>

static const struct {
	unsigned bit;
	const char *name;
} methods[] = {
	{METHOD_GET, "GET"},
	{METHOD_HEAD, "HEAD"},
	{METHOD_POST, "POST"},
	{METHOD_OPTIONS, "OPTIONS"},
};

enum { N_METHODS = sizeof methods / sizeof methods[0] };

unsigned method_bit(const char *method)
{
	for (size_t i = 0; i < N_METHODS; i++)
		if (strcmp(methods[i].name, method) == 0)
			return methods[i].bit;
	return 0;
}

/* The names of the methods in mask, joined by sep. */
static void join(unsigned mask, const char *sep, const char *last_sep, char *out, size_t cap)
{
	size_t o = 0, n = 0, total = 0;
	for (size_t i = 0; i < N_METHODS; i++)
		total += (mask & methods[i].bit) != 0;
	out[0] = '\0';
	for (size_t i = 0; i < N_METHODS && o < cap; i++) {
		if (!(mask & methods[i].bit))
			continue;
		const char *s = n == 0 ? "" : n + 1 == total ? last_sep : sep;
		o += (size_t)snprintf(out + o, cap - o, "%s%s", s, methods[i].name);
		n++;
	}
}

void route_allow(const struct route *r, char *out, size_t cap)
{
	join(r->methods, ", ", ", ", out, cap);
}

void route_methods_named(const struct route *r, char *out, size_t cap)
{
	/* OPTIONS asks about the resource; it is not a way to use it. */
	join(r->methods & ~(unsigned)METHOD_OPTIONS, ", ", " or ", out, cap);
}
