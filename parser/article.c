/* article.c - see article.h: layout first, then the extractors. */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "layout.h"
#include "utf8.h"

size_t slugify(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0, limit = cap - 1 < 64 ? cap - 1 : 64;
	bool dash = false;
	for (size_t i = 0; i < len;) {
		size_t n;
		uint32_t cp = utf8_decode(s + i, len - i, &n);
		i += n;
		bool alnum = (cp >= '0' && cp <= '9') || cp_is_letter(cp);
		if (cp == '\'' || cp == 0x2019)
			continue; /* "Petrov's" -> "petrovs" */
		if (!alnum) {
			dash = o > 0;
			continue;
		}
		char buf[4];
		size_t k = utf8_encode(cp_to_lower(cp), buf);
		if (o + k + (dash ? 1 : 0) > limit)
			break;
		if (dash)
			out[o++] = '-';
		dash = false;
		memcpy(out + o, buf, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

const char *para_dup(struct extract_ctx *x, const struct paragraph *p, size_t start, size_t end)
{
	(void)p;
	return arena_strndup(&x->a->arena, p->text + start, end - start);
}

static int prepare(struct extract_ctx *x)
{
	struct article *a = x->a;
	x->paras = arena_alloc(&x->scratch, (a->n_paragraphs + 1) * sizeof *x->paras);
	if (x->paras == NULL)
		return -1;
	for (size_t s = 0; s < a->n_sections; s++) {
		for (size_t p = 0; p < a->sections[s].n_paragraphs; p++) {
			struct para_ref *r = &x->paras[x->n_paras++];
			r->section = s;
			r->paragraph = p;
			r->p = &a->sections[s].paragraphs[p];
			if (tokens_split(&r->tk, r->p->text, r->p->len, &x->t->abbreviations,
					 &x->scratch) != 0)
				return -1;
		}
	}
	return 0;
}

struct article *article_parse(const char *text, size_t len, const char *id,
			      const struct tables *tables, char *err, size_t errlen)
{
	struct article *a = calloc(1, sizeof *a);
	if (a == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	a->id = arena_strdup(&a->arena, id ? id : "article");
	if (a->id == NULL || layout_parse(a, text, len, tables, err, errlen) != 0) {
		article_free(a);
		return NULL;
	}
	struct extract_ctx x = {.a = a, .t = tables};
	int rc = prepare(&x);
	if (rc == 0)
		reactions_mark_sections(&x);
	if (rc == 0)
		rc = quotes_extract(&x);
	if (rc == 0)
		rc = figures_extract(&x);
	if (rc == 0)
		rc = reactions_extract(&x);
	arena_free(&x.scratch);
	if (rc != 0) {
		snprintf(err, errlen, "out of memory");
		article_free(a);
		return NULL;
	}
	return a;
}

void article_free(struct article *a)
{
	if (a == NULL)
		return;
	arena_free(&a->arena);
	free(a);
}

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

const char *figure_change_name(enum figure_change c)
{
	return c == FIGURE_INCREASE ? "increase" : c == FIGURE_DECREASE ? "decrease" : NULL;
}
