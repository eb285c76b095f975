/* bytes.h - equality of two short byte strings without a call, and
 * tests of eight bytes at once.
 *
 * The parser compares a token's fold with a table's key at every hit of
 * a lookup: most are a few bytes long, where a byte loop costs less than
 * the call to memcmp and its setup. The scanners of a whole text (its
 * normalizing, its lines, the JSON writer) step over 8 bytes at a time
 * while none of them is one they act on; the tokenizer classifies and
 * lowers 8 bytes of a word at once.
 */
#ifndef ARTICLED_BYTES_H
#define ARTICLED_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Are a[0..n) and b[0..n) the same bytes? */
static inline bool bytes_equal(const char *a, const char *b, size_t n)
{
	if (n > 16)
		return memcmp(a, b, n) == 0;
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* Is a byte of x zero? Nonzero (its high bit set, and maybe some above
 * it) exactly when one is. */
static inline uint64_t bytes_zero(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	return (x - ones) & ~x & highs;
}

/* Is a byte of w the byte c? (bytes_zero's answer.) */
static inline uint64_t bytes_has(uint64_t w, unsigned char c)
{
	return bytes_zero(w ^ (0x0101010101010101ULL * c));
}

/* The high bit of each byte of x (whose bytes are all below 0x80) that
 * is lo or more: adding 0x80 - lo carries into that bit exactly then,
 * and never out of the byte, so that the answer for each byte is exact
 * whatever the machine's byte order. */
static inline uint64_t bytes_at_least(uint64_t x, unsigned char lo)
{
	return (x + 0x0101010101010101ULL * (unsigned char)(0x80 - lo)) & 0x8080808080808080ULL;
}

/* The high bit of each byte of x (bytes below 0x80) in [lo, hi]. */
static inline uint64_t bytes_within(uint64_t x, unsigned char lo, unsigned char hi)
{
	const uint64_t ones = 0x0101010101010101ULL;
	return (x + ones * (unsigned char)(0x80 - lo)) & ~(x + ones * (unsigned char)(0x7F - hi)) &
	       0x8080808080808080ULL;
}

/* w with its ASCII capitals lowered, every other byte as it was. */
static inline uint64_t bytes_ascii_lower(uint64_t w)
{
	const uint64_t highs = 0x8080808080808080ULL;
	uint64_t capitals = bytes_within(w & ~highs, 'A', 'Z') & ~w;
	return w | (capitals >> 2); /* 0x80 >> 2: the 0x20 that makes a small letter */
}

/* The high bit of each byte of w that is an ASCII letter or digit
 * (returned), and of each that is an ASCII letter (*letters): a byte
 * above ASCII is neither, whatever its low bits. */
static inline uint64_t bytes_ascii_alnum(uint64_t w, uint64_t *letters)
{
	const uint64_t highs = 0x8080808080808080ULL;
	uint64_t x = w & ~highs; /* bytes above ASCII are no letter: ~w below */
	/* The 0x20 bit makes a capital its small letter, and no other byte one. */
	uint64_t letter = bytes_within(x | 0x2020202020202020ULL, 'a', 'z');
	*letters = letter & ~w;
	return (letter | bytes_within(x, '0', '9')) & ~w;
}

/* Eight bytes loaded as a word read from memory: s[0..8), or where fewer
 * than 8 are left (n of them), those n and zero bytes after them. */
static inline uint64_t bytes_load(const char *s, size_t n)
{
	uint64_t w = 0;
	if (n >= 8) {
		memcpy(&w, s, 8);
		return w;
	}
	unsigned char b[8] = {0};
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)s[i];
	memcpy(&w, b, 8);
	return w;
}

/* How many bytes of a loaded word come, in memory order, before the
 * first whose high bit is set in marks (8 if none is): which end of the
 * word is the first byte depends on the machine. */
static inline size_t bytes_before_mark(uint64_t marks)
{
	if (marks == 0)
		return 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (size_t)__builtin_clzll(marks) / 8;
#else
	return (size_t)__builtin_ctzll(marks) / 8;
#endif
}

/* The bits of a loaded word that hold its first n bytes in memory order,
 * n from 1 to 8. */
static inline uint64_t bytes_first_mask(size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return ~0ULL << (64 - 8 * n);
#else
	return ~0ULL >> (64 - 8 * n);
#endif
}

/* bytes_equal for two buffers each of which may be read up to the next
 * multiple of 8 bytes past n (what follows the bytes compared is not):
 * 8 bytes a step, with no loop for the short strings most keys are. */
static inline bool bytes_equal_padded(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	for (; n > 8; n -= 8, a += 8, b += 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
	}
	if (n == 0)
		return true;
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	return ((x ^ y) & bytes_first_mask(n)) == 0;
}

/* The high bit of each byte of w that is the byte c, exactly: unlike
 * bytes_has, whose borrow may also mark a byte above a match (enough to
 * tell whether there is one), no byte is marked but a match, so that
 * the marks may be counted or combined byte by byte. */
static inline uint64_t bytes_eq(uint64_t w, unsigned char c)
{
	const uint64_t lows = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t x = w ^ (0x0101010101010101ULL * c);
	/* bit 7 of a byte: set by the sum where bits 0-6 are not all zero,
	 * by x where bit 7 is; the sum never carries out of its byte */
	return ~(((x & lows) + lows) | x | lows);
}

/* How many bytes of w have their high bit set in marks (each byte's other
 * bits clear, as bytes_eq gives them), without a population count
 * instruction the target may lack. */
static inline unsigned bytes_count_marks(uint64_t marks)
{
	return (unsigned)(((marks >> 7) * 0x0101010101010101ULL) >> 56);
}

/* Has s[0..len) more than max words (runs of bytes other than a space)?
 * A word starts at each byte other than a space that is first or has a
 * space before it: they are counted 8 bytes a step, each byte beside the
 * one before it, and only as far as max. */
static inline bool bytes_more_words_than(const char *s, size_t len, size_t max)
{
	if (len == 0)
		return false;
	size_t words = s[0] != ' ';
	const uint64_t highs = 0x8080808080808080ULL;
	for (size_t i = 1; i < len; i += 8) {
		size_t n = len - i;
		uint64_t w = bytes_load(s + i, n), before = bytes_load(s + i - 1, n + 1);
		uint64_t starts = bytes_eq(before, ' ') & ~bytes_eq(w, ' ') & highs;
		if (n < 8)
			starts &= bytes_first_mask(n); /* not the zeros after the end */
		words += bytes_count_marks(starts);
		if (words > max)
			return true;
	}
	return words > max;
}

/* Sixteen bytes at once, as the compiler's vector extension (GCC's and
 * Clang's) gives them on every target: an SSE2 register on x86-64, a
 * pair of words where there is none. A comparison of two gives 0xFF in
 * each byte where they are equal, 0 elsewhere. */
typedef unsigned char bytes16 __attribute__((vector_size(16)));

static inline bytes16 bytes16_load(const char *s)
{
	bytes16 v;
	memcpy(&v, s, 16);
	return v;
}

static inline bytes16 bytes16_of(unsigned char c)
{
	return (bytes16){c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c};
}

/* Is some byte of m not zero? */
static inline bool bytes16_any(bytes16 m)
{
	uint64_t a, b;
	memcpy(&a, &m, 8);
	memcpy(&b, (const unsigned char *)&m + 8, 8);
	return (a | b) != 0;
}

/* Does s[0..n) hold the byte c, or the byte d twice in a row? 16 bytes a
 * step (each beside the byte after it, read from one further on), then
 * a byte at a time: a text's lines are asked whether they hold a form
 * feed or two spaces, and most hold neither. */
static inline bool bytes_has_or_pair(const char *s, size_t n, unsigned char c, unsigned char d)
{
	const bytes16 cs = bytes16_of(c), ds = bytes16_of(d);
	size_t i = 0;
	for (; i + 17 <= n; i += 16) {
		bytes16 w = bytes16_load(s + i), after = bytes16_load(s + i + 1);
		if (bytes16_any((bytes16)(w == cs) | ((bytes16)(w == ds) & (bytes16)(after == ds))))
			return true;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] == c || ((unsigned char)s[i] == d && i + 1 < n &&
						 (unsigned char)s[i + 1] == d))
			return true;
	return false;
}

#endif
