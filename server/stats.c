/* stats.c - the counters of stats.h, and /metrics in the Prometheus text
 * exposition format (version 0.0.4): one series per route of the route
 * table and status of the status table. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../served/catalog.h"
#include "stats.h"

const double stats_bucket_bounds[STATS_BUCKETS] = {0.00005, 0.0001, 0.00025, 0.0005, 0.001,
						   0.0025,  0.005,  0.01,    0.025,  0.05,
						   0.1,     0.25,   0.5,     1.0};

enum { MAX_LOOPS = 64 };
static struct loop_stats *loops[MAX_LOOPS];
static atomic_size_t n_loops;
static atomic_uint_fast64_t reloads, reload_failures;

void stats_register(struct loop_stats *s)
{
	size_t i = atomic_fetch_add(&n_loops, 1);
	if (i < MAX_LOOPS)
		loops[i] = s;
}

void stats_count_reload(bool ok)
{
	atomic_fetch_add(ok ? &reloads : &reload_failures, 1);
}

void stats_record(struct loop_stats *s, int route, bool scoped, int status, uint64_t ns,
		  size_t bytes)
{
	size_t r = route < 0 || route >= ROUTE_COUNT ? ROUTE_COUNT : (size_t)route;
	size_t k = status_slot(status); /* STATUS_COUNT: any other */
	stats_add(&s->requests[r][scoped][k], 1);
	size_t b = 0;
	double seconds = (double)ns / 1e9;
	while (b < STATS_BUCKETS && seconds > stats_bucket_bounds[b])
		b++;
	stats_add(&s->buckets[r][b], 1);
	stats_add(&s->duration_ns[r], ns);
	stats_add(&s->bytes, bytes);
}

struct text {
	char *s;
	size_t len, cap;
	bool failed;
};

static void put(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct text *t, const char *fmt, ...)
{
	if (t->failed)
		return;
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->failed = true;
			return;
		}
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		size_t cap = t->cap * 2 + (size_t)n;
		char *s = realloc(t->s, cap);
		if (s == NULL) {
			t->failed = true;
			return;
		}
		t->s = s;
		t->cap = cap;
	}
}

static uint64_t load(const atomic_uint_fast64_t *c)
{
	return atomic_load_explicit(c, memory_order_relaxed);
}

char *stats_render(const struct catalog *c, size_t *len)
{
	struct text t = {.cap = 8192};
	t.s = malloc(t.cap);
	if (t.s == NULL)
		return NULL;
	size_t nl = atomic_load(&n_loops);
	if (nl > MAX_LOOPS)
		nl = MAX_LOOPS;

	put(&t, "# HELP articled_requests_total Requests answered, by route and status.\n"
		"# TYPE articled_requests_total counter\n");
	for (size_t r = 0; r < STATS_ROUTES; r++) {
		for (int scoped = 0; scoped < 2; scoped++) {
			for (size_t k = 0; k < STATS_STATUSES; k++) {
				uint64_t n = 0;
				for (size_t l = 0; l < nl; l++)
					n += load(&loops[l]->requests[r][scoped][k]);
				if (n == 0)
					continue;
				char status[8];
				if (k < STATUS_COUNT)
					snprintf(status, sizeof status, "%d", status_table[k].code);
				else
					snprintf(status, sizeof status, "other");
				put(&t, "articled_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
				    route_metric_label(r, scoped), status, (unsigned long long)n);
			}
		}
	}
	put(&t, "# HELP articled_request_duration_seconds Time from the request line to the "
		"last byte of the answer.\n"
		"# TYPE articled_request_duration_seconds histogram\n");
	for (size_t r = 0; r < STATS_ROUTES; r++) {
		uint64_t counts[STATS_BUCKETS + 1] = {0}, total = 0, ns = 0;
		for (size_t l = 0; l < nl; l++) {
			for (size_t b = 0; b <= STATS_BUCKETS; b++)
				counts[b] += load(&loops[l]->buckets[r][b]);
			ns += load(&loops[l]->duration_ns[r]);
		}
		for (size_t b = 0; b <= STATS_BUCKETS; b++)
			total += counts[b];
		if (total == 0)
			continue;
		/* The histogram is per route pattern; scoped and root share it. */
		const char *name = route_metric_label(r, false);
		uint64_t cumulative = 0;
		for (size_t b = 0; b < STATS_BUCKETS; b++) {
			cumulative += counts[b];
			put(&t, "articled_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
			    name, stats_bucket_bounds[b], (unsigned long long)cumulative);
		}
		put(&t, "articled_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
		    name, (unsigned long long)total);
		put(&t, "articled_request_duration_seconds_sum{route=\"%s\"} %.9f\n", name,
		    (double)ns / 1e9);
		put(&t, "articled_request_duration_seconds_count{route=\"%s\"} %llu\n", name,
		    (unsigned long long)total);
	}
	uint64_t bytes = 0, in_flight = 0;
	for (size_t l = 0; l < nl; l++) {
		bytes += load(&loops[l]->bytes);
		in_flight += load(&loops[l]->in_flight);
	}
	put(&t, "# HELP articled_requests_in_flight Requests being answered now.\n"
		"# TYPE articled_requests_in_flight gauge\n"
		"articled_requests_in_flight %llu\n",
	    (unsigned long long)in_flight);
	put(&t, "# HELP articled_response_bytes_total Body bytes sent.\n"
		"# TYPE articled_response_bytes_total counter\n"
		"articled_response_bytes_total %llu\n",
	    (unsigned long long)bytes);
	put(&t, "# HELP articled_articles_loaded Articles being served.\n"
		"# TYPE articled_articles_loaded gauge\n"
		"articled_articles_loaded %zu\n"
		"# HELP articled_articles_failed Article files that failed to load at the last load.\n"
		"# TYPE articled_articles_failed gauge\n"
		"articled_articles_failed %zu\n",
	    c->n_articles, c->n_failures);
	put(&t, "# HELP articled_reloads_total Reloads that replaced the articles (SIGHUP).\n"
		"# TYPE articled_reloads_total counter\n"
		"articled_reloads_total %llu\n"
		"# HELP articled_reload_failures_total Reloads that failed and kept the old articles.\n"
		"# TYPE articled_reload_failures_total counter\n"
		"articled_reload_failures_total %llu\n",
	    (unsigned long long)atomic_load(&reloads), (unsigned long long)atomic_load(&reload_failures));
	put(&t, "# HELP articled_parse_seconds Time spent parsing at the last load.\n"
		"# TYPE articled_parse_seconds gauge\n"
		"articled_parse_seconds %.6f\n"
		"# HELP articled_loaded_timestamp_seconds When the articles being served were loaded.\n"
		"# TYPE articled_loaded_timestamp_seconds gauge\n"
		"articled_loaded_timestamp_seconds %lld\n",
	    c->parse_seconds, (long long)c->loaded_at);
	if (t.failed) {
		free(t.s);
		return NULL;
	}
	*len = t.len;
	return t.s;
}
