/* check_bytes.c - the tests of eight bytes at once in text/bytes.h that
 * answer byte by byte (bytes_eq, bytes_count_marks, bytes_ascii_alnum),
 * the word count made with them (bytes_more_words_than) and the search
 * of sixteen bytes at once (bytes_has_or_pair), each against a plain
 * loop on edge inputs and on random ones. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../text/bytes.h"
#include "harness.h"

/* A fixed generator: the same words on every run. */
static uint64_t next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* bytes_eq as a byte loop: the high bit of each byte that is c. */
static uint64_t eq_by_bytes(uint64_t w, unsigned char c)
{
	uint64_t marks = 0;
	for (int b = 0; b < 8; b++)
		if ((unsigned char)(w >> (8 * b)) == c)
			marks |= UINT64_C(0x80) << (8 * b);
	return marks;
}

static unsigned count_by_bytes(uint64_t marks)
{
	unsigned n = 0;
	for (int b = 0; b < 8; b++)
		n += (unsigned)(marks >> (8 * b + 7)) & 1;
	return n;
}

/* Words whose bytes are the values each side of a borrow or a carry:
 * c itself, c + 1 and c - 1 (the bytes bytes_has may also mark), 0x00,
 * 0x7F, 0x80, 0xFF, and runs of c beside them. */
static uint64_t edge_word(unsigned k, unsigned char c)
{
	const unsigned char bytes[] = {c, (unsigned char)(c + 1), (unsigned char)(c - 1), 0x00,
				       0x7F, 0x80, 0xFF, (unsigned char)(c ^ 0x80)};
	uint64_t w = 0;
	for (int b = 0; b < 8; b++)
		w |= (uint64_t)bytes[(k >> (3 * (b % 3))) % 8 ^ (unsigned)b % 2] << (8 * b);
	return w;
}

/* bytes_ascii_alnum as a byte loop: the high bit of each ASCII letter or
 * digit, and of each ASCII letter in *letters. */
static uint64_t alnum_by_bytes(uint64_t w, uint64_t *letters)
{
	uint64_t alnum = 0;
	*letters = 0;
	for (int b = 0; b < 8; b++) {
		unsigned char c = (unsigned char)(w >> (8 * b));
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (letter)
			*letters |= UINT64_C(0x80) << (8 * b);
		if (letter || (c >= '0' && c <= '9'))
			alnum |= UINT64_C(0x80) << (8 * b);
	}
	return alnum;
}

/* Every byte value at every place, beside the bytes each side of the
 * ranges of letters and digits (and those with the high bit set), and
 * random words. */
START_TEST(bytes_ascii_alnum_marks_letters_and_digits_as_a_byte_loop_does)
{
	const unsigned char beside[] = {'@', 'A', 'Z', '[', '`', 'a', 'z', '{', '/', '0', '9', ':',
					0x00, 0x7F, 0x80, 0xC1, 0xDA, 0xE1, 0xFA, 0xB0, 0xFF};
	size_t checked = 0;
	for (unsigned v = 0; v < 256; v++)
		for (int at = 0; at < 8; at++)
			for (size_t k = 0; k < sizeof beside; k++) {
				uint64_t w = 0;
				for (int b = 0; b < 8; b++)
					w |= (uint64_t)(b == at ? v : beside[(k + (size_t)b) % sizeof beside])
					     << (8 * b);
				uint64_t letters, want_letters;
				uint64_t alnum = bytes_ascii_alnum(w, &letters);
				expect_msg(alnum == alnum_by_bytes(w, &want_letters) &&
						   letters == want_letters,
					   "word %016llx", (unsigned long long)w);
				checked++;
			}
	uint64_t x = 2463534242ULL;
	for (int r = 0; r < 200000; r++) {
		uint64_t w = next_random(&x), letters, want_letters;
		uint64_t alnum = bytes_ascii_alnum(w, &letters);
		expect_msg(alnum == alnum_by_bytes(w, &want_letters) && letters == want_letters,
			   "word %016llx", (unsigned long long)w);
		checked++;
	}
	ck_assert_uint_gt(checked, 200000);
}
END_TEST

START_TEST(bytes_eq_marks_each_byte_that_matches_and_no_other)
{
	uint64_t x = 88172645463325252ULL;
	const unsigned char cs[] = {' ', 0x00, 0x01, 0x7F, 0x80, 0xFF, '-', 'a'};
	for (size_t ci = 0; ci < sizeof cs; ci++) {
		unsigned char c = cs[ci];
		for (unsigned k = 0; k < 4096; k++) {
			uint64_t w = edge_word(k, c);
			expect_msg(bytes_eq(w, c) == eq_by_bytes(w, c), "c %02x, word %016llx", c,
				      (unsigned long long)w);
		}
		for (unsigned k = 0; k < 100000; k++) {
			uint64_t w = next_random(&x);
			/* random bytes, a third of them made c */
			for (int b = 0; b < 8; b++)
				if ((next_random(&x) % 3) == 0)
					w = (w & ~(UINT64_C(0xFF) << (8 * b))) | (uint64_t)c << (8 * b);
			uint64_t marks = bytes_eq(w, c);
			expect_msg(marks == eq_by_bytes(w, c), "c %02x, word %016llx", c,
				      (unsigned long long)w);
			expect_msg(bytes_count_marks(marks) == count_by_bytes(marks), "marks %016llx",
				   (unsigned long long)marks);
		}
	}
	for (unsigned m = 0; m < 256; m++) {
		uint64_t marks = 0;
		for (int b = 0; b < 8; b++)
			if (m >> b & 1)
				marks |= UINT64_C(0x80) << (8 * b);
		expect_msg(bytes_count_marks(marks) == count_by_bytes(marks), "marks %016llx",
				   (unsigned long long)marks);
	}
}
END_TEST

/* The words of s[0..len) counted a byte at a time, up to max + 1. */
static bool more_words_by_bytes(const char *s, size_t len, size_t max)
{
	size_t words = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			words++;
	return words > max;
}

START_TEST(words_are_counted_as_a_byte_loop_counts_them)
{
	static const char *const texts[] = {
		"", " ", "  ", "a", " a", "a ", " a ", "a b", "a  b", "abcdefgh", "abcdefg h",
		"abcdefgh i", "abcdefghi j", " abcdefg  hijklmn opq", "a b c d e f g h i j k l m n",
		"\xd0\x96 \xd0\x96", "a\tb c", "\x80 \xff \x20\x20 \x21",
	};
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
		for (size_t max = 0; max < 16; max++)
			expect_msg(bytes_more_words_than(texts[k], strlen(texts[k]), max) ==
					      more_words_by_bytes(texts[k], strlen(texts[k]), max),
				      "\"%s\", max %zu", texts[k], max);
	/* Random texts of spaces, letters, bytes above ASCII and 0x21 (the
	 * byte above a space) in their exact room, so that a read past the
	 * end is seen by the sanitizers. */
	uint64_t x = 2463534242ULL;
	const char alphabet[] = {' ', ' ', ' ', 'a', 'Z', '!', '\x1f', '\xa0', '\xff', '\0'};
	for (unsigned k = 0; k < 20000; k++) {
		size_t len = next_random(&x) % 70;
		char *s = malloc(len ? len : 1);
		ck_assert_ptr_nonnull(s);
		for (size_t i = 0; i < len; i++)
			s[i] = alphabet[next_random(&x) % sizeof alphabet];
		for (size_t max = 0; max < 40; max += 1 + max / 4)
			expect_msg(bytes_more_words_than(s, len, max) ==
					      more_words_by_bytes(s, len, max),
				      "text %u, max %zu", k, max);
		free(s);
	}
}
END_TEST

/* bytes_has_or_pair as a byte loop. */
static bool has_or_pair_by_bytes(const char *s, size_t n, unsigned char c, unsigned char d)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] == c ||
		    ((unsigned char)s[i] == d && i + 1 < n && (unsigned char)s[i + 1] == d))
			return true;
	return false;
}

/* A form feed or two spaces at every place of one or two steps of 16
 * bytes and of the bytes after them (the pair across two steps, the
 * last byte of a step and the first of the next, the last byte of the
 * text), and random texts of the bytes near them, each in its exact
 * room, so that a read past the end is seen by the sanitizers. */
START_TEST(bytes_has_or_pair_finds_what_a_byte_loop_finds)
{
	for (size_t n = 0; n <= 40; n++) {
		for (size_t at = 0; at <= n; at++) {
			for (int kind = 0; kind < 3; kind++) {
				char *s = malloc(n ? n : 1);
				ck_assert_ptr_nonnull(s);
				for (size_t i = 0; i < n; i++)
					s[i] = (i % 2) ? ' ' : 'x'; /* single spaces: neither */
				if (at < n && kind == 0)
					s[at] = '\f';
				if (at + 1 < n && kind == 1)
					s[at] = s[at + 1] = ' ';
				if (at < n && kind == 2)
					s[at] = '\x0b'; /* beside '\f', and no match */
				expect_msg(bytes_has_or_pair(s, n, '\f', ' ') ==
						      has_or_pair_by_bytes(s, n, '\f', ' '),
					      "length %zu, at %zu, kind %d", n, at, kind);
				free(s);
			}
		}
	}
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	const char alphabet[] = {' ', ' ', 'a', '\f', '\x0b', '\x0d', '!', '\x1f', '\x8c', '\xa0'};
	size_t found = 0;
	for (unsigned k = 0; k < 50000; k++) {
		size_t n = next_random(&x) % 80;
		char *s = malloc(n ? n : 1);
		ck_assert_ptr_nonnull(s);
		/* mostly letters, so that about half the texts hold neither */
		for (size_t i = 0; i < n; i++)
			s[i] = next_random(&x) % 16 == 0 ? alphabet[next_random(&x) % sizeof alphabet]
							 : 'a';
		bool want = has_or_pair_by_bytes(s, n, '\f', ' ');
		expect_msg(bytes_has_or_pair(s, n, '\f', ' ') == want, "text %u", k);
		found += want;
		free(s);
	}
	ck_assert_uint_gt(found, 5000);
	ck_assert_uint_lt(found, 45000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bytes");
	TCase *tc = tcase_create("bytes");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, bytes_eq_marks_each_byte_that_matches_and_no_other);
	tcase_add_test(tc, bytes_ascii_alnum_marks_letters_and_digits_as_a_byte_loop_does);
	tcase_add_test(tc, words_are_counted_as_a_byte_loop_counts_them);
	tcase_add_test(tc, bytes_has_or_pair_finds_what_a_byte_loop_finds);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
