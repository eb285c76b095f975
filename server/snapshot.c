/* snapshot.c - see snapshot.h. */
#include "snapshot.h"

#include <dirent.h>
#include <malloc.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../http/routes.h"
#include "../parser/article_parse.h"
#include "../text/grow.h"
#include "../text/name_index.h"
#include "../text/slug.h"
#include "../text/textfile.h"
#include "../text/utf8.h"
#include "datafile.h"
#include "load_pool.h"

#ifndef DEFAULT_ARTICLE
#define DEFAULT_ARTICLE "article.txt"
#endif

static pthread_mutex_t publish_lock = PTHREAD_MUTEX_INITIALIZER;
static struct snapshot *published;
static atomic_ulong published_generation;
static atomic_ulong freed_catalogs; /* +1 each time a catalog's last reference goes */

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}


/* What is being loaded: the articles ready to serve, and the files that
 * failed, each under its base name made valid UTF-8 (it goes into JSON)
 * with a reason that names no path. */
struct loading {
	struct served_article *in;
	size_t n, cap;
	struct load_failure *failed;
	size_t n_failed, cap_failed;
	struct name_index ids; /* of the articles in `in`: keeps them unique */
};

static void loading_free(struct loading *l)
{
	for (size_t i = 0; i < l->n; i++)
		served_article_free(&l->in[i]);
	for (size_t i = 0; i < l->n_failed; i++) {
		free(l->failed[i].file);
		free(l->failed[i].reason);
	}
	free(l->in);
	free(l->failed);
	name_index_free(&l->ids);
}

static int add_failure(struct loading *l, const char *name, const char *reason)
{
	struct load_failure *f = grow_for_one(l->failed, l->n_failed, &l->cap_failed, sizeof *f, 4);
	if (f == NULL)
		return -1;
	l->failed = f;
	f = &l->failed[l->n_failed];
	f->file = utf8_repaired(name, strlen(name));
	f->reason = utf8_repaired(reason, strlen(reason));
	if (f->file == NULL || f->reason == NULL) {
		free(f->file);
		free(f->reason);
		return -1;
	}
	l->n_failed++;
	return 0;
}

/* One article file being loaded: where it is, and what became of it. A
 * loader thread fills it from the file alone. */
struct load_slot {
	const char *name; /* base name */
	int dfd;          /* its directory, open; -1: text is the built-in article */
	const char *dir;  /* the directory's path, for messages */
	char id[80];      /* the id its name gives (slug_file_id), made on its loader thread */
	struct served_article article;
	bool ok;
	char why[512]; /* when not ok */
};

/* Reads, parses and prepares the slot's file as article `id`. Touches
 * only the slot (the tables it only reads): loader threads run it at once
 * on different slots. */
static void load_slot_as(struct load_slot *sl, const char *id, const struct tables *t)
{
	struct textfile tf;
	bool read;
	if (sl->dfd < 0) {
		size_t len;
		const char *text = tables_builtin("article", &len);
		read = textfile_from_buffer(&tf, DEFAULT_ARTICLE, text, len, sl->why,
					    sizeof sl->why) == 0;
	} else {
		int fd = datafile_open(sl->dfd, sl->dir, sl->name, sl->why, sizeof sl->why);
		read = fd >= 0 && textfile_from_fd(&tf, fd, 0, sl->why, sizeof sl->why) == 0;
		if (fd >= 0)
			close(fd);
	}
	if (!read)
		return;
	struct article *a = article_parse(tf.text, tf.len, id, t, sl->why, sizeof sl->why);
	textfile_free(&tf);
	/* Preparing its answers can fail too: that is this article's failure,
	 * reported as a parse failure is. */
	sl->ok = a != NULL &&
		 served_article_prepare(&sl->article, a, sl->name, sl->why, sizeof sl->why) == 0;
}

/* A load in progress, shared by the loader threads. */
struct load_run {
	struct load_slot *slots;
	size_t n;
	const struct tables *t;
	atomic_size_t done;
	struct timespec start;
	const char *source; /* for the progress lines */
};

/* How far the first load is, for /healthz while nothing is served yet. */
static atomic_size_t progress_done, progress_total;

void snapshot_progress(size_t *loaded, size_t *total)
{
	*loaded = atomic_load_explicit(&progress_done, memory_order_relaxed);
	*total = atomic_load_explicit(&progress_total, memory_order_relaxed);
}

/* Below this many articles a load takes well under a second: no progress lines. */
enum { PROGRESS_LOG_MIN = 1000 };

/* From this many articles the merge builds its indexes on the pool. */
enum { PARALLEL_MERGE_MIN = 100 };

static void load_job(size_t i, void *ctx)
{
	struct load_run *run = ctx;
	struct load_slot *sl = &run->slots[i];
	slug_file_id(sl->name, sl->id, sizeof sl->id);
	load_slot_as(sl, sl->id, run->t);
	size_t done = atomic_fetch_add_explicit(&run->done, 1, memory_order_relaxed) + 1;
	atomic_store_explicit(&progress_done, done, memory_order_relaxed);
	/* A line at each tenth of a large directory: a long start shows it moves. */
	if (run->n >= PROGRESS_LOG_MIN && done * 10 / run->n != (done - 1) * 10 / run->n) {
		double s = seconds_since(&run->start);
		fprintf(stderr, "articled: loading %s: %zu of %zu articles (%zu%%), %.0f articles/s\n",
			run->source, done, run->n, done * 100 / run->n, s > 0 ? (double)done / s : 0);
	}
}

/* The slots, loaded on the pool, merged into l in their order (the order
 * of the file names): ids made unique, failures recorded. Returns -1 only
 * when out of memory for the bookkeeping itself. */
static int load_slots(struct loading *l, struct load_slot *slots, size_t n, const char *source,
		      const struct tables *t)
{
	struct load_run run = {.slots = slots, .n = n, .t = t, .source = source};
	clock_gettime(CLOCK_MONOTONIC, &run.start);
	atomic_init(&run.done, 0);
	atomic_store_explicit(&progress_total, n, memory_order_relaxed);
	load_pool_run(n, load_job, &run);
	if (name_index_init(&l->ids, n) != 0)
		return -1;
	l->cap = n;
	l->in = calloc(n + 1, sizeof *l->in);
	if (l->in == NULL)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct load_slot *sl = &slots[i];
		if (rc != 0 || !sl->ok) {
			if (rc == 0 && add_failure(l, sl->name, sl->why) != 0)
				rc = -1;
			continue;
		}
		/* Two files may slug alike ("a b.txt", "a-b.txt"): the later one
		 * (by name) gets the first free "-2", "-3", ...; its model carries
		 * its id, so it is loaded again under that one (rare). */
		size_t any;
		if (name_index_find(&l->ids, sl->id, &any)) {
			char unique[96];
			for (unsigned k = 2;; k++) {
				snprintf(unique, sizeof unique, "%s-%u", sl->id, k);
				if (!name_index_find(&l->ids, unique, &any))
					break;
			}
			served_article_free(&sl->article);
			sl->ok = false;
			load_slot_as(sl, unique, t);
			if (!sl->ok) {
				if (add_failure(l, sl->name, sl->why) != 0)
					rc = -1;
				continue;
			}
		}
		l->in[l->n] = sl->article;
		sl->ok = false; /* moved */
		if (name_index_add(&l->ids, l->in[l->n].id, l->n) < 0)
			rc = -1;
		l->n++;
	}
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static bool article_name(const char *name)
{
	size_t len = strlen(name);
	return name[0] != '.' && len >= 5 && strcmp(name + len - 4, ".txt") == 0;
}

size_t snapshot_count_files(const struct options *o)
{
	struct stat st;
	if (o->data == NULL || stat(o->data, &st) != 0 || !S_ISDIR(st.st_mode))
		return 1;
	DIR *d = opendir(o->data);
	size_t n = 0;
	for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
		n += article_name(e->d_name);
	if (d != NULL)
		closedir(d);
	return n;
}

/* Every *.txt file of dir, sorted by name, into l. */
static int load_directory(struct loading *l, const char *dir, const struct tables *t, char *err,
			  size_t errlen)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!article_name(e->d_name))
			continue;
		char **grown = grow_for_one(names, n, &cap, sizeof *names, 16);
		char *name = grown ? strdup(e->d_name) : NULL;
		if (grown != NULL)
			names = grown;
		if (name == NULL) {
			snprintf(err, errlen, "%s: out of memory listing the directory", dir);
			rc = -1;
			break;
		}
		names[n++] = name;
	}
	if (rc == 0 && n > 0)
		qsort(names, n, sizeof *names, by_name);
	struct load_slot *slots = rc == 0 && n > 0 ? calloc(n, sizeof *slots) : NULL;
	if (rc == 0 && n > 0 && slots == NULL) {
		snprintf(err, errlen, "%s: out of memory", dir);
		rc = -1;
	}
	if (slots != NULL) {
		for (size_t i = 0; i < n; i++)
			slots[i] = (struct load_slot){.name = names[i], .dfd = dirfd(d), .dir = dir};
		if (load_slots(l, slots, n, dir, t) != 0) {
			snprintf(err, errlen, "%s: out of memory", dir);
			rc = -1;
		}
		for (size_t i = 0; i < n; i++)
			if (slots[i].ok)
				served_article_free(&slots[i].article);
		free(slots);
	}
	closedir(d);
	free_names(names, n);
	if (rc == 0 && n == 0) {
		snprintf(err, errlen, "%s: no article files (*.txt) in this directory", dir);
		rc = -1;
	}
	return rc;
}

/* One slot alone: the one file --data names, or the built-in article. */
static int load_one(struct loading *l, struct load_slot *sl, const char *source,
		    const struct tables *t)
{
	int rc = load_slots(l, sl, 1, source, t);
	if (sl->ok)
		served_article_free(&sl->article);
	return rc;
}

/* The one file --data names, under the same rules as a directory's
 * files: a link is followed only to a file of its own directory. */
static int load_single(struct loading *l, const char *path, const struct tables *t, char *err,
		       size_t errlen)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char dir[4096];
	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else if ((size_t)(slash - path) < sizeof dir)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	else {
		snprintf(err, errlen, "%s: %s", path, strerror(ENAMETOOLONG));
		return -1;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		snprintf(err, errlen, "%s: %s", path, errno == ENOENT ? "no such file" : strerror(errno));
		return -1;
	}
	struct load_slot sl = {.name = name, .dfd = dfd, .dir = dir};
	int rc = load_one(l, &sl, path, t);
	close(dfd);
	if (rc != 0)
		snprintf(err, errlen, "%s: out of memory", path);
	return rc;
}

struct snapshot *snapshot_load(const struct options *o, const struct tables *t,
			       const struct http_config *http, unsigned long generation, char *err,
			       size_t errlen)
{
	struct loading l = {0};
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct stat st;
	bool directory = o->data != NULL && stat(o->data, &st) == 0 && S_ISDIR(st.st_mode);
	const char *source = o->data ? o->data : DEFAULT_ARTICLE;
	if (o->data == NULL) {
		const char *base = strrchr(DEFAULT_ARTICLE, '/');
		struct load_slot sl = {.name = base ? base + 1 : DEFAULT_ARTICLE, .dfd = -1};
		if (load_one(&l, &sl, DEFAULT_ARTICLE, t) != 0) {
			snprintf(err, errlen, "out of memory");
			goto error;
		}
	} else if (directory) {
		if (load_directory(&l, o->data, t, err, errlen) != 0)
			goto error;
	} else if (load_single(&l, o->data, t, err, errlen) != 0) {
		goto error;
	}
	if (directory)
		for (size_t i = 0; i < l.n_failed; i++)
			fprintf(stderr, "articled: %s %s/%s: %s\n", o->strict ? "cannot load" : "skipped",
				o->data, l.failed[i].file, l.failed[i].reason);
	if (l.n_failed > 0 && directory && o->strict) {
		snprintf(err, errlen, "%s/%s: %s (--strict: nothing loaded)", o->data,
			 l.failed[0].file, l.failed[0].reason);
		goto error;
	}
	if (l.n_failed > 0 && !directory) {
		snprintf(err, errlen, "%s: %s", source, l.failed[0].reason);
		goto error;
	}
	if (l.n == 0) {
		snprintf(err, errlen, "%s: no article could be loaded (%zu failed)", source,
			 l.n_failed);
		goto error;
	}
	size_t default_index = 0;
	if (o->default_id != NULL) {
		if (!name_index_find(&l.ids, o->default_id, &default_index)) {
			snprintf(err, errlen, "--default %s: no such article id; the ids are the file "
					      "names as slugs, e.g. %s",
				 o->default_id, l.in[0].id);
			goto error;
		}
	}
	/* Reading, parsing and preparing, on all the loader threads. */
	double parse_seconds = seconds_since(&t0);
	struct snapshot *s = calloc(1, sizeof *s);
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		goto error;
	}
	const char *endpoints[ROUTE_COUNT + 1];
	routes_index(endpoints);
	struct item_column_spec columns[64];
	struct catalog_facts facts = {.failures = l.failed,
				      .n_failures = l.n_failed,
				      .parse_seconds = parse_seconds,
				      .generation = generation,
				      .endpoints = endpoints,
				      .columns = columns,
				      .n_columns = routes_columns(columns, 64),
				      /* The indexes of a few articles take no time: no
				       * threads woken (or made) for them. */
				      .run = l.n >= PARALLEL_MERGE_MIN ? load_pool_run : NULL};
	/* catalog_assemble takes the articles, whatever it returns. */
	s->catalog = catalog_assemble(l.in, l.n, default_index, &facts);
	l.n = 0;
	loading_free(&l);
	if (s->catalog == NULL || ready_responses_build(&s->ready, s->catalog, http) != 0) {
		catalog_free(s->catalog);
		free(s);
		snprintf(err, errlen, "out of memory while assembling the catalog");
		return NULL;
	}
	s->catalog->tables = t;
	atomic_init(&s->refs, 1);
	/* What only the load needed (each article's parse, the loader
	 * threads' scratch) is free now, in holes among what is kept: give
	 * back the pages that hold none of the generation. */
	malloc_trim(0);
	return s;
error:
	loading_free(&l);
	return NULL;
}

struct snapshot *snapshot_loading(size_t files)
{
	/* The total is known before the load starts counting it: a /healthz
	 * in between must not say "0 of 0". */
	atomic_store_explicit(&progress_total, files, memory_order_relaxed);
	struct snapshot *s = calloc(1, sizeof *s);
	if (s != NULL)
		atomic_init(&s->refs, 1);
	return s;
}

void snapshot_retain(struct snapshot *s)
{
	atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

void snapshot_release(struct snapshot *s)
{
	if (s == NULL)
		return;
	/* acq_rel: whatever a thread did with the catalog happens before the free. */
	if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1) {
		bool had_catalog = s->catalog != NULL;
		ready_responses_free(&s->ready);
		catalog_free(s->catalog);
		shared_tables_release(s->tables);
		free(s);
		/* glibc keeps what a generation freed for the next allocations, so
		 * after a reload the process would stay at two generations' size:
		 * give the freed pages back (a few ms, once per reload). */
		if (had_catalog) {
			malloc_trim(0);
			atomic_fetch_add_explicit(&freed_catalogs, 1, memory_order_release);
		}
	}
}

struct shared_tables *shared_tables_load(const char *dir, char *err, size_t errlen)
{
	struct shared_tables *st = malloc(sizeof *st);
	if (st == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (tables_load(&st->t, dir, err, errlen) != 0) {
		free(st);
		return NULL;
	}
	atomic_init(&st->refs, 1);
	return st;
}

void shared_tables_release(struct shared_tables *st)
{
	if (st != NULL && atomic_fetch_sub_explicit(&st->refs, 1, memory_order_acq_rel) == 1) {
		tables_free(&st->t);
		free(st);
	}
}

void snapshot_share_tables(struct snapshot *s, struct shared_tables *st)
{
	atomic_fetch_add_explicit(&st->refs, 1, memory_order_relaxed);
	s->tables = st;
	s->catalog->tables = &st->t;
}

void snapshot_publish(struct snapshot *s)
{
	pthread_mutex_lock(&publish_lock);
	struct snapshot *old = published;
	published = s;
	atomic_fetch_add_explicit(&published_generation, 1, memory_order_release);
	pthread_mutex_unlock(&publish_lock);
	snapshot_release(old);
}

struct snapshot *snapshot_acquire(void)
{
	/* A lock, but only on the reload path: a loop takes it once per reload. */
	pthread_mutex_lock(&publish_lock);
	struct snapshot *s = published;
	if (s != NULL)
		snapshot_retain(s);
	pthread_mutex_unlock(&publish_lock);
	return s;
}

unsigned long snapshot_freed(void)
{
	return atomic_load_explicit(&freed_catalogs, memory_order_acquire);
}

unsigned long snapshot_generation(void)
{
	return atomic_load_explicit(&published_generation, memory_order_acquire);
}

void snapshot_unpublish(void)
{
	pthread_mutex_lock(&publish_lock);
	struct snapshot *old = published;
	published = NULL;
	pthread_mutex_unlock(&publish_lock);
	snapshot_release(old);
}
