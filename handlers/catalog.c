/* catalog.c - see catalog.h. */
#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/article_parse.h"
#include "../parser/model_json.h"
#include "assets.h"
#include "lists.h"
#include "search_index.h"

/* JSON_PRESERVE_ORDER: fields in the order of the contract, as people read them. */
#define COMPACT_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

static const char JSON_TYPE[] = "application/json; charset=utf-8";

char *json_take_compact(json_t *j, size_t *len)
{
	if (j == NULL)
		return NULL;
	char *s = json_dumps(j, COMPACT_FLAGS);
	json_decref(j);
	if (s != NULL)
		*len = strlen(s);
	return s;
}

char *envelope(const struct item_list *list, const size_t *chosen, size_t n_chosen, size_t total,
	       size_t offset, size_t limit, size_t *len)
{
	char head[128];
	int hl = snprintf(head, sizeof head, "{\"total\":%zu,\"offset\":%zu,\"limit\":%zu,\"items\":[",
			  total, offset, limit);
	size_t need = (size_t)hl + 3;
	for (size_t i = 0; i < n_chosen; i++)
		need += list->len[chosen ? chosen[i] : i] + 1;
	char *out = malloc(need);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	memcpy(out, head, (size_t)hl);
	o += (size_t)hl;
	for (size_t i = 0; i < n_chosen; i++) {
		size_t k = chosen ? chosen[i] : i;
		if (i > 0)
			out[o++] = ',';
		memcpy(out + o, list->json[k], list->len[k]);
		o += list->len[k];
	}
	memcpy(out + o, "]}", 3);
	*len = o + 2;
	return out;
}

static void item_list_free(struct item_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->json[i]);
	free(l->json);
	free(l->len);
	memset(l, 0, sizeof *l);
}

static int item_list_alloc(struct item_list *l, size_t n)
{
	l->json = calloc(n + 1, sizeof *l->json);
	l->len = calloc(n + 1, sizeof *l->len);
	return l->json && l->len ? 0 : -1;
}

static int item_list_set(struct item_list *l, json_t *item)
{
	char *s = json_take_compact(item, &l->len[l->n]);
	if (s == NULL)
		return -1;
	l->json[l->n++] = s;
	return 0;
}

/* The unfiltered first page of a list, prebuilt. */
static int prebuild_list(struct prebuilt *p, const struct item_list *l,
			 const struct http_config *http)
{
	size_t shown = l->n < LIST_DEFAULT_LIMIT ? l->n : LIST_DEFAULT_LIMIT, len = 0;
	char *body = envelope(l, NULL, shown, l->n, 0, LIST_DEFAULT_LIMIT, &len);
	return prebuilt_init(p, body, len, JSON_TYPE, "Accept-Encoding", http);
}

static int prebuild_json_vary(struct prebuilt *p, json_t *j, const char *vary,
			      const struct http_config *http)
{
	size_t len = 0;
	char *body = json_take_compact(j, &len);
	return prebuilt_init(p, body, len, JSON_TYPE, vary, http);
}

static int prebuild_json(struct prebuilt *p, json_t *j, const struct http_config *http)
{
	return prebuild_json_vary(p, j, "Accept-Encoding", http);
}

static json_t *article_summary(const struct article *a)
{
	return json_pack("{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I}}", "id", a->id, "title", a->title,
			 "subtitle", a->subtitle ? json_string(a->subtitle) : json_null(), "counts",
			 "sections", (json_int_t)a->n_sections, "paragraphs",
			 (json_int_t)a->n_paragraphs, "quotes", (json_int_t)a->n_quotes, "figures",
			 (json_int_t)a->n_figures, "reactions", (json_int_t)a->n_reactions);
}

/* One item of the model that jansson refused (a value JSON cannot hold,
 * or no memory): the article's failure, named. */
static int item_failed(char *why, size_t whylen, const char *what, const char *id)
{
	snprintf(why, whylen, "%s %s could not be written as JSON", what, id);
	return -1;
}

/* Everything served of one article. Returns 0, or -1 with what failed in
 * why: the article's failure, which the caller reports with its file. */
static int serve_article(struct served_article *s, const struct http_config *http, char *why,
			 size_t whylen)
{
	const struct article *a = s->model;
	s->id = a->id;
	if (item_list_alloc(&s->section_items, a->n_sections) != 0 ||
	    item_list_alloc(&s->quote_items, a->n_quotes) != 0 ||
	    item_list_alloc(&s->figure_items, a->n_figures) != 0 ||
	    item_list_alloc(&s->reaction_items, a->n_reactions) != 0) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < a->n_sections; i++)
		if (item_list_set(&s->section_items, section_json(a, i)) != 0)
			return item_failed(why, whylen, "section", a->sections[i].id);
	for (size_t i = 0; i < a->n_quotes; i++)
		if (item_list_set(&s->quote_items, quote_json(a, &a->quotes[i])) != 0)
			return item_failed(why, whylen, "quote", a->quotes[i].id);
	for (size_t i = 0; i < a->n_figures; i++)
		if (item_list_set(&s->figure_items, figure_json(a, &a->figures[i])) != 0)
			return item_failed(why, whylen, "figure", a->figures[i].id);
	for (size_t i = 0; i < a->n_reactions; i++)
		if (item_list_set(&s->reaction_items, reaction_json(a, &a->reactions[i])) != 0)
			return item_failed(why, whylen, "reaction", a->reactions[i].id);
	if (prebuild_json(&s->meta, article_meta_json(a), http) != 0)
		return item_failed(why, whylen, "the metadata", "(/article)");
	/* The JSON is all made: what remains are copies and concatenations. */
	snprintf(why, whylen, "out of memory");
	if (prebuild_list(&s->sections, &s->section_items, http) != 0 ||
	    prebuild_list(&s->quotes, &s->quote_items, http) != 0 ||
	    prebuild_list(&s->figures, &s->figure_items, http) != 0 ||
	    prebuild_list(&s->reactions, &s->reaction_items, http) != 0)
		return -1;
	s->section = calloc(a->n_sections + 1, sizeof *s->section);
	if (s->section == NULL)
		return -1;
	for (size_t i = 0; i < a->n_sections; i++) {
		/* The item's own JSON is the whole body of /sections/{id}. */
		char *body = strdup(s->section_items.json[i]);
		if (prebuilt_init(&s->section[i], body, s->section_items.len[i], JSON_TYPE,
				  "Accept-Encoding", http) != 0)
			return -1;
	}
	s->index = search_index_build(a);
	if (s->index == NULL)
		return -1;
	s->summary = json_take_compact(article_summary(a), &s->summary_len);
	return s->summary ? 0 : item_failed(why, whylen, "the summary", "(/articles)");
}

void served_article_free(struct served_article *s)
{
	if (s == NULL)
		return;
	if (s->section != NULL)
		for (size_t i = 0; i < s->model->n_sections; i++)
			prebuilt_free(&s->section[i]);
	free(s->section);
	prebuilt_free(&s->meta);
	prebuilt_free(&s->sections);
	prebuilt_free(&s->quotes);
	prebuilt_free(&s->figures);
	prebuilt_free(&s->reactions);
	item_list_free(&s->section_items);
	item_list_free(&s->quote_items);
	item_list_free(&s->figure_items);
	item_list_free(&s->reaction_items);
	free(s->summary);
	search_index_free(s->index);
	free((char *)s->file);
	article_free(s->model);
	memset(s, 0, sizeof *s);
}

int served_article_prepare(struct served_article *s, struct article *model, const char *file,
			   const struct http_config *http, char *why, size_t whylen)
{
	memset(s, 0, sizeof *s);
	s->model = model;
	s->file = strdup(file);
	if (s->file == NULL) {
		snprintf(why, whylen, "out of memory");
		served_article_free(s);
		return -1;
	}
	if (serve_article(s, http, why, whylen) != 0) {
		served_article_free(s);
		return -1;
	}
	return 0;
}

static json_t *health_json(const struct catalog *c)
{
	json_t *failures = json_array();
	for (size_t i = 0; i < c->n_failures; i++)
		json_array_append_new(failures, json_pack("{s:s, s:s}", "file", c->failures[i].file,
							  "reason", c->failures[i].reason));
	char when[32];
	struct tm tm;
	gmtime_r(&c->loaded_at, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s, s:{s:I, s:I, s:o}, s:s, s:I, s:s}", "status", "ok", "articles",
			 "loaded", (json_int_t)c->n_articles, "failed", (json_int_t)c->n_failures,
			 "failures", failures, "default", c->articles[c->default_article].id,
			 "generation", (json_int_t)c->generation, "loaded_at", when);
}

static json_t *articles_list_json(const struct catalog *c)
{
	json_t *items = json_array();
	for (size_t i = 0; i < c->n_articles && i < LIST_DEFAULT_LIMIT; i++) {
		json_error_t err;
		json_array_append_new(items, json_loadb(c->articles[i].summary,
							c->articles[i].summary_len, 0, &err));
	}
	return json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)c->n_articles, "offset",
			 (json_int_t)0, "limit", (json_int_t)LIST_DEFAULT_LIMIT, "items", items);
}

static json_t *index_json(const struct catalog *c)
{
	(void)c;
	return json_pack(
		"{s:s, s:s, s:s, s:[s,s,s,s,s,s,s,s,s,s,s]}", "name", "articled", "version",
		ARTICLED_VERSION, "description",
		"A news article parsed into sections, quotes, figures and media reactions",
		"endpoints", "/article", "/sections", "/sections/{id}", "/quotes", "/figures",
		"/reactions", "/search?q=", "/articles", "/healthz", "/metrics", "/openapi.json");
}

static json_t *openapi_json(void)
{
	json_error_t err;
	json_t *doc = json_loadb(asset_openapi, asset_openapi_len, JSON_PRESERVE_ORDER, &err);
	if (doc == NULL) {
		/* The file is compiled in and checked by the tests: this is a build defect. */
		fprintf(stderr, "articled: built-in openapi.json line %d: %s\n", err.line, err.text);
		return NULL;
	}
	json_object_set_new(json_object_get(doc, "info"), "version", json_string(ARTICLED_VERSION));
	return doc;
}

struct catalog *catalog_assemble(struct served_article *prepared, size_t n, size_t default_index,
				 const struct load_failure *failures, size_t n_failures,
				 double parse_seconds, unsigned long generation,
				 const struct http_config *http)
{
	struct catalog *c = calloc(1, sizeof *c);
	if (c != NULL) {
		c->articles = calloc(n + 1, sizeof *c->articles);
		c->failures = calloc(n_failures + 1, sizeof *c->failures);
	}
	if (c == NULL || c->articles == NULL || c->failures == NULL) {
		if (c != NULL) {
			free(c->articles);
			free(c->failures);
			free(c);
		}
		for (size_t i = 0; i < n; i++)
			served_article_free(&prepared[i]);
		return NULL;
	}
	/* From here on the catalog owns the articles, and catalog_free frees them. */
	memcpy(c->articles, prepared, n * sizeof *prepared);
	c->n_articles = n;
	c->http = http;
	c->parse_seconds = parse_seconds;
	c->generation = generation;
	c->loaded_at = time(NULL);
	c->default_article = default_index < n ? default_index : 0;
	for (size_t i = 0; i < n_failures; i++) {
		c->failures[i].file = strdup(failures[i].file);
		c->failures[i].reason = strdup(failures[i].reason);
		c->n_failures++;
		if (!c->failures[i].file || !c->failures[i].reason)
			goto error;
	}
	if (prebuild_json(&c->healthz, health_json(c), http) != 0 ||
	    prebuild_json(&c->articles_list, articles_list_json(c), http) != 0 ||
	    prebuild_json_vary(&c->index, index_json(c), "Accept, Accept-Encoding", http) != 0 ||
	    prebuild_json(&c->openapi, openapi_json(), http) != 0)
		goto error;
	char *page = malloc(asset_page_len + 1);
	if (page == NULL)
		goto error;
	memcpy(page, asset_page, asset_page_len);
	if (prebuilt_init(&c->page, page, asset_page_len, "text/html; charset=utf-8",
			  "Accept, Accept-Encoding", http) != 0)
		goto error;
	return c;
error:
	catalog_free(c);
	return NULL;
}

struct catalog *catalog_build(struct catalog_input *in, size_t n, size_t default_index,
			      const struct load_failure *failures, size_t n_failures,
			      double parse_seconds, unsigned long generation,
			      const struct http_config *http)
{
	struct served_article *prepared = calloc(n + 1, sizeof *prepared);
	size_t done = 0;
	char why[256];
	if (prepared != NULL)
		for (; done < n; done++)
			if (served_article_prepare(&prepared[done], in[done].model,
						   in[done].file ? in[done].file : "", http, why,
						   sizeof why) != 0)
				break;
	if (prepared == NULL || done < n) {
		/* The failed one freed its model; the others are ours to free. */
		for (size_t i = 0; i < done; i++)
			served_article_free(&prepared[i]);
		for (size_t i = prepared ? done + 1 : 0; i < n; i++)
			article_free(in[i].model);
		free(prepared);
		return NULL;
	}
	struct catalog *c = catalog_assemble(prepared, n, default_index, failures, n_failures,
					     parse_seconds, generation, http);
	free(prepared);
	return c;
}

void catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n_articles; i++)
		served_article_free(&c->articles[i]);
	for (size_t i = 0; i < c->n_failures; i++) {
		free(c->failures[i].file);
		free(c->failures[i].reason);
	}
	free(c->articles);
	free(c->failures);
	prebuilt_free(&c->healthz);
	prebuilt_free(&c->openapi);
	prebuilt_free(&c->articles_list);
	prebuilt_free(&c->index);
	prebuilt_free(&c->page);
	free(c);
}

const struct served_article *catalog_find(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_articles; i++)
		if (strcmp(c->articles[i].id, id) == 0)
			return &c->articles[i];
	return NULL;
}
