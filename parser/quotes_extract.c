/* quotes_extract.c - direct quotations and reported speech, with their speakers:
 * the finders of quotes_direct.c and quotes_reported.c propose candidates;
 * here they are put in order, overlaps dropped (a quote inside a report is
 * part of it), and speakers resolved against the article's cast. An
 * interview's answers (interview.c) are the interviewee's direct quotes,
 * each with its question. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../text/decimal.h"
#include "../text/utf8.h"
#include "interview.h"
#include "quote_parts.h"
#include "speaker_list.h"

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

/* The index of the first token that ends after byte b (tk->n if none). */
static size_t token_at(const struct tokens *tk, size_t b)
{
	size_t lo = 0, hi = tk->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (tk->v[mid].end <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does the cue begin with a verb of the press ("wrote", "reported": an
 * outlet verb of reporting_verbs.tsv, as written there)? */
static bool outlet_cue(const struct tables *t, const char *cue)
{
	for (size_t i = 0; i < t->n_outlet_verbs; i++)
		if (strncmp(cue, t->outlet_verbs[i], strlen(t->outlet_verbs[i])) == 0)
			return true;
	return false;
}

/* Writes "q12" (prefix, then n in decimal) into id[cap], cut to fit as
 * snprintf's "q%zu" would be. */
static void number_id(char *id, size_t cap, char prefix, size_t n)
{
	char whole[1 + DECIMAL_MAX + 1];
	whole[0] = prefix;
	size_t len = (size_t)(decimal_put(whole + 1, n, 1) - whole);
	if (cap == 0)
		return;
	size_t kept = len < cap - 1 ? len : cap - 1;
	memcpy(id, whole, kept);
	id[kept] = '\0';
}

/* A quote being made, and the person of the cast who says it: the
 * speakers of the article are made of both (speaker_list.h). */
struct pending_quote {
	struct quote q;
	size_t person; /* index in the cast, or NO_PERSON */
};

/* Quotes in the order of the text: section, paragraph, start; the wider
 * span first. */
static int quote_order(const void *a, const void *b)
{
	const struct quote *x = &((const struct pending_quote *)a)->q,
			   *y = &((const struct pending_quote *)b)->q;
	if (x->at.section != y->at.section)
		return x->at.section < y->at.section ? -1 : 1;
	if (x->at.paragraph != y->at.paragraph)
		return x->at.paragraph < y->at.paragraph ? -1 : 1;
	if (x->at.start != y->at.start)
		return x->at.start < y->at.start ? -1 : 1;
	if (x->at.end != y->at.end)
		return x->at.end > y->at.end ? -1 : 1;
	return 0;
}

/* The answers of an interview, one quote a paragraph: the interviewee's
 * words, with the question they answer. They stand beside the quotes
 * found inside them (an answer may quote someone else). Appends to
 * quotes[*nq]; returns -1 when out of memory. */
static int answers(struct extract_ctx *x, const struct qa *qa, const struct cast *cast,
		   struct pending_quote *quotes, size_t *nq)
{
	if (!qa->interview)
		return 0;
	const struct person *who = &cast->v[cast->interviewee];
	for (size_t p = 0; p < x->n_paras; p++) {
		if (qa->role[p] != QA_ANSWER || qa->question[p] == (size_t)-1)
			continue;
		const struct para_ref *r = &x->paras[p];
		size_t start = 0, end = r->tk.len;
		if (r->tk.n > 1 && r->tk.v[0].kind == TOKEN_PUNCT && cp_is_dash(r->tk.v[0].cp))
			start = r->tk.v[1].start; /* "- Yes, ...": the dash is the layout's */
		clean_span(r->tk.text, &start, &end);
		if (end <= start)
			continue;
		const struct para_ref *asked = &x->paras[qa->question[p]];
		size_t qs = 0, qe = asked->tk.len;
		if (asked->tk.n > 1 && asked->tk.v[0].kind == TOKEN_PUNCT && cp_is_dash(asked->tk.v[0].cp))
			qs = asked->tk.v[1].start;
		quotes[*nq].person = cast->interviewee;
		struct quote *q = &quotes[(*nq)++].q;
		memset(q, 0, sizeof *q);
		q->kind = QUOTE_DIRECT;
		q->speaker = q->speaker_as_written = who->name;
		q->speaker_title = who->title;
		q->text = para_dup(x, r->p, start, end);
		q->question = para_dup(x, asked->p, qs, qe);
		q->question_at = (struct place){asked->section, asked->paragraph, 0, 0};
		q->at = (struct place){r->section, r->paragraph, tokens_cp(&r->tk, start),
				       tokens_cp(&r->tk, end)};
		if (q->text == NULL || q->question == NULL)
			return -1;
	}
	return 0;
}

int quotes_extract(struct extract_ctx *x)
{
	struct candidate_list all = {0};
	struct cast cast = {.arena = &x->scratch};
	struct qa qa;
	int rc = -1;
	if (cast_learn(x, &cast) != 0 || qa_read(x, &cast, &qa) != 0)
		goto out;
	/* The last attributed quote of the paragraph before, and of this one. */
	struct candidate above = {.attr_end = (size_t)-1}, here = {.attr_end = (size_t)-1};
	for (size_t p = 0; p < x->n_paras; p++) {
		here = (struct candidate){.attr_end = (size_t)-1, .para = (size_t)-1};
		/* An interview's dashes mark its questions and answers, not quotes. */
		bool dash_led = qa_role_of(&qa, p) == QA_NONE;
		if (direct_quotes(x, p, &all, &here, &above) != 0 ||
		    (dash_led && dash_quotes(x, p, &all, &here) != 0) ||
		    (dash_led && lead_in_quote(x, p, &all) != 0) || reported_speech(x, p, &all) != 0)
			goto out;
		above = here;
	}
	if (all.n > 0) /* qsort wants a real array even for nothing */
		qsort(all.v, all.n, sizeof *all.v, by_position);
	size_t room = all.n + (qa.interview ? x->n_paras : 0);
	struct pending_quote *quotes = room ? arena_alloc(&x->scratch, room * sizeof *quotes) : NULL;
	if (room && quotes == NULL)
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
		const struct para_ref *r = &x->paras[c->para];
		/* The speaker's words may stand in the paragraph before the quote
		 * ("X said:") or after it (a digest's speaker line, "This was
		 * stated by X"). */
		size_t para_of_speaker = c->para;
		for (size_t near = c->para ? c->para - 1 : 0; near <= c->para + 1 && near < x->n_paras;
		     near++)
			if (c->tk == &x->paras[near].tk)
				para_of_speaker = near;
		/* "you" speaks only in an interview's questions: it is the
		 * interviewee there, and the interviewer in an answer. */
		if (c->who.kind == SPEAKER_PRONOUN && c->who.addressee &&
		    qa_role_of(&qa, para_of_speaker) != QA_QUESTION)
			continue;
		kept_end = c->end > kept_end ? c->end : kept_end;
		/* No cue: an attribution without a verb ("...," the CEO Igor Lapin). */
		const char *cue = NULL;
		if (c->cue_end > c->cue_start) {
			cue = arena_strndup(&x->a->arena, c->tk->text + c->cue_start,
					    c->cue_end - c->cue_start);
			if (cue == NULL)
				goto out;
		}
		bool outlet_context = x->a->sections[r->section].reactions || (cue && outlet_cue(x->t, cue));
		size_t pos = cast_position(para_of_speaker, c->who.first);
		struct person *who;
		if (cast_resolve(x, &cast, c->tk, &c->who, pos, outlet_context, &who) != 0)
			goto out;
		/* The person is an index: the cast may move when it grows. */
		quotes[nq].person = who != NULL ? (size_t)(who - cast.v) : NO_PERSON;
		struct quote *q = &quotes[nq].q;
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
		/* What it says is no one a later pronoun looks back on. */
		if (c->tk == &r->tk &&
		    cast_note_said(&cast, cast_position(c->para, token_at(&r->tk, c->start)),
				   cast_position(c->para, token_at(&r->tk, c->end))) != 0)
			goto out;
		q->text = para_dup(x, r->p, c->start, c->end);
		q->at = (struct place){r->section, r->paragraph, tokens_cp(&r->tk, c->start),
				       tokens_cp(&r->tk, c->end)};
		if (q->speaker_as_written == NULL || q->text == NULL)
			goto out;
		nq++;
	}
	if (answers(x, &qa, &cast, quotes, &nq) != 0)
		goto out;
	if (nq > 0)
		qsort(quotes, nq, sizeof *quotes, quote_order);
	struct quote *final = nq ? arena_alloc(&x->a->arena, nq * sizeof *final) : NULL;
	size_t *person_of = nq ? arena_alloc(&x->scratch, nq * sizeof *person_of) : NULL;
	if (nq && (final == NULL || person_of == NULL))
		goto out;
	for (size_t k = 0; k < nq; k++) {
		final[k] = quotes[k].q;
		person_of[k] = quotes[k].person;
		number_id(final[k].id, sizeof final[k].id, 'q', k + 1);
	}
	x->a->quotes = final;
	x->a->n_quotes = nq;
	if (speakers_build(x, &cast, person_of) != 0)
		goto out;
	rc = 0;
out:
	free(all.v);
	cast_free(&cast);
	return rc;
}
