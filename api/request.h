/* request.h - one request as a resource sees it: the route it matched, the
 * article it is about, and its query, parsed once into typed fields.
 *
 * Each route declares its parameters (struct param_spec: name, type,
 * allowed values or bounds, the field it fills, and for a list the filter
 * it applies). request_parse reads the query against them, so that every
 * bad value, whatever the route, is refused in one place with a 400 that
 * names the parameter and what it accepts; handlers read the fields of
 * struct query, never the query's strings. The answer cache keys on the
 * same parsed request (request_key), so that equal questions written
 * differently share an answer and different ones never do.
 */
#ifndef ARTICLED_REQUEST_H
#define ARTICLED_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../served/catalog.h"
#include "../served/list_envelope.h"
#include "../text/word_search.h"
#include "route.h"

struct reply;

enum param_type {
	PARAM_TEXT,     /* 1 to 200 characters of text: const char * */
	PARAM_COUNT,    /* an integer from 0 to max: size_t */
	PARAM_CHOICE,   /* one of the names of choices: int, its value (PARAM_ABSENT if not given) */
	PARAM_FLAG,     /* "?pretty", or 1, 0, true, false: bool */
	PARAM_WORDS,    /* words to find (word_search.h): struct words_param */
	PARAM_COUNTRY,  /* an ISO 3166-1 alpha-2 code, any case: char[3], upper case */
	PARAM_ARTICLES, /* ids of /articles, comma-separated, or "*": struct article_pick */
	PARAM_SECTION,  /* the id of a section of the article(s): struct section_pick */
};

enum { PARAM_ABSENT = -1, PARAM_TEXT_MAX = 200 };

struct param_choice {
	const char *name;
	int value;
};

/* A list filter: does item i of article s stay in the answer to rq? (For
 * the list of articles, s is the article and i its place in the catalog.) */
typedef bool (*item_keep_fn)(const struct request *rq, const struct served_article *s, size_t i);
/* A filter's index, for the list of articles: sets counts[a] to 1 for
 * each article a of the catalog that the filter keeps (what keep says of
 * each, without visiting them) and returns how many. */
typedef size_t (*item_count_fn)(const struct request *rq, uint32_t *counts);

struct param_spec {
	const char *name;
	enum param_type type;
	size_t field;                       /* QUERY_FIELD(...) it fills */
	long max;                           /* PARAM_COUNT */
	long fallback;                      /* PARAM_COUNT, PARAM_FLAG: the value when absent */
	const struct param_choice *choices; /* PARAM_CHOICE, ending with a NULL name */
	const char *required;               /* the 400's detail when absent; NULL: optional */
	const char *example;                /* PARAM_WORDS: a target that uses it well, for its 400 */
	item_keep_fn keep;                  /* on a list: the filter, applied when given */
	item_count_fn count;                /* the list of articles: what it keeps, from an index */
	/* Or, when keep reads one value of the item alone, that value: across
	 * every article keep is asked once per distinct value of it
	 * (served/item_columns.h). */
	item_value_fn value;
};

#define QUERY_FIELD(name) offsetof(struct query, name)

/* article=: the articles a list covers. Without it, the article of the
 * path alone. At most one id per two bytes of the value. */
enum { ARTICLE_PICK_MAX = PARAM_TEXT_MAX / 2 };

struct article_pick {
	bool given; /* article= was given: each item then names its article */
	bool all;   /* "*" (or "all"): every article of the catalog, in order */
	size_t n;   /* else these, in the order given, each once */
	const struct served_article *v[ARTICLE_PICK_MAX];
};

struct section_pick {
	const char *id; /* NULL when absent */
	size_t index;   /* its index in the article of the path; (size_t)-1 if none or absent */
};

struct words_param {
	const char *text; /* as given; NULL when absent */
	struct search_terms terms;
};

/* The query, typed. Only the fields of the route's parameters are set;
 * a parameter not given has its fallback, PARAM_ABSENT, NULL or "". */
struct query {
	uint32_t given; /* bit i: the route's params[i] was in the query */
	bool any;       /* a parameter other than pretty was given */
	bool pretty;
	size_t limit, offset;
	const char *speaker;
	int quote_kind;
	const char *speaker_id;
	int speaker_kind;
	int figure_kind;
	int figure_change;
	const char *unit;
	const char *outlet;
	char country[3];
	struct section_pick section;
	const char *api;
	const char *name; /* POST /parse: the file name the text would have */
	int format; /* enum list_format: of format=, or else what Accept prefers */
	/* Last, and not cleared for each request, for they are large: the
	 * articles of article= (read up to .n) and the search terms (read
	 * when their text is set). */
	struct article_pick articles;
	struct words_param q;
	struct words_param measure;
	/* Each given parameter's value as sent (decoded; "" for a key
	 * alone), by its index in the route's parameters: read where its bit
	 * of .given is set, for the Link header of a list. */
	const char *raw[32];
};

struct request {
	const struct catalog *catalog;
	const struct route *route;
	const struct served_article *article; /* the article the path is about */
	const char *path;       /* as requested, without the query */
	const char *path_param; /* the {id} of the route, or NULL */
	bool scoped;            /* the path names the article: /articles/{id}/... */
	bool wants_html;        /* Accept prefers text/html (ROUTE_HTML_PAGE routes) */
	int accepted_format;    /* a list: the enum list_format Accept prefers (LIST_JSON) */
	const char *body;       /* the request body (POST), body_len bytes; NULL for none */
	size_t body_len;
	struct query query;
};

/* A query parameter as the client sent it, decoded; value NULL for a key
 * without "=" ("?pretty"). */
struct query_pair {
	const char *key, *value;
};

/* Starts rq for a request to path of the catalog c: no route yet, an
 * empty query. */
void request_init(struct request *rq, const struct catalog *c, const char *path);

/* Parses the n pairs of the query of rq (whose catalog, route, article
 * and scoped are set) into rq->query. Returns STATUS_OK, or a 400 with
 * rp filled: the parameter at fault and what it accepts. The checks come
 * in this order: each pair as sent (UTF-8, a known name, once, its type),
 * then each parameter's value in the order the route declares them
 * (required, words, codes), then those that need the catalog (the
 * articles of article=, then the section of section=). */
int request_parse(struct request *rq, const struct query_pair *pairs, size_t n, struct reply *rp);

/* Writes the canonical form of rq into out (binary; not NUL-terminated)
 * and returns its length, or 0 when it does not fit in cap: such a
 * request is then not cached. Two requests get one key exactly when they
 * ask for the same answer: the same route, article and {id}, and the same
 * effective value of every parameter of the route. */
size_t request_key(const struct request *rq, char *out, size_t cap);

/* The articles a list of rq covers, and whether its items name theirs. */
size_t request_article_count(const struct request *rq);
const struct served_article *request_article_at(const struct request *rq, size_t k);

/* Parameters most routes share. */
/* limit: up to LIST_MAX_LIMIT_BULK, which request_parse holds to
 * LIST_MAX_LIMIT for JSON. */
#define PARAM_LIMIT                                                                        \
	{.name = "limit", .type = PARAM_COUNT, .field = QUERY_FIELD(limit),                \
	 .max = LIST_MAX_LIMIT_BULK, .fallback = LIST_DEFAULT_LIMIT}
/* format=: the representation of a list (list_envelope.h), which Accept
 * chooses too. */
#define PARAM_FORMAT                                                                       \
	{.name = "format", .type = PARAM_CHOICE, .field = QUERY_FIELD(format),             \
	 .choices = list_formats}
#define PARAM_OFFSET                                                                       \
	{.name = "offset", .type = PARAM_COUNT, .field = QUERY_FIELD(offset),              \
	 .max = LIST_MAX_OFFSET}
#define PARAM_PRETTY {.name = "pretty", .type = PARAM_FLAG, .field = QUERY_FIELD(pretty)}
#define PARAM_END {.name = NULL}

/* The values of format=: json, csv, ndjson. */
extern const struct param_choice list_formats[];

/* Routes that take only ?pretty, and those that take nothing. */
extern const struct param_spec params_pretty[];
extern const struct param_spec params_none[];

#endif
