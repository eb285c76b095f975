/* utf8.h - the few Unicode facts the parser needs, without a Unicode library.
 *
 * Articles of this genre are English with the odd Russian word, so letters
 * and case are known for Latin (ASCII, Latin-1, Latin Extended-A), Greek and
 * Cyrillic; any other code point above U+007F counts as a letter without case.
 */
#ifndef ARTICLED_UTF8_H
#define ARTICLED_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* utf8_decode out of line (it decodes any sequence; utf8_decode calls it
 * for all but ASCII). */
uint32_t utf8_decode_multibyte(const char *s, size_t len, size_t *n);

/* Decodes the code point at s[0..len); stores its byte length in *n (at least
 * 1, so callers always advance). Invalid bytes decode as U+FFFD. Inline,
 * with ASCII (most of the text) decoded here: the parser decodes every
 * character of an article several times. */
static inline uint32_t utf8_decode(const char *s, size_t len, size_t *n)
{
	if (len > 0 && (unsigned char)s[0] < 0x80) {
		*n = 1;
		return (unsigned char)s[0];
	}
	return utf8_decode_multibyte(s, len, n);
}

/* Byte offset of the first invalid sequence, or (size_t)-1 if s is valid
 * UTF-8 (shortest forms, no surrogates, nothing above U+10FFFF). */
size_t utf8_invalid_at(const char *s, size_t len);

/* A copy of s[0..len) that is valid UTF-8 (malloc'd, NUL-terminated): each
 * byte that begins no valid sequence becomes U+FFFD, the rest is kept. One
 * pass over s. NULL when out of memory. For text that goes into JSON (which
 * jansson refuses unless it is UTF-8) and may hold a client's bytes or a
 * file name. */
char *utf8_repaired(const char *s, size_t len);

/* Number of code points in s[0..len) (assumed valid). */
static inline size_t utf8_count(const char *s, size_t len)
{
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

/* Writes cp as UTF-8 into out (room for 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);

/* 1 for the bytes of the ASCII letters and digits, 0 for every other:
 * for the loops that read a text a byte at a time (a table is one load,
 * where the tests are four compares). */
extern const unsigned char ascii_alnum[256];

/* cp_is_letter and cp_is_upper for code points above U+007F. */
bool cp_is_letter_beyond_ascii(uint32_t cp);
bool cp_is_upper_beyond_ascii(uint32_t cp);

/* Inline for ASCII, as utf8_decode. */
static inline bool cp_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	return cp_is_letter_beyond_ascii(cp);
}

static inline bool cp_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return cp_is_upper_beyond_ascii(cp);
}

uint32_t cp_to_lower(uint32_t cp);

/* Starting at s, the byte length of the code point that precedes s[0], given
 * that start <= s. Returns 0 at start. */
size_t utf8_back(const char *start, const char *s);

#endif
