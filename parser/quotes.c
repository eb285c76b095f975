/* quotes.c - direct quotations and reported speech, with their speakers:
 * the finders of quotes_direct.c and quotes_reported.c propose candidates;
 * here they are put in order, overlaps dropped (a quote inside a report is
 * part of it), and speakers resolved against the article's cast. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quote_parts.h"

static int by_position(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	/* The wider span first, so that spans inside it are dropped. */
	if (x->end - x->start != y->end - y->start)
		return x->end - x->start > y->end - y->start ? -1 : 1;
	return 0;
}

/* Is the reported verb in this section's outlet talk ("wrote", "reported")? */
static bool outlet_cue(const char *cue)
{
	return strncmp(cue, "wrote", 5) == 0 || strncmp(cue, "writes", 6) == 0 ||
	       strncmp(cue, "reported", 8) == 0 || strncmp(cue, "reports", 7) == 0;
}

int quotes_extract(struct extract_ctx *x)
{
	struct candidate_list all = {0};
	struct cast cast = {0};
	int rc = -1;
	if (cast_learn(x, &cast) != 0)
		goto out;
	/* The last attributed quote of the paragraph before, and of this one. */
	struct candidate above = {.attr_end = (size_t)-1}, here = {.attr_end = (size_t)-1};
	for (size_t p = 0; p < x->n_paras; p++) {
		here = (struct candidate){.attr_end = (size_t)-1, .para = (size_t)-1};
		if (direct_quotes(x, p, &all, &here, &above) != 0 || dash_quotes(x, p, &all, &here) != 0 ||
		    reported_speech(x, p, &all) != 0)
			goto out;
		above = here;
	}
	if (all.n > 0) /* qsort wants a real array even for nothing */
		qsort(all.v, all.n, sizeof *all.v, by_position);
	struct quote *quotes = all.n ? arena_alloc(&x->a->arena, all.n * sizeof *quotes) : NULL;
	if (all.n && quotes == NULL)
		goto out;
	size_t nq = 0, kept_para = (size_t)-1, kept_end = 0;
	for (size_t k = 0; k < all.n; k++) {
		const struct candidate *c = &all.v[k];
		/* Drop a span that overlaps one kept before it in its paragraph. */
		if (c->para != kept_para) {
			kept_para = c->para;
			kept_end = 0;
		}
		if (c->start < kept_end)
			continue;
		kept_end = c->end > kept_end ? c->end : kept_end;
		const struct para_ref *r = &x->paras[c->para];
		const char *cue = arena_strndup(&x->a->arena, c->tk->text + c->cue_start,
						c->cue_end - c->cue_start);
		if (cue == NULL)
			goto out;
		bool outlet_context = x->a->sections[r->section].reactions || outlet_cue(cue);
		size_t para_of_speaker = c->tk == &r->tk ? c->para : c->para - 1;
		size_t pos = cast_position(para_of_speaker, c->who.first);
		struct person *who;
		if (cast_resolve(x, &cast, c->tk, &c->who, pos, outlet_context, &who) != 0)
			goto out;
		struct quote *q = &quotes[nq];
		memset(q, 0, sizeof *q);
		q->kind = c->kind;
		q->cue = cue;
		size_t wf = c->who.kind == SPEAKER_NAME ? c->who.name_first : c->who.first;
		size_t wl = c->who.kind == SPEAKER_NAME ? c->who.name_last : c->who.last;
		q->speaker_as_written = arena_strndup(&x->a->arena, c->tk->text + c->tk->v[wf].start,
						      c->tk->v[wl - 1].end - c->tk->v[wf].start);
		if (who == NULL && c->who.kind == SPEAKER_TITLE) {
			/* Nobody the article named holds this title: it is the speaker
			 * as written ("press service of the Ministry of Labor"). */
			const char *w = q->speaker_as_written;
			if (strncasecmp(w, "the ", 4) == 0)
				w += 4;
			q->speaker = w;
		}
		if (who != NULL) {
			q->speaker = who->name;
			q->speaker_title = who->title;
			q->speaker_is_outlet = who->outlet;
			q->speaker_country = who->outlet ? who->country : NULL;
			q->speaker_kind = who->outlet ? who->outlet_kind : NULL;
		}
		q->text = para_dup(x, r->p, c->start, c->end);
		q->at = (struct place){r->section, r->paragraph, tokens_cp(&r->tk, c->start),
				       tokens_cp(&r->tk, c->end)};
		if (q->speaker_as_written == NULL || q->text == NULL)
			goto out;
		nq++;
		snprintf(q->id, sizeof q->id, "q%zu", nq);
	}
	x->a->quotes = quotes;
	x->a->n_quotes = nq;
	rc = 0;
out:
	free(all.v);
	cast_free(&cast);
	return rc;
}
