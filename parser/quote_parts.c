/* quote_parts.c - see quote_parts.h. */
#include "quote_parts.h"

#include <stdlib.h>
#include <string.h>

#include "../text/grow.h"
#include "../text/utf8.h"

int candidates_push(struct candidate_list *l, const struct candidate *c)
{
	struct candidate *v = grow_for_one(l->v, l->n, &l->cap, sizeof *v, 32);
	if (v == NULL)
		return -1;
	l->v = v;
	l->v[l->n++] = *c;
	return 0;
}

void candidate_cue(struct candidate *c, const struct tokens *tk, size_t first, size_t end)
{
	c->cue_start = tk->v[first].start;
	c->cue_end = tk->v[end - 1].end;
}

int candidates_push_text(struct candidate_list *l, struct candidate *c, const char *text,
			 size_t start, size_t end)
{
	clean_span(text, &start, &end);
	c->start = start;
	c->end = end;
	c->order = start;
	return end > start ? candidates_push(l, c) : 0;
}

struct speaker_ref relayed_speaker(const struct extract_ctx *x, const struct tokens *tk, size_t i,
				   size_t *end)
{
	/* "quotes the words of the governor", "quoted from the governor": a
	 * relay phrase of speech_grammar.tsv, with someone after it */
	size_t rn;
	const struct lex_entry *relay = tokens_match(tk, i, &x->t->speech_grammar, &rn);
	if (relay != NULL && (relay->value_tag & SPEECH_RELAY) && i + rn < tk->n)
		i += rn;
	struct speaker_ref who = speaker_forward(x, tk, i);
	if (who.kind == SPEAKER_NONE || who.first != i || who.kind == SPEAKER_PRONOUN)
		return (struct speaker_ref){.kind = SPEAKER_NONE, .first = i, .last = i};
	/* "... as saying", "... as stating" */
	*end = who.last;
	if (who.last + 1 < tk->n && token_is(&tk->v[who.last], "as") &&
	    tk->v[who.last + 1].kind == TOKEN_WORD && tk->v[who.last + 1].fold_len > 3 &&
	    strcmp(tk->v[who.last + 1].fold + tk->v[who.last + 1].fold_len - 3, "ing") == 0)
		*end = who.last + 2;
	return who;
}

/* Skips adverbs forward ("said later", "also noted"). */
size_t skip_adverbs(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	size_t n;
	while (i < tk->n && !tk->v[i].upper && tokens_match(tk, i, &x->t->adverbs, &n))
		i += n;
	return i;
}

/* Quote marks in text[s, e). */
static size_t marks_in(const char *text, size_t s, size_t e)
{
	size_t marks = 0, n;
	for (size_t i = s; i < e; i += n)
		marks += cp_is_quote(utf8_decode(text + i, e - i, &n));
	return marks;
}

/* Trims white space, stray quote marks, and the comma or dash that the
 * attribution left at the end. A mark is stray when it has no partner in
 * the span: "«Amur Steel» will hire ..." keeps its pair. */
void clean_span(const char *text, size_t *start, size_t *end)
{
	for (;;) {
		size_t s = *start, e = *end;
		while (s < e && text[s] == ' ')
			s++;
		while (e > s && text[e - 1] == ' ')
			e--;
		if (e > s && (text[e - 1] == ',' || text[e - 1] == '-' || text[e - 1] == ':'))
			e--;
		size_t n = 0, back = utf8_back(text + s, text + e);
		bool lead = s < e && cp_is_quote(utf8_decode(text + s, e - s, &n));
		bool trail = e > s + n && cp_is_quote(utf8_decode(text + e - back, back, &n));
		/* Whether the marks pair matters only for a mark at an end:
		 * counting them decodes the whole span, so only then. */
		bool paired = (lead || trail) && marks_in(text, s, e) % 2 == 0;
		if (lead && (!paired || trail)) {
			utf8_decode(text + s, e - s, &n);
			s += n;
		}
		if (trail && (!paired || lead))
			e -= back;
		if (s == *start && e == *end)
			return;
		*start = s;
		*end = e;
	}
}

/* Last token of the sentence that holds token i, without its final stop. */
size_t clause_end(const struct tokens *tk, size_t i)
{
	return sentence_clause_end(tk, &tk->sentences[tokens_sentence_of(tk, i)], i);
}

size_t sentence_clause_end(const struct tokens *tk, const struct sentence *s, size_t i)
{
	size_t e = s->last;
	while (e > i && tk->v[e - 1].kind == TOKEN_PUNCT &&
	       (tk->v[e - 1].cp == '.' || tk->v[e - 1].cp == '!' || tk->v[e - 1].cp == 0x2026 ||
		cp_is_quote(tk->v[e - 1].cp)) )
		e--;
	return e;
}
