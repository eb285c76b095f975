/* speaker_list.h - the speakers of an article: everyone it quotes or
 * reports, made from its final quotes and the cast that resolved them.
 *
 * A speaker is a person of the cast (so "Petrov", "the governor" and
 * "according to him" that resolved to Ivan Petrov are one speaker), an
 * outlet, or, where a quote's speaker resolved to no one the article
 * names, the speaker as written ("the press service of the Ministry of
 * Labor", "the governor"), one per wording. The publisher citing itself
 * ("according to EastRussia") is no speaker, and someone only mentioned
 * is none either: the list is made of the quotes.
 */
#ifndef ARTICLED_SPEAKER_LIST_H
#define ARTICLED_SPEAKER_LIST_H

#include <stddef.h>

#include "extract.h"
#include "cast.h"

/* A quote's speaker is no person of the cast. */
#define NO_PERSON ((size_t)-1)

/* Makes x->a->speakers from x->a->quotes (final: in order, with their
 * ids) and links each quote to its speaker (speaker_of). person_of[k] is
 * the index in c of the one quote k resolved to, or NO_PERSON. Returns 0,
 * or -1 when out of memory. */
int speakers_build(struct extract_ctx *x, const struct cast *c, const size_t *person_of);

#endif
