/* snapshot.c - see snapshot.h. */
#include "snapshot.h"

#include <dirent.h>
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
#include "../text/slug.h"
#include "../text/textfile.h"
#include "../text/utf8.h"
#include "datafile.h"

#ifndef DEFAULT_ARTICLE
#define DEFAULT_ARTICLE "article.txt"
#endif

static pthread_mutex_t publish_lock = PTHREAD_MUTEX_INITIALIZER;
static struct snapshot *published;
static atomic_ulong published_generation;

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
	double prepare_seconds; /* of the load's time, spent preparing answers */
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

/* Parses one text and prepares its answers into l, or records why it
 * failed (not fatal here). name is the file's base name; tf is NULL when
 * reading it failed for the reason problem. Returns -1 only when out of
 * memory for the bookkeeping itself. */
static int load_text(struct loading *l, const char *name, const struct textfile *tf,
		     const char *problem, const struct tables *t)
{
	char why[512], id[80];
	if (tf != NULL) {
		slug_file_id(name, id, sizeof id);
		/* Two files may slug alike ("a b.txt", "a-b.txt"): keep ids unique. */
		char unique[96];
		snprintf(unique, sizeof unique, "%s", id);
		for (unsigned k = 2;; k++) {
			bool taken = false;
			for (size_t i = 0; i < l->n && !taken; i++)
				taken = strcmp(l->in[i].id, unique) == 0;
			if (!taken)
				break;
			snprintf(unique, sizeof unique, "%s-%u", id, k);
		}
		struct served_article *in = grow_for_one(l->in, l->n, &l->cap, sizeof *in, 8);
		if (in == NULL)
			return -1;
		l->in = in;
		struct article *a = article_parse(tf->text, tf->len, unique, t, why, sizeof why);
		/* Preparing its answers can fail too: that is this article's
		 * failure, reported as a parse failure is. */
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		bool ok = a != NULL &&
			  served_article_prepare(&l->in[l->n], a, name, why, sizeof why) == 0;
		l->prepare_seconds += seconds_since(&t0);
		if (ok) {
			l->n++;
			return 0;
		}
		problem = why;
	}
	return add_failure(l, name, problem);
}

/* Reads name of the directory open on dfd (whose path is dir) into l. */
static int load_file(struct loading *l, int dfd, const char *dir, const char *name,
		     const struct tables *t)
{
	char why[256];
	struct textfile tf;
	int fd = datafile_open(dfd, dir, name, why, sizeof why);
	bool ok = fd >= 0 && textfile_from_fd(&tf, fd, 0, why, sizeof why) == 0;
	if (fd >= 0)
		close(fd);
	int rc = load_text(l, name, ok ? &tf : NULL, why, t);
	if (ok)
		textfile_free(&tf);
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
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
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
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (load_file(l, dirfd(d), dir, names[i], t) != 0) {
			snprintf(err, errlen, "%s/%s: out of memory", dir, names[i]);
			rc = -1;
		}
	closedir(d);
	free_names(names, n);
	if (rc == 0 && n == 0) {
		snprintf(err, errlen, "%s: no article files (*.txt) in this directory", dir);
		rc = -1;
	}
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
	int rc = load_file(l, dfd, dir, name, t);
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
		size_t len;
		const char *text = tables_builtin("article", &len);
		struct textfile tf;
		char problem[512];
		bool ok = textfile_from_buffer(&tf, DEFAULT_ARTICLE, text, len, problem,
					       sizeof problem) == 0;
		const char *base = strrchr(DEFAULT_ARTICLE, '/');
		int rc = load_text(&l, base ? base + 1 : DEFAULT_ARTICLE, ok ? &tf : NULL, problem, t);
		if (ok)
			textfile_free(&tf);
		if (rc != 0) {
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
		default_index = (size_t)-1;
		for (size_t i = 0; i < l.n; i++)
			if (strcmp(l.in[i].id, o->default_id) == 0)
				default_index = i;
		if (default_index == (size_t)-1) {
			snprintf(err, errlen, "--default %s: no such article id; the ids are the file "
					      "names as slugs, e.g. %s",
				 o->default_id, l.in[0].id);
			goto error;
		}
	}
	/* Reading and parsing, as before answers were prepared while loading. */
	double parse_seconds = seconds_since(&t0) - l.prepare_seconds;
	struct snapshot *s = calloc(1, sizeof *s);
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		goto error;
	}
	const char *endpoints[ROUTE_COUNT + 1];
	routes_index(endpoints);
	struct catalog_facts facts = {.failures = l.failed,
				      .n_failures = l.n_failed,
				      .parse_seconds = parse_seconds,
				      .generation = generation,
				      .endpoints = endpoints};
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
	return s;
error:
	loading_free(&l);
	return NULL;
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
		ready_responses_free(&s->ready);
		catalog_free(s->catalog);
		shared_tables_release(s->tables);
		free(s);
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
