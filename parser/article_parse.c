/* article_parse.c - see article_parse.h: layout first, then the extractors. */
#include "article_parse.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/utf8.h"
#include "extract.h"
#include "layout.h"

/* The scratch memory of the parses on one thread, kept from one parse to
 * the next (arena_reset): a directory's articles are parsed one after
 * another on each loader thread, and each needs about as much. Freed when
 * the thread ends. */
enum { SCRATCH_KEEP = 1024 * 1024 };
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static bool scratch_keyed;

static void scratch_release(void *p)
{
	arena_free(p);
	free(p);
}

static void scratch_key_make(void)
{
	scratch_keyed = pthread_key_create(&scratch_key, scratch_release) == 0;
}

/* This thread's kept scratch arena, or NULL (then a parse has its own). */
static struct arena *thread_scratch(void)
{
	if (pthread_once(&scratch_once, scratch_key_make) != 0 || !scratch_keyed)
		return NULL;
	struct arena *kept = pthread_getspecific(scratch_key);
	if (kept == NULL) {
		kept = calloc(1, sizeof *kept);
		if (kept != NULL && pthread_setspecific(scratch_key, kept) != 0) {
			free(kept);
			kept = NULL;
		}
	}
	return kept;
}

static int prepare(struct extract_ctx *x)
{
	struct article *a = x->a;
	x->paras = arena_alloc(&x->scratch, (a->n_paragraphs + 1) * sizeof *x->paras);
	if (x->paras == NULL)
		return -1;
	for (size_t s = 0; s < a->n_sections; s++) {
		for (size_t p = 0; p < a->sections[s].n_paragraphs; p++) {
			struct para_ref *r = &x->paras[x->n_paras++];
			r->section = s;
			r->paragraph = p;
			r->p = &a->sections[s].paragraphs[p];
			if (tokens_split(&r->tk, r->p->text, r->p->len, &x->t->abbreviations, &x->t->token_index,
					 &x->scratch) != 0)
				return -1;
		}
	}
	return 0;
}

struct article *article_parse(const char *text, size_t len, const char *id,
			      const struct tables *tables, char *err, size_t errlen)
{
	struct article *a = calloc(1, sizeof *a);
	if (a == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	a->id = arena_strdup(&a->arena, id ? id : "article");
	if (a->id == NULL || layout_parse(a, text, len, tables, err, errlen) != 0) {
		article_free(a);
		return NULL;
	}
	struct arena *kept = thread_scratch();
	struct extract_ctx x = {.a = a, .t = tables, .scratch = kept ? *kept : (struct arena){0}};
	int rc = prepare(&x);
	if (rc == 0)
		reactions_mark_sections(&x);
	if (rc == 0)
		rc = quotes_extract(&x);
	if (rc == 0)
		rc = figures_extract(&x);
	if (rc == 0)
		rc = reactions_extract(&x);
	if (kept != NULL) {
		arena_reset(&x.scratch, SCRATCH_KEEP);
		*kept = x.scratch;
	} else {
		arena_free(&x.scratch);
	}
	if (rc != 0) {
		snprintf(err, errlen, "out of memory");
		article_free(a);
		return NULL;
	}
	return a;
}

void article_free(struct article *a)
{
	if (a == NULL)
		return;
	arena_free(&a->arena);
	free(a);
}
