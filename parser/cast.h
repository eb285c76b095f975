/* cast.h - the people and outlets of an article (cast.c): learned from
 * every paragraph first, then what each speaker phrase (speakers.h)
 * resolves to. */
#ifndef ARTICLED_CAST_H
#define ARTICLED_CAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract.h"
#include "speakers.h"

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
	/* The title folded for comparison (cast.c's title_folded), once
	 * made: NULL then for one too long to fold. Extraction scratch. */
	const char *title_fold;
	bool title_fold_made;
	struct person_title *titles; /* every title seen with the name (extraction scratch) */
	size_t n_titles;
	const char *role;     /* the titles.txt entry in that title, or NULL */
	const char *role_class; /* titles.txt class of the role ("diplomat"), or "" */
	enum title_class role_class_tag; /* the same, as the rules know it */
	const char *countries[4]; /* ISO codes named in the title */
	size_t n_countries;
	bool outlet;          /* a media outlet, not a person */
	const char *outlet_kind;
	const char *country;  /* an outlet's country */
	size_t seen;          /* position of the last mention or speech */
	size_t first_seen;    /* position of the first mention */
	bool in_title;        /* named in the article's title */
	bool in_subtitle;     /* named in its subtitle */
	/* The words of name, folded and transliterated once (cast.c's
	 * find_person compares every name it learns with every person's),
	 * and the name they were made from: made again when name changes.
	 * In the cast's arena; NULL until first needed. */
	struct name_words *words;
	const char *words_of;
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
	/* Where the names' words are made (cast.c's lookup_words): the
	 * parse's scratch, which a parse frees whole. Each is some 7 KB, and
	 * a few hundred were malloc'd and freed a parse. */
	struct arena *arena;
	/* The words no person took (the last names looked up), for the next
	 * lookups to reuse, linked by their next_free. */
	struct name_words *spare_words;
	/* The letter bits of every person's name words (cast.c's
	 * cast_letters), while letters_known: a new or renamed person
	 * clears it. */
	uint64_t letters;
	bool letters_known;
	bool has_interviewee;        /* an interview: "you" in its questions is ... */
	size_t interviewee;          /* ... this index of v */
};

/* Records the people of every paragraph. Returns -1 when out of memory. */
int cast_learn(struct extract_ctx *x, struct cast *c);

void cast_free(struct cast *c);

/* Position of token i of paragraph p, comparable across paragraphs. */
size_t cast_position(size_t p, size_t i);

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

#endif
