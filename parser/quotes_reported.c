/* quotes_reported.c - reported speech: a reporting verb with its speaker
 * before it and "that" or a colon after it ("Petrov noted that ...", "X
 * told reporters that ..."), "according to X" and its kin either way round
 * (source_phrases.txt), "As X noted, ...", an unquoted clause with its
 * attribution after a comma ("..., he added."), "X quotes Y as saying
 * that ...", and a statement handed to its speaker by the next sentence
 * ("This forecast was made by X"). The quote's text is the reported
 * clause, to the end of the sentence. */
#include <stdint.h>
#include <string.h>

#include "../text/utf8.h"
#include "names.h"
#include "quote_parts.h"

/* The passes below ask one question of every token, and most tokens
 * answer no from one field: each pass skips them in a tight loop over
 * the token array, the question asked as the code after it would ask it
 * (so that what is skipped is what that code would let go). */

/* The first token from i (at most tk->n) that may have the table bit
 * in its in_tables: the next with mark (tables_load gives the first
 * tokens of the table with that bit the mark in the index), 8 tokens a
 * step. A table outside the index (bit 0) gives no mark, and every
 * token may start one of its keys: i itself. */
static inline size_t next_with_bit(const struct tokens *tk, size_t i, uint64_t bit, uint8_t mark)
{
	return bit == 0 || i >= tk->n ? i : tokens_next_marked(tk, i, mark);
}

/* Does a reporting verb that starts in [from, end) end at token end?
 * (Only a token with the verbs' mark may start one: next_with_bit.) */
static bool verb_ends_at(const struct extract_ctx *x, const struct tokens *tk, size_t from,
			 size_t end)
{
	const uint64_t verb_bit = x->t->verbs.bit;
	for (size_t v = from, n; v < end; v++) {
		if ((v = next_with_bit(tk, v, verb_bit, TOKEN_MARK_VERB)) >= end)
			break;
		if (verb_at(x, tk, v, &n) && v + n == end)
			return true;
	}
	return false;
}

/* Could a reporting verb begin at token t? verb_at's tests that need no
 * lookup: a lowercase word, with the verbs' table bit (tokens_match). */
static inline bool may_be_verb(const struct token *t, uint64_t verb_bit)
{
	/* The bit first: most tokens lack it. */
	return (~t->in_tables & verb_bit) == 0 && !t->upper && t->kind == TOKEN_WORD;
}

int reported_speech(const struct extract_ctx *x, size_t p, struct candidate_list *out)
{
	const struct tokens *tk = &x->paras[p].tk;
	const struct token *tv = tk->v;
	const size_t nt = tk->n;
	const uint64_t verb_bit = x->t->verbs.bit;
	/* A verb's complement is a "that" or a colon after it: none after the
	 * paragraph's last one (found from the end, often near it). */
	size_t last = nt;
	while (last > 0 && !token_is(&tv[last - 1], "that") && !token_is_punct(&tv[last - 1], ':'))
		last--;
	for (size_t i = 0; i + 1 < last; i++) {
		if ((i = next_with_bit(tk, i, verb_bit, TOKEN_MARK_VERB)) + 1 >= last)
			break;
		if (!may_be_verb(&tv[i], verb_bit))
			continue; /* verb_at would say NULL */
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
		/* A relaying verb has the whole speaker phrase before "that". */
		bool relay = verb->extra_tag & TAKES_RELAY;
		size_t k = i + n, limit = k + (relay ? PHRASE_MAX + 3 : 9);
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
		if (cp_is_quote(tk->v[t0].cp) && tk->v[t0].kind == TOKEN_PUNCT && quote_ends_sentence(tk, t0))
			continue; /* so is "stressed that «...»." */
		size_t t1 = clause_end(tk, t0);
		/* "said that ... media: «...»": the report ends at the colon, and
		 * the marks after it are the speaker's own words. */
		for (size_t q = t0 + 1; q + 1 < t1; q++)
			if (token_is_punct(&tk->v[q], ':') && cp_is_quote(tk->v[q + 1].cp)) {
				t1 = q;
				break;
			}
		if (t1 <= t0)
			continue;
		/* "experts believe that": a plural verb has a group for subject,
		 * and a group is no speaker (asked before the speaker is read). */
		if (verb->extra_tag & TAKES_PLURAL)
			continue;
		struct candidate c = {.para = p, .kind = QUOTE_INDIRECT, .tk = tk};
		/* "X quotes Y as saying that ...": Y speaks, and X need not be read. */
		if (relay) {
			size_t end;
			c.who = relayed_speaker(x, tk, i + n, &end);
		} else {
			c.who = speaker_backward(x, tk, i);
		}
		if (c.who.kind == SPEAKER_NONE)
			continue;
		/* The cue is the verb, with its addressee for verbs that take one
		 * ("told reporters", "told TASS"); not the circumstances ("said in
		 * an interview with RBC" is "said"). */
		c.cue_start = tk->v[i].start;
		c.cue_end = tk->v[i + n - 1].end;
		if ((verb->extra_tag & TAKES_OBJECT) && that > i + n && that - (i + n) <= 4 &&
		    tk->v[that - 1].kind == TOKEN_WORD)
			c.cue_end = tk->v[that - 1].end;
		c.start = tk->v[t0].start;
		c.end = tk->v[t1 - 1].end;
		clean_span(tk->text, &c.start, &c.end);
		c.order = tk->v[c.who.first].start;
		if (candidates_push(out, &c) != 0)
			return -1;
	}
	/* "The plant will open next year, he added.": an unquoted clause with
	 * its attribution after a comma, at the end of the sentence. */
	for (size_t si = 0; si < tk->n_sentences; si++) {
		const struct sentence *s = &tk->sentences[si];
		size_t end = sentence_clause_end(tk, s, s->first);
		if (end < s->first + 4 || end >= s->last + 1)
			continue;
		size_t comma = end;
		while (comma > s->first && !token_is_punct(&tk->v[comma - 1], ',') && end - comma < PHRASE_MAX + 2)
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
			/* The verb must end the clause: without one that does, the
			 * speaker phrase before it need not be read. */
			if (!verb_ends_at(x, tk, k + 1, end))
				continue;
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
		candidate_cue(&c, tk, verb_at_k, verb_at_k + n);
		if (candidates_push_text(out, &c, tk->text, tk->v[s->first].start, tk->v[comma - 1].end) != 0)
			return -1;
	}
	/* "As the governor noted, the region is ready ...": the clause after
	 * the comma is what X said. Only an "as" that opens its sentence
	 * gives one ("..., as X said, ..." mid-sentence: which part is said
	 * is unclear), so only the first token of each sentence is read. */
	for (size_t si = 0; si < tk->n_sentences; si++) {
		const struct sentence *s = &tk->sentences[si];
		size_t i = s->first;
		if (i + 3 >= nt || !token_is(&tv[i], "as"))
			continue;
		struct speaker_ref who = speaker_forward(x, tk, i + 1);
		if (who.kind == SPEAKER_NONE || who.first != i + 1)
			continue;
		size_t v = skip_adverbs(x, tk, who.last), n;
		const struct lex_entry *verb = verb_at(x, tk, v, &n);
		if (verb == NULL || v + n >= tk->n || !token_is_punct(&tk->v[v + n], ','))
			continue;
		size_t t0 = v + n + 1, t1 = clause_end(tk, t0);
		if (t1 <= t0)
			continue;
		struct candidate c = {.para = p, .kind = QUOTE_INDIRECT, .tk = tk, .who = who};
		c.cue_start = tk->v[v].start;
		c.cue_end = tk->v[v + n - 1].end;
		c.start = tk->v[t0].start;
		c.end = tk->v[t1 - 1].end;
		clean_span(tk->text, &c.start, &c.end);
		c.order = tk->v[i].start;
		if (c.end > c.start && candidates_push(out, &c) != 0)
			return -1;
	}
	/* "The ice will break early. This forecast was made by X.": a sentence
	 * that opens with "this", "that" or "such" (an opener of
	 * speech_grammar.tsv) and hands a statement to X
	 * with a passive of report_by.txt gives X the sentence before it
	 * (the last of the paragraph before, for the first sentence). */
	for (size_t si = 0; si < tk->n_sentences; si++) {
		const struct sentence *s = &tk->sentences[si];
		const struct token *t0 = &tk->v[s->first];
		if (!speech_is(x, t0, SPEECH_OPENER))
			continue;
		for (size_t k = s->first + 1; k < s->last && k <= s->first + 5; k++) {
			size_t n;
			if (!tokens_match(tk, k, &x->t->report_by, &n))
				continue;
			size_t end = clause_end(tk, k + n);
			struct speaker_ref who = speaker_forward(x, tk, k + n);
			/* "This was said by the head of the agency X at the meeting on
			 * ...": where and when it was said may follow the speaker. */
			bool circumstance = who.kind == SPEAKER_NAME && who.first == k + n &&
					    who.last < end && is_preposition(x, &tk->v[who.last]);
			if (!circumstance && (who.kind == SPEAKER_NONE || who.first != k + n || who.last != end)) {
				/* A long title, then the name after a comma: "... by the head
				 * of the commission of ..., Li Wen." */
				who = speaker_backward(x, tk, end);
				bool plain = who.kind == SPEAKER_NAME && who.first > k + n &&
					     !is_preposition(x, &tk->v[who.name_first - 1]); /* "in Yakutsk": a place */
				for (size_t w = k + n, vn; plain && w < who.first; w++)
					plain = !verb_at(x, tk, w, &vn);
				if (!plain)
					break;
			}
			const struct tokens *said = tk;
			size_t para = p;
			const struct sentence *before = si > 0 ? &tk->sentences[si - 1] : NULL;
			if (before == NULL && p > 0 && x->paras[p - 1].tk.n_sentences > 0) {
				para = p - 1;
				said = &x->paras[para].tk;
				before = &said->sentences[said->n_sentences - 1];
			}
			if (before == NULL)
				break;
			end = sentence_clause_end(said, before, before->first);
			if (end <= before->first)
				break;
			struct candidate c = {.para = para, .kind = QUOTE_INDIRECT, .tk = tk, .who = who};
			candidate_cue(&c, tk, k, k + n);
			if (candidates_push_text(out, &c, said->text, said->v[before->first].start,
						 said->v[end - 1].end) != 0)
				return -1;
			break;
		}
	}
	/* according to X, ... / ..., according to X (source_phrases.txt). */
	const uint64_t source_bit = x->t->source_phrases.bit;
	for (size_t i = 0; i + 2 < nt; i++) {
		if ((i = next_with_bit(tk, i, source_bit, TOKEN_MARK_SOURCE)) + 2 >= nt)
			break;
		if ((~tv[i].in_tables & source_bit) != 0)
			continue; /* tokens_match's own test: no phrase starts here */
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
		/* "According to the governor of the largest region in the
		 * country, Ivan Markov, ...": the title may go on with where it
		 * is, words without a verb, up to the comma before the name. */
		size_t title_end = after;
		if (who.kind == SPEAKER_TITLE) {
			size_t vn;
			while (title_end < tk->n && title_end < who.last + 8 &&
			       tk->v[title_end].kind == TOKEN_WORD && !verb_at(x, tk, title_end, &vn))
				title_end++;
		}
		/* "According to the head of the ministry, Sergey Sivtsev, ...": the
		 * name between the commas is who, the phrase before it the title. */
		if (title_end + 1 < tk->n && token_is_punct(&tk->v[title_end], ',') && title_end > after) {
			size_t e = title_end + 1;
			while (e < tk->n && tk->v[e].kind == TOKEN_WORD && tk->v[e].upper)
				e++;
			struct speaker_ref name = speaker_forward(x, tk, title_end + 1);
			if (e > title_end + 1 && e < tk->n && token_is_punct(&tk->v[e], ',') &&
			    name.kind == SPEAKER_NAME && name.last == e && name.name_first == title_end + 1) {
				name.title_first = who.first;
				name.title_last = title_end;
				name.first = who.first;
				c.who = name;
				after = e;
			}
		} else if (after + 1 < tk->n && token_is_punct(&tk->v[after], ',')) {
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
		if (c.end > c.start && candidates_push(out, &c) != 0)
			return -1;
	}
	return 0;
}
