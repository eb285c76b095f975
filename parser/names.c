/* names.c - the words of names and titles: which words may be part of a
 * person's name, where a name ends, the job title written before it, and
 * whether a phrase names a person, an outlet or a title (see names.h). */
#include "names.h"

#include <stdlib.h>
#include <string.h>

#include "../text/utf8.h"

/* A name in quote marks inside a title ("the general director of «Hanil
 * Agro» Kim"): from an opening mark at k, the index after its closing
 * mark, or k if there is none nearby. */
size_t quoted_name_after(const struct tokens *tk, size_t k)
{
	for (size_t j = k + 1; j < tk->n && j < k + 10; j++) {
		if (tk->v[j].kind == TOKEN_PUNCT && cp_is_quote(tk->v[j].cp))
			return j > k + 1 ? j + 1 : k;
		if (tk->v[j].kind == TOKEN_PUNCT && tk->v[j].cp != '-')
			return k;
	}
	return k;
}

/* The same backwards: from a closing mark at end - 1, the index of its
 * opening mark, or end. */
size_t quoted_name_before(const struct tokens *tk, size_t end)
{
	for (size_t j = end - 1; j-- > 0 && j + 10 > end;) {
		if (tk->v[j].kind == TOKEN_PUNCT && cp_is_quote(tk->v[j].cp))
			return j + 2 < end ? j : end;
		if (tk->v[j].kind == TOKEN_PUNCT && tk->v[j].cp != '-')
			return end;
	}
	return end;
}

bool token_is_title_word(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	size_t n;
	return tokens_match(tk, i, &x->t->titles, &n) || tokens_match(tk, i, &x->t->countries, &n) ||
	       tokens_match(tk, i, &x->t->outlet_words, &n);
}

/* Does a key of the countries start at token i (tokens_match says one)?
 * Most such words are a country's name or adjective on their own
 * ("Russia", "Chinese"): a key that the token spells alone, whose case
 * rule its text meets, is one that tokens_match finds (it, or a longer
 * one), told by one lookup; the others, and a fold longer than a key
 * that tokens_match builds may be, are left to tokens_match. (Measured
 * worth it here only: at the other yes-or-no questions of titles, verbs
 * and outlet words, tokens_match's memory of its recent answers made the
 * lookup cost more than it saved.) */
static bool country_at(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	const struct lex_entry *e = t->fold_len < 64 ? token_lookup(&x->t->countries, t) : NULL;
	if (e != NULL && lex_case_ok(e, tk->text + t->start, t->end - t->start))
		return true;
	size_t n;
	return tokens_match(tk, i, &x->t->countries, &n) != NULL;
}

/* Could token i be part of a person's name? A capitalized word that is no
 * title, country, institution or month. */
static bool name_token(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	if (t->kind != TOKEN_WORD || !t->upper)
		return false;
	/* The questions one bit of the token answers first; the endings,
	 * a lookup each, last. */
	if (in_lexicon(&x->t->name_stop, t) || in_lexicon(&x->t->titles, t) ||
	    in_lexicon(&x->t->outlet_words, t) || in_lexicon(&x->t->months, t) ||
	    country_at(x, tk, i))
		return false;
	/* "Promotion", "Development", "Resources": a common noun in an
	 * institution's name (noun_endings.txt), with three letters before the
	 * ending. */
	const struct lexicon *endings = &x->t->noun_endings;
	/* Most names end as no key of the table does (key_ends.h). Each
	 * ending it could have is looked up, up to the longest key. */
	const struct key_ends *ends = &x->t->noun_endings_ends;
	if (!key_ends_may(ends, t->fold, t->fold_len))
		return true;
	for (size_t el = 1; el + 2 < t->fold_len && el <= ends->longest; el++) {
		const char *e = t->fold + t->fold_len - el;
		if (lexicon_may_begin_with(endings, (unsigned char)*e) &&
		    lexicon_get_folded(endings, e, el) != NULL)
			return false;
	}
	return true;
}

/* The last word of a name may look like a month ("Park Min Jun"): after
 * a name word, and with no day or year after it, it is part of the name. */
static bool name_end_token(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	if (name_token(x, tk, i))
		return true;
	const struct token *t = &tk->v[i];
	return t->kind == TOKEN_WORD && t->upper && in_lexicon(&x->t->months, t) && i > 0 &&
	       name_token(x, tk, i - 1) && (i + 1 >= tk->n || tk->v[i + 1].kind != TOKEN_NUMBER);
}

bool is_patronymic(const struct extract_ctx *x, const struct token *t)
{
	const struct lexicon *lx = &x->t->name_gender;
	size_t len = strlen(t->fold);
	const struct key_ends *ends = &x->t->name_gender_ends;
	if (!key_ends_may(ends, t->fold, len))
		return false; /* no ending of the table: most words */
	/* Each ending the word could have, up to the longest key, looked up:
	 * fewer lookups than the table has entries to walk. */
	for (size_t el = 1; el + 1 < len && el <= ends->longest; el++) {
		const char *ending = t->fold + len - el;
		if (!lexicon_may_begin_with(lx, (unsigned char)*ending))
			continue;
		const struct lex_entry *e = lexicon_get_folded(lx, ending, el);
		if (e != NULL && e->extra_tag == NAME_PATRONYMIC)
			return true;
	}
	return false;
}

/* The name at the end of tokens [first, last): the trailing name tokens,
 * two at most, since a name of the genre is a given name and a surname
 * and whatever comes before them is a title or an institution ("Fishery
 * Pavel Orlov"); three with a patronymic ("Gennady Pavlovich Lebedev") or
 * after a family name that opens a name of three words ("Park Min Jun").
 * Returns its first token, or last if there is none. */
size_t name_core(const struct extract_ctx *x, const struct tokens *tk, size_t first,
			size_t last)
{
	size_t s = last;
	if (s > first && name_end_token(x, tk, s - 1))
		s--;
	while (s > first && s < last && name_token(x, tk, s - 1) && last - s < 3)
		s--;
	if (last - s == 3 && !is_patronymic(x, &tk->v[s + 1]) &&
	    !in_lexicon(&x->t->family_names, &tk->v[s]))
		s++;
	return s;
}

/* The title written before the name that starts at token c: capitalized
 * words, title words, country words and the words that join them, read
 * backwards ("Russian President", "Deputy Head of the Federal Agency for
 * Fishery"). Stores the range in [*tf, *tl); empty if it holds no title
 * or outlet word. */
/* Does a person's name with a title before it end just before token e
 * ("Deputy Prime Minister Alexei Volkov")? */
static bool titled_name_ends_at(const struct extract_ctx *x, const struct tokens *tk, size_t e)
{
	size_t s = e;
	while (s > 0 && tk->v[s - 1].kind == TOKEN_WORD && tk->v[s - 1].upper && e - s < 8)
		s--;
	size_t core = name_core(x, tk, s, e);
	if (e - core < 2)
		return false;
	size_t n;
	for (size_t i = core > 3 ? core - 3 : 0; i < core; i++)
		if (tokens_match(tk, i, &x->t->titles, &n) && i + n == core)
			return true;
	return false;
}

/* Could the walk of title_before_mode from c find a title? It needs a
 * titles or outlet word among the words it reads back, and it reads no
 * further back than the first token that is no word, nor farther than
 * TITLE_CHAIN_MAX: without a token there that may start a key of
 * either table, it finds none. A quote mark before a word may be skipped
 * with the name it closes: then the answer is yes, to be read. */
static bool title_may_end_at(const struct extract_ctx *x, const struct tokens *tk, size_t c)
{
	for (size_t b = c; b > 0 && c - b < TITLE_CHAIN_MAX; b--) {
		const struct token *t = &tk->v[b - 1];
		if (t->kind != TOKEN_WORD)
			return is_quote_mark(t);
		if (may_start_key(t, &x->t->titles) || may_start_key(t, &x->t->outlet_words))
			return true;
	}
	return false;
}

void title_before_mode(const struct extract_ctx *x, const struct tokens *tk, size_t c,
			      size_t *tf, size_t *tl, bool strict)
{
	if (!title_may_end_at(x, tk, c)) {
		*tf = *tl = c; /* as below, when no title word is found */
		return;
	}
	size_t k = c;
	while (k > 0 && c - k < TITLE_CHAIN_MAX) {
		size_t q = skip_quoted_backward(tk, k);
		if (q < k) {
			k = q;
			continue;
		}
		const struct token *t = &tk->v[k - 1];
		if (t->kind != TOKEN_WORD)
			break;
		/* "Deputy Prime Minister Alexei Volkov and Vice Governor ... Wang
		 * Fang": "and" after a titled person's name joins two people. */
		if (token_is(t, "and") && k >= 2 && titled_name_ends_at(x, tk, k - 1))
			break;
		/* "Ambassador of Japan to Russia", "Envoy to the Far Eastern
		 * Federal District", "State Duma deputy from Primorye": titles
		 * say where with these too. */
		unsigned cls = speech_classes(x, t);
		bool where = cls & SPEECH_TITLE_WHERE;
		if (!t->upper && in_lexicon(&x->t->function_words, t) && !(cls & SPEECH_CONNECTOR) &&
		    !where)
			break;
		k--;
	}
	/* Plain lowercase words belong to a title only as what it is of:
	 * "the head of the Buryat customs", "director of a fishing company";
	 * elsewhere ("the governor visited Petrov") they end it. */
	bool role = false, of = false;
	/* The last title or outlet word of [k, c): whether one is left after
	 * k moves on, without matching the words again. */
	size_t last_title = (size_t)-1;
	for (size_t i = k; i < c; i++) {
		size_t n;
		const struct token *t = &tk->v[i];
		bool title_word = tokens_match(tk, i, &x->t->titles, &n) ||
				  tokens_match(tk, i, &x->t->outlet_words, &n);
		if (title_word) {
			role = true;
			last_title = i;
			continue;
		}
		if (t->kind != TOKEN_WORD || t->upper)
			continue;
		unsigned cls = speech_classes(x, t); /* one lookup for the three questions */
		if (cls & SPEECH_DETERMINER)
			continue;
		if (cls & (SPEECH_CONNECTOR | SPEECH_TITLE_WHERE)) {
			of = of || (role && (cls & SPEECH_TITLE_OF));
			continue;
		}
		/* No title or outlet word (the test above): of the three tables
		 * of token_is_title_word, only the countries are left to ask. */
		if ((strict || !(role && of)) && tokens_match(tk, i, &x->t->countries, &n) == NULL) {
			k = i + 1; /* start again after it */
			role = of = false;
		}
	}
	/* No title begins with the word that leads to it: "talked to
	 * Minister ...", "from the Governor ...". */
	while (k < c && (speech_classes(x, &tk->v[k]) & (SPEECH_CONNECTOR | SPEECH_TITLE_WHERE)))
		k++;
	*tf = *tl = c;
	if (last_title != (size_t)-1 && last_title >= k)
		*tf = k; /* it holds a title or outlet word */
}

void title_before(const struct extract_ctx *x, const struct tokens *tk, size_t c,
			 size_t *tf, size_t *tl)
{
	title_before_mode(x, tk, c, tf, tl, false);
}

/* The last token of [first, last) where an entry of lx starts that ends
 * inside it, or (size_t)-1: range_has(tk, s, last, lx) is whether it is
 * at s or after. */
static size_t last_fitting(const struct tokens *tk, size_t first, size_t last,
			   const struct lexicon *lx)
{
	for (size_t i = last; i-- > first;) {
		size_t n;
		if (tokens_match(tk, i, lx, &n) && i + n <= last)
			return i;
	}
	return (size_t)-1;
}

bool range_has(const struct tokens *tk, size_t first, size_t last, const struct lexicon *lx)
{
	for (size_t i = first; i < last; i++) {
		size_t n;
		if (tokens_match(tk, i, lx, &n) && i + n <= last)
			return true;
	}
	return false;
}

/* Does the title call its bearer an outlet ("the Japanese agency", "news
 * agency")? An outlet word in an institution's name under a job title
 * ("Deputy Head of the Federal Agency for Fishery") does not. */
bool outlet_title(const struct extract_ctx *x, const struct tokens *tk, size_t first, size_t last)
{
	return range_has(tk, first, last, &x->t->outlet_words) &&
	       !range_has(tk, first, last, &x->t->titles);
}

/* r as the name [name_first, name_last), titled by what stands from first
 * up to it, less the leading connectors ("of", "the"). */
static struct speaker_ref as_name(const struct extract_ctx *x, const struct tokens *tk,
				  struct speaker_ref r, size_t first, size_t name_first,
				  size_t name_last)
{
	r.kind = SPEAKER_NAME;
	r.name_first = name_first;
	r.name_last = name_last;
	r.title_first = first;
	r.title_last = name_first;
	while (r.title_first < r.title_last && is_connector(x, &tk->v[r.title_first]))
		r.title_first++;
	r.outlet_words = outlet_title(x, tk, r.title_first, r.title_last);
	return r;
}

size_t longer_outlet_name(const struct extract_ctx *x, const struct tokens *tk, size_t first, size_t s)
{
	size_t k = s;
	while (k > first && tk->v[k - 1].kind == TOKEN_WORD && tk->v[k - 1].upper &&
	       !is_determiner(x, &tk->v[k - 1]) && !token_is_title_word(x, tk, k - 1))
		k--;
	return k < s && k > first && is_determiner(x, &tk->v[k - 1]) ? k : s;
}

/* Is the phrase, after its determiners (from *name_first), an outlet's
 * proper name made of capitalized words that ends with an outlet word
 * ("The Moscow News", "Primorye Daily")? One of the words before must be
 * no title, country or outlet word: "The Agency" is "the agency". */
static bool proper_outlet_name(const struct extract_ctx *x, const struct tokens *tk, size_t first,
			       size_t last, size_t *name_first)
{
	size_t k = first, n = 0;
	while (k < last && is_determiner(x, &tk->v[k]))
		k++;
	size_t s = k;
	while (s < last && !(tokens_match(tk, s, &x->t->outlet_words, &n) && s + n == last))
		s++;
	bool proper = false;
	for (size_t i = k; i < last; i++) {
		if (tk->v[i].kind != TOKEN_WORD || !tk->v[i].upper)
			return false;
		proper = proper || (i < s && !token_is_title_word(x, tk, i));
	}
	*name_first = k;
	return s < last && proper;
}

/* The phrase as the name [name_first, last) of an outlet the table does
 * not know. */
static struct speaker_ref outlet_named(const struct extract_ctx *x, const struct tokens *tk,
				       struct speaker_ref r, size_t first, size_t name_first,
				       size_t last)
{
	r = as_name(x, tk, r, first, name_first, last);
	r.outlet_words = true;
	return r;
}

/* Sorts the phrase [first, last) into a name, a title or nothing. */
struct speaker_ref classify(const struct extract_ctx *x, const struct tokens *tk, size_t first,
			      size_t last)
{
	struct speaker_ref r = {.kind = SPEAKER_NONE, .first = first, .last = last};
	if (first >= last)
		return r;
	/* An outlet of the table that ends the phrase ("The Morning Herald"),
	 * or is followed only by what it is ("the SCMP newspaper"). */
	for (size_t s = first; s < last; s++) {
		size_t n, w = 0;
		const struct lex_entry *e = tokens_match(tk, s, &x->t->outlets, &n);
		if (e != NULL && s + n < last)
			tokens_match(tk, s + n, &x->t->outlet_words, &w);
		if (e != NULL && (s + n == last || s + n + w == last)) {
			size_t whole = longer_outlet_name(x, tk, first, s);
			if (whole < s) /* another outlet, named by it all */
				return outlet_named(x, tk, r, first, whole, s + n);
			r.outlet = e;
			return as_name(x, tk, r, first, s, s + n);
		}
	}
	size_t core = name_core(x, tk, first, last);
	/* "the apparatus of Deputy Prime Minister X", "the office of the
	 * governor": an institution that speaks for a person (a title of class
	 * "body" at the head of the phrase) is itself the speaker. */
	size_t head = first, hn;
	while (head < last && is_determiner(x, &tk->v[head]))
		head++;
	/* The "of" after the title, looked for before the title is: with no
	 * "of" after head in the phrase, the test below fails whatever the
	 * title, and most phrases have none. */
	bool of_after = false;
	for (size_t k = head + 1; k < last && !of_after; k++)
		of_after = token_is(&tk->v[k], "of");
	const struct lex_entry *body = of_after ? tokens_match(tk, head, &x->t->titles, &hn) : NULL;
	if (body != NULL && body->extra_tag == TITLE_CLASS_BODY && head + hn < last &&
	    token_is(&tk->v[head + hn], "of")) {
		r.kind = SPEAKER_TITLE;
		r.first = r.title_first = first;
		r.title_last = last;
		return r;
	}
	/* After a preposition a capitalized word is a place or a body, part of
	 * a title or an aside: "the head of Primorye", "the Minister of Natural
	 * Resources", "a truck driver from Khabarovsk". */
	if (core < last && core > first && is_preposition(x, &tk->v[core - 1]))
		core = last;
	if (core < last)
		return as_name(x, tk, r, first, core, last);
	if (proper_outlet_name(x, tk, first, last, &head))
		return outlet_named(x, tk, r, first, head, last);
	/* A title: from the last "the" whose phrase still holds a title word,
	 * so "in the PRC the governor" is "the governor". range_has of each
	 * phrase [s, last) is whether the last entry that fits in [first,
	 * last) starts at s or after: found once (last_fitting). */
	size_t lt = last_fitting(tk, first, last, &x->t->titles);
	bool role = lt != (size_t)-1;
	size_t lo = role ? lt : last_fitting(tk, first, last, &x->t->outlet_words);
	if (lo == (size_t)-1)
		return r; /* neither a title nor an outlet word */
	size_t start = first;
	for (size_t s = last; s-- > first;) {
		if (!is_determiner(x, &tk->v[s]))
			continue;
		if (lo >= s) {
			start = s;
			break;
		}
	}
	r.kind = SPEAKER_TITLE;
	r.first = start;
	r.title_first = start;
	r.title_last = last;
	r.outlet_words = !role;
	return r;
}
