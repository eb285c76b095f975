/* deadline.h - the time a connection has to deliver a request's head.
 *
 * libmicrohttpd 0.9.75 only closes connections that are idle: a client
 * that sends a header byte now and then keeps its connection, and its slot
 * under --max-connections, for as long as it likes. Here a connection must
 * deliver a complete request head within the limit of becoming ready for
 * one (of being opened, or of its previous answer being sent); a loop
 * sweeps its connections a few times a second and closes the late ones.
 * While an answer is being produced or sent the deadline does not apply
 * (libmicrohttpd's idle timeout does). The same sweep closes connections
 * whose client has gone while no answer was due, which libmicrohttpd can
 * miss (see deadline.c).
 */
#ifndef ARTICLED_DEADLINE_H
#define ARTICLED_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

struct deadline_entry {
	struct deadline_entry *prev, *next;
	uint64_t ready_ms; /* when it became ready for a request; 0: answering, or closed */
	int fd;
};

/* One loop's connections. Only its own thread touches it. */
struct deadline_list {
	struct deadline_entry *head;
	uint64_t next_sweep_ms;
};

/* Milliseconds of CLOCK_MONOTONIC. */
uint64_t deadline_now_ms(void);

/* Starts tracking a connection just opened (ready for its first request). */
void deadline_track(struct deadline_list *l, struct deadline_entry *e, int fd, uint64_t now_ms);
void deadline_untrack(struct deadline_list *l, struct deadline_entry *e);

/* The head is complete: an answer is on its way. */
static inline void deadline_answering(struct deadline_entry *e)
{
	e->ready_ms = 0;
}

/* The answer is sent: the next request's head starts its clock. */
static inline void deadline_ready(struct deadline_entry *e, uint64_t now_ms)
{
	e->ready_ms = now_ms ? now_ms : 1;
}

/* If a sweep is due, closes every connection ready for longer than
 * limit_ms: first calls late(e, sending, cls), where sending says whether
 * bytes of a request arrived since it became ready (an answer may then be
 * written to e->fd), then shuts the socket down so that libmicrohttpd
 * closes the connection on its next turn. Ready connections whose client
 * has closed its side are shut down too. Returns how many it closed. */
unsigned deadline_sweep(struct deadline_list *l, uint64_t now_ms, uint64_t limit_ms,
			void (*late)(struct deadline_entry *e, bool sending, void *cls), void *cls);

#endif
