/* speakers.c - the phrase that names a speaker, read forwards from a
 * token ("said the governor of the region") or backwards from a reporting
 * verb ("the Minister ..., Oleg Sokolov, stated"); see speakers.h. */
#include "speakers.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"

static const struct lex_entry *pronoun_at(const struct extract_ctx *x, const struct tokens *tk,
					  size_t i, size_t *n)
{
	const struct lex_entry *e = tokens_match(tk, i, &x->t->pronouns, n);
	return e;
}

/* A person's pronoun says a gender (pronouns.tsv), any other none. */
static enum gender pronoun_gender(const struct lex_entry *p)
{
	return p->value_tag == PRONOUN_PERSON ? (enum gender)p->extra_tag : GENDER_UNKNOWN;
}

static bool verb_here(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	size_t n;
	return i < tk->n && !tk->v[i].upper && tokens_match(tk, i, &x->t->verbs, &n) != NULL;
}

struct speaker_ref speaker_forward(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	struct speaker_ref r = {.kind = SPEAKER_NONE, .first = i, .last = i};
	if (i >= tk->n)
		return r;
	size_t n;
	const struct lex_entry *p = pronoun_at(x, tk, i, &n);
	if (p != NULL) {
		r.kind = SPEAKER_PRONOUN;
		r.last = i + n;
		r.wants_outlet = p->value_tag == PRONOUN_OUTLET;
		r.addressee = p->value_tag == PRONOUN_ADDRESSEE;
		r.gender = pronoun_gender(p);
		r.outlet_kind = r.wants_outlet ? p->extra : NULL;
		return r;
	}
	size_t k = i;
	bool seen_upper = false, seen_role = false, of_after_role = false;
	while (k < tk->n && k - i < (seen_role && of_after_role ? TITLE_CHAIN_MAX : PHRASE_MAX)) {
		const struct token *t = &tk->v[k];
		size_t q = k > i ? skip_quoted_forward(tk, k) : k;
		if (q > k) {
			k = q;
			continue;
		}
		if (t->kind != TOKEN_WORD)
			break;
		if (k > i && verb_here(x, tk, k))
			break;
		if (!t->upper && tokens_match(tk, k, &x->t->adverbs, &n))
			break;
		/* The word's classes, looked up once for the questions below. */
		unsigned cls = speech_classes(x, t);
		bool connector = cls & SPEECH_CONNECTOR;
		if (!t->upper && in_lexicon(&x->t->function_words, t) && !connector)
			break;
		/* After a name, a plain lowercase word ends it ("Evening Post
		 * called"); after a job title too, unless the title goes on with
		 * what it is of ("the head of the region Ivan Petrov", but "the
		 * deputy prime minister described"). */
		size_t tn = 0;
		bool title_word = tokens_match(tk, k, &x->t->titles, &tn) != NULL;
		if (title_word) {
			seen_role = true;
			k += tn; /* "deputy prime minister" is one title */
			continue;
		}
		bool possessive = t->fold[0] == '\'' && strcmp(t->fold, "'s") == 0 && k + 1 < tk->n &&
				  tk->v[k + 1].upper;
		/* A country or an outlet word: token_is_title_word, less the
		 * titles asked just above. Asked only where it counts: for a
		 * lowercase word that is no connector or possessive (plain), and
		 * for a capitalized word outside a title's chain (seen_upper: the
		 * chain may begin at this word, below, but never ends). */
		bool other_counts = t->upper ? !(seen_role && of_after_role) : !connector && !possessive;
		bool other = other_counts && (tokens_match(tk, k, &x->t->countries, &n) ||
					      tokens_match(tk, k, &x->t->outlet_words, &n));
		bool plain = !t->upper && !connector && !possessive && !other;
		if (plain) {
			/* Inside "the Minister of International Cooperation of the
			 * region": words go on until a person's name has been said. */
			bool in_title = seen_role && of_after_role;
			if (in_title ? name_core(x, tk, i, k) + 2 <= k : (seen_upper || seen_role))
				break;
		}
		if (seen_role && (cls & SPEECH_TITLE_OF))
			of_after_role = true;
		seen_upper = seen_upper || (t->upper && !other && !(seen_role && of_after_role));
		k++;
	}
	while (k > i && is_connector(x, &tk->v[k - 1]))
		k--;
	return classify(x, tk, i, k);
}

/* Skips, backwards from end, words that may stand between a speaker and
 * the verb: "also", "later", ", in turn,", "has". Returns the new end. */
static size_t skip_adverbs_back(const struct extract_ctx *x, const struct tokens *tk, size_t end)
{
	for (;;) {
		size_t moved = end;
		for (size_t back = 1; back <= 3 && back <= end; back++) {
			size_t n;
			size_t s = end - back;
			if (!tk->v[s].upper && tokens_match(tk, s, &x->t->adverbs, &n) && s + n == end) {
				end = s;
				break;
			}
		}
		/* ", in turn," */
		if (end >= 2 && token_is_punct(&tk->v[end - 1], ',')) {
			for (size_t back = 2; back <= 4 && back < end; back++) {
				size_t s = end - back, n;
				if (token_is_punct(&tk->v[s - 1], ',') &&
				    tokens_match(tk, s, &x->t->adverbs, &n) && s + n == end - 1) {
					end = s - 1;
					break;
				}
			}
		}
		if (end == moved)
			return end;
	}
}

/* The comma-separated segment that ends at token end (a comma): its first
 * token, after the comma before it or the sentence start; skips quoted
 * names ("of «Kolyma Gold»"). Returns (size_t)-1 if it runs too long. */
static size_t segment_start(const struct tokens *tk, size_t end, size_t sentence_first)
{
	size_t s = end;
	while (s > sentence_first && end - s < 24) {
		size_t q = skip_quoted_backward(tk, s);
		if (q < s) {
			s = q;
			continue;
		}
		if (token_is_punct(&tk->v[s - 1], ','))
			return s;
		s--;
	}
	return s == sentence_first ? s : (size_t)-1;
}

/* Does the segment [first, last) end with a name ("Oleg Sokolov", "The
 * Morning Herald", "the Ambassador of Japan Kenji Sato"), after a leading
 * "and" or "but"? A title before the name comes with it. */
static bool pure_name(const struct extract_ctx *x, const struct tokens *tk, size_t first,
		      size_t last, struct speaker_ref *out)
{
	if (first < last && speech_is(x, &tk->v[first], SPEECH_CONJUNCTION))
		first++;
	if (first >= last)
		return false;
	*out = classify(x, tk, first, last);
	if (out->kind != SPEAKER_NAME || out->name_last != last)
		return false;
	/* Before the name only a determiner or a title may stand. */
	for (size_t i = first; i < out->name_first; i++) {
		const struct token *t = &tk->v[i];
		if (!is_determiner(x, t) && !t->upper && !is_connector(x, t) && !token_is_title_word(x, tk, i) &&
		    !(out->title_first < out->title_last && i >= out->title_first))
			return false;
	}
	return true;
}

static struct speaker_ref speaker_apposition(const struct extract_ctx *x, const struct tokens *tk,
					     size_t comma)
{
	struct speaker_ref none = {.kind = SPEAKER_NONE, .first = comma + 1, .last = comma + 1};
	size_t sentence_first = tk->sentences[tokens_sentence_of(tk, comma)].first;
	size_t end = comma;
	/* Walk back segment by segment: skip titles and asides until a name. */
	for (int hops = 0; hops < 4; hops++) {
		size_t start = segment_start(tk, end, sentence_first);
		if (start == (size_t)-1 || start >= end)
			return none;
		struct speaker_ref name;
		if (pure_name(x, tk, start, end, &name)) {
			/* The title is the segment after the name (if we skipped one)
			 * or the one before it. */
			size_t tf = end + 1, tl = comma;
			if (name.title_first < name.title_last) {
				tf = name.title_first; /* its own: "the Ambassador ... Kenji Sato" */
				tl = name.title_last;
			} else if (end == comma) {
				tf = tl = start;
				if (start > sentence_first + 1) {
					size_t ps = segment_start(tk, start - 1, sentence_first);
					if (ps != (size_t)-1) {
						tf = ps;
						tl = start - 1;
					}
				}
			}
			if (tf < tl && (range_has(tk, tf, tl, &x->t->titles) ||
					range_has(tk, tf, tl, &x->t->outlet_words))) {
				while (tf < tl && is_connector(x, &tk->v[tf]))
					tf++;
				name.title_first = tf;
				name.title_last = tl;
				name.outlet_words = name.outlet_words || outlet_title(x, tk, tf, tl);
			}
			name.first = start;
			return name;
		}
		/* An aside or a title goes on to the segment before; anything else
		 * (a clause) ends the search. */
		const struct token *t = &tk->v[start];
		bool aside = !t->upper || is_determiner(x, t) || token_is_title_word(x, tk, start);
		if (!aside || start <= sentence_first)
			return none;
		end = start - 1;
	}
	return none;
}

struct speaker_ref speaker_backward(const struct extract_ctx *x, const struct tokens *tk, size_t end)
{
	struct speaker_ref r = {.kind = SPEAKER_NONE, .first = end, .last = end};
	end = skip_adverbs_back(x, tk, end);
	if (end == 0)
		return r;
	if (speech_is(x, &tk->v[end - 1], SPEECH_PASSIVE))
		return r;
	for (size_t back = 1; back <= 2 && back <= end; back++) {
		size_t n;
		const struct lex_entry *p = pronoun_at(x, tk, end - back, &n);
		/* "the agency" alone stands for an outlet; in "the deputy head of
		 * the agency" it is part of a title. */
		bool inside_phrase = end - back > 0 && is_connector(x, &tk->v[end - back - 1]);
		if (p != NULL && end - back + n == end && !inside_phrase) {
			r.kind = SPEAKER_PRONOUN;
			r.first = end - back;
			r.last = end;
			r.wants_outlet = p->value_tag == PRONOUN_OUTLET;
			r.addressee = p->value_tag == PRONOUN_ADDRESSEE;
			r.gender = pronoun_gender(p);
			r.outlet_kind = r.wants_outlet ? p->extra : NULL;
			/* "it" is a pronoun for an outlet only right after one spoke;
			 * a sentence's "it" is usually a thing. Let the caller decide. */
			return r;
		}
	}
	/* "Evening Post called the bridge ... and wrote that": the subject
	 * of the first verb, at the start of the sentence. */
	if (token_is(&tk->v[end - 1], "and")) {
		size_t first = tk->sentences[tokens_sentence_of(tk, end - 1)].first;
		struct speaker_ref head = speaker_forward(x, tk, first);
		if (head.kind != SPEAKER_NONE && head.first == first && head.last < end - 1 &&
		    tk->v[head.last].kind == TOKEN_WORD && !tk->v[head.last].upper)
			return head;
		return r;
	}
	/* Appositions between commas: "the Minister ..., Oleg Sokolov,
	 * stated", "Anna Lebedeva, the head of the laboratory, explained",
	 * "Nordic Wire, citing a source, reported". */
	if (token_is_punct(&tk->v[end - 1], ','))
		return speaker_apposition(x, tk, end - 1);
	size_t s = end;
	while (s > 0 && end - s < PHRASE_MAX) {
		size_t q = skip_quoted_backward(tk, s);
		if (q < s && q > 0) {
			s = q;
			continue;
		}
		const struct token *t = &tk->v[s - 1];
		if (t->kind != TOKEN_WORD)
			break;
		if (!t->upper && in_lexicon(&x->t->function_words, t) && !is_connector(x, t))
			break;
		if (verb_here(x, tk, s - 1))
			break;
		s--;
	}
	while (s < end && is_connector(x, &tk->v[s]) && !is_determiner(x, &tk->v[s]))
		s++;
	struct speaker_ref out = classify(x, tk, s, end);
	if (out.kind == SPEAKER_NAME && out.title_first == out.title_last) {
		/* "Japanese prime minister Kenji Sato said": the title may be lowercase. */
		size_t tf, tl;
		title_before(x, tk, out.name_first, &tf, &tl);
		if (tf < tl) {
			out.title_first = tf;
			out.title_last = tl;
			out.first = tf < out.first ? tf : out.first;
			out.outlet_words = outlet_title(x, tk, tf, tl);
		}
	}
	return out;
}
