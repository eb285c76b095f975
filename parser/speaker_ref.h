/* speaker_ref.h - a phrase that names a speaker, as the finders of
 * speakers.c and names.c read it: the types they share. */
#ifndef ARTICLED_SPEAKER_REF_H
#define ARTICLED_SPEAKER_REF_H

#include <stdbool.h>
#include <stddef.h>

#include "lexicon.h"
#include "tables.h" /* enum gender */

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

#endif
