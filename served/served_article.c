/* served_article.c - see served_article.h. */
#include "served_article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/article_compact.h"
#include "../parser/article_parse.h"
#include "item_json.h"
#include "list_envelope.h"
#include "search_index.h"

/* One item of the model that could not be written (a value JSON cannot
 * hold, or no memory): the article's failure, named. */
static int item_failed(char *why, size_t whylen, const char *what, const char *id)
{
	snprintf(why, whylen, "%s %s could not be written as JSON", what, id);
	return -1;
}

static const char *const item_names[LIST_KINDS] = {
	[LIST_SECTIONS] = "section", [LIST_QUOTES] = "quote", [LIST_SPEAKERS] = "speaker",
	[LIST_FIGURES] = "figure", [LIST_REACTIONS] = "reaction",
};

/* Item i of list k: the section it is in, its id. */
static size_t item_section(const struct article *a, int k, size_t i)
{
	switch (k) {
	case LIST_QUOTES: return a->quotes[i].at.section;
	case LIST_SPEAKERS: {
		/* A speaker is in the section of its first quote. */
		const struct speaker *sp = &a->speakers[i];
		return sp->n_quotes ? a->quotes[sp->quotes[0]].at.section : 0;
	}
	case LIST_FIGURES: return a->figures[i].at.section;
	case LIST_REACTIONS: return a->reactions[i].at.section;
	}
	return i; /* a section */
}

static const char *item_id(const struct article *a, int k, size_t i)
{
	switch (k) {
	case LIST_QUOTES: return a->quotes[i].id;
	case LIST_SPEAKERS: return a->speakers[i].id;
	case LIST_FIGURES: return a->figures[i].id;
	case LIST_REACTIONS: return a->reactions[i].id;
	}
	return a->sections[i].id;
}

/* An article's item, written from its model (item_list.h's write). */
static void write_item(struct jsonbuf *b, const void *model, int list, size_t i)
{
	list_item_json(b, model, list, i);
}

/* The items of every list, in the order of the article. */
static int write_items(struct served_article *s, char *why, size_t whylen)
{
	const struct article *a = s->model;
	const size_t counts[LIST_KINDS] = {
		[LIST_SECTIONS] = a->n_sections,
		[LIST_QUOTES] = a->n_quotes,
		[LIST_SPEAKERS] = a->n_speakers,
		[LIST_FIGURES] = a->n_figures,
		[LIST_REACTIONS] = a->n_reactions,
	};
	s->items = calloc(LIST_KINDS, sizeof *s->items);
	for (int k = 0; k < LIST_KINDS; k++)
		if (s->items == NULL ||
		    item_list_init_written(&s->items[k], counts[k], write_item, a, k) != 0) {
			snprintf(why, whylen, "out of memory");
			return -1;
		}
	/* Each item checked once here (written to a checker, jsonbuf.h), so
	 * that one that cannot be written is the article's failure at load,
	 * not a request's. */
	struct jsonbuf checker = jsonbuf_checker();
	for (int k = 0; k < LIST_KINDS; k++)
		for (size_t i = 0; i < counts[k]; i++)
			if (item_list_add_written(&s->items[k], item_section(a, k, i), &checker) != 0)
				return item_failed(why, whylen, item_names[k], item_id(a, k, i));
	return 0;
}

/* A document kept as long as the article is served, written by write:
 * malloc'd at its exact size, its length in *len; NULL when it could not
 * be written. */
static char *kept_json(const struct article *a,
		       void (*write)(struct jsonbuf *b, const struct article *a), size_t *len)
{
	struct jsonbuf b = {0};
	write(&b, a);
	jsonbuf_shrink(&b);
	return jsonbuf_take(&b, len);
}

/* The body of /article (representation.h's make). */
static char *meta_of(const void *model, size_t *len)
{
	return kept_json(model, article_meta_json, len);
}

/* The body of a list's first page (representation.h's make). */
static char *first_page_of(const void *items, size_t *len)
{
	return envelope_first_page(items, len);
}

/* The body of /sections/{id}: the section's item (representation.h's make). */
static char *section_body_of(const void *section, size_t *len)
{
	const struct section_body *b = section;
	struct jsonbuf scratch = {0};
	const char *item = item_list_get(b->items, b->index, len, &scratch);
	if (item == NULL) {
		free(scratch.s);
		return NULL;
	}
	return jsonbuf_take(&scratch, len);
}

static int serve_article(struct served_article *s, char *why, size_t whylen)
{
	const struct article *a = s->model;
	s->id = a->id;
	if (write_items(s, why, whylen) != 0)
		return -1;
	/* /article is written when asked for, like the items; checked here,
	 * so that an article whose metadata cannot be written fails at load. */
	struct jsonbuf checker = jsonbuf_checker();
	article_meta_json(&checker, a);
	if (checker.failed ||
	    representation_init_small(&s->meta, NULL, 0, false, meta_of, a, CONTENT_TYPE_JSON,
				      VARY_ENCODING) != 0)
		return item_failed(why, whylen, "the metadata", "(/article)");
	s->summary = kept_json(a, article_summary_json, &s->summary_len);
	if (s->summary == NULL)
		return item_failed(why, whylen, "the summary", "(/articles)");
	/* Each list's first page is made from its items when asked for. */
	for (int k = 0; k < LIST_KINDS; k++) /* JSON, but Accept may ask for CSV or NDJSON */
		representation_init_small(&s->first_page[k], NULL, 0, false, first_page_of,
					  &s->items[k], CONTENT_TYPE_JSON, VARY_ACCEPT_AND_ENCODING);
	s->section = calloc(a->n_sections + 1, sizeof *s->section);
	s->section_body = calloc(a->n_sections + 1, sizeof *s->section_body);
	if (s->section == NULL || s->section_body == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < a->n_sections; i++) {
		/* The item's JSON is the whole body of /sections/{id}. */
		s->section_body[i] = (struct section_body){&s->items[LIST_SECTIONS], i};
		representation_init_small(&s->section[i], NULL, 0, false, section_body_of,
					  &s->section_body[i], CONTENT_TYPE_JSON, VARY_ENCODING);
	}
	/* The title's and subtitle's words too, for the catalog's word index. */
	struct paragraph headings[2] = {
		{a->title ? a->title : "", a->title ? strlen(a->title) : 0},
		{a->subtitle ? a->subtitle : "", a->subtitle ? strlen(a->subtitle) : 0}};
	s->index = search_index_build(a, headings, 2);
	if (s->index == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	return 0;
}

void served_article_free(struct served_article *s)
{
	if (s == NULL)
		return;
	if (s->section != NULL)
		for (size_t i = 0; i < s->model->n_sections; i++)
			representation_free(&s->section[i]);
	free(s->section);
	free(s->section_body);
	representation_free(&s->meta);
	for (int k = 0; k < LIST_KINDS; k++) {
		representation_free(&s->first_page[k]);
		if (s->items != NULL)
			item_list_free(&s->items[k]);
	}
	free(s->items);
	free(s->summary);
	search_index_free(s->index);
	free((char *)s->file);
	article_free(s->model);
	memset(s, 0, sizeof *s);
}

int served_article_prepare(struct served_article *s, struct article *model, const char *file,
			   char *why, size_t whylen)
{
	memset(s, 0, sizeof *s);
	s->model = model;
	s->file = strdup(file);
	/* Kept as long as it is served: without what only the parse needed. */
	if (s->file == NULL || article_compact(model) != 0) {
		snprintf(why, whylen, "out of memory");
		served_article_free(s);
		return -1;
	}
	if (serve_article(s, why, whylen) != 0) {
		served_article_free(s);
		return -1;
	}
	return 0;
}

size_t served_article_representations(const struct served_article *s)
{
	return 1 + LIST_KINDS + s->model->n_sections;
}

struct representation *served_article_representation(struct served_article *s, size_t i)
{
	if (i == 0)
		return &s->meta;
	if (i <= LIST_KINDS)
		return &s->first_page[i - 1];
	return &s->section[i - 1 - LIST_KINDS];
}
