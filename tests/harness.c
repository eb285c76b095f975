/* harness.c - see harness.h. */
#include "harness.h"

#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <math.h>
#include <unistd.h>

#include "../server/options.h"
#include "../server/snapshot.h"

const char *src_path(const char *rel)
{
	static char bufs[4][4096];
	static int next;
	char *b = bufs[next++ % 4];
	const char *root = getenv("ARTICLED_SRC");
	snprintf(b, sizeof bufs[0], "%s/%s", root ? root : ".", rel);
	return b;
}

const char *articled_bin(void)
{
	const char *b = getenv("ARTICLED_BIN");
	return b ? b : "./articled";
}

const char *tmpdir_make(void)
{
	static char dirs[8][64];
	static int next;
	char *d = dirs[next++ % 8];
	snprintf(d, sizeof dirs[0], "/tmp/articled-test-XXXXXX");
	return mkdtemp(d);
}

void tmpdir_remove(const char *dir)
{
	if (dir == NULL || strncmp(dir, "/tmp/articled-test-", 19) != 0)
		return;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

const char *write_file(const char *dir, const char *name, const char *data, size_t len)
{
	static char paths[4][512];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, sizeof paths[0], "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	if (f == NULL)
		return NULL;
	fwrite(data, 1, len, f);
	fclose(f);
	return p;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *g = realloc(buf, cap * 2 + 1);
			if (g == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = g;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = n;
	}
	return buf;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Server logs this process made, removed when it exits. A test forked by
 * Check removes its own; the logs of servers that a suite's fixture
 * started in the parent go when the parent exits. */
static struct {
	pid_t owner;
	char path[256];
} made_logs[256];
static size_t n_made_logs;

static void remove_made_logs(void)
{
	for (size_t i = 0; i < n_made_logs; i++)
		if (made_logs[i].owner == getpid())
			unlink(made_logs[i].path);
}

static void remove_at_exit(const char *path)
{
	/* Registered once: a forked child inherits the handler, and each
	 * process removes only the entries it owns. */
	static bool registered;
	if (!registered) {
		atexit(remove_made_logs);
		registered = true;
	}
	for (size_t i = 0; i < n_made_logs; i++)
		if (made_logs[i].owner == getpid() && strcmp(made_logs[i].path, path) == 0)
			return;
	if (n_made_logs < sizeof made_logs / sizeof made_logs[0]) {
		made_logs[n_made_logs].owner = getpid();
		snprintf(made_logs[n_made_logs].path, sizeof made_logs[0].path, "%s", path);
		n_made_logs++;
	}
}

static pid_t spawn(const char *const *args, const char *log_path, bool with_port)
{
	const char *argv[64];
	size_t n = 0;
	/* ARTICLED_WRAPPER runs the server under a tool: "valgrind --leak-check=full". */
	static char wrapper[1024];
	const char *w = getenv("ARTICLED_WRAPPER");
	if (w != NULL && *w != '\0') {
		snprintf(wrapper, sizeof wrapper, "%s", w);
		char *save = NULL;
		for (char *t = strtok_r(wrapper, " ", &save); t && n < 16; t = strtok_r(NULL, " ", &save))
			argv[n++] = t;
	}
	argv[n++] = articled_bin();
	if (with_port) {
		argv[n++] = "--host";
		argv[n++] = "127.0.0.1";
		argv[n++] = "--port";
		argv[n++] = "0";
	}
	for (size_t i = 0; args && args[i] && n < 62; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	/* The log is emptied here, before the fork: emptied in the child, a
	 * caller polling it for "listening on" could first read what an
	 * earlier server wrote to a file of the same name (pids are reused). */
	int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	remove_at_exit(log_path);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd, STDERR_FILENO);
		dup2(fd, STDOUT_FILENO);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fd);
	return pid;
}

/* Starts a server and waits for a line with marker and then its address. */
static int start_until(struct server *s, const char *const *args, const char *marker)
{
	static int counter;
	memset(s, 0, sizeof *s);
	snprintf(s->log_path, sizeof s->log_path, "/tmp/articled-test-%d-%d.log", (int)getpid(),
		 counter++);
	s->pid = spawn(args, s->log_path, true);
	if (s->pid < 0)
		return -1;
	/* Under a wrapper (valgrind) a large article takes far longer to load. */
	const char *w = getenv("ARTICLED_WRAPPER");
	double deadline = now() + (w && *w ? 240.0 : 10.0);
	while (now() < deadline) {
		char *log = read_file(s->log_path, NULL);
		const char *at = log ? strstr(log, marker) : NULL;
		if (at != NULL) {
			const char *colon = strchr(at + strlen(marker), ']');
			colon = strchr(colon ? colon : at + strlen(marker), ':');
			s->port = colon ? (unsigned)strtoul(colon + 1, NULL, 10) : 0;
			free(log);
			return s->port ? 0 : -1;
		}
		free(log);
		int status;
		if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
			s->pid = 0;
			return -1; /* it exited: the log says why */
		}
		usleep(10000);
	}
	server_stop(s, SIGKILL, 1000);
	return -1;
}

int server_start(struct server *s, const char *const *args)
{
	return start_until(s, args, "listening on http://");
}

int server_start_loading(struct server *s, const char *const *args)
{
	return start_until(s, args, "answering 503 at http://");
}

int server_stop(struct server *s, int sig, int timeout_ms)
{
	if (s->pid <= 0)
		return -1;
	kill(s->pid, sig);
	double deadline = now() + timeout_ms / 1000.0;
	int status;
	for (;;) {
		pid_t r = waitpid(s->pid, &status, WNOHANG);
		if (r == s->pid)
			break;
		if (now() > deadline) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, &status, 0);
			s->pid = 0;
			return -1;
		}
		usleep(5000);
	}
	s->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const char *server_log(const struct server *s)
{
	static char buf[1 << 20];
	size_t len = 0;
	char *log = read_file(s->log_path, &len);
	if (log == NULL)
		return "";
	if (len >= sizeof buf)
		len = sizeof buf - 1;
	memcpy(buf, log, len);
	buf[len] = '\0';
	free(log);
	return buf;
}

void server_start_or_exit(struct server *s, const char *const *args)
{
	if (server_start(s, args) != 0) {
		fprintf(stderr, "articled did not start:\n%s\n", server_log(s));
		exit(1);
	}
}

void server_stop_reporting(struct server *s)
{
	int rc = server_stop(s, SIGTERM, 15000);
	if (rc != 0)
		fprintf(stderr, "articled exited with %d:\n%s\n", rc, server_log(s));
}

double metrics_sample(const char *text, const char *series)
{
	size_t len = strlen(series);
	for (const char *p = text; (p = strstr(p, series)) != NULL; p += len)
		if ((p == text || p[-1] == '\n') && p[len] == ' ')
			return strtod(p + len + 1, NULL);
	return -1;
}

struct grow {
	char *p;
	size_t len;
};

static size_t append(char *data, size_t size, size_t n, void *userp)
{
	struct grow *g = userp;
	size_t add = size * n;
	char *p = realloc(g->p, g->len + add + 1);
	if (p == NULL)
		return 0;
	memcpy(p + g->len, data, add);
	g->len += add;
	p[g->len] = '\0';
	g->p = p;
	return add;
}

static size_t append_header(char *data, size_t size, size_t n, void *userp)
{
	struct grow *g = userp;
	/* Keep only the last response's headers (after a 100-continue, say). */
	if (size * n > 5 && strncmp(data, "HTTP/", 5) == 0)
		g->len = 0;
	return append(data, size, n, userp);
}

int http_request(const struct server *s, const char *method, const char *path,
		 const char *const *extra_headers, struct http_response *r)
{
	memset(r, 0, sizeof *r);
	CURL *c = curl_easy_init();
	if (c == NULL)
		return -1;
	char url[2048];
	snprintf(url, sizeof url, "http://127.0.0.1:%u%s", s->port, path);
	struct grow body = {0}, head = {0};
	struct curl_slist *hl = NULL;
	for (size_t i = 0; extra_headers && extra_headers[i]; i++)
		hl = curl_slist_append(hl, extra_headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, append_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &head);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	/* Raw bytes as sent: no decoding of gzip behind the test's back. */
	curl_easy_setopt(c, CURLOPT_HTTP_CONTENT_DECODING, 0L);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	if (method && strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (method)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	double t0 = now();
	CURLcode rc = curl_easy_perform(c);
	r->seconds = now() - t0;
	r->curl_error = (int)rc;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	r->body = body.p ? body.p : calloc(1, 1);
	r->body_len = body.len;
	r->headers = head.p ? head.p : calloc(1, 1);
	curl_slist_free_all(hl);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

int http_get(const struct server *s, const char *path, struct http_response *r)
{
	return http_request(s, NULL, path, NULL, r);
}

const char *http_header(const struct http_response *r, const char *name)
{
	static char value[4][1024];
	static int next;
	size_t nl = strlen(name);
	for (const char *line = r->headers; line && *line;) {
		const char *end = strstr(line, "\r\n");
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len > nl && strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
			const char *v = line + nl + 1;
			while (*v == ' ')
				v++;
			size_t vl = len - (size_t)(v - line);
			char *out = value[next++ % 4];
			if (vl >= sizeof value[0])
				vl = sizeof value[0] - 1;
			memcpy(out, v, vl);
			out[vl] = '\0';
			return out;
		}
		line = end ? end + 2 : NULL;
	}
	return NULL;
}

void http_response_free(struct http_response *r)
{
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof *r);
}

int tcp_connect(const struct server *s, int rcvbuf, int timeout_ms)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (rcvbuf > 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	struct timeval tv = {.tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

size_t raw_exchange(const struct server *s, const char *data, size_t len, char *out, size_t cap,
		    int timeout_ms, bool *closed)
{
	*closed = false;
	out[0] = '\0';
	int fd = tcp_connect(s, 0, timeout_ms);
	if (fd < 0)
		return 0;
	for (size_t off = 0; off < len;) {
		ssize_t n = send(fd, data + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break; /* the server may close on us mid-way: that is an answer too */
		off += (size_t)n;
	}
	size_t got = 0;
	while (got + 1 < cap) {
		ssize_t n = recv(fd, out + got, cap - 1 - got, 0);
		if (n == 0 || (n < 0 && errno == ECONNRESET)) {
			*closed = true;
			break;
		}
		if (n < 0)
			break; /* the timeout: still open */
		got += (size_t)n;
	}
	out[got] = '\0';
	close(fd);
	return got;
}

int count_responses(const char *answer, bool head, int *first_status)
{
	int n = 0;
	*first_status = 0;
	const char *p = answer;
	while (*p != '\0') {
		n++;
		const char *end = strstr(p, "\r\n\r\n");
		if (strncmp(p, "HTTP/1.", 7) != 0 || end == NULL)
			break; /* not a response, or a cut one */
		if (n == 1)
			*first_status = atoi(p + 9);
		size_t body = 0;
		for (const char *h = strstr(p, "\r\n"); h != NULL && h < end; h = strstr(h + 2, "\r\n"))
			if (strncasecmp(h + 2, "Content-Length:", 15) == 0)
				body = strtoul(h + 17, NULL, 10);
		p = end + 4;
		if (!head)
			p += strnlen(p, body);
	}
	return n;
}

int run_articled(const char *const *args, char *err, size_t errlen)
{
	char log_path[128];
	snprintf(log_path, sizeof log_path, "/tmp/articled-test-run-%d.log", (int)getpid());
	pid_t pid = spawn(args, log_path, false);
	if (pid < 0)
		return -1;
	int status = 0;
	double deadline = now() + 10.0;
	bool done = false;
	while (!done && now() < deadline) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			done = true;
		else
			usleep(5000);
	}
	if (!done) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	size_t len = 0;
	char *log = read_file(log_path, &len);
	snprintf(err, errlen, "%s", log ? log : "");
	free(log);
	unlink(log_path);
	if (!done)
		return -2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t list_files(const char *dir, const char *suffix, char ***out)
{
	*out = NULL;
	DIR *d = opendir(dir);
	if (d == NULL)
		return 0;
	size_t n = 0, cap = 0, sl = strlen(suffix);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len <= sl || strcmp(e->d_name + len - sl, suffix) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **grown = realloc(*out, cap * sizeof *grown);
			if (grown == NULL)
				break;
			*out = grown;
		}
		size_t pl = strlen(dir) + len + 2;
		(*out)[n] = malloc(pl);
		snprintf((*out)[n], pl, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(*out, n, sizeof **out, by_name);
	return n;
}

void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

const char *test_dir;

void test_dir_make(void)
{
	test_dir = tmpdir_make();
	ck_assert_ptr_nonnull(test_dir);
}

void test_dir_remove(void)
{
	tmpdir_remove(test_dir);
}

int run_suite(Suite *s, bool fork)
{
	SRunner *sr = srunner_create(s);
	if (!fork)
		srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

struct snapshot *builtin_snapshot(struct tables *t)
{
	static const struct http_config http = {.server = "articled/test", .cors_origin = "*"};
	char *argv[] = {"articled", NULL};
	struct options o;
	char err[1024];
	struct snapshot *s = NULL;
	if (options_parse(&o, 1, argv, stdout, err, sizeof err) != OPTIONS_OK ||
	    tables_load(t, NULL, err, sizeof err) != 0 ||
	    (s = snapshot_load(&o, t, &http, 1, err, sizeof err)) == NULL) {
		fprintf(stderr, "the built-in article does not load: %s\n", err);
		exit(1);
	}
	return s;
}

/* ---- JSON ---- */

json_t *response_json(const struct http_response *r)
{
	json_error_t e;
	json_t *j = json_loadb(r->body ? r->body : "", r->body_len, 0, &e);
	ck_assert_msg(j != NULL, "not JSON (%s): %.200s", e.text, r->body ? r->body : "");
	return j;
}

json_t *get_json(const struct server *s, const char *path, long status)
{
	struct http_response r;
	ck_assert_int_eq(http_get(s, path, &r), 0);
	ck_assert_msg(r.status == status, "%.120s: status %ld, expected %ld: %.300s", path, r.status,
		      status, r.body);
	json_t *j = response_json(&r);
	http_response_free(&r);
	return j;
}

const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

json_int_t jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

bool json_subset(json_t *expected, json_t *actual, char *why, size_t whylen, const char *where)
{
	if (json_is_number(expected)) {
		if (!json_is_number(actual)) {
			snprintf(why, whylen, "%s: expected a number", where);
			return false;
		}
		double a = json_number_value(expected), b = json_number_value(actual);
		if (fabs(a - b) > 1e-9 * fmax(1.0, fabs(a))) {
			snprintf(why, whylen, "%s: expected %g, got %g", where, a, b);
			return false;
		}
		return true;
	}
	if (json_is_object(expected)) {
		if (!json_is_object(actual)) {
			snprintf(why, whylen, "%s: expected an object", where);
			return false;
		}
		const char *key;
		json_t *v;
		json_object_foreach(expected, key, v) {
			char at[256];
			snprintf(at, sizeof at, "%s.%s", where, key);
			json_t *got = json_object_get(actual, key);
			if (got == NULL) {
				snprintf(why, whylen, "%s: missing", at);
				return false;
			}
			if (!json_subset(v, got, why, whylen, at))
				return false;
		}
		return true;
	}
	if (json_is_array(expected)) {
		if (!json_is_array(actual) || json_array_size(actual) != json_array_size(expected)) {
			char *a = json_dumps(actual, JSON_COMPACT | JSON_ENCODE_ANY);
			snprintf(why, whylen, "%s: expected %zu items, got %zu: %.1500s", where,
				 json_array_size(expected), json_is_array(actual) ? json_array_size(actual) : 0,
				 a ? a : "");
			free(a);
			return false;
		}
		for (size_t i = 0; i < json_array_size(expected); i++) {
			char at[256];
			snprintf(at, sizeof at, "%s[%zu]", where, i);
			if (!json_subset(json_array_get(expected, i), json_array_get(actual, i), why, whylen,
					 at))
				return false;
		}
		return true;
	}
	if (!json_equal(expected, actual)) {
		char *a = json_dumps(actual, JSON_ENCODE_ANY), *b = json_dumps(expected, JSON_ENCODE_ANY);
		snprintf(why, whylen, "%s: expected %s, got %s", where, b ? b : "?", a ? a : "?");
		free(a);
		free(b);
		return false;
	}
	return true;
}

bool problem_ok(const struct http_response *r, long status, const char *param, char *why,
		size_t whylen)
{
	const char *ct = http_header(r, "Content-Type");
	const char *nosniff = http_header(r, "X-Content-Type-Options");
	if (r->status != status) {
		snprintf(why, whylen, "status %ld, expected %ld: %.200s", r->status, status,
			 r->body ? r->body : "");
		return false;
	}
	if (ct == NULL || strcmp(ct, "application/problem+json") != 0) {
		snprintf(why, whylen, "content type %s, not application/problem+json", ct ? ct : "(none)");
		return false;
	}
	if (nosniff == NULL || strcmp(nosniff, "nosniff") != 0) {
		snprintf(why, whylen, "no X-Content-Type-Options: nosniff");
		return false;
	}
	json_error_t e;
	json_t *j = json_loadb(r->body ? r->body : "", r->body_len, 0, &e);
	bool ok = false;
	if (j == NULL) {
		snprintf(why, whylen, "the problem is not JSON: %.200s", r->body ? r->body : "");
	} else if (!jstr(j, "type") || strcmp(jstr(j, "type"), "about:blank") != 0 ||
		   jint(j, "status") != status || jstr(j, "title") == NULL) {
		snprintf(why, whylen, "not RFC 9457's type, status and title: %.200s", r->body);
	} else if (jstr(j, "detail") == NULL || strlen(jstr(j, "detail")) <= 10) {
		snprintf(why, whylen, "no useful detail: %.200s", r->body);
	} else if (param == NULL ? jstr(j, "parameter") != NULL
				 : !jstr(j, "parameter") || strcmp(jstr(j, "parameter"), param) != 0) {
		snprintf(why, whylen, "names parameter %s, not %s: %.200s",
			 jstr(j, "parameter") ? jstr(j, "parameter") : "(none)", param ? param : "(none)",
			 r->body);
	} else {
		ok = true;
	}
	json_decref(j);
	return ok;
}

void expect_problem(const struct server *s, const char *method, const char *path, long status,
		    const char *param)
{
	struct http_response r;
	ck_assert_int_eq(http_request(s, method, path, NULL, &r), 0);
	char why[512];
	bool ok = problem_ok(&r, status, param, why, sizeof why);
	http_response_free(&r);
	ck_assert_msg(ok, "%s %.120s: %s", method ? method : "GET", path, why);
}

/* ---- files of cases ---- */

static char *text_range(const char *s, size_t len)
{
	char *p = malloc(len + 1);
	if (p == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void cases_die(const char *file, int line, const char *why)
{
	fprintf(stderr, "%s:%d: %s\n", file, line, why);
	exit(1);
}

char *cases_read(const char *path, struct case_text **cases, size_t *n)
{
	/* The names stay valid as long as the cases: one copy per file read. */
	const char *base = strrchr(path, '/');
	char *name = strdup(base ? base + 1 : path);
	char *text = read_file(path, NULL);
	if (text == NULL || name == NULL)
		cases_die(path, 0, "cannot read it");
	struct case_text *c = NULL;
	struct case_section *sec = NULL;
	const char *preamble_end = NULL, *start = text;
	int line_no = 0;
	for (char *line = text; line && *line;) {
		char *next = strchr(line, '\n');
		size_t len = next ? (size_t)(next - line) : strlen(line);
		const char *after = next ? next + 1 : line + len;
		line_no++;
		bool is_case = len > 4 && strncmp(line, "### ", 4) == 0;
		bool is_section = c != NULL && len > 4 && strncmp(line, "--- ", 4) == 0;
		if (is_case || is_section) {
			/* What came before this line ends here. */
			char *done = text_range(start, (size_t)(line - start));
			if (sec != NULL)
				sec->text = done;
			else if (c != NULL)
				c->text = done;
			else
				free(done);
			if (c == NULL)
				preamble_end = line;
			start = after;
		}
		if (is_case) {
			if (c != NULL && c->n_sections == 0)
				cases_die(name, c->line, "a case without a section");
			struct case_text *grown = realloc(*cases, (*n + 1) * sizeof **cases);
			if (grown == NULL)
				cases_die(name, line_no, "out of memory");
			*cases = grown;
			c = &grown[(*n)++];
			memset(c, 0, sizeof *c);
			snprintf(c->name, sizeof c->name, "%.*s", (int)(len - 4), line + 4);
			c->file = name;
			c->line = line_no;
			sec = NULL;
		} else if (is_section) {
			if (c->n_sections == CASE_SECTIONS_MAX)
				cases_die(name, line_no, "too many sections in one case");
			sec = &c->sections[c->n_sections++];
			const char *rest = line + 4;
			size_t kl = strcspn(rest, " \n");
			snprintf(sec->kind, sizeof sec->kind, "%.*s", (int)kl, rest);
			const char *arg = rest + kl;
			while (*arg == ' ')
				arg++;
			snprintf(sec->arg, sizeof sec->arg, "%.*s", (int)(line + len - arg), arg);
			sec->line = line_no;
		}
		line = next ? next + 1 : NULL;
	}
	char *rest = text_range(start, strlen(start));
	if (sec != NULL)
		sec->text = rest;
	else if (c != NULL)
		c->text = rest;
	else
		free(rest);
	if (c != NULL && c->n_sections == 0)
		cases_die(name, c->line, "a case without a section");
	char *preamble = text_range(text, preamble_end ? (size_t)(preamble_end - text) : strlen(text));
	free(text);
	/* A file without cases keeps no name; the others' live in their cases. */
	if (c == NULL)
		free(name);
	return preamble;
}

void cases_free(struct case_text *cases, size_t n)
{
	const char *last_file = NULL;
	for (size_t i = 0; i < n; i++) {
		free(cases[i].text);
		for (size_t k = 0; k < cases[i].n_sections; k++)
			free(cases[i].sections[k].text);
		if (cases[i].file != last_file)
			free((char *)cases[i].file);
		last_file = cases[i].file;
	}
	free(cases);
}
