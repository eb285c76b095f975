/* cast.c - the people and outlets of an article, learned from it, and
 * what a speaker phrase resolves to: the fullest name, the bearer of a
 * title, the person a pronoun looks back on (see speakers.h). */
#include "speakers.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "names.h"

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
	struct cast_event *g = grow_for_one(*v, *n, cap, sizeof *g, 32);
	if (g == NULL)
		return -1;
	*v = g;
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
				/* Apposition: "the Minister ..., Oleg Sokolov," */
				/* A lone word is a person only with a title right before it
				 * ("Governor Belov"): "the port of Sovetskaya Gavan" is a place. */
				bool lone = j - core == 1;
				if (core == i && i > 0 && token_is_punct(&tk->v[i - 1], ',') && j < tk->n &&
				    token_is_punct(&tk->v[j], ','))
					title_before_mode(x, tk, i - 1, &tf, &tl, lone);
				else
					title_before_mode(x, tk, core, &tf, &tl, lone);
				/* One word is a person only with a title ("Governor Belov"),
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

int cast_resolve(struct extract_ctx *x, struct cast *c, const struct tokens *tk,
		 const struct speaker_ref *ref, size_t pos, bool outlet_context, struct person **who)
{
	struct person *p = NULL;
	*who = NULL;
	switch (ref->kind) {
	case SPEAKER_NONE:
		return 0;
	case SPEAKER_PRONOUN:
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
		const char *country = title_country(x, tk, ref->title_first, ref->title_last);
		if (ref->outlet != NULL) {
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
		struct person *known = find_person(c, name);
		bool titled = (known != NULL && known->title != NULL) ||
			      range_has(tk, ref->title_first, ref->title_last, &x->t->titles);
		/* Where outlets speak, a name that is no known person is taken for
		 * one, unless it reads as a person's name (name_gender.tsv). */
		bool outlet_like = outlet_context && !titled && guess_gender(x, name) == GENDER_UNKNOWN;
		if (ref->outlet_words || outlet_like) {
			p = outlet_entry(x, c, name, country,
					 title_outlet_kind(x, tk, ref->title_first, ref->title_last));
			if (p == NULL)
				return -1;
			break;
		}
		if (known == NULL) {
			known = cast_add(c);
			if (known == NULL)
				return -1;
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
