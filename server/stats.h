/* stats.h - request counters of one serving loop, for /metrics.
 *
 * Each loop writes only its own counters (relaxed loads and stores, no
 * read-modify-write instructions), so counting costs a few plain stores
 * per request; /metrics adds the loops' counters up when it is read.
 */
#ifndef ARTICLED_STATS_H
#define ARTICLED_STATS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../api/status.h"
#include "../http/routes.h"

enum {
	STATS_ROUTES = ROUTE_COUNT + 1,     /* the route table's, and "unmatched" */
	STATS_STATUSES = STATUS_COUNT + 1,  /* the status table's, and any other */
	STATS_BUCKETS = 14,                 /* latency histogram buckets, +Inf excluded */
};

extern const double stats_bucket_bounds[STATS_BUCKETS]; /* seconds */

struct loop_stats {
	atomic_uint_fast64_t requests[STATS_ROUTES][2][STATS_STATUSES]; /* [route][scoped][status] */
	atomic_uint_fast64_t buckets[STATS_ROUTES][STATS_BUCKETS + 1];  /* last: +Inf */
	atomic_uint_fast64_t duration_ns[STATS_ROUTES];
	atomic_uint_fast64_t bytes;
	atomic_uint_fast64_t in_flight;
};

/* Records one answered request. route is -1 when none matched. */
void stats_record(struct loop_stats *s, int route, bool scoped, int status, uint64_t ns,
		  size_t bytes);

/* Single-writer increment: a load and a store, which a reader on another
 * thread sees whole. */
static inline void stats_add(atomic_uint_fast64_t *c, uint64_t n)
{
	atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + n,
			      memory_order_relaxed);
}

/* Process-wide counts kept by the main thread. */
void stats_count_reload(bool ok);

/* Renders the Prometheus text exposition of every loop's counters and the
 * catalog's facts (malloc'd). */
struct catalog;
char *stats_render(const struct catalog *c, size_t *len);

/* The loops' counters, registered by the loops as they start. */
void stats_register(struct loop_stats *s);

#endif
