/* cast.c - the people and outlets of an article, learned from it, and
 * what a speaker phrase resolves to: the fullest name, the bearer of a
 * title, the person a pronoun looks back on (see cast.h). */
#include "cast.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../text/fold.h"
#include "../text/grow.h"
#include "../text/utf8.h"
#include "names.h"

size_t cast_position(size_t p, size_t i)
{
	return (p << 24) | i;
}

/* Is the folded word w an initial ("a.")? */
static bool initial_word(const char *w, size_t wl)
{
	size_t n;
	return wl >= 2 && w[wl - 1] == '.' && (utf8_decode(w, wl, &n), n == wl - 1);
}

/* A folded name word as its transliterations agree on it: one Russian
 * name is written "Alexey", "Alexei" and "Aleksei", "Yuri" and "Yuriy",
 * "Dmitry" and "Dmitri". "ks" is "x", a final "y" after a consonant, and
 * "y" or "iy" after a vowel, are "i". Writes at most cap - 1 bytes. */
/* One of "aeiou" (or the NUL, which strchr would find in that string). */
static bool vowel_or_nul(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == '\0';
}

static size_t translit_key(const char *w, size_t wl, char *out, size_t cap)
{
	/* Every rule below starts at a "k" or a "y" ("-iy" ends with one):
	 * a word with neither is its own key, copied. Most names are. */
	if (memchr(w, 'k', wl) == NULL && memchr(w, 'y', wl) == NULL) {
		size_t o = wl < cap - 1 ? wl : cap - 1;
		memcpy(out, w, o);
		out[o] = '\0';
		return o;
	}
	size_t o = 0;
	for (size_t i = 0; i < wl && o + 1 < cap; i++) {
		char ch = w[i];
		bool last = i + 1 == wl;
		bool after_vowel = o > 0 && vowel_or_nul(out[o - 1]);
		if (ch == 'k' && i + 1 < wl && w[i + 1] == 's') {
			out[o++] = 'x';
			i++;
		} else if (ch == 'i' && i + 2 == wl && w[i + 1] == 'y') {
			out[o++] = 'i'; /* "-iy" */
			i++;
		} else if (ch == 'y' && (last || (after_vowel && i + 1 < wl &&
						   !vowel_or_nul(w[i + 1])))) {
			if (!(o > 0 && out[o - 1] == 'i'))
				out[o++] = 'i';
		} else {
			out[o++] = ch;
		}
	}
	out[o] = '\0';
	return o;
}

/* Does word w of a name stand for word p of another: the same word, or
 * the same but for its transliteration, or an initial and a word it
 * begins ("a." for "alexander")? */
bool same_name_word(const char *w, size_t wl, const char *p, size_t pl)
{
	if (wl == pl && strncmp(w, p, wl) == 0)
		return true;
	char kw[64], kp[64];
	if (wl < sizeof kw && pl < sizeof kp && wl > 2 && pl > 2) {
		size_t a = translit_key(w, wl, kw, sizeof kw), b = translit_key(p, pl, kp, sizeof kp);
		if (a == b && memcmp(kw, kp, a) == 0)
			return true;
	}
	if (initial_word(w, wl) && !initial_word(p, pl))
		return pl > wl - 1 && strncmp(w, p, wl - 1) == 0;
	if (initial_word(p, pl) && !initial_word(w, wl))
		return wl > pl - 1 && strncmp(p, w, pl - 1) == 0;
	return false;
}

/* A name's words, folded (fold_text's form: words separated by one space,
 * none before or after), each with its transliteration key where
 * same_name_word makes one: what comparing two names needs, made once a
 * name rather than once a comparison. */
enum { NAME_FOLDED_MAX = 256 };
struct name_words {
	char folded[NAME_FOLDED_MAX];
	char keys[NAME_FOLDED_MAX * 2];
	size_t n;
	/* The bits of the words' letters (name_letter_bits): what two
	 * names must share for a word of one to be like one of the other. */
	uint64_t letters;
	struct name_word {
		const char *w, *key; /* key NULL: none made (same_name_word's length bounds) */
		size_t wl, kl;
		bool initial;
		uint64_t letters;
	} v[NAME_FOLDED_MAX / 2];
	struct name_words *next_free; /* among the cast's spare_words */
};

/* A bit for the first byte of a word and one for that of its key: two
 * words that same_word finds alike share one, since the same word, an
 * initial and the word it begins, and two words of the same key begin
 * alike, as words or as keys. Most pairs of words share neither, and
 * then one AND says so. */
static uint64_t name_letter_bits(const struct name_word *d)
{
	uint64_t bits = UINT64_C(1) << ((unsigned char)d->w[0] & 63);
	if (d->key != NULL)
		bits |= UINT64_C(1) << ((unsigned char)d->key[0] & 63);
	return bits;
}

/* Fills nw from its folded text, nw->folded. */
static void name_words_split(struct name_words *nw)
{
	nw->n = 0;
	nw->letters = 0;
	size_t used = 0;
	for (const char *w = nw->folded; *w;) {
		const char *we = strchr(w, ' ');
		size_t wl = we ? (size_t)(we - w) : strlen(w);
		struct name_word *d = &nw->v[nw->n++];
		*d = (struct name_word){.w = w, .wl = wl, .initial = initial_word(w, wl)};
		if (wl < 64 && wl > 2) {
			/* As same_name_word makes it, into at most 64 bytes: each
			 * key is no longer than its word, so they fit. */
			d->key = nw->keys + used;
			d->kl = translit_key(w, wl, nw->keys + used, 64);
			used += d->kl + 1;
		}
		d->letters = name_letter_bits(d);
		nw->letters |= d->letters;
		w = we ? we + 1 : w + wl;
	}
}

/* Fills nw from name; false when its folded form is too long (the name is
 * then compared with none). */
static bool name_words_make(struct name_words *nw, const char *name)
{
	if (fold_text(name, strlen(name), nw->folded, sizeof nw->folded) == (size_t)-1)
		return false;
	name_words_split(nw);
	return true;
}

/* same_name_word of two words made by name_words_make. */
static bool same_word(const struct name_word *a, const struct name_word *b)
{
	if (a->wl == b->wl && memcmp(a->w, b->w, a->wl) == 0)
		return true;
	if (a->key != NULL && b->key != NULL && a->kl == b->kl && memcmp(a->key, b->key, a->kl) == 0)
		return true;
	if (a->initial && !b->initial)
		return b->wl > a->wl - 1 && strncmp(a->w, b->w, a->wl - 1) == 0;
	if (b->initial && !a->initial)
		return a->wl > b->wl - 1 && strncmp(b->w, a->w, b->wl - 1) == 0;
	return false;
}

/* Words of two names compared as sets: is every word of a in b? An initial
 * stands for a word it begins ("P. Lebedev" is within "Pavel Lebedev",
 * and the other way round). */
static bool words_within(const struct name_words *a, const struct name_words *b)
{
	for (size_t i = 0; i < a->n; i++) {
		const struct name_word *w = &a->v[i];
		/* Only a word of b that shares a letter bit may be like it. */
		if ((w->letters & b->letters) == 0)
			return false;
		bool found = false;
		for (size_t j = 0; j < b->n && !found; j++)
			found = (w->letters & b->v[j].letters) != 0 && same_word(w, &b->v[j]);
		if (!found)
			return false;
	}
	return true;
}

/* How fully a name is written: its words, less its initials ("Pavel
 * Lebedev" is fuller than "P. Lebedev", "Ivan Petrovich Sokolov" than
 * both). */
static size_t name_rank(const char *name)
{
	size_t rank = 0, wl = 0;
	for (const char *p = name;; p++) {
		if (*p == ' ' || *p == '\0') {
			if (wl > 0)
				rank += initial_word(p - wl, wl) ? 1 : 2;
			wl = 0;
			if (*p == '\0')
				break;
			continue;
		}
		wl++;
	}
	return rank;
}

static int record(struct cast_event **v, size_t *n, size_t *cap, size_t pos, size_t person)
{
	struct cast_event *g = grow_for_one(*v, *n, cap, sizeof *g, 32);
	if (g == NULL)
		return -1;
	*v = g;
	(*v)[(*n)++] = (struct cast_event){pos, person};
	return 0;
}

/* The gender a name's endings tell (name_gender.tsv), from its first
 * four words (name_words_make's; NULL, a name too long to fold, tells
 * none): the patronymic first, then the surname unless the given name
 * says otherwise, then the given name; the longest ending of a part wins
 * ("skaya" over "a"). */
static enum gender words_gender(const struct extract_ctx *x, const struct name_words *nw)
{
	if (nw == NULL)
		return GENDER_UNKNOWN;
	const char *words[4];
	size_t lens[4], n = 0;
	for (; n < nw->n && n < 4; n++) {
		words[n] = nw->v[n].w;
		lens[n] = nw->v[n].wl;
	}
	static const enum name_part parts[] = {NAME_PATRONYMIC, NAME_SURNAME, NAME_GIVEN};
	enum gender said[3] = {GENDER_UNKNOWN, GENDER_UNKNOWN, GENDER_UNKNOWN};
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
		/* The longest ending of the word (or the whole word) that the
		 * table has for this part: each ending is one key, so the
		 * endings are looked up longest first. */
		const struct lexicon *lx = &x->t->name_gender;
		const struct key_ends *ends = &x->t->name_gender_ends;
		if (!key_ends_may(ends, words[w], lens[w]))
			continue; /* the word ends as no key does (key_ends.h) */
		/* (no ending longer than the longest key is one) */
		for (size_t el = lens[w] < ends->longest ? lens[w] : ends->longest; el > 0; el--) {
			const char *ending = words[w] + lens[w] - el;
			if (!lexicon_may_begin_with(lx, (unsigned char)*ending))
				continue;
			const struct lex_entry *e = lexicon_get_folded(lx, ending, el);
			if (e != NULL && e->extra_tag == parts[k]) {
				said[k] = (enum gender)e->value_tag;
				break;
			}
		}
	}
	if (said[0] != GENDER_UNKNOWN)
		return said[0];
	/* The translation leaves a surname in the case of its sentence ("the
	 * report of Sergey Kuzmina" is of Sergey Kuzmin): where the given name
	 * says otherwise, the given name is right. */
	if (said[2] != GENDER_UNKNOWN && said[1] != said[2])
		return said[2];
	return said[1];
}

/* words_gender of nw, asked once: *memo is -1 until it is. */
static enum gender gender_once(const struct extract_ctx *x, const struct name_words *nw, int *memo)
{
	if (*memo < 0)
		*memo = (int)words_gender(x, nw);
	return (enum gender)*memo;
}

static struct person *cast_add(struct cast *c)
{
	/* last_person and last_outlet point into v: move them along. */
	ptrdiff_t last_person = c->last_person ? c->last_person - c->v : -1;
	ptrdiff_t last_outlet = c->last_outlet ? c->last_outlet - c->v : -1;
	struct person *v = grow_for_one(c->v, c->n, &c->cap, sizeof *v, 16);
	if (v == NULL)
		return NULL;
	c->v = v;
	c->last_person = last_person >= 0 ? v + last_person : NULL;
	c->last_outlet = last_outlet >= 0 ? v + last_outlet : NULL;
	struct person *p = &c->v[c->n++];
	memset(p, 0, sizeof *p);
	c->letters_known = false; /* a name to count in */
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

/* Trims [*tf, *tl) to the title itself: without the words that lead
 * into it ("the", "his", the "to" of "talked to Minister ...") and the
 * punctuation after it. */
static void title_trim(const struct extract_ctx *x, const struct tokens *tk, size_t *tf, size_t *tl)
{
	while (*tf < *tl && tk->v[*tf].kind == TOKEN_WORD &&
	       (is_connector(x, &tk->v[*tf]) || in_lexicon(&x->t->function_words, &tk->v[*tf])))
		(*tf)++;
	while (*tl > *tf && tk->v[*tl - 1].kind == TOKEN_PUNCT && !cp_is_quote(tk->v[*tl - 1].cp))
		(*tl)--;
}

/* Fills role and countries of p from the title tokens [tf, tl). */
static void person_set_title(struct extract_ctx *x, struct person *p, const struct tokens *tk,
			     size_t tf, size_t tl)
{
	title_trim(x, tk, &tf, &tl);
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
			p->role_class_tag = (enum title_class)e->extra_tag;
			best = n;
		}
		const struct lex_entry *cty = tokens_match(tk, i, &x->t->countries, &n);
		if (cty != NULL && i + n <= tl && p->n_countries < 4)
			p->countries[p->n_countries++] = cty->value;
	}
}

/* Does the title [tf, tl) name a role ("Governor of ...", "the head of
 * the company", "correspondent of the agency") rather than only a place
 * or a body ("the Amur Region" before a name)? */
static bool names_role(const struct extract_ctx *x, const struct tokens *tk, size_t tf, size_t tl)
{
	return range_has(tk, tf, tl, &x->t->titles) || range_has(tk, tf, tl, &x->t->outlet_words);
}

/* Adds the title [tf, tl) to the titles the article gives p, trimmed
 * (title_trim), unless p has it already (compared without case) or,
 * when the caller has not read it as a title itself (checked), it names
 * no role. Returns -1 when out of memory. */
static int person_add_title(struct extract_ctx *x, struct person *p, const struct tokens *tk,
			    size_t tf, size_t tl, bool checked)
{
	title_trim(x, tk, &tf, &tl);
	if (tf >= tl || p->n_titles >= PERSON_TITLES_MAX || (!checked && !names_role(x, tk, tf, tl)))
		return 0;
	const char *text = tk->text + tk->v[tf].start;
	size_t len = tk->v[tl - 1].end - tk->v[tf].start;
	struct person_title **end = &p->titles;
	for (; *end != NULL; end = &(*end)->next)
		if (strlen((*end)->text) == len && strncasecmp((*end)->text, text, len) == 0)
			return 0;
	struct person_title *t = arena_alloc(&x->scratch, sizeof *t);
	if (t == NULL || (t->text = arena_strndup(&x->a->arena, text, len)) == NULL)
		return -1;
	t->next = NULL;
	*end = t;
	p->n_titles++;
	return 0;
}

/* Memory for a name's words: a spare of the cast, else new from its
 * arena; NULL when none can be had. */
static struct name_words *words_alloc(struct cast *c)
{
	struct name_words *nw = c->spare_words;
	if (nw != NULL) {
		c->spare_words = nw->next_free;
		return nw;
	}
	return arena_alloc(c->arena, sizeof *nw);
}

/* Gives words back to the cast's spares (the arena frees nothing alone). */
static void words_spare(struct cast *c, struct name_words *nw)
{
	nw->next_free = c->spare_words;
	c->spare_words = nw;
}

/* The words of p's name, made again if the name changed since; NULL when
 * its folded form is too long. scratch is where they are made when no
 * memory can be had to keep them. */
static const struct name_words *person_words(struct cast *c, struct person *p,
					     struct name_words *scratch)
{
	if (p->words != NULL && p->words_of == p->name)
		return p->words;
	if (p->words == NULL)
		p->words = words_alloc(c);
	struct name_words *nw = p->words != NULL ? p->words : scratch;
	p->words_of = NULL;
	if (!name_words_make(nw, p->name))
		return NULL;
	if (nw == p->words)
		p->words_of = p->name;
	return nw;
}

/* Memory for a lookup's words: the cast's (words_alloc), else *local. */
static struct name_words *take_words(struct cast *c, struct name_words *local)
{
	struct name_words *nw = words_alloc(c);
	return nw != NULL ? nw : local;
}

/* The words of a name looked up, made once for the lookup, its gender
 * and, when it names a person anew or more fully, that person's own
 * words (adopt_words): in memory of the cast (its spare, else malloc),
 * or in *local when none can be had. NULL when the folded name is too
 * long. Each lookup ends with release_words or adopt_words. */
static struct name_words *lookup_words(struct cast *c, struct name_words *local, const char *name)
{
	struct name_words *nw = take_words(c, local);
	if (name_words_make(nw, name))
		return nw;
	if (nw != local)
		words_spare(c, nw);
	return NULL;
}

/* Ends a lookup whose words no person takes: the cast keeps them spare. */
static void release_words(struct cast *c, struct name_words *nw, const struct name_words *local)
{
	if (nw == NULL || nw == local)
		return;
	words_spare(c, nw);
}

/* Ends a lookup whose name p now bears: the words are p's, as
 * person_words would make them again from the same name. Words on the
 * stack are not kept, and person_words makes them when asked. */
static void adopt_words(struct cast *c, struct person *p, struct name_words *nw,
			const struct name_words *local)
{
	if (nw == NULL || nw == local)
		return;
	release_words(c, p->words, NULL);
	p->words = nw;
	p->words_of = p->name;
}

/* The words of p's name as names are compared: NULL for an outlet,
 * which no name looks up, and for a name too long to fold. */
static const struct name_words *compared_words(struct cast *c, struct person *p,
					       struct name_words *scratch)
{
	return p->outlet ? NULL : person_words(c, p, scratch);
}

/* The person whose name holds the words nw or whose words nw holds, the
 * fullest if several; NULL if none. */
static struct person *find_person_words(struct cast *c, const struct name_words *nw)
{
	struct person *best = NULL;
	struct name_words spare;
	for (size_t i = 0; i < c->n; i++) {
		struct person *p = &c->v[i];
		const struct name_words *fp = compared_words(c, p, &spare);
		if (fp == NULL)
			continue;
		if (words_within(nw, fp) || words_within(fp, nw)) {
			if (best == NULL || name_rank(p->name) > name_rank(best->name))
				best = p;
		}
	}
	return best;
}

static struct person *find_person(struct cast *c, const char *name)
{
	struct name_words local, *nw = lookup_words(c, &local, name);
	struct person *p = nw != NULL ? find_person_words(c, nw) : NULL;
	release_words(c, nw, &local);
	return p;
}

/* The letter bits (name_letter_bits) of the words of every person's
 * name, as find_person_words compares them; all of them when a name has
 * no words, which words_within finds within any. */
static uint64_t cast_letters(struct cast *c)
{
	if (c->letters_known)
		return c->letters;
	uint64_t all = 0;
	struct name_words spare;
	for (size_t i = 0; i < c->n; i++) {
		const struct name_words *fp = compared_words(c, &c->v[i], &spare);
		if (fp != NULL)
			all |= fp->n == 0 ? UINT64_MAX : fp->letters;
	}
	c->letters = all;
	c->letters_known = true;
	return all;
}

/* find_person of the one word at token i, the name span_text would copy.
 * The token's fold is fold_text's of its text where the tokenizer could
 * fold it (not empty) and it holds no NUL (which would end the copied
 * name) and no space (it is one word), and fits a name's words: then its
 * words are made from the fold, and no person is compared when none has
 * a word that shares a letter bit with it (words_within would find
 * none alike, either way round). */
static struct person *find_person_word(struct extract_ctx *x, struct cast *c,
				       const struct tokens *tk, size_t i)
{
	const struct token *t = &tk->v[i];
	bool own_fold = t->fold_len > 0 && t->fold_len < NAME_FOLDED_MAX &&
			memchr(t->fold, '\0', t->fold_len) == NULL &&
			memchr(t->fold, ' ', t->fold_len) == NULL;
	if (!own_fold) {
		const char *one = span_text(x, tk, i, i + 1);
		return one ? find_person(c, one) : NULL;
	}
	/* The word's bits: its first byte's, and its key's, which is "x"
	 * for a word that begins with "ks" (translit_key). */
	uint64_t bits = UINT64_C(1) << ((unsigned char)t->fold[0] & 63);
	if (t->fold[0] == 'k' && t->fold[1] == 's')
		bits |= UINT64_C(1) << ('x' & 63);
	if ((bits & cast_letters(c)) == 0)
		return NULL;
	struct name_words local, *nw = take_words(c, &local);
	memcpy(nw->folded, t->fold, t->fold_len + 1);
	name_words_split(nw);
	struct person *p = find_person_words(c, nw);
	release_words(c, nw, &local);
	return p;
}

struct person *cast_find(struct cast *c, const char *name)
{
	return find_person(c, name);
}

/* Records the person named by [nf, nl) with the title [tf, tl), and a
 * mention of them at pos if mention; *out is the person. */
static int learn_person(struct extract_ctx *x, struct cast *c, const struct tokens *tk, size_t nf,
			size_t nl, size_t tf, size_t tl, size_t pos, bool mention, struct person **out)
{
	const char *name = span_text(x, tk, nf, nl);
	if (name == NULL)
		return -1;
	struct name_words local, *nw = lookup_words(c, &local, name);
	struct person *p = nw != NULL ? find_person_words(c, nw) : NULL;
	if (p == NULL) {
		p = cast_add(c);
		if (p == NULL) {
			release_words(c, nw, &local);
			return -1;
		}
		p->name = name;
		p->seen = p->first_seen = pos;
		p->gender = words_gender(x, nw);
		adopt_words(c, p, nw, &local);
	} else if (name_rank(name) > name_rank(p->name)) {
		p->name = name;
		p->gender = words_gender(x, nw);
		adopt_words(c, p, nw, &local);
		c->letters_known = false; /* the name's words changed */
	} else {
		release_words(c, nw, &local);
	}
	person_set_title(x, p, tk, tf, tl);
	if (person_add_title(x, p, tk, tf, tl, false) != 0)
		return -1;
	*out = p; /* valid until the cast grows again */
	if (!mention)
		return 0;
	return record(&c->mentions, &c->n_mentions, &c->cap_mentions, pos, (size_t)(p - c->v));
}

static struct person *outlet_entry(struct extract_ctx *x, struct cast *c, const char *name,
				   const char *country, const char *kind);

/* Records a mention of the outlet named by tokens [s, e), that of the
 * table at `known` (its country and kind) unless the name begins before
 * it ("the Amur Evening Times": another outlet, of no country known). */
static int learn_outlet(struct extract_ctx *x, struct cast *c, const struct tokens *tk, size_t s,
			size_t known, size_t e, size_t pos)
{
	size_t n;
	const struct lex_entry *o = tokens_match(tk, known, &x->t->outlets, &n);
	const char *name = span_text(x, tk, s, e);
	if (o == NULL || name == NULL)
		return -1;
	struct person *p = s < known ? outlet_entry(x, c, name, NULL, NULL)
				     : outlet_entry(x, c, name, o->extra, o->extra2);
	if (p == NULL)
		return -1;
	return record(&c->mentions, &c->n_mentions, &c->cap_mentions, pos, (size_t)(p - c->v));
}

/* Where a text that names people stands. */
enum part { PART_BODY, PART_TITLE, PART_SUBTITLE };

/* Does the segment [s, e) say when rather than who ("a year ago", "a
 * day later"): a number or a unit of time in it? */
static bool says_when(const struct extract_ctx *x, const struct tokens *tk, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++) {
		size_t n;
		if (tk->v[i].kind == TOKEN_NUMBER || tokens_match(tk, i, &x->t->time_units, &n) ||
		    tokens_match(tk, i, &x->t->relative_dates, &n))
			return true;
	}
	return false;
}

/* The title written after a name that ends before token j, set off by
 * a comma, in [*tf, *tl) (empty if none): "Anna Lebedeva, the head of
 * the laboratory, said", "Anton Rybin, director of the regional
 * airline", "Boris Ternov, professor of maritime law:". It runs to the
 * next comma, colon or stop, and is a title when it opens with a role of
 * titles.txt, or names one after "the", or describes its bearer after
 * "a" ("Andrei Kostin, a mechanic of the port, tells", "a truck driver
 * from Khabarovsk") unless it says when ("a year ago"). A clause ("who
 * heads ...", "said that") is none. */
static void title_after(const struct extract_ctx *x, const struct tokens *tk, size_t j, size_t *tf,
			size_t *tl)
{
	*tf = *tl = j;
	if (j + 2 >= tk->n || !token_is_punct(&tk->v[j], ','))
		return;
	size_t s = j + 1, e = s;
	while (e < tk->n && e - s < TITLE_CHAIN_MAX) {
		size_t q = skip_quoted_forward(tk, e);
		if (q > e) {
			e = q;
			continue;
		}
		const struct token *t = &tk->v[e];
		if (t->kind == TOKEN_PUNCT) {
			if (t->cp == ',' || t->cp == ':' || t->cp == ';' || t->cp == '.' || t->cp == '!' ||
			    t->cp == '?' || t->cp == '(' || cp_is_dash(t->cp) || cp_is_quote(t->cp))
				break;
		} else if (t->kind == TOKEN_WORD && !t->upper) {
			size_t n;
			if (tokens_match(tk, e, &x->t->verbs, &n) || token_is(t, "who") ||
			    token_is(t, "which") || token_is(t, "that") || token_is(t, "whose"))
				return;
		}
		e++;
	}
	if (e == s || (e < tk->n && tk->v[e].kind != TOKEN_PUNCT))
		return; /* it runs on: no apposition */
	/* "..., Governor Ivan Belov, ...": another person of a list. */
	if (name_core(x, tk, s, e) + 2 <= e)
		return;
	/* The head of the title: its words before what it is of ("First
	 * Deputy Chairman" of "First Deputy Chairman of the Government"). */
	size_t head = s;
	while (head < e && !speech_is(x, &tk->v[head], SPEECH_TITLE_OF) &&
	       !speech_is(x, &tk->v[head], SPEECH_TITLE_WHERE))
		head++;
	bool indefinite = token_is(&tk->v[s], "a") || token_is(&tk->v[s], "an");
	bool opens_with_role = !is_determiner(x, &tk->v[s]) && range_has(tk, s, head, &x->t->titles);
	bool role = names_role(x, tk, s, e);
	bool the = token_is(&tk->v[s], "the");
	if (opens_with_role || (the && role) ||
	    (indefinite && e - s >= 2 && !says_when(x, tk, s, e))) {
		*tf = s;
		*tl = e;
	}
}

/* The credentials line under a byline (paragraph p is only a name):
 * paragraph p + 1 when it is short, has no final stop and holds a job
 * title ("Professor of the Department of Maritime Law, Far Eastern
 * University"), as the layout reads it. Tokens [0, *tl) of *line, or
 * NULL. */
static const struct tokens *credentials_under(const struct extract_ctx *x, size_t p, size_t *tl)
{
	if (p + 1 >= x->n_paras)
		return NULL;
	const struct tokens *tk = &x->paras[p + 1].tk;
	if (tk->n == 0 || tk->n > TITLE_CHAIN_MAX || tk->n_sentences > 1)
		return NULL;
	const struct token *last = &tk->v[tk->n - 1];
	if (last->kind == TOKEN_PUNCT && (last->cp == '.' || last->cp == '!' || last->cp == '?'))
		return NULL;
	if (!range_has(tk, 0, tk->n, &x->t->titles))
		return NULL;
	*tl = tk->n;
	return tk;
}

/* Learns the people and outlets named in tk, paragraph p of the body or
 * the title or subtitle. A mention is recorded for what a pronoun may
 * look back on, unless the text is no paragraph (the title and subtitle
 * name people, but pronouns of the body do not look back on them) or the
 * name stands inside quote marks. */
static int learn_tokens(struct extract_ctx *x, struct cast *c, const struct tokens *tk, size_t p,
			enum part part)
{
	bool mentions = part == PART_BODY;
	/* Inside quote marks (an odd number of them before): good enough to
	 * tell a name said in a quotation from the people the sentence itself
	 * is about. */
	size_t marks = 0;
	const struct token *tv = tk->v;
	for (size_t i = 0; i < tk->n;) {
		/* To the next capitalized word, counting the marks on the way:
		 * most tokens are passed here, 8 at a step by their marks (a
		 * token with neither mark is neither), and each token marked
		 * is told as before. (Only a word has upper set: tokens.h.) */
		for (;; i++) {
			i = tokens_next_marked(tk, i, TOKEN_MARK_CAPITAL | TOKEN_MARK_QUOTE);
			if (i == tk->n || tv[i].upper)
				break;
			marks += is_quote_mark(&tv[i]);
		}
		if (i == tk->n)
			break;
		size_t j = i;
		while (j < tk->n && tv[j].upper)
			j++;
		size_t n;
		bool outlet = false;
		for (size_t s = i; s < j && !outlet; s++) {
			const struct lex_entry *e = tokens_match(tk, s, &x->t->outlets, &n);
			outlet = e && s + n == j;
			size_t whole = outlet ? longer_outlet_name(x, tk, 0, s) : s;
			/* Named outlets are what "the newspaper" looks back on. */
			if (outlet && mentions &&
			    learn_outlet(x, c, tk, whole, s, j, cast_position(p, whole)) != 0)
				return -1;
		}
		size_t core = outlet ? j : name_core(x, tk, i, j);
		if (core < j) {
			size_t tf, tl;
			/* Apposition: "the Minister ..., Oleg Sokolov," */
			/* A lone word is a person only with a title right before it
			 * ("Governor Belov"): "the port of Sovetskaya Gavan" is a place. */
			bool lone = j - core == 1;
			/* "a travel agency in Seoul": a place, whatever title stands before. */
			if (lone && core > 0 && is_preposition(x, &tk->v[core - 1])) {
				i = j;
				continue;
			}
			/* ... or at the sentence's end: "made by the head of the
			 * commission, Zhong Nanshan." */
			bool closed = j < tk->n && (token_is_punct(&tk->v[j], ',') ||
						    token_is_punct(&tk->v[j], '.'));
			/* One word is a person only with a title ("Governor Belov"),
			 * or as a known person's surname: then it is a mention. */
			/* ... but not after a joining word: in "the director of the
			 * Institute of Forestry and Cartography" the last word ends
			 * the institution's name. */
			bool joined = lone && core > 0 && is_connector(x, &tk->v[core - 1]);
			/* The title before the name. A lone word after a joining word
			 * is learned as no titled person, whatever stands before it
			 * (the test below): then that is not read. */
			tf = tl = core;
			if (!joined) {
				bool after_comma = core == i && i > 0 &&
						   token_is_punct(&tk->v[i - 1], ',') && closed;
				title_before_mode(x, tk, after_comma ? i - 1 : core, &tf, &tl, lone);
			}
			/* A paragraph that is only a name is a byline: its author is
			 * no one the story's pronouns look back on. */
			bool byline = core == 0 && j == tk->n;
			bool noted = mentions && marks % 2 == 0 && !byline;
			if (j - core >= 2 || (tf < tl && !joined)) {
				struct person *who;
				if (learn_person(x, c, tk, core, j, tf, tl, cast_position(p, core), noted,
						 &who) != 0)
					return -1;
				who->in_title = who->in_title || part == PART_TITLE;
				who->in_subtitle = who->in_subtitle || part == PART_SUBTITLE;
				size_t af, al;
				title_after(x, tk, j, &af, &al);
				if (af < al) {
					person_set_title(x, who, tk, af, al);
					if (person_add_title(x, who, tk, af, al, true) != 0)
						return -1;
				}
				const struct tokens *cred =
					byline && part == PART_BODY ? credentials_under(x, p, &al) : NULL;
				if (cred != NULL) {
					person_set_title(x, who, cred, 0, al);
					if (person_add_title(x, who, cred, 0, al, true) != 0)
						return -1;
				}
			} else if (noted) {
				struct person *known = find_person_word(x, c, tk, core);
				if (known != NULL &&
				    record(&c->mentions, &c->n_mentions, &c->cap_mentions,
					   cast_position(p, core), (size_t)(known - c->v)) != 0)
					return -1;
			}
		}
		i = j;
	}
	return 0;
}

/* The title and the subtitle name people too (an interview's title often
 * is "Name: words"), though they are no paragraphs: tokens of their own. */
static int learn_heading_text(struct extract_ctx *x, struct cast *c, const char *text,
			      enum part part)
{
	if (text == NULL)
		return 0;
	struct tokens tk;
	if (tokens_split(&tk, text, strlen(text), &x->t->abbreviations, &x->t->token_index, &x->scratch) != 0)
		return -1;
	return learn_tokens(x, c, &tk, 0, part);
}

static struct person *resolve_title(struct extract_ctx *x, struct cast *c, const struct tokens *tk,
				    const struct speaker_ref *ref, size_t pos);

static int by_pos(const void *a, const void *b)
{
	const struct cast_event *x = a, *y = b;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Could the speaker phrase that speaker_forward reads from token first
 * be a title that names a role? The phrase is made of the words, and the
 * names in quote marks, up to the first other token (as speaker_forward
 * walks them), and a role's title has a key of titles.txt among them:
 * without a token that may start one, it is no such title. Most sentences
 * open otherwise, and reading the phrase costs a thousand instructions. */
static bool may_open_with_role(const struct extract_ctx *x, const struct tokens *tk, size_t first)
{
	for (size_t k = first; k < tk->n;) {
		size_t q = k > first ? skip_quoted_forward(tk, k) : k;
		if (q > k) { /* the quoted name is inside the phrase */
			for (; k < q; k++)
				if (may_start_key(&tk->v[k], &x->t->titles))
					return true;
			continue;
		}
		if (tk->v[k].kind != TOKEN_WORD)
			return false;
		if (may_start_key(&tk->v[k], &x->t->titles))
			return true;
		k++;
	}
	return false;
}

/* A sentence whose subject is a title ("The Russian President
 * welcomed ...") mentions the person it stands for: a pronoun after
 * it ("He said") looks back on that person. */
static int learn_title_subjects(struct extract_ctx *x, struct cast *c, const struct tokens *tk,
				size_t p)
{
	for (size_t si = 0; si < tk->n_sentences; si++) {
		size_t first = tk->sentences[si].first;
		if (!may_open_with_role(x, tk, first))
			continue;
		struct speaker_ref ref = speaker_forward(x, tk, first);
		if (ref.kind != SPEAKER_TITLE || ref.first != first || ref.outlet_words)
			continue;
		size_t pos = cast_position(p, first);
		struct person *who = resolve_title(x, c, tk, &ref, pos);
		if (who != NULL &&
		    record(&c->mentions, &c->n_mentions, &c->cap_mentions, pos, (size_t)(who - c->v)) != 0)
			return -1;
	}
	return 0;
}

int cast_learn(struct extract_ctx *x, struct cast *c)
{
	if (learn_heading_text(x, c, x->a->title, PART_TITLE) != 0 ||
	    learn_heading_text(x, c, x->a->subtitle, PART_SUBTITLE) != 0)
		return -1;
	for (size_t p = 0; p < x->n_paras; p++) {
		size_t from = c->n_mentions;
		if (learn_tokens(x, c, &x->paras[p].tk, p, PART_BODY) != 0 ||
		    learn_title_subjects(x, c, &x->paras[p].tk, p) != 0)
			return -1;
		/* The mentions stay in the order of the text: pronouns walk them back. */
		if (c->n_mentions > from + 1)
			qsort(c->mentions + from, c->n_mentions - from, sizeof *c->mentions, by_pos);
	}
	return 0;
}

int cast_note_said(struct cast *c, size_t from, size_t to)
{
	struct cast_span *v = grow_for_one(c->said, c->n_said, &c->cap_said, sizeof *v, 16);
	if (v == NULL)
		return -1;
	c->said = v;
	c->said[c->n_said++] = (struct cast_span){from, to};
	return 0;
}

/* Is pos inside the words of a quote resolved before? The spans come in
 * the order of the text and do not overlap (quotes_extract.c keeps no quote that
 * overlaps another): the last that starts at or before pos decides. */
static bool within_said(const struct cast *c, size_t pos)
{
	size_t lo = 0, hi = c->n_said;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->said[mid].from <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && pos < c->said[lo - 1].to;
}

void cast_free(struct cast *c)
{
	if (c == NULL)
		return;
	free(c->said);
	free(c->mentions);
	free(c->spoke);
	free(c->v); /* (the names' words are the arena's) */
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
	if (p->name == NULL || (country && *country && p->country == NULL) ||
	    (kind && *kind && p->outlet_kind == NULL)) {
		c->n--; /* no memory: an entry without a name must not stay */
		return NULL;
	}
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

/* The one person the subtitle, else the title, names that the pronoun
 * fits, or NULL if there is none or more than one. */
static struct person *heading_person(struct cast *c, enum gender g)
{
	for (int subtitle = 1; subtitle >= 0; subtitle--) {
		struct person *only = NULL;
		size_t n = 0;
		for (size_t i = 0; i < c->n; i++) {
			struct person *p = &c->v[i];
			if ((subtitle ? p->in_subtitle : p->in_title) && fits(p, g)) {
				only = p;
				n++;
			}
		}
		if (n > 0)
			return n == 1 ? only : NULL;
	}
	return NULL;
}

/* "he", "according to her": the nearest person before pos that the
 * pronoun fits (a man for "he"), whether named there or heard speaking;
 * names inside quote marks or inside what a quote reports ("X recalled
 * that Y had ...; according to him") are not among them; with no one
 * before it, the one person of the subtitle or title. */
static struct person *resolve_pronoun(struct cast *c, enum gender g, size_t pos)
{
	size_t m = c->n_mentions, s = c->n_spoke;
	for (;;) {
		while (m > 0 && c->mentions[m - 1].pos >= pos)
			m--;
		while (s > 0 && c->spoke[s - 1].pos >= pos)
			s--;
		/* No one named before it in the text: "he said" goes to the
		 * person the subtitle (or the title) introduced. */
		if (m == 0 && s == 0)
			return heading_person(c, g);
		/* The later of the two lists' last events; a speech wins a tie. */
		bool speech = m == 0 || (s > 0 && c->spoke[s - 1].pos >= c->mentions[m - 1].pos);
		const struct cast_event *e = speech ? &c->spoke[--s] : &c->mentions[--m];
		bool reported = !speech && within_said(c, e->pos);
		if (fits(&c->v[e->person], g) && !reported)
			return &c->v[e->person];
	}
}

/* Titles are folded for comparison into this many bytes; a longer one
 * shares no words. */
enum { TITLE_FOLDED_MAX = 512 };

/* The words of a title that say more than "the", "of", folded: what
 * shared_words looks for, split once for every person it is compared
 * with. ok is false for no title, or one too long to fold. */
struct title_words {
	char folded[TITLE_FOLDED_MAX];
	const char *w[TITLE_FOLDED_MAX / 2];
	size_t wl[TITLE_FOLDED_MAX / 2];
	size_t n;
	bool ok;
};

static void title_words_make(struct title_words *tw, const char *title)
{
	tw->n = 0;
	tw->ok = title != NULL &&
		 fold_text(title, strlen(title), tw->folded, sizeof tw->folded) != (size_t)-1;
	if (!tw->ok)
		return;
	char *save = NULL;
	for (char *w = strtok_r(tw->folded, " ,", &save); w != NULL; w = strtok_r(NULL, " ,", &save)) {
		size_t wl = strlen(w);
		if (wl < 5) /* "head", "the": too common to tell people apart */
			continue;
		tw->w[tw->n] = w;
		tw->wl[tw->n++] = wl;
	}
}

/* p's title folded, or NULL for none or one too long to fold: folded
 * once, as a title once given is kept (person_set_title), and kept in the
 * scratch arena; in buf (TITLE_FOLDED_MAX bytes) when no memory can be
 * had to keep it. */
static const char *title_folded(struct extract_ctx *x, struct person *p, char *buf)
{
	if (p->title_fold_made || p->title == NULL)
		return p->title_fold;
	size_t fl = fold_text(p->title, strlen(p->title), buf, TITLE_FOLDED_MAX);
	if (fl == (size_t)-1) {
		p->title_fold_made = true; /* p->title_fold stays NULL */
		return NULL;
	}
	const char *kept = arena_strndup(&x->scratch, buf, fl);
	if (kept == NULL)
		return buf;
	p->title_fold = kept;
	p->title_fold_made = true;
	return kept;
}

/* Words of a title that say more than "the", "of": "directorate" in "the
 * head of the directorate" and "Director of the ... Directorate". a is
 * the one title's words, fb the other title folded (NULL: none). */
static size_t shared_words(const struct title_words *a, const char *fb)
{
	if (!a->ok || fb == NULL)
		return 0;
	size_t shared = 0;
	for (size_t i = 0; i < a->n; i++) {
		const char *w = a->w[i];
		size_t wl = a->wl[i];
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
 * minister" a "minister"), but a deputy or vice is not the chief
 * (deputy_words.txt). */
static bool role_covers(const struct extract_ctx *x, const char *held, const char *said)
{
	size_t hl = strlen(held), sl = strlen(said);
	if (hl == sl)
		return strcmp(held, said) == 0;
	if (hl < sl + 1 || strcmp(held + hl - sl, said) != 0 || held[hl - sl - 1] != ' ')
		return false;
	const struct lexicon *lx = &x->t->deputy_words;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		if (strncmp(held, e->written, strlen(e->written)) == 0)
			return false;
	return true;
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
	if (probe.role == NULL || probe.role_class_tag == TITLE_CLASS_BODY)
		return NULL; /* "the press service" speaks for an institution */
	/* "the diplomat": a class of roles rather than one role. */
	bool generic = *probe.role_class && strcmp(probe.role, probe.role_class) == 0;
	struct title_words said;
	title_words_make(&said, probe.title);
	char buf[TITLE_FOLDED_MAX];
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
		bool same_role = p->role && role_covers(x, p->role, probe.role);
		/* "the Norwegian diplomat" is one of the class whose title says
		 * Norway; else he is the last one named, as for a pronoun. */
		bool same_class = generic && p->role_class &&
				  strcmp(p->role_class, probe.role_class) == 0 &&
				  (probe.n_countries == 0 || p->n_countries > 0);
		size_t score = (same_role ? 4 : same_class ? 3 : 0) +
			       shared_words(&said, title_folded(x, p, buf));
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

int cast_resolve(struct extract_ctx *x, struct cast *c, const struct tokens *tk,
		 const struct speaker_ref *ref, size_t pos, bool outlet_context, struct person **who)
{
	struct person *p = NULL;
	*who = NULL;
	switch (ref->kind) {
	case SPEAKER_NONE:
		return 0;
	case SPEAKER_PRONOUN:
		if (ref->addressee)
			p = c->has_interviewee ? &c->v[c->interviewee] : NULL;
		else
			p = ref->wants_outlet ? resolve_outlet(c, ref->outlet_kind, pos)
					      : resolve_pronoun(c, ref->gender, pos);
		break;
	case SPEAKER_TITLE:
		p = resolve_title(x, c, tk, ref, pos);
		break;
	case SPEAKER_NAME: {
		/* From here a NULL is no memory: the name's span is not empty. */
		if (ref->name_first >= ref->name_last)
			return 0;
		/* The country the title names is an outlet's, asked only where the
		 * name is one (a person's title keeps its countries itself). */
		if (ref->outlet != NULL) {
			const char *country = title_country(x, tk, ref->title_first, ref->title_last);
			/* The outlet as the text names it, without a leading "The" or a
			 * trailing kind ("Nordic Wire news agency" is Nordic Wire); the
			 * table gives its country and kind. */
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
				return -1;
			p = outlet_entry(x, c, written, country ? country : ref->outlet->extra,
					 ref->outlet->extra2);
			if (p == NULL)
				return -1;
			break;
		}
		const char *name = span_text(x, tk, ref->name_first, ref->name_last);
		if (name == NULL)
			return -1;
		struct name_words local, *nw = lookup_words(c, &local, name);
		struct person *known = nw != NULL ? find_person_words(c, nw) : NULL;
		bool titled = (known != NULL && known->title != NULL) ||
			      range_has(tk, ref->title_first, ref->title_last, &x->t->titles);
		/* The name's gender, told once however often it is asked. */
		int gender = -1;
		/* Where outlets speak, a name that is no known person is taken for
		 * one, unless it reads as a person's name (name_gender.tsv). */
		bool outlet_like = outlet_context && !titled &&
				   gender_once(x, nw, &gender) == GENDER_UNKNOWN;
		/* "the Sakhalin Herald": a name of two words or more that ends as
		 * a newspaper's does and is no person's. */
		bool press_name = ref->name_last - ref->name_first >= 2 &&
				  in_lexicon(&x->t->outlet_name_words, &tk->v[ref->name_last - 1]) &&
				  gender_once(x, nw, &gender) == GENDER_UNKNOWN && !titled;
		/* The publisher citing itself is no person, listed or not. */
		bool publisher = x->a->source.publisher && strcasecmp(name, x->a->source.publisher) == 0;
		if (ref->outlet_words || outlet_like || press_name || publisher) {
			release_words(c, nw, &local);
			p = outlet_entry(x, c, name, title_country(x, tk, ref->title_first, ref->title_last),
					 title_outlet_kind(x, tk, ref->title_first, ref->title_last));
			if (p == NULL)
				return -1;
			break;
		}
		if (known == NULL) {
			known = cast_add(c);
			if (known == NULL) {
				release_words(c, nw, &local);
				return -1;
			}
			known->name = name;
			known->seen = known->first_seen = pos;
			known->gender = gender_once(x, nw, &gender);
			adopt_words(c, known, nw, &local);
		} else {
			release_words(c, nw, &local);
		}
		/* Only a title that names a role: in "the Amur Region Ivan Petrov"
		 * the words before the name say where he is from. */
		if (names_role(x, tk, ref->title_first, ref->title_last)) {
			person_set_title(x, known, tk, ref->title_first, ref->title_last);
			if (person_add_title(x, known, tk, ref->title_first, ref->title_last,
					     false) != 0)
				return -1;
		}
		p = known;
		break;
	}
	}
	if (p == NULL)
		return 0; /* no one known */
	p->seen = pos;
	if (p->outlet) {
		c->last_outlet = p;
	} else {
		c->last_person = p;
		if (record(&c->spoke, &c->n_spoke, &c->cap_spoke, pos, (size_t)(p - c->v)) != 0)
			return -1;
	}
	*who = p;
	return 0;
}
