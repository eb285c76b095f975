/* fold.h - text folded for comparison without case: lower case, runs of
 * white space (and no-break spaces) as one space, typographic apostrophes
 * as "'". "Told  Reporters" and "told reporters" fold alike. */
#ifndef ARTICLED_FOLD_H
#define ARTICLED_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the folded form of s[0..len) into out (at most cap bytes including
 * the NUL) and returns its length, or (size_t)-1 if it does not fit. The
 * bytes of out past the NUL (within cap) may be written too: it copies 8
 * bytes at a time. */
size_t fold_text(const char *s, size_t len, char *out, size_t cap);

/* Does the folded haystack hold the folded needle ("petrov" in "Ivan
 * Petrov")? False for a NULL haystack and for texts too long to fold
 * (1 KB haystack, 256 B needle). */
bool fold_contains(const char *haystack, const char *needle);

#endif
