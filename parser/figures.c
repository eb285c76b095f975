/* figures.c - numbers with meaning: percentages, money, dates, counts,
 * quantities and multipliers, each with a normalized value.
 *
 * A figure is a number (digits as the genre writes them, "2,300", "12.5",
 * "160 000", or a number word from numbers.tsv), an optional scale word
 * ("million"), and what follows or precedes it: a percent sign or word, a
 * currency (currencies.tsv), a unit (units.tsv), "times", or the noun it
 * counts. Dates come from month names (months.tsv), four-digit years and
 * relative phrases (relative_dates.txt). Numbers that are names are no
 * figures: glued to a word by a hyphen ("M-60", the tokenizer keeps those
 * as words), after a word of number_names.txt ("project 22220"), or after an
 * all-capitals name ("LNG 2").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "grow.h"
#include "utf8.h"

struct found {
	enum figure_kind kind;
	size_t first, last; /* tokens [first, last) of the surface text */
	double number;
	char date[40];      /* "YYYY-MM-DD", "YYYY-MM", "YYYY"; empty if relative */
	bool relative;
	const char *unit;   /* static or table string, copied into the arena on emit */
	size_t unit_start, unit_end; /* or: bytes of the paragraph, when unit is NULL */
};

struct figure_list {
	struct figure *v;
	size_t n, cap;
};

static bool is_year(const struct token *t)
{
	return t->kind == TOKEN_NUMBER && t->integer && !t->grouped && t->number >= 1800 &&
	       t->number <= 2100 && t->end - t->start == 4;
}

static bool is_day(const struct token *t)
{
	return t->kind == TOKEN_NUMBER && t->integer && !t->grouped && t->number >= 1 &&
	       t->number <= 31 && t->end - t->start <= 2;
}

/* A word in capitals of two letters or more ("LNG", "MS"). */
static bool is_acronym(const struct tokens *tk, const struct token *t)
{
	if (t->kind != TOKEN_WORD)
		return false;
	size_t letters = 0, n;
	for (size_t b = t->start; b < t->end; b += n) {
		uint32_t cp = utf8_decode(tk->text + b, t->end - b, &n);
		if (cp_is_letter(cp)) {
			if (!cp_is_upper(cp))
				return false;
			letters++;
		}
	}
	return letters >= 2;
}

static const struct lex_entry *number_word(const struct extract_ctx *x, const struct tokens *tk,
					   size_t i, const char *kind, size_t *count)
{
	const struct lex_entry *e = tokens_match(tk, i, &x->t->numbers, count);
	if (e != NULL && strcmp(e->value, kind) == 0)
		return e;
	*count = 0;
	return NULL;
}

/* Dates spelled with a month: "December 22, 2019", "22 December 2019",
 * "December 2022", "July last year". A month with a day but no year is a
 * date too, relative to the year of writing. */
static size_t match_month_date(const struct extract_ctx *x, const struct tokens *tk, size_t i,
			       struct found *f)
{
	size_t n, j = i;
	int day = 0;
	if (is_day(&tk->v[i]) && i + 1 < tk->n && tokens_match(tk, i + 1, &x->t->months, &n)) {
		day = (int)tk->v[i].number;
		j = i + 1;
	}
	const struct lex_entry *m = tokens_match(tk, j, &x->t->months, &n);
	if (m == NULL)
		return 0;
	/* "May" the verb; "Mar." etc. need no more care: a date needs a number or "last year". */
	int month = (int)m->number;
	if (month < 1 || month > 12)
		return 0;
	size_t k = j + n;
	if (day == 0 && k < tk->n && is_day(&tk->v[k]) && tk->v[k].space_before) {
		day = (int)tk->v[k].number;
		k++;
		if (k < tk->n && token_is_punct(&tk->v[k], ',') && k + 1 < tk->n && is_year(&tk->v[k + 1]))
			k++;
	}
	memset(f, 0, sizeof *f);
	f->kind = FIGURE_DATE;
	f->first = i;
	if (k < tk->n && is_year(&tk->v[k])) {
		int year = (int)tk->v[k].number;
		if (day > 0)
			snprintf(f->date, sizeof f->date, "%04d-%02d-%02d", year, month, day);
		else
			snprintf(f->date, sizeof f->date, "%04d-%02d", year, month);
		f->last = k + 1;
		return f->last - i;
	}
	size_t r;
	if (k < tk->n && tokens_match(tk, k, &x->t->relative_dates, &r)) {
		f->relative = true;
		f->last = k + r;
		return f->last - i;
	}
	if (day > 0) {
		f->relative = true;
		f->last = k;
		return f->last - i;
	}
	return 0;
}

/* A number at i: digits (with "160 000" style groups joined) or a number
 * word, then an optional scale word. Returns tokens used, 0 if none. */
static size_t read_number(const struct extract_ctx *x, const struct tokens *tk, size_t i,
			  double *value, bool *from_word, bool *scaled)
{
	size_t j = i, n;
	*from_word = false;
	*scaled = false;
	const struct token *t = &tk->v[i];
	if (t->kind == TOKEN_NUMBER) {
		*value = t->number;
		j++;
		/* "160 000": groups of exactly three digits after a space. */
		while (t->integer && !t->grouped && j < tk->n && tk->v[j].kind == TOKEN_NUMBER &&
		       tk->v[j].integer && !tk->v[j].grouped && tk->v[j].end - tk->v[j].start == 3 &&
		       tk->v[j].space_before && tk->v[j - 1].end - tk->v[j - 1].start <= 3 &&
		       !is_year(t)) {
			*value = *value * 1000 + tk->v[j].number;
			j++;
		}
	} else {
		const struct lex_entry *e = number_word(x, tk, i, "cardinal", &n);
		if (e == NULL)
			return 0;
		*value = e->number;
		*from_word = true;
		j += n;
	}
	const struct lex_entry *scale = j < tk->n ? number_word(x, tk, j, "scale", &n) : NULL;
	if (scale != NULL) {
		*value *= scale->number;
		*scaled = true;
		j += n;
	}
	/* Too large for a double ("1" and 300 zeros, then "billion"): no
	 * figure, since infinity is no value a reader can use and JSON has none. */
	if (!isfinite(*value))
		return 0;
	return j - i;
}

static bool adjective_like(const struct extract_ctx *x, const struct token *t)
{
	if (lexicon_get_folded(&x->t->count_modifiers, t->fold, t->fold_len))
		return true;
	static const char *const endings[] = {"al", "ic", "ive", "ous", "ese", "ian", "ful"};
	size_t len = strlen(t->fold);
	for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
		size_t el = strlen(endings[k]);
		if (len > el + 2 && strcmp(t->fold + len - el, endings[k]) == 0)
			return true;
	}
	return false;
}

/* The noun a number counts: a lowercase word that is no function word,
 * after at most two modifiers. Returns the index of the noun, or 0. */
static size_t counted_noun(const struct extract_ctx *x, const struct tokens *tk, size_t j)
{
	for (size_t k = j; k < tk->n && k < j + 3; k++) {
		const struct token *t = &tk->v[k];
		if (t->kind != TOKEN_WORD || t->upper || !t->space_before)
			return 0;
		if (lexicon_get_folded(&x->t->function_words, t->fold, t->fold_len) ||
		    lexicon_get_folded(&x->t->months, t->fold, t->fold_len))
			return 0;
		if (k + 1 < tk->n && tk->v[k + 1].kind == TOKEN_WORD && !tk->v[k + 1].upper &&
		    adjective_like(x, t))
			continue;
		return k;
	}
	return 0;
}

/* A counted noun may be a compound: "work permits", "cargo ships" (a
 * singular word before a plural one). Returns the last token of it. */
static size_t compound_end(const struct extract_ctx *x, const struct tokens *tk, size_t noun)
{
	const struct token *t = &tk->v[noun];
	if (noun + 1 >= tk->n || t->fold_len < 2 || t->fold[t->fold_len - 1] == 's')
		return noun;
	const struct token *u = &tk->v[noun + 1];
	if (u->kind != TOKEN_WORD || u->upper || !u->space_before || u->fold_len < 3 ||
	    u->fold[u->fold_len - 1] != 's' || u->fold[u->fold_len - 2] == 's' ||
	    lexicon_get_folded(&x->t->function_words, u->fold, u->fold_len))
		return noun;
	return noun + 1;
}

/* "two years ago", "three days ago": a date relative to the writing. */
static bool ago(const struct extract_ctx *x, const struct tokens *tk, size_t noun)
{
	return noun + 1 < tk->n && token_is(&tk->v[noun + 1], "ago") &&
	       lexicon_get_folded(&x->t->time_units, tk->v[noun].fold, tk->v[noun].fold_len);
}

/* Everything that can follow a number. Returns tokens used by the figure
 * from i, or 0 if the number means nothing on its own. */
static size_t match_number(const struct extract_ctx *x, const struct tokens *tk, size_t i,
			   struct found *f)
{
	size_t n, first = i;
	memset(f, 0, sizeof *f);
	/* A currency before the number: "$200 million", "RUB 5 billion". */
	const char *prefix_currency = NULL;
	const struct lex_entry *cur = tokens_match(tk, i, &x->t->currencies, &n);
	if (cur != NULL && i + n < tk->n && tk->v[i + n].kind == TOKEN_NUMBER &&
	    (!cp_is_letter(tk->v[i].cp) || is_acronym(tk, &tk->v[i]))) {
		prefix_currency = cur->value;
		i += n;
	} else if (tk->v[i].kind != TOKEN_NUMBER &&
		   !number_word(x, tk, i, "cardinal", &n) && !number_word(x, tk, i, "multiplier", &n)) {
		return 0;
	}
	/* "twice", "threefold" */
	const struct lex_entry *mult = number_word(x, tk, i, "multiplier", &n);
	if (mult != NULL && prefix_currency == NULL) {
		f->kind = FIGURE_MULTIPLIER;
		f->number = mult->number;
		f->first = first;
		f->last = i + n;
		return f->last - first;
	}
	/* A number that names something: "project 22220", "No. 5", "LNG 2";
	 * unless what follows makes it an amount ("Route 50 thousand people"). */
	size_t after = i + 1;
	bool amount = after < tk->n && (number_word(x, tk, after, "scale", &n) ||
					tokens_match(tk, after, &x->t->units, &n) ||
					tokens_match(tk, after, &x->t->currencies, &n));
	if (prefix_currency == NULL && i > 0 && tk->v[i].kind == TOKEN_NUMBER && !amount) {
		const struct token *prev = &tk->v[i - 1];
		size_t pn;
		if ((prev->kind == TOKEN_WORD &&
		     lexicon_get(&x->t->number_names, prev->fold, strlen(prev->fold))) ||
		    (i > 1 && token_is_punct(prev, '.') &&
		     tokens_match(tk, i - 2, &x->t->number_names, &pn) && pn == 2) ||
		    token_is_punct(prev, '#') || token_is_punct(prev, 0x2116) ||
		    (is_acronym(tk, prev) && !tokens_match(tk, i - 1, &x->t->currencies, &pn)))
			return tk->v[i].kind == TOKEN_NUMBER ? 1 : 0; /* consumed, no figure */
	}
	/* "10:30" is a time of day. */
	if (i + 2 < tk->n && token_is_punct(&tk->v[i + 1], ':') && !tk->v[i + 1].space_before &&
	    tk->v[i + 2].kind == TOKEN_NUMBER && !tk->v[i + 2].space_before)
		return 3;
	double value;
	bool from_word, scaled;
	size_t used = read_number(x, tk, i, &value, &from_word, &scaled);
	if (used == 0)
		return 0;
	size_t j = i + used;
	f->first = first;
	f->number = value;
	if (prefix_currency != NULL) {
		f->kind = FIGURE_MONEY;
		f->unit = prefix_currency;
		f->last = j;
		/* "$200 million dollars" would repeat it; take the word too. */
		if (j < tk->n && tokens_match(tk, j, &x->t->currencies, &n) && cp_is_letter(tk->v[j].cp))
			f->last = j + n;
		return f->last - first;
	}
	if (j < tk->n) {
		const struct lex_entry *e;
		if ((e = tokens_match(tk, j, &x->t->currencies, &n)) != NULL) {
			f->kind = FIGURE_MONEY;
			f->unit = e->value;
			f->last = j + n;
			return f->last - first;
		}
		if ((e = tokens_match(tk, j, &x->t->units, &n)) != NULL) {
			bool percent = strcmp(e->value, "%") == 0;
			f->kind = percent ? FIGURE_PERCENT : FIGURE_QUANTITY;
			f->unit = e->value;
			f->last = j + n;
			return f->last - first;
		}
		if (token_is(&tk->v[j], "times") && tk->v[j].space_before) {
			f->kind = FIGURE_MULTIPLIER;
			f->last = j + 1;
			return f->last - first;
		}
		/* "2.5-fold" */
		if (j + 1 < tk->n && token_is_punct(&tk->v[j], '-') && !tk->v[j].space_before &&
		    token_is(&tk->v[j + 1], "fold") && !tk->v[j + 1].space_before) {
			f->kind = FIGURE_MULTIPLIER;
			f->last = j + 2;
			return f->last - first;
		}
	}
	if (!from_word && !scaled && is_year(&tk->v[i])) {
		f->kind = FIGURE_DATE;
		snprintf(f->date, sizeof f->date, "%04d", (int)value);
		f->last = j;
		return used;
	}
	size_t noun = j < tk->n ? counted_noun(x, tk, j) : 0;
	if (noun != 0 && ago(x, tk, noun)) {
		f->kind = FIGURE_DATE;
		f->relative = true;
		f->last = noun + 2;
		return f->last - first;
	}
	if (noun != 0) {
		size_t last = compound_end(x, tk, noun);
		f->kind = FIGURE_COUNT;
		f->last = last + 1;
		/* The unit as written: "work permits" spans two tokens. */
		f->unit_start = tk->v[noun].start;
		f->unit_end = tk->v[last].end;
		return f->last - first;
	}
	if (scaled) { /* "12 million" on its own still counts something */
		f->kind = FIGURE_COUNT;
		f->last = j;
		return used;
	}
	return used; /* a bare number: consumed, no figure */
}

static int emit(struct extract_ctx *x, struct figure_list *out, const struct para_ref *r,
		const struct found *f)
{
	struct figure *v = grow_for_one(out->v, out->n, &out->cap, sizeof *v, 32);
	if (v == NULL)
		return -1;
	out->v = v;
	const struct tokens *tk = &r->tk;
	struct figure *g = &out->v[out->n];
	memset(g, 0, sizeof *g);
	size_t b0 = tk->v[f->first].start, b1 = tk->v[f->last - 1].end;
	g->kind = f->kind;
	g->text = para_dup(x, r->p, b0, b1);
	g->number = f->number;
	g->relative = f->relative;
	g->date = f->date[0] ? arena_strdup(&x->a->arena, f->date) : NULL;
	if (f->unit)
		g->unit = arena_strdup(&x->a->arena, f->unit);
	else if (f->unit_end > f->unit_start) /* a counted noun, lowercase as in the text */
		g->unit = para_dup(x, r->p, f->unit_start, f->unit_end);
	const struct sentence *s = &tk->sentences[tokens_sentence_of(tk, f->first)];
	g->sentence = para_dup(x, r->p, tk->v[s->first].start, tk->v[s->last - 1].end);
	g->at = (struct place){r->section, r->paragraph, tokens_cp(tk, b0), tokens_cp(tk, b1)};
	if (g->text == NULL || g->sentence == NULL || (f->date[0] && g->date == NULL) ||
	    ((f->unit || f->unit_end > f->unit_start) && g->unit == NULL))
		return -1;
	snprintf(g->id, sizeof g->id, "f%zu", out->n + 1);
	out->n++;
	return 0;
}

int figures_extract(struct extract_ctx *x)
{
	struct figure_list out = {0};
	for (size_t p = 0; p < x->n_paras; p++) {
		const struct para_ref *r = &x->paras[p];
		const struct tokens *tk = &r->tk;
		for (size_t i = 0; i < tk->n;) {
			struct found f;
			size_t n = match_month_date(x, tk, i, &f);
			if (n == 0) {
				size_t r_n;
				if (tokens_match(tk, i, &x->t->relative_dates, &r_n)) {
					memset(&f, 0, sizeof f);
					f.kind = FIGURE_DATE;
					f.relative = true;
					f.first = i;
					f.last = i + r_n;
					n = r_n;
				}
			}
			if (n == 0) {
				n = match_number(x, tk, i, &f);
				if (n > 0 && f.last == 0)
					f.first = f.last = 0; /* consumed without a figure */
			}
			if (n == 0) {
				i++;
				continue;
			}
			if (f.last > f.first && emit(x, &out, r, &f) != 0) {
				free(out.v);
				return -1;
			}
			i += n;
		}
	}
	if (out.n > 0) {
		x->a->figures = arena_alloc(&x->a->arena, out.n * sizeof *out.v);
		if (x->a->figures == NULL) {
			free(out.v);
			return -1;
		}
		memcpy(x->a->figures, out.v, out.n * sizeof *out.v);
	}
	x->a->n_figures = out.n;
	free(out.v);
	return 0;
}
