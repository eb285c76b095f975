/* check_jsonbuf.c - the JSON writer against jansson: every string,
 * whole number and real is written byte for byte as json_dumps writes
 * the same value with the flags the service used (the items, and the
 * ETags of the answers made of them, stayed what they were when jansson
 * wrote them); what jansson refuses (text that is not UTF-8, an infinite
 * or NaN real) fails the buffer. Strings are also written, and checked
 * by a checker, against a reference that reads a byte at a time. */
#include <check.h>
#include <float.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/jsonbuf.h"
#include "harness.h"

/* What jansson writes for v (which it steals), compact, as the service
 * dumped its items. */
static char *jansson_text(json_t *v)
{
	ck_assert_ptr_nonnull(v);
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(v);
	ck_assert_ptr_nonnull(s);
	return s;
}

/* What the buffer holds; NULL when it failed. */
static char *taken(struct jsonbuf *b, size_t *len)
{
	return jsonbuf_take(b, len);
}

static void same_as_jansson(struct jsonbuf *b, json_t *v, const char *what)
{
	char *want = jansson_text(v);
	size_t len = 0;
	char *got = taken(b, &len);
	expect_msg(got != NULL, "%s: the buffer failed, jansson wrote %s", what, want);
	expect_msg(len == strlen(want) && memcmp(got, want, len) == 0,
		      "%s: wrote %s, jansson %s", what, got, want);
	free(got);
	free(want);
}

/* Strings people or pages put in articles, and every byte that JSON
 * escapes. Lengths are given, so that a NUL byte counts too. */
static const struct {
	const char *s;
	size_t n;
} strings[] = {
#define S(lit) {lit, sizeof(lit) - 1}
	S(""),
	S("plain words"),
	S("\"quoted\" and \\backslashed\\ and a/slash"),
	S("end\\"),
	S("\""),
	S("tab\there\nnew\r\b\f"),
	S("\x01\x02\x1e\x1f \x7f"),
	S("nul \0 inside"),
	S("line separator \xE2\x80\xA8 and paragraph separator \xE2\x80\xA9"),
	S("\xE2\x80\x9C" "curly\xE2\x80\x9D \xC2\xAB\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0\xC2\xBB"),
	S("\xF0\x9D\x90\x80 outside the BMP, \xF0\x9F\x98\x80"),
	S("\xEF\xBF\xBD a replacement character as written"),
	S("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC 5 \xE2\x80\x94 dash"),
#undef S
};

START_TEST(strings_are_written_as_jansson_writes_them)
{
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		struct jsonbuf b = {0};
		jsonbuf_string(&b, strings[i].s, strings[i].n);
		same_as_jansson(&b, json_stringn(strings[i].s, strings[i].n), strings[i].s);
	}
	/* Every control character, one by one and all together. */
	char all[32];
	for (int c = 0; c < 32; c++) {
		all[c] = (char)c;
		struct jsonbuf b = {0};
		jsonbuf_string(&b, all + c, 1);
		same_as_jansson(&b, json_stringn(all + c, 1), "a control character");
	}
	struct jsonbuf b = {0};
	jsonbuf_string(&b, all, sizeof all);
	same_as_jansson(&b, json_stringn(all, sizeof all), "the control characters");
	/* A NUL-terminated one, and none. */
	jsonbuf_string_or_null(&b, "a \"b\"");
	same_as_jansson(&b, json_string("a \"b\""), "jsonbuf_string_or_null");
	jsonbuf_string_or_null(&b, NULL);
	same_as_jansson(&b, json_null(), "jsonbuf_string_or_null(NULL)");
}
END_TEST

/* Long plain text is read 8 bytes at a time: a byte that needs escaping
 * or checking is found wherever it falls in such a run. */
START_TEST(a_special_byte_is_found_at_every_place_in_long_text)
{
	static const char *const specials[] = {"\"", "\\", "\n", "\x1f", "\x01", "\x7f", "/",
					       "\xC3\xA9", "\xE2\x80\xA8", "\xF0\x9F\x98\x80"};
	static const char *const bad[] = {"\xFF", "\xC3", "\x80"};
	char text[64];
	for (size_t at = 0; at < 40; at++) {
		for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
			size_t n = strlen(specials[k]);
			memset(text, 'a' + (int)(at % 26), sizeof text);
			memcpy(text + at, specials[k], n);
			struct jsonbuf b = {0};
			jsonbuf_string(&b, text, 44);
			same_as_jansson(&b, json_stringn(text, 44), specials[k]);
		}
		for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
			memset(text, 'x', sizeof text);
			text[at] = bad[k][0];
			ck_assert_ptr_null(json_stringn(text, 44));
			struct jsonbuf b = {0};
			jsonbuf_string(&b, text, 44);
			size_t len;
			expect_msg(taken(&b, &len) == NULL, "byte 0x%02X at %zu taken",
				      (unsigned char)bad[k][0], at);
		}
	}
}
END_TEST

/* Bytes that are not UTF-8: jansson will not hold them, and the writer
 * fails rather than write a string that is not JSON. */
START_TEST(text_that_is_not_utf8_fails_as_jansson_refuses_it)
{
	static const char *const bad[] = {
		"\x80",             /* a continuation byte alone */
		"ab\xC3",           /* cut short */
		"\xE2\x80 x",       /* cut short, then more */
		"\xC0\xAF",         /* an overlong '/' */
		"\xE0\x80\xAF",     /* overlong in three bytes */
		"\xED\xA0\x80",     /* a surrogate */
		"\xF4\x90\x80\x80", /* above U+10FFFF */
		"\xFF",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *j = json_string(bad[i]);
		expect_msg(j == NULL, "jansson took string %zu", i);
		struct jsonbuf b = {0};
		jsonbuf_lit(&b, "[");
		jsonbuf_string(&b, bad[i], strlen(bad[i]));
		jsonbuf_lit(&b, "]");
		size_t len;
		char *got = taken(&b, &len);
		expect_msg(got == NULL, "string %zu written as %s", i, got);
	}
}
END_TEST

/* ---- the writer and the checker against a byte-at-a-time reference ---- */

/* The length of the UTF-8 sequence at s[0..n) if it is a valid one
 * (shortest form, no surrogate, nothing above U+10FFFF), else 0: by the
 * table of Unicode's well-formed sequences, a byte at a time. */
static size_t reference_sequence(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF; /* the bounds of the second byte */
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c == 0xE0)
		len = 3, lo = 0xA0;
	else if (c == 0xED)
		len = 3, hi = 0x9F;
	else if (c >= 0xE1 && c <= 0xEF)
		len = 3;
	else if (c == 0xF0)
		len = 4, lo = 0x90;
	else if (c == 0xF4)
		len = 4, hi = 0x8F;
	else if (c >= 0xF1 && c <= 0xF3)
		len = 4;
	else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if (s[k] < 0x80 || s[k] > 0xBF)
			return 0;
	return len;
}

/* The JSON string of s[0..n) as the contract wants it, a byte at a time
 * (malloc'd), or NULL when s is not UTF-8. */
static char *reference_string(const char *s, size_t n)
{
	char *out = malloc(6 * n + 3), *o = out;
	ck_assert_ptr_nonnull(out);
	*o++ = '"';
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t k = reference_sequence((const unsigned char *)s + i, n - i);
		if (k == 0) {
			free(out);
			return NULL;
		}
		const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b"
				: c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
				: c == '\t' ? "\\t" : NULL;
		if (esc != NULL) {
			o += sprintf(o, "%s", esc);
		} else if (c < 0x20) {
			o += sprintf(o, "\\u%04X", c);
		} else {
			memcpy(o, s + i, k);
			o += k;
		}
		i += k;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* s[0..n) written, and checked: the writer writes what the reference
 * does, or fails where it refuses; the checker fails exactly then, and
 * holds nothing. */
static void same_as_reference(const char *s, size_t n, const char *what, size_t at)
{
	char *want = reference_string(s, n);
	struct jsonbuf b = {0};
	jsonbuf_string(&b, s, n);
	size_t len = 0;
	char *got = taken(&b, &len);
	if (want == NULL)
		expect_msg(got == NULL, "%s (%zu bytes, at %zu): not UTF-8, written", what, n, at);
	else
		expect_msg(got != NULL && len == strlen(want) && memcmp(got, want, len) == 0,
			      "%s (%zu bytes, at %zu): wrote %s, want %s", what, n, at,
			      got ? got : "(failed)", want);
	struct jsonbuf checker = jsonbuf_checker();
	jsonbuf_lit(&checker, "[");
	jsonbuf_string(&checker, s, n);
	jsonbuf_lit(&checker, "]");
	expect_msg(checker.failed == (want == NULL), "%s (%zu bytes, at %zu): the checker %s",
		      what, n, at, checker.failed ? "failed" : "passed");
	ck_assert_ptr_null(checker.s);
	ck_assert_ptr_null(jsonbuf_take(&checker, &len));
	free(got);
	free(want);
}

/* Pieces of text that the writer and the checker treat apart: plain
 * ASCII, what is escaped, valid sequences of every length, and bytes
 * and sequences that are not UTF-8. */
static const char *const pieces[] = {
	"a", "Z", " ", "~", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\x01", "\x1f",
	"\x7f", "\0", "\xC2\xA0", "\xC3\xA9", "\xDF\xBF", "\xE0\xA0\x80", "\xE2\x80\x94",
	"\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBD", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",
	"\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xC2", "\xE0\x80\xAF", "\xE0\x9F\xBF",
	"\xE2\x80", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
	"\xF8", "\xFE", "\xFF",
};
enum { N_PIECES = sizeof pieces / sizeof pieces[0] };

static size_t piece_len(size_t k)
{
	return pieces[k][0] == '\0' ? 1 : strlen(pieces[k]);
}

START_TEST(strings_are_written_and_checked_as_a_byte_at_a_time_reference_does)
{
	/* Every piece, alone and at every place of plain text of every
	 * length up to 33, and of some up to 64 (the 8-byte steps, and the
	 * last 8 bytes read again, meet it everywhere). */
	char text[128];
	for (size_t k = 0; k < N_PIECES; k++) {
		size_t n = piece_len(k);
		same_as_reference(pieces[k], n, "a piece alone", 0);
		for (size_t len = n; len <= 64; len += len < 33 || len >= 62 ? 1 : 5)
			for (size_t at = 0; at + n <= len; at++) {
				memset(text, 'a' + (int)(len % 26), len);
				memcpy(text + at, pieces[k], n);
				same_as_reference(text, len, pieces[k], at);
			}
	}
	/* The same behind a valid sequence beyond ASCII, so that the text is
	 * not ASCII alone wherever the piece falls (lengths about one and two
	 * steps of 8, and up to 64). */
	for (size_t k = 0; k < N_PIECES; k++) {
		size_t n = piece_len(k);
		for (size_t len = n + 2; len <= 64; len += len < 20 || len > 60 ? 1 : 7)
			for (size_t at = 2; at + n <= len; at++) {
				memset(text, 'q', len);
				memcpy(text, "\xC3\xA9", 2);
				memcpy(text + at, pieces[k], n);
				same_as_reference(text, len, "after a valid sequence", at);
			}
	}
	/* Random strings of pieces, 0 to 64 bytes. */
	srand(20261202);
	for (int t = 0; t < 5000; t++) {
		size_t len = 0, want = (size_t)rand() % 65;
		/* Mostly plain text, sometimes nothing but pieces. */
		int plain = rand() % 4;
		while (len < want) {
			size_t k = (size_t)rand() % N_PIECES, n = piece_len(k);
			if (plain != 0 && rand() % 8 != 0)
				k = 0, n = 1;
			if (len + n > want)
				break;
			memcpy(text + len, pieces[k], n);
			len += n;
		}
		same_as_reference(text, len, "random", (size_t)t);
	}
}
END_TEST

START_TEST(a_checker_fails_where_a_buffer_would_and_holds_nothing)
{
	struct jsonbuf c = jsonbuf_checker();
	jsonbuf_lit(&c, "{\"a\":");
	jsonbuf_uint(&c, 12);
	jsonbuf_int(&c, -3);
	jsonbuf_real(&c, 0.25);
	jsonbuf_bool(&c, true);
	jsonbuf_string_or_null(&c, NULL);
	jsonbuf_string_or_null(&c, "caf\xC3\xA9 \"x\"\n");
	jsonbuf_reserve(&c, 1000);
	ck_assert(!c.failed);
	ck_assert_ptr_null(c.s);
	ck_assert_uint_eq(c.len, 0);
	ck_assert_uint_eq(c.cap, 0);
	/* What jansson refuses fails it, and it stays failed. */
	const double not_json[] = {INFINITY, -INFINITY, NAN};
	for (size_t i = 0; i < sizeof not_json / sizeof not_json[0]; i++) {
		struct jsonbuf r = jsonbuf_checker();
		jsonbuf_real(&r, not_json[i]);
		ck_assert(r.failed);
	}
	jsonbuf_string(&c, "\xC3", 1);
	ck_assert(c.failed);
	jsonbuf_string(&c, "fine", 4);
	ck_assert(c.failed);
	size_t len;
	ck_assert_ptr_null(jsonbuf_take(&c, &len));
}
END_TEST

/* Reals as json_real dumps them: "%.17g", ".0" when that looks whole, the
 * exponent without '+' or leading zeros. */
static const double reals[] = {
	0.0, -0.0, 1.0, -1.0, 2.0, 100.0, 0.1, 0.5, -2.5, 1.0 / 3, 2.0 / 3, 3.14159, 1e-5, 1.5e-7,
	1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 1e100, 1e300, -1e300, 123456789012345678.0,
	9007199254740993.0, 34000000.0, 0.000001, 5e-324, DBL_MIN, DBL_MAX, -DBL_MAX,
};

START_TEST(reals_are_written_as_jansson_writes_them)
{
	for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
		struct jsonbuf b = {0};
		jsonbuf_real(&b, reals[i]);
		char what[64];
		snprintf(what, sizeof what, "%.17g", reals[i]);
		same_as_jansson(&b, json_real(reals[i]), what);
	}
	/* And doubles of every size and sign, from random bit patterns. */
	uint64_t x = 88172645463325252ULL;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double v;
		memcpy(&v, &x, sizeof v);
		if (!isfinite(v))
			continue;
		struct jsonbuf b = {0};
		jsonbuf_real(&b, v);
		same_as_jansson(&b, json_real(v), "a random double");
	}
}
END_TEST

START_TEST(a_real_json_cannot_hold_fails)
{
	const double bad[] = {INFINITY, -INFINITY, NAN};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_ptr_null(json_real(bad[i]));
		struct jsonbuf b = {0};
		jsonbuf_lit(&b, "[");
		jsonbuf_real(&b, bad[i]);
		jsonbuf_lit(&b, "]");
		size_t len;
		ck_assert_ptr_null(taken(&b, &len));
	}
}
END_TEST

START_TEST(whole_numbers_and_booleans_are_written_as_jansson_writes_them)
{
	const long long ints[] = {0, 1, -1, 9, 10, -10, 42, 1234567890123LL, LLONG_MAX, LLONG_MIN,
				  LLONG_MIN + 1};
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		struct jsonbuf b = {0};
		jsonbuf_int(&b, ints[i]);
		same_as_jansson(&b, json_integer(ints[i]), "an integer");
	}
	const size_t uints[] = {0, 7, 10, 99, 100, 65535, (size_t)LLONG_MAX};
	for (size_t i = 0; i < sizeof uints / sizeof uints[0]; i++) {
		struct jsonbuf b = {0};
		jsonbuf_uint(&b, uints[i]);
		same_as_jansson(&b, json_integer((json_int_t)uints[i]), "an unsigned integer");
	}
	struct jsonbuf b = {0};
	jsonbuf_uint(&b, SIZE_MAX);
	size_t len;
	char *got = taken(&b, &len);
	ck_assert_str_eq(got, "18446744073709551615");
	free(got);
	jsonbuf_bool(&b, true);
	same_as_jansson(&b, json_true(), "true");
	jsonbuf_bool(&b, false);
	same_as_jansson(&b, json_false(), "false");
}
END_TEST

/* A whole object written piece by piece is what jansson dumps for the
 * object built of the same values, in the same order. */
START_TEST(an_object_is_written_as_jansson_dumps_it)
{
	struct jsonbuf b = {0};
	jsonbuf_reserve(&b, 8); /* smaller than what follows: it still grows */
	jsonbuf_lit(&b, "{\"text\":");
	jsonbuf_string(&b, strings[2].s, strings[2].n);
	jsonbuf_lit(&b, ",\"value\":");
	jsonbuf_real(&b, 1.0 / 3);
	jsonbuf_lit(&b, ",\"count\":");
	jsonbuf_int(&b, -3);
	jsonbuf_lit(&b, ",\"unit\":");
	jsonbuf_string_or_null(&b, NULL);
	jsonbuf_lit(&b, ",\"relative\":");
	jsonbuf_bool(&b, true);
	jsonbuf_lit(&b, ",\"list\":[");
	jsonbuf_string(&b, "", 0);
	jsonbuf_lit(&b, ",");
	jsonbuf_real(&b, 1e300);
	jsonbuf_lit(&b, "]}");
	jsonbuf_shrink(&b);
	ck_assert_uint_eq(b.cap, b.len + 1);
	json_t *o = json_pack("{s:s%, s:f, s:I, s:n, s:b, s:[s, f]}", "text", strings[2].s,
			      strings[2].n, "value", 1.0 / 3, "count", (json_int_t)-3, "unit",
			      "relative", 1, "list", "", 1e300);
	same_as_jansson(&b, o, "an object");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("jsonbuf");
	TCase *tc = tcase_create("jsonbuf");
	tcase_set_timeout(tc, 60); /* thousands of strings, under the sanitizers too */
	tcase_add_test(tc, strings_are_written_as_jansson_writes_them);
	tcase_add_test(tc, a_special_byte_is_found_at_every_place_in_long_text);
	tcase_add_test(tc, text_that_is_not_utf8_fails_as_jansson_refuses_it);
	tcase_add_test(tc, strings_are_written_and_checked_as_a_byte_at_a_time_reference_does);
	tcase_add_test(tc, a_checker_fails_where_a_buffer_would_and_holds_nothing);
	tcase_add_test(tc, reals_are_written_as_jansson_writes_them);
	tcase_add_test(tc, a_real_json_cannot_hold_fails);
	tcase_add_test(tc, whole_numbers_and_booleans_are_written_as_jansson_writes_them);
	tcase_add_test(tc, an_object_is_written_as_jansson_dumps_it);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
