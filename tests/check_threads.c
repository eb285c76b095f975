/* check_threads.c - the server with two serving threads: limits counted
 * once for the process, reloads under a load of good and hostile clients,
 * late heads swept by each loop, and shutdown under load. make test-tsan
 * runs this suite against a ThreadSanitizer build, where every server must
 * also exit 0: ThreadSanitizer makes it exit 66 after any report. */
#include <check.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
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

static void stop_clean(struct server *s)
{
	int rc = server_stop(s, SIGTERM, 30000);
	ck_assert_msg(rc == 0, "the server exited %d; its log ends: %s", rc,
		      strlen(server_log(s)) > 3000 ? server_log(s) + strlen(server_log(s)) - 3000
						   : server_log(s));
}

/* Opens n connections and asks /healthz on each (keeping them open);
 * returns how many were answered 200. */
static int served_of(const struct server *s, int *fds, int n)
{
	int served = 0;
	for (int i = 0; i < n; i++) {
		fds[i] = tcp_connect(s, 0, 1000);
		ck_assert_int_ge(fds[i], 0);
	}
	usleep(100000); /* every one accepted, or refused, by now */
	for (int i = 0; i < n; i++) {
		const char req[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
		send(fds[i], req, sizeof req - 1, MSG_NOSIGNAL);
		char buf[64] = {0};
		ssize_t got = recv(fds[i], buf, sizeof buf - 1, 0);
		served += got > 12 && strncmp(buf, "HTTP/1.1 200", 12) == 0;
	}
	return served;
}

START_TEST(per_ip_limit_counts_once_per_process)
{
	struct server s;
	const char *args[] = {"--log-format", "off", "--threads", "2", "--max-connections-per-ip",
			      "5", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	int fds[12];
	int served = served_of(&s, fds, 12);
	ck_assert_msg(served == 5, "%d of 12 connections from one address served, limit 5", served);
	for (int i = 0; i < 12; i++)
		close(fds[i]);
	usleep(300000);
	/* The slots came back when the connections closed. */
	served = served_of(&s, fds, 6);
	ck_assert_msg(served == 5, "after closing: %d of 6 served", served);
	for (int i = 0; i < 6; i++)
		close(fds[i]);
	stop_clean(&s);
}
END_TEST

/* An article whose title is the given line. */
static void write_article(const char *name, const char *title)
{
	size_t len;
	char *seed = read_file(src_path("data/articles/000_617779ec1d6cc40c.txt"), &len);
	ck_assert_ptr_nonnull(seed);
	char *first_blank = strstr(seed, "\n\n");
	char *title_end = strchr(first_blank + 2, '\n');
	size_t head = (size_t)(first_blank + 2 - seed), tail = len - (size_t)(title_end - seed);
	char *out = malloc(len + strlen(title) + 1);
	memcpy(out, seed, head);
	memcpy(out + head, title, strlen(title));
	memcpy(out + head + strlen(title), title_end, tail);
	write_file(test_dir, name, out, head + strlen(title) + tail);
	free(seed);
	free(out);
}

struct load {
	const struct server *srv;
	atomic_bool stop;
	atomic_uint ok, bad;
	pthread_mutex_t lock; /* of last_bad, which several clients write */
	char last_bad[400];
};

static void count_bad(struct load *l, const char *what)
{
	atomic_fetch_add(&l->bad, 1);
	pthread_mutex_lock(&l->lock);
	snprintf(l->last_bad, sizeof l->last_bad, "%s", what);
	pthread_mutex_unlock(&l->lock);
}

/* Good clients: answers that must always be right, whichever generation
 * and loop serve them. */
static void *good_client(void *arg)
{
	struct load *l = arg;
	static const char *const paths[] = {"/article", "/quotes?speaker=putin", "/sections?limit=2",
					    "/healthz", "/metrics", "/search?q=nuclear"};
	for (unsigned i = 0; !atomic_load(&l->stop); i++) {
		const char *path = paths[i % (sizeof paths / sizeof paths[0])];
		struct http_response r;
		http_get(l->srv, path, &r);
		if (r.status == 200) {
			atomic_fetch_add(&l->ok, 1);
		} else {
			char what[300];
			snprintf(what, sizeof what, "%s: status %ld curl %d: %.200s", path, r.status,
				 r.curl_error, r.body);
			count_bad(l, what);
		}
		http_response_free(&r);
	}
	return NULL;
}

/* Hostile clients: each must get its refusal, and change nothing for the
 * good ones. */
static void *hostile_client(void *arg)
{
	struct load *l = arg;
	static char big[9000];
	int o = snprintf(big, sizeof big, "GET /sections HTTP/1.1\r\nHost: x\r\nX-Padding: ");
	memset(big + o, 'p', sizeof big - (size_t)o - 5);
	memcpy(big + sizeof big - 5, "\r\n\r\n", 5);
	struct {
		const char *req;
		int status;
	} cases[] = {
		{"GET /sections HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", 400},
		{"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\nhello", 400},
		{"GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n", 400},
		{big, 431},
	};
	static char answer[8192];
	for (unsigned i = 0; !atomic_load(&l->stop); i++) {
		size_t c = i % (sizeof cases / sizeof cases[0]);
		bool closed;
		raw_exchange(l->srv, cases[c].req, strlen(cases[c].req), answer, sizeof answer, 3000,
			     &closed);
		int status;
		count_responses(answer, false, &status);
		if (status == cases[c].status && closed) {
			atomic_fetch_add(&l->ok, 1);
		} else {
			char what[100];
			snprintf(what, sizeof what, "hostile case %zu: status %d, closed %d", c, status,
				 closed);
			count_bad(l, what);
		}
	}
	return NULL;
}

static void wait_for_log(const struct server *s, const char *what)
{
	double deadline = now() + 30;
	while (now() < deadline && strstr(server_log(s), what) == NULL)
		usleep(20000);
	ck_assert_msg(strstr(server_log(s), what) != NULL, "no '%s' in: %s", what, server_log(s));
}

START_TEST(reloads_under_good_and_hostile_load)
{
	write_article("a.txt", "Alpha edition");
	write_article("b.txt", "Beta edition");
	struct server s;
	/* --connection-memory 8192: the 9 KB head is too large. */
	const char *args[] = {"--log-format", "off", "--threads", "2", "--data", test_dir,
			      "--connection-memory", "8192", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	struct load good = {.srv = &s, .lock = PTHREAD_MUTEX_INITIALIZER},
		    hostile = {.srv = &s, .lock = PTHREAD_MUTEX_INITIALIZER};
	pthread_t g[3], h;
	for (int i = 0; i < 3; i++)
		pthread_create(&g[i], NULL, good_client, &good);
	pthread_create(&h, NULL, hostile_client, &hostile);
	usleep(300000);
	for (int gen = 2; gen <= 5; gen++) {
		char title[64], want[64];
		snprintf(title, sizeof title, "Edition %d", gen);
		write_article("b.txt", title);
		if (gen == 4) /* a broken file is skipped: the others keep serving */
			write_file(test_dir, "c.txt", "\x7F" "ELF\0\0", 6);
		kill(s.pid, SIGHUP);
		snprintf(want, sizeof want, "(generation %d)", gen);
		wait_for_log(&s, want);
		usleep(200000);
	}
	atomic_store(&good.stop, true);
	atomic_store(&hostile.stop, true);
	for (int i = 0; i < 3; i++)
		pthread_join(g[i], NULL);
	pthread_join(h, NULL);
	printf("two threads, 4 reloads: %u good requests, %u hostile ones refused\n",
	       atomic_load(&good.ok), atomic_load(&hostile.ok));
	ck_assert_msg(atomic_load(&good.bad) == 0, "%u good requests failed; last: %s",
		      atomic_load(&good.bad), good.last_bad);
	ck_assert_msg(atomic_load(&hostile.bad) == 0, "%u hostile requests were not refused; last: %s",
		      atomic_load(&hostile.bad), hostile.last_bad);
	ck_assert_uint_gt(atomic_load(&good.ok), 50);
	ck_assert_uint_gt(atomic_load(&hostile.ok), 8);
	struct http_response r;
	http_get(&s, "/articles/b/article", &r);
	ck_assert_msg(strstr(r.body, "\"Edition 5\"") != NULL, "%s", r.body);
	http_response_free(&r);
	stop_clean(&s);
}
END_TEST

/* Late heads on both loops: each sweeps its own. */
START_TEST(late_heads_are_swept_on_every_loop)
{
	struct server s;
	const char *args[] = {"--log-format", "off", "--threads", "2", "--timeout", "1", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	enum { N = 16 };
	int fds[N];
	for (int i = 0; i < N; i++) {
		fds[i] = tcp_connect(&s, 0, 4000);
		ck_assert_int_ge(fds[i], 0);
		const char half[] = "GET /sections HTTP/1.1\r\nX-Slow: ";
		send(fds[i], half, sizeof half - 1, MSG_NOSIGNAL);
	}
	double t0 = now();
	for (int i = 0; i < N; i++) {
		char buf[1024];
		size_t got = 0;
		ssize_t n;
		while ((n = recv(fds[i], buf + got, sizeof buf - 1 - got, 0)) > 0)
			got += (size_t)n;
		buf[got] = '\0';
		ck_assert_msg(n == 0 && strncmp(buf, "HTTP/1.1 408 ", 13) == 0, "connection %d: %s", i,
			      buf);
		close(fds[i]);
	}
	ck_assert_msg(now() - t0 < 3.0, "the last late head was closed after %.2f s", now() - t0);
	stop_clean(&s);
}
END_TEST

/* SIGTERM while clients keep asking: the process exits 0, promptly. */
START_TEST(sigterm_under_load_with_two_threads)
{
	struct server s;
	const char *args[] = {"--log-format", "combined", "--threads", "2", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	struct load good = {.srv = &s, .lock = PTHREAD_MUTEX_INITIALIZER};
	pthread_t g[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&g[i], NULL, good_client, &good);
	usleep(500000);
	double t0 = now();
	int rc = server_stop(&s, SIGTERM, 30000);
	double took = now() - t0;
	atomic_store(&good.stop, true);
	for (int i = 0; i < 3; i++)
		pthread_join(g[i], NULL);
	ck_assert_msg(rc == 0, "exit %d: %s", rc, server_log(&s));
	ck_assert_msg(took < 5.0, "stopping took %.2f s", took);
	ck_assert(strstr(server_log(&s), "articled: stopped") != NULL);
	ck_assert_uint_gt(atomic_load(&good.ok), 10);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("two loops");
	tcase_add_checked_fixture(tc, test_dir_make, test_dir_remove);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, per_ip_limit_counts_once_per_process);
	tcase_add_test(tc, reloads_under_good_and_hostile_load);
	tcase_add_test(tc, late_heads_are_swept_on_every_loop);
	tcase_add_test(tc, sigterm_under_load_with_two_threads);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
