/* loop.c - see loop.h. */
#include "loop.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "../api/status.h"
#include "../http/answer_cache.h"
#include "../http/respond.h"
#include "../http/router.h"
#include "deadline.h"
#include "guard.h"
#include "iplimit.h"
#include "rawreply.h"
#include "reqlog.h"
#include "stats.h"

/* IDLE_WAKE_MS: the longest a loop sleeps, so that late heads are swept
 * even when nothing happens. */
enum { MAX_LOOPS = 64, URI_MAX = 512, HEADER_COPY_MAX = 256, IDLE_WAKE_MS = 250 };

/* Answers kept per loop for repeated filtered queries: 64 of at most a few
 * tens of KB each bounds the memory it may take. */
enum { ANSWER_CACHE_SIZE = 64 };

/* The snapshot a loop serves, and how many of its requests still use it.
 * Only its loop touches it, so the counts need no atomics. */
struct lease {
	struct snapshot *snap; /* one reference, held by the lease */
	unsigned requests;
	bool retired;          /* the loop has moved on to a newer snapshot */
};

struct loop {
	pthread_t thread;
	struct MHD_Daemon *daemon;
	int epfd, wakefd;
	struct lease *current;
	unsigned long generation;
	unsigned in_flight;
	struct answer_cache cache; /* answers built per request, this loop's own */
	struct loop_stats stats;
	struct reqlog log;
	struct deadline_list heads; /* this loop's connections, for the head deadline */
	unsigned late_heads;        /* closed since the last log line about them */
	time_t late_logged;
	/* The slot on_accept took for the connection being accepted: handed
	 * to it when it opens, given back if it never does. */
	bool ip_pending;
	struct ip_key ip_pending_key;
};

/* Per connection, allocated when it opens, freed when it closes: requests
 * on a keep-alive connection reuse it, so a request allocates nothing. */
struct conn_ctx {
	struct loop *loop;
	struct deadline_entry deadline; /* its fd: the socket, for answers libmicrohttpd cannot send */
	struct lease *lease; /* while an answer is produced and sent, else NULL */
	unsigned handler_calls;
	struct timespec start, wall;
	struct served served;
	char client[INET6_ADDRSTRLEN];
	char uri[URI_MAX];
	char method[16];
	char version[16];
	char referer[HEADER_COPY_MAX];
	char agent[HEADER_COPY_MAX];
	bool has_referer, has_agent;
	bool line_seen; /* the current request's line arrived (on_uri) */
	bool bad_target; /* ... and its target has whitespace in it */
	bool ip_counted; /* holds a slot of --max-connections-per-ip for ip */
	struct ip_key ip;
	/* The body of a request whose route reads one (POST /parse), while it
	 * arrives: at most --max-parse-bytes, grown as it comes. */
	bool reading_body;
	char *body;
	size_t body_len, body_cap;
};

static struct loop loops[MAX_LOOPS];
static unsigned n_loops;
static const struct options *opts;
static const struct http_config *http; /* the headers of every answer */
static atomic_bool stopping;
static size_t cors_origin_len; /* of opts->cors_origin, in every answer's headers */

/* The bodies being received, in all loops, hold at most this many times
 * --max-parse-bytes together: each connection reading one holds its
 * buffer's size of the budget until the request is answered, so that
 * many slow posts cannot take the memory of --max-connections full
 * bodies. A post past the budget is refused 503, to be tried again. */
enum { BODY_BUDGET_BODIES = 32 };
static atomic_size_t body_bytes_held;

static bool body_hold(size_t n)
{
	size_t budget = (size_t)BODY_BUDGET_BODIES * opts->max_parse_bytes;
	size_t held = atomic_load_explicit(&body_bytes_held, memory_order_relaxed);
	do {
		if (n > budget - held)
			return false;
	} while (!atomic_compare_exchange_weak_explicit(&body_bytes_held, &held, held + n,
							memory_order_relaxed, memory_order_relaxed));
	return true;
}

/* Frees the connection's body buffer and gives its budget back. */
static void body_drop(struct conn_ctx *c)
{
	if (c->body_cap > 0)
		atomic_fetch_sub_explicit(&body_bytes_held, c->body_cap, memory_order_relaxed);
	free(c->body);
	c->body = NULL;
	c->body_len = c->body_cap = 0;
}

static void lease_release(struct lease *l)
{
	if (--l->requests == 0 && l->retired) {
		snapshot_release(l->snap);
		free(l);
	}
}

/* Between two turns of the loop: move to a newer snapshot if one is out.
 * Requests still running keep the old lease alive. */
static void pick_up_snapshot(struct loop *L)
{
	unsigned long g = snapshot_generation();
	if (g == L->generation)
		return;
	struct lease *fresh = calloc(1, sizeof *fresh);
	if (fresh == NULL)
		return; /* keep serving the old one; try again next turn */
	fresh->snap = snapshot_acquire();
	if (fresh->snap == NULL) {
		free(fresh);
		return;
	}
	fresh->requests = 1; /* the loop's own hold */
	struct lease *old = L->current;
	L->current = fresh;
	L->generation = g;
	answer_cache_clear(&L->cache); /* its answers came from the old catalog */
	if (old != NULL) {
		old->retired = true;
		lease_release(old);
	}
}

static uint64_t ns_between(const struct timespec *a, const struct timespec *b)
{
	return (uint64_t)(b->tv_sec - a->tv_sec) * 1000000000ULL + (uint64_t)(b->tv_nsec - a->tv_nsec);
}

static void copy_bounded(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static struct conn_ctx *ctx_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* Gives back a slot on_accept took for a connection that never opened. */
static void drop_pending_slot(struct loop *L)
{
	if (L->ip_pending) {
		iplimit_give(&L->ip_pending_key);
		L->ip_pending = false;
	}
}

/* libmicrohttpd's accept policy: a connection from an address that has
 * its --max-connections-per-ip, counted over all loops, is refused. The
 * connection opens (on_connection) in the same turn, or not at all. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
	struct loop *L = cls;
	drop_pending_slot(L);
	struct ip_key k = iplimit_key(addr, len);
	if (!iplimit_take(&k))
		return MHD_NO;
	L->ip_pending = true;
	L->ip_pending_key = k;
	return MHD_YES;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct loop *L = cls;
	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		struct conn_ctx *gone = *socket_context;
		if (gone != NULL) {
			deadline_untrack(&L->heads, &gone->deadline);
			if (gone->ip_counted)
				iplimit_give(&gone->ip);
			body_drop(gone);
		}
		free(gone);
		*socket_context = NULL;
		return;
	}
	/* Not calloc: most of it is buffers, filled before they are read. */
	struct conn_ctx *c = malloc(sizeof *c);
	*socket_context = c; /* NULL if out of memory: requests are then refused */
	bool counted = L->ip_pending;
	L->ip_pending = false;
	if (c == NULL) {
		if (counted)
			iplimit_give(&L->ip_pending_key);
		return;
	}
	c->loop = L;
	c->ip_counted = counted;
	c->ip = L->ip_pending_key;
	const union MHD_ConnectionInfo *fdi =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	deadline_track(&L->heads, &c->deadline, fdi ? fdi->connect_fd : -1, deadline_now_ms());
	c->line_seen = false;
	c->lease = NULL;
	c->handler_calls = 0;
	c->reading_body = false;
	c->body = NULL;
	c->body_len = c->body_cap = 0;
	c->uri[0] = c->method[0] = c->version[0] = c->client[0] = '\0';
	c->has_referer = c->has_agent = false;
	c->served = (struct served){.status = 0, .route = -1};
	if (opts->log_format == LOG_OFF)
		return; /* the client's address is only for the log */
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, c->client,
			  sizeof c->client);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, c->client,
			  sizeof c->client);
	else
		copy_bounded(c->client, sizeof c->client, "-");
}

/* Called with the request line, before the headers: the start of a
 * request, whether or not it reaches the handler (libmicrohttpd answers
 * some malformed requests itself). Its result becomes the request's
 * context. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	struct conn_ctx *c = ctx_of(conn);
	if (c == NULL)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &c->start);
	/* The target as sent, for the log. */
	copy_bounded(c->uri, sizeof c->uri, uri);
	if (opts->log_format != LOG_OFF)
		clock_gettime(CLOCK_REALTIME, &c->wall);
	c->handler_calls = 0;
	c->lease = NULL;
	c->served = (struct served){.status = 0, .route = -1};
	c->method[0] = c->version[0] = '\0';
	c->line_seen = true;
	c->bad_target = !guard_target_ok(uri);
	c->reading_body = false;
	c->body_len = 0;
	return c;
}

/* While a handler returns MHD_NO on purpose (it has written its answer
 * itself), the library's "internal error" line about it is not news. */
static _Thread_local bool closing_on_purpose;

/* Refuses the request before it is routed, and closes the connection:
 * with a queued problem+json when the connection's memory has room for
 * its headers, else written straight to the socket. */
static enum MHD_Result refuse(struct conn_ctx *c, struct MHD_Connection *conn, const char *method,
			      const char *url, const struct guard_verdict *v)
{
	c->served.route = -1;
	if (v->room_to_refuse)
		return respond_refusal(conn, http, v->status, v->detail, url, &c->served) == MHD_YES
			       ? MHD_YES
			       : MHD_NO;
	size_t bytes = 0;
	if (c->deadline.fd >= 0)
		rawreply_send(c->deadline.fd, v->status, v->detail, url, http,
			      strcmp(method, MHD_HTTP_METHOD_HEAD) == 0, &bytes);
	c->served.status = v->status;
	c->served.bytes = bytes;
	closing_on_purpose = true;
	return MHD_NO;
}

/* Room for cap bytes of body, held from the budget. false when the budget
 * or the memory is out. */
static bool grow_body(struct conn_ctx *c, size_t cap)
{
	if (cap <= c->body_cap)
		return true;
	if (!body_hold(cap - c->body_cap))
		return false;
	char *grown = realloc(c->body, cap);
	if (grown == NULL) {
		atomic_fetch_sub_explicit(&body_bytes_held, cap - c->body_cap, memory_order_relaxed);
		return false;
	}
	c->body = grown;
	c->body_cap = cap;
	return true;
}

/* Answers a request whose body is arriving, straight on its socket as a
 * late request is answered (rawreply.h), and closes the connection: the
 * rest of the body is never read. */
static enum MHD_Result refuse_body(struct conn_ctx *c, const char *url, int status,
				   const char *detail)
{
	size_t bytes = 0;
	if (c->deadline.fd >= 0)
		rawreply_send(c->deadline.fd, status, detail, url, http, false, &bytes);
	c->served.status = status;
	c->served.bytes = bytes;
	closing_on_purpose = true;
	return MHD_NO;
}

/* Starts reading the body of a request whose route reads one, once its
 * head is acceptable; else refuses it at once (415, 413), unread. */
static enum MHD_Result start_body(struct conn_ctx *c, struct MHD_Connection *conn,
				  const char *method, const char *url)
{
	struct guard_verdict v = {.room_to_refuse = true};
	v.status = router_check_body_head(conn, opts->max_parse_bytes, v.detail, sizeof v.detail);
	if (v.status != 0)
		return refuse(c, conn, method, url, &v);
	c->reading_body = true;
	body_drop(c);
	/* A body of known length is held and allocated at once. */
	const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	size_t want = length ? (size_t)strtoull(length, NULL, 10) : 0;
	if (want > 0 && !grow_body(c, want)) {
		v.status = STATUS_UNAVAILABLE;
		snprintf(v.detail, sizeof v.detail,
			 "the server is receiving too many articles at once; try again in a moment");
		return refuse(c, conn, method, url, &v);
	}
	/* The head stays under the deadline: a body must arrive as a head
	 * must, within --timeout, or the request is answered 408. */
	return MHD_YES;
}

/* Appends a piece of the body; past --max-parse-bytes (a chunked body
 * says its length only by ending) it is refused 413 and the connection
 * closed, the rest unread. */
static enum MHD_Result take_body(struct conn_ctx *c, const char *url, const char *data, size_t n)
{
	char detail[160];
	if (n > opts->max_parse_bytes - c->body_len) {
		snprintf(detail, sizeof detail, "the body is larger than the %u bytes this server takes",
			 opts->max_parse_bytes);
		return refuse_body(c, url, STATUS_CONTENT_TOO_LARGE, detail);
	}
	if (c->body_len + n > c->body_cap) {
		/* A chunked body: doubled as it comes, up to the limit. */
		size_t cap = c->body_cap ? c->body_cap : 16384;
		while (cap < c->body_len + n)
			cap *= 2;
		if (cap > opts->max_parse_bytes)
			cap = opts->max_parse_bytes;
		if (!grow_body(c, cap)) {
			snprintf(detail, sizeof detail, "the server is receiving too many articles at "
							"once; try again in a moment");
			return refuse_body(c, url, STATUS_UNAVAILABLE, detail);
		}
	}
	memcpy(c->body + c->body_len, data, n);
	c->body_len += n;
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **req_cls)
{
	struct loop *L = cls;
	struct conn_ctx *c = *req_cls;
	if (c == NULL)
		return MHD_NO; /* no memory for this connection: close it */
	if (c->handler_calls++ == 0) {
		/* The first call only announces the headers: the head is in. */
		bool body = router_reads_body(method, url);
		if (!body)
			deadline_answering(&c->deadline);
		if (opts->log_format != LOG_OFF) {
			copy_bounded(c->method, sizeof c->method, method);
			copy_bounded(c->version, sizeof c->version, version);
			if (opts->log_format == LOG_COMBINED) {
				const char *ref = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
									      "Referer");
				const char *ua = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
									     "User-Agent");
				c->has_referer = ref != NULL;
				c->has_agent = ua != NULL;
				if (ref)
					copy_bounded(c->referer, sizeof c->referer, ref);
				if (ua)
					copy_bounded(c->agent, sizeof c->agent, ua);
			}
		}
		struct guard_verdict v;
		guard_check(conn, method, version, opts->connection_memory, cors_origin_len, &v);
		if (v.status == 0 && c->bad_target) {
			v.status = 400;
			snprintf(v.detail, sizeof v.detail, "the request target has whitespace in it");
		}
		if (v.status != 0)
			return refuse(c, conn, method, url, &v);
		/* Answering now would make libmicrohttpd 0.9.75 drop keep-alive,
		 * so answer on the second call; except for methods with a body we
		 * will not read, where closing the connection is what we want. */
		if (guard_bodiless(method))
			return MHD_YES;
		if (body)
			return start_body(c, conn, method, url);
	}
	if (*upload_data_size != 0) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		/* Only a body a route reads is taken: another method with a body
		 * was answered with 405 on the first call, and libmicrohttpd
		 * discards its body then. */
		if (!c->reading_body || c->served.status != 0)
			return MHD_YES;
		return take_body(c, url, upload_data, n);
	}
	if (c->served.status != 0)
		return MHD_YES; /* already answered */
	if (c->reading_body) {
		c->reading_body = false; /* the body is in */
		deadline_answering(&c->deadline);
	}
	/* From here an answer is produced, then sent: the request holds its
	 * loop's catalog until it completes, and shutdown waits for it. */
	c->lease = L->current;
	c->lease->requests++;
	L->in_flight++;
	stats_add(&L->stats.in_flight, 1);
	const struct snapshot *snap = c->lease->snap;
	if (snap->catalog == NULL) {
		/* The first generation is still loading. */
		size_t loaded, total;
		snapshot_progress(&loaded, &total);
		c->served.route = -1;
		return respond_loading(conn, http, strcmp(url, "/healthz") == 0, loaded, total, url,
				       &c->served) == MHD_YES
			       ? MHD_YES
			       : MHD_NO;
	}
	struct serve_context ctx = {
		.catalog = snap->catalog, .ready = &snap->ready, .http = http, .cache = &L->cache};
	enum MHD_Result rc = router_serve(conn, &ctx, method, url, c->body, c->body_len,
					  &c->served) == MHD_YES
				     ? MHD_YES
				     : MHD_NO;
	/* The answer holds nothing of the body: its memory and budget go now. */
	body_drop(c);
	return rc;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
			 enum MHD_RequestTerminationCode code)
{
	struct loop *L = cls;
	(void)code;
	struct conn_ctx *c = *req_cls;
	if (c == NULL)
		return;
	*req_cls = NULL;
	body_drop(c); /* a body left by a request cut short */
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	/* Answered: the next request's head has --timeout from now. */
	deadline_ready(&c->deadline, (uint64_t)end.tv_sec * 1000 + (uint64_t)end.tv_nsec / 1000000);
	c->line_seen = false;
	int status = c->served.status;
	if (status == 0) { /* answered by libmicrohttpd itself, or not at all */
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_HTTP_STATUS);
		status = ci ? (int)ci->http_status : 0;
	}
	uint64_t ns = ns_between(&c->start, &end);
	if (opts->metrics)
		stats_record(&L->stats, c->served.route, c->served.scoped, status, ns, c->served.bytes);
	if (opts->log_format != LOG_OFF) {
		struct reqlog_entry e = {
			.client = c->client,
			.method = c->method[0] ? c->method : "-",
			.uri = c->uri,
			.version = c->version[0] ? c->version : "-",
			.status = status,
			.bytes = c->served.bytes,
			.seconds = (double)ns / 1e9,
			.referer = c->has_referer ? c->referer : NULL,
			.agent = c->has_agent ? c->agent : NULL,
			.when = c->wall,
		};
		reqlog_write(&L->log, &e);
	}
	if (c->lease != NULL) {
		lease_release(c->lease);
		c->lease = NULL;
		stats_add(&L->stats.in_flight, (uint64_t)-1);
		L->in_flight--;
	}
}

/* While a daemon starts, its messages are kept for our own error line
 * rather than printed: one line says what failed, and why. */
static _Thread_local bool starting;
static _Thread_local char start_error[256];

/* libmicrohttpd's own error messages, one line each, at most a few per
 * second: a flood of broken requests must not flood the log. */
static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (closing_on_purpose && strncmp(msg, "Application reported", 20) == 0) {
		closing_on_purpose = false;
		return;
	}
	if (starting) {
		snprintf(start_error, sizeof start_error, "%.*s", (int)strcspn(msg, "\n"), msg);
		return;
	}
	static _Thread_local time_t window;
	static _Thread_local unsigned count;
	time_t now = time(NULL);
	if (now != window) {
		window = now;
		count = 0;
	}
	if (++count > 5)
		return;
	fprintf(stderr, "articled: libmicrohttpd: %s\n", msg);
}

/* A connection whose request head did not arrive in time. If a request
 * had begun, it is answered 408 (the client may retry); an idle one is
 * closed without a word. */
static void on_late_head(struct deadline_entry *e, bool sending, void *cls)
{
	struct loop *L = cls;
	struct conn_ctx *c = (struct conn_ctx *)((char *)e - offsetof(struct conn_ctx, deadline));
	if (!sending && !c->line_seen)
		return;
	char detail[96];
	snprintf(detail, sizeof detail, "the request was not complete within %u s", opts->timeout);
	size_t bytes = 0;
	rawreply_send(e->fd, 408, detail, NULL, http, false, &bytes);
	/* With its line in, the request is logged and counted as it closes. */
	c->served.status = 408;
	c->served.bytes = bytes;
	L->late_heads++;
}

/* Closes the connections whose head is late; says so at most every 10 s. */
static void sweep_late_heads(struct loop *L)
{
	deadline_sweep(&L->heads, deadline_now_ms(), (uint64_t)opts->timeout * 1000, on_late_head, L);
	time_t now = time(NULL);
	if (L->late_heads > 0 && now - L->late_logged >= 10) {
		fprintf(stderr, "articled: answered 408 to %u request%s not complete within %u s\n",
			L->late_heads, L->late_heads == 1 ? "" : "s", opts->timeout);
		L->late_heads = 0;
		L->late_logged = now;
	}
}

static void *loop_main(void *arg)
{
	struct loop *L = arg;
	bool quiescing = false;
	struct timespec deadline = {0};
	for (;;) {
		if (atomic_load_explicit(&stopping, memory_order_acquire) && !quiescing) {
			/* In external mode the listening socket is ours to close at
			 * once: new connections are refused from now on. */
			MHD_socket listener = MHD_quiesce_daemon(L->daemon);
			if (listener != MHD_INVALID_SOCKET)
				close(listener);
			quiescing = true;
			clock_gettime(CLOCK_MONOTONIC, &deadline);
			deadline.tv_sec += opts->shutdown_timeout;
		}
		if (quiescing) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (L->in_flight == 0 || now.tv_sec > deadline.tv_sec ||
			    (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec))
				break;
		}
		pick_up_snapshot(L);
		sweep_late_heads(L);
		MHD_UNSIGNED_LONG_LONG mhd_timeout;
		int timeout = IDLE_WAKE_MS;
		if (MHD_get_timeout(L->daemon, &mhd_timeout) == MHD_YES && mhd_timeout < IDLE_WAKE_MS)
			timeout = (int)mhd_timeout;
		if (quiescing && timeout > 50)
			timeout = 50;
		if (timeout != 0)
			reqlog_flush(&L->log); /* about to wait: nothing is lost by writing now */
		struct epoll_event ev[2];
		int n = epoll_wait(L->epfd, ev, 2, timeout);
		for (int i = 0; i < n; i++) {
			if (ev[i].data.fd == L->wakefd) {
				uint64_t v;
				if (read(L->wakefd, &v, sizeof v) < 0 && errno != EAGAIN)
					break;
			}
		}
		MHD_run(L->daemon);
		drop_pending_slot(L);
	}
	reqlog_flush(&L->log);
	return NULL;
}

/* Resolves host (numeric, or a name such as localhost) for binding. */
static int resolve(const char *host, unsigned port, struct sockaddr_storage *ss, socklen_t *len,
		   char *err, size_t errlen)
{
	struct addrinfo hints = {.ai_flags = AI_PASSIVE, .ai_socktype = SOCK_STREAM};
	struct addrinfo *res = NULL;
	char service[8];
	snprintf(service, sizeof service, "%u", port);
	int rc = getaddrinfo(host, service, &hints, &res);
	if (rc != 0 || res == NULL) {
		snprintf(err, errlen, "--host %s: %s", host, gai_strerror(rc));
		return -1;
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static int start_one(struct loop *L, struct sockaddr_storage *addr, bool reuse, char *err,
		     size_t errlen)
{
	/* TURBO: read, write and accept before asking epoll whether they would
	 * block. Measured here: +10-25% requests/s keep-alive, +10% with a new
	 * connection per request, in alternating runs against the same build
	 * without it. */
	unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
	if (addr->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	L->epfd = L->wakefd = -1; /* not open yet: close_loop skips them */
	unsigned per_loop_conns = opts->max_connections / n_loops;
	if (per_loop_conns == 0)
		per_loop_conns = 1;
	reqlog_init(&L->log, opts->log_format);
	if (answer_cache_init(&L->cache, ANSWER_CACHE_SIZE) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* Options as an array: which ones apply depends on the configuration.
	 * The logger comes first, or libmicrohttpd logs its own way about the
	 * options before it. */
	struct MHD_OptionItem items[20];
	size_t n = 0;
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)on_mhd_error, L};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, addr};
	/* Only ask for SO_REUSEPORT when loops share the port: an explicit 0
	 * would also drop SO_REUSEADDR and make restarts fail on TIME_WAIT. */
	if (reuse)
		items[n++] = (struct MHD_OptionItem){MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, NULL};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT, per_loop_conns, NULL};
	/* Idle connections and late heads are closed by our sweep at
	 * --timeout (deadline.h); libmicrohttpd's idle timer, a second later
	 * so that it never closes first and silently, is left with answers
	 * that stopped moving. */
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT, opts->timeout + 1, NULL};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT,
					     (intptr_t)opts->connection_memory, NULL};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, NULL};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, L};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, L};
	/* Percent-decoding that keeps %00 from cutting a path or value. */
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_UNESCAPE_CALLBACK,
					     (intptr_t)router_unescape, NULL};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, L};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_SIGPIPE_HANDLED_BY_APP, 1, NULL};
	/* Not strict: libmicrohttpd 0.9.75's strict mode only refuses a
	 * request without Host (with its 400 written twice) and closes on a
	 * space in the target without a word; guard.c checks both, and what
	 * strict mode misses (whitespace before a colon). */
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_STRICT_FOR_CLIENT, 0, NULL};
	items[n++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	starting = true;
	start_error[0] = '\0';
	/* The per-IP limit is ours (iplimit.h): libmicrohttpd's counts per loop. */
	L->daemon = MHD_start_daemon(flags, 0, opts->max_connections_per_ip ? on_accept : NULL, L,
				     on_request, L, MHD_OPTION_ARRAY, items, MHD_OPTION_END);
	starting = false;
	if (L->daemon == NULL) {
		char host[INET6_ADDRSTRLEN] = "?";
		unsigned port = 0;
		if (addr->ss_family == AF_INET) {
			inet_ntop(AF_INET, &((struct sockaddr_in *)addr)->sin_addr, host, sizeof host);
			port = ntohs(((struct sockaddr_in *)addr)->sin_port);
		} else {
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)addr)->sin6_addr, host, sizeof host);
			port = ntohs(((struct sockaddr_in6 *)addr)->sin6_port);
		}
		/* libmicrohttpd says "Failed to bind to port 0: Address already in
		 * use": the part after the last colon is the reason. */
		const char *why = strrchr(start_error, ':');
		snprintf(err, errlen, "cannot listen on %s port %u: %s", host, port,
			 why ? why + 2 : "the address is in use or not of this machine");
		return -1;
	}
	L->epfd = epoll_create1(EPOLL_CLOEXEC);
	L->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (L->epfd < 0 || L->wakefd < 0) {
		snprintf(err, errlen, "cannot set up the event loop: %s", strerror(errno));
		return -1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(L->daemon, MHD_DAEMON_INFO_EPOLL_FD);
	if (di == NULL) {
		snprintf(err, errlen, "cannot set up the event loop: libmicrohttpd gives no epoll "
				      "descriptor");
		return -1;
	}
	struct epoll_event mev = {.events = EPOLLIN, .data.fd = di->epoll_fd};
	struct epoll_event wev = {.events = EPOLLIN, .data.fd = L->wakefd};
	if (epoll_ctl(L->epfd, EPOLL_CTL_ADD, di->epoll_fd, &mev) != 0 ||
	    epoll_ctl(L->epfd, EPOLL_CTL_ADD, L->wakefd, &wev) != 0) {
		snprintf(err, errlen, "cannot set up the event loop: %s", strerror(errno));
		return -1;
	}
	pick_up_snapshot(L);
	if (L->current == NULL) {
		snprintf(err, errlen, "no articles published before starting");
		return -1;
	}
	stats_register(&L->stats);
	return 0;
}

/* Stops and frees one loop whose thread is not running (never started,
 * or joined): closes its connections, which runs their completion
 * callbacks on this thread. Safe on a loop start_one left half set up. */
static void close_loop(struct loop *L)
{
	if (L->daemon)
		MHD_stop_daemon(L->daemon);
	reqlog_flush(&L->log);
	if (L->epfd >= 0)
		close(L->epfd);
	if (L->wakefd >= 0)
		close(L->wakefd);
	if (L->current != NULL) {
		L->current->retired = true;
		lease_release(L->current);
	}
	answer_cache_free(&L->cache);
	memset(L, 0, sizeof *L);
	L->epfd = L->wakefd = -1;
}

/* Makes the first n loops look at the snapshot and the stop flag now. */
static void wake_loops(unsigned n)
{
	uint64_t one = 1;
	for (unsigned i = 0; i < n; i++)
		if (write(loops[i].wakefd, &one, sizeof one) < 0 && errno != EAGAIN)
			fprintf(stderr, "articled: cannot wake a serving thread: %s\n", strerror(errno));
}

/* Tells the first n loops to stop and waits for their threads. */
static void join_loops(unsigned n)
{
	atomic_store_explicit(&stopping, true, memory_order_release);
	wake_loops(n);
	for (unsigned i = 0; i < n; i++)
		pthread_join(loops[i].thread, NULL);
}

int loops_start(const struct options *o, const struct http_config *h, unsigned *port, char *err,
		size_t errlen)
{
	opts = o;
	http = h;
	cors_origin_len = o->cors_origin ? strlen(o->cors_origin) : 0;
	atomic_store(&stopping, false);
	n_loops = o->threads < MAX_LOOPS ? o->threads : MAX_LOOPS;
	struct sockaddr_storage addr;
	socklen_t len;
	if (resolve(o->host, o->port, &addr, &len, err, errlen) != 0)
		return -1;
	iplimit_init(o->max_connections_per_ip);
	for (unsigned i = 0; i < n_loops; i++) {
		/* Several loops share one port; the kernel spreads connections. */
		int rc = start_one(&loops[i], &addr, n_loops > 1, err, errlen);
		if (rc == 0 && i == 0) {
			const union MHD_DaemonInfo *di =
				MHD_get_daemon_info(loops[0].daemon, MHD_DAEMON_INFO_BIND_PORT);
			if (di == NULL || di->port == 0) {
				snprintf(err, errlen, "cannot learn which port was bound");
				rc = -1;
			} else {
				*port = di->port;
				/* Port 0 chose one: the other loops must bind the same. */
				if (addr.ss_family == AF_INET)
					((struct sockaddr_in *)&addr)->sin_port = htons((uint16_t)*port);
				else
					((struct sockaddr_in6 *)&addr)->sin6_port = htons((uint16_t)*port);
			}
		}
		if (rc != 0) {
			for (unsigned k = 0; k <= i; k++)
				close_loop(&loops[k]);
			n_loops = 0;
			iplimit_free();
			return -1;
		}
	}
	for (unsigned i = 0; i < n_loops; i++) {
		/* pthread_create returns its error; it does not set errno. */
		int rc = pthread_create(&loops[i].thread, NULL, loop_main, &loops[i]);
		if (rc != 0) {
			snprintf(err, errlen, "cannot start serving thread %u of %u: %s", i + 1, n_loops,
				 strerror(rc));
			/* The threads already running stop the normal way, then
			 * every loop, running or not, is closed. */
			join_loops(i);
			for (unsigned k = 0; k < n_loops; k++)
				close_loop(&loops[k]);
			n_loops = 0;
			iplimit_free();
			return -1;
		}
	}
	return 0;
}

void loops_wake(void)
{
	wake_loops(n_loops);
}

unsigned long loops_in_flight(void)
{
	unsigned long n = 0;
	for (unsigned i = 0; i < n_loops; i++)
		n += atomic_load_explicit(&loops[i].stats.in_flight, memory_order_relaxed);
	return n;
}

bool loops_stop(void)
{
	join_loops(n_loops);
	bool clean = true;
	for (unsigned i = 0; i < n_loops; i++) {
		clean = clean && loops[i].in_flight == 0;
		/* Closes idle keep-alive connections and whatever did not finish
		 * (their completion callbacks run now, on this thread). */
		close_loop(&loops[i]);
	}
	n_loops = 0;
	iplimit_free();
	return clean;
}
