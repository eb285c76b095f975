/* json_check.h - is a text one JSON value (RFC 8259), as jansson's
 * json_loadb would take it? For the fuzz harnesses, which check every
 * text the writers produce: loading it with jansson allocated every
 * value, and under AddressSanitizer that was more than half of a run.
 * This reads the text once and allocates nothing.
 *
 * It refuses what json_loadb (no flags but JSON_PRESERVE_ORDER) refuses:
 * bytes below 0x20 in a string, an escape other than \" \\ \/ \b \f \n
 * \r \t \uXXXX, a \u0000, a lone or reversed surrogate, text that is not
 * UTF-8, an integer beyond 64 bits, a real that overflows a double,
 * nesting deeper than 2048, anything after the value. Duplicate member
 * names are allowed, as there.
 *
 * Beside the verdict it counts the elements of each array that is a
 * member of the top-level object (the lists of an article).
 */
#ifndef ARTICLED_FUZZ_JSON_CHECK_H
#define ARTICLED_FUZZ_JSON_CHECK_H

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../text/utf8.h"

enum { JSON_CHECK_MAX_DEPTH = 2048, JSON_CHECK_MEMBERS = 16 };

/* The checker is the harness's, not code under test: every read is of
 * the text between s and end, by its own loop bounds. Compiled with the
 * sanitizers' checks on each byte read, it cost as much as the writers
 * whose output it reads; without them it is a plain scan. (Clang and
 * GCC both take the attribute; a compiler without it checks everything.) */
#if defined(__has_attribute)
#if __has_attribute(no_sanitize)
#define JSON_CHECK_SCAN __attribute__((no_sanitize("address", "undefined")))
#endif
#endif
#ifndef JSON_CHECK_SCAN
#define JSON_CHECK_SCAN
#endif

struct json_check {
	const char *s, *end;
	/* The top-level object's members whose value is an array, in order. */
	struct json_check_member {
		const char *name; /* as written, between the quotes */
		size_t len;
		size_t count; /* elements of the array */
	} members[JSON_CHECK_MEMBERS];
	size_t n_members;
};

JSON_CHECK_SCAN static void jc_space(struct json_check *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' || *c->s == '\n' || *c->s == '\r'))
		c->s++;
}

JSON_CHECK_SCAN static int jc_hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char h = p[i];
		int d = h >= '0' && h <= '9'   ? h - '0'
			: h >= 'a' && h <= 'f' ? h - 'a' + 10
			: h >= 'A' && h <= 'F' ? h - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

JSON_CHECK_SCAN static bool jc_string(struct json_check *c)
{
	if (c->s >= c->end || *c->s != '"')
		return false;
	const char *run = ++c->s; /* raw bytes since the last escape */
	bool beyond_ascii = false; /* in the run: only then is it decoded */
	while (c->s < c->end) {
		unsigned char b = (unsigned char)*c->s;
		if (b == '"' || b == '\\') {
			if (beyond_ascii && utf8_invalid_at(run, (size_t)(c->s - run)) != (size_t)-1)
				return false;
			beyond_ascii = false;
			if (b == '"') {
				c->s++;
				return true;
			}
			if (c->end - c->s < 2)
				return false;
			char e = c->s[1];
			if (e == 'u') {
				if (c->end - c->s < 6)
					return false;
				int u = jc_hex4(c->s + 2);
				if (u < 0 || u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
					return false;
				c->s += 6;
				if (u >= 0xD800 && u <= 0xDBFF) { /* a high surrogate: its low one next */
					if (c->end - c->s < 6 || c->s[0] != '\\' || c->s[1] != 'u')
						return false;
					int lo = jc_hex4(c->s + 2);
					if (lo < 0xDC00 || lo > 0xDFFF)
						return false;
					c->s += 6;
				}
			} else if (strchr("\"\\/bfnrt", e) != NULL && e != '\0') {
				c->s += 2;
			} else {
				return false;
			}
			run = c->s;
			continue;
		}
		if (b < 0x20)
			return false;
		beyond_ascii |= b >= 0x80;
		c->s++;
	}
	return false;
}

JSON_CHECK_SCAN static bool jc_digits(struct json_check *c)
{
	const char *from = c->s;
	while (c->s < c->end && *c->s >= '0' && *c->s <= '9')
		c->s++;
	return c->s > from;
}

JSON_CHECK_SCAN static bool jc_number(struct json_check *c)
{
	const char *from = c->s;
	bool real = false;
	if (c->s < c->end && *c->s == '-')
		c->s++;
	if (c->s < c->end && *c->s == '0')
		c->s++;
	else if (!jc_digits(c))
		return false;
	if (c->s < c->end && *c->s == '.') {
		c->s++;
		real = true;
		if (!jc_digits(c))
			return false;
	}
	if (c->s < c->end && (*c->s == 'e' || *c->s == 'E')) {
		c->s++;
		real = true;
		if (c->s < c->end && (*c->s == '+' || *c->s == '-'))
			c->s++;
		if (!jc_digits(c))
			return false;
	}
	/* The range jansson holds: a json_int_t (long long) or a finite
	 * double. The text goes on with a byte no number has (it is
	 * NUL-terminated), so strtod and strtoll read just the number. */
	errno = 0;
	if (real) {
		double d = strtod(from, NULL);
		return !(errno == ERANGE && isinf(d));
	}
	(void)strtoll(from, NULL, 10);
	return errno != ERANGE;
}

JSON_CHECK_SCAN static bool jc_literal(struct json_check *c, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(c->end - c->s) < n || memcmp(c->s, word, n) != 0)
		return false;
	c->s += n;
	return true;
}

/* One value at c->s; *count, when not NULL and the value is an array,
 * becomes its number of elements. */
JSON_CHECK_SCAN static bool jc_value(struct json_check *c, int depth, size_t *count)
{
	jc_space(c);
	if (c->s >= c->end)
		return false;
	if ((*c->s == '{' || *c->s == '[') && depth >= JSON_CHECK_MAX_DEPTH)
		return false; /* (the containers around it are depth of them) */
	switch (*c->s) {
	case '{': {
		c->s++;
		jc_space(c);
		if (c->s < c->end && *c->s == '}') {
			c->s++;
			return true;
		}
		for (;;) {
			jc_space(c);
			const char *name = c->s + 1;
			if (!jc_string(c))
				return false;
			size_t name_len = (size_t)(c->s - 1 - name);
			jc_space(c);
			if (c->s >= c->end || *c->s != ':')
				return false;
			c->s++;
			size_t n = (size_t)-1;
			if (!jc_value(c, depth + 1, depth == 0 ? &n : NULL))
				return false;
			if (depth == 0 && n != (size_t)-1 && c->n_members < JSON_CHECK_MEMBERS)
				c->members[c->n_members++] =
					(struct json_check_member){name, name_len, n};
			jc_space(c);
			if (c->s < c->end && *c->s == ',') {
				c->s++;
				continue;
			}
			if (c->s < c->end && *c->s == '}') {
				c->s++;
				return true;
			}
			return false;
		}
	}
	case '[': {
		c->s++;
		size_t n = 0;
		jc_space(c);
		if (c->s < c->end && *c->s == ']') {
			c->s++;
		} else {
			for (;;) {
				if (!jc_value(c, depth + 1, NULL))
					return false;
				n++;
				jc_space(c);
				if (c->s < c->end && *c->s == ',') {
					c->s++;
					continue;
				}
				if (c->s < c->end && *c->s == ']') {
					c->s++;
					break;
				}
				return false;
			}
		}
		if (count != NULL)
			*count = n;
		return true;
	}
	case '"': return jc_string(c);
	case 't': return jc_literal(c, "true");
	case 'f': return jc_literal(c, "false");
	case 'n': return jc_literal(c, "null");
	default: return jc_number(c);
	}
}

/* Is text[0..len) (with a NUL at text[len]) one JSON object or array, as
 * json_loadb takes at the top? c receives the top-level arrays' counts. */
JSON_CHECK_SCAN static bool json_check(struct json_check *c, const char *text, size_t len)
{
	memset(c, 0, sizeof *c);
	c->s = text;
	c->end = text + len;
	jc_space(c);
	if (c->s >= c->end || (*c->s != '{' && *c->s != '['))
		return false;
	if (!jc_value(c, 0, NULL))
		return false;
	jc_space(c);
	return c->s == c->end;
}

/* The element count of the top-level member `name`, or (size_t)-1. */
static size_t json_check_count(const struct json_check *c, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < c->n_members; i++)
		if (c->members[i].len == n && memcmp(c->members[i].name, name, n) == 0)
			return c->members[i].count;
	return (size_t)-1;
}

#endif
