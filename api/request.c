/* request.c - see request.h. */
#include "request.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/utf8.h"
#include "reply.h"
#include "status.h"

const struct param_spec params_none[] = {PARAM_END};
const struct param_spec params_pretty[] = {PARAM_PRETTY, PARAM_END};

const struct param_choice list_formats[] = {
	{"json", LIST_JSON},
	{"csv", LIST_CSV},
	{"ndjson", LIST_NDJSON},
	{NULL, 0},
};

static void *field_of(struct query *q, const struct param_spec *sp)
{
	return (char *)q + sp->field;
}

static const void *field_in(const struct query *q, const struct param_spec *sp)
{
	return (const char *)q + sp->field;
}

/* "limit, offset, pretty": the names a route accepts, for messages. */
static void accepted_names(const struct route *route, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; route->params[i].name != NULL && o < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? ", " : "",
				      route->params[i].name);
	if (o == 0)
		snprintf(out, cap, "none");
}

static bool parse_count(const char *v, long max, size_t *out)
{
	if (v == NULL || *v == '\0' || strlen(v) > 10 || strspn(v, "0123456789") != strlen(v))
		return false;
	long n = strtol(v, NULL, 10);
	if (n > max)
		return false;
	*out = (size_t)n;
	return true;
}

/* The value of name among the choices, or false with their list in names. */
static bool parse_choice(const struct param_choice *choices, const char *val, int *out, char *names,
			 size_t cap)
{
	size_t o = 0;
	bool found = false;
	names[0] = '\0';
	for (int c = 0; choices[c].name != NULL; c++) {
		if (!found && strcmp(choices[c].name, val) == 0) {
			*out = choices[c].value;
			found = true;
		}
		if (o < cap)
			o += (size_t)snprintf(names + o, cap - o, "%s%s", c ? ", " : "",
					      choices[c].name);
	}
	return found;
}

/* An empty query. */
static void clear_query(struct query *q)
{
	memset(q, 0, offsetof(struct query, articles.v));
	q->q.text = q->measure.text = NULL;
	q->section.index = (size_t)-1;
}

/* The fields of the route's parameters, as when none is given. */
static void set_defaults(struct request *rq)
{
	struct query *q = &rq->query;
	clear_query(q);
	for (const struct param_spec *sp = rq->route->params; sp->name != NULL; sp++) {
		void *f = field_of(q, sp);
		switch (sp->type) {
		case PARAM_COUNT:
			*(size_t *)f = (size_t)sp->fallback;
			break;
		case PARAM_FLAG:
			*(bool *)f = sp->fallback != 0;
			break;
		case PARAM_CHOICE:
			*(int *)f = PARAM_ABSENT;
			break;
		default:
			break; /* NULL, "", empty: cleared above */
		}
	}
}

/* One pair as sent: a known name, given once, of its type. Returns the
 * index of its parameter, or -1 with rp filled. */
static int parse_pair(struct request *rq, const struct query_pair *p, const char **raw,
		      struct reply *rp)
{
	const struct route *route = rq->route;
	struct query *q = &rq->query;
	const char *key = p->key, *v = p->value;
	if (utf8_invalid_at(key, strlen(key)) != (size_t)-1 ||
	    (v && utf8_invalid_at(v, strlen(v)) != (size_t)-1)) {
		reply_error(rp, STATUS_BAD_REQUEST, NULL, "a query parameter is not valid UTF-8");
		return -1;
	}
	int i = 0;
	while (route->params[i].name != NULL && strcmp(route->params[i].name, key) != 0)
		i++;
	const struct param_spec *sp = &route->params[i];
	if (sp->name == NULL) {
		char names[160];
		accepted_names(route, names, sizeof names);
		reply_error(rp, STATUS_BAD_REQUEST, NULL,
			    "unknown parameter '%.60s'; %s accepts: %s", key, route->pattern,
			    names);
		return -1;
	}
	if (q->given & (1u << i)) {
		reply_error(rp, STATUS_BAD_REQUEST, sp->name, "parameter '%s' is given twice",
			    sp->name);
		return -1;
	}
	const char *val = v ? v : "";
	void *f = field_of(q, sp);
	char names[160];
	switch (sp->type) {
	case PARAM_TEXT:
	case PARAM_WORDS:
	case PARAM_COUNTRY:
	case PARAM_ARTICLES:
	case PARAM_SECTION:
		if (*val == '\0' || strlen(val) > PARAM_TEXT_MAX) {
			reply_error(rp, STATUS_BAD_REQUEST, sp->name,
				    "%s must be 1 to %d characters of text", sp->name,
				    PARAM_TEXT_MAX);
			return -1;
		}
		if (sp->type == PARAM_TEXT)
			*(const char **)f = val;
		break;
	case PARAM_COUNT:
		if (!parse_count(val, sp->max, f) && sp->field == QUERY_FIELD(limit)) {
			/* Its bound depends on the format (format_and_limit). */
			reply_error(rp, STATUS_BAD_REQUEST, sp->name,
				    "limit must be an integer from 0 to %d (to %d for CSV and NDJSON), "
				    "not '%.40s'",
				    LIST_MAX_LIMIT, LIST_MAX_LIMIT_BULK, val);
			return -1;
		}
		if (!parse_count(val, sp->max, f)) {
			reply_error(rp, STATUS_BAD_REQUEST, sp->name,
				    "%s must be an integer from 0 to %ld, not '%.40s'", sp->name,
				    sp->max, val);
			return -1;
		}
		break;
	case PARAM_CHOICE:
		if (!parse_choice(sp->choices, val, f, names, sizeof names)) {
			reply_error(rp, STATUS_BAD_REQUEST, sp->name,
				    "%s must be one of: %s; not '%.40s'", sp->name, names, val);
			return -1;
		}
		break;
	case PARAM_FLAG:
		if (*val == '\0' || strcmp(val, "1") == 0 || strcmp(val, "true") == 0) {
			*(bool *)f = true;
		} else if (strcmp(val, "0") == 0 || strcmp(val, "false") == 0) {
			*(bool *)f = false;
		} else {
			reply_error(rp, STATUS_BAD_REQUEST, sp->name,
				    "%s takes no value, or 1, 0, true, false", sp->name);
			return -1;
		}
		break;
	}
	raw[i] = val;
	q->raw[i] = val;
	q->given |= 1u << i;
	if (sp->field != QUERY_FIELD(pretty))
		q->any = true;
	return i;
}

/* A given value's own rules, beyond its type: words that parse, a
 * country code. Returns false with rp filled. */
static bool check_value(struct query *q, const struct param_spec *sp, const char *val,
			struct reply *rp)
{
	void *f = field_of(q, sp);
	if (sp->type == PARAM_WORDS) {
		struct words_param *w = f;
		char err[128];
		if (search_terms_parse(&w->terms, val, err, sizeof err) != 0) {
			if (sp->example != NULL)
				reply_error(
					rp, STATUS_BAD_REQUEST, sp->name,
					"%s takes 1 to %d words of at most %d characters, as in %s",
					sp->name, SEARCH_MAX_TERMS, SEARCH_MAX_TERM, sp->example);
			else
				reply_error(rp, STATUS_BAD_REQUEST, sp->name, "%s", err);
			return false;
		}
		w->text = val;
	} else if (sp->type == PARAM_COUNTRY) {
		if (!(strlen(val) == 2 && isalpha((unsigned char)val[0]) &&
		      isalpha((unsigned char)val[1]))) {
			reply_error(rp, STATUS_BAD_REQUEST, sp->name,
				    "%s must be an ISO 3166-1 alpha-2 code such as JP or US, not "
				    "'%.40s'",
				    sp->name, val);
			return false;
		}
		char *code = f;
		code[0] = (char)toupper((unsigned char)val[0]);
		code[1] = (char)toupper((unsigned char)val[1]);
		code[2] = '\0';
	}
	return true;
}

/* article=: every id is checked, whatever its place: stopping once each
 * article is chosen would let "ID,bogus" through and not "bogus,ID".
 * Repeats count once; an empty id ("a,,b", "a,") is an error like any
 * other. */
static bool pick_articles(const struct request *rq, struct article_pick *pick, const char *want,
			  struct reply *rp)
{
	if (rq->scoped) {
		reply_error(rp, STATUS_BAD_REQUEST, "article",
			    "the path names the article already; use %s?article=... "
			    "at the root to choose",
			    rq->route->pattern);
		return false;
	}
	pick->given = true;
	pick->n = 0;
	if (strcmp(want, "*") == 0 || strcmp(want, "all") == 0) {
		pick->all = true;
		return true;
	}
	for (const char *p = want;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char id[128];
		if (len == 0 || len >= sizeof id) {
			reply_error(rp, STATUS_BAD_REQUEST, "article",
				    "article takes ids from /articles, comma-separated, or *");
			return false;
		}
		memcpy(id, p, len);
		id[len] = '\0';
		const struct served_article *s = catalog_find(rq->catalog, id);
		if (s == NULL) {
			reply_error(rp, STATUS_BAD_REQUEST, "article",
				    "no article '%.80s'; see /articles for the ids", id);
			return false;
		}
		bool dup = false;
		for (size_t k = 0; k < pick->n; k++)
			dup = dup || pick->v[k] == s;
		if (!dup && pick->n < ARTICLE_PICK_MAX)
			pick->v[pick->n++] = s;
		if (comma == NULL)
			return true;
		p = comma + 1;
	}
}

static size_t section_of(const struct served_article *s, const char *id)
{
	for (size_t i = 0; i < s->model->n_sections; i++)
		if (strcmp(s->model->sections[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

/* section=: an id that some article of the list has. */
static bool pick_section(const struct request *rq, struct section_pick *sec, const char *id,
			 struct reply *rp)
{
	sec->id = id;
	sec->index = rq->article ? section_of(rq->article, id) : (size_t)-1;
	size_t n = request_article_count(rq);
	for (size_t k = 0; k < n; k++)
		if (section_of(request_article_at(rq, k), id) != (size_t)-1)
			return true;
	reply_error(rp, STATUS_BAD_REQUEST, "section",
		    "no section '%.80s' in %s; see /sections for the ids", id,
		    n == 1 ? "this article" : "these articles");
	return false;
}

/* The format of a list, from format= or else Accept, and the bound of
 * limit that it sets. Returns false with rp filled. */
static bool format_and_limit(struct request *rq, const char *const *raw, struct reply *rp)
{
	struct query *q = &rq->query;
	const struct param_spec *params = rq->route->params;
	bool has_format = false;
	for (int i = 0; params[i].name != NULL; i++)
		if (params[i].field == QUERY_FIELD(format)) {
			has_format = true;
			if (raw[i] == NULL)
				q->format = rq->accepted_format;
		}
	if (!has_format) {
		q->format = LIST_JSON;
		return true;
	}
	/* Not the prebuilt first page, which is JSON. */
	if (q->format != LIST_JSON)
		q->any = true;
	if (q->format == LIST_JSON && q->limit > LIST_MAX_LIMIT) {
		reply_error(rp, STATUS_BAD_REQUEST, "limit",
			    "limit must be an integer from 0 to %d for JSON; CSV and NDJSON (format=csv, "
			    "format=ndjson) take up to %d",
			    LIST_MAX_LIMIT, LIST_MAX_LIMIT_BULK);
		return false;
	}
	return true;
}

void request_init(struct request *rq, const struct catalog *c, const char *path)
{
	rq->catalog = c;
	rq->route = NULL;
	rq->article = NULL;
	rq->path = path;
	rq->path_param = NULL;
	rq->scoped = false;
	rq->wants_html = false;
	rq->accepted_format = LIST_JSON;
	rq->body = NULL;
	rq->body_len = 0;
	clear_query(&rq->query);
}

int request_parse(struct request *rq, const struct query_pair *pairs, size_t n, struct reply *rp)
{
	const struct param_spec *params = rq->route->params;
	struct query *q = &rq->query;
	set_defaults(rq);
	const char *raw[32] = {NULL};
	for (size_t k = 0; k < n; k++)
		if (parse_pair(rq, &pairs[k], raw, rp) < 0)
			return rp->status;
	if (!format_and_limit(rq, raw, rp))
		return rp->status;
	for (int i = 0; params[i].name != NULL; i++) {
		if (raw[i] == NULL && params[i].required != NULL)
			return reply_error(rp, STATUS_BAD_REQUEST, params[i].name, "%s",
					   params[i].required);
		if (raw[i] != NULL && !check_value(q, &params[i], raw[i], rp))
			return rp->status;
	}
	/* Against the catalog: which articles, then a section they have. */
	q->articles.n = 1;
	q->articles.v[0] = rq->article;
	for (int i = 0; params[i].name != NULL; i++)
		if (raw[i] != NULL && params[i].type == PARAM_ARTICLES &&
		    !pick_articles(rq, &q->articles, raw[i], rp))
			return rp->status;
	for (int i = 0; params[i].name != NULL; i++)
		if (raw[i] != NULL && params[i].type == PARAM_SECTION &&
		    !pick_section(rq, &q->section, raw[i], rp))
			return rp->status;
	return STATUS_OK;
}

size_t request_article_count(const struct request *rq)
{
	const struct article_pick *p = &rq->query.articles;
	return p->all ? rq->catalog->n_articles : p->n;
}

const struct served_article *request_article_at(const struct request *rq, size_t k)
{
	const struct article_pick *p = &rq->query.articles;
	return p->all ? &rq->catalog->articles[k] : p->v[k];
}

/* ---- the key: a sequence of fields, each self-delimiting (numbers in
 * decimal ending with ';', byte strings as "LENGTH:BYTES"), so that no
 * value can imitate the fields after it. ---- */

struct key_buf {
	char *out;
	size_t len, cap;
	bool overflow;
};

static void put_bytes(struct key_buf *k, const char *s, size_t n)
{
	if (k->overflow || n > k->cap - k->len) {
		k->overflow = true;
		return;
	}
	memcpy(k->out + k->len, s, n);
	k->len += n;
}

static void put_number(struct key_buf *k, long v)
{
	char num[32];
	int n = snprintf(num, sizeof num, "%ld;", v);
	put_bytes(k, num, (size_t)n);
}

/* "-" for none, else "LENGTH:BYTES". */
static void put_string(struct key_buf *k, const char *s)
{
	if (s == NULL) {
		put_bytes(k, "-", 1);
		return;
	}
	size_t n = strlen(s);
	put_number(k, (long)n);
	put_bytes(k, s, n);
}

size_t request_key(const struct request *rq, char *out, size_t cap)
{
	struct key_buf k = {.out = out, .cap = cap};
	const struct query *q = &rq->query;
	/* The pattern names the route; the article and {id} what it is about. */
	put_string(&k, rq->route->pattern);
	put_number(&k, rq->scoped);
	put_string(&k, rq->article ? rq->article->id : NULL);
	put_string(&k, rq->path_param);
	put_number(&k, rq->wants_html);
	/* Each parameter by the value the handlers read: "05" is 5, an absent
	 * one its fallback. */
	for (const struct param_spec *sp = rq->route->params; sp->name != NULL; sp++) {
		const void *f = field_in(q, sp);
		switch (sp->type) {
		case PARAM_TEXT:
			put_string(&k, *(const char *const *)f);
			break;
		case PARAM_COUNT:
			put_number(&k, (long)*(const size_t *)f);
			break;
		case PARAM_CHOICE:
			put_number(&k, *(const int *)f);
			break;
		case PARAM_FLAG:
			put_number(&k, *(const bool *)f);
			break;
		case PARAM_WORDS:
			put_string(&k, ((const struct words_param *)f)->text);
			break;
		case PARAM_COUNTRY:
			put_string(&k, (const char *)f);
			break;
		case PARAM_SECTION:
			put_string(&k, ((const struct section_pick *)f)->id);
			break;
		case PARAM_ARTICLES: {
			const struct article_pick *p = f;
			if (!p->given) {
				put_bytes(&k, "-", 1);
			} else if (p->all) {
				put_bytes(&k, "*", 1);
			} else {
				put_number(&k, (long)p->n);
				for (size_t i = 0; i < p->n; i++)
					put_number(&k, (long)(p->v[i] - rq->catalog->articles));
			}
			break;
		}
		}
	}
	return k.overflow ? 0 : k.len;
}
