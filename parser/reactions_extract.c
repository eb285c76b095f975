/* reactions_extract.c - what media outlets said: every quote whose speaker is an
 * outlet, with the outlet's country as the text gives it ("the Japanese
 * agency Nordic Wire") or else as outlets.tsv has it.
 *
 * A section collects reactions when its heading says so (a phrase of
 * reaction_headings.txt: "International reaction", "Foreign press") or when
 * two or more outlets speak in it. Inside such a section a name that
 * "wrote" or "said" and is no known person is taken for an outlet.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../text/fold.h"
#include "extract.h"

/* Does the folded heading hold the phrase as whole words? */
static bool has_phrase(const char *heading, const char *phrase)
{
	size_t pl = strlen(phrase);
	for (const char *p = strstr(heading, phrase); p != NULL; p = strstr(p + 1, phrase)) {
		bool left = p == heading || p[-1] == ' ';
		bool right = p[pl] == '\0' || p[pl] == ' ' || p[pl] == '?' || p[pl] == ':';
		if (left && right)
			return true;
	}
	return false;
}

void reactions_mark_sections(struct extract_ctx *x)
{
	const struct lexicon *lx = &x->t->reaction_headings;
	for (size_t s = 0; s < x->a->n_sections; s++) {
		struct section *sec = &x->a->sections[s];
		if (sec->heading == NULL)
			continue;
		char folded[512];
		if (fold_text(sec->heading, strlen(sec->heading), folded, sizeof folded) == (size_t)-1)
			continue;
		for (const struct lex_entry *e = lexicon_first(lx); e && !sec->reactions;
		     e = lexicon_next(lx, e))
			sec->reactions = has_phrase(folded, e->key);
	}
}

/* A quote of an outlet is a reaction, unless the outlet is the publisher
 * of the article, citing itself ("according to EastRussia"). */
static bool reacts(const struct article *a, const struct quote *q)
{
	return q->speaker_is_outlet &&
	       !(a->source.publisher && q->speaker && strcasecmp(q->speaker, a->source.publisher) == 0);
}

int reactions_extract(struct extract_ctx *x)
{
	struct article *a = x->a;
	size_t n = 0;
	for (size_t q = 0; q < a->n_quotes; q++)
		n += reacts(a, &a->quotes[q]);
	/* Two outlets speaking make a section of reactions, whatever its heading
	 * (quotes are in order, so a section's quotes are consecutive). */
	size_t section = (size_t)-1, outlets = 0;
	for (size_t q = 0; q < a->n_quotes; q++) {
		if (a->quotes[q].at.section != section) {
			section = a->quotes[q].at.section;
			outlets = 0;
		}
		outlets += a->quotes[q].speaker_is_outlet;
		if (outlets >= 2)
			a->sections[section].reactions = true;
	}
	if (n == 0)
		return 0;
	a->reactions = arena_alloc(&a->arena, n * sizeof *a->reactions);
	if (a->reactions == NULL)
		return -1;
	for (size_t q = 0; q < a->n_quotes; q++) {
		const struct quote *qt = &a->quotes[q];
		if (!reacts(a, qt))
			continue;
		struct reaction *r = &a->reactions[a->n_reactions++];
		memset(r, 0, sizeof *r);
		snprintf(r->id, sizeof r->id, "r%zu", a->n_reactions);
		r->outlet = qt->speaker;
		r->country = qt->speaker_country;
		r->outlet_kind = qt->speaker_kind;
		r->text = qt->text;
		r->quote = qt->id;
		r->at = qt->at;
	}
	return 0;
}
