/* main.c - articled: serves a news article parsed into sections, quotes,
 * figures and media reactions as a JSON API.
 *
 * The main thread loads, starts the serving loops, then only waits for
 * signals: SIGHUP reloads, SIGTERM and SIGINT stop.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../handlers/resources.h"
#include "../parser/tables.h"
#include "load_pool.h"
#include "loop.h"
#include "options.h"
#include "probe.h"
#include "snapshot.h"
#include "stats.h"
#include "watch.h"

static const char SERVER_HEADER[] = "articled/" ARTICLED_VERSION;

/* From this many article files on, the loops listen while they load. */
enum { LISTEN_FIRST_MIN = 100 };

/* Loads the tables and articles anew; on success they replace the old. */
static void reload(const struct options *o, struct shared_tables **tables,
		   const struct http_config *http, unsigned long *generation)
{
	char err[1024];
	struct shared_tables *use = *tables;
	if (o->tables != NULL) {
		use = shared_tables_load(o->tables, err, sizeof err);
		if (use == NULL) {
			fprintf(stderr, "articled: reload failed, still serving the old articles: %s\n", err);
			stats_count_reload(false);
			return;
		}
	}
	struct snapshot *s = snapshot_load(o, &use->t, http, *generation + 1, err, sizeof err);
	if (s == NULL) {
		fprintf(stderr, "articled: reload failed, still serving the old articles: %s\n", err);
		if (use != *tables)
			shared_tables_release(use);
		stats_count_reload(false);
		return;
	}
	snapshot_share_tables(s, use);
	/* The old tables go with the last snapshot that parses with them. */
	if (use != *tables) {
		shared_tables_release(*tables);
		*tables = use;
	}
	++*generation;
	unsigned long freed = snapshot_freed();
	snapshot_publish(s);
	loops_wake();
	/* The loops let go of the old articles at their next turn, unless a
	 * request still being answered holds them: wait a moment for that, so
	 * that once the line below is written the old generation's memory has
	 * been given back (a probe or a test reading RSS then sees one). */
	for (int waited_ms = 0; snapshot_freed() == freed && waited_ms < 2000; waited_ms++)
		nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
	stats_count_reload(true);
	fprintf(stderr, "articled: reloaded %zu article(s), %zu failed (generation %lu)\n",
		s->catalog->n_articles, s->catalog->n_failures, *generation);
}

int main(int argc, char **argv)
{
	struct options o;
	char err[1024];
	switch (options_parse(&o, argc, argv, stdout, err, sizeof err)) {
	case OPTIONS_OK:
		break;
	case OPTIONS_EXIT_OK:
		return 0;
	case OPTIONS_USAGE:
		fprintf(stderr, "articled: %s\nTry 'articled --help' for the options.\n", err);
		return 2;
	}
	if (o.health_check)
		return probe_health(&o);
	/* Signals go to this thread alone: block them before threads start. */
	sigset_t signals;
	sigemptyset(&signals);
	sigaddset(&signals, SIGHUP);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);
	signal(SIGPIPE, SIG_IGN); /* a client that hangs up is no reason to die */

	struct shared_tables *tables = shared_tables_load(o.tables, err, sizeof err);
	if (tables == NULL) {
		fprintf(stderr, "articled: %s\n", err);
		return 1;
	}
	load_pool_configure(o.load_threads);
	struct http_config http = {.server = SERVER_HEADER, .cors_origin = o.cors_origin};
	unsigned long generation = 1;
	/* A large directory takes a while to load: the loops listen first and
	 * answer 503 meanwhile, so that a readiness probe sees it loading
	 * (/healthz), not a refused connection. A small load comes first, so
	 * that a bad file is reported before anything listens. */
	size_t n_files = snapshot_count_files(&o);
	bool listen_first = n_files >= LISTEN_FIRST_MIN;
	bool v6 = strchr(o.host, ':') != NULL;
	struct snapshot *s = listen_first ? snapshot_loading(n_files)
					  : snapshot_load(&o, &tables->t, &http, generation, err,
							  sizeof err);
	if (s == NULL) {
		fprintf(stderr, "articled: %s\n", listen_first ? "out of memory" : err);
		shared_tables_release(tables);
		return 1;
	}
	if (!listen_first)
		snapshot_share_tables(s, tables);
	snapshot_publish(s);
	if (o.metrics)
		metrics_set_renderer(stats_render);
	unsigned port = 0;
	if (loops_start(&o, &http, &port, err, sizeof err) != 0) {
		fprintf(stderr, "articled: %s\n", err);
		snapshot_unpublish();
		shared_tables_release(tables);
		return 1;
	}
	if (listen_first) {
		fprintf(stderr, "articled: loading %zu article files from %s; answering 503 at "
				"http://%s%s%s:%u/ until they are loaded\n",
			n_files, o.data, v6 ? "[" : "", o.host, v6 ? "]" : "", port);
		s = snapshot_load(&o, &tables->t, &http, generation, err, sizeof err);
		if (s == NULL) {
			fprintf(stderr, "articled: %s\n", err);
			loops_stop();
			load_pool_stop();
			snapshot_unpublish();
			shared_tables_release(tables);
			return 1;
		}
		snapshot_share_tables(s, tables);
		snapshot_publish(s);
		loops_wake();
	}
	const struct catalog *cat = s->catalog;
	fprintf(stderr, "articled: listening on http://%s%s%s:%u/ (%u thread%s, %zu article%s, "
			"parsed in %.1f ms)\n",
		v6 ? "[" : "", o.host, v6 ? "]" : "", port, o.threads, o.threads == 1 ? "" : "s",
		cat->n_articles, cat->n_articles == 1 ? "" : "s", cat->parse_seconds * 1000);
	/* With --watch, look at the data between signals and reload when it
	 * changed, as SIGHUP would. */
	uint64_t seen = watch_fingerprint(o.watch ? o.data : NULL);
	for (;;) {
		struct timespec wait = {.tv_sec = o.watch};
		int sig = o.watch ? sigtimedwait(&signals, NULL, &wait) : sigwaitinfo(&signals, NULL);
		if (sig < 0 && o.watch) {
			uint64_t now = watch_fingerprint(o.data);
			if (now != seen) {
				seen = now;
				fprintf(stderr, "articled: %s changed: reloading\n", o.data);
				reload(&o, &tables, &http, &generation);
			}
			continue;
		}
		if (sig == SIGHUP) {
			reload(&o, &tables, &http, &generation);
			seen = watch_fingerprint(o.watch ? o.data : NULL);
			continue;
		}
		if (sig == SIGTERM || sig == SIGINT)
			break;
	}
	unsigned long busy = loops_in_flight();
	fprintf(stderr, "articled: stopping: %lu request%s in flight; finishing them (up to %u s)\n",
		busy, busy == 1 ? "" : "s", o.shutdown_timeout);
	bool clean = loops_stop();
	load_pool_stop();
	snapshot_unpublish();
	shared_tables_release(tables);
	fprintf(stderr, "articled: stopped%s\n", clean ? "" : " (some requests were cut short)");
	return 0;
}
