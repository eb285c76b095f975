/* numbers.c - see numbers.h.
 *
 * Number words combine as English spells them: a chunk below a thousand
 * ("six", "twenty-five", "two hundred and five", "a hundred"), then a scale
 * word that multiplies it ("thousand"), then a smaller chunk, and so on:
 * "three thousand four hundred" is 3000 + 400. Digits take part the same way:
 * "2 billion 450 million" is one amount, as a Russian original writes it.
 * Each scale must be smaller than the one before, which is what keeps two
 * amounts side by side ("in 2019 5 million") apart.
 */
#include "numbers.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../text/utf8.h"

const struct lex_entry *number_word(const struct tables *t, const struct tokens *tk, size_t i,
				    enum number_kind kind, size_t *count)
{
	const struct lex_entry *e = tokens_match(tk, i, &t->numbers, count);
	if (e != NULL && e->value_tag == kind)
		return e;
	*count = 0;
	return NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits before the first comma or period of a number token. */
static size_t integer_digits(const struct tokens *tk, const struct token *t)
{
	size_t n = 0;
	for (size_t b = t->start; b < t->end && is_digit(tk->text[b]); b++)
		n++;
	return n;
}

/* "1,125" read as 1.125: a Russian original writes decimals with a comma,
 * and before a scale word ("1,125 billion") that is the likelier reading.
 * Only a single group of three digits that does not end in 0 is read so:
 * "1,200 thousand" keeps its thousands, since a decimal would not be
 * written with a trailing zero. */
static bool comma_decimal(const struct tokens *tk, const struct token *t, double *value)
{
	const char *s = tk->text + t->start;
	size_t len = t->end - t->start, k = integer_digits(tk, t);
	if (!t->grouped || k == 0 || k > 3 || len != k + 4 || s[k] != ',' || s[len - 1] == '0')
		return false;
	double v = 0;
	for (size_t d = 0; d < k; d++)
		v = v * 10 + (s[d] - '0');
	*value = v + ((s[k + 1] - '0') * 100 + (s[k + 2] - '0') * 10 + (s[k + 3] - '0')) / 1000.0;
	return true;
}

/* Digits at i, with the groups that space-grouped thousands add ("317 482":
 * each later group of exactly three digits, the first of one to three;
 * the last may carry a decimal part, "1 234,5"). A year never starts such a
 * run: "in 2019 120 people" is a year and a count. */
static size_t read_numeral(const struct tokens *tk, size_t i, double *value)
{
	const struct token *t = &tk->v[i];
	double v = t->number;
	size_t j = i + 1;
	if (t->integer && !t->grouped && integer_digits(tk, t) <= 3) {
		while (j < tk->n) {
			const struct token *g = &tk->v[j];
			if (g->kind != TOKEN_NUMBER || g->grouped || !g->space_before ||
			    integer_digits(tk, g) != 3 || !isfinite(v))
				break;
			double whole = floor(g->number);
			v = v * 1000 + whole + (g->number - whole);
			j++;
			if (!g->integer)
				break;
		}
	}
	*value = v;
	return isfinite(v) ? j - i : 0;
}

/* What a number word is to the grammar. */
enum part {
	PART_NONE,    /* nothing read yet */
	PART_ARTICLE, /* "a", "an": one, before a scale word only */
	PART_FRACTION, /* "half" before "a million" */
	PART_DIGITS,
	PART_UNIT,    /* one .. nine */
	PART_TEEN,    /* ten .. nineteen, "a dozen" */
	PART_TENS,    /* twenty .. ninety */
	PART_WHOLE,   /* "one and a half", "a half": takes a scale, nothing else */
	PART_HUNDRED,
	PART_SCALE,   /* thousand and up */
	PART_AND      /* "two hundred and five" */
};

static inline enum part cardinal_part(double v)
{
	if (v != floor(v))
		return PART_WHOLE;
	if (v >= 1 && v <= 9)
		return PART_UNIT;
	if (v >= 10 && v <= 19)
		return PART_TEEN;
	/* v is whole here: its remainder by 10 in integers is fmod's, without
	 * the call */
	if (v >= 20 && v <= 90 && (int)v % 10 == 0)
		return PART_TENS;
	return PART_WHOLE;
}

/* "twenty-five": the tokenizer keeps a hyphenated word whole. Returns its
 * value when both halves are number words that combine so, else 0. */
static double hyphenated_tens(const struct tables *t, const struct token *w)
{
	const char *dash = memchr(w->fold, '-', w->fold_len);
	if (dash == NULL)
		return 0;
	size_t n1 = (size_t)(dash - w->fold), n2 = w->fold_len - n1 - 1;
	const struct lex_entry *a = lexicon_get_folded(&t->numbers, w->fold, n1);
	const struct lex_entry *b = lexicon_get_folded(&t->numbers, dash + 1, n2);
	if (a == NULL || b == NULL || a->value_tag != NUMBER_CARDINAL ||
	    b->value_tag != NUMBER_CARDINAL || cardinal_part(a->number) != PART_TENS ||
	    cardinal_part(b->number) != PART_UNIT)
		return 0;
	return a->number + b->number;
}

size_t number_hyphenated_min(const struct tables *t)
{
	size_t tens = SIZE_MAX, units = SIZE_MAX;
	const struct lexicon *lx = &t->numbers;
	/* Every entry, as lexicon_first and lexicon_next give them, read by
	 * the probe array (a used slot has a hash there), which is a fraction
	 * of the slots' bytes: this runs once a parse. */
	for (size_t j = 0; lx->count > 0 && j < lx->cap; j++) {
		const struct lex_entry *e = &lx->slots[j];
		if (lx->probe[j] == 0 || e->value_tag != NUMBER_CARDINAL)
			continue;
		enum part p = cardinal_part(e->number);
		if (p == PART_TENS && e->key_len < tens)
			tens = e->key_len;
		else if (p == PART_UNIT && e->key_len < units)
			units = e->key_len;
	}
	/* hyphenated_tens: a tens word, the hyphen, a unit word */
	return tens == SIZE_MAX || units == SIZE_MAX ? SIZE_MAX : tens + 1 + units;
}

/* The last lookup of numbers.tsv that one amount_read made, and where:
 * it asks of most number words twice (is "million" after "12" a scale
 * word? then it reads it), and each is a tokens_match, which gives the
 * same answer for the same token. */
struct numbers_memo {
	const struct tables *t;
	const struct tokens *tk;
	size_t i; /* SIZE_MAX: none yet */
	const struct lex_entry *e;
	size_t n;
};

/* tokens_match(tk, i, &t->numbers, n), from the memo when it was the last. */
static const struct lex_entry *numbers_at(struct numbers_memo *m, size_t i, size_t *n)
{
	if (m->i != i) {
		m->e = tokens_match(m->tk, i, &m->t->numbers, &m->n);
		m->i = i;
	}
	*n = m->n;
	return m->e;
}

/* Is token i a scale word (number_word's NUMBER_SCALE) below below? */
static bool is_scale_at(struct numbers_memo *m, size_t i, double below)
{
	size_t n;
	const struct lex_entry *s = i < m->tk->n ? numbers_at(m, i, &n) : NULL;
	return s != NULL && s->value_tag == NUMBER_SCALE && s->number < below;
}

/* After "1 billion" or "two thousand", may digits at j go on with the same
 * amount? When a smaller scale word follows them ("2 billion 450
 * million"), or when they are a whole number below a thousand that a word
 * follows, as the rest of the amount ("15 thousand 600 people"): not at
 * the end of a clause or before a function word ("5 million 300 of them"),
 * where they are a number of their own. */
static bool digits_continue(struct numbers_memo *m, size_t j, double last_scale)
{
	const struct tables *t = m->t;
	const struct tokens *tk = m->tk;
	double v;
	size_t used = read_numeral(tk, j, &v);
	if (used == 0 || v >= last_scale)
		return false;
	size_t k = j + used;
	if (is_scale_at(m, k, last_scale))
		return true;
	return v < 1000 && used == 1 && tk->v[j].integer && k < tk->n &&
	       tk->v[k].kind == TOKEN_WORD &&
	       !token_lookup(&t->function_words, &tk->v[k]);
}

size_t amount_read(const struct tables *t, const struct tokens *tk, size_t i, struct amount *a)
{
	memset(a, 0, sizeof *a);
	double total = 0, chunk = 0, last_scale = INFINITY, smallest = 1;
	enum part last = PART_NONE;
	size_t j = i, end = i, n, words = 0, numerals = 0;
	bool one_word = false;
	struct numbers_memo memo = {t, tk, SIZE_MAX, NULL, 0};
	while (j < tk->n) {
		const struct token *w = &tk->v[j];
		if (w->kind == TOKEN_NUMBER) {
			if (last != PART_NONE &&
			    !(last == PART_SCALE && digits_continue(&memo, j, last_scale)))
				break;
			double v;
			size_t used = read_numeral(tk, j, &v);
			if (used == 0)
				break;
			double dec;
			if (is_scale_at(&memo, j + used, INFINITY) && used == 1 &&
			    comma_decimal(tk, w, &dec))
				v = dec;
			chunk = v;
			last = PART_DIGITS;
			numerals++;
			j += used;
			end = j;
			continue;
		}
		if (w->kind != TOKEN_WORD)
			break;
		const struct lex_entry *e = numbers_at(&memo, j, &n);
		double v = e ? e->number : hyphenated_tens(t, w);
		enum number_kind kind = e ? (enum number_kind)e->value_tag : NUMBER_CARDINAL;
		if (e == NULL)
			n = 1;
		if (e == NULL && v == 0) {
			/* "two hundred and five" */
			if (token_is(w, "and") && (last == PART_HUNDRED || last == PART_SCALE) &&
			    j + 1 < tk->n && tk->v[j + 1].kind == TOKEN_WORD) {
				last = PART_AND;
				j++;
				continue;
			}
			break;
		}
		if (kind == NUMBER_ARTICLE) {
			if ((last != PART_NONE && last != PART_FRACTION) ||
			    !is_scale_at(&memo, j + n, INFINITY))
				break;
			if (last == PART_NONE)
				chunk = 1;
			a->article = true;
			last = PART_ARTICLE;
		} else if (kind == NUMBER_FRACTION) {
			/* "half a million": the fraction, an article, a scale word */
			size_t an;
			const struct lex_entry *art = numbers_at(&memo, j + n, &an);
			if (last != PART_NONE || art == NULL || art->value_tag != NUMBER_ARTICLE ||
			    !is_scale_at(&memo, j + n + an, INFINITY))
				break;
			chunk = v;
			last = PART_FRACTION;
		} else if (kind == NUMBER_CARDINAL) {
			/* a hyphenated pair ("twenty-five") ends its chunk as a unit does */
			enum part p = e ? cardinal_part(v) : PART_UNIT;
			bool starts = last == PART_NONE || last == PART_SCALE ||
				      last == PART_HUNDRED || last == PART_AND;
			if (!(starts || (last == PART_TENS && p == PART_UNIT)))
				break;
			if (last == PART_HUNDRED && p == PART_WHOLE)
				break;
			one_word = last == PART_NONE && v == 1 && n == 1;
			chunk += v;
			last = p;
		} else if (kind == NUMBER_SCALE && v < 1000) { /* hundred */
			if (last == PART_NONE || last == PART_SCALE || last == PART_HUNDRED ||
			    last == PART_AND || chunk <= 0 || chunk >= 100)
				break;
			chunk *= v;
			smallest = v;
			last = PART_HUNDRED;
		} else if (kind == NUMBER_SCALE) {
			if (last == PART_NONE || last == PART_AND || chunk <= 0 || v >= last_scale)
				break;
			total += chunk * v;
			chunk = 0;
			last_scale = smallest = v;
			last = PART_SCALE;
			a->scaled = true;
		} else {
			break; /* a multiplier ("twice") is no amount */
		}
		if (!isfinite(total) || !isfinite(chunk))
			return 0;
		words++;
		j += n;
		if (last != PART_ARTICLE && last != PART_FRACTION)
			end = j;
	}
	if (end == i)
		return 0;
	/* A trailing "and" or article was not part of it; end already says so. */
	a->value = total + chunk;
	if (!isfinite(a->value))
		return 0;
	a->used = end - i;
	a->spelled = words > 0;
	a->scale = smallest;
	a->bare_one = one_word && a->used == 1;
	a->numeral = numerals == 1 && words == 0 && a->used == 1;
	a->upper = a->value;
	return a->used;
}

static bool glued_dash(const struct tokens *tk, size_t j)
{
	return j + 1 < tk->n && tk->v[j].kind == TOKEN_PUNCT && cp_is_dash(tk->v[j].cp) &&
	       !tk->v[j].space_before && !tk->v[j + 1].space_before;
}

/* "from 20 to 25" after a word of change ("grew from 30 to 45") is two
 * values, the old and the new, not a range. */
static bool change_before(const struct tables *t, const struct tokens *tk, size_t from)
{
	for (size_t k = from; k > 0 && k + 3 > from; k--) {
		const struct lex_entry *e = tokens_match(tk, k - 1, &t->figure_verbs, &(size_t){0});
		if (e != NULL && (e->value_tag == FIGVERB_INCREASE || e->value_tag == FIGVERB_DECREASE ||
				  e->value_tag == FIGVERB_CHANGE))
			return true;
	}
	return false;
}

size_t amount_read_range(const struct tables *t, const struct tokens *tk, size_t i,
			 struct amount *a)
{
	size_t j = i;
	bool from = token_is(&tk->v[i], "from"), between = token_is(&tk->v[i], "between");
	if (from || between) {
		if (from && change_before(t, tk, i))
			return 0;
		j++;
	}
	struct amount lo, hi;
	if (j >= tk->n || amount_read(t, tk, j, &lo) == 0) {
		memset(a, 0, sizeof *a);
		return 0;
	}
	size_t k = j + lo.used;
	bool joined = false;
	if (k + 1 < tk->n) {
		const struct token *c = &tk->v[k];
		if (between)
			joined = token_is(c, "and");
		else if (glued_dash(tk, k))
			joined = true;
		else if (token_is(c, "or")) /* "2 or 3 cases": a range said loosely */
			joined = !from;
		else if (token_is(c, "to"))
			/* "by 10 to 150" is a change and its result, not a range;
			 * so is "grew from 30 to 45", whichever word it is read from */
			joined = from || !(j > 0 && (token_is(&tk->v[j - 1], "by") ||
						     (token_is(&tk->v[j - 1], "from") &&
						      change_before(t, tk, j - 1))));
	}
	/* A range of years ("2019-2021") is a date, read before amounts are
	 * (figure_year_range_at); here two years are an amount with a unit
	 * ("1900-2000 tons"). */
	if (!joined || amount_read(t, tk, k + 1, &hi) == 0 || (lo.scaled && !hi.scaled) ||
	    lo.bare_one) {
		if (from || between) {
			memset(a, 0, sizeof *a);
			return 0; /* the caller reads the number on its own, after the word */
		}
		*a = lo;
		return lo.used;
	}
	/* "1,5-2 thousand", "two or three hundred": the upper end's scale word
	 * belongs to both ends, unless that would put the lower above it. */
	double low = lo.value;
	if (lo.scale == 1 && hi.scale > 1 && isfinite(low * hi.scale) && low * hi.scale <= hi.value)
		low *= hi.scale;
	/* "60-90'000 tons", "5-10,000 people": written in digits, the upper
	 * end's thousands are such a scale, when the lower end is of the size
	 * of the thousands ("1-1,000" stays one to a thousand). */
	bool grouped = lo.numeral && hi.numeral && tk->v[k + 1].grouped && !tk->v[j].grouped;
	if (grouped && low * 1000 < hi.value && low * 4000 >= hi.value)
		low *= 1000;
	if (!isfinite(low) || low > hi.value) {
		*a = lo;
		return (from || between) ? 0 : lo.used;
	}
	*a = hi;
	a->value = low;
	a->upper = hi.value;
	a->range = true;
	a->numeral = false;
	a->bare_one = false;
	a->spelled = lo.spelled || hi.spelled;
	a->used = k + 1 + hi.used - i;
	return a->used;
}
