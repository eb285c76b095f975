/* figure_dates.c - dates: with a month name (months.tsv), in digits
 * ("14.07.2018"), bare years ("2024", "2017 year"), and dates relative to
 * the writing (relative_dates.txt, "July last year"). See figures_extract.h.
 */
#include <string.h>

#include "../text/decimal.h"
#include "figures_extract.h"

bool figure_is_year(const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	return t->kind == TOKEN_NUMBER && t->integer && !t->grouped && t->number >= 1800 &&
	       t->number <= 2100 && t->end - t->start == 4;
}

static bool is_day(const struct token *t)
{
	return t->kind == TOKEN_NUMBER && t->integer && !t->grouped && t->number >= 1 &&
	       t->number <= 31 && t->end - t->start <= 2;
}

size_t figure_year_suffix(const struct tables *t, const struct tokens *tk, size_t k)
{
	size_t n;
	const struct lex_entry *e = tokens_match(tk, k, &t->figure_words, &n);
	return e != NULL && (e->value_tag & FIGWORD_YEAR_AFTER) ? n : 0;
}

/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" (day, month 0: none). Every caller's
 * year is one of figure_is_year (1800 to 2100), month 1 to 12, day 1 to
 * 31: none is negative, and each fits f->date. */
static void set_date(struct found *f, size_t first, size_t last, int year, int month, int day)
{
	memset(f, 0, sizeof *f);
	f->kind = FIGURE_DATE;
	f->first = first;
	f->last = last;
	char *p = decimal_put(f->date, (unsigned)year, 4);
	if (month > 0) {
		*p++ = '-';
		p = decimal_put(p, (unsigned)month, 2);
	}
	if (day > 0) {
		*p++ = '-';
		decimal_put(p, (unsigned)day, 2);
	}
}

static void set_relative(struct found *f, size_t first, size_t last)
{
	memset(f, 0, sizeof *f);
	f->kind = FIGURE_DATE;
	f->relative = true;
	f->first = first;
	f->last = last;
}

/* Dates spelled with a month: "December 22, 2019", "22 December 2019",
 * "December 2022", "July last year", "March of this year". A month with a
 * day but no year is a date too, relative to the year of writing. */
static size_t month_date(const struct extract_ctx *x, const struct tokens *tk, size_t i,
			 struct found *f)
{
	size_t n, j = i;
	int day = 0;
	if (is_day(&tk->v[i]) && i + 1 < tk->n) {
		/* "22 December", and "5 of March" as translations put it */
		size_t of = token_is(&tk->v[i + 1], "of") ? 1 : 0;
		if (tokens_match(tk, i + 1 + of, &x->t->months, &n)) {
			day = (int)tk->v[i].number;
			j = i + 1 + of;
		}
	}
	const struct lex_entry *m = tokens_match(tk, j, &x->t->months, &n);
	if (m == NULL)
		return 0;
	/* "May" the verb needs no care: a date needs a number or "last year". */
	int month = (int)m->number;
	if (month < 1 || month > 12)
		return 0;
	size_t k = j + n;
	if (day == 0 && k < tk->n && is_day(&tk->v[k]) && tk->v[k].space_before) {
		day = (int)tk->v[k].number;
		k++;
		if (k < tk->n && token_is_punct(&tk->v[k], ',') && k + 1 < tk->n &&
		    figure_is_year(tk, k + 1))
			k++;
	}
	if (k < tk->n && figure_is_year(tk, k)) {
		set_date(f, i, k + 1 + figure_year_suffix(x->t, tk, k + 1), (int)tk->v[k].number, month,
			 day);
		return f->last - i;
	}
	size_t r, of = k < tk->n && token_is(&tk->v[k], "of") ? 1 : 0;
	if (k + of < tk->n && tokens_match(tk, k + of, &x->t->relative_dates, &r)) {
		set_relative(f, i, k + of + r);
		return f->last - i;
	}
	if (day > 0) {
		set_relative(f, i, k);
		return f->last - i;
	}
	return 0;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads 1 to max digits at s[*b]; returns their value, -1 if none. */
static int digits(const char *s, size_t len, size_t *b, size_t max)
{
	int v = 0;
	size_t k = 0;
	while (*b < len && k < max && digit(s[*b])) {
		v = v * 10 + (s[(*b)++] - '0');
		k++;
	}
	return k == 0 ? -1 : v;
}

/* "14.07.2018" or "25/03/2013": day, month and year in digits, as Russian
 * documents date themselves. Read from the text, since the tokenizer sees
 * "25.03" as a decimal. */
static size_t numeric_date(const struct tables *t, const struct tokens *tk, size_t i,
			   struct found *f)
{
	const char *s = tk->text;
	size_t b = tk->v[i].start, len = tk->len;
	int day = digits(s, len, &b, 2);
	if (day < 1 || day > 31 || b >= len || (s[b] != '.' && s[b] != '/'))
		return 0;
	char sep = s[b++];
	size_t mb = b;
	int month = digits(s, len, &b, 2);
	if (month < 1 || month > 12 || b - mb != 2 || b >= len || s[b] != sep)
		return 0;
	b++;
	size_t yb = b;
	int year = digits(s, len, &b, 4);
	if (b - yb != 4 || year < 1800 || year > 2100 || (b < len && digit(s[b])) ||
	    (b + 1 < len && (s[b] == '.' || s[b] == ',') && digit(s[b + 1])))
		return 0;
	size_t k = i;
	while (k < tk->n && tk->v[k].end < b)
		k++;
	if (k >= tk->n || tk->v[k].end != b)
		return 0;
	set_date(f, i, k + 1 + figure_year_suffix(t, tk, k + 1), year, month, day);
	return f->last - i;
}

size_t figure_date_at(const struct extract_ctx *x, const struct tokens *tk, size_t i,
		      struct found *f)
{
	size_t n = month_date(x, tk, i, f);
	if (n == 0 && tk->v[i].kind == TOKEN_NUMBER)
		n = numeric_date(x->t, tk, i, f);
	if (n == 0 && tokens_match(tk, i, &x->t->relative_dates, &n))
		set_relative(f, i, i + n);
	return n;
}

size_t figure_year_range_at(const struct tables *t, const struct tokens *tk, size_t i,
			    struct found *f)
{
	bool from = token_is(&tk->v[i], "from"), between = token_is(&tk->v[i], "between");
	size_t j = i + (from || between);
	if (j + 2 >= tk->n || !figure_is_year(tk, j))
		return 0;
	const struct token *c = &tk->v[j + 1], *u = &tk->v[j + 2];
	bool dash = !from && !between && c->kind == TOKEN_PUNCT && cp_is_dash(c->cp);
	bool glued = dash && !c->space_before && !u->space_before;
	/* "2018 – 2024": a dash with spaces joins two years of four digits
	 * only ("in 2019 - 14 thousand tons" is a year and what it had). */
	bool spaced = dash && c->space_before && u->space_before && u->end - u->start == 4;
	bool joined = from ? token_is(c, "to") : between ? token_is(c, "and") : glued || spaced;
	if (!joined || u->kind != TOKEN_NUMBER || !u->integer || u->grouped)
		return 0;
	int lo = (int)tk->v[j].number, hi;
	size_t digits = u->end - u->start;
	if (digits == 4 && figure_is_year(tk, j + 2)) {
		hi = (int)u->number;
	} else if (digits == 2 && !from && !between) { /* "2017-21" */
		hi = lo / 100 * 100 + (int)u->number;
		if (hi <= lo)
			hi += 100;
	} else {
		return 0;
	}
	if (hi <= lo || hi - lo > 100)
		return 0;
	size_t end = j + 3;
	end += figure_year_suffix(t, tk, end);
	set_date(f, i, end, lo, 0, 0);
	f->range = true;
	decimal_put(f->date_to, (unsigned)hi, 4); /* above lo, by at most 100 */
	return end - i;
}

size_t figure_year_at(const struct extract_ctx *x, const struct tokens *tk, size_t i,
		      struct found *f)
{
	memset(f, 0, sizeof *f);
	/* "the 2000-ies", "1990-x": a decade, or an ordinal suffix. */
	if (i + 2 < tk->n && figure_glued_suffix(tk, i + 1))
		return 3;
	/* "from the end of the 1980 to ...": "the" and a year with no noun
	 * after it is a decade whose "s" the translation lost. */
	if (i > 0 && token_is(&tk->v[i - 1], "the") && figure_year_suffix(x->t, tk, i + 1) == 0 &&
	    (i + 1 >= tk->n ||
	     (tk->v[i + 1].kind == TOKEN_PUNCT && !cp_is_dash(tk->v[i + 1].cp)) ||
	     token_lookup(&x->t->function_words, &tk->v[i + 1])))
		return 1; /* (but "the 2018-2020 program" is two years) */
	set_date(f, i, i + 1 + figure_year_suffix(x->t, tk, i + 1), (int)tk->v[i].number, 0, 0);
	return f->last - i;
}
