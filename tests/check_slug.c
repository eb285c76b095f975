/* check_slug.c - slugify, which writes runs of ASCII letters and digits
 * 8 bytes at a time, against the same slug made a code point at a time:
 * on texts of every kind of piece (capitals, digits, punctuation,
 * apostrophes, letters and marks beyond ASCII, words longer than a step
 * and than the slug's limit), for every room from 1 byte, each in a
 * buffer of exactly that size (so that AddressSanitizer sees a write
 * past it). */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../text/slug.h"
#include "../text/utf8.h"
#include "harness.h"

/* The slug as slug.h describes it, made in two steps: the text's words
 * (runs of letters and digits, lowered, an apostrophe dropped from them;
 * anything else parts two words), then the words joined by '-' for as
 * long as each next code point fits in min(cap - 1, 64) bytes with the
 * dash before it. */
static size_t slug_by_code_point(const char *s, size_t len, char *out, size_t cap)
{
	char words[2048];
	size_t wl = 0;
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp = utf8_decode(s + i, len - i, &n);
		bool kept = (cp >= '0' && cp <= '9') || cp_is_letter(cp);
		if (kept)
			wl += utf8_encode(cp_to_lower(cp), words + wl);
		else if (cp != '\'' && cp != 0x2019 && wl > 0 && words[wl - 1] != ' ')
			words[wl++] = ' '; /* a word ends (no space is kept) */
	}
	size_t limit = cap - 1 < 64 ? cap - 1 : 64, o = 0;
	for (size_t i = 0, n; i < wl; i += n) {
		if (words[i] == ' ') {
			n = 1;
			continue;
		}
		utf8_decode(words + i, wl - i, &n);
		bool dash = i > 0 && words[i - 1] == ' ' && o > 0;
		if (o + n + (dash ? 1 : 0) > limit)
			break;
		if (dash)
			out[o++] = '-';
		memcpy(out + o, words + i, n);
		o += n;
	}
	out[o] = '\0';
	return o;
}

static const char *const pieces[] = {
	"a", "Z", "m", "Q", "0", "9", " ", "  ", "-", ",", "!", "'", ".", "@", "[", "`", "{",
	"/", ":", "\t", "\xe2\x80\x99", "\xd0\x96", "\xc3\x89", "\xc2\xab", "\xc2\xb0",
	"\xff", "Hello", "abcdefgh", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "Z0123456789abcdefXYZ",
	"Governor", "Petrov's",
	"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop",
};
enum { N_PIECES = sizeof pieces / sizeof pieces[0] };

START_TEST(a_slug_is_the_slug_made_a_code_point_at_a_time)
{
	uint32_t x = 2463534242u;
	size_t slugs = 0, cut = 0;
	for (unsigned round = 0; round < 3000; round++) {
		char text[512];
		size_t len = 0, count = round % 24;
		for (size_t k = 0; k < count; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			const char *p = pieces[x % N_PIECES];
			size_t pl = strlen(p);
			if (len + pl > sizeof text)
				break;
			memcpy(text + len, p, pl);
			len += pl;
		}
		for (size_t cap = 1; cap <= 80; cap++) {
			char *got = malloc(cap), want[96];
			ck_assert_ptr_nonnull(got);
			size_t gl = slugify(text, len, got, cap);
			size_t wl = slug_by_code_point(text, len, want, cap);
			expect_msg(gl == wl && memcmp(got, want, wl + 1) == 0,
				   "round %u, room %zu: \"%s\", not \"%s\"", round, cap, got, want);
			slugs++;
			cut += wl + 1 < cap && wl == 64;
			free(got);
		}
	}
	ck_assert_uint_gt(slugs, 200000);
	ck_assert_uint_gt(cut, 1000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("slug");
	TCase *tc = tcase_create("slug");
	tcase_add_test(tc, a_slug_is_the_slug_made_a_code_point_at_a_time);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
