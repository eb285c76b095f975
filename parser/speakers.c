/* speakers.c - see speakers.h. */
#include "speakers.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* A phrase of a speaker is at most this many tokens ("the Deputy Head of the
 * Federal Agency for Fishery Pavel Zubarev" is 11). */
enum { PHRASE_MAX = 16 };

/* Words that join the words of a title: "Minister for the Development of
 * the Far East". Grammar of English, not knowledge of the world. */
static bool is_connector(const struct token *t)
{
	static const char *const words[] = {"of", "for", "the", "and", "on", "a", "an"};
	if (t->kind != TOKEN_WORD)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(t->fold, words[i]) == 0)
			return true;
	return false;
}

/* A name in quote marks inside a title ("the general director of «Hanil
 * Agro» Kim"): from an opening mark at k, the index after its closing
 * mark, or k if there is none nearby. */
static size_t skip_quoted_forward(const struct tokens *tk, size_t k)
{
	if (k >= tk->n || tk->v[k].kind != TOKEN_PUNCT || !cp_is_quote(tk->v[k].cp))
		return k;
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
static size_t skip_quoted_backward(const struct tokens *tk, size_t end)
{
	if (end == 0 || tk->v[end - 1].kind != TOKEN_PUNCT || !cp_is_quote(tk->v[end - 1].cp))
		return end;
	for (size_t j = end - 1; j-- > 0 && j + 10 > end;) {
		if (tk->v[j].kind == TOKEN_PUNCT && cp_is_quote(tk->v[j].cp))
			return j + 2 < end ? j : end;
		if (tk->v[j].kind == TOKEN_PUNCT && tk->v[j].cp != '-')
			return end;
	}
	return end;
}

static bool is_preposition(const struct token *t)
{
	static const char *const words[] = {"of", "for", "in", "from", "at", "to", "on", "by",
					    "near", "with", "across", "behind"};
	if (t->kind != TOKEN_WORD)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(t->fold, words[i]) == 0)
			return true;
	return false;
}

static bool is_determiner(const struct token *t)
{
	return t->kind == TOKEN_WORD &&
	       (strcmp(t->fold, "the") == 0 || strcmp(t->fold, "a") == 0 || strcmp(t->fold, "an") == 0);
}

static bool in_lexicon(const struct lexicon *lx, const struct token *t)
{
	return lexicon_get_folded(lx, t->fold, t->fold_len) != NULL;
}

bool token_is_title_word(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	size_t n;
	return tokens_match(tk, i, &x->t->titles, &n) || tokens_match(tk, i, &x->t->countries, &n) ||
	       tokens_match(tk, i, &x->t->outlet_words, &n);
}

/* Could token i be part of a person's name? A capitalized word that is no
 * title, country, institution or month. */
static bool name_token(const struct extract_ctx *x, const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	size_t n;
	if (t->kind != TOKEN_WORD || !t->upper)
		return false;
	if (in_lexicon(&x->t->name_stop, t) || in_lexicon(&x->t->titles, t) ||
	    in_lexicon(&x->t->outlet_words, t) || in_lexicon(&x->t->months, t))
		return false;
	const struct lex_entry *c = tokens_match(tk, i, &x->t->countries, &n);
	return c == NULL;
}

static bool patronymic(const struct token *t)
{
	static const char *const endings[] = {"ovich", "evich", "ich", "ovna", "evna", "ichna"};
	size_t len = strlen(t->fold);
	for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
		size_t el = strlen(endings[k]);
		if (len > el + 1 && strcmp(t->fold + len - el, endings[k]) == 0)
			return true;
	}
	return false;
}

/* The name at the end of tokens [first, last): the trailing name tokens,
 * two at most (three with a patronymic), since a name of the genre is a
 * given name and a surname and whatever comes before them is a title or an
 * institution ("Fishery Pavel Zubarev"). Returns its first token, or last
 * if there is none. */
static size_t name_core(const struct extract_ctx *x, const struct tokens *tk, size_t first,
			size_t last)
{
	size_t s = last;
	while (s > first && name_token(x, tk, s - 1) && last - s < 3)
		s--;
	if (last - s == 3 && !patronymic(&tk->v[s + 1]))
		s++;
	return s;
}

/* The title written before the name that starts at token c: capitalized
 * words, title words, country words and the words that join them, read
 * backwards ("Russian President", "Deputy Head of the Federal Agency for
 * Fishery"). Stores the range in [*tf, *tl); empty if it holds no title
 * or outlet word. */
/* Does a person's name with a title before it end just before token e
 * ("Deputy Prime Minister Alexei Gorodetsky")? */
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

static void title_before_mode(const struct extract_ctx *x, const struct tokens *tk, size_t c,
			      size_t *tf, size_t *tl, bool strict)
{
	size_t k = c;
	while (k > 0 && c - k < PHRASE_MAX) {
		size_t q = skip_quoted_backward(tk, k);
		if (q < k) {
			k = q;
			continue;
		}
		const struct token *t = &tk->v[k - 1];
		if (t->kind != TOKEN_WORD)
			break;
		/* "Deputy Prime Minister Alexei Gorodetsky and Vice Governor ... Li
		 * Haitao": "and" after a titled person's name joins two people. */
		if (token_is(t, "and") && k >= 2 && titled_name_ends_at(x, tk, k - 1))
			break;
		/* "Ambassador of Japan to Russia", "Envoy to the Far Eastern
		 * Federal District": titles say where with these too. */
		bool where = token_is(t, "to") || token_is(t, "in");
		if (!t->upper && in_lexicon(&x->t->function_words, t) && !is_connector(t) && !where)
			break;
		k--;
	}
	/* Plain lowercase words belong to a title only as what it is of:
	 * "the head of the Buryat customs", "director of a fishing company";
	 * elsewhere ("the governor visited Putin") they end it. */
	bool role = false, of = false;
	for (size_t i = k; i < c; i++) {
		size_t n;
		const struct token *t = &tk->v[i];
		bool title_word = tokens_match(tk, i, &x->t->titles, &n) ||
				  tokens_match(tk, i, &x->t->outlet_words, &n);
		if (title_word) {
			role = true;
			continue;
		}
		if (t->kind != TOKEN_WORD || t->upper || is_determiner(t))
			continue;
		if (is_connector(t) || token_is(t, "to") || token_is(t, "in")) {
			of = of || (role && (token_is(t, "of") || token_is(t, "for")));
			continue;
		}
		if ((strict || !(role && of)) && !token_is_title_word(x, tk, i)) {
			k = i + 1; /* start again after it */
			role = of = false;
		}
	}
	while (k < c && is_connector(&tk->v[k]))
		k++;
	*tf = *tl = c;
	for (size_t i = k; i < c; i++) {
		size_t n;
		if (tokens_match(tk, i, &x->t->titles, &n) ||
		    tokens_match(tk, i, &x->t->outlet_words, &n)) {
			*tf = k;
			*tl = c;
			return;
		}
	}
}

static void title_before(const struct extract_ctx *x, const struct tokens *tk, size_t c,
			 size_t *tf, size_t *tl)
{
	title_before_mode(x, tk, c, tf, tl, false);
}

static bool range_has(const struct tokens *tk, size_t first, size_t last, const struct lexicon *lx);

/* Does the title call its bearer an outlet ("the Japanese agency", "news
 * agency")? An outlet word in an institution's name under a job title
 * ("Deputy Head of the Federal Agency for Fishery") does not. */
static bool outlet_title(const struct extract_ctx *x, const struct tokens *tk, size_t first,
			 size_t last)
{
	return range_has(tk, first, last, &x->t->outlet_words) &&
	       !range_has(tk, first, last, &x->t->titles);
}

static bool range_has(const struct tokens *tk, size_t first, size_t last, const struct lexicon *lx)
{
	for (size_t i = first; i < last; i++) {
		size_t n;
		if (tokens_match(tk, i, lx, &n) && i + n <= last)
			return true;
	}
	return false;
}

/* Sorts the phrase [first, last) into a name, a title or nothing. */
static struct speaker_ref classify(const struct extract_ctx *x, const struct tokens *tk,
				   size_t first, size_t last)
{
	struct speaker_ref r = {.kind = SPEAKER_NONE, .first = first, .last = last};
	if (first >= last)
		return r;
	/* An outlet of the table that ends the phrase ("The Asahi Shimbun"),
	 * or is followed only by what it is ("the SCMP newspaper"). */
	for (size_t s = first; s < last; s++) {
		size_t n, w = 0;
		const struct lex_entry *e = tokens_match(tk, s, &x->t->outlets, &n);
		if (e != NULL && s + n < last)
			tokens_match(tk, s + n, &x->t->outlet_words, &w);
		if (e != NULL && (s + n == last || s + n + w == last)) {
			r.kind = SPEAKER_NAME;
			r.outlet = e;
			r.name_first = s;
			r.name_last = s + n;
			r.title_first = first;
			r.title_last = s;
			while (r.title_first < r.title_last && is_connector(&tk->v[r.title_first]))
				r.title_first++;
			r.outlet_words = outlet_title(x, tk, r.title_first, r.title_last);
			return r;
		}
	}
	size_t core = name_core(x, tk, first, last);
	/* After a preposition a capitalized word is a place or a body, part of
	 * a title or an aside: "the head of Primorye", "the Minister of Natural
	 * Resources", "a truck driver from Khabarovsk". */
	if (core < last && core > first && is_preposition(&tk->v[core - 1]))
		core = last;
	if (core < last) {
		r.kind = SPEAKER_NAME;
		r.name_first = core;
		r.name_last = last;
		r.title_first = first;
		r.title_last = core;
		while (r.title_first < r.title_last && is_connector(&tk->v[r.title_first]))
			r.title_first++;
		r.outlet_words = outlet_title(x, tk, r.title_first, r.title_last);
		return r;
	}
	/* A title: from the last "the" whose phrase still holds a title word,
	 * so "in the PRC the governor" is "the governor". */
	bool role = range_has(tk, first, last, &x->t->titles);
	bool outlet = range_has(tk, first, last, &x->t->outlet_words);
	if (!role && !outlet)
		return r;
	size_t start = first;
	for (size_t s = last; s-- > first;) {
		if (!is_determiner(&tk->v[s]))
			continue;
		if (range_has(tk, s, last, role ? &x->t->titles : &x->t->outlet_words)) {
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

static const struct lex_entry *pronoun_at(const struct extract_ctx *x, const struct tokens *tk,
					  size_t i, size_t *n)
{
	const struct lex_entry *e = tokens_match(tk, i, &x->t->pronouns, n);
	return e;
}

static enum gender pronoun_gender(const struct lex_entry *p)
{
	if (strcmp(p->extra, "male") == 0)
		return GENDER_MALE;
	if (strcmp(p->extra, "female") == 0)
		return GENDER_FEMALE;
	return GENDER_UNKNOWN;
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
		r.wants_outlet = strcmp(p->value, "outlet") == 0;
		r.gender = pronoun_gender(p);
		r.outlet_kind = r.wants_outlet ? p->extra : NULL;
		return r;
	}
	size_t k = i;
	bool seen_upper = false, seen_role = false, of_after_role = false;
	while (k < tk->n && k - i < PHRASE_MAX) {
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
		if (!t->upper && in_lexicon(&x->t->function_words, t) && !is_connector(t))
			break;
		/* After a name, a plain lowercase word ends it ("People's Daily
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
		bool possessive = strcmp(t->fold, "'s") == 0 && k + 1 < tk->n && tk->v[k + 1].upper;
		bool other = token_is_title_word(x, tk, k); /* a country or an outlet word */
		bool plain = !t->upper && !is_connector(t) && !possessive && !other;
		if (plain) {
			/* Inside "the Minister of International Cooperation of the
			 * region": words go on until a person's name has been said. */
			bool in_title = seen_role && of_after_role;
			if (in_title ? name_core(x, tk, i, k) + 2 <= k : (seen_upper || seen_role))
				break;
		}
		if (seen_role && (token_is(t, "of") || token_is(t, "for")))
			of_after_role = true;
		seen_upper = seen_upper || (t->upper && !other && !(seen_role && of_after_role));
		k++;
	}
	while (k > i && is_connector(&tk->v[k - 1]))
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

/* Does the segment [first, last) end with a name ("Alexander Kozlov", "The
 * Asahi Shimbun", "the Ambassador of Japan Kenji Ishida"), after a leading
 * "and" or "but"? A title before the name comes with it. */
static bool pure_name(const struct extract_ctx *x, const struct tokens *tk, size_t first,
		      size_t last, struct speaker_ref *out)
{
	if (first < last && (token_is(&tk->v[first], "and") || token_is(&tk->v[first], "but")))
		first++;
	if (first >= last)
		return false;
	*out = classify(x, tk, first, last);
	if (out->kind != SPEAKER_NAME || out->name_last != last)
		return false;
	/* Before the name only a determiner or a title may stand. */
	for (size_t i = first; i < out->name_first; i++) {
		const struct token *t = &tk->v[i];
		if (!is_determiner(t) && !t->upper && !is_connector(t) && !token_is_title_word(x, tk, i) &&
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
				tf = name.title_first; /* its own: "the Ambassador ... Kenji Ishida" */
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
				while (tf < tl && is_connector(&tk->v[tf]))
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
		bool aside = !t->upper || is_determiner(t) || token_is_title_word(x, tk, start);
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
	static const char *const passive[] = {"was", "were", "is", "are", "been", "be"};
	for (size_t k = 0; k < sizeof passive / sizeof passive[0]; k++)
		if (token_is(&tk->v[end - 1], passive[k]))
			return r;
	for (size_t back = 1; back <= 2 && back <= end; back++) {
		size_t n;
		const struct lex_entry *p = pronoun_at(x, tk, end - back, &n);
		/* "the agency" alone stands for an outlet; in "the deputy head of
		 * the agency" it is part of a title. */
		bool inside_phrase = end - back > 0 && is_connector(&tk->v[end - back - 1]);
		if (p != NULL && end - back + n == end && !inside_phrase) {
			r.kind = SPEAKER_PRONOUN;
			r.first = end - back;
			r.last = end;
			r.wants_outlet = strcmp(p->value, "outlet") == 0;
			r.gender = pronoun_gender(p);
			r.outlet_kind = r.wants_outlet ? p->extra : NULL;
			/* "it" is a pronoun for an outlet only right after one spoke;
			 * a sentence's "it" is usually a thing. Let the caller decide. */
			return r;
		}
	}
	/* "People's Daily called the bridge ... and wrote that": the subject
	 * of the first verb, at the start of the sentence. */
	if (token_is(&tk->v[end - 1], "and")) {
		size_t first = tk->sentences[tokens_sentence_of(tk, end - 1)].first;
		struct speaker_ref head = speaker_forward(x, tk, first);
		if (head.kind != SPEAKER_NONE && head.first == first && head.last < end - 1 &&
		    tk->v[head.last].kind == TOKEN_WORD && !tk->v[head.last].upper)
			return head;
		return r;
	}
	/* Appositions between commas: "the Minister ..., Alexander Kozlov,
	 * stated", "Marina Kovaleva, the head of the laboratory, explained",
	 * "Yonhap, citing a source, reported". */
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
		if (!t->upper && in_lexicon(&x->t->function_words, t) && !is_connector(t))
			break;
		if (verb_here(x, tk, s - 1))
			break;
		s--;
	}
	while (s < end && is_connector(&tk->v[s]) && !is_determiner(&tk->v[s]))
		s++;
	struct speaker_ref out = classify(x, tk, s, end);
	if (out.kind == SPEAKER_NAME && out.title_first == out.title_last) {
		/* "North Korean leader Kim Jong-un said": the title may be lowercase. */
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

size_t cast_position(size_t p, size_t i)
{
	return (p << 24) | i;
}

/* Words of a name, folded, compared as sets: is every word of a in b? */
static bool words_within(const char *a, const char *b)
{
	char fa[256], fb[256];
	if (lex_fold(a, strlen(a), fa, sizeof fa) == (size_t)-1 ||
	    lex_fold(b, strlen(b), fb, sizeof fb) == (size_t)-1)
		return false;
	char *save = NULL;
	for (char *w = strtok_r(fa, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		size_t wl = strlen(w);
		bool found = false;
		for (const char *p = fb; *p && !found;) {
			const char *e = strchr(p, ' ');
			size_t pl = e ? (size_t)(e - p) : strlen(p);
			found = pl == wl && strncmp(p, w, wl) == 0;
			p = e ? e + 1 : p + pl;
		}
		if (!found)
			return false;
	}
	return true;
}

static size_t count_spaces(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == ' ';
	return n;
}

static int record(struct cast_event **v, size_t *n, size_t *cap, size_t pos, size_t person)
{
	if (*n == *cap) {
		size_t grown = *cap ? *cap * 2 : 32;
		struct cast_event *g = realloc(*v, grown * sizeof *g);
		if (g == NULL)
			return -1;
		*v = g;
		*cap = grown;
	}
	(*v)[(*n)++] = (struct cast_event){pos, person};
	return 0;
}

static bool ends_with(const char *word, size_t len, const char *ending)
{
	size_t el = strlen(ending);
	return len > el && strncmp(word + len - el, ending, el) == 0;
}

/* The gender a name's endings tell (name_gender.tsv): the patronymic
 * first, then the surname, then the given name; the longest ending of a
 * part wins ("skaya" over "a"). */
static enum gender guess_gender(const struct extract_ctx *x, const char *name)
{
	char folded[256];
	size_t len = lex_fold(name, strlen(name), folded, sizeof folded);
	if (len == (size_t)-1)
		return GENDER_UNKNOWN;
	const char *words[4];
	size_t lens[4], n = 0;
	for (char *p = folded; *p && n < 4;) {
		char *e = strchr(p, ' ');
		words[n] = p;
		lens[n++] = e ? (size_t)(e - p) : strlen(p);
		p = e ? e + 1 : p + strlen(p);
	}
	static const char *const parts[] = {"patronymic", "surname", "given"};
	for (size_t k = 0; k < 3; k++) {
		/* Which word plays this part: the middle of three is the patronymic;
		 * the last of two or more the surname, the first the given name; a
		 * lone word is taken for a surname. */
		size_t w;
		if (k == 0 && n == 3)
			w = 1;
		else if (k == 1)
			w = n - 1;
		else if (k == 2 && n >= 2)
			w = 0;
		else
			continue;
		const struct lexicon *lx = &x->t->name_gender;
		size_t best = 0;
		enum gender g = GENDER_UNKNOWN;
		for (size_t i = 0; i < lx->cap; i++) {
			const struct lex_entry *e = &lx->slots[i];
			if (e->key == NULL || strcmp(e->extra, parts[k]) != 0)
				continue;
			size_t el = strlen(e->key);
			bool whole = el == lens[w] && strncmp(words[w], e->key, el) == 0;
			if ((whole || ends_with(words[w], lens[w], e->key)) && el > best) {
				best = el;
				g = strcmp(e->value, "female") == 0 ? GENDER_FEMALE : GENDER_MALE;
			}
		}
		if (g != GENDER_UNKNOWN)
			return g;
	}
	return GENDER_UNKNOWN;
}

static struct person *cast_add(struct cast *c)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct person *v = realloc(c->v, cap * sizeof *v);
		if (v == NULL)
			return NULL;
		/* last_person and last_outlet point into v: move them along. */
		if (c->last_person)
			c->last_person = v + (c->last_person - c->v);
		if (c->last_outlet)
			c->last_outlet = v + (c->last_outlet - c->v);
		c->v = v;
		c->cap = cap;
	}
	struct person *p = &c->v[c->n++];
	memset(p, 0, sizeof *p);
	return p;
}

static const char *span_text(struct extract_ctx *x, const struct tokens *tk, size_t first,
			     size_t last)
{
	if (first >= last)
		return NULL;
	return arena_strndup(&x->a->arena, tk->text + tk->v[first].start,
			     tk->v[last - 1].end - tk->v[first].start);
}

/* Fills role and countries of p from the title tokens [tf, tl). */
static void person_set_title(struct extract_ctx *x, struct person *p, const struct tokens *tk,
			     size_t tf, size_t tl)
{
	if (tf >= tl || p->title != NULL)
		return;
	p->title = span_text(x, tk, tf, tl);
	size_t best = 0;
	for (size_t i = tf; i < tl; i++) {
		size_t n;
		const struct lex_entry *e = tokens_match(tk, i, &x->t->titles, &n);
		if (e != NULL && i + n <= tl && n > best) {
			p->role = e->value; /* the role it names: "head of the region" is a governor */
			p->role_class = e->extra;
			best = n;
		}
		const struct lex_entry *cty = tokens_match(tk, i, &x->t->countries, &n);
		if (cty != NULL && i + n <= tl && p->n_countries < 4)
			p->countries[p->n_countries++] = cty->value;
	}
}

static struct person *find_person(struct cast *c, const char *name)
{
	struct person *best = NULL;
	for (size_t i = 0; i < c->n; i++) {
		struct person *p = &c->v[i];
		if (p->outlet)
			continue;
		if (words_within(name, p->name) || words_within(p->name, name)) {
			if (best == NULL || strlen(p->name) > strlen(best->name))
				best = p;
		}
	}
	return best;
}

/* Records the person named by [nf, nl) with the title [tf, tl). */
static int learn_person(struct extract_ctx *x, struct cast *c, const struct tokens *tk, size_t nf,
			size_t nl, size_t tf, size_t tl, size_t pos)
{
	const char *name = span_text(x, tk, nf, nl);
	if (name == NULL)
		return -1;
	struct person *p = find_person(c, name);
	if (p == NULL) {
		p = cast_add(c);
		if (p == NULL)
			return -1;
		p->name = name;
		p->seen = p->first_seen = pos;
		p->gender = guess_gender(x, name);
	} else if (count_spaces(name) > count_spaces(p->name)) {
		p->name = name;
		p->gender = guess_gender(x, name);
	}
	person_set_title(x, p, tk, tf, tl);
	return record(&c->mentions, &c->n_mentions, &c->cap_mentions, pos, (size_t)(p - c->v));
}

static struct person *outlet_entry(struct extract_ctx *x, struct cast *c, const char *name,
				   const char *country, const char *kind);

/* Records a mention of the outlet named by tokens [s, e). */
static int learn_outlet(struct extract_ctx *x, struct cast *c, const struct tokens *tk, size_t s,
			size_t e, size_t pos)
{
	size_t n;
	const struct lex_entry *o = tokens_match(tk, s, &x->t->outlets, &n);
	const char *name = span_text(x, tk, s, e);
	if (o == NULL || name == NULL)
		return -1;
	struct person *p = outlet_entry(x, c, name, o->extra, o->extra2);
	if (p == NULL)
		return -1;
	return record(&c->mentions, &c->n_mentions, &c->cap_mentions, pos, (size_t)(p - c->v));
}

int cast_learn(struct extract_ctx *x, struct cast *c)
{
	for (size_t p = 0; p < x->n_paras; p++) {
		const struct tokens *tk = &x->paras[p].tk;
		for (size_t i = 0; i < tk->n;) {
			if (tk->v[i].kind != TOKEN_WORD || !tk->v[i].upper) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < tk->n && tk->v[j].kind == TOKEN_WORD && tk->v[j].upper)
				j++;
			size_t n;
			bool outlet = false;
			for (size_t s = i; s < j && !outlet; s++) {
				const struct lex_entry *e = tokens_match(tk, s, &x->t->outlets, &n);
				outlet = e && s + n == j;
				/* Named outlets are what "the newspaper" looks back on. */
				if (outlet && learn_outlet(x, c, tk, s, j, cast_position(p, s)) != 0)
					return -1;
			}
			size_t core = outlet ? j : name_core(x, tk, i, j);
			if (core < j) {
				size_t tf, tl;
				/* Apposition: "the Minister ..., Alexander Kozlov," */
				/* A lone word is a person only with a title right before it
				 * ("Governor Ivanov"): "the port of Nakhodka" is a place. */
				bool lone = j - core == 1;
				if (core == i && i > 0 && token_is_punct(&tk->v[i - 1], ',') && j < tk->n &&
				    token_is_punct(&tk->v[j], ','))
					title_before_mode(x, tk, i - 1, &tf, &tl, lone);
				else
					title_before_mode(x, tk, core, &tf, &tl, lone);
				/* One word is a person only with a title ("Governor Ivanov"),
				 * or as a known person's surname: then it is a mention. */
				if (j - core >= 2 || tf < tl) {
					if (learn_person(x, c, tk, core, j, tf, tl, cast_position(p, core)) != 0)
						return -1;
				} else {
					const char *one = span_text(x, tk, core, j);
					struct person *known = one ? find_person(c, one) : NULL;
					if (known != NULL &&
					    record(&c->mentions, &c->n_mentions, &c->cap_mentions,
						   cast_position(p, core), (size_t)(known - c->v)) != 0)
						return -1;
				}
			}
			i = j;
		}
	}
	return 0;
}

void cast_free(struct cast *c)
{
	if (c == NULL)
		return;
	free(c->mentions);
	free(c->spoke);
	free(c->v);
	memset(c, 0, sizeof *c);
}

static struct person *outlet_entry(struct extract_ctx *x, struct cast *c, const char *name,
				   const char *country, const char *kind)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].outlet && strcmp(c->v[i].name, name) == 0)
			return &c->v[i];
	struct person *p = cast_add(c);
	if (p == NULL)
		return NULL;
	p->outlet = true;
	p->name = arena_strdup(&x->a->arena, name);
	p->country = country && *country ? arena_strdup(&x->a->arena, country) : NULL;
	p->outlet_kind = kind && *kind ? arena_strdup(&x->a->arena, kind) : NULL;
	return p;
}

/* The country named in the title tokens, if any ("the Japanese agency"). */
static const char *title_country(const struct extract_ctx *x, const struct tokens *tk, size_t tf,
				 size_t tl)
{
	for (size_t i = tf; i < tl; i++) {
		size_t n;
		const struct lex_entry *e = tokens_match(tk, i, &x->t->countries, &n);
		if (e != NULL && i + n <= tl)
			return e->value;
	}
	return NULL;
}

static const char *title_outlet_kind(const struct extract_ctx *x, const struct tokens *tk,
				     size_t tf, size_t tl)
{
	const char *kind = NULL;
	for (size_t i = tf; i < tl; i++) {
		size_t n;
		const struct lex_entry *e = tokens_match(tk, i, &x->t->outlet_words, &n);
		if (e != NULL && i + n <= tl)
			kind = e->value;
	}
	return kind;
}

/* "the newspaper", "it": the last outlet named or heard before pos, of
 * the kind asked for when there is one ("the agency" is no newspaper). */
static struct person *resolve_outlet(struct cast *c, const char *kind, size_t pos)
{
	struct person *any = NULL;
	for (size_t i = c->n_mentions; i-- > 0;) {
		const struct cast_event *e = &c->mentions[i];
		struct person *p = &c->v[e->person];
		if (e->pos >= pos || !p->outlet)
			continue;
		if (kind == NULL || *kind == '\0' || (p->outlet_kind && strcmp(p->outlet_kind, kind) == 0))
			return p;
		if (any == NULL)
			any = p;
	}
	return any ? any : c->last_outlet;
}

static bool fits(const struct person *p, enum gender g)
{
	return !p->outlet && (g == GENDER_UNKNOWN || p->gender == GENDER_UNKNOWN || p->gender == g);
}

/* "he", "according to her": the last person of that gender who spoke in
 * this paragraph or the one before, else the last one named before. */
static struct person *resolve_pronoun(struct cast *c, enum gender g, size_t pos)
{
	size_t para = pos >> 24;
	for (size_t i = c->n_spoke; i-- > 0;) {
		const struct cast_event *e = &c->spoke[i];
		if (e->pos >= pos)
			continue;
		if ((e->pos >> 24) + 1 < para)
			break;
		if (fits(&c->v[e->person], g))
			return &c->v[e->person];
	}
	for (size_t i = c->n_mentions; i-- > 0;) {
		const struct cast_event *e = &c->mentions[i];
		if (e->pos < pos && fits(&c->v[e->person], g))
			return &c->v[e->person];
	}
	return NULL;
}

/* Words of a title that say more than "the", "of": "directorate" in "the
 * head of the directorate" and "Director of the ... Directorate". */
static size_t shared_words(const char *a, const char *b)
{
	char fa[512], fb[512];
	if (a == NULL || b == NULL || lex_fold(a, strlen(a), fa, sizeof fa) == (size_t)-1 ||
	    lex_fold(b, strlen(b), fb, sizeof fb) == (size_t)-1)
		return 0;
	size_t shared = 0;
	char *save = NULL;
	for (char *w = strtok_r(fa, " ,", &save); w != NULL; w = strtok_r(NULL, " ,", &save)) {
		size_t wl = strlen(w);
		if (wl < 5) /* "head", "the": too common to tell people apart */
			continue;
		for (const char *p = strstr(fb, w); p != NULL; p = strstr(p + 1, w))
			if ((p == fb || p[-1] == ' ') && (p[wl] == '\0' || p[wl] == ' ' || p[wl] == ',')) {
				shared++;
				break;
			}
	}
	return shared;
}

/* Does a person whose role is `held` answer to `said`? The same role, or
 * one that ends with it ("presidential envoy" is an "envoy", "foreign
 * minister" a "minister"), but a deputy or vice is not the chief. */
static bool role_covers(const char *held, const char *said)
{
	size_t hl = strlen(held), sl = strlen(said);
	if (hl == sl)
		return strcmp(held, said) == 0;
	if (hl < sl + 1 || strcmp(held + hl - sl, said) != 0 || held[hl - sl - 1] != ' ')
		return false;
	return strncmp(held, "deputy", 6) != 0 && strncmp(held, "vice", 4) != 0 &&
	       strncmp(held, "first deputy", 12) != 0 && strncmp(held, "co-", 3) != 0;
}

/* The person a title stands for ("the Russian president", "the head of
 * the directorate"): the same job title, or failing that the most words of
 * it, and no country that contradicts; whoever spoke last wins a tie. */
static struct person *resolve_title(struct extract_ctx *x, struct cast *c, const struct tokens *tk,
				    const struct speaker_ref *ref, size_t pos)
{
	if (ref->outlet_words)
		return resolve_outlet(c, NULL, pos);
	struct person probe = {0};
	person_set_title(x, &probe, tk, ref->title_first, ref->title_last);
	if (probe.role == NULL || strcmp(probe.role_class, "body") == 0)
		return NULL; /* "the press service" speaks for an institution */
	/* "the diplomat": a class of roles rather than one role. */
	bool generic = *probe.role_class && strcmp(probe.role, probe.role_class) == 0;
	struct person *best = NULL;
	size_t best_score = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct person *p = &c->v[i];
		if (p->outlet || p->title == NULL || p->first_seen > pos)
			continue; /* a title looks back: nobody named later */
		bool clash = false;
		for (size_t a = 0; a < probe.n_countries && p->n_countries > 0; a++) {
			bool any = false;
			for (size_t b = 0; b < p->n_countries; b++)
				any = any || strcmp(probe.countries[a], p->countries[b]) == 0;
			clash = clash || !any;
		}
		if (clash)
			continue;
		bool same_role = p->role && role_covers(p->role, probe.role);
		bool same_class = generic && p->role_class && strcmp(p->role_class, probe.role_class) == 0;
		size_t score = (same_role ? 4 : same_class ? 3 : 0) + shared_words(probe.title, p->title);
		if (score == 0)
			continue;
		/* Then: whoever spoke last, or was named before this point. */
		score = score * 4 + (p == c->last_person ? 2 : 0) + (p->seen <= pos ? 1 : 0);
		if (score > best_score || (score == best_score && best && p->seen > best->seen)) {
			best = p;
			best_score = score;
		}
	}
	/* "the diplomat", "the scientist": no one holds it as a title, so it
	 * is said of someone named before, as a pronoun would be. */
	if (best == NULL && generic)
		best = resolve_pronoun(c, GENDER_UNKNOWN, pos);
	return best;
}

struct person *cast_resolve(struct extract_ctx *x, struct cast *c, const struct tokens *tk,
			    const struct speaker_ref *ref, size_t pos, bool outlet_context)
{
	struct person *p = NULL;
	switch (ref->kind) {
	case SPEAKER_NONE:
		return NULL;
	case SPEAKER_PRONOUN:
		p = ref->wants_outlet ? resolve_outlet(c, ref->outlet_kind, pos)
				      : resolve_pronoun(c, ref->gender, pos);
		break;
	case SPEAKER_TITLE:
		p = resolve_title(x, c, tk, ref, pos);
		break;
	case SPEAKER_NAME: {
		const char *country = title_country(x, tk, ref->title_first, ref->title_last);
		if (ref->outlet != NULL) {
			/* The outlet as the text names it, without a leading "The" or a
			 * trailing kind ("Kyodo news agency" is Kyodo); the table gives
			 * its country and kind. */
			size_t nl = ref->name_last;
			while (nl > ref->name_first + 1) {
				size_t w = 0, o = 0;
				size_t k = nl - 1;
				if (k > ref->name_first && tokens_match(tk, k - 1, &x->t->outlet_words, &w) &&
				    k - 1 + w == nl)
					k = k - 1;
				else if (!(tokens_match(tk, k, &x->t->outlet_words, &w) && k + w == nl))
					break;
				/* Only if what remains is itself the outlet's name ("China
				 * Daily" keeps its "Daily"). */
				(void)o;
				size_t b0 = tk->v[ref->name_first].start;
				if (lexicon_get(&x->t->outlets, tk->text + b0, tk->v[k - 1].end - b0) == NULL)
					break;
				nl = k;
			}
			const char *written = span_text(x, tk, ref->name_first, nl);
			if (written == NULL)
				return NULL;
			p = outlet_entry(x, c, written, country ? country : ref->outlet->extra,
					 ref->outlet->extra2);
			break;
		}
		const char *name = span_text(x, tk, ref->name_first, ref->name_last);
		if (name == NULL)
			return NULL;
		struct person *known = find_person(c, name);
		bool titled = (known != NULL && known->title != NULL) ||
			      range_has(tk, ref->title_first, ref->title_last, &x->t->titles);
		/* Where outlets speak, a name that is no known person is taken for
		 * one, unless it reads as a person's name (name_gender.tsv). */
		bool outlet_like = outlet_context && !titled && guess_gender(x, name) == GENDER_UNKNOWN;
		if (ref->outlet_words || outlet_like) {
			p = outlet_entry(x, c, name, country,
					 title_outlet_kind(x, tk, ref->title_first, ref->title_last));
			break;
		}
		if (known == NULL) {
			known = cast_add(c);
			if (known == NULL)
				return NULL;
			known->name = name;
			known->seen = known->first_seen = pos;
			known->gender = guess_gender(x, name);
		}
		person_set_title(x, known, tk, ref->title_first, ref->title_last);
		p = known;
		break;
	}
	}
	if (p == NULL)
		return NULL;
	p->seen = pos;
	if (p->outlet) {
		c->last_outlet = p;
	} else {
		c->last_person = p;
		if (record(&c->spoke, &c->n_spoke, &c->cap_spoke, pos, (size_t)(p - c->v)) != 0)
			return NULL;
	}
	return p;
}
