/* harness.h - what the tests share: paths of the source tree and binary,
 * a real articled started on a free loopback port, and HTTP requests to it
 * with libcurl.
 *
 * Every server is started with --port 0 (it picks a free port and prints
 * it), talks only to 127.0.0.1, and is stopped by its PID; every request
 * has a timeout. Its stderr goes to a file the test can read.
 * ARTICLED_WRAPPER, if set, is a command to run the server under
 * ("valgrind --error-exitcode=99 --leak-check=full").
 */
#ifndef ARTICLED_TEST_HARNESS_H
#define ARTICLED_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* ck_assert_msg for the loops that check many thousand cases: Check's
 * own records each check that passes as the test's last point, a write
 * to its message file every time, which made such a loop take seconds
 * (and minutes under valgrind). This says the same when the check fails
 * and does nothing more when it passes. The format must be a literal. */
#define expect_msg(expr, ...)                                                    \
	do {                                                                     \
		if (!(expr))                                                     \
			ck_abort_msg("Assertion '" #expr "' failed: " __VA_ARGS__); \
	} while (0)

/* A path under the source tree (ARTICLED_SRC, else the working directory). */
const char *src_path(const char *rel);

/* The articled binary under test (ARTICLED_BIN, else ./articled). */
const char *articled_bin(void);

/* A fresh temporary directory for this test; removed by tmpdir_remove. */
const char *tmpdir_make(void);
void tmpdir_remove(const char *dir);

/* Writes len bytes to dir/name; returns the path (static buffer rotation). */
const char *write_file(const char *dir, const char *name, const char *data, size_t len);

struct server {
	pid_t pid;
	unsigned port;
	char log_path[256]; /* its stderr */
};

/* Starts articled with args (NULL-terminated; --port 0 and --host are
 * added) and waits up to 10 s for it to listen. Returns 0 on success. */
int server_start(struct server *s, const char *const *args);

/* The same, waiting for the line that says it answers 503 while a large
 * directory loads ("answering 503 at http://..."), not for the end of
 * the load. */
int server_start_loading(struct server *s, const char *const *args);

/* Sends sig (SIGTERM to stop cleanly) and waits up to timeout_ms for it to
 * exit; kills it if it does not. Returns its exit status, or -1 if it had
 * to be killed or died by a signal. */
int server_stop(struct server *s, int sig, int timeout_ms);

/* The whole of the server's stderr so far (static buffer). */
const char *server_log(const struct server *s);

/* For a server that a suite's fixture shares between its tests: starts it
 * or exits the test program with its log; stops it with SIGTERM and
 * reports an exit that was not clean. */
void server_start_or_exit(struct server *s, const char *const *args);
void server_stop_reporting(struct server *s);

/* The value of a sample line of /metrics ("name{labels} value"), or -1. */
double metrics_sample(const char *text, const char *series);

struct http_response {
	long status;
	char *headers; /* raw header block of the last response */
	char *body;
	size_t body_len;
	double seconds;
	int curl_error; /* 0, or the CURLcode that failed */
};

/* One request. extra_headers is NULL-terminated ("Name: value") or NULL.
 * method NULL means GET; "HEAD" sends a real HEAD. */
int http_request(const struct server *s, const char *method, const char *path,
		 const char *const *extra_headers, struct http_response *r);

/* GET path with no extra headers. */
int http_get(const struct server *s, const char *path, struct http_response *r);

/* The value of a response header (case-insensitive name), in a static
 * buffer, or NULL. */
const char *http_header(const struct http_response *r, const char *name);

void http_response_free(struct http_response *r);

/* A TCP connection to the server, with send and receive timeouts of
 * timeout_ms and, if rcvbuf > 0, a receive buffer that small (set before
 * connecting, so that the window the server sees is small too). -1 if it
 * cannot connect. */
int tcp_connect(const struct server *s, int rcvbuf, int timeout_ms);

/* Sends len raw bytes on a new connection, then reads until the server
 * closes it or timeout_ms passes without data. The answer goes to out
 * (NUL-terminated, at most cap - 1 bytes); *closed says whether the server
 * closed the connection. Returns the bytes read. */
size_t raw_exchange(const struct server *s, const char *data, size_t len, char *out, size_t cap,
		    int timeout_ms, bool *closed);

/* How many responses the bytes hold, each read by its Content-Length (no
 * body after HEAD), with anything left over counted as one more; and the
 * status of the first (0 if none). */
int count_responses(const char *answer, bool head, int *first_status);

/* ---- JSON, for every suite ---- */

#include <jansson.h>

/* The body of r as JSON (the caller decrefs); fails the test if it is not. */
json_t *response_json(const struct http_response *r);

/* GETs path from s, checks the status, and returns the body as JSON. */
json_t *get_json(const struct server *s, const char *path, long status);

/* A member of object o as a string (NULL if absent or not a string), or
 * as an integer (0 then). */
const char *jstr(json_t *o, const char *key);
json_int_t jint(json_t *o, const char *key);

/* Does actual hold what expected says, as the fixtures and the contract
 * cases mean it: numbers by value, objects by the members expected gives
 * (others are not compared), arrays of the same length item by item, the
 * rest equal? If not, why says where and how (where names the top). */
bool json_subset(json_t *expected, json_t *actual, char *why, size_t whylen, const char *where);

/* Is r a problem+json error of this status (RFC 9457: type, title,
 * status, a useful detail, nosniff), naming parameter param (NULL: none)?
 * If not, why says what is wrong. */
bool problem_ok(const struct http_response *r, long status, const char *param, char *why,
		size_t whylen);

/* Requests path with method (NULL: GET) from s and fails the test unless
 * the answer is such an error. */
void expect_problem(const struct server *s, const char *method, const char *path, long status,
		    const char *param);

/* ---- files of cases, as the fixtures and the contract cases write them:
 * "### name" starts a case; its text runs to its first "--- KIND ARG"
 * line, each of which starts a section that runs to the next such line or
 * case. What stands before the first case is the file's preamble. ---- */

enum { CASE_SECTIONS_MAX = 8 };

struct case_section {
	char kind[16]; /* the first word after "--- " */
	char arg[64];  /* the rest of the line */
	char *text;    /* the lines after it (malloc'd) */
	int line;      /* of the "---" line */
};

struct case_text {
	char name[160];
	const char *file; /* the base name of its file (static to the reader) */
	int line;         /* of the "###" line */
	char *text;       /* malloc'd */
	struct case_section sections[CASE_SECTIONS_MAX];
	size_t n_sections;
};

/* Appends the cases of the file at path to *cases (n of them, grown with
 * realloc) and returns its preamble (malloc'd). Exits the test program,
 * naming the file and line, when it cannot read one or a case has no
 * section or too many. */
char *cases_read(const char *path, struct case_text **cases, size_t *n);

/* Frees the n cases and the array. */
void cases_free(struct case_text *cases, size_t n);

/* Runs articled with args to completion (for startup errors) and returns
 * its exit status; its stderr is copied into err. Times out after 10 s. */
int run_articled(const char *const *args, char *err, size_t errlen);

/* Reads a whole file (malloc'd), or NULL. */
char *read_file(const char *path, size_t *len);

/* The names of the files of dir that end with suffix, sorted, as full
 * paths (each and the array malloc'd; free with free_list). */
size_t list_files(const char *dir, const char *suffix, char ***out);
void free_list(char **list, size_t n);

/* A temporary directory per test, for Check fixtures:
 * tcase_add_checked_fixture(tc, test_dir_make, test_dir_remove). */
extern const char *test_dir;
void test_dir_make(void);
void test_dir_remove(void);

/* What the server loads when no --data is given (the built-in article,
 * with the built-in tables loaded into t), for tests of the parts below
 * the loops: its catalog is ->catalog; snapshot_release frees it. Exits
 * the test program when it cannot be made. */
struct tables;
struct snapshot *builtin_snapshot(struct tables *t);

#include <check.h>

/* Runs the suite with Check's normal output (its summary line is what CI
 * reads) and returns the process's exit status. fork: Check runs each test
 * in a child (the default), else in this process (for loops of many cases). */
int run_suite(Suite *s, bool fork);

#endif
