/* figure_nouns.c - the noun a count counts, and whether two nouns name the
 * same thing. See figures_extract.h.
 *
 * After a number the genre writes at most a few modifiers and then the noun:
 * "2,300 new jobs", "300 Chinese tourists", "140 official and training
 * flights", "five TORs". The modifiers are words of count_modifiers.txt,
 * words that end as adjectives do, participles, and capitalized words
 * (country adjectives, names, acronyms), each followed by another word;
 * the noun is a lowercase word, or
 * an acronym ("TORs", and "18 ASEZ" too: translations often drop the plural
 * of an acronym).
 */
#include <string.h>

#include "../text/utf8.h"
#include "figures_extract.h"

enum { MAX_PHRASE = 6 }; /* tokens from the number to its noun */

static bool in_lexicon(const struct lexicon *lx, const struct token *t)
{
	return token_lookup(lx, t) != NULL;
}

/* "and", "or": joins two words before a noun (figure_grammar.tsv). */
static bool joins(const struct extract_ctx *x, const struct token *t)
{
	const struct lex_entry *e = token_lookup(&x->t->figure_grammar, t);
	return t->kind == TOKEN_WORD && e != NULL && (e->value_tag & GRAM_JOINS);
}

static bool ends_with(const struct token *t, const char *end)
{
	size_t el = strlen(end);
	return t->fold_len > el + 2 && strcmp(t->fold + t->fold_len - el, end) == 0;
}

/* A word of count_modifiers.txt, or one with an ending of
 * adjective_endings.txt. */
static bool adjective_like(const struct extract_ctx *x, const struct token *t)
{
	if (in_lexicon(&x->t->count_modifiers, t))
		return true;
	const struct lexicon *lx = &x->t->adjective_endings;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		if (ends_with(t, e->key))
			return true;
	return false;
}

size_t figure_acronym(const struct tokens *tk, const struct token *t, bool *plural)
{
	*plural = false;
	if (t->kind != TOKEN_WORD)
		return 0;
	size_t caps = 0, n;
	for (size_t b = t->start; b < t->end; b += n) {
		uint32_t cp = utf8_decode(tk->text + b, t->end - b, &n);
		if (cp_is_letter(cp) && cp_is_upper(cp) && !*plural) {
			caps++;
		} else if (cp == 's' && b + n == t->end && caps >= 2) {
			*plural = true;
		} else {
			return 0;
		}
	}
	return caps >= 2 ? caps : 0;
}

static bool lower_word(const struct token *t)
{
	return t->kind == TOKEN_WORD && !t->upper && t->space_before;
}

/* A past tense after a number is what happened to it ("9 died", "212
 * recovered"), not what it counts, unless a noun follows ("312 recovered
 * patients"). */
static bool verb_like(const struct token *t)
{
	return t->fold_len >= 4 && strcmp(t->fold + t->fold_len - 2, "ed") == 0;
}

/* Can token k stand before the noun, given what follows it? */
static bool modifier(const struct extract_ctx *x, const struct tokens *tk, size_t k)
{
	const struct token *t = &tk->v[k];
	if (k + 1 >= tk->n || t->kind != TOKEN_WORD || !t->space_before)
		return false;
	const struct token *u = &tk->v[k + 1], *w = k + 2 < tk->n ? &tk->v[k + 2] : NULL;
	/* "official and training", "Chinese and Korean": the second in the same case */
	bool coordinated = (joins(x, u) || token_is_punct(u, ',')) &&
			   w != NULL && w->kind == TOKEN_WORD && w->upper == t->upper &&
			   !in_lexicon(&x->t->function_words, w);
	bool before_word = u->kind == TOKEN_WORD && !u->upper && u->space_before;
	bool before_noun = before_word && !in_lexicon(&x->t->function_words, u);
	if (!t->upper) /* "312 recovered patients": a participle before a noun */
		return (before_word || coordinated) &&
		       (adjective_like(x, t) || (verb_like(t) && before_noun));
	/* Capitalized words before a noun qualify it: a country's adjective
	 * ("Korean students"), a name ("Far Eastern regions"), an acronym ("SEZ
	 * residents"). */
	bool before_name = u->kind == TOKEN_WORD && u->upper && u->space_before;
	return (before_noun || before_name || coordinated) && !in_lexicon(&x->t->months, t);
}

/* A counted noun may be a compound: "work permits", "cargo ships" (a
 * singular word before a plural one). Returns the last token of it. */
static size_t compound_end(const struct extract_ctx *x, const struct tokens *tk, size_t noun)
{
	const struct token *t = &tk->v[noun];
	if (noun + 1 >= tk->n || t->fold_len < 2 || t->fold[t->fold_len - 1] == 's' || t->upper)
		return noun;
	const struct token *u = &tk->v[noun + 1];
	if (!lower_word(u) || u->fold_len < 3 || u->fold[u->fold_len - 1] != 's' ||
	    u->fold[u->fold_len - 2] == 's' || in_lexicon(&x->t->function_words, u))
		return noun;
	return noun + 1;
}

size_t figure_counted_noun(const struct extract_ctx *x, const struct tokens *tk, size_t j,
			   size_t *unit_first)
{
	for (size_t k = j; k < tk->n && k < j + MAX_PHRASE; k++) {
		const struct token *t = &tk->v[k];
		if (t->kind != TOKEN_WORD || !t->space_before)
			return 0;
		if (modifier(x, tk, k)) {
			const struct token *u = &tk->v[k + 1];
			if (joins(x, u) || token_is_punct(u, ','))
				k++; /* "official and training flights" */
			continue;
		}
		bool plural;
		if (t->upper && !figure_acronym(tk, t, &plural))
			return 0;
		if (!t->upper &&
		    (in_lexicon(&x->t->function_words, t) || in_lexicon(&x->t->months, t) ||
		     figure_word_is(x, t, FIGWORD_NOT_COUNTED) || verb_like(t)))
			return 0;
		*unit_first = k;
		return compound_end(x, tk, k);
	}
	return 0;
}

/* The last word of a unit as written ("work permits": "permits"). */
static const char *last_word(const char *unit)
{
	const char *w = strrchr(unit, ' ');
	return w ? w + 1 : unit;
}

int figure_add_singulars(const struct tables *t, struct lexicon *lx, struct arena *arena,
			 const char *unit)
{
	const char *w = last_word(unit);
	size_t len = strlen(w);
	if (len == 0 || len + 2 > 128)
		return 0;
	/* The word itself, and what it is the plural of by each rule that could
	 * have made it: +s ("cases"), +es ("boxes"), y -> ies ("companies"). */
	const char *forms[5];
	size_t nf = 0;
	forms[nf++] = w;
	char s1[128], s2[128], s3[128];
	if (len > 2 && w[len - 1] == 's') {
		memcpy(s1, w, len - 1);
		s1[len - 1] = '\0';
		forms[nf++] = s1;
	}
	if (len > 3 && strcmp(w + len - 2, "es") == 0) {
		memcpy(s2, w, len - 2);
		s2[len - 2] = '\0';
		forms[nf++] = s2;
	}
	if (len > 4 && strcmp(w + len - 3, "ies") == 0) {
		memcpy(s3, w, len - 3);
		memcpy(s3 + len - 3, "y", 2);
		forms[nf++] = s3;
	}
	const struct lex_entry *irregular = lexicon_get(&t->figure_words, w, len);
	if (irregular && (irregular->value_tag & FIGWORD_PLURAL))
		forms[nf++] = irregular->extra;
	for (size_t k = 0; k < nf; k++) {
		if (lexicon_add(lx, arena, forms[k], NULL) < 0)
			return -1;
	}
	return 0;
}

bool figure_counted_before(const struct lexicon *lx, const char *unit)
{
	const char *w = last_word(unit);
	return lexicon_get(lx, w, strlen(w)) != NULL;
}
