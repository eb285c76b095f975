/* interview.h - the questions and answers of an interview, and who
 * answers them.
 *
 * An interview of the genre is a run of question paragraphs, each
 * followed by the paragraphs of its answer; either or both may open with a
 * dash. A question ends with a question mark and shows that it is one: a
 * leading dash, a "you", or the interviewee addressed by name and
 * patronymic ("Pavel Andreevich, ..."); a question-mark paragraph just
 * before a dashed answer is one too. The interviewee is the person the
 * title names before its colon ("Name: words"), else the one the first
 * question addresses, else the first person the subtitle names, else the
 * first one the paragraphs before the first question name. Without an
 * interviewee there is no interview: a rhetorical question asked in an
 * article makes no answers.
 */
#ifndef ARTICLED_INTERVIEW_H
#define ARTICLED_INTERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "cast.h"
#include "extract.h"

enum qa_role { QA_NONE, QA_QUESTION, QA_ANSWER };

struct qa {
	bool interview;
	enum qa_role *role; /* per body paragraph (x->paras), in the scratch arena */
	size_t *question;   /* per answer: the paragraph of its question */
};

/* Reads the questions and answers of the article, and sets the cast's
 * interviewee (what "you" in a question stands for). Returns -1 when out
 * of memory. */
int qa_read(struct extract_ctx *x, struct cast *cast, struct qa *qa);

/* The role of paragraph p (QA_NONE when the article is no interview). */
enum qa_role qa_role_of(const struct qa *qa, size_t p);

#endif
