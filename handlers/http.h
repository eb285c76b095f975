/* http.h - what a handler sees of a request and what it hands back.
 *
 * Handlers are plain functions from a parsed request to a reply: they never
 * touch libmicrohttpd. A reply is either a prebuilt representation (the
 * fast path: built at load time, served as is), a body built for this
 * request, or an error that respond() turns into problem+json.
 */
#ifndef ARTICLED_HTTP_H
#define ARTICLED_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"

/* Set by the Makefile from its VERSION. */
#ifndef ARTICLED_VERSION
#define ARTICLED_VERSION "0.0.0-dev"
#endif

/* Query parameters a route accepts, and how each is checked. */
enum param_type {
	PARAM_STRING, /* any non-empty text */
	PARAM_COUNT,  /* an integer in [0, max] */
	PARAM_CHOICE, /* one of choices */
	PARAM_FLAG,   /* present, or 1/0/true/false */
};

struct param_spec {
	const char *name;
	enum param_type type;
	long max;                   /* PARAM_COUNT */
	const char *const *choices; /* PARAM_CHOICE, NULL-terminated */
	long fallback;              /* PARAM_COUNT, PARAM_FLAG: the value when absent */
};

enum { QUERY_MAX_PARAMS = 10 };

/* Parsed query: value i belongs to the route's params[i]. */
struct query {
	const char *text[QUERY_MAX_PARAMS]; /* NULL when absent */
	long number[QUERY_MAX_PARAMS];      /* PARAM_COUNT, PARAM_FLAG (0/1) */
	bool any;                           /* some parameter other than pretty */
};

struct request {
	const struct catalog *catalog;
	const struct served_article *article; /* the article the path is about */
	const struct route *route;
	const char *path;       /* as requested, without the query */
	const char *path_param; /* the {id} of the route, or NULL */
	bool scoped;            /* the path names the article: /articles/{id}/... */
	struct query query;
	bool pretty;
	bool wants_html; /* Accept prefers text/html */
};

struct reply {
	int status;
	const struct prebuilt *prebuilt; /* serve this as is, or: */
	char *body;                      /* a body built for this request (malloc'd, owned) */
	size_t len;
	const char *content_type;
	bool vary_accept; /* the body depends on Accept */
	/* Errors (status >= 400): */
	const char *param; /* the query parameter at fault */
	char detail[320];
};

typedef void (*handler_fn)(const struct request *rq, struct reply *rp);

enum route_scope {
	SCOPE_GLOBAL,  /* /healthz, /articles, ... */
	SCOPE_ARTICLE, /* /sections, ... : also under /articles/{id} */
};

struct route {
	const char *pattern; /* "/sections/{id}": one {id} at most, at the end */
	enum route_scope scope;
	handler_fn handler;
	const struct param_spec *params; /* terminated by a NULL name */
	const char *metric_name;         /* label in /metrics */
	bool uncached;                   /* the body changes by itself (/metrics) */
};

/* Common parameters, shared by the routes. */
extern const struct param_spec params_none[];
extern const struct param_spec params_pretty[];

/* Fills rp as an error with a formatted detail. */
void reply_error(struct reply *rp, int status, const char *param, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Hands a body built for this request to rp (takes ownership of body). */
void reply_body(struct reply *rp, char *body, size_t len, const char *content_type);

/* Reply with a JSON document: compact, or indented for ?pretty.
 * Steals the reference to j (NULL means out of memory: 503). */
void reply_json(const struct request *rq, struct reply *rp, json_t *j);

/* Reply with a prebuilt JSON representation; for ?pretty, its indented
 * form, built for this request. */
void reply_prebuilt(const struct request *rq, struct reply *rp, const struct prebuilt *p);

#endif
