/* deadline.c - see deadline.h. */
#include "deadline.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <sys/socket.h>
#include <time.h>

/* A sweep four times a second: a late head is closed within a quarter of
 * a second of its deadline, at the cost of a walk over the connections. */
enum { SWEEP_EVERY_MS = 250 };

uint64_t deadline_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

void deadline_track(struct deadline_list *l, struct deadline_entry *e, int fd, uint64_t now_ms)
{
	e->fd = fd;
	deadline_ready(e, now_ms);
	e->prev = NULL;
	e->next = l->head;
	if (l->head != NULL)
		l->head->prev = e;
	l->head = e;
}

void deadline_untrack(struct deadline_list *l, struct deadline_entry *e)
{
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		l->head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	e->prev = e->next = NULL;
}

/* Did request bytes arrive in the last since_ms milliseconds? The kernel
 * knows when data last came in, even after libmicrohttpd has read it. Its
 * clock ticks in jiffies (up to 10 ms), and a connection that never sent
 * anything counts from its handshake, just before it was accepted: bytes
 * in the first CLOCK_GRAIN_MS do not count. */
enum { CLOCK_GRAIN_MS = 50 };

static bool data_within(int fd, uint64_t since_ms)
{
	struct tcp_info info;
	socklen_t len = sizeof info;
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0)
		return false;
	return (uint64_t)info.tcpi_last_data_recv + CLOCK_GRAIN_MS < since_ms;
}

/* Has the client closed its side, with nothing left unread? In epoll mode
 * libmicrohttpd 0.9.75 takes a read shorter than its buffer to mean the
 * socket is drained, and waits for the next edge; when the client's FIN
 * came with its last bytes there is none, and the connection would stay
 * open until a timer closed it. */
static bool client_gone(int fd)
{
	char byte;
	return recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

unsigned deadline_sweep(struct deadline_list *l, uint64_t now_ms, uint64_t limit_ms,
			void (*late)(struct deadline_entry *e, bool sending, void *cls), void *cls)
{
	if (now_ms < l->next_sweep_ms)
		return 0;
	l->next_sweep_ms = now_ms + SWEEP_EVERY_MS;
	unsigned closed = 0;
	for (struct deadline_entry *e = l->head; e != NULL; e = e->next) {
		if (e->ready_ms == 0 || e->fd < 0)
			continue;
		bool is_late = now_ms - e->ready_ms >= limit_ms;
		if (!is_late && !client_gone(e->fd))
			continue;
		if (is_late)
			late(e, data_within(e->fd, now_ms - e->ready_ms), cls);
		shutdown(e->fd, SHUT_RDWR);
		e->ready_ms = 0; /* closed: libmicrohttpd sees the end on its next turn */
		closed++;
	}
	return closed;
}
