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

enum gender { GENDER_UNKNOWN, GENDER_MALE, GENDER_FEMALE };

enum speaker_kind {
	SPEAKER_NONE,
	SPEAKER_NAME,    /* a name: "Petrov", "Oleg Sokolov", "The Morning Herald" */
	SPEAKER_TITLE,   /* a title: "the Russian president", "the publication" */
	SPEAKER_PRONOUN, /* "he", "him", "it" */
};

/* A phrase of one paragraph's tokens that names a speaker. */
struct speaker_ref {
	enum speaker_kind kind;
	size_t first, last;           /* the whole phrase, tokens [first, last) */
	size_t name_first, name_last; /* SPEAKER_NAME: the name itself */
	size_t title_first, title_last; /* the title written with it (may be empty) */
	const struct lex_entry *outlet; /* the outlet the name is, if in outlets.tsv */
	bool outlet_words;            /* the title calls it an outlet ("the agency") */
	bool wants_outlet;            /* a pronoun for an outlet ("it", "the publication") */
	bool addressee;               /* "you": the one an interview's questions speak to */
	enum gender gender;           /* a pronoun's */
	const char *outlet_kind;      /* an outlet pronoun's kind ("the agency"), or NULL */
};

/* Parses a speaker phrase that starts at token i and ends before the
 * reporting verb, punctuation or a word that ends a noun phrase. */
struct speaker_ref speaker_forward(const struct extract_ctx *x, const struct tokens *tk, size_t i);

/* Parses a speaker phrase that ends just before token end (the verb),
 * skipping words like "also" and "later", and an apposition between
 * commas ("the Minister ..., Oleg Sokolov, stated"). */
struct speaker_ref speaker_backward(const struct extract_ctx *x, const struct tokens *tk, size_t end);

/* Is token i a word of titles.txt, countries.tsv or outlet_words.tsv? */
bool token_is_title_word(const struct extract_ctx *x, const struct tokens *tk, size_t i);

#endif
