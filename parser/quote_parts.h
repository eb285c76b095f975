/* quote_parts.h - what the finders of quotes share: the candidate quotes
 * they collect (quotes_extract.c orders them, drops overlaps and resolves their
 * speakers), and the small readings of tokens they all need. */
#ifndef ARTICLED_QUOTE_PARTS_H
#define ARTICLED_QUOTE_PARTS_H

#include <stddef.h>

#include "extract.h"
#include "speakers.h"

struct candidate {
	size_t para;
	size_t attr_end;       /* direct: the token after its attribution */
	size_t start, end;     /* bytes of the quote text within the paragraph */
	size_t order;          /* position used to sort: where the speaker is read */
	enum quote_kind kind;
	struct speaker_ref who;
	size_t cue_start, cue_end;
	const struct tokens *tk;
};

struct candidate_list {
	struct candidate *v;
	size_t n, cap;
};

/* Appends c; returns -1 when out of memory. */
int candidates_push(struct candidate_list *l, const struct candidate *c);

/* c's cue: tokens [first, end) of tk, the reporting words as written. */
void candidate_cue(struct candidate *c, const struct tokens *tk, size_t first, size_t end);

/* c's text: bytes [start, end) of text, cleaned (clean_span) and ordered
 * by where it starts; appends c unless nothing is left. Returns -1 when
 * out of memory. */
int candidates_push_text(struct candidate_list *l, struct candidate *c, const char *text,
			 size_t start, size_t end);

/* The reporting verb at token i (reporting_verbs.tsv; lowercase), its
 * length in tokens in *n, or NULL. Inline: the finders ask it of nearly
 * every token, and most answers are no from one bit (tokens_match). */
static inline const struct lex_entry *verb_at(const struct extract_ctx *x,
					      const struct tokens *tk, size_t i, size_t *n)
{
	if (i >= tk->n || tk->v[i].upper || tk->v[i].kind != TOKEN_WORD)
		return NULL;
	return tokens_match(tk, i, &x->t->verbs, n);
}

/* After a verb that relays another's words ("TASS quotes ... as saying",
 * "cited the words of ..."), from token i: the one whose words they are,
 * or SPEAKER_NONE; *end is the token after the phrase ("as saying" too). */
struct speaker_ref relayed_speaker(const struct extract_ctx *x, const struct tokens *tk, size_t i,
				   size_t *end);

/* Past words like "later" and "also" from token i. */
size_t skip_adverbs(const struct extract_ctx *x, const struct tokens *tk, size_t i);

/* Trims a quote's byte span: white space, stray quote marks, and the
 * comma or dash its attribution left at the end. */
void clean_span(const char *text, size_t *start, size_t *end);

/* The end of the sentence that holds token i, without its final stop. */
size_t clause_end(const struct tokens *tk, size_t i);

/* The same where the sentence s that holds i is known: no search. */
size_t sentence_clause_end(const struct tokens *tk, const struct sentence *s, size_t i);

/* Quotes in marks, and dash-led quotes, of paragraph p (quotes_direct.c).
 * last_of_paragraph gets p's last attributed quote; above is the one of
 * the paragraph before, which a quote opening p may continue. */
int direct_quotes(const struct extract_ctx *x, size_t p, struct candidate_list *out,
		  struct candidate *last_of_paragraph, const struct candidate *above);
int dash_quotes(const struct extract_ctx *x, size_t p, struct candidate_list *out,
		struct candidate *last_of_paragraph);

/* "Anna Belova, head of the laboratory: The text of her column ...": a
 * paragraph that opens with a name, maybe its title, and a colon is the
 * words of that person (an expert column's lead-in). */
int lead_in_quote(const struct extract_ctx *x, size_t p, struct candidate_list *out);

/* Does the quote that opens at token i run to the end of its sentence
 * ("stressed that «... .»")? */
bool quote_ends_sentence(const struct tokens *tk, size_t i);

/* Reported speech of paragraph p (quotes_reported.c). */
int reported_speech(const struct extract_ctx *x, size_t p, struct candidate_list *out);

#endif
