/* check_ops.c - what operators rely on: reload without losing a request,
 * shutdown that finishes what is in flight, and limits that keep the
 * service up under slow clients, oversized and malformed requests. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"


static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int connect_small(const struct server *s, int rcvbuf)
{
	return tcp_connect(s, rcvbuf, 5000);
}

static int connect_to(const struct server *s)
{
	return connect_small(s, 0);
}

/* Sends raw bytes and returns the status code of the answer (0 if the
 * connection closed without one). */
static int raw_request(const struct server *s, const char *data, size_t len)
{
	int fd = connect_to(s);
	ck_assert_int_ge(fd, 0);
	size_t off = 0;
	while (off < len) {
		ssize_t n = send(fd, data + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break; /* the server may close on us mid-way: that is an answer too */
		off += (size_t)n;
	}
	char reply[256] = {0};
	ssize_t n = recv(fd, reply, sizeof reply - 1, 0);
	close(fd);
	if (n < 12 || strncmp(reply, "HTTP/1.", 7) != 0)
		return 0;
	return atoi(reply + 9);
}

static const char *article_copy(const char *name, const char *title)
{
	size_t len;
	char *seed = read_file(src_path("data/articles/000_617779ec1d6cc40c.txt"), &len);
	ck_assert_ptr_nonnull(seed);
	/* Replace the title line (the first line after the blank line). */
	char *first_blank = strstr(seed, "\n\n");
	char *title_end = strchr(first_blank + 2, '\n');
	size_t cap = len + strlen(title) + 1;
	char *out = malloc(cap);
	size_t head = (size_t)(first_blank + 2 - seed);
	memcpy(out, seed, head);
	size_t o = head;
	memcpy(out + o, title, strlen(title));
	o += strlen(title);
	size_t tail = len - (size_t)(title_end - seed);
	memcpy(out + o, title_end, tail);
	o += tail;
	const char *path = write_file(test_dir, name, out, o);
	free(seed);
	free(out);
	return path;
}

/* A client loop that GETs /article over and over until told to stop,
 * counting answers that were not a 200 with one of the expected titles. */
struct hammer {
	const struct server *srv;
	atomic_bool stop;
	unsigned ok, failed;
	char last_failure[512];
	const char *titles[2];
};

static void *hammer_main(void *arg)
{
	struct hammer *h = arg;
	while (!atomic_load(&h->stop)) {
		struct http_response r;
		http_get(h->srv, "/article", &r);
		json_error_t e;
		json_t *j = r.status == 200 ? json_loadb(r.body, r.body_len, 0, &e) : NULL;
		const char *title = j ? json_string_value(json_object_get(j, "title")) : NULL;
		bool good = title && (strcmp(title, h->titles[0]) == 0 || strcmp(title, h->titles[1]) == 0);
		if (good) {
			h->ok++;
		} else {
			h->failed++;
			snprintf(h->last_failure, sizeof h->last_failure, "status %ld curl %d: %.200s",
				 r.status, r.curl_error, r.body);
		}
		json_decref(j);
		http_response_free(&r);
	}
	return NULL;
}

static const char *title_now(const struct server *s)
{
	static char title[256];
	struct http_response r;
	http_get(s, "/article", &r);
	json_error_t e;
	json_t *j = json_loadb(r.body, r.body_len, 0, &e);
	snprintf(title, sizeof title, "%s", j ? json_string_value(json_object_get(j, "title")) : "?");
	json_decref(j);
	http_response_free(&r);
	return title;
}

static void reload_under_load(bool broken)
{
	const char *path = article_copy("article.txt", "Alpha edition");
	struct server s;
	const char *args[] = {"--data", path, "--log-format", "off", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	/* A filtered answer, built once and kept by the server: it must not
	 * outlive the article it was built from. */
	struct http_response before;
	http_get(&s, "/articles?q=alpha", &before);
	ck_assert(strstr(before.body, "\"total\":1") != NULL);
	http_response_free(&before);
	http_get(&s, "/articles?q=alpha", &before);
	ck_assert(strstr(before.body, "\"total\":1") != NULL);
	http_response_free(&before);
	struct hammer h = {.srv = &s, .titles = {"Alpha edition", "Omega edition"}};
	pthread_t t;
	pthread_create(&t, NULL, hammer_main, &h);
	usleep(300000);
	if (broken) {
		const char junk[] = "\x7F" "ELF\0\0\0 not an article";
		write_file(test_dir, "article.txt", junk, sizeof junk);
	} else {
		article_copy("article.txt", "Omega edition");
	}
	kill(s.pid, SIGHUP);
	const char *want = broken ? "Alpha edition" : "Omega edition";
	double deadline = now() + 5;
	while (now() < deadline && (broken ? strstr(server_log(&s), "reload failed") == NULL
					   : strcmp(title_now(&s), want) != 0))
		usleep(20000);
	usleep(300000); /* and keep the load on a little after the swap */
	atomic_store(&h.stop, true);
	pthread_join(t, NULL);
	ck_assert_str_eq(title_now(&s), want);
	struct http_response after;
	http_get(&s, "/articles?q=alpha", &after);
	ck_assert_msg(strstr(after.body, broken ? "\"total\":1" : "\"total\":0") != NULL,
		      "a cached answer outlived its article: %s", after.body);
	http_response_free(&after);
	ck_assert_msg(h.failed == 0, "%u of %u requests failed during the reload; last: %s", h.failed,
		      h.ok + h.failed, h.last_failure);
	ck_assert_int_gt(h.ok, 50);
	const char *log = server_log(&s);
	if (broken) {
		ck_assert_msg(strstr(log, "reload failed, still serving the old articles") &&
				      strstr(log, "binary data"),
			      "log: %s", log);
	} else {
		ck_assert_msg(strstr(log, "reloaded 1 article"), "log: %s", log);
	}
	printf("reload (%s file): %u requests during the reload, 0 failed\n",
	       broken ? "broken" : "good", h.ok);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}

START_TEST(sighup_swaps_in_a_good_file_without_losing_requests)
{
	reload_under_load(false);
}
END_TEST

START_TEST(sighup_keeps_the_old_article_when_the_file_is_broken)
{
	reload_under_load(true);
}
END_TEST

START_TEST(sighup_keeps_the_old_article_when_the_file_is_gone)
{
	const char *path = article_copy("article.txt", "Still here");
	struct server s;
	const char *args[] = {"--data", path, "--log-format", "off", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	ck_assert_int_eq(unlink(path), 0);
	kill(s.pid, SIGHUP);
	double deadline = now() + 5;
	while (now() < deadline && strstr(server_log(&s), "reload failed") == NULL)
		usleep(20000);
	ck_assert(strstr(server_log(&s), "no such file") != NULL);
	ck_assert_str_eq(title_now(&s), "Still here");
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

START_TEST(watch_reloads_a_changed_file_by_itself)
{
	const char *path = article_copy("article.txt", "Alpha edition");
	struct server s;
	const char *args[] = {"--data", path, "--log-format", "off", "--watch", "1", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	ck_assert_str_eq(title_now(&s), "Alpha edition");
	usleep(1100000); /* a new modification time, whatever the clock's grain */
	article_copy("article.txt", "Omega edition");
	double deadline = now() + 6;
	while (now() < deadline && strcmp(title_now(&s), "Omega edition") != 0)
		usleep(50000);
	ck_assert_str_eq(title_now(&s), "Omega edition");
	ck_assert(strstr(server_log(&s), "changed: reloading") != NULL);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

/* An article whose one paragraph is larger than what the kernel buffers on
 * loopback (up to 4 MiB of send buffer): its /sections cannot be handed
 * over at once, so a client that reads slowly keeps the request in flight. */
static const char *huge_article(void)
{
	size_t len;
	char *seed = read_file(src_path("data/articles/000_617779ec1d6cc40c.txt"), &len);
	const char *lede = strstr(seed, "Kim Jong-un left");
	const char *lede_end = strchr(lede, '\n');
	size_t ll = (size_t)(lede_end - lede), copies = (6u << 20) / (ll + 1);
	char *big = malloc(64 + copies * (ll + 1));
	size_t o = (size_t)sprintf(big, "A very long article\n\n");
	for (size_t i = 0; i < copies; i++) {
		memcpy(big + o, lede, ll);
		o += ll;
		big[o++] = ' ';
	}
	big[o++] = '\n';
	const char *path = write_file(test_dir, "huge.txt", big, o);
	free(seed);
	free(big);
	return path;
}

/* A response too large for the socket buffers, read slowly: the request
 * stays in flight while SIGTERM arrives. */
START_TEST(sigterm_finishes_the_request_in_flight)
{
	const char *path = huge_article();
	struct server s;
	const char *args[] = {"--data", path, "--log-format", "off", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	int fd = connect_small(&s, 4096);
	const char req[] = "GET /sections HTTP/1.1\r\nHost: x\r\n\r\n";
	ck_assert_int_eq(send(fd, req, sizeof req - 1, 0), (ssize_t)(sizeof req - 1));
	char buf[65536];
	ssize_t n = recv(fd, buf, 4096, 0); /* the headers and a little */
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	const char *cl = strstr(buf, "Content-Length: ");
	ck_assert_ptr_nonnull(cl);
	size_t expected = strtoul(cl + 16, NULL, 10);
	const char *start = strstr(buf, "\r\n\r\n");
	size_t got = (size_t)n - (size_t)(start + 4 - buf);
	ck_assert_int_gt(expected, 5000000); /* really too large for the buffers */
	kill(s.pid, SIGTERM);
	usleep(500000);
	ck_assert_msg(strstr(server_log(&s), "1 request in flight") != NULL, "log: %s",
		      server_log(&s));
	/* New connections are refused while the old one drains. */
	ck_assert_int_lt(connect_to(&s), 0);
	while (got < expected && (n = recv(fd, buf, sizeof buf, 0)) > 0)
		got += (size_t)n;
	close(fd);
	ck_assert_int_eq(got, expected);
	double t0 = now();
	int rc = server_stop(&s, 0, 10000); /* signal 0: just wait for the exit */
	ck_assert_int_eq(rc, 0);
	ck_assert_double_lt(now() - t0, 5.0);
	ck_assert(strstr(server_log(&s), "articled: stopped\n") != NULL);
}
END_TEST

START_TEST(sigterm_gives_up_after_the_shutdown_timeout)
{
	const char *path = huge_article();
	struct server s;
	const char *args[] = {"--data", path, "--log-format", "off", "--shutdown-timeout", "1", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	int fd = connect_small(&s, 4096);
	const char req[] = "GET /sections HTTP/1.1\r\nHost: x\r\n\r\n";
	send(fd, req, sizeof req - 1, 0);
	usleep(200000); /* it is in flight, and this client never reads */
	double t0 = now();
	kill(s.pid, SIGTERM);
	int rc = server_stop(&s, 0, 10000);
	double took = now() - t0;
	close(fd);
	ck_assert_int_eq(rc, 0);
	ck_assert_msg(took > 0.8 && took < 4.0, "stopped after %.2f s", took);
	ck_assert(strstr(server_log(&s), "cut short") != NULL);
}
END_TEST

struct slow_args {
	const struct server *srv;
	int fds[400];
	size_t n;
};

START_TEST(slow_clients_do_not_starve_others)
{
	struct server s;
	const char *args[] = {"--log-format", "off", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	/* 300 clients that send half a request and then nothing. */
	static int fds[300];
	for (int i = 0; i < 300; i++) {
		fds[i] = connect_to(&s);
		ck_assert_int_ge(fds[i], 0);
		const char half[] = "GET /sections HTTP/1.1\r\nHost: exam";
		send(fds[i], half, sizeof half - 1, 0);
	}
	usleep(200000);
	double t0 = now();
	struct http_response r;
	http_get(&s, "/healthz", &r);
	double took = now() - t0;
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(took < 1.0, "a normal request took %.3f s with 300 slow clients", took);
	printf("with 300 slow clients a normal request took %.1f ms\n", took * 1000);
	http_response_free(&r);
	for (int i = 0; i < 300; i++)
		close(fds[i]);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

START_TEST(idle_connections_time_out)
{
	struct server s;
	const char *args[] = {"--log-format", "off", "--timeout", "1", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	/* A request begun and never finished: a 408, then the close. */
	int fd = connect_to(&s);
	const char half[] = "GET /sections HTTP/1.1\r\n";
	send(fd, half, sizeof half - 1, 0);
	double t0 = now();
	char buf[1024];
	size_t got = 0;
	ssize_t n;
	while ((n = recv(fd, buf + got, sizeof buf - 1 - got, 0)) > 0) /* until the server closes */
		got += (size_t)n;
	double took = now() - t0;
	buf[got] = '\0';
	close(fd);
	ck_assert_msg(n == 0 && took > 0.5 && took < 4.0, "recv %zd after %.2f s", n, took);
	ck_assert_msg(strncmp(buf, "HTTP/1.1 408 ", 13) == 0, "answer: %s", buf);
	/* A connection that sends nothing is closed without a word. */
	fd = connect_to(&s);
	t0 = now();
	n = recv(fd, buf, sizeof buf, 0);
	took = now() - t0;
	close(fd);
	ck_assert_msg(n == 0 && took > 0.5 && took < 4.0, "idle: recv %zd after %.2f s", n, took);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

START_TEST(oversized_and_malformed_requests_get_4xx)
{
	struct server s;
	const char *args[] = {"--log-format", "off", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	/* A 20 KB URL. */
	size_t big = 20000;
	char *req = malloc(big + 100);
	memcpy(req, "GET /", 5);
	memset(req + 5, 'a', big);
	snprintf(req + 5 + big, 95, " HTTP/1.1\r\nHost: x\r\n\r\n");
	int status = raw_request(&s, req, strlen(req));
	ck_assert_msg(status == 414 || status == 431 || status == 413, "long URL: %d", status);
	/* A header flood: 200 headers of 100 bytes. */
	size_t o = (size_t)snprintf(req, big, "GET /sections HTTP/1.1\r\nHost: x\r\n");
	for (int i = 0; i < 150 && o + 120 < big; i++)
		o += (size_t)snprintf(req + o, big - o, "X-Flood-%03d: %090d\r\n", i, 0);
	o += (size_t)snprintf(req + o, big - o, "\r\n");
	status = raw_request(&s, req, o);
	ck_assert_msg(status == 431 || status == 413, "header flood: %d", status);
	free(req);
	/* Junk bytes, and a method nobody knows. */
	const char junk[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03junk\r\n\r\n";
	status = raw_request(&s, junk, sizeof junk - 1);
	ck_assert_msg(status == 0 || (status >= 400 && status < 500), "junk: %d", status);
	const char brew[] = "BREW /sections HTTP/1.1\r\nHost: x\r\n\r\n";
	ck_assert_int_eq(raw_request(&s, brew, sizeof brew - 1), 405);
	const char nohost[] = "GET /sections HTTP/1.1\r\n\r\n";
	ck_assert_int_eq(raw_request(&s, nohost, sizeof nohost - 1), 400);
	const char bad_version[] = "GET /sections HTTP/9.9\r\nHost: x\r\n\r\n";
	status = raw_request(&s, bad_version, sizeof bad_version - 1);
	ck_assert_msg(status == 505 || status == 400, "HTTP/9.9: %d", status);
	/* Still up, still right. */
	struct http_response r;
	http_get(&s, "/healthz", &r);
	ck_assert_int_eq(r.status, 200);
	http_response_free(&r);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

START_TEST(per_ip_connection_limit)
{
	struct server s;
	const char *args[] = {"--log-format", "off", "--max-connections-per-ip", "5", NULL};
	ck_assert_int_eq(server_start(&s, args), 0);
	int fds[5];
	for (int i = 0; i < 5; i++)
		fds[i] = connect_to(&s);
	usleep(100000);
	/* The sixth is accepted by the kernel and then closed by the server. */
	int fd = connect_to(&s);
	const char req[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
	send(fd, req, sizeof req - 1, MSG_NOSIGNAL);
	char buf[64];
	ssize_t n = recv(fd, buf, sizeof buf, 0);
	ck_assert_msg(n <= 0, "the sixth connection got an answer");
	close(fd);
	for (int i = 0; i < 5; i++)
		close(fds[i]);
	usleep(100000);
	struct http_response r;
	http_get(&s, "/healthz", &r);
	ck_assert_int_eq(r.status, 200);
	http_response_free(&r);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 15000), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ops");
	TCase *reload = tcase_create("reload");
	tcase_add_checked_fixture(reload, test_dir_make, test_dir_remove);
	tcase_set_timeout(reload, 60);
	tcase_add_test(reload, sighup_swaps_in_a_good_file_without_losing_requests);
	tcase_add_test(reload, sighup_keeps_the_old_article_when_the_file_is_broken);
	tcase_add_test(reload, sighup_keeps_the_old_article_when_the_file_is_gone);
	tcase_add_test(reload, watch_reloads_a_changed_file_by_itself);
	suite_add_tcase(s, reload);
	TCase *stop = tcase_create("shutdown");
	tcase_add_checked_fixture(stop, test_dir_make, test_dir_remove);
	tcase_set_timeout(stop, 60);
	tcase_add_test(stop, sigterm_finishes_the_request_in_flight);
	tcase_add_test(stop, sigterm_gives_up_after_the_shutdown_timeout);
	suite_add_tcase(s, stop);
	TCase *limits = tcase_create("limits");
	tcase_set_timeout(limits, 60);
	tcase_add_test(limits, slow_clients_do_not_starve_others);
	tcase_add_test(limits, idle_connections_time_out);
	tcase_add_test(limits, oversized_and_malformed_requests_get_4xx);
	tcase_add_test(limits, per_ip_connection_limit);
	suite_add_tcase(s, limits);
	return run_suite(s, true);
}
