/* search_index.c - see search_index.h.
 *
 * Built in one pass over the text: each word start (as search_text sees
 * it) becomes an occurrence of its folded word, found in a hash table of
 * the distinct words. The distinct words are then sorted, and the
 * occurrences laid out word by word in that order (in the order of the
 * text within a word), so that the words with a given prefix, and their
 * occurrences, are each one contiguous run.
 *
 * A term made of word characters only ("putin") matches at every word
 * that begins with it: a run of the vocabulary. A term with more after
 * its first word ("jong-un", "putin's") matches only where that first
 * word is whole ("jong"), and there only if the text goes on as the term
 * does: those occurrences are checked against the text itself.
 *
 * An article is kept in memory by the thousand, so an occurrence holds
 * only its offset in the article's paragraphs taken one after another
 * (4 bytes, the most of the index; the paragraph is found from it, most
 * often the one of the occurrence before): what follows the word is read
 * from the text when a term needs it, and
 * the offset in code points that a match reports is counted from the
 * text for the matches of the page alone, from the nearest of the marks
 * a long paragraph keeps every CP_MARK_BYTES.
 */
#include "search_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../text/grow.h"
#include "../text/hash.h"
#include "../text/utf8.h"

/* A term that goes on after its first word is first told from an
 * occurrence by this many bytes of what follows the word (folded); only
 * a longer term reads on, and that read counts against the budget. */
enum { AFTER_BYTES = 4 };

/* A long paragraph keeps the code point offset of a byte about every
 * this many bytes, so that a match's offset is counted from near it. */
enum { CP_MARK_BYTES = 1024 };

/* An occurrence as a search reads it (the index keeps an offset). */
struct occurrence {
	uint32_t para; /* index in ix->paras */
	uint32_t byte; /* offset of the word in the paragraph */
};

/* The vocabulary holds one more word than there are, an end mark: word
 * v's bytes and occurrences end where word v + 1's begin. */
struct word {
	uint32_t text;  /* its folded bytes: ix->words + text */
	uint32_t first; /* its occurrences: ix->occ + first */
};

/* Byte byte of a paragraph is code point cp of it. */
struct cp_mark {
	uint32_t byte, cp;
};

/* The same, in 16 bits, for an article whose words and text fit them. */
struct word16 {
	uint16_t text, first;
};

struct search_index {
	/* The vocabulary and the occurrences are in 32 bits (vocab, occ), or,
	 * where every offset fits 16 bits (narrow: an article of under 64 KB,
	 * nearly all of them), in half the room (vocab16, occ16); read them
	 * with vocab_text, vocab_first and occ_at. */
	bool narrow;
	struct word *vocab; /* sorted by their folded bytes, n_vocab + 1 */
	struct word16 *vocab16;
	size_t n_vocab;
	char *words;
	uint32_t *occ; /* offsets of word starts: para_start[p] + their byte in paragraph p */
	uint16_t *occ16;
	size_t n_occ;
	const struct paragraph **paras; /* every paragraph, in order */
	uint32_t *para_start;           /* the paragraphs' bytes before paragraph p, n_paras + 1 */
	uint32_t *para_section, *para_number;
	uint32_t *para_marks; /* paragraph p's marks: marks[para_marks[p] .. para_marks[p + 1]) */
	struct cp_mark *marks;
	size_t n_paras;
};

static inline size_t vocab_text(const struct search_index *ix, size_t v)
{
	return ix->narrow ? ix->vocab16[v].text : ix->vocab[v].text;
}

static inline size_t vocab_first(const struct search_index *ix, size_t v)
{
	return ix->narrow ? ix->vocab16[v].first : ix->vocab[v].first;
}

static inline uint32_t occ_at(const struct search_index *ix, size_t i)
{
	return ix->narrow ? ix->occ16[i] : ix->occ[i];
}

static inline size_t word_len(const struct search_index *ix, size_t v)
{
	return vocab_text(ix, v + 1) - vocab_text(ix, v);
}

static inline size_t word_count(const struct search_index *ix, size_t v)
{
	return vocab_first(ix, v + 1) - vocab_first(ix, v);
}

/* The occurrence at text offset `at`: in paragraph *hint or the next one
 * (when occurrences are read in the order of the text, as those of one
 * word are), else in the one bisection finds. *hint becomes its paragraph. */
static struct occurrence occurrence_at(const struct search_index *ix, uint32_t at, uint32_t *hint)
{
	const uint32_t *start = ix->para_start;
	uint32_t p = *hint;
	if (p >= ix->n_paras || at < start[p] || at >= start[p + 1]) {
		if (p + 1 < ix->n_paras && at >= start[p + 1] && at < start[p + 2]) {
			p++;
		} else { /* the last paragraph that starts at or before it */
			size_t lo = 0, hi = ix->n_paras;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (start[mid] <= at)
					lo = mid + 1;
				else
					hi = mid;
			}
			p = (uint32_t)(lo - 1);
		}
	}
	*hint = p;
	return (struct occurrence){p, at - start[p]};
}

void search_index_free(struct search_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->vocab);
	free(ix->vocab16);
	free(ix->words);
	free(ix->occ);
	free(ix->occ16);
	free(ix->paras);
	free(ix->para_section);
	free(ix->para_number);
	free(ix->para_marks);
	free(ix->para_start);
	free(ix->marks);
	free(ix);
}

/* ---- building ---- */

struct raw_occurrence {
	uint32_t word; /* in the order first seen */
	uint32_t at;   /* as ix->occ holds it */
};

/* A distinct word while the index is built. */
struct new_word {
	uint32_t text, len;    /* its folded bytes: builder.bytes + text */
	uint32_t first, count; /* its occurrences: where the next one goes in ix->occ, how many */
};

/* A word while the index is built is kept in whole blocks of 8 bytes,
 * zeros after its end, so that it is hashed, compared and copied 8 bytes
 * a step with no call (most words are one block). */
enum { BLOCK = 8 };

static inline size_t blocks_of(size_t n)
{
	return (n + BLOCK - 1) / BLOCK;
}

struct builder {
	struct new_word *words; /* distinct, in the order first seen */
	uint64_t *hashes; /* of each word, cap_hashes of them */
	size_t n_words, cap_words, cap_hashes;
	char *bytes;    /* the words, each at a multiple of BLOCK, padded with zeros */
	size_t n_bytes, cap_bytes;
	size_t n_text;  /* the words' bytes without the padding */
	uint32_t *table; /* word + 1, 0 for empty; a power of two */
	size_t table_cap, first_table_cap;
	struct raw_occurrence *raw;
	size_t n_raw, cap_raw;
	struct cp_mark *marks;
	size_t n_marks, cap_marks;
};

/* The hash of the word s[0..n), zeros after it to its last block: a
 * multiply per block, its high bits folded into the low ones the table
 * uses. */
static inline uint64_t word_hash(const char *s, size_t n)
{
	uint64_t h = HASH_START ^ n, w;
	size_t i = 0;
	do { /* a word has a byte, so one block at least */
		memcpy(&w, s + i, BLOCK);
		h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 32;
		i += BLOCK;
	} while (i < n);
	return h;
}

/* Are the words at a and b, both n bytes padded to their last block, the same? */
static inline bool same_word(const char *a, const char *b, size_t n)
{
	size_t i = 0;
	do {
		uint64_t x, y;
		memcpy(&x, a + i, BLOCK);
		memcpy(&y, b + i, BLOCK);
		if (x != y)
			return false;
		i += BLOCK;
	} while (i < n);
	return true;
}

/* Copies the blocks of an n-byte word (to has room for them). */
static inline void copy_blocks(char *to, const char *from, size_t n)
{
	for (size_t i = 0; i < n; i += BLOCK)
		memcpy(to + i, from + i, BLOCK);
}

/* The first size of the table for an article of text_bytes: some twice
 * the distinct words it holds, one in about 12 bytes of a short article
 * (fewer in a long one), so that most never grow it, nor clear more
 * than they use; at most 1024, which a long one soon doubles. */
static size_t first_table_cap(size_t text_bytes)
{
	size_t want = 2 * (text_bytes / 12 + 16), cap = 64;
	while (cap < want && cap < 1024)
		cap *= 2;
	return cap;
}

static int table_grow(struct builder *b)
{
	size_t cap = b->table_cap ? b->table_cap * 2 : b->first_table_cap;
	uint32_t *t = calloc(cap, sizeof *t);
	if (t == NULL)
		return -1;
	for (size_t w = 0; w < b->n_words; w++) {
		size_t i = (size_t)b->hashes[w] & (cap - 1);
		while (t[i] != 0)
			i = (i + 1) & (cap - 1);
		t[i] = (uint32_t)w + 1;
	}
	free(b->table);
	b->table = t;
	b->table_cap = cap;
	return 0;
}

/* A new word s[0..n) with hash h, into free slot i of the table:
 * its id, or -1 when out of memory. */
static int64_t new_word_id(struct builder *b, const char *s, size_t n, uint64_t h, size_t i)
{
	size_t padded = blocks_of(n) * BLOCK; /* at least one: a word has a byte */
	while (b->n_bytes + padded > b->cap_bytes) {
		size_t cap = b->cap_bytes ? b->cap_bytes * 2 : 4096;
		char *g = realloc(b->bytes, cap);
		if (g == NULL)
			return -1;
		b->bytes = g;
		b->cap_bytes = cap;
	}
	struct new_word *words =
		grow_for_one(b->words, b->n_words, &b->cap_words, sizeof *words, 256);
	if (words == NULL)
		return -1;
	b->words = words;
	/* The hashes grow with the words, when the words do. */
	if (b->cap_hashes < b->cap_words) {
		uint64_t *hashes = realloc(b->hashes, b->cap_words * sizeof *hashes);
		if (hashes == NULL)
			return -1;
		b->hashes = hashes;
		b->cap_hashes = b->cap_words;
	}
	copy_blocks(b->bytes + b->n_bytes, s, n);
	b->words[b->n_words] = (struct new_word){(uint32_t)b->n_bytes, (uint32_t)n, 0, 0};
	b->hashes[b->n_words] = h;
	b->n_bytes += padded;
	b->n_text += n;
	b->table[i] = (uint32_t)b->n_words + 1;
	b->n_words++;
	/* Kept at most half full, for the next word's probe. */
	if (2 * (b->n_words + 1) > b->table_cap && table_grow(b) != 0)
		return -1;
	return (int64_t)b->n_words - 1;
}

/* The id of the folded word s[0..n) (zeros after it to its last block),
 * added if new; -1 when out of memory. Inline, for each word of the
 * text: most are found, and new_word_id adds the others. The table is
 * made before the first word (table_grow). */
static inline int64_t word_id(struct builder *b, const char *s, size_t n)
{
	uint64_t h = word_hash(s, n);
	size_t i = (size_t)h & (b->table_cap - 1);
	for (; b->table[i] != 0; i = (i + 1) & (b->table_cap - 1)) {
		const struct new_word *w = &b->words[b->table[i] - 1];
		if (b->hashes[b->table[i] - 1] == h && w->len == n &&
		    same_word(b->bytes + w->text, s, n))
			return b->table[i] - 1;
	}
	return new_word_id(b, s, n, h, i);
}

/* The code points of cp[0..n), folded, as many whole ones as fit in
 * AFTER_BYTES, into out (the rest zeros). Returns how many it took. */
static size_t fold_after(const uint32_t *cp, size_t n, char out[AFTER_BYTES], size_t *bytes)
{
	size_t o = 0, c = 0;
	memset(out, 0, AFTER_BYTES);
	for (; c < n; c++) {
		char enc[4];
		size_t k = utf8_encode(cp[c], enc);
		if (o + k > AFTER_BYTES)
			break;
		memcpy(out + o, enc, k);
		o += k;
	}
	*bytes = o;
	return c;
}

static int add_mark(struct builder *b, size_t i, size_t cp, size_t *next_mark);

/* Appends code point cp, encoded, to the n bytes of a word's fold if it
 * fits in room; else none after it is kept (room becomes n): the word is
 * cut at a code point. */
static inline void fold_cp(char *fold, size_t *n, size_t *room, uint32_t cp)
{
	char enc[4];
	size_t k = utf8_encode(cp, enc);
	if (*n + k <= *room) {
		memcpy(fold + *n, enc, k);
		*n += k;
	} else {
		*room = *n;
	}
}

/* Room for n more occurrences. */
static int reserve_raw(struct builder *b, size_t n)
{
	if (b->cap_raw - b->n_raw >= n)
		return 0;
	size_t cap = b->cap_raw ? b->cap_raw : 1024;
	while (cap - b->n_raw < n)
		cap *= 2;
	struct raw_occurrence *raw = realloc(b->raw, cap * sizeof *raw);
	if (raw == NULL)
		return -1;
	b->raw = raw;
	b->cap_raw = cap;
	return 0;
}

/* Marks byte i of the paragraph as code point cp, if it is the first of
 * a new stretch of CP_MARK_BYTES. Inline: asked at every code point, and
 * nearly always no. */
static inline int mark_cp(struct builder *b, size_t i, size_t cp, size_t *next_mark)
{
	return i < *next_mark ? 0 : add_mark(b, i, cp, next_mark);
}

static int add_mark(struct builder *b, size_t i, size_t cp, size_t *next_mark)
{
	struct cp_mark *m = grow_for_one(b->marks, b->n_marks, &b->cap_marks, sizeof *m, 64);
	if (m == NULL)
		return -1;
	b->marks = m;
	b->marks[b->n_marks++] = (struct cp_mark){(uint32_t)i, (uint32_t)cp};
	*next_mark = (i / CP_MARK_BYTES + 1) * CP_MARK_BYTES;
	return 0;
}

/* What the index does with a byte: an ASCII word character
 * (search_is_word_cp) as it is folded (lower case); 0 for other ASCII,
 * which no word holds; 0x80 for the bytes of other code points, to be
 * decoded. One lookup tells each loop below whether to go on. */
static const unsigned char byte_fold[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5',
	['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f',
	['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l',
	['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
	['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x',
	['Y'] = 'y', ['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
	['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l',
	['m'] = 'm', ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r',
	['s'] = 's', ['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x',
	['y'] = 'y', ['z'] = 'z',
#define NON_ASCII8(b) [b] = 0x80, [b + 1] = 0x80, [b + 2] = 0x80, [b + 3] = 0x80, \
		      [b + 4] = 0x80, [b + 5] = 0x80, [b + 6] = 0x80, [b + 7] = 0x80
#define NON_ASCII32(b) NON_ASCII8(b), NON_ASCII8(b + 8), NON_ASCII8(b + 16), NON_ASCII8(b + 24)
	NON_ASCII32(0x80), NON_ASCII32(0xA0), NON_ASCII32(0xC0), NON_ASCII32(0xE0),
#undef NON_ASCII32
#undef NON_ASCII8
};

/* Is the ASCII byte c a word character (search_is_word_cp)? */
static inline bool ascii_word(unsigned char c)
{
	return ascii_alnum[c];
}

/* Every word start of a paragraph whose text starts at offset base of
 * the article's, as search_text finds them: a word is a run of word
 * characters (search_is_word_cp), lowered (cp_to_lower). ASCII, nearly
 * all of a text, is read a byte at a time without a call; each code
 * point boundary is offered to mark_cp. Without occurrences (a text
 * whose words only join the vocabulary) only the words are kept. */
static int index_paragraph(struct builder *b, const struct paragraph *para, uint32_t base,
			   bool occurrences)
{
	const char *text = para->text;
	size_t len = para->len;
	/* Room for a block of zeros after the longest word kept (word_id). */
	char fold[SEARCH_MAX_TERM * 4 + BLOCK];
	/* A text of words only keeps no marks: no occurrence is counted in it. */
	size_t i = 0, cp_index = 0, next_mark = occurrences ? CP_MARK_BYTES : SIZE_MAX;
	while (i < len) {
		/* Up to the next word character: runs of other ASCII at once, as
		 * far as the next mark; the rest a code point at a time. */
		uint32_t cp = 0;
		size_t step = 1;
		for (;;) {
			size_t stop = len < next_mark ? len : next_mark, from = i;
			while (i < stop && byte_fold[(unsigned char)text[i]] == 0)
				i++;
			cp_index += i - from;
			if (i >= len)
				break;
			if (mark_cp(b, i, cp_index, &next_mark) != 0)
				return -1;
			unsigned char c = (unsigned char)text[i];
			if (c < 0x80) {
				if (ascii_word(c))
					break;
				continue; /* at the mark: the run goes on past it */
			}
			cp = cp_to_lower(utf8_decode(text + i, len - i, &step));
			if (search_is_word_cp(cp))
				break;
			i += step;
			cp_index++;
		}
		if (i >= len)
			break;
		/* A word starts: fold it, up to what the buffer holds. A term has
		 * at most SEARCH_MAX_TERM code points, which always fit: longer
		 * words are told apart by matches_at, which reads the text. */
		uint32_t at = base + (uint32_t)i;
		/* What fold keeps of the word: n bytes, up to room, which becomes
		 * n at the first code point that does not fit (none after it is
		 * kept: the word is cut at a code point). */
		size_t n = 0, room = sizeof fold - BLOCK;
		for (bool first = true;; first = false) {
			/* A run of ASCII word characters, as far as the next mark. */
			size_t stop = len < next_mark ? len : next_mark, from = i;
			for (; i < stop; i++) {
				unsigned char f = byte_fold[(unsigned char)text[i]];
				if (f == 0 || f == 0x80)
					break;
				if (n < room)
					fold[n++] = (char)f;
			}
			cp_index += i - from;
			if (i > from)
				first = false;
			if (i >= len)
				break;
			if (mark_cp(b, i, cp_index, &next_mark) != 0)
				return -1;
			unsigned char c = (unsigned char)text[i];
			if (c < 0x80) {
				if (!ascii_word(c))
					break;
				continue; /* at the mark: the run goes on past it */
			}
			/* The word's first code point is decoded already. */
			if (!first) {
				cp = cp_to_lower(utf8_decode(text + i, len - i, &step));
				if (!search_is_word_cp(cp))
					break;
			}
			fold_cp(fold, &n, &room, cp);
			i += step;
			cp_index++;
		}
		memset(fold + n, 0, BLOCK); /* the rest of its last block */
		int64_t id = word_id(b, fold, n);
		if (!occurrences) {
			if (id < 0)
				return -1;
			continue;
		}
		struct raw_occurrence *raw =
			id < 0 ? NULL : grow_for_one(b->raw, b->n_raw, &b->cap_raw, sizeof *raw, 1024);
		if (raw == NULL)
			return -1;
		b->raw = raw;
		b->raw[b->n_raw++] = (struct raw_occurrence){(uint32_t)id, at};
	}
	return 0;
}

/* Is text[0..len) ASCII alone? 8 bytes a step. */
static bool all_ascii(const char *text, size_t len)
{
	size_t i = 0;
	uint64_t any = 0, w;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, text + i, 8);
		any |= w;
	}
	for (; i < len; i++)
		any |= (unsigned char)text[i];
	return (any & 0x8080808080808080ULL) == 0;
}

/* The code point at text[i] (not ASCII), lowered, if it is a word
 * character (search_is_word_cp), with its length in *step; else 0. */
static inline uint32_t word_cp_at(const char *text, size_t len, size_t i, size_t *step)
{
	uint32_t cp = cp_to_lower(utf8_decode(text + i, len - i, step));
	return search_is_word_cp(cp) ? cp : 0;
}

/* Is f, what byte_fold says of a byte, an ASCII word character (neither
 * 0 nor 0x80)? One compare. */
static inline bool folds_in_word(unsigned char f)
{
	return (unsigned char)(f - 1) < 0x7F;
}

/* Every word start of text[0..len) (that of a paragraph at offset base
 * of the article's, or only words when !occurrences), as index_paragraph
 * finds them, without its marks: for a text that needs none (shorter
 * than CP_MARK_BYTES, or words only) or whose marks are known without
 * counting (ASCII alone). A byte at a time, with one lookup for each
 * byte of ASCII; a code point beyond it is decoded where it is met. */
static int index_words(struct builder *b, const char *text, size_t len, uint32_t base,
		       bool occurrences)
{
	const unsigned char *bytes = (const unsigned char *)text;
	char fold[SEARCH_MAX_TERM * 4 + BLOCK];
	/* Room for every occurrence the text can hold (a word and a byte
	 * between words at least), so that none needs a look at it. */
	if (occurrences && reserve_raw(b, len / 2 + 1) != 0)
		return -1;
	for (size_t i = 0;;) {
		/* To the next word character. */
		unsigned char f = 0;
		uint32_t cp = 0;
		size_t step = 1;
		while (i < len && (f = byte_fold[bytes[i]]) == 0)
			i++;
		if (i >= len)
			break;
		if (f == 0x80 && (cp = word_cp_at(text, len, i, &step)) == 0) {
			i += step;
			continue;
		}
		/* A word starts: fold it, as much as the buffer holds (as in
		 * index_paragraph: cut at a code point, none kept after one that
		 * did not fit). */
		uint32_t at = base + (uint32_t)i;
		size_t n = 0, room = sizeof fold - BLOCK;
		for (;;) {
			if (cp == 0) { /* a run of ASCII word characters */
				for (; i < len && folds_in_word(f = byte_fold[bytes[i]]); i++)
					if (n < room)
						fold[n++] = (char)f;
				if (i >= len || f == 0 || (cp = word_cp_at(text, len, i, &step)) == 0)
					break;
			}
			fold_cp(fold, &n, &room, cp);
			i += step;
			cp = 0;
		}
		memset(fold + n, 0, BLOCK); /* the rest of its last block */
		int64_t id = word_id(b, fold, n);
		if (id < 0)
			return -1;
		if (occurrences)
			b->raw[b->n_raw++] = (struct raw_occurrence){(uint32_t)id, at};
	}
	return 0;
}

/* The marks of a paragraph of ASCII alone: every byte a code point, they
 * fall at the multiples of CP_MARK_BYTES, where index_paragraph puts
 * them in such a paragraph. */
static int add_ascii_marks(struct builder *b, size_t len)
{
	for (size_t m = CP_MARK_BYTES; m < len; m += CP_MARK_BYTES) {
		size_t next_mark = m;
		if (add_mark(b, m, m, &next_mark) != 0)
			return -1;
	}
	return 0;
}

/* The words of a paragraph, by the way that suits its text: one that
 * needs marks counted (long, not ASCII alone) by index_paragraph. */
static int index_text(struct builder *b, const struct paragraph *para, uint32_t base,
		      bool occurrences)
{
	if (!occurrences || para->len < CP_MARK_BYTES)
		return index_words(b, para->text, para->len, base, occurrences);
	if (!all_ascii(para->text, para->len))
		return index_paragraph(b, para, base, occurrences);
	if (index_words(b, para->text, para->len, base, true) != 0)
		return -1;
	return add_ascii_marks(b, para->len);
}

static int compare_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int r = memcmp(a, b, an < bn ? an : bn);
	return r != 0 ? r : (an > bn) - (an < bn);
}

/* A word to sort, with its first 8 bytes as a big-endian number: most
 * pairs differ there, and are ordered without reading their bytes. */
struct sort_key {
	uint64_t prefix;
	uint32_t word;
};

/* The prefix of a word kept in blocks (its first block). */
static uint64_t prefix_of(const char *s)
{
	/* Zeros after a short word order it before the words it begins, as
	 * memcmp and then the length do: a folded word holds no NUL byte. */
	unsigned char b[8];
	memcpy(b, s, 8);
	return (uint64_t)b[0] << 56 | (uint64_t)b[1] << 48 | (uint64_t)b[2] << 40 |
	       (uint64_t)b[3] << 32 | (uint64_t)b[4] << 24 | (uint64_t)b[5] << 16 |
	       (uint64_t)b[6] << 8 | b[7];
}

/* Does word a sort before word b (their folded bytes)? */
static inline bool sorts_before(const struct builder *b, const struct sort_key *ka,
				const struct sort_key *kb)
{
	if (ka->prefix != kb->prefix)
		return ka->prefix < kb->prefix;
	const struct new_word *x = &b->words[ka->word], *y = &b->words[kb->word];
	return compare_bytes(b->bytes + x->text, x->len, b->bytes + y->text, y->len) < 0;
}

/* Sorts v[0..n) by their words' bytes, tmp of n for room: a merge sort
 * with the comparison inline (qsort's call per comparison was most of
 * the sort), runs of up to 16 sorted by insertion. The words are
 * distinct, so the order is the one order. */
static void sort_words(const struct builder *b, struct sort_key *v, struct sort_key *tmp,
		       size_t n)
{
	if (n <= 16) {
		for (size_t i = 1; i < n; i++) {
			struct sort_key k = v[i];
			size_t j = i;
			for (; j > 0 && sorts_before(b, &k, &v[j - 1]); j--)
				v[j] = v[j - 1];
			v[j] = k;
		}
		return;
	}
	size_t half = n / 2;
	sort_words(b, v, tmp, half);
	sort_words(b, v + half, tmp, n - half);
	memcpy(tmp, v, half * sizeof *v);
	size_t i = 0, j = half, o = 0;
	while (i < half && j < n)
		v[o++] = sorts_before(b, &v[j], &tmp[i]) ? v[j++] : tmp[i++];
	while (i < half)
		v[o++] = tmp[i++];
}

/* Sorts the n keys by their words, into keys + n (keys has room for 2n;
 * the first n are scratch after): a counting sort by the first byte
 * splits a vocabulary into a few dozen runs, each then sorted by
 * sort_words, with less than half the comparisons of one sort of all. */
static struct sort_key *sort_vocabulary(const struct builder *b, struct sort_key *keys, size_t n)
{
	uint32_t start[257] = {0}, at[256];
	unsigned lo = 255, hi = 0; /* the first bytes there are (most often '0' to 'z') */
	for (size_t w = 0; w < n; w++) {
		unsigned c = (unsigned)(keys[w].prefix >> 56);
		start[c + 1]++;
		lo = c < lo ? c : lo;
		hi = c > hi ? c : hi;
	}
	for (unsigned c = lo; c <= hi; c++)
		start[c + 1] += start[c];
	for (unsigned c = lo; c <= hi; c++)
		at[c] = start[c];
	struct sort_key *sorted = keys + n;
	for (size_t w = 0; w < n; w++)
		sorted[at[keys[w].prefix >> 56]++] = keys[w];
	for (unsigned c = lo; c <= hi; c++)
		if (start[c + 1] - start[c] > 1)
			sort_words(b, sorted + start[c], keys, start[c + 1] - start[c]);
	return sorted;
}

static void builder_free(struct builder *b)
{
	free(b->words);
	free(b->hashes);
	free(b->bytes);
	free(b->table);
	free(b->raw);
	free(b->marks);
}

/* Word v of the vocabulary: its bytes at text, its occurrences from first. */
static inline void set_vocab(struct search_index *ix, size_t v, uint32_t text, uint32_t first)
{
	if (ix->narrow)
		ix->vocab16[v] = (struct word16){(uint16_t)text, (uint16_t)first};
	else
		ix->vocab[v] = (struct word){text, first};
}

static inline void set_occ(struct search_index *ix, size_t i, uint32_t at)
{
	if (ix->narrow)
		ix->occ16[i] = (uint16_t)at;
	else
		ix->occ[i] = at;
}

struct search_index *search_index_build(const struct article *a, const struct paragraph *also,
				       size_t n_also)
{
	struct search_index *ix = calloc(1, sizeof *ix);
	struct builder b = {0};
	if (ix == NULL)
		return NULL;
	for (size_t s = 0; s < a->n_sections; s++)
		ix->n_paras += a->sections[s].n_paragraphs;
	ix->paras = calloc(ix->n_paras + 1, sizeof *ix->paras);
	ix->para_section = calloc(ix->n_paras + 1, sizeof *ix->para_section);
	ix->para_number = calloc(ix->n_paras + 1, sizeof *ix->para_number);
	ix->para_marks = calloc(ix->n_paras + 1, sizeof *ix->para_marks);
	ix->para_start = calloc(ix->n_paras + 1, sizeof *ix->para_start);
	if (ix->paras == NULL || ix->para_section == NULL || ix->para_number == NULL ||
	    ix->para_marks == NULL || ix->para_start == NULL)
		goto error;
	/* Offsets are 32 bits: an article's text is far smaller
	 * (TEXTFILE_MAX_BYTES), and one that is not cannot be indexed. */
	size_t text_bytes = 0;
	for (size_t s = 0; s < a->n_sections; s++)
		for (size_t p = 0; p < a->sections[s].n_paragraphs; p++)
			text_bytes += a->sections[s].paragraphs[p].len;
	b.first_table_cap = first_table_cap(text_bytes);
	if (table_grow(&b) != 0)
		goto error;
	text_bytes = 0;
	size_t g = 0;
	for (size_t s = 0; s < a->n_sections; s++)
		for (size_t p = 0; p < a->sections[s].n_paragraphs; p++, g++) {
			ix->paras[g] = &a->sections[s].paragraphs[p];
			ix->para_section[g] = (uint32_t)s;
			ix->para_number[g] = (uint32_t)p;
			ix->para_marks[g] = (uint32_t)b.n_marks;
			ix->para_start[g] = (uint32_t)text_bytes;
			text_bytes += ix->paras[g]->len;
			if (text_bytes > UINT32_MAX ||
			    index_text(&b, ix->paras[g], ix->para_start[g], true) != 0)
				goto error;
		}
	for (size_t k = 0; k < n_also; k++)
		if (index_text(&b, &also[k], 0, false) != 0)
			goto error;
	ix->para_marks[g] = (uint32_t)b.n_marks;
	ix->para_start[g] = (uint32_t)text_bytes;
	/* In 16 bits when every offset fits them: the text's, the words'
	 * bytes' and the occurrences'. */
	ix->narrow = text_bytes <= UINT16_MAX && b.n_text <= UINT16_MAX && b.n_raw <= UINT16_MAX;
	if (ix->narrow) {
		ix->vocab16 = malloc((b.n_words + 1) * sizeof *ix->vocab16);
		ix->occ16 = malloc((b.n_raw + 1) * sizeof *ix->occ16);
	} else {
		ix->vocab = malloc((b.n_words + 1) * sizeof *ix->vocab);
		ix->occ = malloc((b.n_raw + 1) * sizeof *ix->occ);
	}
	/* The words back to back, and room for the last one's block. */
	ix->words = malloc(b.n_text + BLOCK);
	ix->marks = malloc((b.n_marks + 1) * sizeof *ix->marks);
	struct sort_key *keys = malloc((2 * b.n_words + 1) * sizeof *keys);
	if ((ix->vocab16 == NULL && ix->vocab == NULL) || (ix->occ16 == NULL && ix->occ == NULL) ||
	    ix->words == NULL || ix->marks == NULL || keys == NULL) {
		free(keys);
		goto error;
	}
	/* The distinct words in sorted order; then each occurrence in its
	 * word's run (a counting sort: the text's order stays within a word). */
	for (size_t r = 0; r < b.n_raw; r++)
		b.words[b.raw[r].word].count++;
	for (size_t w = 0; w < b.n_words; w++)
		keys[w] = (struct sort_key){prefix_of(b.bytes + b.words[w].text), (uint32_t)w};
	const struct sort_key *order = sort_vocabulary(&b, keys, b.n_words);
	/* The words' bytes and runs laid out in that order; each word's
	 * `first` becomes where its next occurrence goes. */
	uint32_t next = 0, text = 0;
	for (size_t v = 0; v < b.n_words; v++) {
		struct new_word *w = &b.words[order[v].word];
		set_vocab(ix, v, text, next);
		/* Whole blocks: what goes past the word, the next one overwrites. */
		copy_blocks(ix->words + text, b.bytes + w->text, w->len);
		text += w->len;
		w->first = next;
		next += w->count;
	}
	set_vocab(ix, b.n_words, text, next);
	free(keys);
	for (size_t r = 0; r < b.n_raw; r++)
		set_occ(ix, b.words[b.raw[r].word].first++, b.raw[r].at);
	if (b.n_marks > 0)
		memcpy(ix->marks, b.marks, b.n_marks * sizeof *ix->marks);
	ix->n_vocab = b.n_words;
	ix->n_occ = b.n_raw;
	builder_free(&b);
	return ix;
error:
	builder_free(&b);
	search_index_free(ix);
	return NULL;
}

/* ---- searching ---- */

/* Where the occurrences of one term are, and whether each needs a look
 * at what follows the word. */
struct term_run {
	size_t word_first, word_end; /* vocabulary words [first, end) */
	size_t first, end;           /* their occurrences, in ix->occ */
	bool check;                  /* the term goes on after its first word: */
	char after[AFTER_BYTES];     /* with this, folded (as fold_after) */
	size_t after_bytes;          /* of it */
	bool after_is_all;           /* and nothing more */
	size_t term;
};

/* <0, 0 or >0 as vocabulary word v sorts before, begins with, or sorts
 * after the bytes p[0..n). */
static int prefix_order(const struct search_index *ix, size_t v, const char *p, size_t n)
{
	size_t len = word_len(ix, v);
	int r = memcmp(ix->words + vocab_text(ix, v), p, len < n ? len : n);
	if (r != 0)
		return r;
	return len < n ? -1 : 0;
}

/* The first vocabulary word for which prefix_order(...) > after - 1. */
static size_t vocab_bound(const struct search_index *ix, const char *p, size_t n, int after)
{
	size_t lo = 0, hi = ix->n_vocab;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (prefix_order(ix, mid, p, n) < after)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct term_run term_run(const struct search_index *ix, const struct search_terms *t,
				size_t k)
{
	struct term_run run = {.term = k};
	/* Its first word, folded as the index folds; a term that does not
	 * start with a word character matches nowhere, as in search_text. */
	char word[SEARCH_MAX_TERM * 4];
	size_t n = 0, c = 0;
	for (; c < t->len[k] && search_is_word_cp(t->cp[k][c]); c++)
		n += utf8_encode(t->cp[k][c], word + n);
	if (c == 0)
		return run;
	run.check = c < t->len[k];
	if (run.check)
		run.after_is_all = c + fold_after(t->cp[k] + c, t->len[k] - c, run.after,
						  &run.after_bytes) == t->len[k];
	size_t lo = vocab_bound(ix, word, n, 0);
	/* A term that goes on needs its first word whole: the one word equal
	 * to it (the first of those that begin with it). */
	size_t hi = run.check ? lo + (lo < ix->n_vocab && word_len(ix, lo) == n &&
				       prefix_order(ix, lo, word, n) == 0)
			      : vocab_bound(ix, word, n, 1);
	if (lo < hi) {
		run.word_first = lo;
		run.word_end = hi;
		run.first = vocab_first(ix, lo);
		run.end = vocab_first(ix, hi);
	}
	return run;
}

/* What follows the word at byte `at` of p, folded as fold_after folds:
 * as many of its next AFTER_BYTES code points as fit, the rest zeros. */
static void after_word(const struct paragraph *p, size_t at, char out[AFTER_BYTES])
{
	const char *text = p->text;
	size_t len = p->len, i = at, step;
	while (i < len && search_is_word_cp(cp_to_lower(utf8_decode(text + i, len - i, &step))))
		i += step;
	uint32_t next[AFTER_BYTES];
	size_t n_next = 0, bytes;
	for (; i < len && n_next < AFTER_BYTES; i += step)
		next[n_next++] = cp_to_lower(utf8_decode(text + i, len - i, &step));
	fold_after(next, n_next, out, &bytes);
}

/* Does the text at o go on as the run's term does (all of it, within the
 * paragraph)? What the index keeps of what follows the word decides most;
 * for a longer term the text is read, and counted in *reads. */
static bool matches_at(const struct search_index *ix, const struct search_terms *t,
		       const struct term_run *run, const struct occurrence *o, size_t *reads)
{
	if (!run->check)
		return true;
	char after[AFTER_BYTES];
	after_word(ix->paras[o->para], o->byte, after);
	if (memcmp(after, run->after, run->after_bytes) != 0)
		return false;
	if (run->after_is_all)
		return true;
	++*reads;
	size_t k = run->term;
	const struct paragraph *p = ix->paras[o->para];
	size_t j = o->byte, c = 0;
	while (c < t->len[k] && j < p->len) {
		size_t s;
		if (cp_to_lower(utf8_decode(p->text + j, p->len - j, &s)) != t->cp[k][c])
			return false;
		j += s;
		c++;
	}
	return c == t->len[k];
}

static int by_size(const void *x, const void *y)
{
	const struct term_run *a = x, *b = y;
	size_t na = a->end - a->first, nb = b->end - b->first;
	return (na > nb) - (na < nb);
}

static bool before(const struct search_match *a, const struct search_match *b)
{
	return a->start < b->start || (a->start == b->start && a->term < b->term);
}

/* Keeps the SEARCH_MATCHES_LISTED first matches of a paragraph, in order. */
static void add_match(struct search_hit *h, struct search_match m)
{
	size_t n = h->n_matches;
	if (n == SEARCH_MATCHES_LISTED) {
		if (!before(&m, &h->matches[n - 1]))
			return;
		n--;
	}
	size_t at = n;
	while (at > 0 && before(&m, &h->matches[at - 1]))
		at--;
	memmove(&h->matches[at + 1], &h->matches[at], (n - at) * sizeof m);
	h->matches[at] = m;
	h->n_matches = n + 1;
}

/* The first occurrence of [o, end) (in the order of the text) that lies in
 * paragraph para or after. */
static size_t from_paragraph(const struct search_index *ix, size_t lo, size_t hi, uint32_t para)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (occ_at(ix, mid) < ix->para_start[para])
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The matches in the paragraphs of the page, which seen[] marks with their
 * place on it, and which lie in paragraphs [first, last]: each word of each
 * run is looked at only there. */
static void collect_matches(const struct search_index *ix, const struct search_terms *t,
			    const struct term_run *runs, const uint32_t *seen, uint32_t first,
			    uint32_t last, struct search_page *page, size_t *reads)
{
	for (size_t r = 0; r < t->n; r++)
		for (size_t v = runs[r].word_first; v < runs[r].word_end; v++) {
			size_t end = vocab_first(ix, v) + word_count(ix, v);
			uint32_t hint = first;
			for (size_t i = from_paragraph(ix, vocab_first(ix, v), end, first);
			     i < end && occ_at(ix, i) < ix->para_start[last + 1]; i++) {
				struct occurrence o = occurrence_at(ix, occ_at(ix, i), &hint);
				uint32_t slot = seen[o.para] >> 16;
				if (slot == 0 || !matches_at(ix, t, &runs[r], &o, reads))
					continue;
				struct search_hit *h = &page->hits[slot - 1];
				h->section = ix->para_section[o.para];
				h->paragraph = ix->para_number[o.para];
				/* In bytes for now, which order the matches as their
				 * code points do: see in_code_points. */
				add_match(h, (struct search_match){o.byte, 0, runs[r].term});
			}
		}
}

/* The matches of h, a hit in paragraph p with their starts in bytes, in
 * code points: counted from the start of the paragraph or from the last
 * mark before each, whichever is nearer, in one walk over the text. */
static void in_code_points(const struct search_index *ix, const struct search_terms *t,
			   uint32_t p, struct search_hit *h)
{
	const struct paragraph *para = ix->paras[p];
	const struct cp_mark *marks = ix->marks + ix->para_marks[p];
	size_t n_marks = ix->para_marks[p + 1] - ix->para_marks[p], m = 0;
	size_t byte = 0, cp = 0;
	for (size_t k = 0; k < h->n_matches; k++) {
		struct search_match *match = &h->matches[k];
		while (m < n_marks && marks[m].byte <= match->start)
			m++;
		if (m > 0 && marks[m - 1].byte > byte) {
			byte = marks[m - 1].byte;
			cp = marks[m - 1].cp;
		}
		while (byte < match->start) {
			size_t step;
			utf8_decode(para->text + byte, para->len - byte, &step);
			byte += step;
			cp++;
		}
		match->start = cp;
		match->end = cp + t->len[match->term];
	}
}

enum search_result search_index_find(const struct search_index *ix, const struct search_terms *t,
				     size_t section, size_t offset, size_t limit,
				     struct search_page *page)
{
	memset(page, 0, sizeof *page);
	struct term_run runs[SEARCH_MAX_TERMS];
	size_t spent = 0, reads = 0;
	for (size_t k = 0; k < t->n; k++) {
		runs[k] = term_run(ix, t, k);
		spent += runs[k].end - runs[k].first;
	}
	if (spent > SEARCH_BUDGET)
		return SEARCH_TOO_BROAD;
	/* The rarest term first: a paragraph it misses is skipped after. */
	qsort(runs, t->n, sizeof *runs, by_size);
	/* Per paragraph: low bits, the terms found; high bits, its place on
	 * the page plus one. */
	uint32_t *seen = calloc(ix->n_paras + 1, sizeof *seen);
	if (seen == NULL)
		return SEARCH_NO_MEMORY;
	for (size_t r = 0; r < t->n; r++) {
		uint32_t have = (1u << r) - 1, bit = 1u << r, hint = 0;
		for (size_t i = runs[r].first; i < runs[r].end; i++) {
			struct occurrence o = occurrence_at(ix, occ_at(ix, i), &hint);
			if (seen[o.para] != have || (section != (size_t)-1 &&
						     ix->para_section[o.para] != section))
				continue;
			if (matches_at(ix, t, &runs[r], &o, &reads))
				seen[o.para] |= bit;
		}
		if (spent + reads * SEARCH_TEXT_READ_COST > SEARCH_BUDGET) {
			free(seen);
			return SEARCH_TOO_BROAD;
		}
	}
	uint32_t all = (1u << t->n) - 1, first = 0, last = 0;
	size_t shown = 0;
	for (size_t p = 0; p < ix->n_paras; p++) {
		if (seen[p] != all || page->total++ < offset || shown >= limit)
			continue;
		seen[p] |= (uint32_t)++shown << 16;
		first = shown == 1 ? (uint32_t)p : first;
		last = (uint32_t)p;
	}
	if (shown > 0) {
		page->hits = calloc(shown, sizeof *page->hits);
		if (page->hits == NULL) {
			free(seen);
			return SEARCH_NO_MEMORY;
		}
		page->n = shown;
		collect_matches(ix, t, runs, seen, first, last, page, &reads);
		for (uint32_t p = first; p <= last; p++)
			if (seen[p] >> 16 != 0)
				in_code_points(ix, t, p, &page->hits[(seen[p] >> 16) - 1]);
	}
	free(seen);
	return SEARCH_OK;
}

bool search_index_has(const struct search_index *ix, const struct search_terms *t, size_t k)
{
	struct term_run run = term_run(ix, t, k);
	size_t reads = 0;
	uint32_t hint = 0;
	for (size_t i = run.first; i < run.end; i++) {
		struct occurrence o = occurrence_at(ix, occ_at(ix, i), &hint);
		if (matches_at(ix, t, &run, &o, &reads))
			return true;
	}
	return false;
}

void search_page_free(struct search_page *page)
{
	free(page->hits);
	memset(page, 0, sizeof *page);
}

size_t search_index_vocabulary(const struct search_index *ix)
{
	return ix->n_vocab;
}

const char *search_index_word(const struct search_index *ix, size_t i, size_t *n)
{
	*n = word_len(ix, i);
	return ix->words + vocab_text(ix, i);
}
