/* speaker_list.c - see speaker_list.h. */
#include "speaker_list.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../text/fold.h"
#include "../text/hash.h"
#include "../text/slug.h"
#include "../text/utf8.h"

/* No speaker: a quote of the publisher, or of no one resolved. */
#define NO_SPEAKER ((size_t)-1)

/* A map from strings to indexes, by open addressing: the speakers known
 * only by their wording, and the ids given. Keys belong to the caller
 * and outlive the map. */
struct name_slot {
	const char *key; /* NULL: a free slot */
	size_t len;
	uint64_t hash;
	size_t value;
};

struct name_map {
	/* Where the slots are made: the parse's scratch, which the parse
	 * frees whole (the slots of a map grown are left there). */
	struct arena *arena;
	struct name_slot *slots;
	size_t cap, n;
};

static struct name_slot *map_slot(struct name_slot *slots, size_t cap, const char *key, size_t len,
				  uint64_t h)
{
	size_t j = h & (cap - 1);
	while (slots[j].key != NULL &&
	       !(slots[j].hash == h && slots[j].len == len && memcmp(slots[j].key, key, len) == 0))
		j = (j + 1) & (cap - 1);
	return &slots[j];
}

/* The value of key, after adding it with the value fresh if it was not
 * there (*added says which); NULL when out of memory. */
static size_t *map_find_or_add(struct name_map *m, const char *key, size_t len, size_t fresh,
			       bool *added)
{
	if ((m->n + 1) * 2 > m->cap) { /* at most half full */
		/* From a few slots: an article has a few speakers, and
		 * clearing many costs more than growing now and then. */
		size_t cap = m->cap ? m->cap * 2 : 8;
		struct name_slot *slots = arena_alloc(m->arena, cap * sizeof *slots);
		if (slots == NULL)
			return NULL;
		memset(slots, 0, cap * sizeof *slots);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key != NULL)
				*map_slot(slots, cap, m->slots[i].key, m->slots[i].len, m->slots[i].hash) =
					m->slots[i];
		m->slots = slots;
		m->cap = cap;
	}
	uint64_t h = hash_bytes(key, len);
	struct name_slot *s = map_slot(m->slots, m->cap, key, len, h);
	*added = s->key == NULL;
	if (*added) {
		*s = (struct name_slot){key, len, h, fresh};
		m->n++;
	}
	return &s->value;
}

static bool is_publisher(const struct article *a, const char *name)
{
	return a->source.publisher != NULL && strcasecmp(name, a->source.publisher) == 0;
}

/* An all-capitals name of two letters or more ("FESCO", "RZD") is an
 * organization's, never a person's. */
static bool acronym(const char *name)
{
	size_t len = strlen(name), letters = 0, n;
	for (size_t i = 0; i < len; i += n) {
		uint32_t cp = utf8_decode(name + i, len - i, &n);
		if (cp_is_letter(cp) && !cp_is_upper(cp))
			return false;
		letters += cp_is_letter(cp);
	}
	return letters >= 2;
}

/* What a person of the cast is: a person, or an organization that the
 * article names as it would a person. An organization's name is an
 * acronym ("FESCO", "RZD"), or one word that no title, no given name
 * and no ending of a person's name (name_gender.tsv) goes with
 * ("Rosaviatsiya reported"): the genre introduces the people it quotes
 * by name and title. */
static enum speaker_type named_type(const struct person *p)
{
	bool one_word = strchr(p->name, ' ') == NULL;
	if (acronym(p->name) ||
	    (one_word && p->n_titles == 0 && p->title == NULL && p->gender == GENDER_UNKNOWN))
		return SPEAKER_ORGANIZATION;
	return SPEAKER_PERSON;
}

/* What a speaker known only by its wording is: an institution's voice
 * ("the press service of ...", "the apparatus of ...": a title of class
 * "body" in titles.txt), a person ("the governor": a title), or an
 * outlet ("the agency" with none named before). */
static enum speaker_type wording_type(struct extract_ctx *x, const char *text)
{
	struct tokens tk;
	if (tokens_split(&tk, text, strlen(text), &x->t->abbreviations, &x->t->token_index, &x->scratch) != 0)
		return SPEAKER_PERSON;
	bool role = false, outlet = false;
	for (size_t i = 0; i < tk.n; i++) {
		size_t n;
		const struct lex_entry *t = tokens_match(&tk, i, &x->t->titles, &n);
		if (t != NULL && strcmp(t->extra, "body") == 0)
			return SPEAKER_ORGANIZATION;
		role = role || t != NULL;
		outlet = outlet || tokens_match(&tk, i, &x->t->outlet_words, &n) != NULL;
	}
	return outlet && !role ? SPEAKER_OUTLET : SPEAKER_PERSON;
}

/* Is the title a part of the title b, word for word ("Governor" of
 * "Governor of the Sakhalin Region"), compared without case? */
static bool title_within(const char *a, const char *b)
{
	char fa[512], fb[512];
	size_t la = fold_text(a, strlen(a), fa, sizeof fa), lb = fold_text(b, strlen(b), fb, sizeof fb);
	if (la == (size_t)-1 || lb == (size_t)-1 || la >= lb)
		return false;
	for (const char *p = strstr(fb, fa); p != NULL; p = strstr(p + 1, fa))
		if ((p == fb || p[-1] == ' ') && (p[la] == '\0' || p[la] == ' '))
			return true;
	return false;
}

/* The titles the article gives p, less those that are part of a longer
 * one of them, in the order given; in the article's arena. Returns -1
 * when out of memory. */
static int person_titles(struct extract_ctx *x, const struct person *p, struct speaker *s)
{
	if (p->n_titles == 0)
		return 0;
	const char **all = arena_alloc(&x->a->arena, p->n_titles * sizeof *all);
	if (all == NULL)
		return -1;
	size_t n = 0;
	for (const struct person_title *t = p->titles; t != NULL && n < p->n_titles; t = t->next)
		all[n++] = t->text;
	s->titles = all;
	for (size_t i = 0; i < n; i++) {
		bool within = false;
		for (size_t j = 0; j < n && !within; j++)
			within = j != i && title_within(all[i], all[j]);
		if (!within)
			all[s->n_titles++] = all[i];
	}
	return 0;
}

/* Gives s the slug of its name as id, made unique with "-2", "-3", ...
 * after one taken (next holds, per slug, the number to try next).
 * Returns -1 when out of memory. */
static int give_id(struct extract_ctx *x, struct speaker *s, struct name_map *taken)
{
	char slug[72];
	/* A long wording ("the press service of the Ministry for ...") is
	 * cut at a word before the slug's 64 bytes would cut into one. */
	size_t name_len = strlen(s->name);
	if (name_len > 60) {
		size_t cut = 60;
		while (cut > 0 && s->name[cut] != ' ')
			cut--;
		if (cut > 0) /* else one long word: slugify cuts it */
			name_len = cut;
	}
	size_t len = slugify(s->name, name_len, slug, sizeof slug);
	if (len == 0)
		len = (size_t)snprintf(slug, sizeof slug, "speaker");
	const char *base = arena_strndup(&x->scratch, slug, len);
	if (base == NULL)
		return -1;
	bool added;
	size_t *next = map_find_or_add(taken, base, len, 2, &added);
	if (next == NULL)
		return -1;
	if (added) {
		memcpy(s->id, slug, len + 1);
		return 0;
	}
	for (;;) {
		int n = snprintf(s->id, sizeof s->id, "%s-%zu", slug, (*next)++);
		const char *id = arena_strndup(&x->scratch, s->id, (size_t)n);
		if (id == NULL)
			return -1;
		size_t *again = map_find_or_add(taken, id, (size_t)n, 2, &added);
		if (again == NULL)
			return -1;
		if (added)
			return 0;
		next = map_find_or_add(taken, base, len, 2, &added); /* the map may have moved */
	}
}

/* A speaker being made: who it is and how many quotes it has. */
struct draft {
	size_t person;      /* index in the cast, or NO_PERSON: known by its wording */
	size_t first_quote; /* index of its first quote */
	size_t n_quotes;
};

/* The speaker of each quote, in *speaker_of, and the drafts of the
 * speakers in the order they first speak; returns their number, or
 * (size_t)-1 when out of memory. */
static size_t find_speakers(struct extract_ctx *x, const struct cast *c, const size_t *person_of,
			    size_t *speaker_of, struct draft *d)
{
	const struct article *a = x->a;
	size_t n = 0, failed = (size_t)-1;
	size_t *by_person = c->n ? arena_alloc(&x->scratch, c->n * sizeof *by_person) : NULL;
	struct name_map wordings = {.arena = &x->scratch};
	if (c->n && by_person == NULL)
		return failed;
	for (size_t i = 0; i < c->n; i++)
		by_person[i] = NO_SPEAKER;
	for (size_t k = 0; k < a->n_quotes; k++) {
		const struct quote *q = &a->quotes[k];
		size_t p = person_of[k], s = NO_SPEAKER;
		if (p != NO_PERSON && p < c->n) {
			if (!is_publisher(a, c->v[p].name)) {
				if (by_person[p] == NO_SPEAKER) {
					by_person[p] = n;
					d[n++] = (struct draft){p, k, 0};
				}
				s = by_person[p];
			}
		} else if (q->speaker != NULL && !is_publisher(a, q->speaker)) {
			/* One speaker per wording, whatever its case ("The governor"). */
			size_t len = strlen(q->speaker), cap = len * 3 + 1;
			char *key = arena_alloc(&x->scratch, cap);
			size_t klen = key ? fold_text(q->speaker, len, key, cap) : (size_t)-1;
			bool added;
			size_t *v = klen != (size_t)-1 ? map_find_or_add(&wordings, key, klen, n, &added)
						       : NULL;
			if (v == NULL) {
				n = failed;
				break;
			}
			if (added)
				d[n++] = (struct draft){NO_PERSON, k, 0};
			s = *v;
		}
		speaker_of[k] = s;
		if (s != NO_SPEAKER)
			d[s].n_quotes++;
	}
	return n;
}

/* Fills s from its draft: name, type, titles, country, id. */
static int fill_speaker(struct extract_ctx *x, const struct cast *c, const struct draft *d,
			struct speaker *s, struct name_map *ids)
{
	const struct person *p = d->person != NO_PERSON ? &c->v[d->person] : NULL;
	memset(s, 0, sizeof *s);
	s->name = x->a->quotes[d->first_quote].speaker;
	if (p == NULL)
		s->type = wording_type(x, s->name);
	else if (p->outlet)
		s->type = SPEAKER_OUTLET;
	else
		s->type = named_type(p);
	if (p != NULL && p->outlet)
		s->country = p->country;
	if (p != NULL && !p->outlet && person_titles(x, p, s) != 0)
		return -1;
	return give_id(x, s, ids);
}

int speakers_build(struct extract_ctx *x, const struct cast *c, const size_t *person_of)
{
	struct article *a = x->a;
	size_t nq = a->n_quotes;
	if (nq == 0)
		return 0;
	/* (The scratch arena's, as the maps': the parse frees it whole.) */
	size_t *speaker_of = arena_alloc(&x->scratch, nq * sizeof *speaker_of);
	struct draft *d = arena_alloc(&x->scratch, nq * sizeof *d); /* at most one speaker a quote */
	struct name_map ids = {.arena = &x->scratch};
	size_t n = speaker_of && d ? find_speakers(x, c, person_of, speaker_of, d) : (size_t)-1;
	if (n == (size_t)-1)
		return -1;
	struct speaker *v = n ? arena_alloc(&a->arena, n * sizeof *v) : NULL;
	size_t *quotes = arena_alloc(&a->arena, nq * sizeof *quotes);
	if ((n && v == NULL) || quotes == NULL)
		return -1;
	/* Each speaker's quote indexes are a slice of one array. */
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		if (fill_speaker(x, c, &d[i], &v[i], &ids) != 0)
			return -1;
		v[i].quotes = quotes + at;
		at += d[i].n_quotes;
	}
	for (size_t k = 0; k < nq; k++) {
		struct quote *q = &a->quotes[k];
		if (speaker_of[k] == NO_SPEAKER)
			continue;
		struct speaker *s = &v[speaker_of[k]];
		((size_t *)s->quotes)[s->n_quotes++] = k;
		if (q->kind == QUOTE_DIRECT)
			s->n_direct++;
		else
			s->n_indirect++;
		q->speaker_of = s;
	}
	a->speakers = v;
	a->n_speakers = n;
	return 0;
}
