/* quotes_direct.c - direct quotations: a span between quote marks with an
 * attribution next to it, after it ("..., "- said X", "...,”X said", "...,"
 * he said) or before it ("Governor X said: «...»", a previous paragraph
 * that ends "X said:"); and dash-led quotes ("- We will build it, - said
 * X"). Marks without an attribution enclose a name or a term ("the forum
 * “One Belt - One Way”") and are no quote. The translation pairs marks
 * loosely: an opening “ may close with a straight ", and a closing ” may
 * stand after a space, glued to the next word. */
#include <string.h>

#include "../text/utf8.h"
#include "names.h"
#include "quote_parts.h"

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
	 * Kenji Sato said. */
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
	const struct lex_entry *verb = verb_at(x, tk, k, &n);
	if (verb != NULL) {
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
	verb = verb_at(x, tk, v, &n);
	if (verb == NULL) {
		/* ...," the company's CEO Igor Lapin.: a name and nothing more
		 * before the end of the sentence is the attribution, verb or not. */
		bool ends = who.last >= tk->n ||
			    (tk->v[who.last].kind == TOKEN_PUNCT &&
			     (tk->v[who.last].cp == '.' || tk->v[who.last].cp == '!'));
		if (who.kind != SPEAKER_NAME || !ends)
			return false;
		c->who = who;
		c->cue_start = c->cue_end = tk->v[who.last - 1].end; /* no cue */
		c->attr_end = who.last;
		return true;
	}
	c->who = who;
	c->cue_start = tk->v[v].start;
	c->cue_end = tk->v[v + n - 1].end;
	c->attr_end = v + n;
	/* ...," TASS quotes the governor as saying: the one quoted speaks. */
	if ((verb->extra_tag & TAKES_RELAY)) {
		size_t end;
		struct speaker_ref quoted = relayed_speaker(x, tk, v + n, &end);
		if (quoted.kind != SPEAKER_NONE) {
			c->who = quoted;
			c->attr_end = end;
		}
	}
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
 * prime minister described the approach as follows:", "Volkov was blunt:".
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

/* The speaker before the reporting verb [v, verb_end) says c. */
static bool attribute_to_verb(const struct extract_ctx *x, const struct tokens *tk, size_t v,
			      size_t verb_end, struct candidate *c)
{
	struct speaker_ref who = speaker_backward(x, tk, v);
	if (who.kind == SPEAKER_NONE)
		return false;
	c->who = who;
	candidate_cue(c, tk, v, verb_end);
	return true;
}

/* "He said (quoted, as the translation has it, from «...»": the verb and
 * its speaker before a bracket that the quote opens inside of. */
static bool attribution_before_aside(const struct extract_ctx *x, const struct tokens *tk, size_t i,
				     struct candidate *c)
{
	for (size_t k = i; k > 1 && i - k <= PHRASE_MAX; k--) {
		const struct token *t = &tk->v[k - 1];
		if (token_is_punct(t, ')') || (t->kind == TOKEN_PUNCT && (t->cp == '.' || cp_is_quote(t->cp))))
			return false;
		if (!token_is_punct(t, '('))
			continue;
		size_t verb_end, v = verb_ending_at(x, tk, k - 1, &verb_end);
		return v != (size_t)-1 && verb_end == k - 1 && attribute_to_verb(x, tk, v, verb_end, c);
	}
	return false;
}

/* Governor X said: «...», or said that «...». The opening mark is token i. */
static bool attribution_before_mark(const struct extract_ctx *x, const struct tokens *tk, size_t i,
			       struct candidate *c)
{
	/* "X stressed that «...»." with the words to the end of the sentence:
	 * the quote is X's own words. */
	bool that = i >= 2 && token_is(&tk->v[i - 1], "that") && quote_ends_sentence(tk, i);
	if (i < 2 || !(token_is_punct(&tk->v[i - 1], ':') || token_is_punct(&tk->v[i - 1], ',') || that))
		return false;
	size_t verb_end, limit = i - 1;
	/* "(I quote a friend of mine, Semyon): «...»": the attribution in
	 * brackets before the colon. */
	bool bracketed = token_is_punct(&tk->v[limit], ':') && limit > 0 &&
			 token_is_punct(&tk->v[limit - 1], ')');
	size_t v = (size_t)-1, vn;
	if (bracketed) {
		/* The verb anywhere inside the brackets. */
		for (size_t k = limit - 1; k > 0 && limit - k <= PHRASE_MAX && v == (size_t)-1; k--) {
			if (token_is_punct(&tk->v[k - 1], '(')) {
				for (size_t w = k; w + 1 < limit && v == (size_t)-1; w++)
					if (verb_at(x, tk, w, &vn)) {
						v = w;
						verb_end = w + vn;
					}
			}
		}
	} else {
		v = verb_ending_at(x, tk, limit, &verb_end);
	}
	const struct lex_entry *verb = v != (size_t)-1 ? verb_at(x, tk, v, &vn) : NULL;
	if (verb != NULL && (verb->extra_tag & TAKES_RELAY)) {
		/* "(I quote from X):", "the words of X:": X speaks. */
		size_t end;
		struct speaker_ref quoted = relayed_speaker(x, tk, verb_end, &end);
		/* In brackets the name closes them: "(I quote a friend, Semyon)". */
		struct speaker_ref named = bracketed ? speaker_backward(x, tk, limit - 1) : quoted;
		if (named.kind == SPEAKER_NAME && named.first >= verb_end)
			quoted = named;
		if (quoted.kind == SPEAKER_NONE)
			return false;
		c->who = quoted;
		candidate_cue(c, tk, v, verb_end);
		return true;
	}
	if (bracketed)
		return false;
	if (v == (size_t)-1 && token_is_punct(&tk->v[i - 1], ':')) {
		/* "He added that the port works with the city: «...»": the colon
		 * ends what a reporting verb reported, and its speaker goes on. */
		size_t first = tk->sentences[tokens_sentence_of(tk, limit)].first;
		for (size_t k = limit; k-- > first && v == (size_t)-1;) {
			if (verb_at(x, tk, k, &vn) != NULL && k + vn < limit &&
			    token_is(&tk->v[k + vn], "that")) {
				v = k;
				verb_end = k + vn;
			}
		}
		if (v != (size_t)-1 && attribute_to_verb(x, tk, v, verb_end, c))
			return true;
		v = (size_t)-1;
	}
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
	return attribute_to_verb(x, tk, v, verb_end, c);
}

/* The attribution before the quote that opens at token i: right before
 * its mark, or before an aside in brackets that the quote opens in. */
static bool attribution_before(const struct extract_ctx *x, const struct tokens *tk, size_t i,
			       struct candidate *c)
{
	return attribution_before_mark(x, tk, i, c) || attribution_before_aside(x, tk, i, c);
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

/* A digest's speaker line: a name, and maybe a title after a comma
 * ("Anna Belova, head of the port authority"), or a title and a name,
 * and no reporting verb. The speaker, or SPEAKER_NONE. */
static struct speaker_ref speaker_line(const struct extract_ctx *x, const struct tokens *tk)
{
	struct speaker_ref none = {.kind = SPEAKER_NONE};
	if (tk->n == 0 || tk->n > PHRASE_MAX + 8 || tk->n_sentences > 1)
		return none;
	struct speaker_ref who = speaker_forward(x, tk, 0);
	if (who.kind != SPEAKER_NAME || who.first != 0 || who.outlet != NULL)
		return none;
	size_t end = tk->n;
	if (end > 0 && token_is_punct(&tk->v[end - 1], '.'))
		end--;
	if (who.last == end)
		return who;
	/* "Anna Belova, head of ...": a title after the comma; "Governor Anna
	 * Belova at the meeting on ...": a circumstance, in a line that is no
	 * sentence. No reporting verb either way. */
	bool comma = token_is_punct(&tk->v[who.last], ',');
	bool circumstance = end == tk->n && tk->v[who.last].kind == TOKEN_WORD &&
			    (is_preposition(x, &tk->v[who.last]) ||
			     speech_is(x, &tk->v[who.last], SPEECH_CIRCUMSTANCE));
	if (!comma && !circumstance)
		return none;
	bool titled = circumstance;
	for (size_t k = who.last + 1; k < end; k++) {
		size_t n;
		if (verb_at(x, tk, k, &n))
			return none;
		titled = titled || token_is_title_word(x, tk, k);
	}
	return titled ? who : none;
}

/* "- The flights will be daily from June." and, on the next line, "Anton
 * Rybin, director of the airline": a digest of quotes, each speaker on
 * the line under the quote. */
static int digest_quote(const struct extract_ctx *x, size_t p, struct candidate_list *out)
{
	const struct tokens *tk = &x->paras[p].tk;
	if (p + 1 >= x->n_paras || x->paras[p + 1].section != x->paras[p].section)
		return 0;
	const struct tokens *next = &x->paras[p + 1].tk;
	struct speaker_ref who = speaker_line(x, next);
	if (who.kind == SPEAKER_NONE)
		return 0;
	struct candidate c = {.para = p, .kind = QUOTE_DIRECT, .tk = next, .who = who}; /* no cue */
	return candidates_push_text(out, &c, tk->text, tk->v[0].end, tk->len);
}

/* After an attribution that ends at token a: ". - And the rest.", the dash
 * that hands back to the speaker's words, maybe after a title in
 * apposition (", director of the port. - And the rest."). The token after
 * the dash, or (size_t)-1 when the paragraph does not go on so. */
static size_t continuation_after(const struct extract_ctx *x, const struct tokens *tk, size_t a)
{
	if (a < tk->n && token_is_punct(&tk->v[a], ',')) {
		bool titled = false;
		size_t k = a + 1, n;
		for (; k < tk->n && tk->v[k].kind == TOKEN_WORD; k++) {
			if (verb_at(x, tk, k, &n))
				return (size_t)-1;
			titled = titled || token_is_title_word(x, tk, k);
		}
		if (!titled)
			return (size_t)-1;
		a = k;
	}
	size_t start = a;
	while (a < tk->n && tk->v[a].kind == TOKEN_PUNCT && !cp_is_dash(tk->v[a].cp) &&
	       !cp_is_quote(tk->v[a].cp))
		a++;
	if (a == start || a + 1 >= tk->n || !cp_is_dash(tk->v[a].cp) || tk->v[a + 1].kind != TOKEN_WORD)
		return (size_t)-1;
	for (size_t k = a + 1; k < tk->n; k++)
		if (cp_is_quote(tk->v[k].cp) && tk->v[k].kind == TOKEN_PUNCT)
			return (size_t)-1; /* more marks: the quotes there speak for themselves */
	return a + 1;
}

/* The rest of the paragraph after the continuation dash at token a - 1,
 * as another quote of c's speaker. */
static int push_continuation(struct candidate_list *out, const struct candidate *c,
			     const struct tokens *tk, size_t a)
{
	struct candidate more = *c;
	more.start = tk->v[a - 1].end;
	more.end = tk->len;
	clean_span(tk->text, &more.start, &more.end);
	more.order = more.start;
	return more.end > more.start ? candidates_push(out, &more) : 0;
}

/* "- We will build the terminal by 2027, - said the head of the company
 * Igor Belov.": a paragraph that opens with a dash is a direct quote up to
 * a dash after a comma (or a stop) that hands over to its attribution; "-
 * Second part." after the attribution goes on with it. */
int dash_quotes(const struct extract_ctx *x, size_t p, struct candidate_list *out,
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
		if (candidates_push(out, &c) != 0)
			return -1;
		*last_of_paragraph = c;
		/* ". - And the rest." after the attribution */
		size_t a = continuation_after(x, tk, c.attr_end);
		if (a != (size_t)-1 && push_continuation(out, &c, tk, a) != 0)
			return -1;
		return 0;
	}
	return digest_quote(x, p, out);
}

/* Is there a colon after token 0 with a token after it? A lead-in needs
 * one, and most paragraphs have none: looking costs less than reading
 * the speaker phrase they open with. */
static bool colon_inside(const struct tokens *tk)
{
	/* A colon token is a ':' of the text: where the text has none (most
	 * paragraphs), one search of its bytes says so. */
	if (memchr(tk->text, ':', tk->len) == NULL)
		return false;
	const struct token *tv = tk->v;
	for (size_t k = 1, n = tk->n; k + 1 < n; k++)
		if (tv[k].cp == ':' && tv[k].kind == TOKEN_PUNCT) /* token_is_punct, cp first */
			return true;
	return false;
}

int lead_in_quote(const struct extract_ctx *x, size_t p, struct candidate_list *out)
{
	const struct tokens *tk = &x->paras[p].tk;
	if (!colon_inside(tk))
		return 0;
	struct speaker_ref who = speaker_forward(x, tk, 0);
	if (who.kind != SPEAKER_NAME || who.first != 0 || who.outlet != NULL || who.last >= tk->n)
		return 0;
	size_t colon = who.last;
	if (token_is_punct(&tk->v[colon], ',')) {
		/* ", head of the laboratory of sea ice:" */
		bool titled = false;
		for (colon++; colon < tk->n && colon < who.last + PHRASE_MAX; colon++) {
			size_t n;
			const struct token *t = &tk->v[colon];
			if (token_is_punct(t, ':') || verb_at(x, tk, colon, &n) ||
			    (t->kind == TOKEN_PUNCT && t->cp != ',' && !cp_is_quote(t->cp) && !cp_is_dash(t->cp)))
				break;
			titled = titled || token_is_title_word(x, tk, colon);
		}
		if (!titled)
			return 0;
	}
	if (colon + 1 >= tk->n || !token_is_punct(&tk->v[colon], ':'))
		return 0;
	struct candidate c = {.para = p, .kind = QUOTE_DIRECT, .tk = tk, .who = who}; /* no cue */
	return candidates_push_text(out, &c, tk->text, tk->v[colon].end, tk->len);
}

/* Does the quote that opens at i follow the attribution of prev at once
 * (only punctuation between): "...," he said, "and ..."? */
static bool follows_attribution(const struct tokens *tk, const struct candidate *prev, size_t i)
{
	if (prev->attr_end == (size_t)-1 || prev->attr_end > i)
		return false;
	for (size_t k = prev->attr_end; k < i; k++)
		if (tk->v[k].kind != TOKEN_PUNCT || cp_is_quote(tk->v[k].cp))
			return false;
	return true;
}

bool quote_ends_sentence(const struct tokens *tk, size_t open)
{
	size_t j = find_close(tk, open);
	if (j >= tk->n)
		return true; /* open to the end of the paragraph */
	bool stop_inside = j > 0 && tk->v[j - 1].kind == TOKEN_PUNCT &&
			   (tk->v[j - 1].cp == '.' || tk->v[j - 1].cp == '!' || tk->v[j - 1].cp == '?');
	bool stop_after = j + 1 >= tk->n || (tk->v[j + 1].kind == TOKEN_PUNCT &&
					     (tk->v[j + 1].cp == '.' || tk->v[j + 1].cp == '!'));
	return stop_inside || stop_after;
}

int direct_quotes(const struct extract_ctx *x, size_t p, struct candidate_list *out,
			 struct candidate *last_of_paragraph, const struct candidate *above)
{
	const struct tokens *tk = &x->paras[p].tk;
	/* The last attributed quote of this paragraph: a quote that follows
	 * its attribution at once continues it ("...," he said. "And ..."). */
	struct candidate prev = {.attr_end = (size_t)-1};
	for (size_t i = 0; i < tk->n; i++) {
		/* No mark (mark_role's first test), passed 8 tokens a step: a
		 * token without TOKEN_MARK_QUOTE is none (a text without marks
		 * is passed whole so). */
		while ((i = tokens_next_marked(tk, i, TOKEN_MARK_QUOTE)) < tk->n &&
		       !is_quote_mark(&tk->v[i]))
			i++;
		if (i == tk->n)
			break;
		enum mark role = mark_role(tk, i);
		if (role != MARK_OPEN && role != MARK_EITHER)
			continue;
		size_t j = find_close(tk, i);
		bool to_end = false, continues = follows_attribution(tk, &prev, i);
		if (j >= tk->n) {
			/* An unclosed mark quotes to the end of the paragraph where it
			 * opens the paragraph, follows a colon, or goes on after the
			 * attribution of the part before (the page may end there). */
			if (!(i == 0 || token_is_punct(&tk->v[i - 1], ':') || continues))
				continue;
			to_end = true;
		}
		struct candidate c = {.para = p, .kind = QUOTE_DIRECT, .tk = tk};
		c.start = tk->v[i].end;
		c.end = to_end ? tk->len : tk->v[j].start;
		/* "X said: «...»", "X stressed that «...»": the words before the
		 * quote introduce it, whatever follows ("He added that ..." is the
		 * next report, not this quote's attribution). */
		bool introduced = i > 0 && (token_is_punct(&tk->v[i - 1], ':') || token_is(&tk->v[i - 1], "that"));
		bool attributed = introduced && attribution_before(x, tk, i, &c);
		if (!attributed)
			attributed = !to_end && attribution_after(x, tk, j + 1, &c);
		if (!attributed && !introduced)
			attributed = attribution_before(x, tk, i, &c);
		if (!attributed && continues) {
			c.who = prev.who;
			c.cue_start = prev.cue_start;
			c.cue_end = prev.cue_end;
			attributed = true;
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
			if (c.end > c.start && candidates_push((struct candidate_list *)out, &c) != 0)
				return -1;
		}
		/* "...," said X, title. - And the rest.": the words go on after a
		 * dash, the way a dash-led quote does. */
		size_t a = attributed && !to_end && c.tk == tk && c.attr_end > j
				   ? continuation_after(x, tk, c.attr_end)
				   : (size_t)-1;
		if (a != (size_t)-1) {
			if (push_continuation(out, &c, tk, a) != 0)
				return -1;
			break;
		}
		if (!to_end)
			i = j; /* marks inside a quote are not quotes of their own */
		else
			break;
	}
	return 0;
}
