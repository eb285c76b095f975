/* lexicon.c - see lexicon.h. */
#include "lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../text/fold.h"
#include "../text/hash.h"
#include "../text/utf8.h"

enum { LEX_KEY_MAX = 256 };

/* Never 0, which marks a free slot in lx->probe (lexicon_get_hashed, in
 * lexicon.h, does the same). */
static uint64_t lex_hash_of(uint64_t h)
{
	return h | 1;
}

static uint64_t lex_hash(const char *s, size_t len)
{
	return lex_hash_of(hash_bytes(s, len));
}

static int lexicon_grow(struct lexicon *lx)
{
	size_t cap = lx->cap ? lx->cap * 2 : 64;
	struct lex_entry *slots = calloc(cap, sizeof *slots);
	uint64_t *probe = calloc(cap, sizeof *probe);
	if (slots == NULL || probe == NULL) {
		free(slots);
		free(probe);
		return -1;
	}
	for (size_t i = 0; i < lx->cap; i++) {
		struct lex_entry *e = &lx->slots[i];
		if (e->key == NULL)
			continue;
		size_t j = e->hash & (cap - 1);
		while (slots[j].key != NULL)
			j = (j + 1) & (cap - 1);
		slots[j] = *e;
		probe[j] = e->hash;
	}
	free(lx->slots);
	free(lx->probe);
	lx->slots = slots;
	lx->probe = probe;
	lx->cap = cap;
	return 0;
}

static enum lex_case lex_case_of(const char *w)
{
	size_t len = strlen(w), n, letters = 0, upper = 0;
	for (size_t i = 0; i < len; i += n) {
		uint32_t cp = utf8_decode(w + i, len - i, &n);
		if (!cp_is_letter(cp))
			continue;
		letters++;
		if (cp_is_upper(cp))
			upper++;
	}
	if (letters >= 2 && upper == letters)
		return LEX_EXACT;
	n = 0;
	if (len > 0 && cp_is_upper(utf8_decode(w, len, &n)))
		return LEX_CAPITALIZED;
	return LEX_ANY_CASE;
}

int lexicon_add(struct lexicon *lx, struct arena *arena, const char *written,
		const struct lex_entry *m)
{
	static const struct lex_entry nothing = {0};
	if (m == NULL)
		m = &nothing;
	char key[LEX_KEY_MAX];
	size_t klen = fold_text(written, strlen(written), key, sizeof key);
	if (klen == (size_t)-1 || klen == 0)
		return 0; /* too long or empty: not a phrase any text will match */
	/* The walk's index is of the keys before this one. */
	free(lx->walk);
	lx->walk = NULL;
	/* At most half full: with linear probing a miss then looks at about
	 * two and a half slots, and most lookups of the parser are misses. */
	if ((lx->count + 1) * 2 > lx->cap && lexicon_grow(lx) != 0)
		return -1;
	uint64_t hash = lex_hash(key, klen);
	size_t j = hash & (lx->cap - 1);
	while (lx->slots[j].key != NULL) {
		if (strcmp(lx->slots[j].key, key) == 0)
			return 1;
		j = (j + 1) & (lx->cap - 1);
	}
	struct lex_entry *e = &lx->slots[j];
	e->hash = hash;
	lx->probe[j] = hash;
	/* The key and 8 zero bytes after it, so that a comparison with a
	 * token's fold may read it 8 bytes at a time (lexicon.h). */
	char *padded = arena_alloc(arena, klen + 8);
	if (padded != NULL) {
		memcpy(padded, key, klen);
		memset(padded + klen, 0, 8);
	}
	e->key = padded;
	e->key_len = (uint32_t)klen; /* klen < LEX_KEY_MAX */
	e->written = arena_strdup(arena, written);
	e->value = arena_strdup(arena, m->value ? m->value : written);
	e->extra = arena_strdup(arena, m->extra ? m->extra : "");
	e->extra2 = arena_strdup(arena, m->extra2 ? m->extra2 : "");
	if (!e->key || !e->written || !e->value || !e->extra || !e->extra2) {
		e->key = NULL;
		lx->probe[j] = 0;
		return -1;
	}
	e->number = m->number;
	e->value_tag = m->value_tag;
	e->extra_tag = m->extra_tag;
	e->extra2_tag = m->extra2_tag;
	e->line = m->line;
	e->match_case = lex_case_of(written);
	e->words = 1;
	for (size_t i = 0; i < klen; i++)
		if (key[i] == ' ')
			e->words++;
	if (e->words > lx->max_words)
		lx->max_words = e->words;
	unsigned char first = (unsigned char)key[0];
	lx->first_bytes[first >> 6] |= UINT64_C(1) << (first & 63);
	lx->count++;
	return 0;
}

struct lex_entry *lexicon_entry(struct lexicon *lx, const char *key, size_t klen)
{
	const struct lex_entry *e = lexicon_get_folded(lx, key, klen);
	return e == NULL ? NULL : &lx->slots[e - lx->slots];
}

const struct lex_entry *lexicon_get(const struct lexicon *lx, const char *s, size_t len)
{
	if (lx->count == 0)
		return NULL;
	/* The folded key's first byte, where the text's first character is
	 * ASCII: fold_text drops the white space before it and lowers it. No
	 * key beginning with it: no entry, and nothing to fold. */
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	if (i < len && (unsigned char)s[i] < 0x80) {
		unsigned char c = (unsigned char)s[i];
		c = c >= 'A' && c <= 'Z' ? c + 32 : c;
		if (!lexicon_may_begin_with(lx, c))
			return NULL;
	}
	/* 8 bytes of room past the longest key: compared as a fold is. */
	char key[LEX_KEY_MAX + 8];
	size_t klen = fold_text(s, len, key, LEX_KEY_MAX);
	if (klen == (size_t)-1)
		return NULL;
	return lexicon_get_fold(lx, key, klen, hash_bytes(key, klen));
}

/* The first used slot at or after i, or NULL. */
static const struct lex_entry *used_from(const struct lexicon *lx, size_t i)
{
	for (; i < lx->cap; i++)
		if (lx->slots[i].key != NULL)
			return &lx->slots[i];
	return NULL;
}

const struct lex_entry *lexicon_first(const struct lexicon *lx)
{
	if (lx->walk != NULL)
		return lx->walk_first < lx->cap ? &lx->slots[lx->walk_first] : NULL;
	return used_from(lx, 0);
}

const struct lex_entry *lexicon_next(const struct lexicon *lx, const struct lex_entry *e)
{
	size_t j = (size_t)(e - lx->slots);
	if (lx->walk != NULL)
		return lx->walk[j] < lx->cap ? &lx->slots[lx->walk[j]] : NULL;
	return used_from(lx, j + 1);
}

int lexicon_index_walk(struct lexicon *lx)
{
	free(lx->walk);
	lx->walk = NULL;
	if (lx->cap == 0 || lx->cap > UINT32_MAX)
		return 0; /* nothing to walk, or slots past what 32 bits name: the scan does */
	uint32_t *walk = malloc(lx->cap * sizeof *walk);
	if (walk == NULL)
		return -1;
	uint32_t next = (uint32_t)lx->cap;
	for (size_t j = lx->cap; j-- > 0;) {
		walk[j] = next;
		if (lx->slots[j].key != NULL)
			next = (uint32_t)j;
	}
	lx->walk = walk;
	lx->walk_first = next;
	return 0;
}

bool lex_case_ok(const struct lex_entry *e, const char *text, size_t len)
{
	size_t n;
	switch (e->match_case) {
	case LEX_ANY_CASE:
		return true;
	case LEX_CAPITALIZED:
		return len > 0 && cp_is_upper(utf8_decode(text, len, &n));
	case LEX_EXACT: {
		/* Same letters and case, ignoring white space differences. */
		const char *w = e->written;
		size_t i = 0;
		for (; *w && i < len; w++, i++) {
			if (*w != text[i] && !(*w == ' ' && (text[i] == ' ' || text[i] == '\n')))
				return false;
		}
		return *w == '\0' && i == len;
	}
	}
	return false;
}

int lexicon_index_pairs(struct lexicon *lx)
{
	free(lx->pairs);
	lx->pairs = NULL;
	size_t n_keys = 0;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		n_keys += e->words >= 2;
	if (n_keys == 0)
		return 0; /* the pairs would be all no: keys of one word are the rest's to tell */
	/* About eight bits a key: a pair of words no key begins with is told
	 * so seven times in eight. */
	size_t bits = 64;
	while (bits < 8 * n_keys)
		bits *= 2;
	uint64_t *pairs = calloc(bits / 64, sizeof *pairs);
	if (pairs == NULL)
		return -1;
	lx->n_pair_bits = bits;
	/* Keys are folded: their words one space apart. */
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e)) {
		if (e->words < 2)
			continue;
		const char *end = e->key + e->key_len, *space = memchr(e->key, ' ', e->key_len);
		const char *second = space + 1, *after = memchr(second, ' ', (size_t)(end - second));
		size_t b = lexicon_pair_bit(lx, hash_bytes(e->key, (size_t)(space - e->key)),
					    hash_bytes(second, (size_t)((after ? after : end) - second)));
		pairs[b / 64] |= UINT64_C(1) << (b % 64);
	}
	lx->pairs = pairs;
	return 0;
}

void lexicon_free(struct lexicon *lx)
{
	if (lx == NULL)
		return;
	free(lx->pairs);
	free(lx->walk);
	if (lx->firsts != NULL) {
		lexicon_free(lx->firsts);
		free(lx->firsts);
	}
	free(lx->slots);
	free(lx->probe);
	memset(lx, 0, sizeof *lx);
}
