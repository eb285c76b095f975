/* fuzz_http.c - libFuzzer harness for whole requests on the wire: raw
 * bytes through libmicrohttpd into the server's own loop, guard and
 * handlers.
 *
 * LLVMFuzzerInitialize starts the real server in this process, as
 * server/main.c does (built-in tables and article, one serving loop on
 * 127.0.0.1 and a free port, --connection-memory 4096 and
 * --max-parse-bytes 2048 so that inputs of a few KB reach every size
 * limit, POST /parse's too, --timeout 1). Each input is sent as is on
 * a new loopback connection, which is then half-closed; the answer is read
 * until the server closes, or until it has stopped in a complete response
 * for 10 ms (libmicrohttpd can miss a client's end of file, which the
 * server's sweep then notices within 250 ms: no need to wait for that).
 *
 * Invariants (abort() on violation): the server closes the connection
 * within 5 s (nothing hangs); what it sends is a sequence of responses,
 * each "HTTP/1.1 NNN" with a status from the set the service uses (never
 * a 500 or 503), headers ended by an empty line, and a body of exactly its
 * Content-Length; nothing follows a response with "Connection: close";
 * every problem+json body is JSON whose "status" is the response's; and
 * there are no more responses than request lines could be in the input.
 *
 * One known defect of libmicrohttpd 0.9.75 is let through: when it fails a
 * request while reading its headers (a Content-Length it cannot parse, a
 * Cookie header whose copy does not fit in the pool), it queues its own
 * error and then writes that response's header twice: the state machine
 * goes on as if the headers were fine. This happens before the server's
 * code sees the request; the client still reads the status and a close.
 * Such a response is recognised by its lack of the server's own headers
 * and its body starting with its own status line again.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../handlers/resources.h"
#include "../parser/tables.h"
#include "../server/loop.h"
#include "../server/options.h"
#include "../server/snapshot.h"
#include "../server/stats.h"

#define FUZZ_HARNESS "fuzz_http"
#include "fuzz_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct options opts;
static struct tables tables;
static const struct http_config http = {.server = "articled/fuzz", .cors_origin = "*"};
static unsigned port;

static void die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_http: %s: %s\n", what, why);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char *args[] = {"articled", "--host", "127.0.0.1", "--port", "0", "--log-format", "off",
			"--connection-memory", "4096", "--timeout", "1", "--max-parse-bytes", "2048",
			NULL};
	char err[1024];
	if (options_parse(&opts, 13, args, stdout, err, sizeof err) != OPTIONS_OK)
		die("options", err);
	if (tables_load(&tables, NULL, err, sizeof err) != 0)
		die("tables_load", err);
	struct snapshot *s = snapshot_load(&opts, &tables, &http, 1, err, sizeof err);
	if (s == NULL)
		die("snapshot_load", err);
	snapshot_publish(s);
	metrics_set_renderer(stats_render);
	if (loops_start(&opts, &http, &port, err, sizeof err) != 0)
		die("loops_start", err);
	return 0;
}

static const int statuses[] = {200, 204, 304, 400, 404, 405, 408, 413, 414, 415, 422, 431, 501, 505};

static bool known_status(int status)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i] == status)
			return true;
	return false;
}

/* The value of header name within [head, end), or NULL. */
static const char *header_in(const char *head, const char *end, const char *name)
{
	size_t nl = strlen(name);
	for (const char *h = strstr(head, "\r\n"); h != NULL && h < end; h = strstr(h + 2, "\r\n"))
		if (strncasecmp(h + 2, name, nl) == 0 && h[2 + nl] == ':')
			return h + 3 + nl;
	return NULL;
}

/* Request lines the input could hold: one per line break, at most. */
static size_t max_requests(const uint8_t *data, size_t size)
{
	size_t n = 1;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n;
}

/* Is the first request a HEAD? libmicrohttpd skips empty lines before it. */
static bool first_is_head(const uint8_t *data, size_t size)
{
	size_t i = 0;
	while (i < size && (data[i] == '\r' || data[i] == '\n'))
		i++;
	return size - i >= 5 && memcmp(data + i, "HEAD ", 5) == 0;
}

/* truncated: the answer was longer than the buffer, and cut there. */
static void check_answer(const char *a, size_t len, bool truncated, const uint8_t *data,
			 size_t size)
{
	/* With a HEAD anywhere, a response may lack the body its
	 * Content-Length names: only the first response is read then. */
	bool any_head = memmem(data, size, "HEAD", 4) != NULL;
	size_t at = 0, responses = 0;
	while (at < len) {
		if (truncated && len - at < 65536)
			break; /* the last response may be cut */
		const char *r = a + at;
		CHECK(len - at >= 12 && strncmp(r, "HTTP/1.", 7) == 0 && r[8] == ' ',
		      "response %zu does not start with a status line: %.80s", responses, r);
		int status = atoi(r + 9);
		CHECK(known_status(status), "status %d", status);
		const char *end = memmem(r, len - at, "\r\n\r\n", 4);
		CHECK(end != NULL, "response %zu: headers never end", responses);
		responses++;
		CHECK(responses <= max_requests(data, size), "%zu responses to %zu request lines",
		      responses, max_requests(data, size));
		const char *cl = header_in(r, end, "Content-Length");
		size_t body_len = cl ? strtoul(cl, NULL, 10) : 0;
		const char *body = end + 4;
		size_t line_len = (size_t)(strstr(r, "\r\n") - r);
		if (header_in(r, end, "Server") == NULL && strncmp(body, r, line_len) == 0)
			break; /* libmicrohttpd's doubled error header, see above */
		bool bodiless = status == 204 || status == 304 ||
				(responses == 1 && first_is_head(data, size));
		size_t left = len - (size_t)(body - a);
		if (!bodiless) {
			CHECK(body_len <= left, "response %zu: Content-Length %zu, %zu bytes left",
			      responses, body_len, left);
			const char *ct = header_in(r, end, "Content-Type");
			if (ct != NULL && strncmp(ct, " application/problem+json", 25) == 0) {
				json_error_t e;
				json_t *j = json_loadb(body, body_len, 0, &e);
				CHECK(j != NULL, "problem+json body does not parse: %s", e.text);
				CHECK(json_integer_value(json_object_get(j, "status")) == status,
				      "problem status differs from %d", status);
				json_decref(j);
			}
		}
		at = (size_t)(body - a) + (bodiless ? 0 : body_len);
		/* libmicrohttpd's own refusal (it has no Server header of ours)
		 * of a head it could not take in, a request line too long say,
		 * carries its body although the line began with HEAD: the
		 * method was never read. With a HEAD it read, it sends none. */
		if (bodiless && status != 204 && status != 304 &&
		    header_in(r, end, "Server") == NULL && left == body_len)
			at += body_len;
		const char *conn = header_in(r, end, "Connection");
		if (conn != NULL && strncasecmp(conn, " close", 6) == 0)
			CHECK(at == len, "%zu bytes after a response with Connection: close", len - at);
		if (any_head)
			break;
	}
}

/* Does the answer end where a response does (or is it empty)? Read by the
 * rules of check_answer, without its checks. */
static bool answer_complete(const char *a, size_t len, const uint8_t *data, size_t size)
{
	size_t at = 0;
	for (int responses = 1; at < len; responses++) {
		const char *r = a + at;
		const char *end = memmem(r, len - at, "\r\n\r\n", 4);
		if (end == NULL)
			return false;
		const char *cl = header_in(r, end, "Content-Length");
		size_t body_len = cl ? strtoul(cl, NULL, 10) : 0;
		int status = atoi(r + 9);
		bool bodiless = status == 204 || status == 304 ||
				(responses == 1 && first_is_head(data, size));
		at = (size_t)(end + 4 - a) + (bodiless ? 0 : body_len);
		if (memmem(data, size, "HEAD", 4) != NULL)
			return at <= len;
	}
	return at == len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(fd >= 0, "socket: %s", strerror(errno));
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	struct timeval tv = {.tv_sec = 5};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	/* libFuzzer's timer (SIGALRM) interrupts system calls now and then. */
	int rc = connect(fd, (struct sockaddr *)&addr, sizeof addr);
	if (rc != 0 && errno == EINTR) { /* the connection goes on: wait for it */
		struct pollfd p = {.fd = fd, .events = POLLOUT};
		while (poll(&p, 1, 5000) < 0 && errno == EINTR)
			;
		int err = 0;
		socklen_t len = sizeof err;
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		errno = err;
		rc = err ? -1 : 0;
	}
	CHECK(rc == 0, "connect: %s", strerror(errno));
	/* The server may answer and close before all is sent: that is fine. */
	for (size_t off = 0; off < size;) {
		ssize_t n = send(fd, data + off, size - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	shutdown(fd, SHUT_WR);
	/* Pipelined requests for the larger documents can make megabytes:
	 * what does not fit is read and dropped. */
	static char answer[4 << 20], drain[65536];
	size_t len = 0;
	bool truncated = false;
	for (;;) {
		bool complete = !truncated && answer_complete(answer, len, data, size);
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int ready = poll(&pfd, 1, complete ? 10 : 5000);
		if (ready < 0 && errno == EINTR)
			continue; /* libFuzzer's timer */
		if (ready == 0 && complete)
			break;
		CHECK(ready > 0, "the server neither finished its answer nor closed within 5 s");
		char *to = truncated ? drain : answer + len;
		size_t room = truncated ? sizeof drain : sizeof answer - 1 - len;
		ssize_t n = recv(fd, to, room, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || (n < 0 && errno == ECONNRESET))
			break;
		CHECK(n > 0, "recv: %s", strerror(errno));
		if (!truncated) {
			len += (size_t)n;
			truncated = len == sizeof answer - 1;
		}
	}
	answer[len] = '\0';
	close(fd);
	check_answer(answer, len, truncated, data, size);
	return 0;
}
