/* load_pool.c - see load_pool.h. Jobs are handed out one index at a time
 * from an atomic counter: articles differ in size, and a fixed split
 * would leave a thread idle while another still has long ones. */
#include "load_pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <unistd.h>

enum { MAX_LOAD_THREADS = 64 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_ready = PTHREAD_COND_INITIALIZER;
static pthread_cond_t work_done = PTHREAD_COND_INITIALIZER;
static pthread_t workers[MAX_LOAD_THREADS];
static unsigned n_workers; /* started; the caller of a run is one more */
static unsigned wanted;    /* load_pool_configure's, 0: one per core */
static bool started, stopping;

/* The run in progress: under lock, except next, which the threads share. */
static void (*run_job)(size_t, void *);
static void *run_ctx;
static size_t run_n;
static atomic_size_t next;
static unsigned long run_number; /* +1 per run: a worker joins each once */
static unsigned busy;            /* workers inside the current run */

void load_pool_configure(unsigned threads)
{
	pthread_mutex_lock(&lock);
	wanted = threads > MAX_LOAD_THREADS ? MAX_LOAD_THREADS : threads;
	pthread_mutex_unlock(&lock);
}

static void work(void (*job)(size_t, void *), void *ctx, size_t n)
{
	for (size_t i; (i = atomic_fetch_add_explicit(&next, 1, memory_order_relaxed)) < n;)
		job(i, ctx);
}

static void *worker(void *unused)
{
	(void)unused;
	unsigned long seen = 0;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (!stopping && run_number == seen)
			pthread_cond_wait(&work_ready, &lock);
		if (stopping)
			break;
		seen = run_number;
		void (*job)(size_t, void *) = run_job;
		void *ctx = run_ctx;
		size_t n = run_n;
		busy++;
		pthread_mutex_unlock(&lock);
		work(job, ctx, n);
		pthread_mutex_lock(&lock);
		if (--busy == 0)
			pthread_cond_signal(&work_done);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static unsigned threads_wanted(void)
{
	unsigned t = wanted;
	if (t == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		t = cores < 1 ? 1 : cores > MAX_LOAD_THREADS ? MAX_LOAD_THREADS : (unsigned)cores;
	}
	return t;
}

/* Starts the workers once (under lock). A thread that cannot be made
 * leaves fewer: the load is slower, not wrong. */
static void start_workers(void)
{
	if (started)
		return;
	started = true;
	unsigned t = threads_wanted();
	while (n_workers + 1 < t && pthread_create(&workers[n_workers], NULL, worker, NULL) == 0)
		n_workers++;
}

unsigned load_pool_threads(void)
{
	pthread_mutex_lock(&lock);
	unsigned t = started ? n_workers + 1 : threads_wanted();
	pthread_mutex_unlock(&lock);
	return t;
}

void load_pool_run(size_t n, void (*job)(size_t i, void *ctx), void *ctx)
{
	if (n < 2) {
		/* One article (the usual single file) is not worth waking anyone. */
		for (size_t i = 0; i < n; i++)
			job(i, ctx);
		return;
	}
	pthread_mutex_lock(&lock);
	start_workers();
	run_job = job;
	run_ctx = ctx;
	run_n = n;
	atomic_store_explicit(&next, 0, memory_order_relaxed);
	run_number++;
	pthread_cond_broadcast(&work_ready);
	pthread_mutex_unlock(&lock);
	work(job, ctx, n);
	/* Every index is taken; wait for the workers still inside a job. A
	 * worker that wakes after this has nothing left to take. */
	pthread_mutex_lock(&lock);
	while (busy > 0)
		pthread_cond_wait(&work_done, &lock);
	/* A worker that wakes only now must find nothing to do, even once
	 * the next run has reset the counter. */
	run_job = NULL;
	run_ctx = NULL;
	run_n = 0;
	pthread_mutex_unlock(&lock);
}

void load_pool_stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_broadcast(&work_ready);
	unsigned n = n_workers;
	pthread_mutex_unlock(&lock);
	for (unsigned i = 0; i < n; i++)
		pthread_join(workers[i], NULL);
	pthread_mutex_lock(&lock);
	n_workers = 0;
	started = stopping = false;
	pthread_mutex_unlock(&lock);
}
