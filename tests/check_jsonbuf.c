/* check_jsonbuf.c - the JSON writer against jansson: every string,
 * whole number and real is written byte for byte as json_dumps writes
 * the same value with the flags the service used (the items, and the
 * ETags of the answers made of them, stayed what they were when jansson
 * wrote them); what jansson refuses (text that is not UTF-8, an infinite
 * or NaN real) fails the buffer. */
#include <check.h>
#include <float.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
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
	ck_assert_msg(got != NULL, "%s: the buffer failed, jansson wrote %s", what, want);
	ck_assert_msg(len == strlen(want) && memcmp(got, want, len) == 0,
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
			ck_assert_msg(taken(&b, &len) == NULL, "byte 0x%02X at %zu taken",
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
		ck_assert_msg(j == NULL, "jansson took string %zu", i);
		struct jsonbuf b = {0};
		jsonbuf_lit(&b, "[");
		jsonbuf_string(&b, bad[i], strlen(bad[i]));
		jsonbuf_lit(&b, "]");
		size_t len;
		char *got = taken(&b, &len);
		ck_assert_msg(got == NULL, "string %zu written as %s", i, got);
	}
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
	tcase_add_test(tc, strings_are_written_as_jansson_writes_them);
	tcase_add_test(tc, a_special_byte_is_found_at_every_place_in_long_text);
	tcase_add_test(tc, text_that_is_not_utf8_fails_as_jansson_refuses_it);
	tcase_add_test(tc, reals_are_written_as_jansson_writes_them);
	tcase_add_test(tc, a_real_json_cannot_hold_fails);
	tcase_add_test(tc, whole_numbers_and_booleans_are_written_as_jansson_writes_them);
	tcase_add_test(tc, an_object_is_written_as_jansson_dumps_it);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
