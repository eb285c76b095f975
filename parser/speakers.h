/* speakers.h - who is speaking: the phrase of a sentence that names a
 * speaker (speakers.c), before it is resolved against the article's cast
 * (cast.h).
 *
 * The article teaches its own cast. A first pass over every paragraph
 * records each person named with two or more words ("Ivan Petrov") and
 * the job title written next to the name ("Russian President Vladimir
 * Petrov", "the Minister for the Development of the Far East, Oleg
 * Sokolov,"). Later a surname ("Petrov") resolves to the fullest name that
 * contains it, a title ("the Russian president") to the person who bears
 * it, and a pronoun ("according to him") to the last speaker of its kind.
 */
#ifndef ARTICLED_SPEAKERS_H
#define ARTICLED_SPEAKERS_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"
#include "speaker_ref.h"

/* Parses a speaker phrase that starts at token i and ends before the
 * reporting verb, punctuation or a word that ends a noun phrase. */
struct speaker_ref speaker_forward(const struct extract_ctx *x, const struct tokens *tk, size_t i);

/* Parses a speaker phrase that ends just before token end (the verb),
 * skipping words like "also" and "later", and an apposition between
 * commas ("the Minister ..., Oleg Sokolov, stated"). */
struct speaker_ref speaker_backward(const struct extract_ctx *x, const struct tokens *tk, size_t end);

#endif
