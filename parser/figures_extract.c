/* figures_extract.c - numbers with meaning: percentages, money, dates, counts,
 * quantities and multipliers, each with a normalized value.
 *
 * A figure is an amount (numbers.c: "2,300", "7,2 billion", "three thousand
 * four hundred", a range "1,5-2 thousand") and what follows or precedes it:
 * a percent sign or word, a currency (currencies.tsv), a unit (units.tsv),
 * a unit of time (time_units.txt: "41 years old" is a span, "two years ago"
 * a date), "times", or the noun it counts (figure_nouns.c). Dates are
 * figure_dates.c's. Numbers that are names are no figures: glued to a word
 * by a hyphen ("M-60", "COVID-19": the tokenizer keeps those as words),
 * after a word of number_names.txt ("project 22220", "part 2 art. 159",
 * "No.12", "# 857"), or after an all-capitals name ("LNG 2"); nor are
 * ordinals ("the first", "21st"), which are words.
 */
#include <stdlib.h>
#include <string.h>

#include "../text/decimal.h"
#include "../text/grow.h"
#include "../text/utf8.h"
#include "figures_extract.h"
#include "numbers.h"

struct figure_list {
	struct figure *v;
	struct figure_span *spans; /* per figure: where it is, and whether tentative */
	size_t n, cap;
};

/* A figure's "sentence" is at most this long: a longer one (a run-on list,
 * or input made to be large) is cut to this much around the figure, at
 * word boundaries, so that what the figures repeat stays in proportion to
 * the text. */
enum { SENTENCE_MAX = 1000 };

/* The sentence of figure [b0, b1) (bytes) in s, as bytes of its
 * paragraph: the whole sentence when of normal length, else cut around
 * the figure at word boundaries. */
static void sentence_span(const struct tokens *tk, const struct sentence *s, size_t b0,
			  size_t b1, struct figure *g)
{
	size_t first = s->first, last = s->last - 1;
	if (tk->v[last].end - tk->v[first].start > SENTENCE_MAX) {
		size_t room = b1 - b0 < SENTENCE_MAX ? (SENTENCE_MAX - (b1 - b0)) / 2 : 0;
		/* the first token that starts within room of b0, and the last that
		 * ends within room of b1: tokens are in order, so search */
		for (size_t hi = last; first < hi;) {
			size_t mid = first + (hi - first) / 2;
			if (tk->v[mid].start + room < b0)
				first = mid + 1;
			else
				hi = mid;
		}
		for (size_t lo = first; lo < last;) {
			size_t mid = lo + (last - lo + 1) / 2;
			if (tk->v[mid].end > b1 + room)
				last = mid - 1;
			else
				lo = mid;
		}
	}
	g->sentence_start = (uint32_t)tk->v[first].start;
	g->sentence_len = (uint32_t)(tk->v[last].end - tk->v[first].start);
}

static bool is_acronym(const struct tokens *tk, const struct token *t)
{
	bool plural;
	return figure_acronym(tk, t, &plural) && !plural;
}

/* What follows the number at j makes it an amount even after a naming word
 * ("Route 50 thousand people"). */
static bool amount_follows(const struct extract_ctx *x, const struct tokens *tk, size_t j)
{
	size_t n;
	return j < tk->n && (number_word(x->t, tk, j, NUMBER_SCALE, &n) ||
			     tokens_match(tk, j, &x->t->units, &n) ||
			     tokens_match(tk, j, &x->t->currencies, &n) ||
			     tokens_match(tk, j, &x->t->time_units, &n));
}

/* Is the number at i a name, by the word before it ("project 22220", "No.
 * 5", "# 857", "art. 159", "LNG 2") or after it ("the 70 number")? */
static bool names_number(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	size_t n;
	if (i + 1 < tk->n) {
		const struct lex_entry *e = tokens_match(tk, i + 1, &x->t->number_names, &n);
		if (e != NULL && e->extra_tag == NAMES_NUMBER_BOTH && tk->v[i + 1].kind == TOKEN_WORD)
			return true;
	}
	if (i == 0 || amount_follows(x, tk, i + 1))
		return false;
	const struct token *prev = &tk->v[i - 1];
	if (prev->kind == TOKEN_WORD &&
	    token_lookup(&x->t->number_names, prev))
		return true;
	/* "No." and "art." are two tokens, the word and its period. */
	if (i > 1 && token_is_punct(prev, '.') &&
	    tokens_match(tk, i - 2, &x->t->number_names, &n) && n == 2)
		return true;
	return token_is_punct(prev, '#') || token_is_punct(prev, 0x2116) ||
	       (is_acronym(tk, prev) && !tokens_match(tk, i - 1, &x->t->currencies, &n));
}

static void set_unit_span(const struct tokens *tk, struct found *f, size_t first, size_t last)
{
	f->unit_start = tk->v[first].start;
	f->unit_end = tk->v[last].end;
}

/* A unit of time at j after the amount: "41 years old", "6,5 days" (a
 * span, kind quantity), "two years ago" (a relative date); "one day" is an
 * idiom, no figure. Returns the figure's end, 0 if no unit of time is at j. */
static size_t time_span(const struct extract_ctx *x, const struct tokens *tk, size_t j,
			const struct amount *a, struct found *f)
{
	size_t n;
	const struct lex_entry *u = tokens_match(tk, j, &x->t->time_units, &n);
	if (u == NULL || !tk->v[j].space_before)
		return 0;
	size_t end = j + n;
	if (end < tk->n && figure_word_is(x, &tk->v[end], FIGWORD_AGO)) {
		f->kind = FIGURE_DATE;
		f->relative = true;
		return end + 1;
	}
	if (a->bare_one) {
		f->last = 0;
		return end;
	}
	f->kind = FIGURE_QUANTITY;
	f->unit = u->value;
	if (end < tk->n && figure_word_is(x, &tk->v[end], FIGWORD_AGE))
		end++; /* an age */
	return end;
}

/* The word t as a number word of numbers.tsv of that kind, or NULL. */
static const struct lex_entry *number_token(const struct extract_ctx *x, const struct token *t,
					    enum number_kind kind)
{
	const struct lex_entry *e = token_lookup(&x->t->numbers, t);
	return e != NULL && e->value_tag == kind ? e : NULL;
}

/* "a year and a half", "half an hour": spans of time said in words, with
 * an article and a fraction of numbers.tsv ("a", "an"; "half"). */
static size_t spelled_time_span(const struct extract_ctx *x, const struct tokens *tk, size_t i,
				struct found *f)
{
	size_t n, k = i;
	const struct lex_entry *fraction = number_token(x, &tk->v[i], NUMBER_FRACTION);
	const struct lex_entry *article = NULL;
	if (fraction != NULL && i + 1 < tk->n &&
	    (article = number_token(x, &tk->v[i + 1], NUMBER_ARTICLE)) != NULL) {
		k = i + 2; /* "half an hour": the fraction of one */
	} else if ((article = number_token(x, &tk->v[i], NUMBER_ARTICLE)) != NULL) {
		fraction = NULL;
		k = i + 1; /* "a year and a half": one and the fraction */
	} else {
		return 0;
	}
	const struct lex_entry *u = tokens_match(tk, k, &x->t->time_units, &n);
	if (u == NULL)
		return 0;
	size_t end = k + n;
	double value;
	if (fraction != NULL) {
		value = fraction->number;
	} else {
		const struct lex_entry *more =
			end + 2 < tk->n ? number_token(x, &tk->v[end + 2], NUMBER_FRACTION) : NULL;
		if (more == NULL || !token_is(&tk->v[end], "and") ||
		    !number_token(x, &tk->v[end + 1], NUMBER_ARTICLE))
			return 0;
		value = article->number + more->number;
		end += 3;
	}
	memset(f, 0, sizeof *f);
	f->first = i;
	if (end < tk->n && figure_word_is(x, &tk->v[end], FIGWORD_AGO)) { /* "a year and a half ago" */
		f->kind = FIGURE_DATE;
		f->relative = true;
		f->last = end + 1;
		return f->last - i;
	}
	f->kind = FIGURE_QUANTITY;
	f->number = value;
	f->unit = u->value;
	f->last = end;
	return end - i;
}

/* "16-year-old", "5-day": a number glued to a unit of time by a hyphen is
 * a span; "2.5-fold" a multiplier; any other glued word ("2-nd", "90-ies")
 * makes the number part of a word, no figure. Returns the end, 0 if no
 * glued word is at j. */
static size_t glued_word(const struct extract_ctx *x, const struct tokens *tk, size_t j,
			 struct found *f)
{
	if (!figure_glued_suffix(tk, j))
		return 0;
	const struct token *w = &tk->v[j + 1];
	if (figure_word_is(x, w, FIGWORD_GLUED_MULTIPLIER)) {
		f->kind = FIGURE_MULTIPLIER;
		return j + 2;
	}
	const char *dash = memchr(w->fold, '-', w->fold_len);
	size_t head = dash ? (size_t)(dash - w->fold) : w->fold_len;
	const struct lex_entry *u = lexicon_get_folded(&x->t->time_units, w->fold, head);
	if (u != NULL) {
		f->kind = FIGURE_QUANTITY;
		f->unit = u->value;
	} else {
		f->last = 0;
	}
	return j + 2;
}

/* A year-like numeral before a plural noun is a count ("about 2000
 * people"), unless a word that puts years in time stands before it ("in
 * 2019 companies"). */
static bool year_counts(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	size_t unit_first;
	size_t noun = figure_counted_noun(x, tk, i + 1, &unit_first);
	if (noun == 0 || (i > 0 && figure_word_is(x, &tk->v[i - 1], FIGWORD_YEAR_BEFORE)))
		return false;
	const struct token *t = &tk->v[noun];
	return (t->fold_len > 2 && t->fold[t->fold_len - 1] == 's') ||
	       figure_word_is(x, t, FIGWORD_PLURAL);
}

/* Is the numeral at i (followed by token j) a year? "2017 year" is, and
 * so is "in 2019" and "in 2019 companies"; "2000 tons", "2000 times" and
 * "about 2000 people" are amounts. */
static bool year_use(const struct extract_ctx *x, const struct tokens *tk, size_t i, size_t j)
{
	if (!figure_is_year(tk, i))
		return false;
	if (figure_year_suffix(x->t, tk, j) != 0)
		return true;
	return !amount_follows(x, tk, j) &&
	       !(j < tk->n && figure_word_is(x, &tk->v[j], FIGWORD_MULTIPLIER)) &&
	       !year_counts(x, tk, i);
}

/* "the 4 timetable", "the 5 stage": after "the", digits before a singular
 * noun label it, as "No." would; a count of more than one takes a plural
 * ("the 85 regions"). An acronym may have lost its plural ("the 18 ASEZ
 * of the region"), but after "is the" it is one of a series: "this is the
 * 21 TOR" is the twenty-first. */
static bool labels_noun(const struct extract_ctx *x, const struct tokens *tk, size_t i, size_t j,
			const struct amount *a, size_t noun)
{
	if (!a->numeral || a->value == 1 || i == 0 || !token_is(&tk->v[i - 1], "the") ||
	    noun != j)
		return false;
	const struct token *t = &tk->v[noun];
	if (t->upper) {
		const struct token *be = i >= 2 ? &tk->v[i - 2] : NULL;
		const struct lex_entry *g =
			be ? token_lookup(&x->t->figure_grammar, be) : NULL;
		return is_acronym(tk, t) && g != NULL && (g->value_tag & GRAM_AUX);
	}
	return t->fold_len > 1 && t->fold[t->fold_len - 1] != 's' &&
	       !figure_word_is(x, t, FIGWORD_PLURAL);
}

/* "one of the five busiest in the country": after "the" and the number, a
 * superlative with no noun after it is a rank, and counts nothing. */
static bool superlative(const struct tokens *tk, size_t i, size_t unit_first, size_t noun)
{
	const struct token *t = &tk->v[noun];
	return noun == unit_first && i > 0 && token_is(&tk->v[i - 1], "the") && t->fold_len > 4 &&
	       strcmp(t->fold + t->fold_len - 3, "est") == 0;
}

/* Everything that can follow an amount read at i (tokens [i, j)). Sets f's
 * kind, unit and end. */
static void classify(const struct extract_ctx *x, const struct tokens *tk, size_t i, size_t j,
		     const struct amount *a, struct found *f)
{
	size_t n, end;
	const struct lex_entry *e;
	f->last = j;
	if (j < tk->n) {
		if ((e = tokens_match(tk, j, &x->t->currencies, &n)) != NULL) {
			f->kind = FIGURE_MONEY;
			f->unit = e->value;
			f->last = j + n;
			return;
		}
		if ((e = tokens_match(tk, j, &x->t->units, &n)) != NULL) {
			f->kind = strcmp(e->value, "%") == 0 ? FIGURE_PERCENT : FIGURE_QUANTITY;
			f->unit = e->value;
			f->last = j + n;
			return;
		}
		if ((end = time_span(x, tk, j, a, f)) != 0) {
			if (f->last != 0)
				f->last = end;
			return;
		}
		if (figure_word_is(x, &tk->v[j], FIGWORD_MULTIPLIER) && tk->v[j].space_before) {
			f->kind = FIGURE_MULTIPLIER;
			f->last = j + 1;
			return;
		}
		if ((end = glued_word(x, tk, j, f)) != 0) {
			if (f->last != 0)
				f->last = end;
			return;
		}
	}
	size_t unit_first;
	size_t noun = j < tk->n ? figure_counted_noun(x, tk, j, &unit_first) : 0;
	if (noun != 0 && (labels_noun(x, tk, i, j, a, noun) || superlative(tk, i, unit_first, noun)))
		noun = 0;
	if (noun != 0) {
		f->kind = FIGURE_COUNT;
		f->last = noun + 1;
		f->tentative = a->bare_one;
		set_unit_span(tk, f, unit_first, noun);
		return;
	}
	/* "12 million" on its own still counts something; "a million" on its
	 * own is a manner of speaking ("dreams of winning a million"). */
	if (a->scaled && !a->article) {
		f->kind = FIGURE_COUNT;
		f->elliptic = true;
		return;
	}
	f->last = 0; /* a bare number: no figure */
}

/* The figure whose number starts at i. Returns the tokens used from i (a
 * number used up with no figure leaves f->last 0), 0 if no number is there. */
static size_t match_number(const struct extract_ctx *x, const struct tokens *tk, size_t i,
			   struct found *f)
{
	size_t n, first = i;
	memset(f, 0, sizeof *f);
	if ((n = spelled_time_span(x, tk, i, f)) != 0)
		return n;
	/* "in 2019-2021", "from 2017 to 2019": a period, unless an amount's
	 * unit follows ("1990-2000 tons"). */
	if ((n = figure_year_range_at(x->t, tk, i, f)) != 0) {
		if (!amount_follows(x, tk, i + n) &&
		    !(i + n < tk->n && figure_word_is(x, &tk->v[i + n], FIGWORD_MULTIPLIER)))
			return n;
		memset(f, 0, sizeof *f);
	}
	/* "minus 45 degrees" */
	double sign = 1;
	if (figure_word_is(x, &tk->v[i], FIGWORD_NEGATIVE) && i + 1 < tk->n) {
		struct amount probe;
		if (amount_read(x->t, tk, i + 1, &probe) == 0)
			return 0;
		sign = -1;
		i++;
	}
	/* A currency before the number: "$200 million", "RUB 5 billion". */
	const char *prefix_currency = NULL;
	const struct lex_entry *cur = tokens_match(tk, i, &x->t->currencies, &n);
	if (cur != NULL && i + n < tk->n && tk->v[i + n].kind == TOKEN_NUMBER &&
	    (!cp_is_letter(tk->v[i].cp) || is_acronym(tk, &tk->v[i]))) {
		prefix_currency = cur->value;
		i += n;
	}
	/* "twice", "threefold" */
	const struct lex_entry *mult = number_word(x->t, tk, i, NUMBER_MULTIPLIER, &n);
	if (mult != NULL && prefix_currency == NULL) {
		f->kind = FIGURE_MULTIPLIER;
		f->number = mult->number;
		f->first = first;
		f->last = i + n;
		return f->last - first;
	}
	if (prefix_currency == NULL && tk->v[i].kind == TOKEN_NUMBER && names_number(x, tk, i))
		return 1 + (i + 1 < tk->n && tk->v[i + 1].kind == TOKEN_WORD &&
			    tokens_match(tk, i + 1, &x->t->number_names, &n));
	/* "10:30" is a time of day. */
	if (i + 2 < tk->n && token_is_punct(&tk->v[i + 1], ':') && !tk->v[i + 1].space_before &&
	    tk->v[i + 2].kind == TOKEN_NUMBER && !tk->v[i + 2].space_before)
		return 3;
	struct amount a;
	size_t used = amount_read_range(x->t, tk, i, &a);
	if (used == 0)
		return 0;
	size_t j = i + used;
	f->first = first;
	f->number = sign * a.value;
	if (prefix_currency != NULL) {
		f->kind = FIGURE_MONEY;
		f->unit = prefix_currency;
		f->range = a.range && sign > 0;
		f->number_to = a.upper;
		f->last = j;
		/* "$200 million dollars" would repeat it; take the word too. */
		if (j < tk->n && tokens_match(tk, j, &x->t->currencies, &n) &&
		    cp_is_letter(tk->v[j].cp))
			f->last = j + n;
		return f->last - first;
	}
	if (a.numeral && sign > 0 && year_use(x, tk, i, j))
		return figure_year_at(x, tk, i, f);
	classify(x, tk, i, j, &a, f);
	if (f->last == 0)
		return used;
	if (a.range && sign > 0 && f->kind != FIGURE_DATE) {
		f->range = true;
		f->number_to = a.upper;
	}
	return f->last - first;
}

static int emit(struct extract_ctx *x, struct figure_list *out, const struct para_ref *r,
		const struct found *f)
{
	size_t cap = out->cap;
	struct figure *v = grow_for_one(out->v, out->n, &cap, sizeof *v, 32);
	if (v == NULL)
		return -1;
	out->v = v;
	if (cap != out->cap) { /* one span per figure, grown alongside */
		struct figure_span *sp = realloc(out->spans, cap * sizeof *sp);
		if (sp == NULL)
			return -1;
		out->spans = sp;
		out->cap = cap;
	}
	const struct tokens *tk = &r->tk;
	struct figure *g = &out->v[out->n];
	memset(g, 0, sizeof *g);
	size_t b0 = tk->v[f->first].start, b1 = tk->v[f->last - 1].end;
	g->kind = f->kind;
	g->text = para_dup(x, r->p, b0, b1);
	g->number = f->number;
	g->range = f->range;
	g->number_to = f->number_to;
	g->relative = f->relative;
	g->date = f->date[0] ? arena_strdup(&x->a->arena, f->date) : NULL;
	g->date_to = f->date_to[0] ? arena_strdup(&x->a->arena, f->date_to) : NULL;
	if (f->unit)
		g->unit = arena_strdup(&x->a->arena, f->unit);
	else if (f->unit_end > f->unit_start) /* a counted noun, lowercase as in the text */
		g->unit = para_dup(x, r->p, f->unit_start, f->unit_end);
	sentence_span(tk, &tk->sentences[tokens_sentence_of(tk, f->first)], b0, b1, g);
	/* In code points, counted from the figure's own tokens: what
	 * tokens_cp would find by searching for them. */
	const struct token *t0 = &tk->v[f->first], *t1 = &tk->v[f->last - 1];
	g->at = (struct place){r->section, r->paragraph, t0->cp_start,
			       t1->cp_start + utf8_count(tk->text + t1->start, b1 - t1->start)};
	if (g->text == NULL || (f->date[0] && g->date == NULL) ||
	    (f->date_to[0] && g->date_to == NULL) ||
	    ((f->unit || f->unit_end > f->unit_start) && g->unit == NULL))
		return -1;
	out->spans[out->n] = (struct figure_span){r - x->paras, f->first, f->last, f->tentative};
	out->n++;
	return 0;
}

/* Keeps a tentative count ("one fire") only where the article counts the
 * same noun for sure ("twelve fires"), then numbers the figures. */
static int settle(struct extract_ctx *x, struct figure_list *out)
{
	/* The nouns counted for sure, listed only when some count is
	 * tentative: most articles have none, and the list is dear. */
	bool tentative = false;
	for (size_t k = 0; k < out->n && !tentative; k++)
		tentative = out->spans[k].tentative;
	struct lexicon counted = {0};
	for (size_t k = 0; tentative && k < out->n; k++)
		if (!out->spans[k].tentative && out->v[k].kind == FIGURE_COUNT && out->v[k].unit &&
		    figure_add_singulars(x->t, &counted, &x->scratch, out->v[k].unit) != 0) {
			lexicon_free(&counted);
			return -1;
		}
	size_t kept = 0;
	for (size_t k = 0; k < out->n; k++)
		if (!out->spans[k].tentative || figure_counted_before(&counted, out->v[k].unit)) {
			out->spans[kept] = out->spans[k];
			out->v[kept++] = out->v[k];
		}
	lexicon_free(&counted);
	out->n = kept;
	/* "f1", "f2", ...: "f" and at most DECIMAL_MAX digits fit an id */
	_Static_assert(sizeof out->v[0].id > 1 + DECIMAL_MAX, "a figure's id holds its number");
	for (size_t k = 0; k < out->n; k++) {
		out->v[k].id[0] = 'f';
		decimal_put(out->v[k].id + 1, k + 1, 1);
	}
	return 0;
}

/* "4,6 thousand tons in the north, in the south - 3,8 thousand": an amount
 * with a scale word and no noun leaves out the unit of the figure before
 * it in its sentence (a quantity, money or a count), and takes it over. */
static void fill_ellipsis(const struct figure_list *out, size_t p, const struct tokens *tk,
			  struct found *f)
{
	if (!f->elliptic)
		return;
	for (size_t k = out->n; k-- > 0;) {
		const struct figure_span *sp = &out->spans[k];
		const struct figure *before = &out->v[k];
		if (sp->para != p ||
		    tokens_sentence_of(tk, sp->first) != tokens_sentence_of(tk, f->first))
			return;
		if (before->kind == FIGURE_DATE)
			continue; /* "12 thousand this year, 4 thousand last year" */
		if ((before->kind == FIGURE_QUANTITY || before->kind == FIGURE_MONEY ||
		     before->kind == FIGURE_COUNT) &&
		    before->unit != NULL) {
			f->kind = before->kind;
			f->unit = before->unit;
		}
		return;
	}
}

/* May a key of lx start at token i? False only where tokens_match is
 * sure to find none: the token lacks the table's bit; or it is no key on
 * its own (is_key_of), and the word after it (a token of its own: no
 * token glued to it) makes no pair that a key of lx begins with
 * (lexicon_may_begin), or there is none. Tokens hold no white space, so
 * a key of two words or more that starts here has the token's fold and
 * the next one's as its first two words, unless glued tokens make up one
 * of them. */
static bool phrase_may_start(const struct lexicon *lx, const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	if ((~t->in_tables & lx->bit) != 0)
		return false;
	if ((~t->is_key_of & lx->bit) == 0) /* a key itself (or a token not known) */
		return true;
	if (i + 1 >= tk->n)
		return false;
	const struct token *u = &tk->v[i + 1];
	if (!u->space_before || (i + 2 < tk->n && !tk->v[i + 2].space_before))
		return true;
	return lexicon_may_begin(lx, t->fold_hash, u->fold_hash);
}

/* What a token must have for a figure to start at it: the bits of the
 * tables that figure_date_at and match_number look the first token up in.
 * Most tokens of a text have none, and the two would each read a dozen
 * tables to say no. */
struct figure_starts {
	bool all;           /* a table outside the index: every token may start one */
	uint64_t months;       /* figure_date_at: the months' bit */
	uint64_t number_first; /* match_number: a key of these may start with the token */
	uint64_t number_whole; /* match_number: the token may be a whole key of these */
	uint64_t words_bit;    /* figure_words': a key of it may be the token */
	const struct key_ends *negative_ends; /* how its negative words end */
	uint64_t any_first;    /* months', relative_dates' and number_first's */
	/* number_hyphenated_min ("twenty-five"), 0 until a hyphenated word
	 * asks it (hyphenated_min): it walks the numbers' table, some two
	 * thousand instructions, and most texts have no word it would pass.
	 * A pointer, as next_start reads a const copy of this. */
	size_t *hyphenated_min;
};

/* The fewest bytes of a hyphenated number word, found once a parse and
 * only where asked. */
static size_t hyphenated_min(const struct extract_ctx *x, const struct figure_starts *m)
{
	if (*m->hyphenated_min == 0)
		*m->hyphenated_min = number_hyphenated_min(x->t);
	return *m->hyphenated_min;
}

/* Adds lx's bit to *mask; a table without one (bit 0) makes every token
 * one that may start a figure, as tokens_match then looks it up. */
static void starts_add(struct figure_starts *m, uint64_t *mask, const struct lexicon *lx)
{
	if (lx->bit == 0)
		m->all = true;
	*mask |= lx->bit;
}

static void figure_starts_of(struct figure_starts *m, const struct tables *t, size_t *memo)
{
	memset(m, 0, sizeof *m);
	/* tokens_match at the first token: a month, a relative date */
	starts_add(m, &m->months, &t->months);
	/* (a relative date: "the past year", "a year earlier"; such common
	 * first words need the word after them to tell, phrase_may_start) */
	if (t->relative_dates.bit == 0)
		m->all = true;
	/* a currency before the number; number words, multipliers, articles */
	starts_add(m, &m->number_first, &t->currencies);
	starts_add(m, &m->number_first, &t->numbers);
	/* token_lookup of the first token: a fraction or an article
	 * (spelled_time_span); a negative word ("minus"), apart, as most
	 * words of figure_words.tsv ("in", "of") have other roles */
	starts_add(m, &m->number_whole, &t->numbers);
	starts_add(m, &m->words_bit, &t->figure_words);
	m->negative_ends = &t->negative_word_ends;
	/* (tables_load marks the first tokens of these tables for
	 * next_start: TOKEN_MARK_FIGURE_START.) */
	m->any_first = m->months | t->relative_dates.bit | m->number_first;
	*memo = 0;
	m->hyphenated_min = memo;
}

/* May figure_date_at find a date at token i? False only where it is sure
 * to return 0: no number, no key of months starts with the token, and no
 * relative date may (phrase_may_start). (A token split without the index
 * has every bit, and so always may; so below.) */
static bool date_may_start(const struct extract_ctx *x, const struct figure_starts *m,
			   const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	return m->all || t->kind == TOKEN_NUMBER || (t->in_tables & m->months) != 0 ||
	       phrase_may_start(&x->t->relative_dates, tk, i);
}

/* May match_number read something at token i for what is in the token's
 * text (and its negative word), which no table bit of the token says?
 * Always inlined: next_start asks it of most tokens, and a call would
 * cost more than the answer. */
static inline __attribute__((always_inline)) bool
number_text_may_start(const struct extract_ctx *x, const struct figure_starts *m,
		      const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	/* "from 2017 to 2019", "between 18 and 35": ranges that open with a
	 * word (tables.h's figure_range_words, written out for token_is) */
	if (token_is(t, "from") || token_is(t, "between"))
		return true;
	/* "twenty-five", one word to the tokenizer (numbers.c's hyphenated_tens);
	 * most words have no hyphen (the mark says so without memchr: a
	 * token split without the index has every mark). The least length
	 * is asked last, of a word with a hyphen only: the tests are pure,
	 * their order is free. */
	if (t->kind == TOKEN_WORD && (t->marks & TOKEN_MARK_HYPHEN) != 0 &&
	    memchr(t->fold, '-', t->fold_len) != NULL && t->fold_len >= hyphenated_min(x, m))
		return true;
	/* a word before a time of day ("10:30"): match_number skips the three
	 * tokens */
	if (i + 2 < tk->n && token_is_punct(&tk->v[i + 1], ':') && !tk->v[i + 1].space_before &&
	    tk->v[i + 2].kind == TOKEN_NUMBER && !tk->v[i + 2].space_before)
		return true;
	/* "minus 45 degrees": most words of the table ("in", "of") end
	 * otherwise than its negative words, and are not looked up */
	return (t->is_key_of & m->words_bit) != 0 &&
	       key_ends_may(m->negative_ends, t->fold, t->fold_len) &&
	       figure_word_is(x, t, FIGWORD_NEGATIVE);
}

/* May match_number read something (a figure, or what it uses up with
 * none) at token i? False only where it is sure to return 0: the token is
 * no number, starts no key of the tables it reads there, and is none of
 * the words it tests by their text. */
static bool number_may_start(const struct extract_ctx *x, const struct figure_starts *m,
			     const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	return m->all || t->kind == TOKEN_NUMBER || (t->in_tables & m->number_first) != 0 ||
	       (t->is_key_of & m->number_whole) != 0 || number_text_may_start(x, m, tk, i);
}

/* The first token from i at which a figure may start (tk->n if none): a
 * first test, asked of every token, in a tight loop. It passes over a
 * token only where date_may_start and number_may_start are both false: a
 * token with no number, no bit of any_first (months, relative_dates and
 * number_first) and none of number_whole fails every test of the two but
 * number_text_may_start, which is asked here. Always inlined: it runs
 * once a candidate, and its call and copies cost as much as its loop. */
static inline __attribute__((always_inline)) size_t
next_start(const struct extract_ctx *x, const struct figure_starts *starts,
	   const struct tokens *tokens, size_t i)
{
	if (starts->all)
		return i;
	/* Copies that no call in the loop can change, for the compiler to
	 * keep in registers rather than read again after each. */
	const struct figure_starts copy = *starts, *m = &copy;
	const struct tokens tk_copy = *tokens, *tk = &tk_copy;
	/* number_text_may_start says yes only of a token with a mark: a
	 * range word or a negative word (marked in the index), a word with
	 * a hyphen, a word with the ":" of "10:30" glued after it. */
	const uint8_t marks = TOKEN_MARK_FIGURE_WORD | TOKEN_MARK_HYPHEN | TOKEN_MARK_COLON_NEXT;
	/* A number, and a token with a bit of any_first or number_whole,
	 * has TOKEN_MARK_FIGURE_START (tables_load marks those tables'
	 * first tokens): a token with none of these marks passes every
	 * test below, and the scan passes 8 of them at a step. */
	if (i >= tk->n) /* (the scan reads the marks from i: at most tk->n) */
		return tk->n;
	for (;; i++) {
		i = tokens_next_marked(tk, i, marks | TOKEN_MARK_FIGURE_START);
		if (i == tk->n)
			return i;
		const struct token *t = &tk->v[i];
		if (t->kind == TOKEN_NUMBER || (t->in_tables & m->any_first) != 0 ||
		    (t->is_key_of & m->number_whole) != 0 ||
		    ((t->marks & marks) != 0 && number_text_may_start(x, m, tk, i)))
			return i;
	}
}

int figures_extract(struct extract_ctx *x)
{
	struct figure_list out = {0};
	int rc = -1;
	struct figure_starts starts;
	size_t hyphenated_memo;
	figure_starts_of(&starts, x->t, &hyphenated_memo);
	for (size_t p = 0; p < x->n_paras; p++) {
		const struct para_ref *r = &x->paras[p];
		const struct tokens *tk = &r->tk;
		/* Most tokens start nothing: the tests say so from the
		 * token's table bits, without the readers' lookups. */
		for (size_t i = next_start(x, &starts, tk, 0), n; i < tk->n;
		     i = next_start(x, &starts, tk, i + (n ? n : 1))) {
			struct found f;
			n = 0;
			if (date_may_start(x, &starts, tk, i))
				n = figure_date_at(x, tk, i, &f);
			if (n == 0 && number_may_start(x, &starts, tk, i))
				n = match_number(x, tk, i, &f);
			if (n == 0)
				continue;
			fill_ellipsis(&out, p, tk, &f);
			if (f.last > f.first && emit(x, &out, r, &f) != 0)
				goto done;
		}
	}
	if (settle(x, &out) != 0)
		goto done;
	if (out.n > 0) {
		x->a->figures = arena_alloc(&x->a->arena, out.n * sizeof *out.v);
		if (x->a->figures == NULL)
			goto done;
		memcpy(x->a->figures, out.v, out.n * sizeof *out.v);
	}
	x->a->n_figures = out.n;
	rc = figure_context(x, x->a->figures, out.spans, out.n);
done:
	free(out.v);
	free(out.spans);
	return rc;
}
