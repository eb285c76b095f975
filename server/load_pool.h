/* load_pool.h - the threads that load articles: a directory's articles
 * are parsed and prepared each on its own (served_article.h), so a load
 * runs on every core. The pool is made at the first load that needs it
 * and kept: a reload runs on the same threads while the serving loops go
 * on answering from the old generation.
 *
 * Only one load runs at a time (the main thread's startup load, then its
 * reloads); load_pool_run is not for concurrent callers.
 */
#ifndef ARTICLED_LOAD_POOL_H
#define ARTICLED_LOAD_POOL_H

#include <stddef.h>

/* Sets how many threads load_pool_run uses, the caller's own included
 * (0: one per online core). Takes effect at the pool's first use. */
void load_pool_configure(unsigned threads);

/* The number of threads a run uses. */
unsigned load_pool_threads(void);

/* Calls job(i, ctx) once for every i in [0, n), spread over the pool's
 * threads and the caller's; returns when every call has returned. The
 * calls run in any order and at the same time: job must touch only what
 * belongs to its i (and what it only reads). */
void load_pool_run(size_t n, void (*job)(size_t i, void *ctx), void *ctx);

/* Stops and joins the pool's threads (at exit). */
void load_pool_stop(void);

#endif
