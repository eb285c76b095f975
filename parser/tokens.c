/* tokens.c - see tokens.h. */
#include "tokens.h"

#include <stdlib.h>
#include <string.h>

#include "../text/fold.h"
#include "../text/utf8.h"

static bool is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static bool is_alnum(uint32_t cp)
{
	return is_digit(cp) || cp_is_letter(cp);
}

static uint32_t peek(const char *s, size_t len, size_t i, size_t *n)
{
	if (i >= len) {
		*n = 0;
		return 0;
	}
	return utf8_decode(s + i, len - i, n);
}

/* Reads a number starting at s[i] (a digit). Thousands separators are a
 * comma or a period before exactly three digits, or an apostrophe there
 * ("120'500", as some translations write them); otherwise a single comma
 * or period is the decimal point, as translations write both "12.5" and
 * "12,5". Returns the end offset, or i if the digits run into letters
 * ("21st", "5G"), which makes them part of a word. */
static size_t scan_number(const char *s, size_t len, size_t i, double *value, bool *integer,
			  bool *grouped)
{
	size_t j = i;
	double v = 0;
	while (j < len && is_digit((unsigned char)s[j]))
		v = v * 10 + (s[j++] - '0');
	*integer = true;
	*grouped = false;
	for (;;) {
		if (j + 1 >= len || (s[j] != ',' && s[j] != '.' && s[j] != '\'') ||
		    !is_digit((unsigned char)s[j + 1]))
			break;
		size_t k = j + 1, digits = 0;
		while (k < len && is_digit((unsigned char)s[k])) {
			k++;
			digits++;
		}
		if (s[j] == '\'' && (digits != 3 || !*integer))
			break; /* an apostrophe separates thousands only */
		if (digits == 3 && *integer && (s[j] == ',' || s[j] == '\'' || (k < len && s[k] == '.' &&
								  k + 1 < len && is_digit((unsigned char)s[k + 1])) ||
						 *grouped)) {
			for (size_t d = j + 1; d < k; d++)
				v = v * 10 + (s[d] - '0');
			*grouped = true;
			j = k;
			continue;
		}
		if (!*integer)
			break;
		double scale = 0.1;
		for (size_t d = j + 1; d < k; d++, scale /= 10)
			v += (s[d] - '0') * scale;
		*integer = false;
		j = k;
	}
	size_t n;
	uint32_t next = peek(s, len, j, &n);
	if (cp_is_letter(next))
		return i;
	*value = v;
	return j;
}

/* End of a word starting at s[i]: letters and digits, joined by an inner
 * apostrophe ("don't", but not the possessive "'s", which becomes a token of
 * its own) or hyphen ("Jong-un", "M-60"; not "2019-2021"). */
static size_t scan_word(const char *s, size_t len, size_t i)
{
	size_t j = i, n;
	/* Initialisms with periods: "U.S.", "e.g." */
	if (j + 3 < len && cp_is_letter((unsigned char)s[j]) && s[j + 1] == '.' &&
	    cp_is_letter((unsigned char)s[j + 2]) && s[j + 3] == '.') {
		j += 4;
		while (j + 1 < len && cp_is_letter((unsigned char)s[j]) && s[j + 1] == '.')
			j += 2;
		return j;
	}
	/* An initial before a name: "P. Lebedev" (or "P. S. Lebedev") is the
	 * word "A." and a name, not the end of a sentence. */
	size_t in1, in2, in3;
	uint32_t c0 = peek(s, len, j, &in1);
	if (cp_is_upper(c0) && j + in1 + 2 < len && s[j + in1] == '.' && s[j + in1 + 1] == ' ') {
		uint32_t c1 = peek(s, len, j + in1 + 2, &in2);
		uint32_t c2 = peek(s, len, j + in1 + 2 + in2, &in3);
		if (cp_is_upper(c1) && (cp_is_letter(c2) || c2 == '.'))
			return j + in1 + 1;
	}
	uint32_t prev = 0;
	while (j < len) {
		if (ascii_alnum[(unsigned char)s[j]]) {
			/* A run of ASCII letters and digits: no decoding needed. */
			size_t k = j + 1;
			while (k < len && ascii_alnum[(unsigned char)s[k]])
				k++;
			prev = (unsigned char)s[k - 1];
			j = k;
			continue;
		}
		/* Other ASCII ends the word, but for the apostrophe and the
		 * hyphen that may join two parts of it (below). */
		unsigned char c = (unsigned char)s[j];
		if (c < 0x80 && c != '\'' && c != '-')
			break;
		uint32_t cp = peek(s, len, j, &n);
		if (is_alnum(cp)) {
			prev = cp;
			j += n;
			continue;
		}
		size_t n2;
		uint32_t next = peek(s, len, j + n, &n2);
		if ((cp == '\'' || cp == 0x2019) && cp_is_letter(next)) {
			size_t n3;
			uint32_t after = peek(s, len, j + n + n2, &n3);
			if ((next == 's' || next == 'S') && !is_alnum(after))
				break; /* possessive */
			j += n;
			continue;
		}
		if (cp == '-' && is_alnum(next) && (cp_is_letter(prev) || cp_is_letter(next))) {
			j += n;
			continue;
		}
		break;
	}
	return j;
}

/* fold_text of a token that is ASCII without white space (most are), and
 * its hash, in one pass; (size_t)-1 for any other, which fold_text folds.
 * out has room for len + 1 bytes. */
static size_t fold_ascii(const char *s, size_t len, char *out, uint64_t *hash)
{
	uint64_t h = HASH_START;
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c >= 0x80 || c == ' ' || c == '\t' || c == '\n')
			return (size_t)-1;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		out[k] = (char)c;
		h = hash_more(h, (const char *)&c, 1);
	}
	out[len] = '\0';
	*hash = h;
	return len;
}

/* The commonest word, of ASCII letters and digits with nothing joined to
 * it, read, folded and hashed in one pass (what scan_word and then
 * fold_ascii make of it): returns its end, its fold in out (room for it,
 * a NUL and 8 bytes more, as 8 bytes are stored at a time) and the
 * fold's hash in *hash. 0 when the word at s[i] (an ASCII letter) is one
 * for scan_word: a period after its first letter (an initial, an
 * initialism), or an apostrophe, a hyphen or a byte above ASCII after its
 * letters and digits.
 *
 * Eight bytes a step: which are letters or digits, and the capitals
 * lowered, all at once (a byte at a time, this loop was a third of the
 * tokenizer). */
static size_t ascii_word_folded(const char *s, size_t len, size_t i, char *out, uint64_t *hash)
{
	uint64_t h = HASH_START;
	size_t k = i, run;
	do {
		uint64_t w = bytes_load(s + k, len - k), letters;
		uint64_t alnum = bytes_ascii_alnum(w, &letters);
		uint64_t lowered = w | (letters >> 2); /* 0x80 >> 2: the 0x20 of a small letter */
		memcpy(out + (k - i), &lowered, 8);
		run = bytes_before_mark(~alnum & 0x8080808080808080ULL);
		h = hash_more_8(h, out + (k - i), run);
		k += run;
	} while (run == 8);
	/* The byte after: one above ASCII, an apostrophe or a hyphen, or a
	 * period after a single letter, is scan_word's; the three ASCII bytes
	 * told by one test of a mask (bit b: byte b). */
	const uint64_t joins = UINT64_C(1) << '\'' | UINT64_C(1) << '-' | UINT64_C(1) << '.';
	unsigned char after = k < len ? (unsigned char)s[k] : 0;
	if (after >= 0x80 || (after < 64 && (joins >> after & 1) != 0 && (after != '.' || k == i + 1)))
		return 0;
	out[k - i] = '\0';
	*hash = h;
	return k;
}

/* Splits the tokens into sentences at the stops (a full stop, "!", "?"
 * or an ellipsis) that end one: stops[0..n_stops), the indexes of every
 * such token in order, which tokens_split noted as it made them. */
static void split_sentences(struct tokens *tk, const struct lexicon *abbreviations,
			    const size_t *stops, size_t n_stops)
{
	size_t first = 0;
	/* (The closing marks that a sentence takes after its stop are no
	 * stops: the next stop is the next to look at.) */
	for (size_t si = 0; si < n_stops; si++) {
		size_t i = stops[si];
		const struct token *t = &tk->v[i];
		/* Closing quote marks and brackets after the stop belong to this sentence. */
		size_t last = i;
		while (last + 1 < tk->n && tk->v[last + 1].kind == TOKEN_PUNCT &&
		       !tk->v[last + 1].space_before &&
		       (cp_is_quote(tk->v[last + 1].cp) || tk->v[last + 1].cp == ')'))
			last++;
		if (last + 1 < tk->n) {
			const struct token *next = &tk->v[last + 1];
			if (!next->space_before)
				continue;
			bool starts = (next->kind == TOKEN_WORD && next->upper) ||
				      next->kind == TOKEN_NUMBER ||
				      (next->kind == TOKEN_PUNCT &&
				       (cp_is_quote(next->cp) || cp_is_dash(next->cp) || next->cp == '('));
			if (!starts)
				continue;
			if (t->cp == '.' && i > 0 && tk->v[i - 1].kind == TOKEN_WORD) {
				const struct token *w = &tk->v[i - 1];
				size_t wlen = w->end - w->start;
				/* An initial ("V. Petrov") or a known abbreviation ("Mr.") */
				if ((w->upper && utf8_count(tk->text + w->start, wlen) == 1) ||
				    (abbreviations && token_lookup(abbreviations, w)))
					continue;
			}
		}
		tk->sentences[tk->n_sentences++] = (struct sentence){first, last + 1};
		first = last + 1;
	}
	if (first < tk->n)
		tk->sentences[tk->n_sentences++] = (struct sentence){first, tk->n};
}

/* The fold of a token that is one ASCII byte c other than a letter or a
 * digit (punctuation, most of the rest), and its hash: what fold_ascii
 * makes of it, without its loop. */
static uint64_t fold_ascii_byte(unsigned char c, char *out)
{
	out[0] = (char)c;
	out[1] = '\0';
	return (HASH_START ^ c) * HASH_PRIME;
}

/* The token index's masks for the token t (folded and hashed), or every
 * bit where there is no index (tokens.h). */
static void token_find_tables(struct token *t, const struct token_index *index)
{
	if (index == NULL) {
		t->in_tables = t->is_key_of = UINT64_MAX;
		t->spans = NULL;
		t->marks = TOKEN_MARKS_ALL;
		return;
	}
	const struct token_index_slot *e = token_index_get(index, t->fold, t->fold_len, t->fold_hash);
	if (e == NULL) {
		t->in_tables = t->is_key_of = 0;
		t->spans = NULL;
		return;
	}
	t->in_tables = e->first_of;
	t->is_key_of = e->key_of;
	t->spans = e->spans;
	t->marks |= e->marks;
}

int tokens_split(struct tokens *tk, const char *text, size_t len,
		 const struct lexicon *abbreviations, const struct token_index *index,
		 struct arena *scratch)
{
	memset(tk, 0, sizeof *tk);
	tk->text = text;
	tk->len = len;
	/* Room for a token per four bytes, which prose never fills (one per
	 * byte would be the bound, and 100 times the text); a text that does
	 * (runs of punctuation) moves to twice the room, the old one left to
	 * the scratch arena, which the parse frees whole. */
	size_t cap = len / 4 + 16;
	struct token *v = arena_alloc(scratch, (cap + 1) * sizeof *v);
	if (v == NULL)
		return -1;
	/* The folds of all tokens in one block: each token has room for the
	 * longest fold of its bytes (2 a byte and the NUL), so 3 bytes a byte
	 * of text at most, and 8 more, as ascii_word_folded stores and
	 * token_index_get reads 8 bytes at a time. */
	char *folds = arena_alloc(scratch, len * 3 + 1 + 8);
	/* The tokens that may end a sentence, noted as they are made (as
	 * many as the tokens at most): split_sentences looks at those only. */
	size_t *stops = arena_alloc(scratch, cap * sizeof *stops), n_stops = 0;
	if (folds == NULL || stops == NULL)
		return -1;
	/* The tokens' count and array in locals, not in *tk, until the end:
	 * the compiler cannot tell a store to a token from one to *tk, and
	 * would read both again after each. */
	size_t n_tokens = 0;
	char *fold_at = folds; /* where the next token's fold goes */
	bool space = true;
	/* Code points in text[0..i) are i - extra: extra, the bytes that are
	 * no code point's first, changes only where a piece passed is not
	 * ASCII (rare), and ASCII costs nothing to count. */
	size_t i = 0, extra = 0;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		size_t n = 1;
		uint32_t cp = c;
		/* White space, told from the byte where it is ASCII: a code
		 * point of its own, of which it counts one. */
		if (c < 0x80) {
			if (c == ' ' || c == '\n' || c == '\t') {
				space = true;
				i++;
				continue;
			}
		} else {
			size_t mb;
			cp = utf8_decode_multibyte(text + i, len - i, &mb);
			n = mb;
			if (cp == 0xA0 || cp == 0x2009 || cp == 0x202F) {
				space = true;
				extra += n - 1;
				i += n;
				continue;
			}
		}
		if (n_tokens == cap) {
			struct token *grown = arena_alloc(scratch, (2 * cap + 1) * sizeof *grown);
			size_t *more = arena_alloc(scratch, 2 * cap * sizeof *more);
			if (grown == NULL || more == NULL)
				return -1;
			memcpy(grown, v, n_tokens * sizeof *grown);
			memcpy(more, stops, n_stops * sizeof *more);
			v = grown;
			stops = more;
			cap *= 2;
		}
		struct token *t = &v[n_tokens++];
		/* Field by field: a memset of the whole token was a tenth of
		 * the tokenizer's time. */
		t->number = 0;
		t->integer = t->grouped = t->upper = false;
		t->marks = 0;
		/* (The colon first, and said to be rare: else the compiler
		 * computes all three tests at every token, without a branch.) */
		if (__builtin_expect(c == ':', 0) && !space && n_tokens > 1)
			v[n_tokens - 2].marks |= TOKEN_MARK_COLON_NEXT;
		t->start = i;
		t->cp_start = i - extra;
		t->cp = cp;
		t->space_before = space;
		space = false;
		char *fold = fold_at;
		t->fold = fold;
		size_t end, fl = (size_t)-1;
		if (ascii_alnum[c] && !is_digit(c)) {
			t->kind = TOKEN_WORD;
			t->upper = c <= 'Z';
			end = ascii_word_folded(text, len, i, fold, &t->fold_hash);
			if (end != 0)
				fl = end - i;
			else
				end = scan_word(text, len, i);
		} else if (is_digit(cp)) {
			end = scan_number(text, len, i, &t->number, &t->integer, &t->grouped);
			if (end > i) {
				t->kind = TOKEN_NUMBER;
				t->marks = TOKEN_MARK_FIGURE_START;
			} else {
				t->kind = TOKEN_WORD;
				end = scan_word(text, len, i);
			}
		} else if (c >= 0x80 && cp_is_letter(cp)) {
			t->kind = TOKEN_WORD;
			t->upper = cp_is_upper(cp);
			end = scan_word(text, len, i);
		} else if ((cp == '\'' || cp == 0x2019) && i + n < len &&
			   (text[i + n] == 's' || text[i + n] == 'S') &&
			   (i + n + 1 >= len || !is_alnum((unsigned char)text[i + n + 1]))) {
			t->kind = TOKEN_WORD; /* possessive 's */
			end = i + n + 1;
		} else if (c < 0x80) {
			t->kind = TOKEN_PUNCT;
			end = i + 1;
			t->fold_hash = fold_ascii_byte(c, fold);
			fl = 1;
			if (c == '.' || c == '!' || c == '?')
				stops[n_stops++] = n_tokens - 1;
			else if (c == '"') /* the one ASCII quote mark */
				t->marks = TOKEN_MARK_QUOTE;
		} else {
			t->kind = TOKEN_PUNCT;
			end = i + n;
			if (cp == 0x2026)
				stops[n_stops++] = n_tokens - 1;
			else if (cp_is_quote(cp))
				t->marks = TOKEN_MARK_QUOTE;
		}
		t->end = end;
		bool slow = fl == (size_t)-1;
		if (slow)
			fl = fold_ascii(text + i, end - i, fold, &t->fold_hash);
		if (fl == (size_t)-1) { /* not ASCII */
			extra += (end - i) - utf8_count(text + i, end - i);
			fl = fold_text(text + i, end - i, fold, (end - i) * 2 + 1);
			if (fl == (size_t)-1) {
				fold[0] = '\0';
				fl = 0;
			}
			t->fold_hash = hash_bytes(fold, fl);
		}
		/* (A word that ascii_word_folded made has no hyphen.) */
		if (slow && t->kind == TOKEN_WORD && memchr(fold, '-', fl) != NULL)
			t->marks |= TOKEN_MARK_HYPHEN;
		t->fold_len = fl;
		fold_at += fl + 1;
		i = end;
		/* The commonest gap, one space, passed here rather than by a
		 * turn of the loop. */
		if (i < len && text[i] == ' ') {
			space = true;
			i++;
		}
	}
	tk->v = v;
	tk->n = n_tokens;
	/* Each token's tables and marks, in a pass of their own once the
	 * tokens are made, the marks side by side with the capital's, which
	 * the pass reads from the token: looked up or stored as each token
	 * is made, they cost the loop above more than this pass does (its
	 * values no longer fit the registers, and are stored and read back
	 * a token at a time). */
	uint8_t *marks = arena_alloc(scratch, n_tokens + 8);
	if (marks == NULL)
		return -1;
	/* The index's fields in a copy of our own, which the compiler keeps
	 * in registers: for it, the stores of bytes below may change
	 * anything else, and it would read them again at each token. */
	struct token_index own;
	const struct token_index *ix = index;
	if (index != NULL) {
		own = *index;
		ix = &own;
	}
	for (size_t k = 0; k < n_tokens; k++) {
		token_find_tables(&v[k], ix);
		marks[k] = v[k].marks | (v[k].upper ? TOKEN_MARK_CAPITAL : 0);
	}
	memset(marks + n_tokens, TOKEN_MARKS_ALL, 8);
	tk->marks = marks;
	tk->sentences = arena_alloc(scratch, (tk->n + 1) * sizeof *tk->sentences);
	tk->memo = arena_alloc(scratch, TOKEN_MATCH_MEMO * sizeof *tk->memo);
	if (tk->sentences == NULL || tk->memo == NULL)
		return -1;
	memset(tk->memo, 0, TOKEN_MATCH_MEMO * sizeof *tk->memo);
	split_sentences(tk, abbreviations, stops, n_stops);
	tk->tables_known = index != NULL;
	return 0;
}

/* The bit of struct lex_entry's spans for keys of words words. */
#define SPANS_MANY (UINT32_C(1) << 31)
static uint32_t span_bit(unsigned words)
{
	return words >= 31 ? SPANS_MANY : 1u << words;
}

/* Tokens [first, first + n) of tk, as a key that tokens_match_keys looks up. */
struct token_span {
	const struct tokens *tk;
	size_t first, n;
};

/* Does the entry's key (of the length of the span's key) spell the span
 * as tokens_match_keys joins its tokens: their folds, a space before
 * each but the first that has white space before it? Inline, so that
 * lexicon_get_hashed_by's call through the pointer is compiled away: the
 * call cost as much as the comparing. */
static inline bool spells(const struct lex_entry *e, const void *ctx)
{
	const struct token_span *sp = ctx;
	const char *key = e->key;
	for (size_t m = sp->first; m < sp->first + sp->n; m++) {
		const struct token *t = &sp->tk->v[m];
		if (m > sp->first && t->space_before && *key++ != ' ')
			return false;
		/* Both may be read 8 bytes at a time: the fold (tokens.h), and
		 * the key, which has 8 zero bytes after it (lexicon.h). */
		if (!bytes_equal_padded(key, t->fold, t->fold_len))
			return false;
		key += t->fold_len;
	}
	return true;
}

static const struct lex_entry *match_keys(const struct tokens *tk, size_t i,
					  const struct lexicon *lx, size_t *count, bool known);

const struct lex_entry *tokens_match_keys(const struct tokens *tk, size_t i,
					  const struct lexicon *lx, size_t *count)
{
	*count = 0;
	if (i >= tk->n || lx->count == 0)
		return NULL;
	/* Does a key of lx start with this token? The token knows for the
	 * tables, without a lookup. */
	bool known = lx->bit != 0 && tk->tables_known;
	if (known && !(tk->v[i].in_tables & lx->bit))
		return NULL;
	struct token_match_memo *m =
		tk->memo == NULL
			? NULL
			: &tk->memo[(i * 31 + ((uintptr_t)lx >> 4)) & (TOKEN_MATCH_MEMO - 1)];
	if (m != NULL && m->lx == lx && m->i == i) {
		*count = m->count;
		return m->entry;
	}
	/* A tokens without memory (tests, tokens_index_firsts) asks afresh. */
	const struct lex_entry *e = match_keys(tk, i, lx, count, known);
	if (m != NULL)
		*m = (struct token_match_memo){lx, i, *count, e};
	return e;
}

/* tokens_match_keys past its first tests. */
static const struct lex_entry *match_keys(const struct tokens *tk, size_t i,
					  const struct lexicon *lx, size_t *count, bool known)
{
	*count = 0;
	/* Which numbers of words the keys that start with this token have: a
	 * span of any other number of words needs no lookup. A table of
	 * one-word keys needs no lookup to say so. */
	uint32_t spans = UINT32_MAX;
	unsigned max_words = lx->max_words;
	if (known && lx->max_words == 1) {
		spans = 1u << 1;
	} else if (known && tk->v[i].spans != NULL) {
		/* The table's firsts entry for this token, as the index copied it. */
		spans = tk->v[i].spans[token_index_rank(tk->v[i].in_tables, lx->bit)];
	} else if (lx->firsts != NULL) {
		const struct lex_entry *first = lexicon_get_fold(
			lx->firsts, tk->v[i].fold, tk->v[i].fold_len, tk->v[i].fold_hash);
		if (first == NULL)
			return NULL;
		spans = first->spans;
	}
	if (spans == 0)
		return NULL;
	if (spans != UINT32_MAX && !(spans & SPANS_MANY)) {
		unsigned most = 31 - (unsigned)__builtin_clz(spans);
		max_words = most < max_words ? most : max_words;
	}
	/* Two words that no key of two words or more begins with leave only
	 * the keys of one. The tokens i and i + 1 are those two words when
	 * each stands alone (white space before the token after it, or none
	 * after): a token holds no white space. */
	if (max_words > 1 && i + 1 < tk->n && tk->v[i + 1].space_before &&
	    (i + 2 >= tk->n || tk->v[i + 2].space_before) &&
	    !lexicon_may_begin(lx, tk->v[i].fold_hash, tk->v[i + 1].fold_hash))
		max_words = 1;
	enum { MAX_SPAN = 24, MAX_KEY = 256 };
	if (max_words == 1 && (i + 1 >= tk->n || tk->v[i + 1].space_before)) {
		/* The token alone, nothing glued to it: the span of one token is
		 * the only key to try, as the loops below would find. */
		const struct token *t = &tk->v[i];
		if (t->fold_len + 2 >= MAX_KEY || !(spans & span_bit(1)))
			return NULL;
		struct token_span sp = {tk, i, 1};
		const struct lex_entry *e =
			lexicon_get_hashed_by(lx, t->fold_len, t->fold_hash, spells, &sp);
		if (e == NULL || !lex_case_ok(e, tk->text + t->start, t->end - t->start))
			return NULL;
		*count = 1;
		return e;
	}
	size_t key_len[MAX_SPAN + 1];   /* key_len[k]: key of tokens [i, i+k) */
	unsigned key_words[MAX_SPAN + 1]; /* and its number of words */
	uint64_t key_hash[MAX_SPAN + 1]; /* and its hash, each extending the one before */
	uint64_t h = HASH_START;
	size_t klen = 0, words = 0, span = 0;
	/* The key token by token, its length and hash (the bytes are not
	 * put together: spells() compares an entry with the tokens): words
	 * joined by one space, glued punctuation as written ("US$", "mln."). */
	for (size_t k = i; k < tk->n && span < MAX_SPAN; k++) {
		const struct token *t = &tk->v[k];
		bool glued = k > i && !t->space_before;
		if (!glued && ++words > max_words)
			break;
		size_t fl = t->fold_len;
		if (klen + fl + 2 >= MAX_KEY)
			break;
		if (k > i && !glued) {
			klen++;
			h = hash_more(h, " ", 1);
		}
		klen += fl;
		/* The first token's hash is the one it carries. */
		h = k == i ? t->fold_hash : hash_more(h, t->fold, fl);
		key_len[++span] = klen;
		key_hash[span] = h;
		key_words[span] = words;
	}
	for (size_t k = span; k > 0; k--) {
		if (!(spans & span_bit(key_words[k])))
			continue;
		struct token_span sp = {tk, i, k};
		const struct lex_entry *e =
			lexicon_get_hashed_by(lx, key_len[k], key_hash[k], spells, &sp);
		if (e == NULL)
			continue;
		size_t tlen = tk->v[i + k - 1].end - tk->v[i].start;
		if (lex_case_ok(e, tk->text + tk->v[i].start, tlen)) {
			*count = k;
			return e;
		}
	}
	return NULL;
}

int tokens_index_firsts(struct lexicon *lx, struct arena *arena)
{
	struct lexicon *firsts = calloc(1, sizeof *firsts);
	if (firsts == NULL)
		return -1;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e)) {
		struct arena scratch = {0};
		struct tokens tk;
		int rc = tokens_split(&tk, e->written, strlen(e->written), NULL, NULL, &scratch);
		if (rc == 0 && tk.n > 0)
			rc = lexicon_add(firsts, arena, tk.v[0].fold, NULL) < 0 ? -1 : 0;
		if (rc == 0 && tk.n > 0) {
			struct lex_entry *first =
				lexicon_entry(firsts, tk.v[0].fold, tk.v[0].fold_len);
			if (first != NULL)
				first->spans |= span_bit(e->words);
		}
		arena_free(&scratch);
		if (rc != 0) {
			lexicon_free(firsts);
			free(firsts);
			return -1;
		}
	}
	lx->firsts = firsts;
	return 0;
}

int tokens_index_table(struct token_index *index, struct lexicon *lx, uint64_t bit)
{
	lx->bit = bit;
	/* The table's keys and its firsts' keys are folded as a token's text
	 * is, so that a token finds them byte for byte. */
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		if (token_index_add(index, e->key, e->key_len, 0, bit) != 0)
			return -1;
	if (lx->firsts == NULL)
		return 0;
	for (const struct lex_entry *f = lexicon_first(lx->firsts); f != NULL;
	     f = lexicon_next(lx->firsts, f))
		if (token_index_add(index, f->key, f->key_len, bit, 0) != 0)
			return -1;
	return 0;
}

int tokens_index_spans(struct token_index *index, const struct lexicon *lx)
{
	if (lx->bit == 0 || lx->firsts == NULL)
		return 0;
	for (const struct lex_entry *f = lexicon_first(lx->firsts); f != NULL;
	     f = lexicon_next(lx->firsts, f))
		if (token_index_set_spans(index, f->key, f->key_len, lx->bit, f->spans) != 0)
			return -1;
	return 0;
}

size_t tokens_cp(const struct tokens *tk, size_t b)
{
	if (tk->n == 0 || b < tk->v[0].start)
		return utf8_count(tk->text, b);
	size_t lo = 0, hi = tk->n;
	while (lo + 1 < hi) { /* the last token that starts at or before b */
		size_t mid = (lo + hi) / 2;
		if (tk->v[mid].start <= b)
			lo = mid;
		else
			hi = mid;
	}
	return tk->v[lo].cp_start + utf8_count(tk->text + tk->v[lo].start, b - tk->v[lo].start);
}

size_t tokens_sentence_of(const struct tokens *tk, size_t i)
{
	size_t lo = 0, hi = tk->n_sentences;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (tk->sentences[mid].first <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

