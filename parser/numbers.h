/* numbers.h - the number grammar: which run of tokens spells one amount,
 * and what it is worth.
 *
 * An amount is digits as the genre writes them ("2,300", "17,3", "317 482"),
 * number words ("seven", "twenty-five", "three thousand four hundred",
 * "a thousand"), or both ("7,2 billion", "2 billion 450 million"). A range
 * ("1,5-2 thousand", "18 to 35", "between 18 and 35", "two or three") is
 * one amount worth its lower bound. The words themselves come from
 * numbers.tsv; this file knows only how they combine.
 */
#ifndef ARTICLED_NUMBERS_H
#define ARTICLED_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>

#include "tables.h"
#include "tokens.h"

struct amount {
	double value;   /* always finite */
	size_t used;    /* tokens read */
	bool spelled;   /* some of it is words ("two thousand", "a thousand") */
	bool scaled;    /* it has a scale word of a thousand or more ("5 million") */
	double scale;   /* the last scale word's value, "hundred" too (1 without one) */
	bool article;   /* it starts with "a" or "half a" ("a million"): vaguer than digits */
	bool bare_one;  /* nothing but the word "one": more often a pronoun than a count */
	bool numeral;   /* one token of digits and nothing else: may be a year or a name */
	bool range;     /* a range, valued at its lower bound */
	double upper;   /* a range's upper bound, else value */
};

/* Reads the amount that starts at token i (without ranges). Returns the
 * tokens used, 0 if none starts there. */
size_t amount_read(const struct tables *t, const struct tokens *tk, size_t i, struct amount *a);

/* Reads an amount or a range of two ("1,5-2 thousand", "from 20 to 25",
 * "between 18 and 35") starting at token i; a leading "from" or "between"
 * is part of it. Returns the tokens used, 0 if none. */
size_t amount_read_range(const struct tables *t, const struct tokens *tk, size_t i,
			 struct amount *a);

/* The fewest bytes of a word that is two number words joined by a
 * hyphen ("twenty-five", which amount_read reads as one), SIZE_MAX if
 * numbers.tsv makes none: a shorter word need not be looked into. */
size_t number_hyphenated_min(const struct tables *t);

/* Is token i a number word of the given kind in numbers.tsv (cardinal,
 * scale, multiplier, article, fraction)? Stores its token count in *count. */
const struct lex_entry *number_word(const struct tables *t, const struct tokens *tk, size_t i,
				    enum number_kind kind, size_t *count);

#endif
