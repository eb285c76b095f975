/* catalog.c - see catalog.h. */
#include "catalog.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../parser/article_parse.h"
#include "item_json.h"
#include "list_envelope.h"
#include "web_assets.h"

/* ARTICLED_VERSION is set by the Makefile from its VERSION. */

/* The body of r: the compact text of j (stolen; NULL for no memory). */
static int prebuild_json(struct representation *r, json_t *j, const char *vary)
{
	size_t len = 0;
	char *body = j != NULL ? json_dumps(j, JSON_COMPACT_FLAGS) : NULL;
	json_decref(j);
	if (body != NULL)
		len = strlen(body);
	return representation_init(r, body, len, CONTENT_TYPE_JSON, vary);
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

static json_t *index_json(const char *const *endpoints)
{
	json_t *list = json_array();
	for (size_t i = 0; endpoints != NULL && endpoints[i] != NULL; i++)
		json_array_append_new(list, json_string(endpoints[i]));
	return json_pack("{s:s, s:s, s:s, s:o}", "name", "articled", "version", ARTICLED_VERSION,
			 "description",
			 "A news article parsed into sections, quotes and their speakers, figures and media reactions",
			 "endpoints", list);
}

static json_t *openapi_json(void)
{
	json_error_t err;
	json_t *doc = json_loadb(asset_openapi, asset_openapi_len, JSON_PRESERVE_ORDER, &err);
	if (doc == NULL) {
		/* The file is compiled in and checked by the tests: this is a build defect. */
		fprintf(stderr, "articled: built-in openapi.json line %d: %s\n", err.line,
			err.text);
		return NULL;
	}
	json_object_set_new(json_object_get(doc, "info"), "version", json_string(ARTICLED_VERSION));
	return doc;
}

/* The documents that are the same bytes in every generation: the OpenAPI
 * description and the web page. Parsing, writing and gzipping them at
 * level 9 took some 20 ms of every load, most of the start of a single
 * article; they are made once, at the first load, and each catalog gets
 * a copy (a memcpy). The process owns these for its whole life. */
static pthread_mutex_t fixed_lock = PTHREAD_MUTEX_INITIALIZER;
static struct representation fixed_openapi, fixed_page;
static bool fixed_made;

static int make_fixed(void)
{
	char *page = malloc(asset_page_len + 1);
	if (page != NULL)
		memcpy(page, asset_page, asset_page_len);
	/* representation_init takes the body, whatever it returns. */
	if (prebuild_json(&fixed_openapi, openapi_json(), VARY_ENCODING) != 0 ||
	    representation_init(&fixed_page, page, asset_page_len, CONTENT_TYPE_HTML,
				VARY_ACCEPT_AND_ENCODING) != 0) {
		representation_free(&fixed_openapi);
		representation_free(&fixed_page);
		return -1;
	}
	return 0;
}

/* c's copies of the fixed documents; made first if no load has made them
 * yet (a failure, out of memory, is tried again at the next load). */
static int copy_fixed(struct catalog *c)
{
	pthread_mutex_lock(&fixed_lock);
	if (!fixed_made)
		fixed_made = make_fixed() == 0;
	int rc = fixed_made && representation_copy(&c->openapi, &fixed_openapi) == 0 &&
				 representation_copy(&c->page, &fixed_page) == 0
			 ? 0
			 : -1;
	pthread_mutex_unlock(&fixed_lock);
	return rc;
}

static void number_article(struct catalog *c, size_t article, size_t *k)
{
	struct served_article *s = &c->articles[article];
	for (size_t r = 0; r < served_article_representations(s); r++)
		c->representations[(*k)++] = served_article_representation(s, r);
}

/* Makes the default article's representations whole (what the root
 * serves is asked most) and numbers every representation of the catalog:
 * the slots the HTTP layer keeps its responses by. */
static int number_representations(struct catalog *c)
{
	struct representation *own[] = {&c->healthz, &c->openapi, &c->articles_list, &c->index,
					&c->page};
	size_t n_own = sizeof own / sizeof own[0], n = n_own;
	struct served_article *d = &c->articles[c->default_article];
	for (size_t r = 0; r < served_article_representations(d); r++)
		if (representation_complete(served_article_representation(d, r)) != 0)
			return -1;
	for (size_t i = 0; i < c->n_articles; i++)
		n += served_article_representations(&c->articles[i]);
	c->representations = malloc(n * sizeof *c->representations);
	if (c->representations == NULL)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n_own; i++)
		c->representations[k++] = own[i];
	number_article(c, c->default_article, &k);
	c->n_complete = k;
	for (size_t i = 0; i < c->n_articles; i++)
		if (i != c->default_article)
			number_article(c, i, &k);
	for (size_t i = 0; i < n; i++)
		c->representations[i]->slot = (uint32_t)i;
	c->n_representations = n;
	return 0;
}

/* The indexes of the lists across articles, each built on its own, and
 * the fixed documents, which a first load makes on one of the threads
 * while the others build indexes: job 0 the words of /articles?q= (the
 * longest, first), job 1 the fixed documents, job 2 + k column k. */
enum { JOB_WORDS, JOB_FIXED, JOB_COLUMNS };

struct index_jobs {
	struct catalog *c;
	int *rc; /* each job's */
};

static void index_job(size_t i, void *ctx)
{
	struct index_jobs *jobs = ctx;
	struct catalog *c = jobs->c;
	if (i == JOB_WORDS)
		jobs->rc[i] = list_index_build(&c->lists, c->articles, c->n_articles);
	else if (i == JOB_FIXED)
		jobs->rc[i] = copy_fixed(c);
	else
		jobs->rc[i] = item_columns_build_one(&c->columns, i - JOB_COLUMNS, c->articles,
						     c->n_articles, c->items_before);
}

static int build_indexes(struct catalog *c, const struct catalog_facts *facts)
{
	ssize_t n_columns = item_columns_plan(&c->columns, facts->columns, facts->n_columns,
					      c->n_articles, c->items_before);
	size_t n_jobs = n_columns < 0 ? 0 : JOB_COLUMNS + (size_t)n_columns;
	int *rc = n_jobs > 0 ? calloc(n_jobs, sizeof *rc) : NULL;
	if (rc == NULL)
		return -1; /* catalog_free frees the planned columns */
	struct index_jobs jobs = {c, rc};
	if (facts->run != NULL) {
		facts->run(n_jobs, index_job, &jobs);
	} else {
		for (size_t i = 0; i < n_jobs; i++)
			index_job(i, &jobs);
	}
	int failed = 0;
	for (size_t i = 0; i < n_jobs; i++)
		failed |= rc[i];
	free(rc);
	return failed != 0 ? -1 : 0;
}

struct catalog *catalog_assemble(struct served_article *prepared, size_t n, size_t default_index,
				 const struct catalog_facts *facts)
{
	struct catalog *c = calloc(1, sizeof *c);
	if (c != NULL) {
		c->articles = calloc(n + 1, sizeof *c->articles);
		c->failures = calloc(facts->n_failures + 1, sizeof *c->failures);
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
	c->parse_seconds = facts->parse_seconds;
	c->generation = facts->generation;
	c->loaded_at = time(NULL);
	c->default_article = default_index < n ? default_index : 0;
	for (size_t i = 0; i < facts->n_failures; i++) {
		c->failures[i].file = strdup(facts->failures[i].file);
		c->failures[i].reason = strdup(facts->failures[i].reason);
		c->n_failures++;
		if (!c->failures[i].file || !c->failures[i].reason)
			goto error;
	}
	if (name_index_init(&c->ids, n) != 0)
		goto error;
	for (int k = 0; k < LIST_KINDS; k++) {
		if ((c->items_before[k] = malloc((n + 1) * sizeof *c->items_before[k])) == NULL)
			goto error;
		c->items_before[k][0] = 0;
		for (size_t i = 0; i < n; i++)
			c->items_before[k][i + 1] = c->items_before[k][i] + c->articles[i].items[k].n;
	}
	if (build_indexes(c, facts) != 0)
		goto error;
	for (size_t i = 0; i < n; i++)
		if (name_index_add(&c->ids, c->articles[i].id, i) < 0)
			goto error;
	/* The merge: each article's entry of /articles, in file-name order. */
	if (item_list_init(&c->summaries, n) != 0)
		goto error;
	for (size_t i = 0; i < n; i++) {
		struct served_article *s = &c->articles[i];
		if (item_list_add_text(&c->summaries, s->summary, s->summary_len, 0) != 0)
			goto error;
		free(s->summary);
		s->summary = NULL;
	}
	item_list_complete(&c->summaries); /* kept as long as the catalog */
	size_t len = 0;
	char *first_page = envelope_first_page(&c->summaries, &len);
	/* representation_init takes the body, whatever it returns. */
	if (representation_init(&c->articles_list, first_page, len, CONTENT_TYPE_JSON,
				VARY_ACCEPT_AND_ENCODING) != 0 ||
	    prebuild_json(&c->healthz, health_json(c), VARY_ENCODING) != 0 ||
	    prebuild_json(&c->index, index_json(facts->endpoints), VARY_ACCEPT_AND_ENCODING) != 0 ||
	    number_representations(c) != 0)
		goto error;
	return c;
error:
	catalog_free(c);
	return NULL;
}

struct catalog *catalog_build(struct catalog_input *in, size_t n, size_t default_index,
			      const struct catalog_facts *facts)
{
	struct served_article *prepared = calloc(n + 1, sizeof *prepared);
	size_t done = 0;
	char why[256];
	if (prepared != NULL)
		for (; done < n; done++)
			if (served_article_prepare(&prepared[done], in[done].model,
						   in[done].file ? in[done].file : "", why,
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
	struct catalog *c = catalog_assemble(prepared, n, default_index, facts);
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
	item_list_free(&c->summaries);
	representation_free(&c->healthz);
	representation_free(&c->openapi);
	representation_free(&c->articles_list);
	representation_free(&c->index);
	representation_free(&c->page);
	free(c->representations);
	name_index_free(&c->ids);
	list_index_free(&c->lists);
	item_columns_free(&c->columns);
	for (int k = 0; k < LIST_KINDS; k++)
		free(c->items_before[k]);
	free(c);
}

const struct served_article *catalog_find(const struct catalog *c, const char *id)
{
	size_t i;
	return name_index_find(&c->ids, id, &i) ? &c->articles[i] : NULL;
}
