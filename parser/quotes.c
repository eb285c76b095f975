/* quotes.c - direct quotations and reported speech, with their speakers.
 *
 * Direct: a span between quote marks with an attribution next to it: after
 * it ("..., "- said X", "...,”X said", "...," he said) or before it
 * ("Governor X said: «...»", or a previous paragraph that ends "X said:").
 * Quote marks without an attribution enclose a name or a term ("the forum
 * “One Belt - One Way”") and are no quote. The translation pairs marks
 * loosely, so an opening “ may close with a straight ", and a closing ” may
 * stand after a space, glued to the next word.
 *
 * Reported: a reporting verb of reporting_verbs.tsv with its speaker before
 * it and "that" or a colon after it ("Putin noted that ...", "X told
 * reporters that ..."), and "according to X, ..." either way round. The
 * quote's text is the reported clause, to the end of the sentence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "speakers.h"
#include "utf8.h"

struct candidate {
	size_t para;
	size_t attr_end;       /* direct: the token after its attribution */
	size_t start, end;     /* bytes of the quote text within the paragraph */
	size_t order;          /* position used to sort: where the speaker is read */
	enum quote_kind kind;
	struct speaker_ref who;
	const char *cue;       /* points into tokens' paragraph; copied on emit */
	size_t cue_start, cue_end;
	const struct tokens *tk;
};

struct candidate_list {
	struct candidate *v;
	size_t n, cap;
};

static int push(struct candidate_list *l, const struct candidate *c)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct candidate *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *c;
	return 0;
}

static const struct lex_entry *verb_at(const struct extract_ctx *x, const struct tokens *tk,
				       size_t i, size_t *n)
{
	if (i >= tk->n || tk->v[i].upper || tk->v[i].kind != TOKEN_WORD)
		return NULL;
	return tokens_match(tk, i, &x->t->verbs, n);
}

/* Skips adverbs forward ("said later", "also noted"). */
static size_t skip_adverbs(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	size_t n;
	while (i < tk->n && !tk->v[i].upper && tokens_match(tk, i, &x->t->adverbs, &n))
		i += n;
	return i;
}

/* ---- quote marks ---- */

enum mark { MARK_NONE, MARK_OPEN, MARK_CLOSE, MARK_EITHER };

/* How mark token i may act, from its shape and its neighbours. */
static enum mark mark_role(const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	if (t->kind != TOKEN_PUNCT || !cp_is_quote(t->cp))
		return MARK_NONE;
	bool glued_next = i + 1 < tk->n && !tk->v[i + 1].space_before;
	bool open_left = i == 0 || t->space_before ||
			 (tk->v[i - 1].kind == TOKEN_PUNCT && !cp_is_quote(tk->v[i - 1].cp) &&
			  tk->v[i - 1].cp != '.' && tk->v[i - 1].cp != ',');
	switch (t->cp) {
	case 0x201C: /* “ opens in English, closes the German „...“ */
	case 0x00AB: /* « */
	case 0x201E: /* „ */
		return MARK_EITHER;
	case 0x00BB: /* » */
		return MARK_CLOSE;
	case 0x201D: /* ” closes; opens only where nothing is open (”...”) */
	case '"':
	default:
		if (open_left && glued_next)
			return MARK_EITHER;
		return MARK_CLOSE;
	}
}

/* The token that closes the quote opened at i, or tk->n if none does.
 * Guillemets nest; “ prefers ” and settles for a straight "; „ closes with
 * “ or ”; a straight " with the next straight one. */
static size_t find_close(const struct tokens *tk, size_t i)
{
	uint32_t open = tk->v[i].cp;
	if (open == 0x00AB) {
		int depth = 0;
		for (size_t j = i + 1; j < tk->n; j++) {
			if (token_is_punct(&tk->v[j], 0x00AB))
				depth++;
			else if (token_is_punct(&tk->v[j], 0x00BB) && depth-- == 0)
				return j;
		}
		open = 0x201C; /* unbalanced: fall back to any closing mark */
	}
	size_t straight = tk->n;
	for (size_t j = i + 1; j < tk->n; j++) {
		const struct token *t = &tk->v[j];
		if (t->kind != TOKEN_PUNCT || !cp_is_quote(t->cp))
			continue;
		if (open == '"' || open == 0x201D) {
			if (t->cp == '"' || t->cp == 0x201D)
				return j;
			continue;
		}
		if (open == 0x201E && (t->cp == 0x201C || t->cp == 0x201D || t->cp == '"'))
			return j;
		if (open == 0x201C) {
			if (t->cp == 0x201D)
				return j;
			if (t->cp == '"' && straight == tk->n && mark_role(tk, j) != MARK_NONE)
				straight = j;
			if (t->cp == 0x201C && mark_role(tk, j) == MARK_EITHER && straight != tk->n)
				return straight; /* a new quote opens: the straight one closed ours */
		}
	}
	return straight;
}

/* ---- attributions ---- */

/* "...," - said X / ...,”X said / ...," he added. Reads from k, the first
 * token after the closing mark. */
static bool attribution_after(const struct extract_ctx *x, const struct tokens *tk, size_t k,
			      struct candidate *c)
{
	/* A quotation hands over to its attribution with a comma, a stop or a
	 * dash ("...," he said; "...!" - said X). Without one, the marks
	 * enclose a name that the sentence goes on about: «Otaru Gas Trading»
	 * Kenji Watanabe said. */
	const struct token *before = &tk->v[k - 2];
	bool handed_over = (before->kind == TOKEN_PUNCT &&
			    (before->cp == ',' || before->cp == '.' || before->cp == '!' ||
			     before->cp == '?' || before->cp == 0x2026 || cp_is_dash(before->cp))) ||
			   (k < tk->n && tk->v[k].kind == TOKEN_PUNCT &&
			    (tk->v[k].cp == ',' || cp_is_dash(tk->v[k].cp)));
	if (!handed_over)
		return false;
	size_t skipped = 0;
	while (k < tk->n && skipped < 3 && tk->v[k].kind == TOKEN_PUNCT &&
	       (tk->v[k].cp == ',' || cp_is_dash(tk->v[k].cp))) {
		k++;
		skipped++;
	}
	if (k >= tk->n)
		return false;
	size_t n;
	if (verb_at(x, tk, k, &n)) {
		/* said X */
		struct speaker_ref who = speaker_forward(x, tk, skip_adverbs(x, tk, k + n));
		if (who.kind == SPEAKER_NONE)
			return false;
		c->who = who;
		c->cue_start = tk->v[k].start;
		c->cue_end = tk->v[k + n - 1].end;
		c->attr_end = who.last;
		return true;
	}
	struct speaker_ref who = speaker_forward(x, tk, k);
	if (who.kind == SPEAKER_NONE || who.first != k)
		return false;
	size_t v = skip_adverbs(x, tk, who.last);
	if (!verb_at(x, tk, v, &n))
		return false;
	c->who = who;
	c->cue_start = tk->v[v].start;
	c->cue_end = tk->v[v + n - 1].end;
	c->attr_end = v + n;
	return true;
}

/* The reporting verb that ends just before token end (a colon or comma):
 * "said:", "told reporters:". Returns its first token, or (size_t)-1. */
static size_t verb_ending_at(const struct extract_ctx *x, const struct tokens *tk, size_t end,
			     size_t *verb_end)
{
	/* Between the verb and the colon only words may stand: an addressee
	 * ("told reporters:") or where ("said at the meeting in Yuzhno-Sakhalinsk:"). */
	for (size_t back = 1; back <= 10 && back <= end; back++) {
		size_t s = end - back, n;
		if (tk->v[s].kind != TOKEN_WORD)
			break;
		const struct lex_entry *e = verb_at(x, tk, s, &n);
		if (e != NULL && s + n <= end) {
			*verb_end = s + n;
			return s;
		}
	}
	return (size_t)-1;
}

/* The subject of the sentence that ends at token end (a colon), if it is
 * a speaker followed by its predicate: "Speaking at the session, the deputy
 * prime minister described the approach as follows:", "Solodov was blunt:".
 * An opening phrase that ends with a comma is skipped. */
static struct speaker_ref clause_subject(const struct extract_ctx *x, const struct tokens *tk,
					 size_t end)
{
	struct speaker_ref none = {.kind = SPEAKER_NONE};
	const struct sentence *s = &tk->sentences[tokens_sentence_of(tk, end)];
	size_t start = s->first;
	for (size_t k = s->first; k < end && k < s->first + 12; k++)
		if (token_is_punct(&tk->v[k], ',')) {
			start = k + 1;
			break;
		}
	struct speaker_ref who = speaker_forward(x, tk, start);
	if (who.kind == SPEAKER_NONE || who.first != start || who.last >= end ||
	    tk->v[who.last].kind != TOKEN_WORD || tk->v[who.last].upper || end - who.last > 8)
		return none;
	return who;
}

/* Governor X said: «...». The opening mark is token i. */
static bool attribution_before(const struct extract_ctx *x, const struct tokens *tk, size_t i,
			       struct candidate *c)
{
	if (i < 2 || !(token_is_punct(&tk->v[i - 1], ':') || token_is_punct(&tk->v[i - 1], ',')))
		return false;
	size_t verb_end;
	size_t v = verb_ending_at(x, tk, i - 1, &verb_end);
	if (v == (size_t)-1) {
		/* "The mayor was categorical: «No more delays.»": no reporting verb,
		 * but the subject of the clause before the colon speaks. */
		if (!token_is_punct(&tk->v[i - 1], ':'))
			return false;
		struct speaker_ref who = clause_subject(x, tk, i - 1);
		if (who.kind == SPEAKER_NONE)
			return false;
		c->who = who;
		c->cue_start = tk->v[who.last].start;
		c->cue_end = tk->v[i - 2].end;
		return true;
	}
	struct speaker_ref who = speaker_backward(x, tk, v);
	if (who.kind == SPEAKER_NONE)
		return false;
	c->who = who;
	c->cue_start = tk->v[v].start;
	c->cue_end = tk->v[verb_end - 1].end;
	return true;
}

/* Trims white space, stray quote marks, and the comma or dash that the
 * attribution left at the end. */
static void clean_span(const char *text, size_t *start, size_t *end)
{
	for (;;) {
		size_t s = *start, e = *end;
		while (s < e && text[s] == ' ')
			s++;
		while (e > s && text[e - 1] == ' ')
			e--;
		if (e > s && (text[e - 1] == ',' || text[e - 1] == '-' || text[e - 1] == ':'))
			e--;
		size_t n;
		if (s < e && cp_is_quote(utf8_decode(text + s, e - s, &n)))
			s += n;
		size_t back = utf8_back(text + s, text + e);
		if (e > s && cp_is_quote(utf8_decode(text + e - back, back, &n)))
			e -= back;
		if (s == *start && e == *end)
			return;
		*start = s;
		*end = e;
	}
}

/* A quote that opens paragraph p may belong to the one above: it ends
 * "X said:" (or any sentence ending in a colon: its subject speaks), or
 * with a quote whose attribution closes it ("...," he said.), which this
 * one continues. last is that paragraph's last attributed quote. */
static bool attribution_above(const struct extract_ctx *x, size_t p, struct candidate *c,
			      const struct candidate *last)
{
	const struct tokens *above = &x->paras[p - 1].tk;
	if (above->n < 2)
		return false;
	if (token_is_punct(&above->v[above->n - 1], ':')) {
		size_t verb_end;
		size_t v = verb_ending_at(x, above, above->n - 1, &verb_end);
		struct speaker_ref who = {.kind = SPEAKER_NONE};
		if (v != (size_t)-1) {
			who = speaker_backward(x, above, v);
		} else {
			who = clause_subject(x, above, above->n - 1);
			v = who.last < above->n ? who.last : above->n - 1;
			verb_end = above->n - 1;
		}
		if (who.kind == SPEAKER_NONE)
			return false;
		/* The speaker's tokens belong to the previous paragraph. */
		c->who = who;
		c->tk = above;
		c->cue_start = above->v[v].start;
		c->cue_end = above->v[verb_end - 1].end;
		return true;
	}
	if (last != NULL && last->attr_end != (size_t)-1 && last->para == p - 1) {
		for (size_t k = last->attr_end; k < above->n; k++)
			if (above->v[k].kind != TOKEN_PUNCT || cp_is_quote(above->v[k].cp))
				return false;
		c->who = last->who;
		c->tk = last->tk;
		c->cue_start = last->cue_start;
		c->cue_end = last->cue_end;
		return true;
	}
	return false;
}

/* "- We will build the terminal by 2027, - said the head of the company
 * Igor Ivanov.": a paragraph that opens with a dash is a direct quote up to
 * a dash after a comma (or a stop) that hands over to its attribution; "-
 * Second part." after the attribution goes on with it. */
static int dash_quotes(const struct extract_ctx *x, size_t p, struct candidate_list *out,
		       struct candidate *last_of_paragraph)
{
	const struct tokens *tk = &x->paras[p].tk;
	if (tk->n < 4 || tk->v[0].kind != TOKEN_PUNCT || !cp_is_dash(tk->v[0].cp) ||
	    tk->v[1].space_before == false)
		return 0;
	for (size_t k = 2; k + 1 < tk->n; k++) {
		const struct token *t = &tk->v[k];
		const struct token *before = &tk->v[k - 1];
		if (t->kind != TOKEN_PUNCT || !cp_is_dash(t->cp) || before->kind != TOKEN_PUNCT ||
		    !(before->cp == ',' || before->cp == '.' || before->cp == '!' || before->cp == '?'))
			continue;
		struct candidate c = {.para = p, .kind = QUOTE_DIRECT, .tk = tk};
		if (!attribution_after(x, tk, k + 1, &c))
			continue;
		c.start = tk->v[0].end;
		c.end = t->start;
		clean_span(tk->text, &c.start, &c.end);
		c.order = c.start;
		if (push(out, &c) != 0)
			return -1;
		*last_of_paragraph = c;
		/* ". - And the rest." after the attribution */
		size_t a = c.attr_end;
		while (a < tk->n && tk->v[a].kind == TOKEN_PUNCT && !cp_is_dash(tk->v[a].cp))
			a++;
		if (a + 1 < tk->n && cp_is_dash(tk->v[a].cp) && a > c.attr_end) {
			struct candidate more = c;
			more.start = tk->v[a].end;
			more.end = tk->len;
			clean_span(tk->text, &more.start, &more.end);
			more.order = more.start;
			if (more.end > more.start && push(out, &more) != 0)
				return -1;
		}
		return 0;
	}
	return 0;
}

static int direct_quotes(const struct extract_ctx *x, size_t p, struct candidate_list *out,
			 struct candidate *last_of_paragraph, const struct candidate *above)
{
	const struct tokens *tk = &x->paras[p].tk;
	/* The last attributed quote of this paragraph: a quote that follows
	 * its attribution at once continues it ("...," he said. "And ..."). */
	struct candidate prev = {.attr_end = (size_t)-1};
	for (size_t i = 0; i < tk->n; i++) {
		enum mark role = mark_role(tk, i);
		if (role != MARK_OPEN && role != MARK_EITHER)
			continue;
		size_t j = find_close(tk, i);
		bool to_end = false;
		if (j >= tk->n) {
			/* An unclosed mark that opens the paragraph or follows a colon
			 * quotes to the end of the paragraph. */
			if (!(i == 0 || token_is_punct(&tk->v[i - 1], ':')))
				continue;
			to_end = true;
		}
		struct candidate c = {.para = p, .kind = QUOTE_DIRECT, .tk = tk};
		c.start = tk->v[i].end;
		c.end = to_end ? tk->len : tk->v[j].start;
		bool attributed = !to_end && attribution_after(x, tk, j + 1, &c);
		if (!attributed)
			attributed = attribution_before(x, tk, i, &c);
		if (!attributed && prev.attr_end != (size_t)-1 && prev.attr_end <= i) {
			bool adjacent = true;
			for (size_t k = prev.attr_end; k < i && adjacent; k++)
				adjacent = tk->v[k].kind == TOKEN_PUNCT && !cp_is_quote(tk->v[k].cp);
			if (adjacent) {
				c.who = prev.who;
				c.cue_start = prev.cue_start;
				c.cue_end = prev.cue_end;
				attributed = true;
			}
		}
		if (!attributed && i == 0 && p > 0) {
			attributed = attribution_above(x, p, &c, above);
			/* A paragraph that is all quote may go on in the next one. */
			c.attr_end = to_end ? tk->n : j + 1;
		}
		if (attributed && c.tk == tk && c.attr_end != 0)
			prev = c;
		if (attributed)
			*last_of_paragraph = c;
		if (attributed) {
			clean_span(tk->text, &c.start, &c.end);
			c.order = c.start;
			if (c.end > c.start && push((struct candidate_list *)out, &c) != 0)
				return -1;
		}
		if (!to_end)
			i = j; /* marks inside a quote are not quotes of their own */
		else
			break;
	}
	return 0;
}

/* Last token of the sentence that holds token i, without its final stop. */
static size_t clause_end(const struct tokens *tk, size_t i)
{
	const struct sentence *s = &tk->sentences[tokens_sentence_of(tk, i)];
	size_t e = s->last;
	while (e > i && tk->v[e - 1].kind == TOKEN_PUNCT &&
	       (tk->v[e - 1].cp == '.' || tk->v[e - 1].cp == '!' || tk->v[e - 1].cp == 0x2026 ||
		cp_is_quote(tk->v[e - 1].cp)) )
		e--;
	return e;
}

static int reported_speech(const struct extract_ctx *x, size_t p, struct candidate_list *out)
{
	const struct tokens *tk = &x->paras[p].tk;
	for (size_t i = 0; i < tk->n; i++) {
		size_t n;
		const struct lex_entry *verb = verb_at(x, tk, i, &n);
		if (verb == NULL)
			continue;
		/* The verb's complement: "that" or a colon, after an addressee for
		 * verbs that take one ("told reporters that"), or after a short
		 * phrase ("said at a press conference that"). */
		/* Words may come between the verb and "that": an addressee ("told
		 * TASS that", "told an EastRussia correspondent that") or where
		 * ("said in an interview with RBC that"), but no punctuation. */
		size_t k = i + n, limit = k + 9;
		size_t that = (size_t)-1;
		for (size_t j = k; j < tk->n && j < limit; j++) {
			if (token_is(&tk->v[j], "that") || token_is_punct(&tk->v[j], ':')) {
				that = j;
				break;
			}
			if (tk->v[j].kind != TOKEN_WORD && !cp_is_quote(tk->v[j].cp))
				break;
		}
		if (that == (size_t)-1)
			continue;
		size_t t0 = that + 1;
		while (t0 < tk->n && token_is_punct(&tk->v[t0], ','))
			t0++;
		if (t0 >= tk->n || (token_is_punct(&tk->v[that], ':') && cp_is_quote(tk->v[t0].cp)))
			continue; /* "said: «...»" is a direct quote */
		size_t t1 = clause_end(tk, t0);
		if (t1 <= t0)
			continue;
		struct candidate c = {.para = p, .kind = QUOTE_INDIRECT, .tk = tk};
		c.who = speaker_backward(x, tk, i);
		if (c.who.kind == SPEAKER_NONE)
			continue;
		/* "experts believe that": a plural verb has a group for subject,
		 * and a group is no speaker. */
		if (strcmp(verb->extra, "plural") == 0)
			continue;
		/* The cue is the verb, with its addressee for verbs that take one
		 * ("told reporters", "told TASS"); not the circumstances ("said in
		 * an interview with RBC" is "said"). */
		c.cue_start = tk->v[i].start;
		c.cue_end = tk->v[i + n - 1].end;
		if (strcmp(verb->extra, "object") == 0 && that > i + n && that - (i + n) <= 4 &&
		    tk->v[that - 1].kind == TOKEN_WORD)
			c.cue_end = tk->v[that - 1].end;
		c.start = tk->v[t0].start;
		c.end = tk->v[t1 - 1].end;
		clean_span(tk->text, &c.start, &c.end);
		c.order = tk->v[c.who.first].start;
		if (push(out, &c) != 0)
			return -1;
	}
	/* "The plant will open next year, he added.": an unquoted clause with
	 * its attribution after a comma, at the end of the sentence. */
	for (size_t si = 0; si < tk->n_sentences; si++) {
		const struct sentence *s = &tk->sentences[si];
		size_t end = clause_end(tk, s->first);
		if (end < s->first + 4 || end >= s->last + 1)
			continue;
		size_t comma = end;
		while (comma > s->first && !token_is_punct(&tk->v[comma - 1], ',') && end - comma < 8)
			comma--;
		if (comma <= s->first + 2 || !token_is_punct(&tk->v[comma - 1], ','))
			continue;
		comma--;
		if (cp_is_quote(tk->v[s->first].cp) || cp_is_quote(tk->v[comma - 1].cp))
			continue; /* quoted: a direct quote */
		size_t k = comma + 1, n;
		struct speaker_ref who = {.kind = SPEAKER_NONE};
		size_t verb_at_k = (size_t)-1;
		if (verb_at(x, tk, k, &n)) { /* "..., said the governor." */
			verb_at_k = k;
			who = speaker_forward(x, tk, k + n);
			if (who.last != end)
				continue;
		} else { /* "..., he added." */
			who = speaker_forward(x, tk, k);
			if (who.kind == SPEAKER_NONE || who.first != k)
				continue;
			size_t v = skip_adverbs(x, tk, who.last);
			if (!verb_at(x, tk, v, &n) || v + n != end)
				continue;
			verb_at_k = v;
		}
		if (who.kind == SPEAKER_NONE)
			continue;
		struct candidate c = {.para = p, .kind = QUOTE_INDIRECT, .tk = tk, .who = who};
		c.cue_start = tk->v[verb_at_k].start;
		c.cue_end = tk->v[verb_at_k + n - 1].end;
		c.start = tk->v[s->first].start;
		c.end = tk->v[comma - 1].end;
		clean_span(tk->text, &c.start, &c.end);
		c.order = c.start;
		if (c.end > c.start && push(out, &c) != 0)
			return -1;
	}
	/* "As the governor noted, the region is ready ...": the clause after
	 * the comma is what X said. */
	for (size_t i = 0; i + 3 < tk->n; i++) {
		if (!token_is(&tk->v[i], "as"))
			continue;
		const struct sentence *s = &tk->sentences[tokens_sentence_of(tk, i)];
		if (i != s->first && !token_is_punct(&tk->v[i - 1], ','))
			continue;
		struct speaker_ref who = speaker_forward(x, tk, i + 1);
		if (who.kind == SPEAKER_NONE || who.first != i + 1)
			continue;
		size_t v = skip_adverbs(x, tk, who.last), n;
		const struct lex_entry *verb = verb_at(x, tk, v, &n);
		if (verb == NULL || v + n >= tk->n || !token_is_punct(&tk->v[v + n], ','))
			continue;
		size_t t0 = v + n + 1, t1 = clause_end(tk, t0);
		if (t1 <= t0 || i != s->first)
			continue; /* "..., as X said, ..." mid-sentence: which part is said is unclear */
		struct candidate c = {.para = p, .kind = QUOTE_INDIRECT, .tk = tk, .who = who};
		c.cue_start = tk->v[v].start;
		c.cue_end = tk->v[v + n - 1].end;
		c.start = tk->v[t0].start;
		c.end = tk->v[t1 - 1].end;
		clean_span(tk->text, &c.start, &c.end);
		c.order = tk->v[i].start;
		if (c.end > c.start && push(out, &c) != 0)
			return -1;
	}
	/* according to X, ... / ..., according to X (source_phrases.txt). */
	for (size_t i = 0; i + 2 < tk->n; i++) {
		size_t pn;
		if (!tokens_match(tk, i, &x->t->source_phrases, &pn) || i + pn >= tk->n)
			continue;
		struct speaker_ref who = speaker_forward(x, tk, i + pn);
		if (who.kind == SPEAKER_NONE || who.first != i + pn)
			continue;
		struct candidate c = {.para = p, .kind = QUOTE_INDIRECT, .tk = tk, .who = who};
		c.cue_start = tk->v[i].start;
		c.cue_end = tk->v[i + pn - 1].end;
		size_t after = who.last;
		/* "According to the head of the ministry, Sergey Sivtsev, ...": the
		 * name between the commas is who, the phrase before it the title. */
		if (after + 1 < tk->n && token_is_punct(&tk->v[after], ',')) {
			size_t e = after + 1;
			while (e < tk->n && tk->v[e].kind == TOKEN_WORD && tk->v[e].upper)
				e++;
			if (e > after + 1 && e < tk->n && token_is_punct(&tk->v[e], ',')) {
				struct speaker_ref name = speaker_forward(x, tk, after + 1);
				if (name.kind == SPEAKER_NAME && name.last == e &&
				    name.name_first == after + 1) {
					name.title_first = who.first;
					name.title_last = who.last;
					name.first = who.first;
					c.who = name;
					after = e;
				}
			}
		}
		const struct sentence *s = &tk->sentences[tokens_sentence_of(tk, i)];
		if (after < tk->n && token_is_punct(&tk->v[after], ',')) {
			size_t t1 = clause_end(tk, after + 1);
			if (t1 <= after + 1)
				continue;
			c.start = tk->v[after + 1].start;
			c.end = tk->v[t1 - 1].end;
		} else if (after >= s->last || tk->v[after].kind == TOKEN_PUNCT) {
			/* "..., according to X." : the clause before it. */
			if (i <= s->first)
				continue;
			c.start = tk->v[s->first].start;
			c.end = tk->v[i - 1].end;
		} else {
			continue;
		}
		clean_span(tk->text, &c.start, &c.end);
		c.order = tk->v[i].start;
		if (c.end > c.start && push(out, &c) != 0)
			return -1;
	}
	return 0;
}

static int by_position(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	/* The wider span first, so that spans inside it are dropped. */
	if (x->end - x->start != y->end - y->start)
		return x->end - x->start > y->end - y->start ? -1 : 1;
	return 0;
}

/* Is the reported verb in this section's outlet talk ("wrote", "reported")? */
static bool outlet_cue(const char *cue)
{
	return strncmp(cue, "wrote", 5) == 0 || strncmp(cue, "writes", 6) == 0 ||
	       strncmp(cue, "reported", 8) == 0 || strncmp(cue, "reports", 7) == 0;
}

int quotes_extract(struct extract_ctx *x)
{
	struct candidate_list all = {0};
	struct cast cast = {0};
	int rc = -1;
	if (cast_learn(x, &cast) != 0)
		goto out;
	/* The last attributed quote of the paragraph before, and of this one. */
	struct candidate above = {.attr_end = (size_t)-1}, here = {.attr_end = (size_t)-1};
	for (size_t p = 0; p < x->n_paras; p++) {
		here = (struct candidate){.attr_end = (size_t)-1, .para = (size_t)-1};
		if (direct_quotes(x, p, &all, &here, &above) != 0 || dash_quotes(x, p, &all, &here) != 0 ||
		    reported_speech(x, p, &all) != 0)
			goto out;
		above = here;
	}
	if (all.n > 0) /* qsort wants a real array even for nothing */
		qsort(all.v, all.n, sizeof *all.v, by_position);
	struct quote *quotes = all.n ? arena_alloc(&x->a->arena, all.n * sizeof *quotes) : NULL;
	if (all.n && quotes == NULL)
		goto out;
	size_t nq = 0, kept_para = (size_t)-1, kept_end = 0;
	for (size_t k = 0; k < all.n; k++) {
		const struct candidate *c = &all.v[k];
		/* Drop a span that overlaps one kept before it in its paragraph. */
		if (c->para != kept_para) {
			kept_para = c->para;
			kept_end = 0;
		}
		if (c->start < kept_end)
			continue;
		kept_end = c->end > kept_end ? c->end : kept_end;
		const struct para_ref *r = &x->paras[c->para];
		const char *cue = arena_strndup(&x->a->arena, c->tk->text + c->cue_start,
						c->cue_end - c->cue_start);
		if (cue == NULL)
			goto out;
		bool outlet_context = x->a->sections[r->section].reactions || outlet_cue(cue);
		size_t para_of_speaker = c->tk == &r->tk ? c->para : c->para - 1;
		size_t pos = cast_position(para_of_speaker, c->who.first);
		struct person *who = cast_resolve(x, &cast, c->tk, &c->who, pos, outlet_context);
		struct quote *q = &quotes[nq];
		memset(q, 0, sizeof *q);
		q->kind = c->kind;
		q->cue = cue;
		size_t wf = c->who.kind == SPEAKER_NAME ? c->who.name_first : c->who.first;
		size_t wl = c->who.kind == SPEAKER_NAME ? c->who.name_last : c->who.last;
		q->speaker_as_written = arena_strndup(&x->a->arena, c->tk->text + c->tk->v[wf].start,
						      c->tk->v[wl - 1].end - c->tk->v[wf].start);
		if (who == NULL && c->who.kind == SPEAKER_TITLE) {
			/* Nobody the article named holds this title: it is the speaker
			 * as written ("press service of the Ministry of Labor"). */
			const char *w = q->speaker_as_written;
			if (strncasecmp(w, "the ", 4) == 0)
				w += 4;
			q->speaker = w;
		}
		if (who != NULL) {
			q->speaker = who->name;
			q->speaker_title = who->title;
			q->speaker_is_outlet = who->outlet;
			q->speaker_country = who->outlet ? who->country : NULL;
			q->speaker_kind = who->outlet ? who->outlet_kind : NULL;
		}
		q->text = para_dup(x, r->p, c->start, c->end);
		q->at = (struct place){r->section, r->paragraph, tokens_cp(&r->tk, c->start),
				       tokens_cp(&r->tk, c->end)};
		if (q->speaker_as_written == NULL || q->text == NULL)
			goto out;
		nq++;
		snprintf(q->id, sizeof q->id, "q%zu", nq);
	}
	x->a->quotes = quotes;
	x->a->n_quotes = nq;
	rc = 0;
out:
	free(all.v);
	cast_free(&cast);
	return rc;
}
