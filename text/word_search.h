/* word_search.h - case-insensitive word search: a term matches where a word
 * begins ("petrov" finds "Petrov's", "war" does not find "toward"); offsets
 * are in code points, as the API gives spans. */
#ifndef ARTICLED_WORD_SEARCH_H
#define ARTICLED_WORD_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { SEARCH_MAX_TERMS = 10, SEARCH_MAX_TERM = 64 };

struct search_terms {
	uint32_t cp[SEARCH_MAX_TERMS][SEARCH_MAX_TERM]; /* folded */
	size_t len[SEARCH_MAX_TERMS];
	const char *text[SEARCH_MAX_TERMS]; /* as given; points into the caller's copy */
	size_t n;
	char buf[SEARCH_MAX_TERMS * (SEARCH_MAX_TERM * 4 + 1)];
};

/* Splits q on spaces into terms. Returns 0, or -1 with a reason in err:
 * no words, too many, or a word too long. */
int search_terms_parse(struct search_terms *t, const char *q, char *err, size_t errlen);

/* A letter or a digit: what words are made of (a word starts where one
 * follows anything else). cp folded to lower case. */
bool search_is_word_cp(uint32_t cp);

struct search_match {
	size_t start, end; /* code points */
	size_t term;
};

/* Finds every term in text; stores up to max matches in m and their count
 * in *n. Returns true if every term occurs at least once. */
bool search_text(const struct search_terms *t, const char *text, size_t len,
		 struct search_match *m, size_t max, size_t *n);

#endif
