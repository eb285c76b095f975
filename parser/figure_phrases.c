/* figure_phrases.c - the word classes and noun phrases that the rules
 * around a figure read (see figure_context.h).
 *
 * A measure is a noun phrase as the genre writes it: an optional
 * determiner, a few words, and more such phrases joined by prepositions
 * ("the transit of Chinese containers through the ports of Primorye").
 * Read leftwards from where it ends, it stops at a boundary of the clause
 * (punctuation, "that", "which", a verb or an auxiliary), at a determiner
 * that no preposition joins to what is before it, at a number, and after
 * a few words without a determiner ("prices" of "buyers offer farmers
 * prices higher by 12%" keeps "farmers prices" at most). Read rightwards
 * (after "of": "47.6 tons of gold") it stops the same way, and at a verb.
 * The word classes come from figure_grammar.tsv and figure_verbs.tsv; a
 * word of figure_verbs.tsv after a determiner or before "of" is a noun
 * ("the cost of the ferry").
 */
#include <string.h>

#include "figure_context.h"

enum {
	NP_MAX_WORDS = 12, /* a measure is a phrase, not a clause */
	RUN_MAX = 3,       /* lowercase words in a row without a determiner */
};

/* Can a key of lx of words words start at token b, by what the token
 * carries from the tables' index (tokens.h, token_index.h)? False only
 * where tokens_match is sure to find no such key: the token lacks the
 * table's bit (tokens_match's own first test), or the index knows the
 * token and no key starting with it has that many words (its spans: bit
 * w for w words, bit 31 for 31 or more). */
static bool key_words_may(const struct tokens *tk, long b, const struct lexicon *lx,
			  size_t words)
{
	const struct token *t = &tk->v[b];
	if ((~t->in_tables & lx->bit) != 0)
		return false;
	if (!tk->tables_known || lx->bit == 0 || t->spans == NULL || lx->max_words == 1)
		return true;
	uint32_t spans = t->spans[token_index_rank(t->in_tables, lx->bit)];
	return (spans & (UINT32_C(1) << (words >= 31 ? 31 : words))) != 0;
}

static bool any_entry(const struct lex_entry *e, const void *ctx)
{
	(void)e;
	(void)ctx;
	return true;
}

/* May lx have the key that tokens [b, end] spell, joined as tokens_match
 * joins them (the first token's fold, then a space before each token
 * that white space sets off, and its fold)? One lookup by the key's hash
 * and length, which are all it compares: a no is sure, and a yes is for
 * tokens_match to confirm. */
static bool key_may_be(const struct tokens *tk, long b, long end, const struct lexicon *lx)
{
	const struct token *t = &tk->v[b];
	/* Where tokens b and b + 1 are each a word of the key on their own
	 * (white space before b + 1, and b + 2 past the end or set off too:
	 * a token holds none), they are its first two words, which the
	 * table's filter of first pairs may rule out at once. */
	if (b < end && tk->v[b + 1].space_before && (b + 2 > end || tk->v[b + 2].space_before) &&
	    !lexicon_may_begin(lx, t->fold_hash, tk->v[b + 1].fold_hash))
		return false;
	uint64_t h = t->fold_hash;
	size_t len = t->fold_len;
	for (long k = b + 1; k <= end; k++) {
		const struct token *u = &tk->v[k];
		if (u->space_before) {
			h = hash_more(h, " ", 1);
			len++;
		}
		h = hash_more(h, u->fold, u->fold_len);
		len += u->fold_len;
	}
	return lexicon_get_hashed_by(lx, len, h, any_entry, NULL) != NULL;
}

/* tokens_match at token b, which the caller knows lx has a key of one
 * token for (key_may_be), told without it where no key of more tokens
 * may start at b: the next token is set off by white space, as is the one
 * after it (or there is none), and the two make no pair that a key of lx
 * begins with (lexicon_may_begin), or there is no next token. Then
 * tokens_match reads the key of token b alone, which is a lookup of its
 * fold and lex_case_ok on its text. (A fold of more bytes than a key of
 * tokens_match may have is left to it.) */
static const struct lex_entry *match_lone(const struct tokens *tk, long b,
					  const struct lexicon *lx, size_t *n)
{
	const struct token *t = &tk->v[b];
	size_t next = (size_t)b + 1;
	if (t->fold_len >= 64 ||
	    (next < tk->n &&
	     (!tk->v[next].space_before ||
	      (next + 1 < tk->n && !tk->v[next + 1].space_before) ||
	      lexicon_may_begin(lx, t->fold_hash, tk->v[next].fold_hash))))
		return tokens_match(tk, (size_t)b, lx, n);
	const struct lex_entry *e = lexicon_get_hashed(lx, t->fold, t->fold_len, t->fold_hash);
	if (e == NULL || !lex_case_ok(e, tk->text + t->start, t->end - t->start)) {
		*n = 0;
		return NULL;
	}
	*n = 1;
	return e;
}

const struct lex_entry *phrase_ending(const struct sent *s, const struct lexicon *lx,
				      const struct key_ends *ends, long end, long *start)
{
	const struct tokens *tk = s->tk;
	long span = (long)lx->max_words + 2; /* a key's punctuation is tokens too ("approx.") */
	long first = end - span < (long)s->s0 ? (long)s->s0 : end - span;
	/* No match from before the end of the tokens ends past them. */
	if (first > end || end >= (long)tk->n)
		return NULL;
	/* A key that tokens [b, end] spell ends with the fold of token end
	 * (key_may_be's joining): most tokens end as no key does. */
	if (ends != NULL && !key_ends_may(ends, tk->v[end].fold, tk->v[end].fold_len))
		return NULL;
	/* The words of tokens [b, end] as a key: the first, and each later
	 * one that white space sets off (punctuation glued to a word is part
	 * of it), as tokens_match joins them. A key that starts at b and ends
	 * at end has that many; tokens_match reads no key of more words than
	 * the table's longest (max_words), so the starts begin at the
	 * earliest that has no more. */
	long b = end;
	size_t words = 1;
	while (b > first && words + tk->v[b].space_before <= lx->max_words)
		words += tk->v[b--].space_before;
	/* The earliest start wins, with the longest key from it: tokens_match
	 * from b must end at end, which it cannot where lx has no key of
	 * tokens [b, end] (its key of that many tokens is the same one). */
	for (; b <= end; b++) {
		size_t n;
		const struct lex_entry *e =
			!key_words_may(tk, b, lx, words) || !key_may_be(tk, b, end, lx) ? NULL
			: b == end ? match_lone(tk, b, lx, &n)
				   : tokens_match(tk, (size_t)b, lx, &n);
		if (e != NULL && b + (long)n - 1 == end) {
			*start = b;
			return e;
		}
		/* From b + 1, the key has one word less if token b + 1 begins a
		 * word; if it is glued to token b, it is the same word. */
		if (b < end)
			words -= tk->v[b + 1].space_before;
	}
	return NULL;
}

const struct lex_entry *phrase_at(const struct sent *s, const struct lexicon *lx, long k, long *end)
{
	if (!phrase_in(s, k))
		return NULL;
	size_t n;
	const struct lex_entry *e = tokens_match(s->tk, (size_t)k, lx, &n);
	if (e == NULL || k + (long)n > (long)s->s1)
		return NULL;
	*end = k + (long)n;
	return e;
}

static bool tok_to(const struct sent *s, long k)
{
	return token_is(phrase_tok(s, k), "to");
}

/* A one-word entry of figure_verbs.tsv or of the reporting verbs. */
static bool verb_word(const struct sent *s, long k)
{
	const struct token *t = phrase_tok(s, k);
	return token_lookup(&s->t->figure_verbs, t) ||
	       token_lookup(&s->t->verbs, t);
}

bool phrase_verb(const struct sent *s, long k)
{
	if (!phrase_in(s, k) || phrase_tok(s, k)->kind != TOKEN_WORD)
		return false;
	if (phrase_is(s, k, GRAM_AUX) || phrase_is(s, k, GRAM_NEGATION))
		return true;
	if (!verb_word(s, k) && !phrase_is(s, k, GRAM_VERB))
		return false;
	/* "the cost of the ferry", "the growth", "plans of": a noun after all */
	bool after_det =
		phrase_is(s, k - 1, GRAM_DET) || (phrase_is(s, k - 1, GRAM_PREP) && !tok_to(s, k - 1));
	/* "the growth of exports", "industrial growth in the region" */
	bool before_of = phrase_is(s, k + 1, GRAM_NOUN_PREP);
	return !after_det && !before_of;
}

/* Classes of figure_grammar.tsv whose words may stand in a noun phrase:
 * "the second stage", "the high prices", "the end of the season". */
static bool content_class(unsigned cls)
{
	return (cls & ~(unsigned)(GRAM_VERB | GRAM_TIME | GRAM_TIME_ORDER | GRAM_DIMENSION)) == 0;
}

bool phrase_noun_like(const struct sent *s, long k)
{
	return phrase_in(s, k) && phrase_tok(s, k)->kind == TOKEN_WORD &&
	       content_class(phrase_class(s, k)) && !phrase_verb(s, k) &&
	       phrase_figure_at(s, k) < 0;
}

static bool past_tense(const struct token *t)
{
	return t->kind == TOKEN_WORD && !t->upper && t->fold_len > 4 &&
	       strcmp(t->fold + t->fold_len - 2, "ed") == 0 &&
	       strcmp(t->fold + t->fold_len - 3, "eed") != 0;
}

bool phrase_time_noun(const struct sent *s, long k)
{
	if (!phrase_in(s, k) || phrase_tok(s, k)->kind != TOKEN_WORD)
		return false;
	const struct token *t = phrase_tok(s, k);
	return phrase_is(s, k, GRAM_TIME) ||
	       token_lookup(&s->t->time_units, t) != NULL;
}

/* A phrase of time at token k (after its determiners): a noun of time,
 * alone or after a word that orders it ("the first half of the year",
 * "the past week"). */
static bool time_phrase(const struct sent *s, long k)
{
	return phrase_time_noun(s, k) ||
	       (phrase_is(s, k, GRAM_TIME_ORDER) && phrase_time_noun(s, k + 1));
}

/* Counts word t into a phrase: false when that makes it too long (more
 * than RUN_MAX lowercase words in a row, or NP_MAX_WORDS in all). */
static bool phrase_room(const struct token *t, long *run, long *words)
{
	if (!t->upper && ++*run > RUN_MAX)
		return false;
	return ++*words <= NP_MAX_WORDS;
}

/* The possessive "'s" of "the region's gold production". */
static bool possessive(const struct token *t)
{
	return t->kind == TOKEN_WORD && t->fold_len >= 2 && t->fold[t->fold_len - 1] == 's' &&
	       !t->space_before && (t->fold[0] == '\'' || (unsigned char)t->fold[0] == 0xE2);
}

/* "and", "or": a word that joins two noun phrases (figure_grammar.tsv). */
static bool is_and_or(const struct sent *s, long k)
{
	return phrase_is(s, k, GRAM_JOINS);
}

/* Trims from the end of a phrase what is no part of it: a date ("the
 * turnover last year") with its preposition, adverbs ("the catch itself",
 * "there"), quote marks. */
static long trim_right(const struct sent *s, long e)
{
	while (phrase_in(s, e)) {
		long f = phrase_figure_at(s, e);
		if (f >= 0 && s->v[s->first + f].kind == FIGURE_DATE) {
			e = (long)s->sp[s->first + f].first - 1;
			if (phrase_is(s, e, GRAM_PREP) || phrase_is(s, e, GRAM_TIME_PREP))
				e--;
			continue;
		}
		const struct token *t = phrase_tok(s, e);
		if (phrase_is(s, e, GRAM_ADVERB) || phrase_is(s, e, GRAM_NEGATION) ||
		    (t->kind == TOKEN_PUNCT && cp_is_quote(t->cp))) {
			e--;
			continue;
		}
		break;
	}
	return e;
}

bool phrase_left(const struct sent *s, long e, bool full, struct phrase *out)
{
	out->hit = -1;
	e = trim_right(s, e);
	/* "harvested 210 thousand tonnes": a past tense is no noun phrase's end */
	if (phrase_in(s, e) && past_tense(phrase_tok(s, e)))
		return false;
	long b = -1, words = 0, run = 0;
	for (long i = e; phrase_in(s, i); i--) {
		const struct token *t = phrase_tok(s, i);
		long f = phrase_figure_at(s, i);
		if (f >= 0) {
			/* a date ends it; another figure is what it is said of */
			if (s->v[s->first + f].kind != FIGURE_DATE)
				out->hit = f;
			break;
		}
		if (t->kind == TOKEN_PUNCT) {
			if (cp_is_quote(t->cp) && b >= 0)
				continue; /* 'of the "Leader" type' */
			/* "the Blagoveshchensk - Heihe bridge": a dash inside a name */
			if (full && b >= 0 && cp_is_dash(t->cp) && phrase_tok(s, i + 1)->upper &&
			    phrase_in(s, i - 1) && phrase_tok(s, i - 1)->kind == TOKEN_WORD &&
			    phrase_tok(s, i - 1)->upper)
				continue;
			break;
		}
		if (t->kind != TOKEN_WORD)
			break;
		if (possessive(t) && b >= 0) {
			run = 0;
			continue;
		}
		unsigned cls = phrase_class(s, i);
		if (cls & GRAM_DET) {
			if (b < 0)
				break;
			b = i;
			run = 0;
			if (full && phrase_is(s, i - 1, GRAM_TIME_PREP))
				continue; /* "since the opening": read as a time next */
			/* "of the ports": a preposition joins it to the noun before */
			if (full && phrase_is(s, i - 1, GRAM_PREP) && phrase_noun_like(s, i - 2))
				continue;
			if (full && phrase_is(s, i - 1, GRAM_PREP) && phrase_figure_at(s, i - 2) >= 0)
				out->hit = phrase_figure_at(s, i - 2);
			break;
		}
		if (cls & GRAM_PREP) {
			if (b < 0 || (!full && !is_and_or(s, i)))
				break;
			/* "between the region and the island"; but "..., and the share" */
			if (is_and_or(s, i) && phrase_is(s, i + 1, GRAM_DET) &&
			    !phrase_noun_like(s, i - 1))
				break;
			if (phrase_figure_at(s, i - 1) >= 0) {
				out->hit = phrase_figure_at(s, i - 1);
				break;
			}
			/* "sales of fish and of meat" */
			if (!is_and_or(s, i) && phrase_in(s, i - 1) &&
			    is_and_or(s, i - 1) && phrase_noun_like(s, i - 2)) {
				run = 0;
				continue;
			}
			if (!phrase_noun_like(s, i - 1))
				break;
			run = 0;
			continue;
		}
		if ((cls & GRAM_TIME_PREP) && b >= 0) {
			/* "the turnover of the crossing since the opening": a time */
			e = trim_right(s, i - 1);
			b = -1;
			run = words = 0;
			i = e + 1;
			continue;
		}
		/* the word right before the verb is the noun even if it may be a
		 * verb: "agricultural growth amounted to 5.5%" */
		bool head = i == e && verb_word(s, i) && !phrase_is(s, i, GRAM_VERB);
		if (!content_class(cls) || (phrase_verb(s, i) && !head))
			break;
		/* "in the 11-month period transshipment of timber totaled": a
		 * noun of time before the phrase is when, not part of it */
		if (b >= 0 && phrase_time_noun(s, i) && !phrase_is(s, i + 1, GRAM_PREP))
			break;
		/* "signed contracts": a past tense before its object; "housing
		 * commissioned in the region": a participle before a preposition */
		if ((past_tense(t) && (!full || !phrase_is(s, i + 1, GRAM_PREP))) ||
		    !phrase_room(t, &run, &words))
			break;
		b = i;
	}
	if (b < 0)
		return false;
	while (b <= e && (phrase_is(s, b, GRAM_DET) || phrase_is(s, b, GRAM_PREP)))
		b++;
	if (b > e)
		return false;
	out->first = b;
	out->last = e;
	return true;
}

bool phrase_right(const struct sent *s, long b, struct phrase *out)
{
	out->hit = -1;
	while (phrase_is(s, b, GRAM_DET))
		b++;
	long e = -1, words = 0, run = 0;
	for (long i = b; phrase_in(s, i); i++) {
		const struct token *t = phrase_tok(s, i);
		long end;
		if (t->kind != TOKEN_WORD || phrase_figure_at(s, i) >= 0 ||
		    phrase_at(s, &s->t->figure_rates, i, &end))
			break;
		unsigned cls = phrase_class(s, i);
		if ((cls & GRAM_DET) && e >= 0) {
			run = 0;
			continue;
		}
		if ((cls & GRAM_PREP) && e >= 0 && !token_is(t, "per")) {
			/* "sea urchin and crab", "the road to the checkpoint"; but "in
			 * the first half of the year" says when */
			long n = i + 1;
			while (phrase_is(s, n, GRAM_DET))
				n++;
			if (!phrase_noun_like(s, n) || time_phrase(s, n))
				break;
			run = 0;
			continue;
		}
		/* "of the freight cost.": a word of change or level that ends the
		 * phrase is its noun */
		bool ends = !phrase_in(s, i + 1) || phrase_tok(s, i + 1)->kind == TOKEN_PUNCT ||
			    phrase_is(s, i + 1, GRAM_PREP);
		if (!content_class(cls) || phrase_is(s, i, GRAM_VERB) ||
		    (phrase_verb(s, i) && !(ends && verb_word(s, i))))
			break;
		/* "3,200 tonnes of soybeans arrived": a past tense after the noun */
		if ((e >= 0 && past_tense(t)) || !phrase_room(t, &run, &words))
			break;
		e = i;
	}
	if (e < 0)
		return false;
	out->first = b;
	out->last = e;
	return true;
}
