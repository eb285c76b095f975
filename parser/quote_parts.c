/* quote_parts.c - see quote_parts.h. */
#include "quote_parts.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

int candidates_push(struct candidate_list *l, const struct candidate *c)
{
	struct candidate *v = grow_for_one(l->v, l->n, &l->cap, sizeof *v, 32);
	if (v == NULL)
		return -1;
	l->v = v;
	l->v[l->n++] = *c;
	return 0;
}

const struct lex_entry *verb_at(const struct extract_ctx *x, const struct tokens *tk,
				       size_t i, size_t *n)
{
	if (i >= tk->n || tk->v[i].upper || tk->v[i].kind != TOKEN_WORD)
		return NULL;
	return tokens_match(tk, i, &x->t->verbs, n);
}

/* Skips adverbs forward ("said later", "also noted"). */
size_t skip_adverbs(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	size_t n;
	while (i < tk->n && !tk->v[i].upper && tokens_match(tk, i, &x->t->adverbs, &n))
		i += n;
	return i;
}

/* Trims white space, stray quote marks, and the comma or dash that the
 * attribution left at the end. */
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
		size_t n;
		if (s < e && cp_is_quote(utf8_decode(text + s, e - s, &n)))
			s += n;
		size_t back = utf8_back(text + s, text + e);
		if (e > s && cp_is_quote(utf8_decode(text + e - back, back, &n)))
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
	const struct sentence *s = &tk->sentences[tokens_sentence_of(tk, i)];
	size_t e = s->last;
	while (e > i && tk->v[e - 1].kind == TOKEN_PUNCT &&
	       (tk->v[e - 1].cp == '.' || tk->v[e - 1].cp == '!' || tk->v[e - 1].cp == 0x2026 ||
		cp_is_quote(tk->v[e - 1].cp)) )
		e--;
	return e;
}
