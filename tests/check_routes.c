/* check_routes.c - the route table (http/routes.c) is the one description
 * of the API: web/openapi.json must say what it says (every path, at the
 * root and under /articles/{article}, with the same methods and the same
 * query parameters of the same types, values, bounds and defaults, and no
 * path more), and the table must be one the router, the list engine and
 * the metrics can serve. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/list_engine.h"
#include "../api/request.h"
#include "../http/routes.h"
#include "harness.h"

static json_t *openapi;

static void load_openapi(void)
{
	json_error_t err;
	openapi = json_load_file(src_path("web/openapi.json"), 0, &err);
	if (openapi == NULL) {
		fprintf(stderr, "web/openapi.json line %d: %s\n", err.line, err.text);
		exit(1);
	}
}

static void free_openapi(void)
{
	json_decref(openapi);
}

/* Follows a "$ref": "#/components/..." to what it names. */
static json_t *deref(json_t *node)
{
	const char *ref = json_string_value(json_object_get(node, "$ref"));
	if (ref == NULL)
		return node;
	ck_assert_msg(strncmp(ref, "#/", 2) == 0, "a $ref outside the file: %s", ref);
	json_t *at = openapi;
	char part[128];
	for (const char *p = ref + 2; *p;) {
		size_t n = strcspn(p, "/");
		snprintf(part, sizeof part, "%.*s", (int)n, p);
		at = json_object_get(at, part);
		ck_assert_msg(at != NULL, "$ref %s names nothing", ref);
		p += n + (p[n] == '/');
	}
	return deref(at);
}

/* The OpenAPI path of route r at the root, or under /articles/{article}. */
static void path_of(const struct route *r, bool scoped, char *out, size_t cap)
{
	if (!scoped)
		snprintf(out, cap, "%s", r->pattern);
	else if (r->flags & ROUTE_ARTICLE_ROOT)
		snprintf(out, cap, "/articles/{article}");
	else
		snprintf(out, cap, "/articles/{article}%s", r->pattern);
}

static const char *const METHOD_NAMES[][2] = {
	{"GET", "get"}, {"HEAD", "head"}, {"POST", "post"}, {"OPTIONS", "options"}};

/* The query parameter named name among the operation's, or NULL. */
static json_t *query_param(json_t *operation, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(operation, "parameters"), i, p)
	{
		json_t *d = deref(p);
		const char *in = json_string_value(json_object_get(d, "in"));
		if (in && strcmp(in, "query") == 0 &&
		    strcmp(json_string_value(json_object_get(d, "name")), name) == 0)
			return d;
	}
	return NULL;
}

static size_t query_param_count(json_t *operation)
{
	size_t i, n = 0;
	json_t *p;
	json_array_foreach(json_object_get(operation, "parameters"), i, p)
	{
		const char *in = json_string_value(json_object_get(deref(p), "in"));
		n += in && strcmp(in, "query") == 0;
	}
	return n;
}

static json_int_t integer(json_t *o, const char *key, const char *where)
{
	json_t *v = json_object_get(o, key);
	ck_assert_msg(json_is_integer(v), "%s: no integer %s", where, key);
	return json_integer_value(v);
}

/* The declared parameter and the OpenAPI one say the same. */
static void same_parameter(const struct param_spec *sp, json_t *doc, const char *where)
{
	json_t *schema = deref(json_object_get(doc, "schema"));
	const char *type = json_string_value(json_object_get(schema, "type"));
	ck_assert_msg(json_is_true(json_object_get(doc, "required")) == (sp->required != NULL),
		      "%s: required is not as the table says", where);
	switch (sp->type) {
	case PARAM_COUNT:
		ck_assert_msg(type && strcmp(type, "integer") == 0, "%s: not an integer", where);
		ck_assert_int_eq(integer(schema, "minimum", where), 0);
		ck_assert_int_eq(integer(schema, "maximum", where), sp->max);
		ck_assert_int_eq(integer(schema, "default", where), sp->fallback);
		return;
	case PARAM_CHOICE: {
		json_t *values = json_object_get(schema, "enum");
		size_t n = 0;
		while (sp->choices[n].name != NULL)
			n++;
		ck_assert_msg(json_array_size(values) == n, "%s: %zu values, the table has %zu",
			      where, json_array_size(values), n);
		for (size_t i = 0; i < n; i++)
			ck_assert_str_eq(json_string_value(json_array_get(values, i)),
					 sp->choices[i].name);
		return;
	}
	case PARAM_FLAG: {
		json_t *values = json_object_get(schema, "enum");
		const char *flag[] = {"", "1", "true", "0", "false"};
		ck_assert_msg(json_array_size(values) == 5, "%s: a flag takes 5 forms", where);
		for (size_t i = 0; i < 5; i++)
			ck_assert_str_eq(json_string_value(json_array_get(values, i)), flag[i]);
		return;
	}
	case PARAM_COUNTRY:
		ck_assert_str_eq(json_string_value(json_object_get(schema, "pattern")),
				 "^[A-Za-z]{2}$");
		break;
	case PARAM_TEXT:
	case PARAM_WORDS:
	case PARAM_ARTICLES:
	case PARAM_SECTION:
		if (json_object_get(schema, "maxLength") != NULL)
			ck_assert_int_eq(integer(schema, "maxLength", where), PARAM_TEXT_MAX);
		if (json_object_get(schema, "minLength") != NULL)
			ck_assert_int_eq(integer(schema, "minLength", where), 1);
		break;
	}
	ck_assert_msg(type && strcmp(type, "string") == 0, "%s: not a string", where);
}

/* The path item of route r says what the table says. */
static void same_path(const struct route *r, bool scoped)
{
	char path[160];
	path_of(r, scoped, path, sizeof path);
	json_t *item = json_object_get(json_object_get(openapi, "paths"), path);
	ck_assert_msg(item != NULL, "openapi.json lacks %s", path);
	for (size_t m = 0; m < sizeof METHOD_NAMES / sizeof METHOD_NAMES[0]; m++) {
		bool table = (r->methods & method_bit(METHOD_NAMES[m][0])) != 0;
		bool doc = json_object_get(item, METHOD_NAMES[m][1]) != NULL;
		ck_assert_msg(table == doc, "%s: %s is %s the table and %s openapi.json", path,
			      METHOD_NAMES[m][0], table ? "in" : "not in", doc ? "in" : "not in");
	}
	/* GET, HEAD and POST take the query; OPTIONS does not read it. */
	const char *reading[] = {"get", "head", "post"};
	for (size_t o = 0; o < 3; o++) {
		json_t *op = json_object_get(item, reading[o]);
		if (op == NULL)
			continue;
		size_t declared = 0;
		for (const struct param_spec *sp = r->params; sp->name != NULL; sp++) {
			/* article= chooses articles at the root only. */
			if (scoped && sp->type == PARAM_ARTICLES)
				continue;
			char where[256];
			snprintf(where, sizeof where, "%s %s ?%s", reading[o], path, sp->name);
			json_t *doc = query_param(op, sp->name);
			ck_assert_msg(doc != NULL, "%s: not in openapi.json", where);
			same_parameter(sp, doc, where);
			declared++;
		}
		ck_assert_msg(query_param_count(op) == declared,
			      "%s %s: openapi.json has %zu query parameters, the table %zu",
			      reading[o], path, query_param_count(op), declared);
	}
}

START_TEST(openapi_describes_the_route_table)
{
	size_t expected = 0;
	for (size_t i = 0; i < ROUTE_COUNT; i++) {
		same_path(&routes[i], false);
		expected++;
		if (routes[i].scope == SCOPE_ARTICLE) {
			same_path(&routes[i], true);
			expected++;
		}
	}
	/* And nothing else: every path it describes is one the table serves. */
	json_t *paths = json_object_get(openapi, "paths");
	const char *path;
	json_t *item;
	json_object_foreach(paths, path, item)
	{
		bool found = false;
		for (size_t i = 0; i < ROUTE_COUNT && !found; i++)
			for (int scoped = 0; scoped < 2 && !found; scoped++) {
				char p[160];
				path_of(&routes[i], scoped, p, sizeof p);
				found = (!scoped || routes[i].scope == SCOPE_ARTICLE) &&
					strcmp(p, path) == 0;
			}
		ck_assert_msg(found, "openapi.json describes %s, which no route serves", path);
	}
	ck_assert_int_eq(json_object_size(paths), expected);
}
END_TEST

START_TEST(the_table_is_one_the_server_can_serve)
{
	for (size_t i = 0; i < ROUTE_COUNT; i++) {
		const struct route *r = &routes[i];
		ck_assert_msg(r->pattern[0] == '/' && r->handler != NULL && r->params != NULL &&
				      r->metric != NULL,
			      "%s: incomplete", r->pattern);
		ck_assert_msg((r->scope == SCOPE_ARTICLE) == (r->scoped_metric != NULL),
			      "%s: a label under /articles/{id} exactly when it is there",
			      r->pattern);
		/* Every resource reads, with preflight and HEAD, or takes a body
		 * (POST, with preflight): at the root, never cached, no list. */
		if (r->methods & METHOD_POST)
			ck_assert_msg(r->methods == (METHOD_POST | METHOD_OPTIONS) &&
					      r->scope == SCOPE_ROOT && r->flags == 0,
				      "%s: POST alone, at the root, uncached", r->pattern);
		else
			ck_assert_msg((r->methods & METHODS_READ) == METHODS_READ, "%s",
				      r->pattern);
		/* The list engine answers exactly the lists it has a source for. */
		ck_assert_msg((r->list.source != LIST_NONE) == (r->handler == list_reply), "%s",
			      r->pattern);
		ck_assert_msg(r->list.source == LIST_NONE || (r->flags & ROUTE_LIST), "%s",
			      r->pattern);
		size_t n = 0, words = 0;
		for (const struct param_spec *sp = r->params; sp->name != NULL; sp++, n++) {
			ck_assert_msg(sp->keep == NULL || r->list.source != LIST_NONE,
				      "%s ?%s: a filter on a route that is no list", r->pattern,
				      sp->name);
			ck_assert_msg(sp->type != PARAM_ARTICLES || r->list.source == LIST_OF_ITEMS,
				      "%s ?%s", r->pattern, sp->name);
			words += sp->type == PARAM_WORDS;
			for (const struct param_spec *o = r->params; o < sp; o++)
				ck_assert_msg(strcmp(o->name, sp->name) != 0, "%s: ?%s twice",
					      r->pattern, sp->name);
		}
		/* request.h keeps given parameters in 32 bits. */
		ck_assert_msg(n <= 32, "%s: %zu parameters", r->pattern, n);
		for (size_t k = 0; k < i; k++) {
			ck_assert_msg(strcmp(routes[k].pattern, r->pattern) != 0, "%s twice",
				      r->pattern);
			ck_assert_msg(
				strcmp(route_metric_label(k, false), route_metric_label(i, false)),
				"%s: its metric label is another's", r->pattern);
		}
	}
	/* The contract: every resource allows GET, HEAD and OPTIONS. */
	char allow[64];
	route_allow(&routes[0], allow, sizeof allow);
	ck_assert_str_eq(allow, "GET, HEAD, OPTIONS");
	route_methods_named(&routes[0], allow, sizeof allow);
	ck_assert_str_eq(allow, "GET or HEAD");
	ck_assert_str_eq(route_metric_label(ROUTE_COUNT, false), "unmatched");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("routes");
	TCase *tc = tcase_create("table");
	tcase_add_unchecked_fixture(tc, load_openapi, free_openapi);
	tcase_add_test(tc, openapi_describes_the_route_table);
	tcase_add_test(tc, the_table_is_one_the_server_can_serve);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
