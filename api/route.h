/* route.h - what a route is: the one description of a resource, that the
 * router, the metrics, the Allow header, the endpoint index and the check
 * of the OpenAPI file all read. The table itself is http/routes.c.
 */
#ifndef ARTICLED_ROUTE_H
#define ARTICLED_ROUTE_H

#include <stddef.h>

#include "../served/list_columns.h"
#include "../served/served_article.h"

struct request;
struct reply;
struct param_spec;

/* A resource's handler: reads the request, fills the reply, and returns
 * its status (status.h). Handlers never touch the HTTP library. */
typedef int (*handler_fn)(const struct request *rq, struct reply *rp);

enum route_scope {
	SCOPE_ROOT,    /* /healthz, /articles, ...: one resource */
	SCOPE_ARTICLE, /* /sections, ...: the default article's, and under /articles/{id} any one's */
};

enum method {
	METHOD_GET = 1 << 0,
	METHOD_HEAD = 1 << 1,
	METHOD_POST = 1 << 2,
	METHOD_OPTIONS = 1 << 3,
};

/* What every resource that only reads answers. */
#define METHODS_READ (METHOD_GET | METHOD_HEAD | METHOD_OPTIONS)

enum route_flag {
	ROUTE_HTML_PAGE = 1 << 0,  /* a browser (its Accept prefers HTML) gets the web page */
	ROUTE_CACHEABLE = 1 << 1,  /* an answer built for a request may serve the next alike */
	ROUTE_LIST = 1 << 2,       /* the answer is a list, in the envelope (list_envelope.h) */
	ROUTE_ARTICLE_ROOT = 1 << 3, /* under /articles/{id}, it answers that path itself too */
};

/* Where a list's items come from (the list engine, list_engine.h). */
enum list_source {
	LIST_NONE,        /* not the list engine's: the handler pages it itself */
	LIST_OF_ITEMS,    /* a list of the article (items), or of those article= names */
	LIST_OF_ARTICLES, /* the catalog's articles */
};

struct list_merge;

struct list_resource {
	enum list_source source;
	enum served_list items; /* LIST_OF_ITEMS: which of the article's lists */
	const struct list_column *columns; /* its columns in CSV (list_columns.h) */
	/* Across articles (article=), the items that are one thing are one
	 * item (list_engine.h); NULL: every item of every article. */
	const struct list_merge *merge;
	const struct list_column *merged_columns; /* the CSV columns of a merged item */
};

struct route {
	const char *pattern;       /* "/sections/{id}": one {id} at most, at the end */
	enum route_scope scope;
	unsigned methods;          /* enum method bits */
	unsigned flags;            /* enum route_flag bits */
	const char *metric;        /* its label in /metrics */
	const char *scoped_metric; /* its label under /articles/{id} (SCOPE_ARTICLE) */
	const char *index_entry;   /* what the endpoint index at / lists; NULL: not listed */
	const struct param_spec *params; /* its query parameters, ending with a NULL name */
	struct list_resource list;
	handler_fn handler;
};

/* The method bit of a request method ("GET"), or 0 for one that no route
 * takes. */
unsigned method_bit(const char *method);

/* The route's methods as Allow lists them: "GET, HEAD, OPTIONS". */
void route_allow(const struct route *r, char *out, size_t cap);

/* Those a client may use for the resource itself, for a 405's detail:
 * "GET or HEAD". */
void route_methods_named(const struct route *r, char *out, size_t cap);

#endif
