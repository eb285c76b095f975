/* speakers.h - who is speaking: the phrase that names a speaker, and the
 * people and outlets of the article that such phrases resolve to.
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

/* A title the article gives a person, in the order they are given. */
struct person_title {
	const char *text;     /* as written, without a leading "the" or "his"; article arena */
	struct person_title *next;
};

/* At most this many different titles are kept for one person: an article
 * gives a person a few; a text that gives thousands is made to be large. */
enum { PERSON_TITLES_MAX = 16 };

struct person {
	const char *name;     /* fullest form seen; article arena */
	enum gender gender;   /* guessed from the name (name_gender.tsv) */
	const char *title;    /* job title seen with the name, or NULL */
	struct person_title *titles; /* every title seen with the name (extraction scratch) */
	size_t n_titles;
	const char *role;     /* the titles.txt entry in that title, or NULL */
	const char *role_class; /* titles.txt class of the role ("diplomat"), or "" */
	const char *countries[4]; /* ISO codes named in the title */
	size_t n_countries;
	bool outlet;          /* a media outlet, not a person */
	const char *outlet_kind;
	const char *country;  /* an outlet's country */
	size_t seen;          /* position of the last mention or speech */
	size_t first_seen;    /* position of the first mention */
	bool in_title;        /* named in the article's title */
	bool in_subtitle;     /* named in its subtitle */
};

/* Who was named or spoke where, in order: what a pronoun looks back on. */
struct cast_event {
	size_t pos;    /* cast_position() */
	size_t person; /* index in cast.v */
};

/* Positions [from, to) of what a quote says: names there are the
 * speaker's words, no one a later pronoun looks back on. */
struct cast_span {
	size_t from, to;
};

struct cast {
	struct person *v;
	size_t n, cap;
	struct person *last_person; /* the last person who spoke */
	struct person *last_outlet; /* the last outlet that spoke */
	struct cast_event *mentions; /* every naming of a person, by position */
	size_t n_mentions, cap_mentions;
	struct cast_event *spoke;    /* every speech of a person, in order */
	size_t n_spoke, cap_spoke;
	struct cast_span *said;      /* what the quotes resolved so far say */
	size_t n_said, cap_said;
	bool has_interviewee;        /* an interview: "you" in its questions is ... */
	size_t interviewee;          /* ... this index of v */
};

/* Records the people of every paragraph. Returns -1 when out of memory. */
int cast_learn(struct extract_ctx *x, struct cast *c);

void cast_free(struct cast *c);

/* Position of token i of paragraph p, comparable across paragraphs. */
size_t cast_position(size_t p, size_t i);

/* Parses a speaker phrase that starts at token i and ends before the
 * reporting verb, punctuation or a word that ends a noun phrase. */
struct speaker_ref speaker_forward(const struct extract_ctx *x, const struct tokens *tk, size_t i);

/* Parses a speaker phrase that ends just before token end (the verb),
 * skipping words like "also" and "later", and an apposition between
 * commas ("the Minister ..., Oleg Sokolov, stated"). */
struct speaker_ref speaker_backward(const struct extract_ctx *x, const struct tokens *tk, size_t end);

/* The person or outlet the phrase stands for at position pos, learning from
 * it (a named outlet joins the cast), in *who: NULL if it stands for no one
 * known. Returns 0, or -1 when out of memory (then the extraction fails:
 * "nobody" would be a wrong answer). */
int cast_resolve(struct extract_ctx *x, struct cast *c, const struct tokens *tk,
		 const struct speaker_ref *ref, size_t pos, bool outlet_context, struct person **who);

/* Do the folded name words w and p name alike: the same word, the same
 * transliterated otherwise ("alexey", "alexei"), or an initial of it? */
bool same_name_word(const char *w, size_t wl, const char *p, size_t pl);

/* The person (not an outlet) whose name holds the words of name or whose
 * words name holds, the fullest if several; NULL if none. */
struct person *cast_find(struct cast *c, const char *name);

/* Records that positions [from, to) are a quote's words. Returns -1 when
 * out of memory. */
int cast_note_said(struct cast *c, size_t from, size_t to);

/* Is token i a word of titles.txt, countries.tsv or outlet_words.tsv? */
bool token_is_title_word(const struct extract_ctx *x, const struct tokens *tk, size_t i);

#endif
