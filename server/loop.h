/* loop.h - the serving loops: each thread runs its own libmicrohttpd daemon
 * in external epoll mode, on one port shared with SO_REUSEPORT.
 *
 * Why this mode: measured on 2 cores with libmicrohttpd 0.9.75, an
 * external epoll loop was the fastest mode, and the library's internal
 * epoll thread stalls with 128 or more busy keep-alive connections (it
 * blocks in epoll_wait while connections it has not served yet remain).
 * Our loop calls MHD_run, which never blocks, and waits in its own
 * epoll_wait, which sees those connections as still ready.
 *
 * Around the library: each request's head is checked before it is routed
 * (guard.h), late heads and gone clients are swept (deadline.h), and the
 * per-IP limit is counted for all loops at once (iplimit.h).
 */
#ifndef ARTICLED_LOOP_H
#define ARTICLED_LOOP_H

#include <stdbool.h>

#include "../http/response_headers.h"
#include "options.h"
#include "snapshot.h"

/* Binds and starts o->threads loops serving the published snapshot, with
 * the headers of http in every answer (both must outlive the loops).
 * Returns 0 with the bound port in *port, or -1 with a message in err
 * (the address is taken, not an address, ...). */
int loops_start(const struct options *o, const struct http_config *http, unsigned *port, char *err,
		size_t errlen);

/* Tells every loop to pick up a newly published snapshot. */
void loops_wake(void);

/* Requests being answered now, in all loops (for a log line). */
unsigned long loops_in_flight(void);

/* Stops accepting, lets requests in flight finish for up to
 * o->shutdown_timeout seconds, then closes everything. Returns true if
 * every request finished in time. */
bool loops_stop(void);

#endif
