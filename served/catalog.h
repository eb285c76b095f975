/* catalog.h - a generation of what the service serves: the prepared
 * articles (served_article.h) merged in file-name order, and the answers
 * about all of them (/healthz, /articles, the index at /, /openapi.json
 * and the web page).
 *
 * A catalog is immutable once built and shared by every serving thread;
 * a reload builds a new one (see server/snapshot.h for its lifetime).
 * Every representation it holds has a number (its slot), so that the HTTP
 * layer can keep what it makes of each beside the catalog.
 */
#ifndef ARTICLED_CATALOG_H
#define ARTICLED_CATALOG_H

#include <stddef.h>
#include <time.h>

#include "../parser/tables.h"
#include "../text/name_index.h"
#include "item_columns.h"
#include "item_list.h"
#include "list_index.h"
#include "representation.h"
#include "served_article.h"

/* An article file that could not be loaded, for /healthz and the log. */
struct load_failure {
	char *file;   /* base name only: paths stay out of responses */
	char *reason; /* one line, without the path */
};

/* What a catalog says about its load, beside the articles. */
struct catalog_facts {
	const struct load_failure *failures; /* copied */
	size_t n_failures;
	double parse_seconds; /* time spent parsing at this load */
	unsigned long generation;
	const char *const *endpoints; /* the index at / lists these (NULL-terminated) */
	/* The columns the filters of lists across articles read (item_columns.h). */
	const struct item_column_spec *columns;
	size_t n_columns;
	/* Calls job(i, ctx) for every i in [0, n), perhaps on several threads
	 * at once (the loader's pool), and returns when all have returned;
	 * NULL: one after another. The merge builds its indexes on it. */
	void (*run)(size_t n, void (*job)(size_t i, void *ctx), void *ctx);
};

struct catalog {
	struct served_article *articles;
	size_t n_articles;
	struct name_index ids; /* article id -> its index in articles */
	/* Per list, items_before[k][a]: the items of that list in the articles
	 * before article a (n_articles + 1 of them): a list across every
	 * article finds its total and its page without visiting the rest. */
	size_t *items_before[LIST_KINDS];
	/* What the filters of those lists read instead of every item: the
	 * articles' words for /articles?q=, and the items by the value a
	 * filter reads. */
	struct list_index lists;
	struct item_columns columns;
	size_t default_article;
	struct item_list summaries; /* the entry of each article in /articles, in order */
	struct load_failure *failures;
	size_t n_failures;
	struct representation healthz, openapi, articles_list, index;
	struct representation page; /* the web page, text/html */
	/* Every representation above and in the articles, by slot: first
	 * the whole ones (the catalog's own, then the default article's),
	 * n_complete of them; then the other articles' small ones. */
	struct representation **representations;
	size_t n_representations, n_complete;
	double parse_seconds;
	time_t loaded_at;
	unsigned long generation; /* 1 for the first load, +1 per reload */
	const struct tables *tables; /* what it was parsed with, for POST /parse (not owned) */
};

/* A catalog of n prepared articles (at least one; the structs are moved
 * in: the caller frees the array, not what is in it). Returns NULL when
 * out of memory, having freed the articles. */
struct catalog *catalog_assemble(struct served_article *prepared, size_t n, size_t default_index,
				 const struct catalog_facts *facts);

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
			      const struct catalog_facts *facts);

void catalog_free(struct catalog *c);

/* The article with this id, or NULL: one hash lookup. */
const struct served_article *catalog_find(const struct catalog *c, const char *id);

#endif
