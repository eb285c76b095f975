/* snapshot.c - see snapshot.h. */
#include "snapshot.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../parser/article.h"
#include "../parser/grow.h"
#include "../parser/textfile.h"

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

/* The id of an article file: the slug of its name without the extension. */
static void id_of(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (slugify(base, len, out, cap) == 0)
		snprintf(out, cap, "article");
}

static const char *base_name(const char *path)
{
	const char *base = strrchr(path, '/');
	return base ? base + 1 : path;
}

struct loading {
	struct catalog_input *in;
	size_t n, cap;
	struct load_failure *failed;
	size_t n_failed, cap_failed;
};

static void loading_free(struct loading *l)
{
	for (size_t i = 0; i < l->n; i++) {
		article_free(l->in[i].model);
		free((char *)l->in[i].file);
	}
	for (size_t i = 0; i < l->n_failed; i++) {
		free(l->failed[i].file);
		free(l->failed[i].reason);
	}
	free(l->in);
	free(l->failed);
}

/* Parses one text into l; a failure is recorded (not fatal here). */
static int load_text(struct loading *l, const char *file, struct textfile *tf, const char *problem,
		     const struct tables *t)
{
	char err[512], id[80];
	struct article *a = NULL;
	if (problem == NULL) {
		id_of(file, id, sizeof id);
		/* Two files may slug alike ("a b.txt", "a-b.txt"): keep ids unique. */
		char unique[96];
		snprintf(unique, sizeof unique, "%s", id);
		for (unsigned k = 2;; k++) {
			bool taken = false;
			for (size_t i = 0; i < l->n && !taken; i++)
				taken = strcmp(l->in[i].model->id, unique) == 0;
			if (!taken)
				break;
			snprintf(unique, sizeof unique, "%s-%u", id, k);
		}
		a = article_parse(tf->text, tf->len, unique, t, err, sizeof err);
		problem = err;
	}
	if (a != NULL) {
		struct catalog_input *in = grow_for_one(l->in, l->n, &l->cap, sizeof *in, 8);
		if (in == NULL) {
			article_free(a);
			return -1;
		}
		l->in = in;
		l->in[l->n].model = a;
		l->in[l->n].file = strdup(file);
		if (l->in[l->n].file == NULL) {
			article_free(a);
			return -1;
		}
		l->n++;
		return 0;
	}
	struct load_failure *f = grow_for_one(l->failed, l->n_failed, &l->cap_failed, sizeof *f, 4);
	if (f == NULL)
		return -1;
	l->failed = f;
	/* The reason as the reader said it, without the path (it prefixes it). */
	const char *reason = problem;
	size_t flen = strlen(file);
	if (strncmp(reason, file, flen) == 0 && reason[flen] == ':')
		reason += flen + 1 + (reason[flen + 1] == ' ');
	l->failed[l->n_failed].file = strdup(base_name(file));
	l->failed[l->n_failed].reason = strdup(reason);
	l->n_failed++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
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
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		char **grown = grow_for_one(names, n, &cap, sizeof *names, 16);
		if (grown == NULL)
			break;
		names = grown;
		names[n] = strdup(e->d_name);
		if (names[n] != NULL)
			n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char path[4096], problem[512];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		struct textfile tf;
		bool ok = textfile_read(&tf, path, problem, sizeof problem) == 0;
		if (rc == 0 && load_text(l, path, &tf, ok ? NULL : problem, t) != 0) {
			snprintf(err, errlen, "%s: out of memory", path);
			rc = -1;
		}
		if (ok)
			textfile_free(&tf);
		free(names[i]);
	}
	free(names);
	if (rc == 0 && n == 0) {
		snprintf(err, errlen, "%s: no article files (*.txt) in this directory", dir);
		rc = -1;
	}
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
	if (o->data == NULL) {
		size_t len;
		const char *text = tables_builtin("article", &len);
		struct textfile tf;
		char problem[512];
		bool ok = textfile_from_buffer(&tf, DEFAULT_ARTICLE, text, len, problem,
					       sizeof problem) == 0;
		int rc = load_text(&l, DEFAULT_ARTICLE, &tf, ok ? NULL : problem, t);
		if (ok)
			textfile_free(&tf);
		if (rc != 0) {
			snprintf(err, errlen, "out of memory");
			goto error;
		}
	} else if (directory) {
		if (load_directory(&l, o->data, t, err, errlen) != 0)
			goto error;
	} else {
		struct textfile tf;
		if (textfile_read(&tf, o->data, err, errlen) != 0)
			goto error;
		int rc = load_text(&l, o->data, &tf, NULL, t);
		textfile_free(&tf);
		if (rc != 0) {
			snprintf(err, errlen, "%s: out of memory", o->data);
			goto error;
		}
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
		snprintf(err, errlen, "%s: %s", o->data ? o->data : DEFAULT_ARTICLE, l.failed[0].reason);
		goto error;
	}
	if (l.n == 0) {
		snprintf(err, errlen, "%s: no article could be loaded (%zu failed)", o->data,
			 l.n_failed);
		goto error;
	}
	size_t default_index = 0;
	if (o->default_id != NULL) {
		default_index = (size_t)-1;
		for (size_t i = 0; i < l.n; i++)
			if (strcmp(l.in[i].model->id, o->default_id) == 0)
				default_index = i;
		if (default_index == (size_t)-1) {
			snprintf(err, errlen, "--default %s: no such article id; the ids are the file "
					      "names as slugs, e.g. %s",
				 o->default_id, l.in[0].model->id);
			goto error;
		}
	}
	double parse_seconds = seconds_since(&t0);
	struct snapshot *s = calloc(1, sizeof *s);
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		goto error;
	}
	/* catalog_build takes the models, whatever it returns. */
	s->catalog = catalog_build(l.in, l.n, default_index, l.failed, l.n_failed, parse_seconds,
				   generation, http);
	for (size_t i = 0; i < l.n; i++)
		free((char *)l.in[i].file);
	l.n = 0;
	loading_free(&l);
	if (s->catalog == NULL) {
		free(s);
		snprintf(err, errlen, "out of memory while preparing the responses");
		return NULL;
	}
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
		catalog_free(s->catalog);
		free(s);
	}
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
