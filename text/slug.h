/* slug.h - the slug of a text, for ids in paths: a heading's
 * ("Hi, Donald!" is "hi-donald") and a file name's. */
#ifndef ARTICLED_SLUG_H
#define ARTICLED_SLUG_H

#include <stddef.h>

/* Writes the slug of s into out (cap bytes): lowercase ASCII letters and
 * digits, other runs turned into one '-', at most 64 bytes; letters outside
 * ASCII are kept lowercased. Returns the length (0 if nothing remains). */
size_t slugify(const char *s, size_t len, char *out, size_t cap);

/* The id of an article read from a file of this base name: the slug of
 * the name without its extension ("101_fishery-quotas.txt" is
 * "101-fishery-quotas"), or "article" when nothing remains. */
void slug_file_id(const char *name, char *out, size_t cap);

#endif
