/* reactions_extract.c - what media outlets said: every quote whose speaker is an
 * outlet, with the outlet's country as the text gives it ("the Japanese
 * agency Nordic Wire") or else as outlets.tsv has it.
 *
 * A section collects reactions when its heading says so (a phrase of
 * reaction_headings.txt: "International reaction", "Foreign press") or when
 * two or more outlets speak in it. Inside such a section a name that
 * "wrote" or "said" and is no known person is taken for an outlet.
 */
#include <string.h>
#include <strings.h>

#include "../text/decimal.h"
#include "../text/fold.h"
#include "../text/hash.h"
#include "extract.h"

/* Does the folded heading h hold a phrase of lx as whole words: a key
 * that starts at its start or after a space and ends at its end or
 * before a space, "?" or ":"? Each such stretch is looked up, its hash
 * extended byte by byte from each start: one pass per word rather than a
 * search for every key. A key of w words has w - 1 spaces (keys are
 * folded: one space between words), so a stretch with max_words spaces
 * or more is none, nor is any longer one from the same start. */
static bool has_phrase(const struct lexicon *lx, const char *h)
{
	size_t len = strlen(h);
	for (size_t p = 0; p < len; p++) {
		if (p > 0 && h[p - 1] != ' ')
			continue;
		/* A key that starts here begins with this byte (lexicon.h's
		 * first_bytes): most words of a heading begin none. */
		if (!lexicon_may_begin_with(lx, (unsigned char)h[p]))
			continue;
		uint64_t hash = HASH_START;
		unsigned spaces = 0;
		for (size_t q = p; q < len; q++) {
			hash = hash_more(hash, h + q, 1);
			char after = h[q + 1];
			if ((after == '\0' || after == ' ' || after == '?' || after == ':') &&
			    lexicon_get_hashed(lx, h + p, q + 1 - p, hash) != NULL)
				return true;
			if (h[q] == ' ' && ++spaces >= lx->max_words)
				break;
		}
	}
	return false;
}

void reactions_mark_sections(struct extract_ctx *x)
{
	const struct lexicon *lx = &x->t->reaction_headings;
	for (size_t s = 0; s < x->a->n_sections; s++) {
		struct section *sec = &x->a->sections[s];
		if (sec->heading == NULL || sec->reactions)
			continue;
		char folded[512];
		if (fold_text(sec->heading, strlen(sec->heading), folded, sizeof folded) == (size_t)-1)
			continue;
		sec->reactions = has_phrase(lx, folded);
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
		/* "r1", "r2", ...: "r" and at most DECIMAL_MAX digits fit an id */
		_Static_assert(sizeof r->id > 1 + DECIMAL_MAX, "a reaction's id holds its number");
		r->id[0] = 'r';
		decimal_put(r->id + 1, a->n_reactions, 1);
		r->outlet = qt->speaker;
		r->country = qt->speaker_country;
		r->outlet_kind = qt->speaker_kind;
		r->text = qt->text;
		r->quote = qt->id;
		r->at = qt->at;
	}
	return 0;
}
