/* check_tokens.c - the text scanners that read 8 bytes at a time, against
 * what they promise a byte or a code point at a time: fold_text's fold of
 * texts made of every kind of byte that ends or continues a run, in
 * buffers of their exact size (so that AddressSanitizer sees a read or a
 * write past one); the tokenizer's fold, hash, code point offset and table
 * masks of each token; and a key of each table, split as a text, found as
 * that table's key by its one token. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/tables.h"
#include "../parser/tokens.h"
#include "../text/arena.h"
#include "../text/fold.h"
#include "../text/hash.h"
#include "../text/utf8.h"
#include "harness.h"

/* The pieces texts are made of: letters of both cases, digits, the bytes
 * on either side of the ranges of letters and digits, white space of each
 * kind, the bytes that join a word (apostrophe, hyphen, period), control
 * characters, letters and punctuation above ASCII, quote marks, an
 * invalid byte, and words long enough to take two and three steps of 8
 * bytes. */
static const char *const pieces[] = {
	"a", "Z", "Q", "m", "7", "0", "9", " ", " ", "\t", "\n", "\r", "\x01", "\x1f",
	"'", "-", ".", ",", "@", "[", "`", "{", "/", ":", "!", "\xc2\xa0", "\xe2\x80\x99",
	"\xe2\x80\x89", "\xd0\x96", "\xc3\x89", "\xff", "Kamchatka", "abcdefgh",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "Z0123456789abcdefXYZ", "said", "The", "U.S.", "P. ",
	"\"", "\xc2\xab", "\xe2\x80\x9d", "\xc2\xb0",
};
enum { N_PIECES = sizeof pieces / sizeof pieces[0] };

/* Text number seed, a few dozen pieces chosen by a fixed generator, into
 * buf (room for 1024 bytes); returns its length. */
static size_t make_text(unsigned seed, char *buf)
{
	uint32_t x = seed * 2654435761u + 12345u;
	size_t len = 0, count = seed % 40;
	for (size_t k = 0; k < count; k++) {
		x = x * 1103515245u + 12345u;
		const char *p = pieces[(x >> 16) % N_PIECES];
		size_t pl = strlen(p);
		if (len + pl > 1000)
			break;
		memcpy(buf + len, p, pl);
		len += pl;
	}
	return len;
}

/* The fold that fold.h describes, a code point at a time: white space
 * (and no-break spaces) in runs as one space between the rest,
 * typographic apostrophes as "'", every other code point lowered. */
static size_t fold_by_code_point(const char *s, size_t len, char *out)
{
	size_t o = 0, n;
	bool pending = false;
	for (size_t i = 0; i < len; i += n) {
		uint32_t cp = utf8_decode(s + i, len - i, &n);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0) {
			pending = o > 0;
			continue;
		}
		if (cp == 0x2019 || cp == 0x2018)
			cp = '\'';
		if (pending)
			out[o++] = ' ';
		pending = false;
		o += utf8_encode(cp_to_lower(cp), out + o);
	}
	out[o] = '\0';
	return o;
}

/* fold_text gives the fold of every text, or -1 where it and its NUL do
 * not fit: with room for exactly that, one byte less, and little room. */
START_TEST(fold_text_folds_as_a_code_point_at_a_time)
{
	for (unsigned seed = 0; seed < 4000; seed++) {
		char buf[1024], want[4096];
		size_t len = make_text(seed, buf);
		size_t want_len = fold_by_code_point(buf, len, want);
		char *text = malloc(len + 1); /* exactly the text's bytes: +1 for an empty one */
		ck_assert_ptr_nonnull(text);
		memcpy(text, buf, len);
		size_t caps[] = {want_len + 1, want_len, want_len + 9, 1 + seed % 12, 4096};
		for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
			/* (The bound, which every room here is within, also tells a
			 * compiler that the size of the malloc below is no huge one.) */
			if (caps[c] == 0 || caps[c] > sizeof want + 16)
				continue;
			char *out = malloc(caps[c]);
			ck_assert_ptr_nonnull(out);
			size_t got = fold_text(text, len, out, caps[c]);
			if (want_len + 1 > caps[c]) {
				expect_msg(got == (size_t)-1, "text %u, room %zu", seed, caps[c]);
			} else {
				expect_msg(got == want_len && memcmp(out, want, want_len + 1) == 0,
					      "text %u, room %zu: \"%s\", not \"%s\"", seed, caps[c],
					      got == (size_t)-1 ? "(none)" : out, want);
			}
			free(out);
		}
		free(text);
	}
}
END_TEST

/* The entry of the index for the folded text key, found by looking at
 * every slot: what token_index_get must find by hash and by 8 bytes at
 * a time. */
static const struct token_index_slot *index_scan(const struct token_index *ix, const char *key,
						 size_t len)
{
	for (size_t j = 0; j < ix->cap; j++)
		if (ix->probe[j] != 0 && ix->slots[j].len == len &&
		    memcmp(ix->slots[j].key, key, len) == 0)
			return &ix->slots[j];
	return NULL;
}

/* Each token's fold is fold_text's of its bytes (empty where that has no
 * room), its hash hash_bytes of the fold, its code point offset the count
 * before it, and its masks those of the index's entry for its fold; the
 * tokens follow one another through the text. */
START_TEST(a_token_carries_its_fold_its_hash_and_its_tables)
{
	struct tables t;
	char err[512];
	expect_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	size_t tokens = 0, in_tables = 0, hyphens = 0, colons = 0, numbers = 0, quotes = 0,
	       capitals = 0;
	for (unsigned seed = 0; seed < 4000; seed++) {
		char buf[1024];
		size_t len = make_text(seed, buf);
		char *text = malloc(len + 1);
		ck_assert_ptr_nonnull(text);
		memcpy(text, buf, len);
		struct arena scratch = {0};
		struct tokens tk;
		ck_assert_int_eq(tokens_split(&tk, text, len, &t.abbreviations, &t.token_index,
					      &scratch), 0);
		/* After the last token's marks, 8 bytes of every mark
		 * (tokens_next_marked stops there). */
		for (size_t k = 0; k < 8; k++)
			expect_msg(tk.marks[tk.n + k] == TOKEN_MARKS_ALL, "text %u", seed);
		size_t at = 0;
		for (size_t i = 0; i < tk.n; i++) {
			const struct token *tok = &tk.v[i];
			expect_msg(tok->start >= at && tok->end > tok->start && tok->end <= len,
				      "text %u, token %zu", seed, i);
			at = tok->end;
			char want[4096];
			size_t want_len = fold_text(text + tok->start, tok->end - tok->start, want,
						    (tok->end - tok->start) * 2 + 1);
			if (want_len == (size_t)-1)
				want_len = 0, want[0] = '\0';
			expect_msg(tok->fold_len == want_len && memcmp(tok->fold, want, want_len + 1) == 0,
				      "text %u, token %zu: \"%s\", not \"%s\"", seed, i, tok->fold, want);
			expect_msg(tok->fold_hash == hash_bytes(want, want_len), "text %u, token %zu",
				      seed, i);
			expect_msg(tok->cp_start == utf8_count(text, tok->start), "text %u, token %zu", seed, i);
			const struct token_index_slot *e = index_scan(&t.token_index, want, want_len);
			expect_msg(tok->in_tables == (e ? e->first_of : 0) &&
					      tok->is_key_of == (e ? e->key_of : 0) &&
					      tok->spans == (e ? e->spans : NULL),
				      "text %u, token %zu (\"%s\"): the index's masks", seed, i, want);
			/* Its marks: the index's for its fold, a hyphen in a
			 * word's fold, a colon glued after it, a number, a quote
			 * mark; the same side by side in tk.marks, with the
			 * capital's. */
			bool hyphen = tok->kind == TOKEN_WORD && memchr(want, '-', want_len) != NULL;
			bool colon = i + 1 < tk.n && !tk.v[i + 1].space_before &&
				     token_is_punct(&tk.v[i + 1], ':');
			bool number = tok->kind == TOKEN_NUMBER;
			bool quote = tok->kind == TOKEN_PUNCT && cp_is_quote(tok->cp);
			expect_msg(tok->marks == ((e ? e->marks : 0) | (hyphen ? TOKEN_MARK_HYPHEN : 0) |
						     (colon ? TOKEN_MARK_COLON_NEXT : 0) |
						     (number ? TOKEN_MARK_FIGURE_START : 0) |
						     (quote ? TOKEN_MARK_QUOTE : 0)),
				      "text %u, token %zu (\"%s\"): marks %x", seed, i, want, tok->marks);
			expect_msg(tk.marks[i] == (tok->marks | (tok->upper ? TOKEN_MARK_CAPITAL : 0)),
				   "text %u, token %zu", seed, i);
			quotes += quote;
			capitals += tok->upper;
			colons += colon;
			numbers += number;
			hyphens += hyphen;
			tokens++;
			in_tables += e != NULL;
		}
		arena_free(&scratch);
		free(text);
	}
	ck_assert_uint_gt(tokens, 10000);
	ck_assert_uint_gt(in_tables, 1000);
	ck_assert_uint_gt(hyphens, 100);
	ck_assert_uint_gt(colons, 100);
	ck_assert_uint_gt(numbers, 100);
	ck_assert_uint_gt(quotes, 100);
	ck_assert_uint_gt(capitals, 100);
	tables_free(&t);
}
END_TEST

/* tokens_next_marked finds what a scan of one token at a time finds: the
 * first token from i with a mark of the mask, or the count, on random
 * marks (few or many set) at every start, count and mask, the marks
 * after the last as tokens_split leaves them. */
START_TEST(the_next_marked_token_is_the_first_with_the_mark)
{
	uint32_t x = 12345u;
	uint8_t marks[80 + 8];
	size_t found = 0;
	for (unsigned round = 0; round < 3000; round++) {
		size_t n = round % 80;
		unsigned density = round % 7; /* a mark in about one byte in 2^density */
		for (size_t k = 0; k < n; k++) {
			x = x * 1103515245u + 12345u;
			uint8_t m = (uint8_t)(x >> 24);
			marks[k] = (x >> 8) % (1u << density) == 0 ? m : 0;
		}
		memset(marks + n, TOKEN_MARKS_ALL, 8);
		struct tokens tk = {.n = n, .marks = marks};
		for (unsigned mask = 1; mask < 256; mask += 1 + mask / 3) {
			for (size_t i = 0; i <= n; i++) {
				size_t want = i;
				while (want < n && (marks[want] & mask) == 0)
					want++;
				size_t got = tokens_next_marked(&tk, i, (uint8_t)mask);
				expect_msg(got == want, "n %zu, mask %02x, from %zu: %zu, not %zu", n,
					   mask, i, got, want);
				found += want < n;
			}
		}
	}
	ck_assert_uint_gt(found, 100000);
}
END_TEST

/* Every entry of the index that a table of next_start's (any_first,
 * number_whole) or of reported speech's scans has for a first token (or
 * for a whole key, of the number words) has its mark; and no other. */
START_TEST(the_first_tokens_of_the_scanned_tables_are_marked)
{
	struct tables t;
	char err[512];
	expect_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	const struct token_index *ix = &t.token_index;
	uint64_t starts = t.months.bit | t.relative_dates.bit | t.currencies.bit | t.numbers.bit;
	size_t marked[3] = {0};
	for (size_t j = 0; j < ix->cap; j++) {
		if (ix->probe[j] == 0)
			continue;
		const struct token_index_slot *s = &ix->slots[j];
		bool start = (s->first_of & starts) != 0 || (s->key_of & t.numbers.bit) != 0;
		bool verb = (s->first_of & t.verbs.bit) != 0;
		bool source = (s->first_of & t.source_phrases.bit) != 0;
		expect_msg(((s->marks & TOKEN_MARK_FIGURE_START) != 0) == start, "%s", s->key);
		expect_msg(((s->marks & TOKEN_MARK_VERB) != 0) == verb, "%s", s->key);
		expect_msg(((s->marks & TOKEN_MARK_SOURCE) != 0) == source, "%s", s->key);
		marked[0] += start;
		marked[1] += verb;
		marked[2] += source;
	}
	ck_assert_uint_gt(marked[0], 20);
	ck_assert_uint_gt(marked[1], 20);
	ck_assert_uint_gt(marked[2], 1);
	ck_assert(t.months.bit != 0 && t.verbs.bit != 0 && t.source_phrases.bit != 0);
	tables_free(&t);
}
END_TEST

/* The sentences as a scan of every token finds them: from each token that
 * may end one (a full stop, "!", "?", an ellipsis), with the closing
 * marks after it, where white space and a token that may open one
 * follow, and not after an initial or an abbreviation. */
static size_t sentences_by_scan(const struct tokens *tk, const struct lexicon *abbreviations,
				struct sentence *out)
{
	size_t n = 0, first = 0;
	for (size_t i = 0; i < tk->n; i++) {
		const struct token *t = &tk->v[i];
		if (t->kind != TOKEN_PUNCT ||
		    !(t->cp == '.' || t->cp == '!' || t->cp == '?' || t->cp == 0x2026))
			continue;
		size_t last = i;
		while (last + 1 < tk->n && tk->v[last + 1].kind == TOKEN_PUNCT &&
		       !tk->v[last + 1].space_before &&
		       (cp_is_quote(tk->v[last + 1].cp) || tk->v[last + 1].cp == ')'))
			last++;
		if (last + 1 < tk->n) {
			const struct token *next = &tk->v[last + 1];
			bool opens = (next->kind == TOKEN_WORD && next->upper) ||
				     next->kind == TOKEN_NUMBER ||
				     (next->kind == TOKEN_PUNCT &&
				      (cp_is_quote(next->cp) || cp_is_dash(next->cp) || next->cp == '('));
			if (!next->space_before || !opens)
				continue;
			const struct token *w = i > 0 ? &tk->v[i - 1] : NULL;
			if (t->cp == '.' && w != NULL && w->kind == TOKEN_WORD &&
			    ((w->upper && utf8_count(tk->text + w->start, w->end - w->start) == 1) ||
			     token_lookup(abbreviations, w) != NULL))
				continue;
		}
		out[n++] = (struct sentence){first, last + 1};
		first = last + 1;
		i = last;
	}
	if (first < tk->n)
		out[n++] = (struct sentence){first, tk->n};
	return n;
}

/* Texts of words, stops, closing and opening marks, initials and
 * abbreviations: tokens_split's sentences, made from the stops it noted,
 * are the scan's. */
START_TEST(sentences_end_where_a_scan_of_every_token_ends_them)
{
	static const char *const parts[] = {
		"Word", "word", ".", "!", "?", "\xe2\x80\xa6", "\"", "\xc2\xbb", ")", "(", "-",
		"\xe2\x80\x94", "12", "V.", "Mr.", "U.S.", " ", " ", " ", ",", "\xc2\xab",
	};
	struct tables t;
	char err[512];
	expect_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	uint32_t x = 2463534242u;
	size_t split = 0;
	for (unsigned k = 0; k < 20000; k++) {
		char text[512];
		size_t len = 0, count = k % 60;
		for (size_t p = 0; p < count; p++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			const char *piece = parts[x % (sizeof parts / sizeof parts[0])];
			memcpy(text + len, piece, strlen(piece));
			len += strlen(piece);
		}
		struct arena scratch = {0};
		struct tokens tk;
		ck_assert_int_eq(tokens_split(&tk, text, len, &t.abbreviations, &t.token_index,
					      &scratch), 0);
		struct sentence want[512];
		size_t n = sentences_by_scan(&tk, &t.abbreviations, want);
		ck_assert_uint_eq(tk.n_sentences, n);
		for (size_t si = 0; si < n; si++)
			expect_msg(tk.sentences[si].first == want[si].first &&
					      tk.sentences[si].last == want[si].last,
				      "text %u, sentence %zu", k, si);
		split += n > 1;
		arena_free(&scratch);
	}
	ck_assert_uint_gt(split, 5000);
	tables_free(&t);
}
END_TEST

/* The words the figure readers test by their text are marked in the
 * index: the range words, and figure_words' negative words. */
START_TEST(the_figure_words_are_marked_in_the_index)
{
	struct tables t;
	char err[512];
	expect_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	size_t marked = 0;
	for (const char *const *w = figure_range_words; *w != NULL; w++) {
		const struct token_index_slot *e = index_scan(&t.token_index, *w, strlen(*w));
		expect_msg(e != NULL && (e->marks & TOKEN_MARK_FIGURE_WORD), "%s", *w);
		marked++;
	}
	const struct lexicon *lx = &t.figure_words;
	for (const struct lex_entry *e = lexicon_first(lx); e; e = lexicon_next(lx, e)) {
		const struct token_index_slot *s = index_scan(&t.token_index, e->key, e->key_len);
		ck_assert_ptr_nonnull(s);
		bool range_word = false;
		for (const char *const *w = figure_range_words; *w != NULL; w++)
			range_word = range_word || index_scan(&t.token_index, *w, strlen(*w)) == s;
		expect_msg(((s->marks & TOKEN_MARK_FIGURE_WORD) != 0) ==
				      ((e->value_tag & FIGWORD_NEGATIVE) != 0 || range_word),
			      "%s", e->key);
		marked += (e->value_tag & FIGWORD_NEGATIVE) != 0;
	}
	ck_assert_uint_gt(marked, 2);
	tables_free(&t);
}
END_TEST

/* A key of one token, split as a text as written and in capitals, is a
 * token whose masks say it is a key of its table: the index finds keys
 * of every length (8 bytes and more among them) by its first 8 bytes and
 * the rest. */
START_TEST(a_key_of_one_token_is_found_as_its_tables_key)
{
	struct tables t;
	char err[512];
	expect_msg(tables_load(&t, NULL, err, sizeof err) == 0, "%s", err);
	const struct lexicon *tables[] = {&t.titles, &t.countries, &t.outlets, &t.months,
					  &t.verbs, &t.currencies, &t.numbers, &t.name_stop,
					  &t.function_words, &t.noun_endings};
	size_t found = 0, long_keys = 0;
	for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
		const struct lexicon *lx = tables[k];
		if (lx->bit == 0)
			continue;
		for (const struct lex_entry *e = lexicon_first(lx); e; e = lexicon_next(lx, e)) {
			char upper[300];
			size_t wl = strlen(e->written);
			if (wl >= sizeof upper)
				continue;
			for (size_t c = 0; c <= wl; c++)
				upper[c] = (char)(e->written[c] >= 'a' && e->written[c] <= 'z'
							  ? e->written[c] - 32
							  : e->written[c]);
			const char *texts[] = {e->written, upper};
			for (size_t v = 0; v < 2; v++) {
				char *text = malloc(wl + 1);
				ck_assert_ptr_nonnull(text);
				memcpy(text, texts[v], wl);
				struct arena scratch = {0};
				struct tokens tk;
				ck_assert_int_eq(tokens_split(&tk, text, wl, NULL, &t.token_index, &scratch),
						 0);
				if (tk.n == 1 && tk.v[0].fold_len == e->key_len &&
				    memcmp(tk.v[0].fold, e->key, e->key_len) == 0) {
					expect_msg(tk.v[0].is_key_of & lx->bit, "table %zu: \"%s\"", k,
						      texts[v]);
					found++;
					long_keys += e->key_len > 8;
				}
				arena_free(&scratch);
				free(text);
			}
		}
	}
	ck_assert_uint_gt(found, 500);
	ck_assert_uint_gt(long_keys, 50);
	tables_free(&t);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tokens");
	TCase *tc = tcase_create("tokens");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, fold_text_folds_as_a_code_point_at_a_time);
	tcase_add_test(tc, a_token_carries_its_fold_its_hash_and_its_tables);
	tcase_add_test(tc, a_key_of_one_token_is_found_as_its_tables_key);
	tcase_add_test(tc, sentences_end_where_a_scan_of_every_token_ends_them);
	tcase_add_test(tc, the_figure_words_are_marked_in_the_index);
	tcase_add_test(tc, the_next_marked_token_is_the_first_with_the_mark);
	tcase_add_test(tc, the_first_tokens_of_the_scanned_tables_are_marked);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
