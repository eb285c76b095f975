/* catalog.h - everything the service serves, built at load time: the parsed
 * articles, their prebuilt representations, and the compact JSON of every
 * list item (so that a filtered or paged list is a concatenation, not a
 * serialization).
 *
 * A catalog is immutable once built and shared by every serving thread;
 * a reload builds a new one (see server/snapshot.h for its lifetime).
 */
#ifndef ARTICLED_CATALOG_H
#define ARTICLED_CATALOG_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "../parser/model.h"
#include "../parser/tables.h"
#include "prebuilt.h"

struct search_index;

/* Compact JSON of each item of a list, in order. */
struct item_list {
	char **json; /* owned */
	size_t *len;
	size_t n;
};

struct served_article {
	struct article *model; /* owned */
	const char *id;        /* the model's id: slug of the file name */
	const char *file;      /* the file it was read from (for logs only; never served) */
	struct prebuilt meta;  /* /article */
	struct prebuilt sections, quotes, figures, reactions; /* unfiltered lists */
	struct prebuilt *section; /* /sections/{id}, one per section */
	struct item_list section_items, quote_items, figure_items, reaction_items;
	char *summary; /* compact JSON of this article's entry in /articles */
	size_t summary_len;
	struct search_index *index; /* the words of its paragraphs, for /search */
};

/* An article file that could not be loaded, for /healthz and the log. */
struct load_failure {
	char *file;   /* base name only: paths stay out of responses */
	char *reason; /* one line, without the path */
};

struct catalog {
	struct served_article *articles;
	size_t n_articles;
	size_t default_article;
	struct load_failure *failures;
	size_t n_failures;
	struct prebuilt healthz, openapi, articles_list, index;
	struct prebuilt page; /* the web page, text/html */
	double parse_seconds; /* time spent parsing at this load */
	time_t loaded_at;
	unsigned long generation; /* 1 for the first load, +1 per reload */
	const struct http_config *http;
};

/* Makes everything that is served of one article (its model, read from
 * file, whose base name it copies): the item JSON and the prebuilt
 * answers. Takes ownership of model, which is freed on failure. Returns
 * 0, or -1 with the reason in why ("figure f3 could not be written as
 * JSON", "out of memory"): a failure of that article alone. */
int served_article_prepare(struct served_article *s, struct article *model, const char *file,
			   const struct http_config *http, char *why, size_t whylen);

/* Frees what served_article_prepare made, model included. */
void served_article_free(struct served_article *s);

/* A catalog of n prepared articles (at least one; the structs are moved
 * in: the caller frees the array, not what is in it) and of the failures
 * (copied). Returns NULL when out of memory, having freed the articles. */
struct catalog *catalog_assemble(struct served_article *prepared, size_t n, size_t default_index,
				 const struct load_failure *failures, size_t n_failures,
				 double parse_seconds, unsigned long generation,
				 const struct http_config *http);

/* A parsed article to put in a catalog; catalog_build takes ownership of
 * model and copies file. */
struct catalog_input {
	struct article *model;
	const char *file;
};

/* Prepares the inputs and assembles them: a failure of any is the whole
 * build's (for a single article and the tools). Returns NULL then, having
 * freed the models. */
struct catalog *catalog_build(struct catalog_input *in, size_t n, size_t default_index,
			      const struct load_failure *failures, size_t n_failures,
			      double parse_seconds, unsigned long generation,
			      const struct http_config *http);

void catalog_free(struct catalog *c);

/* The article with this id, or NULL. */
const struct served_article *catalog_find(const struct catalog *c, const char *id);

/* The compact JSON text of j (a new malloc'd string; NULL on no memory).
 * Steals the reference to j. */
char *json_take_compact(json_t *j, size_t *len);

/* The list envelope around the chosen items of list:
 * {"total":T,"offset":O,"limit":L,"items":[...]} (malloc'd). */
char *envelope(const struct item_list *list, const size_t *chosen, size_t n_chosen, size_t total,
	       size_t offset, size_t limit, size_t *len);

#endif
