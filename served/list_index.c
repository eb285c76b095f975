/* list_index.c - see list_index.h. */
#include "list_index.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../text/hash.h"
#include "../text/utf8.h"
#include "../text/word_search.h"
#include "search_index.h"

/* The words while they are gathered: open addressing by hash, each slot
 * holding what tells most words apart without reading their bytes (a
 * number made of their first 8 bytes, and their length) and the word's
 * number + 1 (0: free); their bytes at offsets into one buffer (it moves
 * as it grows: the texts are set once it is whole). Every article posts
 * each of its distinct words once: two million lookups at 10,000
 * articles, the most of the merge's longest job. */
struct word_slot {
	uint64_t head; /* head_of its bytes */
	uint32_t len;
	uint32_t word; /* + 1 */
};

struct word_table {
	struct word_slot *slots;
	size_t *offsets;
	size_t n_slots, cap_words, n_bytes, cap_bytes;
};

/* A number made of the first 8 bytes of the word s[0..n) (of all its
 * bytes when it is shorter), such that two words of one length up to 8
 * have the same number only when they have the same bytes: fixed-size
 * loads (overlapping in a short word), where a memcpy of n bytes is a
 * call and a loop a step per byte. */
static inline uint64_t head_of(const char *s, size_t n)
{
	uint64_t h;
	if (n >= 8) {
		memcpy(&h, s, 8);
		return h;
	}
	if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		return lo | (uint64_t)hi << 32;
	}
	/* 1 to 3 bytes: the first, the middle and the last. */
	return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
	       (uint64_t)(unsigned char)s[n - 1] << 16;
}

/* The hash of a word whose head_of is head: one multiply for most
 * words, hash_block for the bytes after 8. */
static inline size_t word_hash(uint64_t head, const char *s, size_t n)
{
	uint64_t h = (head ^ n) * 0x9E3779B97F4A7C15ULL;
	if (n > 8)
		h ^= hash_block(s + 8, n - 8);
	return (size_t)(h ^ h >> 29);
}

static int grow_word_slots(struct list_index *x, struct word_table *t)
{
	size_t n = t->n_slots ? 2 * t->n_slots : 4096;
	struct word_slot *slots = calloc(n, sizeof *slots);
	if (slots == NULL)
		return -1;
	for (size_t w = 0; w < x->n_words; w++) {
		const char *bytes = x->word_bytes + t->offsets[w];
		size_t len = x->words[w].len;
		uint64_t head = head_of(bytes, len);
		size_t at = word_hash(head, bytes, len) & (n - 1);
		while (slots[at].word != 0)
			at = (at + 1) & (n - 1);
		slots[at] = (struct word_slot){head, (uint32_t)len, (uint32_t)w + 1};
	}
	free(t->slots);
	t->slots = slots;
	t->n_slots = n;
	return 0;
}

/* The new word s[0..n), at free slot `at` of the table (or where the
 * table, grown, has one): its number, or -1 when out of memory. */
static int64_t add_word(struct list_index *x, struct word_table *t, const char *s, size_t n,
			uint64_t head, size_t at)
{
	if (2 * (x->n_words + 1) > t->n_slots) {
		if (grow_word_slots(x, t) != 0)
			return -1;
		at = word_hash(head, s, n) & (t->n_slots - 1);
		while (t->slots[at].word != 0)
			at = (at + 1) & (t->n_slots - 1);
	}
	if (x->n_words == t->cap_words) {
		size_t cap = t->cap_words ? 2 * t->cap_words : 1024;
		struct indexed_word *words = realloc(x->words, cap * sizeof *words);
		if (words == NULL)
			return -1;
		x->words = words;
		size_t *offsets = realloc(t->offsets, cap * sizeof *offsets);
		if (offsets == NULL)
			return -1;
		t->offsets = offsets;
		t->cap_words = cap;
	}
	while (t->n_bytes + n > t->cap_bytes) {
		size_t cap = t->cap_bytes ? 2 * t->cap_bytes : 65536;
		char *bytes = realloc(x->word_bytes, cap);
		if (bytes == NULL)
			return -1;
		x->word_bytes = bytes;
		t->cap_bytes = cap;
	}
	memcpy(x->word_bytes + t->n_bytes, s, n);
	t->offsets[x->n_words] = t->n_bytes;
	t->n_bytes += n;
	t->slots[at] = (struct word_slot){head, (uint32_t)n, (uint32_t)x->n_words + 1};
	x->words[x->n_words] = (struct indexed_word){.len = n};
	return (int64_t)x->n_words++;
}

/* Article a has the word s[0..n) (it posts each of its words once):
 * found or added, then posted. */
static int post_word(struct list_index *x, struct word_table *t, const char *s, size_t n,
		     uint32_t a)
{
	if (t->n_slots == 0 && grow_word_slots(x, t) != 0)
		return -1;
	uint64_t head = head_of(s, n);
	size_t at = word_hash(head, s, n) & (t->n_slots - 1);
	int64_t k = -1;
	for (; t->slots[at].word != 0; at = (at + 1) & (t->n_slots - 1)) {
		const struct word_slot *slot = &t->slots[at];
		if (slot->head == head && slot->len == n &&
		    (n <= 8 || memcmp(x->word_bytes + t->offsets[slot->word - 1] + 8, s + 8,
				      n - 8) == 0)) {
			k = slot->word - 1;
			break;
		}
	}
	if (k < 0 && (k = add_word(x, t, s, n, head, at)) < 0)
		return -1;
	struct indexed_word *w = &x->words[k];
	if (w->n_articles == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 2;
		uint32_t *v = realloc(w->articles, cap * sizeof *v);
		if (v == NULL)
			return -1;
		w->articles = v;
		w->cap = cap;
	}
	w->articles[w->n_articles++] = a;
	return 0;
}

/* The words of an article: those of its search index, which holds the
 * words of its title and subtitle too (served_article.c), each once. */
static int post_vocabulary(struct list_index *x, struct word_table *t,
			   const struct search_index *ix, uint32_t a)
{
	size_t n_words = search_index_vocabulary(ix);
	for (size_t i = 0; i < n_words; i++) {
		size_t n;
		const char *w = search_index_word(ix, i, &n);
		if (post_word(x, t, w, n, a) != 0)
			return -1;
	}
	return 0;
}

static size_t varint_size(size_t v)
{
	size_t n = 1;
	for (; v >= 0x80; v >>= 7)
		n++;
	return n;
}

static size_t varint_put(unsigned char *out, size_t v)
{
	size_t n = 0;
	for (; v >= 0x80; v >>= 7)
		out[n++] = (unsigned char)(v | 0x80);
	out[n++] = (unsigned char)v;
	return n;
}

static size_t varint_get(const unsigned char **in)
{
	size_t v = 0;
	for (unsigned shift = 0;; shift += 7) {
		unsigned char b = *(*in)++;
		v |= (size_t)(b & 0x7f) << shift;
		if (b < 0x80)
			return v;
	}
}

static int by_bytes(const void *p, const void *q)
{
	const struct indexed_word *a = p, *b = q;
	int c = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
	return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

static int index_words(struct list_index *x, const struct served_article *articles, size_t n)
{
	struct word_table t = {0};
	int rc = 0;
	for (size_t a = 0; a < n && rc == 0; a++)
		if (articles[a].index != NULL &&
		    post_vocabulary(x, &t, articles[a].index, (uint32_t)a) != 0)
			rc = -1;
	/* The bytes no longer move: point each word at its own, then sort. */
	for (size_t w = 0; w < x->n_words; w++)
		x->words[w].text = x->word_bytes + t.offsets[w];
	if (rc == 0)
		qsort(x->words, x->n_words, sizeof *x->words, by_bytes);
	/* Kept for the generation's life: every word's articles in one array
	 * of the exact size, each the distance from the one before in 7-bit
	 * groups (one byte for a word that one article in a hundred has, and
	 * most words of an archive are in few articles), not an array grown
	 * by doubling for each word. */
	size_t total = 0;
	for (size_t w = 0; w < x->n_words; w++)
		for (size_t i = 0, last = 0; i < x->words[w].n_articles; i++) {
			total += varint_size(x->words[w].articles[i] - last);
			last = x->words[w].articles[i];
		}
	if (rc == 0 && (x->postings = malloc(total + 1)) == NULL)
		rc = -1;
	for (size_t w = 0, at = 0; rc == 0 && w < x->n_words; w++) {
		struct indexed_word *word = &x->words[w];
		word->posted = at;
		for (size_t i = 0, last = 0; i < word->n_articles; i++) {
			at += varint_put(x->postings + at, word->articles[i] - last);
			last = word->articles[i];
		}
		free(word->articles);
		word->articles = NULL;
		word->cap = 0;
	}
	free(t.slots);
	free(t.offsets);
	return rc;
}

int list_index_build(struct list_index *x, const struct served_article *articles, size_t n)
{
	memset(x, 0, sizeof *x);
	x->n_articles = n;
	if (index_words(x, articles, n) != 0) {
		list_index_free(x);
		return -1;
	}
	return 0;
}

void list_index_free(struct list_index *x)
{
	for (size_t w = 0; w < x->n_words; w++) /* NULL once in postings */
		free(x->words[w].articles);
	free(x->postings);
	free(x->words);
	free(x->word_bytes);
	memset(x, 0, sizeof *x);
}

/* Marks in has the articles with a word that is term[0..n), or that
 * begins with it (prefix). */
static void mark_word(const struct list_index *x, const char *term, size_t n, bool prefix,
		      unsigned char *has)
{
	/* The first word not before the term, then every word it begins. */
	size_t lo = 0, hi = x->n_words;
	struct indexed_word key = {.text = term, .len = n};
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (by_bytes(&x->words[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t w = lo; w < x->n_words && x->words[w].len >= n &&
			    memcmp(x->words[w].text, term, n) == 0 && (prefix || x->words[w].len == n);
	     w++) {
		const unsigned char *at = x->postings + x->words[w].posted;
		for (size_t i = 0, a = 0; i < x->words[w].n_articles; i++) {
			a += varint_get(&at);
			has[a] = 1;
		}
	}
}

bool list_index_term_articles(const struct list_index *x, const uint32_t *cp, size_t len,
			      unsigned char *has, bool *exact)
{
	if (len == 0 || len > SEARCH_MAX_TERM || !search_is_word_cp(cp[0]))
		return false;
	/* A match begins a word: each run of the term's letters and digits
	 * is a word of the text, whole where another character follows it
	 * in the term, or the beginning of one at the term's end. */
	unsigned char *run = NULL;
	bool first = true;
	*exact = true;
	for (size_t c = 0; c < len;) {
		char term[SEARCH_MAX_TERM * 4];
		size_t n = 0;
		for (; c < len && search_is_word_cp(cp[c]); c++)
			n += utf8_encode(cp[c], term + n);
		bool prefix = c == len;
		for (; c < len && !search_is_word_cp(cp[c]); c++)
			*exact = false;
		if (n == 0)
			break;
		if (first) {
			mark_word(x, term, n, prefix, has);
			first = false;
			continue;
		}
		/* A later run: the articles of both. */
		if (run == NULL && (run = malloc(x->n_articles + 1)) == NULL)
			break; /* the first run's articles alone still hold every match */
		memset(run, 0, x->n_articles);
		mark_word(x, term, n, prefix, run);
		for (size_t a = 0; a < x->n_articles; a++)
			has[a] &= run[a];
	}
	free(run);
	return true;
}
