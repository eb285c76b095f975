/* check_contract.c - the HTTP contract as data: every file of
 * tests/contract holds cases (a request, and what its answer must hold;
 * the format is in tests/contract/README.md), run by one loop test against
 * a real articled per file. */
#include <check.h>
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness.h"

enum { MAX_FILES = 16, MAX_HEADERS = 16 };

/* A file of cases and the server they are asked of. */
struct contract_file {
	char *args[16]; /* @args, split on spaces */
	size_t n_args;
	struct server srv;
};

/* A case's request, read from its text. */
struct contract_request {
	char method[16];
	char *target;
	char *headers[MAX_HEADERS + 1];
	size_t n_headers;
};

static struct case_text *cases;
static size_t n_cases;
static size_t *server_of; /* the file (server) of each case */
static struct contract_request *requests;
static struct contract_file files[MAX_FILES];
static size_t n_files;

static void die(const char *file, int line, const char *why)
{
	fprintf(stderr, "%s:%d: %s\n", file, line, why);
	exit(1);
}

/* The flags of an @args line, paths made absolute under the source tree. */
static void parse_args(struct contract_file *f, char *line, const char *file)
{
	char *save = NULL;
	bool next_is_path = false;
	for (char *w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (f->n_args == sizeof f->args / sizeof f->args[0] - 1)
			die(file, 1, "too many @args");
		f->args[f->n_args++] = strdup(next_is_path ? src_path(w) : w);
		next_is_path = strcmp(w, "--data") == 0 || strcmp(w, "--tables") == 0;
	}
}

/* @args lines, and comments. */
static void parse_preamble(struct contract_file *f, char *preamble, const char *file)
{
	char *save = NULL;
	for (char *l = strtok_r(preamble, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (strncmp(l, "@args ", 6) == 0)
			parse_args(f, l + 6, file);
		else if (l[0] != '#')
			die(file, 1, "text before the first case that is no @args or # comment");
	}
}

/* The request line and headers of case c: its text. */
static void parse_request(const struct case_text *c, struct contract_request *rq)
{
	memset(rq, 0, sizeof *rq);
	char *copy = strdup(c->text), *save = NULL;
	char *line = strtok_r(copy, "\n", &save);
	char *sp = line ? strchr(line, ' ') : NULL;
	if (sp == NULL || sp - line >= (long)sizeof rq->method)
		die(c->file, c->line + 1, "the request line is METHOD TARGET");
	snprintf(rq->method, sizeof rq->method, "%.*s", (int)(sp - line), line);
	char *version = strstr(sp + 1, " HTTP/1.1");
	if (version != NULL)
		*version = '\0';
	rq->target = strdup(sp + 1);
	for (char *h = strtok_r(NULL, "\n", &save); h; h = strtok_r(NULL, "\n", &save)) {
		if (rq->n_headers == MAX_HEADERS)
			die(c->file, c->line, "too many request headers");
		rq->headers[rq->n_headers++] = strdup(h);
	}
	free(copy);
}

static void load_all(void)
{
	char **list;
	size_t n = list_files(src_path("tests/contract"), ".txt", &list);
	if (n == 0 || n > MAX_FILES)
		die(src_path("tests/contract"), 0, "no contract cases here, or too many files");
	for (size_t i = 0; i < n; i++) {
		size_t before = n_cases;
		char *preamble = cases_read(list[i], &cases, &n_cases);
		parse_preamble(&files[n_files], preamble, list[i]);
		free(preamble);
		server_of = realloc(server_of, (n_cases + 1) * sizeof *server_of);
		requests = realloc(requests, (n_cases + 1) * sizeof *requests);
		for (size_t k = before; k < n_cases; k++) {
			server_of[k] = n_files;
			parse_request(&cases[k], &requests[k]);
		}
		n_files++;
	}
	free_list(list, n);
}

static void start_servers(void)
{
	for (size_t i = 0; i < n_files; i++) {
		const char *args[20] = {"--log-format", "off"};
		size_t n = 2;
		for (size_t a = 0; a < files[i].n_args; a++)
			args[n++] = files[i].args[a];
		args[n] = NULL;
		server_start_or_exit(&files[i].srv, args);
	}
}

static void stop_servers(void)
{
	for (size_t i = 0; i < n_files; i++)
		server_stop_reporting(&files[i].srv);
}

/* One line of --- headers. */
static bool header_holds(const struct http_response *r, const char *line, char *why, size_t wl)
{
	bool absent = line[0] == '!';
	const char *name = absent ? line + 1 : line;
	const char *colon = strchr(name, ':');
	char key[96];
	snprintf(key, sizeof key, "%.*s", (int)(colon ? (size_t)(colon - name) : strlen(name)),
		 name);
	const char *got = http_header(r, key);
	if (absent) {
		if (got != NULL)
			snprintf(why, wl, "header %s is there (%s), and should not be", key, got);
		return got == NULL;
	}
	if (got == NULL) {
		snprintf(why, wl, "no header %s", key);
		return false;
	}
	if (colon == NULL)
		return true;
	const char *want = colon + 1;
	while (*want == ' ')
		want++;
	bool ok = want[0] == '~' ? strstr(got, want + 1) != NULL : strcmp(got, want) == 0;
	if (!ok)
		snprintf(why, wl, "header %s is '%s', expected %s'%s'", key, got,
			 want[0] == '~' ? "one containing " : "", want[0] == '~' ? want + 1 : want);
	return ok;
}

/* Each non-empty line of text, with f. */
static bool every_line(const char *text,
		       bool (*f)(const struct http_response *, const char *, char *, size_t),
		       const struct http_response *r, char *why, size_t wl)
{
	char *copy = strdup(text), *save = NULL;
	bool ok = true;
	for (char *l = strtok_r(copy, "\n", &save); l && ok; l = strtok_r(NULL, "\n", &save))
		ok = f(r, l, why, wl);
	free(copy);
	return ok;
}

static bool body_has(const struct http_response *r, const char *line, char *why, size_t wl)
{
	if (r->body != NULL && memmem(r->body, r->body_len, line, strlen(line)) != NULL)
		return true;
	snprintf(why, wl, "the body does not contain '%s': %.300s", line, r->body ? r->body : "");
	return false;
}

static json_t *expected_json(const struct case_text *c, const struct case_section *k, char *why,
			     size_t wl)
{
	json_error_t e;
	json_t *want = json_loads(k->text, 0, &e);
	if (want == NULL)
		snprintf(why, wl, "%s:%d: the expected JSON does not parse: %s", c->file,
			 k->line + e.line, e.text);
	return want;
}

static bool check_one(const struct case_text *c, const struct case_section *k,
		      const struct http_response *r, char *why, size_t wl)
{
	if (strcmp(k->kind, "status") == 0) {
		if (r->status == atol(k->arg))
			return true;
		snprintf(why, wl, "status %ld, expected %s: %.300s", r->status, k->arg,
			 r->body ? r->body : "");
		return false;
	}
	if (strcmp(k->kind, "headers") == 0)
		return every_line(k->text, header_holds, r, why, wl);
	if (strcmp(k->kind, "body") == 0)
		return every_line(k->text, body_has, r, why, wl);
	if (strcmp(k->kind, "empty") == 0) {
		if (r->body_len == 0)
			return true;
		snprintf(why, wl, "a body of %zu bytes, expected none", r->body_len);
		return false;
	}
	if (strcmp(k->kind, "problem") == 0) {
		char param[64] = "";
		long status = 0;
		if (sscanf(k->arg, "%ld %63s", &status, param) != 2) {
			snprintf(why, wl, "%s:%d: --- problem STATUS PARAM", c->file, k->line);
			return false;
		}
		return problem_ok(r, status, strcmp(param, "-") == 0 ? NULL : param, why, wl);
	}
	if (strcmp(k->kind, "json") == 0 || strcmp(k->kind, "each") == 0) {
		json_t *want = expected_json(c, k, why, wl);
		if (want == NULL)
			return false;
		json_error_t e;
		json_t *got = json_loadb(r->body ? r->body : "", r->body_len, 0, &e);
		bool ok = got != NULL;
		if (!ok)
			snprintf(why, wl, "the body is not JSON (%s): %.300s", e.text,
				 r->body ? r->body : "");
		else if (strcmp(k->kind, "json") == 0)
			ok = json_subset(want, got, why, wl, "body");
		else {
			json_t *items = json_object_get(got, k->arg);
			ok = json_is_array(items);
			if (!ok)
				snprintf(why, wl, "body.%s is no array", k->arg);
			size_t i;
			json_t *item;
			json_array_foreach(items, i, item)
			{
				char at[96];
				snprintf(at, sizeof at, "body.%s[%zu]", k->arg, i);
				if (!(ok = json_subset(want, item, why, wl, at)))
					break;
			}
		}
		json_decref(want);
		json_decref(got);
		return ok;
	}
	snprintf(why, wl, "%s:%d: no such check '--- %s'", c->file, k->line, k->kind);
	return false;
}

START_TEST(contract_case)
{
	const struct case_text *c = &cases[_i];
	const struct contract_request *rq = &requests[_i];
	struct http_response r;
	const char *headers[MAX_HEADERS + 1];
	for (size_t i = 0; i < rq->n_headers; i++)
		headers[i] = rq->headers[i];
	headers[rq->n_headers] = NULL;
	ck_assert_int_eq(http_request(&files[server_of[_i]].srv, rq->method, rq->target, headers, &r),
			 0);
	char why[2048] = "";
	bool ok = true;
	const struct case_section *failed = NULL;
	for (size_t k = 0; k < c->n_sections && ok; k++)
		if (!(ok = check_one(c, &c->sections[k], &r, why, sizeof why)))
			failed = &c->sections[k];
	http_response_free(&r);
	ck_assert_msg(ok, "%s:%d %s: %s %s: --- %s: %s", c->file, c->line, c->name, rq->method,
		      rq->target, failed ? failed->kind : "", why);
}
END_TEST

int main(void)
{
	load_all();
	Suite *s = suite_create("contract");
	TCase *tc = tcase_create("cases");
	tcase_add_unchecked_fixture(tc, start_servers, stop_servers);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, contract_case, 0, (int)n_cases);
	suite_add_tcase(s, tc);
	/* In this process: the servers are the fixture's, shared by the cases. */
	int rc = run_suite(s, false);
	for (size_t i = 0; i < n_cases; i++) {
		free(requests[i].target);
		for (size_t h = 0; h < requests[i].n_headers; h++)
			free(requests[i].headers[h]);
	}
	cases_free(cases, n_cases);
	free(requests);
	free(server_of);
	for (size_t i = 0; i < n_files; i++)
		for (size_t a = 0; a < files[i].n_args; a++)
			free(files[i].args[a]);
	return rc;
}
