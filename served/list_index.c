/* list_index.c - see list_index.h. */
#include "list_index.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../text/fold.h"
#include "../text/hash.h"

/* The room fold_contains folds a haystack and a needle in: a text that
 * does not fit matches nothing there, and so nothing here. */
enum { HAYSTACK_ROOM = 1024, NEEDLE_ROOM = 256 };

/* The folded text, malloc'd; NULL for no text or one too long to fold.
 * Sets *failed when out of memory. */
static char *folded_copy(const char *s, bool *failed)
{
	char buf[HAYSTACK_ROOM];
	if (s == NULL)
		return NULL;
	size_t len = fold_text(s, strlen(s), buf, sizeof buf);
	if (len == (size_t)-1)
		return NULL;
	char *copy = malloc(len + 1);
	if (copy == NULL) {
		*failed = true;
		return NULL;
	}
	memcpy(copy, buf, len + 1);
	return copy;
}

static bool same_text(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* A NULL text hashes apart from every string, "" included. */
static uint64_t hash_text(uint64_t h, const char *s)
{
	return s == NULL ? hash_more(h, "\x01", 1) : hash_more(h, s, strlen(s) + 1);
}

/* The distinct pairs while they are gathered: open addressing by the
 * pair's hash, each slot a pair's number + 1 (0: free). */
struct pair_table {
	size_t *slots;
	uint64_t *hashes; /* by pair */
	size_t n_slots, cap_pairs;
};

static int grow_slots(struct pair_table *t, const struct list_index *x)
{
	size_t n = t->n_slots ? 2 * t->n_slots : 256;
	size_t *slots = calloc(n, sizeof *slots);
	if (slots == NULL)
		return -1;
	for (size_t p = 0; p < x->n_speakers; p++) {
		size_t at = (size_t)t->hashes[p] & (n - 1);
		while (slots[at] != 0)
			at = (at + 1) & (n - 1);
		slots[at] = p + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->n_slots = n;
	return 0;
}

/* The pair (speaker, as_written), folded, found or added: takes the two
 * texts (frees them when the pair is known). NULL when out of memory. */
static struct speaker_pair *pair_of(struct list_index *x, struct pair_table *t, char *speaker,
				    char *as_written)
{
	uint64_t h = hash_text(hash_text(HASH_START, speaker), as_written);
	if (2 * (x->n_speakers + 1) > t->n_slots && grow_slots(t, x) != 0)
		goto fail;
	size_t at = (size_t)h & (t->n_slots - 1);
	for (; t->slots[at] != 0; at = (at + 1) & (t->n_slots - 1)) {
		struct speaker_pair *p = &x->speakers[t->slots[at] - 1];
		if (t->hashes[t->slots[at] - 1] == h && same_text(p->speaker, speaker) &&
		    same_text(p->as_written, as_written)) {
			free(speaker);
			free(as_written);
			return p;
		}
	}
	if (x->n_speakers == t->cap_pairs) {
		size_t cap = t->cap_pairs ? 2 * t->cap_pairs : 64;
		struct speaker_pair *pairs = realloc(x->speakers, cap * sizeof *pairs);
		if (pairs == NULL)
			goto fail;
		x->speakers = pairs;
		uint64_t *hashes = realloc(t->hashes, cap * sizeof *hashes);
		if (hashes == NULL)
			goto fail;
		t->hashes = hashes;
		t->cap_pairs = cap;
	}
	t->hashes[x->n_speakers] = h;
	t->slots[at] = x->n_speakers + 1;
	struct speaker_pair *p = &x->speakers[x->n_speakers++];
	*p = (struct speaker_pair){.speaker = speaker, .as_written = as_written};
	return p;
fail:
	free(speaker);
	free(as_written);
	return NULL;
}

/* One more quote of pair p in article a (the articles come in order). */
static int post(struct speaker_pair *p, uint32_t a)
{
	if (p->n_postings > 0 && p->postings[p->n_postings - 1].article == a) {
		p->postings[p->n_postings - 1].count++;
		return 0;
	}
	if (p->n_postings == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 4;
		struct speaker_posting *v = realloc(p->postings, cap * sizeof *v);
		if (v == NULL)
			return -1;
		p->postings = v;
		p->cap = cap;
	}
	p->postings[p->n_postings++] = (struct speaker_posting){a, 1};
	return 0;
}

static int index_speakers(struct list_index *x, const struct served_article *articles, size_t n)
{
	struct pair_table t = {0};
	int rc = 0;
	for (size_t a = 0; a < n && rc == 0; a++) {
		const struct article *m = articles[a].model;
		for (size_t i = 0; i < m->n_quotes && rc == 0; i++) {
			bool failed = false;
			char *speaker = folded_copy(m->quotes[i].speaker, &failed);
			char *as_written = folded_copy(m->quotes[i].speaker_as_written, &failed);
			struct speaker_pair *p = NULL;
			if (failed) {
				free(speaker);
				free(as_written);
			} else {
				p = pair_of(x, &t, speaker, as_written);
			}
			if (p == NULL || post(p, (uint32_t)a) != 0)
				rc = -1;
		}
	}
	free(t.slots);
	free(t.hashes);
	return rc;
}

int list_index_build(struct list_index *x, const struct served_article *articles, size_t n)
{
	memset(x, 0, sizeof *x);
	x->n_articles = n;
	uint32_t **all[] = {x->quote_kind, x->figure_kind, x->figure_change};
	size_t n_values[] = {QUOTE_INDIRECT + 1, FIGURE_KIND_COUNT, FIGURE_CHANGE_COUNT};
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
		for (size_t v = 0; v < n_values[k]; v++)
			if ((all[k][v] = calloc(n + 1, sizeof *all[k][v])) == NULL)
				goto fail;
	for (size_t a = 0; a < n; a++) {
		const struct article *m = articles[a].model;
		for (size_t i = 0; i < m->n_quotes; i++)
			x->quote_kind[m->quotes[i].kind][a]++;
		for (size_t i = 0; i < m->n_figures; i++) {
			x->figure_kind[m->figures[i].kind][a]++;
			x->figure_change[m->figures[i].change][a]++;
		}
	}
	if (index_speakers(x, articles, n) != 0)
		goto fail;
	return 0;
fail:
	list_index_free(x);
	return -1;
}

void list_index_free(struct list_index *x)
{
	for (size_t v = 0; v <= QUOTE_INDIRECT; v++)
		free(x->quote_kind[v]);
	for (size_t v = 0; v < FIGURE_KIND_COUNT; v++)
		free(x->figure_kind[v]);
	for (size_t v = 0; v < FIGURE_CHANGE_COUNT; v++)
		free(x->figure_change[v]);
	for (size_t p = 0; p < x->n_speakers; p++) {
		free(x->speakers[p].speaker);
		free(x->speakers[p].as_written);
		free(x->speakers[p].postings);
	}
	free(x->speakers);
	memset(x, 0, sizeof *x);
}

size_t list_index_count_speaker(const struct list_index *x, const char *needle, uint32_t *counts)
{
	char n[NEEDLE_ROOM];
	if (fold_text(needle, strlen(needle), n, sizeof n) == (size_t)-1)
		return 0;
	size_t total = 0;
	for (size_t k = 0; k < x->n_speakers; k++) {
		const struct speaker_pair *p = &x->speakers[k];
		if (!((p->speaker && strstr(p->speaker, n)) ||
		      (p->as_written && strstr(p->as_written, n))))
			continue;
		for (size_t i = 0; i < p->n_postings; i++) {
			counts[p->postings[i].article] += p->postings[i].count;
			total += p->postings[i].count;
		}
	}
	return total;
}

size_t list_index_add_counts(const struct list_index *x, const uint32_t *of_value,
			     uint32_t *counts)
{
	size_t total = 0;
	for (size_t a = 0; a < x->n_articles; a++) {
		counts[a] += of_value[a];
		total += of_value[a];
	}
	return total;
}
