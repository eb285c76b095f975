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

enum { MAX_CASES = 1000, MAX_FILES = 16, MAX_HEADERS = 16, MAX_CHECKS = 8 };

struct check {
	char kind[16]; /* status, headers, json, each, body, empty, problem */
	char arg[64]; /* the rest of the --- line */
	char *text; /* the lines after it */
	int line;
};

struct contract_case {
	char name[160];
	const char *file; /* base name */
	int line;
	size_t server; /* its file's server */
	char method[16];
	char *target;
	char *headers[MAX_HEADERS + 1];
	size_t n_headers;
	struct check checks[MAX_CHECKS];
	size_t n_checks;
};

struct contract_file {
	char name[64];
	char *args[16]; /* @args, split on spaces */
	size_t n_args;
	struct server srv;
};

static struct contract_case cases[MAX_CASES];
static size_t n_cases;
static struct contract_file files[MAX_FILES];
static size_t n_files;

static char *dup_range(const char *s, size_t len)
{
	char *p = malloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void die(const char *file, int line, const char *why)
{
	fprintf(stderr, "%s:%d: %s\n", file, line, why);
	exit(1);
}

/* The flags of an @args line, paths made absolute under the source tree. */
static void parse_args(struct contract_file *f, const char *line)
{
	char *copy = strdup(line), *save = NULL;
	bool next_is_path = false;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (f->n_args == sizeof f->args / sizeof f->args[0] - 1)
			die(f->name, 1, "too many @args");
		f->args[f->n_args++] = strdup(next_is_path ? src_path(w) : w);
		next_is_path = strcmp(w, "--data") == 0 || strcmp(w, "--tables") == 0;
	}
	free(copy);
}

/* The request line and headers of c, from text (up to its first check). */
static void parse_request(struct contract_case *c, const char *text, size_t len)
{
	const char *end = text + len;
	const char *nl = memchr(text, '\n', len);
	const char *line_end = nl ? nl : end;
	const char *sp = memchr(text, ' ', (size_t)(line_end - text));
	if (sp == NULL || sp - text >= (long)sizeof c->method)
		die(c->file, c->line + 1, "the request line is METHOD TARGET");
	snprintf(c->method, sizeof c->method, "%.*s", (int)(sp - text), text);
	const char *t = sp + 1, *t_end = line_end;
	const char *version = strstr(t, " HTTP/1.1");
	if (version && version < t_end)
		t_end = version;
	c->target = dup_range(t, (size_t)(t_end - t));
	for (const char *h = nl ? nl + 1 : end; h < end;) {
		const char *e = memchr(h, '\n', (size_t)(end - h));
		size_t n = e ? (size_t)(e - h) : (size_t)(end - h);
		if (n > 0) {
			if (c->n_headers == MAX_HEADERS)
				die(c->file, c->line, "too many request headers");
			c->headers[c->n_headers++] = dup_range(h, n);
		}
		h = e ? e + 1 : end;
	}
}

static void load_file(const char *path, const char *name)
{
	if (n_files == MAX_FILES)
		die(name, 1, "too many contract files");
	struct contract_file *f = &files[n_files++];
	snprintf(f->name, sizeof f->name, "%s", name);
	char *text = read_file(path, NULL);
	if (text == NULL)
		die(name, 1, "cannot read it");
	struct contract_case *c = NULL;
	const char *request = NULL;
	struct check *k = NULL;
	const char *k_start = NULL;
	int line_no = 0;
	for (char *line = text; line && *line;) {
		char *next = strchr(line, '\n');
		size_t len = next ? (size_t)(next - line) : strlen(line);
		line_no++;
		bool is_case = len > 4 && strncmp(line, "### ", 4) == 0;
		bool is_check = len > 4 && strncmp(line, "--- ", 4) == 0;
		if ((is_case || is_check) && k != NULL) {
			k->text = dup_range(k_start, (size_t)(line - k_start));
			k = NULL;
		}
		if (c == NULL && !is_case) {
			if (len > 6 && strncmp(line, "@args ", 6) == 0) {
				char *a = dup_range(line + 6, len - 6);
				parse_args(f, a);
				free(a);
			} else if (len > 0 && line[0] != '#') {
				die(name, line_no, "text before the first case");
			}
		} else if (is_case) {
			if (c != NULL && c->n_checks == 0)
				die(name, c->line, "a case without a check");
			if (n_cases == MAX_CASES)
				die(name, line_no, "too many cases");
			c = &cases[n_cases++];
			memset(c, 0, sizeof *c);
			snprintf(c->name, sizeof c->name, "%.*s", (int)(len - 4), line + 4);
			c->file = f->name;
			c->line = line_no;
			c->server = n_files - 1;
			request = next ? next + 1 : line + len;
		} else if (is_check) {
			if (c->target == NULL)
				parse_request(c, request, (size_t)(line - request));
			if (c->n_checks == MAX_CHECKS)
				die(name, line_no, "too many checks in one case");
			k = &c->checks[c->n_checks++];
			const char *rest = line + 4;
			size_t kl = strcspn(rest, " \n");
			snprintf(k->kind, sizeof k->kind, "%.*s", (int)kl, rest);
			const char *arg = rest + kl;
			while (*arg == ' ')
				arg++;
			snprintf(k->arg, sizeof k->arg, "%.*s", (int)(line + len - arg), arg);
			k->line = line_no;
			k_start = next ? next + 1 : line + len;
		}
		line = next ? next + 1 : NULL;
	}
	if (k != NULL)
		k->text = strdup(k_start);
	if (c != NULL && c->n_checks == 0)
		die(name, c->line, "a case without a check");
	free(text);
}

static void load_all(void)
{
	char **list;
	size_t n = list_files(src_path("tests/contract"), ".txt", &list);
	if (n == 0)
		die(src_path("tests/contract"), 0, "no contract cases here");
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(list[i], '/');
		load_file(list[i], base ? base + 1 : list[i]);
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

static json_t *expected_json(const struct contract_case *c, const struct check *k, char *why,
			     size_t wl)
{
	json_error_t e;
	json_t *want = json_loads(k->text, 0, &e);
	if (want == NULL)
		snprintf(why, wl, "%s:%d: the expected JSON does not parse: %s", c->file,
			 k->line + e.line, e.text);
	return want;
}

static bool check_one(const struct contract_case *c, const struct check *k,
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
	const struct contract_case *c = &cases[_i];
	struct http_response r;
	const char *headers[MAX_HEADERS + 1];
	for (size_t i = 0; i < c->n_headers; i++)
		headers[i] = c->headers[i];
	headers[c->n_headers] = NULL;
	ck_assert_int_eq(http_request(&files[c->server].srv, c->method, c->target, headers, &r), 0);
	char why[2048] = "";
	bool ok = true;
	const struct check *failed = NULL;
	for (size_t k = 0; k < c->n_checks && ok; k++)
		if (!(ok = check_one(c, &c->checks[k], &r, why, sizeof why)))
			failed = &c->checks[k];
	http_response_free(&r);
	ck_assert_msg(ok, "%s:%d %s: %s %s: --- %s: %s", c->file, c->line, c->name, c->method,
		      c->target, failed ? failed->kind : "", why);
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
		free(cases[i].target);
		for (size_t h = 0; h < cases[i].n_headers; h++)
			free(cases[i].headers[h]);
		for (size_t k = 0; k < cases[i].n_checks; k++)
			free(cases[i].checks[k].text);
	}
	for (size_t i = 0; i < n_files; i++)
		for (size_t a = 0; a < files[i].n_args; a++)
			free(files[i].args[a]);
	return rc;
}
