/* article_compact.h - the parsed model moved into as little memory as it
 * needs, for an article kept (and served) for a long time.
 *
 * The parse leaves in the article's arena what only the parse needed: a
 * copy of the whole text split into lines, the lines themselves, the
 * lexicon that kept section ids unique, and the room left at the end of
 * each chunk. A served article needs none of it, and holds many strings
 * more than once (a speaker's name in each of its quotes, the sentence
 * of each figure that it shares with the others in it).
 */
#ifndef ARTICLED_ARTICLE_COMPACT_H
#define ARTICLED_ARTICLE_COMPACT_H

#include "model.h"

/* Moves everything the model of a points to into one allocation of the
 * exact size, each distinct string once, and frees the rest of its arena.
 * The model means what it meant: every field keeps its type and value
 * (strings their bytes, links such as a quote's speaker_of or a
 * reaction's quote the item they point to); only the addresses change,
 * and strings of equal bytes may share one. What does not belong to the
 * arena (the tables' strings, literals) is pointed to as before. Returns
 * 0, or -1 when out of memory (a is then as it was). */
int article_compact(struct article *a);

#endif
