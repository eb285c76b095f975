/* check_hostile.c - what hostile and broken clients send: bodies where
 * none belong, framing that a proxy in front would read another way
 * (RFC 9112), header fields that fill the connection's memory, and heads
 * trickled a byte at a time. Every answer is checked on the wire: one
 * response, its status, and whether the connection was closed. */
#include <check.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static struct server srv;

static void start_with(const char *const *args)
{
	ck_assert_msg(server_start(&srv, args) == 0, "server did not start: %s", server_log(&srv));
}

static void stop(void)
{
	ck_assert_int_eq(server_stop(&srv, SIGTERM, 15000), 0);
}

/* The answer to raw bytes: exactly one response, whose status is
 * returned; the connection's fate goes to *closed. */
static int one_answer(const char *what, const char *req, size_t len, bool *closed)
{
	static char answer[1 << 16];
	raw_exchange(&srv, req, len, answer, sizeof answer, 3000, closed);
	int status;
	int n = count_responses(answer, strncmp(req, "HEAD", 4) == 0, &status);
	ck_assert_msg(n == 1, "%s: %d responses: %.600s", what, n, answer);
	return status;
}

/* Raw bytes that must be refused with status and a closed connection,
 * promptly (well before the 3 s the exchange waits). */
static void expect_refused(const char *what, const char *req, int status)
{
	bool closed;
	double t0 = now();
	int got = one_answer(what, req, strlen(req), &closed);
	ck_assert_msg(got == status, "%s: status %d, expected %d", what, got, status);
	ck_assert_msg(closed, "%s: the connection stayed open", what);
	ck_assert_msg(now() - t0 < 2.0, "%s: took %.2f s", what, now() - t0);
}

START_TEST(a_body_on_get_head_or_options_is_refused)
{
	const char *args[] = {"--log-format", "off", NULL};
	start_with(args);
	expect_refused("GET, chunked body that never ends",
		       "GET /sections HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
		       "5\r\nhello\r\n",
		       400);
	expect_refused("GET, Content-Length of a body half sent",
		       "GET /sections HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhello", 400);
	expect_refused("HEAD with a body", "HEAD /sections HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
		       400);
	expect_refused("OPTIONS with a chunked body",
		       "OPTIONS /sections HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
		       "0\r\n\r\n",
		       400);
	/* An empty body is no body: keep-alive goes on, both are answered. */
	const char empty[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
			     "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
			     "Connection: close\r\n\r\n";
	static char answer[8192];
	bool closed;
	raw_exchange(&srv, empty, sizeof empty - 1, answer, sizeof answer, 3000, &closed);
	int status;
	ck_assert_msg(count_responses(answer, false, &status) == 2 && status == 200, "%s", answer);
	stop();
}
END_TEST

/* An article large enough that each catalog costs megabytes. */
static const char *big_article(const char *name, int edition)
{
	size_t len;
	char *seed = read_file(src_path("data/articles/000_617779ec1d6cc40c.txt"), &len);
	ck_assert_ptr_nonnull(seed);
	char *body = strstr(seed, "\n\n");
	ck_assert_ptr_nonnull(body);
	size_t head = (size_t)(body - seed), rest = len - head;
	enum { COPIES = 150 };
	char *out = malloc(len + 64 + COPIES * rest);
	memcpy(out, seed, head);
	size_t o = head + (size_t)sprintf(out + head, "\n\nEdition %d", edition);
	for (int i = 0; i < COPIES; i++) {
		memcpy(out + o, body, rest);
		o += rest;
	}
	const char *path = write_file(test_dir, name, out, o);
	free(seed);
	free(out);
	return path;
}

static long rss_mb(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	char *status = read_file(path, NULL);
	const char *at = status ? strstr(status, "VmRSS:") : NULL;
	long kb = at ? strtol(at + 6, NULL, 10) : 0;
	free(status);
	return kb / 1024;
}

/* Where freed memory is not handed back for reuse at once (ASan keeps it
 * in quarantine, valgrind is in between), resident memory says nothing. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_MEANINGLESS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RSS_MEANINGLESS 1
#endif
#endif

/* A GET whose body never ends, one per reload: none may keep its
 * generation's catalog alive, and SIGTERM must not wait for them. */
START_TEST(a_refused_body_pins_nothing_across_reloads)
{
	const char *path = big_article("article.txt", 0);
	const char *args[] = {"--log-format", "off", "--data", path, "--shutdown-timeout", "10", NULL};
	start_with(args);
	enum { RELOADS = 6 };
	int held[RELOADS];
	long after_first = 0;
	for (int g = 1; g <= RELOADS; g++) {
		held[g - 1] = tcp_connect(&srv, 0, 2000);
		ck_assert_int_ge(held[g - 1], 0);
		const char req[] = "GET /sections HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
				   "5\r\nhello\r\n";
		ck_assert_int_eq(send(held[g - 1], req, sizeof req - 1, MSG_NOSIGNAL), (ssize_t)(sizeof req - 1));
		big_article("article.txt", g);
		kill(srv.pid, SIGHUP);
		char want[64];
		snprintf(want, sizeof want, "(generation %d)", g + 1);
		double deadline = now() + 30;
		while (now() < deadline && strstr(server_log(&srv), want) == NULL)
			usleep(20000);
		ck_assert_msg(strstr(server_log(&srv), want) != NULL, "no reload: %s", server_log(&srv));
		if (g == 1)
			after_first = rss_mb(srv.pid);
	}
	long after_last = rss_mb(srv.pid);
	printf("resident memory after reload 1: %ld MB, after reload %d: %ld MB\n", after_first,
	       RELOADS, after_last);
#ifndef RSS_MEANINGLESS
	const char *w = getenv("ARTICLED_WRAPPER");
	if (w == NULL || *w == '\0')
		ck_assert_msg(after_last - after_first < 8, "grew by %ld MB over %d reloads",
			      after_last - after_first, RELOADS - 1);
#endif
	double t0 = now();
	kill(srv.pid, SIGTERM);
	int rc = server_stop(&srv, 0, 15000);
	double took = now() - t0;
	for (int i = 0; i < RELOADS; i++)
		close(held[i]);
	ck_assert_int_eq(rc, 0);
	ck_assert_msg(took < 3.0, "SIGTERM took %.2f s", took);
	ck_assert_msg(strstr(server_log(&srv), "stopping: 0 requests in flight") != NULL, "log: %s",
		      server_log(&srv));
}
END_TEST

START_TEST(smuggling_shapes_get_400_and_a_close)
{
	const char *args[] = {"--log-format", "off", NULL};
	start_with(args);
	/* Each would otherwise answer the request hidden in its body too. */
	expect_refused("two different Content-Length values",
		       "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 34\r\n\r\n"
		       "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
		       400);
	expect_refused("Content-Length with Transfer-Encoding",
		       "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
		       "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
		       400);
	expect_refused("Content-Length with Transfer-Encoding, on POST",
		       "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
		       "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
		       400);
	expect_refused("whitespace between the field name and the colon",
		       "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n"
		       "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
		       400);
	expect_refused("a tab before the colon",
		       "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length\t: 34\r\n\r\n"
		       "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
		       400);
	expect_refused("whitespace before the first field",
		       "GET /healthz HTTP/1.1\r\n Transfer-Encoding: chunked\r\nHost: x\r\n\r\n", 400);
	expect_refused("a control byte in a field name",
		       "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A\x01: b\r\n\r\n", 400);
	expect_refused("a Content-Length that is not a number",
		       "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0x5\r\n\r\n",
		       400);
	/* RFC 9112 section 3.2: one Host, no whitespace in the target. */
	expect_refused("HTTP/1.1 without Host", "GET /healthz HTTP/1.1\r\n\r\n", 400);
	expect_refused("two Host headers", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
	expect_refused("a space in the target", "GET /sections /x HTTP/1.1\r\nHost: x\r\n\r\n", 400);
	/* Not smuggling: the same length twice, and no body. */
	bool closed;
	const char twice[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
			     "Content-Length: 0\r\nConnection: close\r\n\r\n";
	ck_assert_int_eq(one_answer("the same length twice", twice, sizeof twice - 1, &closed), 200);
	const char http10[] = "GET /healthz HTTP/1.0\r\n\r\n";
	ck_assert_int_eq(one_answer("HTTP/1.0 without Host", http10, sizeof http10 - 1, &closed), 200);
	stop();
}
END_TEST

/* Checks a 431 on the wire: ours in problem+json, or libmicrohttpd's
 * own (an HTML page, for a head larger than the whole pool); either with
 * the length it says, and a close. */
static void check_431(const char *what, const char *answer, bool head)
{
	const char *body = strstr(answer, "\r\n\r\n");
	ck_assert_msg(body != NULL, "%s: %s", what, answer);
	body += 4;
	ck_assert_msg(strstr(answer, "Connection: close\r\n") != NULL, "%s: %.400s", what, answer);
	if (strstr(answer, "Content-Type: application/problem+json\r\n") == NULL) {
		ck_assert_msg(head ? *body == '\0' : strstr(body, "Request too big") != NULL,
			      "%s: %.400s", what, answer);
		return;
	}
	if (head) {
		ck_assert_msg(*body == '\0', "%s: a body after HEAD", what);
		return;
	}
	const char *cl = strstr(answer, "Content-Length: ");
	ck_assert_ptr_nonnull(cl);
	ck_assert_int_eq(strtoul(cl + 16, NULL, 10), strlen(body));
	json_error_t e;
	json_t *j = json_loads(body, 0, &e);
	ck_assert_msg(j != NULL, "%s: body not JSON: %s", what, body);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "status")), 431);
	json_decref(j);
}

/* Header fields of every size, from what fits to what does not: each
 * request gets its answer or exactly one 431, never a silent close. */
static void sweep(const char *field, size_t from, size_t to, size_t step, bool head, int *served,
		  int *refused)
{
	static char req[40000], answer[65536];
	for (size_t n = from; n <= to; n += step) {
		int o = snprintf(req, sizeof req, "%s /sections HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%s: ",
				 head ? "HEAD" : "GET", field);
		memset(req + o, 'v', n);
		o += (int)n;
		o += snprintf(req + o, sizeof req - (size_t)o, "\r\n\r\n");
		bool closed;
		raw_exchange(&srv, req, (size_t)o, answer, sizeof answer, 3000, &closed);
		int status;
		int count = count_responses(answer, head, &status);
		char what[96];
		snprintf(what, sizeof what, "%s %s of %zu bytes", head ? "HEAD" : "GET", field, n);
		ck_assert_msg(count == 1 && (status == 200 || status == 431),
			      "%s: %d responses, status %d: %.300s", what, count, status, answer);
		ck_assert_msg(closed, "%s: not closed", what);
		if (status == 431)
			check_431(what, answer, head);
		++*(status == 200 ? served : refused);
	}
}

START_TEST(every_oversized_head_gets_one_431)
{
	const char *args[] = {"--log-format", "off", "--connection-memory", "4096", NULL};
	start_with(args);
	int served = 0, refused = 0;
	/* Up to past the pool's end, where libmicrohttpd answers itself. */
	sweep("X-Padding", 2800, 4300, 12, false, &served, &refused);
	sweep("X-Padding", 3000, 4200, 40, true, &served, &refused);
	/* libmicrohttpd copies the Cookie header to cut it into cookies, and
	 * fails silently when that copy does not fit, before the handler sees
	 * the request: up to half the pool, the answer is ours. */
	sweep("Cookie", 1000, 4096 / 2 - 256, 12, false, &served, &refused);
	printf("header sweep at 4096 bytes: %d answered, %d refused with one 431\n", served, refused);
	ck_assert_int_gt(served, 10);
	ck_assert_int_gt(refused, 10);
	stop();
}
END_TEST

/* Clients that send their head a byte at a time, every 200 ms, until the
 * server closes on them. */
struct tricklers {
	int fds[64];
	int n;
	atomic_bool stop;
};

static void *trickle(void *arg)
{
	struct tricklers *t = arg;
	while (!atomic_load(&t->stop)) {
		/* Fails once the server has closed: then there is nothing to send. */
		for (int i = 0; i < t->n; i++)
			(void)send(t->fds[i], "x", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
		usleep(200000);
	}
	return NULL;
}

/* Every slot taken by a client trickling its head: once the deadline
 * passes they are answered 408 (or closed), and a new client is served. */
START_TEST(trickled_heads_are_cut_at_the_deadline)
{
	enum { SLOTS = 20 };
	const char *args[] = {"--log-format", "off", "--max-connections", "20", "--timeout", "2", NULL};
	start_with(args);
	static struct tricklers t;
	t.n = SLOTS;
	atomic_store(&t.stop, false);
	for (int i = 0; i < SLOTS; i++) {
		t.fds[i] = tcp_connect(&srv, 0, 1000);
		ck_assert_int_ge(t.fds[i], 0);
		/* Half have sent their request line, half are still in it. */
		const char *start = i % 2 ? "GET /sections HTTP/1.1\r\nX-Slow: " : "GET /sect";
		send(t.fds[i], start, strlen(start), MSG_NOSIGNAL);
	}
	usleep(300000);
	double t0 = now();
	pthread_t th;
	pthread_create(&th, NULL, trickle, &t);
	struct http_response r;
	http_get(&srv, "/healthz", &r);
	double took = now() - t0;
	atomic_store(&t.stop, true);
	pthread_join(th, NULL);
	ck_assert_msg(r.status == 200, "status %ld (curl error %d) after %.2f s", r.status, r.curl_error,
		      took);
	ck_assert_msg(took < 4.5, "a new client waited %.2f s", took);
	http_response_free(&r);
	printf("with %d trickling clients a new one was served after %.2f s (--timeout 2)\n", SLOTS,
	       took);
	int answered_408 = 0;
	for (int i = 0; i < SLOTS; i++) {
		char buf[2048];
		size_t got = 0;
		ssize_t n;
		while ((n = recv(t.fds[i], buf + got, sizeof buf - 1 - got, 0)) > 0)
			got += (size_t)n;
		buf[got] = '\0';
		ck_assert_msg(n == 0, "trickler %d: still open (recv %zd)", i, n);
		if (got > 0) {
			ck_assert_msg(strncmp(buf, "HTTP/1.1 408 ", 13) == 0, "trickler %d: %s", i, buf);
			ck_assert(strstr(buf, "Connection: close\r\n") != NULL);
			answered_408++;
		}
		close(t.fds[i]);
	}
	/* Those whose bytes kept coming were all answered. */
	ck_assert_int_eq(answered_408, SLOTS);
	stop();
}
END_TEST

/* What real clients send fits the default: a browser's API request with a
 * parent domain's cookies, through a proxy and a CDN. */
START_TEST(real_requests_fit_the_default_memory)
{
	const char *args[] = {"--log-format", "off", NULL};
	start_with(args);
	/* The audit's case: a 3,800-byte cookie. */
	static char req[16384];
	int o = snprintf(req, sizeof req, "GET /sections HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
					  "Cookie: session=");
	memset(req + o, 'c', 3800);
	o += 3800;
	o += snprintf(req + o, sizeof req - (size_t)o, "\r\n\r\n");
	bool closed;
	ck_assert_int_eq(one_answer("a 3,800-byte cookie", req, (size_t)o, &closed), 200);
	/* About 1.3 KB of browser and proxy headers, and 4 KB of cookies. */
	o = snprintf(req, sizeof req,
		     "GET /sections HTTP/1.1\r\nHost: api.news.example\r\nConnection: close\r\n"
		     "sec-ch-ua: \"Not_A Brand\";v=\"8\", \"Chromium\";v=\"120\", \"Google Chrome\";v=\"120\"\r\n"
		     "sec-ch-ua-mobile: ?0\r\nsec-ch-ua-platform: \"Windows\"\r\n"
		     "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
		     "Gecko) Chrome/120.0.0.0 Safari/537.36\r\n"
		     "Accept: application/json, text/plain, */*\r\nOrigin: https://www.news.example\r\n"
		     "Sec-Fetch-Site: same-site\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\n"
		     "Referer: https://www.news.example/world/2024/05/17/a-long-headline-made-into-a-slug\r\n"
		     "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9,ru;q=0.8\r\n"
		     "X-Forwarded-For: 203.0.113.195, 198.51.100.17\r\nX-Forwarded-Proto: https\r\n"
		     "X-Forwarded-Host: api.news.example\r\nX-Real-IP: 203.0.113.195\r\n"
		     "Forwarded: for=203.0.113.195;proto=https;host=api.news.example\r\n"
		     "X-Request-ID: 7f0c2d9e-5b4a-4c1e-9a8f-2e6d1b3c4a5f\r\n"
		     "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n"
		     "CF-Connecting-IP: 203.0.113.195\r\nCF-IPCountry: DE\r\nCF-Ray: 8a1b2c3d4e5f6a7b-FRA\r\n"
		     "Cookie: ");
	for (int i = 0; o < (int)sizeof req - 300 && i < 40; i++)
		o += snprintf(req + o, sizeof req - (size_t)o, "%sc%02d=%.*s", i ? "; " : "", i, 96,
			      "GA1.2.1234567890.1700000000xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	o += snprintf(req + o, sizeof req - (size_t)o, "\r\n\r\n");
	ck_assert_int_ge(o, 5000);
	ck_assert_int_eq(one_answer("a browser's request with 4 KB of cookies", req, (size_t)o, &closed),
			 200);
	stop();
}
END_TEST

/* Clients that half-close their connection after a request (as a shell
 * pipe into a socket does) or part of one: each sees the server close
 * within a second, not after --timeout. */
START_TEST(clients_that_half_close_are_let_go)
{
	const char *args[] = {"--log-format", "off", "--timeout", "30", NULL};
	start_with(args);
	static const char *const sends[] = {"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", "GET /sect",
					    "\r\n\r\n"};
	int slow = 0;
	double worst = 0;
	for (int i = 0; i < 90; i++) {
		const char *req = sends[i % 3];
		int fd = tcp_connect(&srv, 0, 3000);
		ck_assert_int_ge(fd, 0);
		send(fd, req, strlen(req), MSG_NOSIGNAL);
		shutdown(fd, SHUT_WR);
		double t0 = now();
		char buf[4096];
		size_t got = 0;
		ssize_t n;
		while ((n = recv(fd, buf + got, sizeof buf - 1 - got, 0)) > 0)
			got += (size_t)n;
		double took = now() - t0;
		close(fd);
		buf[got] = '\0';
		if (i % 3 == 0)
			ck_assert_msg(strncmp(buf, "HTTP/1.1 200 ", 13) == 0, "answer: %.100s", buf);
		slow += n != 0 || took > 1.0;
		worst = took > worst ? took : worst;
	}
	ck_assert_msg(slow == 0, "%d of 90 half-closed connections stayed open (worst %.2f s)", slow,
		      worst);
	stop();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("hostile");
	TCase *framing = tcase_create("framing");
	tcase_add_checked_fixture(framing, test_dir_make, test_dir_remove);
	tcase_set_timeout(framing, 120);
	tcase_add_test(framing, a_body_on_get_head_or_options_is_refused);
	tcase_add_test(framing, a_refused_body_pins_nothing_across_reloads);
	tcase_add_test(framing, smuggling_shapes_get_400_and_a_close);
	suite_add_tcase(s, framing);
	TCase *sizes = tcase_create("header sizes");
	tcase_set_timeout(sizes, 120);
	tcase_add_test(sizes, every_oversized_head_gets_one_431);
	tcase_add_test(sizes, real_requests_fit_the_default_memory);
	suite_add_tcase(s, sizes);
	TCase *slow = tcase_create("slow clients");
	tcase_set_timeout(slow, 60);
	tcase_add_test(slow, trickled_heads_are_cut_at_the_deadline);
	tcase_add_test(slow, clients_that_half_close_are_let_go);
	suite_add_tcase(s, slow);
	return run_suite(s, true);
}
