/* figure_context.c - what a sentence says about each of its figures beyond
 * the value (see figures_extract.h): the measure it is the size of, whether it is
 * the size of a change, its qualifier, the unit of a rate, and the dates it
 * refers to and is compared with. The words are in figure_verbs.tsv,
 * figure_qualifiers.tsv, figure_rates.tsv and figure_grammar.tsv; the noun
 * phrases are figure_phrases.c's. tests/gold/README.md says the same
 * rules as annotation conventions.
 *
 * The measure, read from the grammar of the genre:
 * - the subject of a verb of level or change whose complement the figure
 *   is ("the freight traffic between the ports ... fell by 41%", "the
 *   cost of the ferry was 5.6 billion rubles", "the share ... increased to
 *   17%"), across auxiliaries, adverbs, dates and words set off by commas;
 *   a second verb joined by "and" shares it ("fell by 41% and amounted to
 *   27 million dollars"), a relative clause takes it from its antecedent
 *   ("a catch of 320 thousand tons, which is 15 percent more"; "the
 *   railway tariff, which has grown 1.5 times"), a pronoun subject from the
 *   figure before ("while in 2020 it was only 8.5%");
 * - the object of a verb of change or of "bring ... to" ("increase the
 *   flow of goods by 30%");
 * - the noun before "of", "worth", "for" or "at" the figure ("a loan of 2.5
 *   billion euros", "projects worth about 8.5 million euros", "a farm for
 *   60 thousand heads", "the expenses at 151 billion rubles"), before a
 *   dash or colon ("mining - 29%"), or before a comma and "360 km long";
 * - after the figure, the whole that a percent is a share of ("18% of the
 *   catch"), what a quantity or sum is of ("47.6 tons of gold") when
 *   nothing names it before, what "three times more" is more of; a count
 *   counts its unit and has none;
 * - figures joined by "and" or ", or" share it ("stakes of 12.5% and 10%").
 * The change: a verb or noun of change with "by" or right before the
 * figure ("grew by 27%", "grew 1.5 times", "an increase of 5%"), a
 * comparative after it or before "by" ("4% less than last year", "cheaper
 * by 25%"), a noun of change as the measure ("growth amounted to 5%"), a
 * sign ("+5%"); "rose to 40 thousand" is a level. The dates: "than last
 * year" or "compared with 2020" is what a figure is compared with, "since
 * 2014" what a change is; the period is the date of the figure's clause,
 * else of the clauses before it (back to a ";"), else a date that opens
 * the sentence ("In 2023, ..."); none for a distance or a dimension.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "figure_context.h"

/* How a figure's measure was found: a relative clause may take any from
 * its antecedent, a figure joined by "and" only one said of it. */
enum measure_source { SOURCE_NONE, SOURCE_SAID, SOURCE_WHOLE };

struct note {
	long q0;   /* first token of the qualifier, or of the figure */
	long tail; /* one past the figure, its "of" phrase and its rate */
	enum measure_source src;
	long m0, m1;  /* the tokens of the measure, when src is set */
	bool negated; /* "did not fall below" */
	bool level;   /* a qualifier that places a level ("below", "above") */
	enum qualifier qualifier; /* when the figure has one */
};

enum date_role { DATE_FRAME, DATE_DEADLINE, DATE_SINCE, DATE_BASE };

/* Parts of a sentence that a date reaches: a new one starts at ";", at a
 * comma before a conjunction or relative word, and at "that", "while"; a
 * relative clause set off by commas ends at the next one ("In the city,
 * where 200 thousand people live, the buses will appear next year"). */
enum seg_kind {
	SEG_MAIN,
	SEG_AND,      /* ", and ...", "that ...": the date of the clause before, if any */
	SEG_RELATIVE, /* ", which ...": the date of the clause it depends on */
	SEG_CONTRAST, /* "while ...": likewise */
	SEG_RESUME,   /* the clause a relative clause interrupted */
	SEG_APART     /* after ";": only its own dates */
};

struct reading {
	struct sent s;
	struct note *notes;    /* per figure of the sentence */
	enum date_role *roles; /* per figure (dates only) */
	size_t *seg;           /* per token of the sentence */
	enum seg_kind *kinds;  /* per segment */
	long *scan;            /* 2 per figure: read_dates' nearest dates */
	long *ends;            /* per token: the figure whose tail ends there, or -1 */
};

static struct figure *fig(struct reading *r, long f)
{
	return &r->s.v[r->s.first + (size_t)f];
}

static const struct figure_span *span(const struct reading *r, long f)
{
	return &r->s.sp[r->s.first + (size_t)f];
}

static bool is_date(struct reading *r, long f)
{
	return fig(r, f)->kind == FIGURE_DATE;
}

/* Inline, as figure_context.h's helpers, and so that token_is sees the
 * length of the literal word. */
static inline bool tok_is(const struct sent *s, long k, const char *w)
{
	return phrase_in(s, k) && token_is(phrase_tok(s, k), w);
}

static inline bool tok_punct(const struct sent *s, long k, uint32_t cp)
{
	return phrase_in(s, k) && token_is_punct(phrase_tok(s, k), cp);
}

static int set_measure(struct reading *r, long f, const struct phrase *ph, enum measure_source src)
{
	struct figure *g = fig(r, f);
	if (g->measure != NULL)
		return 0;
	const struct tokens *tk = r->s.tk;
	g->measure = para_dup(r->s.x, r->s.p, tk->v[ph->first].start, tk->v[ph->last].end);
	r->notes[f].src = src;
	r->notes[f].m0 = ph->first;
	r->notes[f].m1 = ph->last;
	return g->measure ? 0 : -1;
}

/* Takes the measure (and how it was found) of figure from. */
static void share_measure(struct reading *r, long f, long from)
{
	if (fig(r, f)->measure == NULL && fig(r, from)->measure != NULL) {
		fig(r, f)->measure = fig(r, from)->measure;
		r->notes[f].src = r->notes[from].src;
		r->notes[f].m0 = r->notes[from].m0;
		r->notes[f].m1 = r->notes[from].m1;
	}
}

static enum figure_change direction(const struct lex_entry *e)
{
	if (e->value_tag == FIGVERB_INCREASE || e->value_tag == FIGVERB_MORE)
		return FIGURE_INCREASE;
	if (e->value_tag == FIGVERB_DECREASE || e->value_tag == FIGVERB_LESS)
		return FIGURE_DECREASE;
	return FIGURE_NO_CHANGE;
}

/* Is e an entry of figure_verbs.tsv of role a or b? */
static bool is_role(const struct lex_entry *e, enum figure_verb_role a, enum figure_verb_role b)
{
	return e != NULL && (e->value_tag == a || e->value_tag == b);
}

/* The entry of figure_verbs.tsv that ends at token end (phrase_ending). */
static const struct lex_entry *verb_ending(const struct sent *s, long end, long *start)
{
	return phrase_ending(s, &s->t->figure_verbs, &s->t->figure_verbs_ends, end, start);
}

static const char *table_copy(struct reading *r, const char *s)
{
	return arena_strdup(&r->s.x->a->arena, s);
}

/* A span of time: a quantity in a unit of time ("nine years"). */
static bool time_span(const struct reading *r, const struct figure *g)
{
	return g->kind == FIGURE_QUANTITY && g->unit &&
	       lexicon_get(&r->s.t->time_units, g->unit, strlen(g->unit)) != NULL;
}

static void set_qualifier(struct figure *g, struct note *nt, enum qualifier q)
{
	nt->qualifier = q;
	g->qualifier = qualifier_name(q); /* static: it outlives the tables */
}

/* "about 3 billion", "more than 2,000", "50 tons or more". */
static int read_qualifier(struct reading *r, long f)
{
	const struct sent *s = &r->s;
	struct figure *g = fig(r, f);
	struct note *nt = &r->notes[f];
	long f0 = (long)span(r, f)->first, f1 = (long)span(r, f)->last, start, end;
	nt->q0 = f0;
	const struct lex_entry *e =
		phrase_ending(s, &s->t->figure_qualifiers, &s->t->figure_qualifiers_ends, f0 - 1, &start);
	if (e != NULL && e->extra_tag == QUALIFIER_NOT_SPAN && time_span(r, g))
		e = NULL; /* "over nine years" */
	if (e != NULL && e->extra_tag != QUALIFIER_AFTER) {
		nt->q0 = start;
		nt->level = e->extra_tag == QUALIFIER_LEVEL;
	} else {
		e = phrase_at(s, &s->t->figure_qualifiers, f1, &end);
		if (e != NULL && e->extra_tag != QUALIFIER_AFTER)
			e = NULL;
	}
	if (e != NULL)
		set_qualifier(g, nt, (enum qualifier)e->value_tag);
	return 0;
}

/* The rate at token k: "per year", "a day", "per truck". Sets *end. */
static const char *rate_at(struct reading *r, long k, long *end, char *word, size_t cap)
{
	const struct sent *s = &r->s;
	const struct lex_entry *e = phrase_at(s, &s->t->figure_rates, k, end);
	if (e != NULL)
		return e->value;
	if (tok_is(s, k, "per") && phrase_noun_like(s, k + 1) && !phrase_tok(s, k + 1)->upper) {
		const struct token *t = phrase_tok(s, k + 1);
		if (t->fold_len + 1 > cap)
			return NULL;
		memcpy(word, t->fold, t->fold_len);
		word[t->fold_len] = '\0';
		*end = k + 2;
		return word;
	}
	return NULL;
}

/* The "of" phrase after a figure ("tons of gold"), its rate ("tons of ore
 * per day", "40 trucks a day"), and where the two end. */
static int read_tail(struct reading *r, long f)
{
	struct sent *s = &r->s;
	struct note *nt = &r->notes[f];
	struct figure *g = fig(r, f);
	long k = (long)span(r, f)->last, end;
	char word[64];
	const char *per = rate_at(r, k, &end, word, sizeof word);
	struct phrase ph;
	if (per == NULL && tok_is(s, k, "of") && phrase_right(s, k + 1, &ph)) {
		k = ph.last + 1;
		per = rate_at(r, k, &end, word, sizeof word);
	}
	nt->tail = per ? end : k;
	if (per != NULL && g->kind != FIGURE_DATE && (g->per = table_copy(r, per)) == NULL)
		return -1;
	return 0;
}

/* The noun phrase after "of", for a percent ("18% of the catch") before
 * all else, for a quantity or sum ("47.6 tons of gold") when nothing else
 * names the measure. */
static int read_whole(struct reading *r, long f)
{
	const struct sent *s = &r->s;
	long f1 = (long)span(r, f)->last;
	struct phrase ph;
	if (tok_is(s, f1, "of") && phrase_right(s, f1 + 1, &ph))
		return set_measure(r, f, &ph, SOURCE_WHOLE);
	return 0;
}

/* Skips, leftwards from k, what stands between a verb and its subject:
 * auxiliaries, negations, adverbs, the "to" of "is expected to reach". */
static long skip_auxiliaries(struct reading *r, long f, long k)
{
	const struct sent *s = &r->s;
	while (phrase_in(s, k) && (phrase_is(s, k, GRAM_AUX) || phrase_is(s, k, GRAM_NEGATION) ||
				   phrase_is(s, k, GRAM_ADVERB) || tok_is(s, k, "to"))) {
		if (phrase_is(s, k, GRAM_NEGATION))
			r->notes[f].negated = true;
		k--;
	}
	return k;
}

/* Does a verb or noun of change end at token k? */
static bool change_ends_at(const struct sent *s, long k)
{
	long start;
	return is_role(verb_ending(s, k, &start), FIGVERB_INCREASE, FIGVERB_DECREASE);
}

/* Skips, leftwards from k, what may stand between a verb and the figure
 * it governs: a date and its preposition ("increase exports by 2025 up to
 * $1.5 billion"), the old value of "fell from 37.5% to 21%", the change
 * of "has risen by a quarter, to 15 million rubles", adverbs. */
static long skip_between(struct reading *r, long f, long k, bool to)
{
	const struct sent *s = &r->s;
	for (;;) {
		long g = phrase_figure_at(s, k);
		if (g >= 0 && g != f && fig(r, g)->kind == FIGURE_DATE) {
			k = (long)span(r, g)->first - 1;
			if (phrase_is(s, k, GRAM_PREP) || phrase_is(s, k, GRAM_TIME_PREP))
				k--;
			continue;
		}
		/* "fell from 37.5% to 21%", "grew 3.1 times to 2.2 thousand tons" */
		if (to && g >= 0 && g != f && (long)span(r, g)->last - 1 == k) {
			k = (long)span(r, g)->first - 1;
			if (tok_is(s, k, "from") || tok_is(s, k, "by"))
				k--;
			continue;
		}
		if (to && tok_punct(s, k, ',')) {
			for (long b = k - 1; b >= k - 6 && phrase_in(s, b); b--) {
				if (tok_is(s, b, "by") && change_ends_at(s, b - 1)) {
					k = b - 1;
					break;
				}
			}
			if (tok_punct(s, k, ','))
				return k;
			continue;
		}
		if (phrase_is(s, k, GRAM_ADVERB)) {
			k--;
			continue;
		}
		/* "amounted over the reported period to": a phrase of time */
		long p = k;
		while (p > k - 4 && phrase_in(s, p) && !phrase_is(s, p, GRAM_PREP) &&
		       !phrase_is(s, p, GRAM_TIME_PREP) && phrase_tok(s, p)->kind == TOKEN_WORD)
			p--;
		if (p < k && (phrase_is(s, p, GRAM_PREP) || phrase_is(s, p, GRAM_TIME_PREP)) &&
		    phrase_time_noun(s, k)) {
			k = p - 1;
			continue;
		}
		return k;
	}
}

/* The figure whose tail or text ends at token k, -1 if none. */
static long figure_ending_at(const struct reading *r, long k)
{
	if (!phrase_in(&r->s, k))
		return -1;
	long g = phrase_figure_at(&r->s, k);
	if (g >= 0 && (long)span(r, g)->last - 1 == k)
		return g;
	return r->ends[k - (long)r->s.s0];
}

/* Where the clause that holds token k begins: after the last comma, colon,
 * semicolon or word of clause before it, past a date that opens it ("Since
 * 2020 the emissions ..."). */
static long clause_start(struct reading *r, long k)
{
	const struct sent *s = &r->s;
	long b = k;
	while (phrase_in(s, b - 1) && !tok_punct(s, b - 1, ',') && !tok_punct(s, b - 1, ';') &&
	       !tok_punct(s, b - 1, ':') && !phrase_is(s, b - 1, GRAM_CLAUSE) &&
	       !(phrase_tok(s, b - 1)->kind == TOKEN_PUNCT &&
		 cp_is_dash(phrase_tok(s, b - 1)->cp) && phrase_tok(s, b - 1)->space_before))
		b--;
	for (;;) {
		long g = phrase_figure_at(s, b);
		if (phrase_is(s, b, GRAM_PREP) || phrase_is(s, b, GRAM_TIME_PREP) ||
		    phrase_is(s, b, GRAM_ADVERB))
			b++;
		else if (g >= 0 && fig(r, g)->kind == FIGURE_DATE)
			b = (long)span(r, g)->last;
		else
			return b;
	}
}

static bool is_singular(const struct sent *s, const struct phrase *ph)
{
	const struct token *t = phrase_tok(s, ph->last);
	return t->fold_len > 1 && t->fold[t->fold_len - 1] != 's';
}

/* The subject of the verb before token k + 1, for figure f. */
static int read_subject(struct reading *r, long f, long k)
{
	const struct sent *s = &r->s;
	struct phrase ph;
	k = skip_auxiliaries(r, f, k);
	if (!phrase_in(s, k))
		return 0;
	/* "grew by 4%, amounting to 1.3 million cars" */
	long prior = tok_punct(s, k, ',') ? figure_ending_at(r, k - 1) : -1;
	if (prior >= 0 && prior != f && !is_date(r, prior)) {
		share_measure(r, f, prior);
		return 0;
	}
	/* "The cost of the project, including ..., is estimated at": the subject
	 * is before the words set off by commas */
	if (tok_punct(s, k, ',') && !phrase_is(s, k + 1, GRAM_CLAUSE)) {
		long b = k - 1;
		while (phrase_in(s, b) && b > k - 12 && !tok_punct(s, b, ','))
			b--;
		if (!tok_punct(s, b, ','))
			return 0;
		k = b - 1;
	}
	/* "grew by 0.2%, year-on-year, amounting to 18 thousand tons": the
	 * figure before stands where the subject would */
	/* "86.9 thousand tons of pipes (decreased 4.4-fold)" */
	if (tok_punct(s, k, '(') && figure_ending_at(r, k - 1) >= 0)
		k--;
	prior = figure_ending_at(r, k);
	if (prior >= 0 && prior != f && !is_date(r, prior)) {
		share_measure(r, f, prior);
		return 0;
	}
	/* "fell by 41% and amounted to": the subject of the verb before, that
	 * of the figure before, or else the one the clause begins with */
	if (tok_is(s, k, "and")) {
		if (f > 0 && !is_date(r, f - 1) && r->notes[f - 1].tail <= k &&
		    k - r->notes[f - 1].tail <= 3) {
			if (r->notes[f - 1].src == SOURCE_SAID)
				share_measure(r, f, f - 1);
			return 0;
		}
		if (phrase_right(s, clause_start(r, k), &ph) && ph.last < k)
			return set_measure(r, f, &ph, SOURCE_SAID);
		return 0;
	}
	/* ", which is 15 percent more", ", that is 3 times more" */
	if (phrase_is(s, k, GRAM_CLAUSE)) {
		if (!tok_punct(s, k - 1, ','))
			return 0;
		long ante = figure_ending_at(r, k - 2);
		if (ante < 0 && phrase_left(s, k - 2, true, &ph)) {
			if (ph.hit < 0)
				return set_measure(r, f, &ph, SOURCE_SAID);
			ante = ph.hit;
		}
		if (ante >= 0 && ante != f)
			share_measure(r, f, ante);
		return 0;
	}
	/* "while in 2020 it was only 8.5%": what the sentence spoke of */
	if (phrase_is(s, k, GRAM_PRONOUN)) {
		long before = f - 1;
		while (before >= 0 && is_date(r, before))
			before--;
		if (phrase_is(s, k, GRAM_ANAPHOR) && before >= 0 &&
		    r->notes[before].src == SOURCE_SAID)
			share_measure(r, f, before);
		return 0;
	}
	if (phrase_left(s, k, true, &ph) && ph.hit != f)
		return set_measure(r, f, &ph, SOURCE_SAID);
	return 0;
}

/* A comparative before "than ... by": "shorter than through Suez by almost
 * 7,000 km". Returns the token before it, or 0 with *e NULL. */
static long comparative_before_than(const struct sent *s, long k, const struct lex_entry **e)
{
	*e = NULL;
	for (long b = k; b > k - 8 && phrase_in(s, b); b--) {
		if (phrase_tok(s, b)->kind == TOKEN_PUNCT || phrase_figure_at(s, b) >= 0)
			return 0;
		long start;
		const struct lex_entry *c;
		if (tok_is(s, b, "than") &&
		    (c = verb_ending(s, b - 1, &start)) != NULL &&
		    is_role(c, FIGVERB_MORE, FIGVERB_LESS)) {
			*e = c;
			return start - 1;
		}
	}
	return 0;
}

/* The first token of the noun phrase ph with its determiners. */
static long with_determiners(const struct sent *s, const struct phrase *ph)
{
	long b = ph->first;
	while (phrase_is(s, b - 1, GRAM_DET))
		b--;
	return b;
}

/* What read_joined and read_noun_before return when they found nothing to
 * say and the verb before the figure is to be read. */
enum { READ_ON = 1 };

/* A figure said together with the one before it: a sign ("+5%",
 * "(-13.7%)"), brackets after a figure ("337 thousand tons (+73.5%)"),
 * "and"/", or" ("stakes of 12.5% and 10%"). t is token k, before the
 * figure. Returns 0 when done, READ_ON otherwise. */
static int read_joined(struct reading *r, long f, long k, const struct token *t)
{
	const struct sent *s = &r->s;
	struct figure *g = fig(r, f);
	long f0 = (long)span(r, f)->first;
	bool signed_change = false;
	if (f0 > (long)s->s0 && !phrase_tok(s, f0)->space_before && t->kind == TOKEN_PUNCT) {
		bool opens = !t->space_before || k == (long)s->s0 || tok_punct(s, k - 1, '(');
		if (t->cp == '+')
			g->change = FIGURE_INCREASE;
		else if (g->kind == FIGURE_PERCENT && cp_is_dash(t->cp) &&
			 (t->space_before || opens))
			g->change = FIGURE_DECREASE;
		signed_change = g->change != FIGURE_NO_CHANGE;
	}
	long open = signed_change ? k - 1 : k;
	if (tok_punct(s, open, '(') && f > 0 && r->notes[f - 1].tail == open) {
		share_measure(r, f, f - 1);
		return 0;
	}
	long joined = f > 0 && tok_punct(s, k - 1, ',') && token_is(t, "or") ? k - 1 : k;
	if (phrase_is(s, k, GRAM_JOINS) && f > 0 && r->notes[f - 1].tail == joined) {
		if (r->notes[f - 1].src == SOURCE_SAID) {
			share_measure(r, f, f - 1);
			if (g->change == FIGURE_NO_CHANGE)
				g->change = fig(r, f - 1)->change;
		}
		return 0;
	}
	return READ_ON;
}

/* A noun right before the figure that it is said of: before a dash or a
 * colon ("mining - 29%"), a comma and "360 km long", "of which 85%",
 * "with total capacity at least 4,500 tonnes", "of" ("a loan of 2.5
 * billion euros", "an increase of 5%"), "worth", "for" (a capacity or a
 * price), "at" (a rate or a sum). Returns 0 or -1 when done, READ_ON when
 * a verb is to be read. */
static int read_noun_before(struct reading *r, long f, long k, const struct token *t)
{
	const struct sent *s = &r->s;
	struct figure *g = fig(r, f);
	long f0 = (long)span(r, f)->first, f1 = (long)span(r, f)->last, start;
	struct phrase ph;
	const struct lex_entry *e;
	if (t->kind == TOKEN_PUNCT && ((cp_is_dash(t->cp) && t->space_before) || t->cp == ':')) {
		if (!phrase_left(s, k - 1, false, &ph) || ph.hit >= 0)
			return 0;
		long before = with_determiners(s, &ph) - 1;
		bool opens = !phrase_in(s, before) || phrase_tok(s, before)->kind == TOKEN_PUNCT ||
			     tok_is(s, before, "by") || t->cp == ':';
		return opens ? set_measure(r, f, &ph, SOURCE_SAID) : 0;
	}
	if (token_is_punct(t, ',') && phrase_is(s, f1, GRAM_DIMENSION)) {
		if (phrase_left(s, k - 1, true, &ph) && ph.hit < 0)
			return set_measure(r, f, &ph, SOURCE_SAID);
		return 0;
	}
	if (tok_is(s, k, "which") && tok_is(s, k - 1, "of") && tok_punct(s, k - 2, ',')) {
		long ante = figure_ending_at(r, k - 3);
		if (ante >= 0 && ante != f)
			share_measure(r, f, ante);
		return 0;
	}
	if (r->notes[f].q0 < f0 && phrase_noun_like(s, k) && phrase_left(s, k, false, &ph) &&
	    ph.hit < 0 && tok_is(s, with_determiners(s, &ph) - 1, "with"))
		return set_measure(r, f, &ph, SOURCE_SAID);
	if (verb_ending(s, k, &start) != NULL)
		return READ_ON; /* "estimated at", "amounted to" */
	if (token_is(t, "of")) {
		if ((e = verb_ending(s, k - 1, &start)) != NULL &&
		    is_role(e, FIGVERB_INCREASE, FIGVERB_DECREASE)) {
			g->change = direction(e);
			return 0;
		}
		/* "a delegation of 24 people", not "representatives of 15 companies" */
		if (phrase_left(s, k - 1, false, &ph) && ph.hit < 0 &&
		    (g->kind != FIGURE_COUNT || is_singular(s, &ph)))
			return set_measure(r, f, &ph, SOURCE_SAID);
		return 0;
	}
	bool worth = token_is(t, "worth");
	if (worth && phrase_verb(s, k - 1)) /* "the contract is worth 1.2 billion" */
		return READ_ON;
	bool capacity = token_is(t, "for") && !time_span(r, g) &&
			(g->kind == FIGURE_COUNT || g->kind == FIGURE_QUANTITY);
	bool price = token_is(t, "for") && g->kind == FIGURE_MONEY;
	bool rate = token_is(t, "at") && (g->kind == FIGURE_PERCENT || g->kind == FIGURE_MONEY);
	if (worth || capacity || rate || price) {
		if (phrase_left(s, k - 1, worth || price, &ph) && ph.hit < 0 &&
		    (!capacity || is_singular(s, &ph)))
			return set_measure(r, f, &ph, SOURCE_SAID);
		return 0;
	}
	if (token_is(t, "for") || token_is(t, "at"))
		return 0;
	return READ_ON;
}

/* The verb before the figure at token k (and what stands between): its
 * subject or object is the measure, a verb of change with "by" or nothing
 * between makes the figure a change, "to" a level. */
static int read_verb(struct reading *r, long f, long k)
{
	struct sent *s = &r->s;
	struct figure *g = fig(r, f);
	struct note *nt = &r->notes[f];
	const struct token *t = phrase_tok(s, k);
	struct phrase ph;
	long vstart;
	const struct lex_entry *verb = verb_ending(s, k, &vstart);
	bool by = false, to = false;
	if (verb == NULL) {
		by = token_is(t, "by");
		to = token_is(t, "to") || token_is(t, "from") ||
		     (g->qualifier && nt->qualifier == QUALIFIER_UP_TO);
		if (token_is(t, "worth") || by || token_is(t, "to") || token_is(t, "from"))
			k--;
		k = skip_between(r, f, k, to);
		verb = verb_ending(s, k, &vstart);
	}
	if (verb == NULL) {
		const struct lex_entry *cmp = NULL;
		long before = by ? comparative_before_than(s, k, &cmp) : 0;
		if (cmp != NULL) { /* "shorter than through Suez by 7,000 km" */
			g->change = direction(cmp);
			return read_subject(r, f, before);
		}
		/* "increase the flow of goods by 30%" */
		if (!phrase_left(s, k, true, &ph) || ph.hit >= 0)
			return 0;
		verb = verb_ending(s, with_determiners(s, &ph) - 1, &vstart);
		/* "bring the traffic to 80 million tons": a level */
		if (is_role(verb, FIGVERB_BRING, FIGVERB_BRING) && to)
			return set_measure(r, f, &ph, SOURCE_SAID);
		if (!is_role(verb, FIGVERB_INCREASE, FIGVERB_DECREASE))
			return 0;
		if (!to && !nt->level)
			g->change = direction(verb);
		return set_measure(r, f, &ph, SOURCE_SAID);
	}
	if (is_role(verb, FIGVERB_MORE, FIGVERB_LESS)) {
		/* "cheaper by 25%", "prices higher by 12%" */
		g->change = direction(verb);
		long b = skip_auxiliaries(r, f, vstart - 1);
		if (b != vstart - 1 || phrase_verb(s, b)) /* "has become cheaper by 25%" */
			return read_subject(r, f, b);
		/* no verb: the noun right before it ("prices higher by 12%") */
		if (phrase_noun_like(s, b)) {
			ph = (struct phrase){b, b, -1};
			return set_measure(r, f, &ph, SOURCE_SAID);
		}
		return 0;
	}
	if (is_role(verb, FIGVERB_DURATION, FIGVERB_DURATION) && !time_span(r, g))
		return 0;
	if (is_role(verb, FIGVERB_INCREASE, FIGVERB_DECREASE) && !to && !nt->level)
		g->change = direction(verb);
	return read_subject(r, f, vstart - 1);
}

/* What is before the figure: the words, noun or verb that govern it, and
 * so its measure and change. */
static int read_left(struct reading *r, long f)
{
	struct sent *s = &r->s;
	struct figure *g = fig(r, f);
	long f0 = (long)span(r, f)->first;
	long k = r->notes[f].q0 - 1, start;
	while (phrase_is(s, k, GRAM_ADVERB)) /* "amounted to just 27 million" */
		k--;
	const struct lex_entry *e =
		phrase_ending(s, &s->t->figure_grammar, &s->t->grammar_lead_ends, k, &start);
	if (e != NULL && (e->value_tag & GRAM_PREP_PHRASE))
		return 0; /* "grow on account of 3 new cranes" */
	if (e != NULL && (e->value_tag & GRAM_GLUE))
		k = start - 1;
	if (!phrase_in(s, k))
		return 0;
	/* "the traffic has doubled": the figure is the verb */
	if ((e = phrase_at(s, &s->t->figure_verbs, f0, &start)) != NULL &&
	    is_role(e, FIGVERB_INCREASE, FIGVERB_DECREASE)) {
		g->change = direction(e);
		return read_subject(r, f, k);
	}
	const struct token *t = phrase_tok(s, k);
	int rc = read_joined(r, f, k, t);
	if (rc == READ_ON)
		rc = read_noun_before(r, f, k, t);
	return rc == READ_ON ? read_verb(r, f, k) : rc;
}

/* A comparative after the figure: "15% more than", "three times lower";
 * after a percent also a noun of change ("a 5% increase"). */
static int read_after(struct reading *r, long f)
{
	const struct sent *s = &r->s;
	struct figure *g = fig(r, f);
	long end;
	const struct lex_entry *e = phrase_at(s, &s->t->figure_verbs, (long)span(r, f)->last, &end);
	if (g->change != FIGURE_NO_CHANGE || e == NULL)
		return 0;
	if (is_role(e, FIGVERB_MORE, FIGVERB_LESS) ||
	    (g->kind == FIGURE_PERCENT && is_role(e, FIGVERB_INCREASE, FIGVERB_DECREASE)))
		g->change = direction(e);
	/* "three times more cargo": what there is more of; "a 15% increment of
	 * investments": what grew */
	struct phrase ph;
	if (is_role(e, FIGVERB_MORE, FIGVERB_LESS) && !tok_is(s, end, "than") &&
	    phrase_noun_like(s, end) &&
	    phrase_right(s, end, &ph))
		return set_measure(r, f, &ph, SOURCE_SAID);
	if (g->kind == FIGURE_PERCENT && is_role(e, FIGVERB_INCREASE, FIGVERB_DECREASE) &&
	    tok_is(s, end, "of") && phrase_right(s, end + 1, &ph))
		return set_measure(r, f, &ph, SOURCE_SAID);
	return 0;
}

/* "Agricultural growth amounted to 5.5%", "the decline in output was 3%":
 * a measure whose noun is a change makes its size a change. Looks at the
 * words of the measure before its first preposition. */
static enum figure_change measure_change(struct reading *r, long f)
{
	const struct sent *s = &r->s;
	const struct note *nt = &r->notes[f];
	for (long k = nt->m0; k <= nt->m1 && phrase_in(s, k) && !phrase_is(s, k, GRAM_PREP); k++) {
		const struct token *t = phrase_tok(s, k);
		const struct lex_entry *e =
			t->kind == TOKEN_WORD
				? token_lookup(&s->t->figure_verbs, t)
				: NULL;
		if (is_role(e, FIGVERB_INCREASE, FIGVERB_DECREASE))
			return direction(e);
	}
	return FIGURE_NO_CHANGE;
}

/* Splits the sentence into the parts that dates reach. */
static void segment(struct reading *r)
{
	const struct sent *s = &r->s;
	const struct token *v = s->tk->v;
	const long s0 = (long)s->s0;
	size_t cur = 0;
	r->kinds[0] = SEG_MAIN;
	r->seg[0] = 0; /* the first token opens no part */
	for (long k = s0 + 1; k < (long)s->s1; k++) {
		/* Most tokens open nothing, and a word after a word tells so by
		 * itself: of the tests below, only the contrast class, "that" and
		 * "which" can hold for it (the others need a comma at k or a
		 * ";" or "," before it). Tokens k - 1 and k are in the sentence,
		 * and read without phrase_in's bounds. */
		const struct token *t = &v[k];
		if (t->kind != TOKEN_PUNCT && v[k - 1].kind != TOKEN_PUNCT &&
		    (s->classes[k - s0] & GRAM_CONTRAST) == 0 && !token_is(t, "that") &&
		    !token_is(t, "which")) {
			r->seg[k - s0] = cur;
			continue;
		}
		int kind = -1;
		bool comma = tok_punct(s, k, ',');
		long w = comma ? k + 1 : k;
		if (tok_punct(s, k - 1, ';'))
			kind = SEG_APART;
		else if (!comma && tok_punct(s, k - 1, ','))
			kind = -1; /* the comma before opened it, if anything did */
		else if (phrase_is(s, w, GRAM_CONTRAST))
			kind = SEG_CONTRAST;
		else if (comma && phrase_is(s, w, GRAM_RELATIVE))
			kind = SEG_RELATIVE;
		else if (comma && phrase_is(s, w, GRAM_CLAUSE_JOIN))
			kind = SEG_AND; /* ", or 8%" is the same figure said again */
		else if (!comma && tok_is(s, k, "that"))
			kind = SEG_AND;
		else if (!comma && tok_is(s, k, "which"))
			kind = SEG_RELATIVE;
		else if (comma && r->kinds[cur] == SEG_RELATIVE && k > (long)s->s0 &&
			 !tok_punct(s, k - 1, ','))
			kind = SEG_RESUME;
		if (kind >= 0 && k > (long)s->s0) {
			cur++;
			r->kinds[cur] = (enum seg_kind)kind;
		}
		r->seg[k - (long)s->s0] = cur;
	}
}

static size_t seg_of(const struct reading *r, long k)
{
	return r->seg[k - (long)r->s.s0];
}

/* What the word before a date makes it: "than last year" a base, "since
 * 2014" the start of a change, "by 2030" a deadline, else the time of
 * what the clause says. */
static enum date_role date_role(const struct reading *r, long d)
{
	const struct sent *s = &r->s;
	long b = (long)span(r, d)->first - 1;
	for (long j = b; j >= b - 5 && phrase_in(s, j); j--) {
		if (phrase_tok(s, j)->kind == TOKEN_PUNCT || phrase_figure_at(s, j) >= 0)
			break;
		long start;
		const struct lex_entry *e =
			phrase_ending(s, &s->t->figure_grammar, &s->t->grammar_base_ends, j, &start);
		if (e != NULL && (e->value_tag & GRAM_BASE))
			return DATE_BASE;
	}
	const struct token *t = phrase_in(s, b) ? phrase_tok(s, b) : NULL;
	const struct lex_entry *e =
		t ? token_lookup(&s->t->figure_grammar, t) : NULL;
	if (tok_is(s, b, "in") && phrase_in(s, b - 1)) { /* "began in 2022" */
		const struct token *v = phrase_tok(s, b - 1);
		const struct lex_entry *ve =
			token_lookup(&s->t->figure_grammar, v);
		if (ve != NULL && ve->extra_tag == GRAM_DATE_SINCE)
			return DATE_SINCE;
	}
	if (e != NULL && e->extra_tag == GRAM_DATE_SINCE)
		return DATE_SINCE;
	if (e != NULL && e->extra_tag == GRAM_DATE_DEADLINE)
		return DATE_DEADLINE;
	return DATE_FRAME;
}

/* A date that opens the sentence ("In 2023, ...", "Last year the ...")
 * before any verb: it is the time of every clause. *stop is where the
 * sentence's first verb or figure is, found at the first call (-1 until
 * then): every date asked is read against the same opening, which is
 * read once, not once a date. */
static bool opens_sentence(const struct reading *r, long d, long *stop)
{
	const struct sent *s = &r->s;
	if (r->roles[d] != DATE_FRAME || seg_of(r, (long)span(r, d)->first) != 0)
		return false;
	if (*stop < 0) {
		long k = (long)s->s0;
		while (k < (long)s->s1 && !phrase_verb(s, k) && phrase_figure_at(s, k) < 0)
			k++;
		*stop = k;
	}
	return (long)span(r, d)->first <= *stop;
}

static size_t part_of(const struct reading *r, long f)
{
	return seg_of(r, (long)span(r, f)->first);
}

/* A date that may be a period: the time of a clause or its deadline. */
static bool period_date(struct reading *r, long d)
{
	return is_date(r, d) && (r->roles[d] == DATE_FRAME || r->roles[d] == DATE_DEADLINE);
}

/* Each figure's period and compared_to. Linear passes over the figures of
 * the sentence (their parts never go back), so that a sentence made of
 * thousands of figures costs no more than its length. */
static void read_dates(struct reading *r)
{
	long n = (long)r->s.n;
	long *before = r->scan, *after = r->scan + n;
	long opener = -1, stop = -1;
	for (long d = 0; d < n; d++) {
		if (!is_date(r, d))
			continue;
		r->roles[d] = date_role(r, d);
		if (opener < 0 && opens_sentence(r, d, &stop))
			opener = d;
	}
	/* The first figure after each that is no date, or -1, in after[]
	 * until the nearest dates are put there below. */
	for (long f = n - 1, next = -1; f >= 0; f--) {
		after[f] = next;
		if (!is_date(r, f))
			next = f;
	}
	/* what a base is compared with: the figure before it in its part, else
	 * the first after it (parts never go back: the first that is no date
	 * after it, if in its part) */
	long last = -1;
	for (long d = 0; d < n; d++) {
		if (!is_date(r, d)) {
			last = d;
			continue;
		}
		if (r->roles[d] != DATE_BASE)
			continue;
		long owner = last >= 0 && part_of(r, last) == part_of(r, d) ? last : -1;
		if (owner < 0 && after[d] >= 0 && part_of(r, after[d]) == part_of(r, d))
			owner = after[d];
		if (owner >= 0 && fig(r, owner)->compared_to == NULL)
			fig(r, owner)->compared_to = fig(r, d);
	}
	/* the nearest period date before and after each figure, in its part */
	for (long f = 0, near = -1; f < n; f++) {
		if (f > 0 && part_of(r, f) != part_of(r, f - 1))
			near = -1;
		before[f] = near;
		if (period_date(r, f))
			near = f;
	}
	for (long f = n - 1, near = -1; f >= 0; f--) {
		if (f < n - 1 && part_of(r, f) != part_of(r, f + 1))
			near = -1;
		after[f] = near;
		if (period_date(r, f))
			near = f;
	}
	long frame = -1, since = -1; /* the last frame date of the parts before; a since-date of this part */
	bool apart = false;          /* a ";" before: only a part's own dates */
	size_t part = 0;
	for (long f = 0; f < n; f++) {
		if (part_of(r, f) != part) {
			for (size_t at = part + 1; at <= part_of(r, f); at++)
				apart = apart || r->kinds[at] == SEG_APART;
			for (long e = f - 1; e >= 0 && part_of(r, e) == part; e--)
				if (is_date(r, e) && r->roles[e] == DATE_FRAME && frame < e)
					frame = e;
			part = part_of(r, f);
			since = -1;
			for (long e = f; e < n && part_of(r, e) == part && since < 0; e++)
				if (is_date(r, e) && r->roles[e] == DATE_SINCE)
					since = e;
		} else if (f == 0) {
			for (long e = 0; e < n && part_of(r, e) == 0 && since < 0; e++)
				if (is_date(r, e) && r->roles[e] == DATE_SINCE)
					since = e;
		}
		if (is_date(r, f))
			continue;
		struct figure *g = fig(r, f);
		long tail = r->notes[f].tail;
		/* "located 120 km from Magadan", "360 km long": where and how big a
		 * thing is, at no time */
		bool place = g->kind == FIGURE_QUANTITY &&
			     (tok_is(&r->s, tail, "from") || phrase_is(&r->s, tail, GRAM_DIMENSION));
		if (g->change != FIGURE_NO_CHANGE && !g->compared_to && since >= 0)
			g->compared_to = fig(r, since);
		if (place)
			continue;
		long d = before[f] >= 0 ? before[f] : after[f];
		if (d < 0 && !apart && r->kinds[part] != SEG_MAIN)
			d = frame; /* the time said in the clauses before */
		if (d < 0 && !apart)
			d = opener;
		if (d >= 0)
			g->period = fig(r, d);
	}
}

/* "Between 150 and 200 paratroopers land there every day": a rate that
 * ends the figure's clause (figure_rates.tsv marks which may). */
static int read_clause_rates(struct reading *r)
{
	const struct sent *s = &r->s;
	for (long f = 0; f < (long)s->n; f++) {
		struct figure *g = fig(r, f);
		if (is_date(r, f) || g->per != NULL)
			continue;
		size_t part = seg_of(r, (long)span(r, f)->first);
		for (long k = r->notes[f].tail; phrase_in(s, k) && seg_of(r, k) == part; k++) {
			long end;
			const struct lex_entry *e = phrase_at(s, &s->t->figure_rates, k, &end);
			if (e != NULL && e->extra_tag == RATE_ENDS_CLAUSE) {
				if ((g->per = table_copy(r, e->value)) == NULL)
					return -1;
				break;
			}
			if (phrase_tok(s, k)->kind == TOKEN_PUNCT || phrase_figure_at(s, k) >= 0)
				break;
		}
	}
	return 0;
}

static int read_sentence(struct reading *r)
{
	long n = (long)r->s.n;
	for (long f = 0; f < n; f++) {
		if (is_date(r, f)) {
			r->notes[f].q0 = (long)span(r, f)->first;
			r->notes[f].tail = (long)span(r, f)->last;
			continue;
		}
		if (read_qualifier(r, f) != 0 || read_tail(r, f) != 0)
			return -1;
	}
	for (long f = 0; f < n; f++) {
		long end = r->notes[f].tail - 1;
		if (phrase_in(&r->s, end) && r->ends[end - (long)r->s.s0] < 0)
			r->ends[end - (long)r->s.s0] = f;
	}
	for (long f = 0; f < n; f++) {
		if (is_date(r, f))
			continue;
		struct figure *g = fig(r, f);
		if (g->kind == FIGURE_PERCENT && read_whole(r, f) != 0)
			return -1;
		if (read_left(r, f) != 0)
			return -1;
		if (read_after(r, f) != 0)
			return -1;
		if (g->change == FIGURE_NO_CHANGE && r->notes[f].src == SOURCE_SAID)
			g->change = measure_change(r, f);
		if ((g->kind == FIGURE_QUANTITY || g->kind == FIGURE_MONEY) &&
		    read_whole(r, f) != 0)
			return -1;
		if (r->notes[f].negated && g->qualifier) {
			/* "did not fall below 250 thousand tons": at least that */
			if (r->notes[f].qualifier == QUALIFIER_LESS_THAN)
				set_qualifier(g, &r->notes[f], QUALIFIER_AT_LEAST);
			else if (r->notes[f].qualifier == QUALIFIER_MORE_THAN)
				set_qualifier(g, &r->notes[f], QUALIFIER_UP_TO);
		}
	}
	/* "350 thousand TEU and 1.4 million passengers a year": one rate */
	for (long f = n - 2; f >= 0; f--) {
		struct figure *g = fig(r, f), *h = fig(r, f + 1);
		if (!is_date(r, f) && !is_date(r, f + 1) && g->per == NULL && h->per != NULL &&
		    tok_is(&r->s, r->notes[f].tail, "and") &&
		    r->notes[f].tail + 1 == r->notes[f + 1].q0)
			g->per = h->per;
	}
	segment(r);
	if (read_clause_rates(r) != 0)
		return -1;
	read_dates(r);
	return 0;
}

/* bytes rounded up as arena_alloc rounds an allocation, so that each
 * array taken from one block is aligned for any type. */
static size_t aligned(size_t bytes)
{
	const size_t align = alignof(max_align_t);
	return (bytes + align - 1) & ~(align - 1);
}

/* The next bytes of a block sized with aligned(), and past them. */
static void *take(char **at, size_t bytes)
{
	void *p = *at;
	*at += aligned(bytes);
	return p;
}

int figure_context(struct extract_ctx *x, struct figure *v, const struct figure_span *spans,
		   size_t n)
{
	size_t k = 0;
	int rc = 0;
	struct reading r = {0};
	for (size_t p = 0; p < x->n_paras && k < n && rc == 0; p++) {
		const struct tokens *tk = &x->paras[p].tk;
		for (size_t si = 0; si < tk->n_sentences && k < n && rc == 0; si++) {
			const struct sentence *sn = &tk->sentences[si];
			size_t first = k;
			while (k < n && spans[k].para == p && spans[k].first < sn->last)
				k++;
			if (k == first)
				continue;
			size_t len = sn->last - sn->first, count = k - first;
			r.s = (struct sent){x,        x->t, tk,    x->paras[p].p, sn->first,
					    sn->last, v,    spans, first,         count, NULL, NULL};
			/* The sentence's arrays, from one allocation. */
			size_t bytes = aligned(count * sizeof *r.notes) + aligned(count * sizeof *r.roles) +
				       aligned((len + 1) * sizeof *r.seg) +
				       aligned((len + 1) * sizeof *r.kinds) +
				       aligned(2 * count * sizeof *r.scan) +
				       2 * aligned((len + 1) * sizeof(long)) +
				       aligned((len + 1) * sizeof(unsigned));
			char *at = arena_alloc(&x->scratch, bytes);
			if (at == NULL) {
				rc = -1;
				break;
			}
			r.notes = take(&at, count * sizeof *r.notes);
			r.roles = take(&at, count * sizeof *r.roles);
			r.seg = take(&at, (len + 1) * sizeof *r.seg);
			r.kinds = take(&at, (len + 1) * sizeof *r.kinds);
			r.scan = take(&at, 2 * count * sizeof *r.scan);
			long *owner = take(&at, (len + 1) * sizeof *owner);
			long *ends = take(&at, (len + 1) * sizeof *ends);
			unsigned *classes = take(&at, (len + 1) * sizeof *classes);
			memset(r.notes, 0, count * sizeof *r.notes);
			memset(r.roles, 0, count * sizeof *r.roles);
			for (size_t t = 0; t <= len; t++)
				owner[t] = ends[t] = -1;
			for (size_t f = 0; f < count; f++)
				for (size_t t = spans[first + f].first;
				     t < spans[first + f].last && t < sn->last; t++)
					owner[t - sn->first] = (long)f;
			for (size_t t = 0; t < len; t++)
				classes[t] = phrase_token_class(x->t, &tk->v[sn->first + t]);
			r.s.owner = owner;
			r.s.classes = classes;
			r.ends = ends;
			rc = read_sentence(&r);
		}
	}
	return rc;
}
