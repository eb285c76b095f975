/* interview.c - see interview.h. */
#include "interview.h"

#include <string.h>

#include "../text/fold.h"
#include "../text/utf8.h"
#include "names.h"

enum qa_role qa_role_of(const struct qa *qa, size_t p)
{
	return qa != NULL && qa->interview ? qa->role[p] : QA_NONE;
}

/* The last token that is not a closing mark or bracket is a '?'. */
static bool ends_question(const struct tokens *tk)
{
	for (size_t k = tk->n; k-- > 0;) {
		const struct token *t = &tk->v[k];
		if (t->kind == TOKEN_PUNCT && (cp_is_quote(t->cp) || t->cp == ')'))
			continue;
		return t->kind == TOKEN_PUNCT && t->cp == '?';
	}
	return false;
}

/* "- Question", "— Answer": a dash, then a space. */
static bool dashed(const struct tokens *tk)
{
	return tk->n > 1 && tk->v[0].kind == TOKEN_PUNCT && cp_is_dash(tk->v[0].cp) &&
	       tk->v[1].space_before;
}

/* A second-person word of speech_grammar.tsv: "you", "your". */
static bool asks_you(const struct extract_ctx *x, const struct tokens *tk)
{
	for (size_t k = 0; k < tk->n; k++)
		if (speech_is(x, &tk->v[k], SPEECH_SECOND_PERSON))
			return true;
	return false;
}

/* "Pavel Andreevich, tell me ...": the token of the given name of the
 * one addressed by name and patronymic, or tk->n. */
static size_t vocative(const struct extract_ctx *x, const struct tokens *tk)
{
	size_t i = dashed(tk) ? 1 : 0;
	if (i + 2 < tk->n && tk->v[i].kind == TOKEN_WORD && tk->v[i].upper &&
	    tk->v[i + 1].kind == TOKEN_WORD && tk->v[i + 1].upper && is_patronymic(x, &tk->v[i + 1]) &&
	    token_is_punct(&tk->v[i + 2], ','))
		return i;
	return tk->n;
}

static bool question(const struct extract_ctx *x, const struct tokens *tk)
{
	return ends_question(tk) && (dashed(tk) || asks_you(x, tk) || vocative(x, tk) < tk->n);
}

/* "Ivan Sorokin: the port will work in winter": the person the title
 * names before its colon, or NULL. */
static struct person *named_in_title(struct extract_ctx *x, struct cast *cast)
{
	const char *title = x->a->title;
	struct tokens tk;
	if (title == NULL || tokens_split(&tk, title, strlen(title), &x->t->abbreviations, &x->t->token_index,
					  &x->scratch) != 0)
		return NULL;
	size_t colon = 0;
	while (colon < tk.n && !token_is_punct(&tk.v[colon], ':'))
		colon++;
	if (colon == 0 || colon >= tk.n)
		return NULL;
	struct speaker_ref who = classify(x, &tk, 0, colon);
	if (who.kind != SPEAKER_NAME || who.outlet != NULL || who.name_last != colon)
		return NULL;
	char name[256];
	size_t b0 = tk.v[who.name_first].start, b1 = tk.v[who.name_last - 1].end;
	if (b1 - b0 >= sizeof name)
		return NULL;
	memcpy(name, title + b0, b1 - b0);
	name[b1 - b0] = '\0';
	/* A surname alone ("Petrov: ...") must be that of someone named in full. */
	struct person *p = cast_find(cast, name);
	bool one_word = who.name_last - who.name_first == 1;
	return p != NULL && (!one_word || strchr(p->name, ' ') != NULL) ? p : NULL;
}

/* The person whose given name the first question addresses, among those
 * named before it (in the title, the subtitle or the lede). */
static struct person *addressed(const struct extract_ctx *x, struct cast *cast, size_t first_q)
{
	const struct tokens *tk = &x->paras[first_q].tk;
	size_t v = vocative(x, tk);
	if (v >= tk->n)
		return NULL;
	const char *given = tk->v[v].fold;
	size_t gl = tk->v[v].fold_len;
	for (size_t i = 0; i < cast->n; i++) {
		struct person *p = &cast->v[i];
		if (p->outlet)
			continue;
		char folded[256];
		size_t fl = fold_text(p->name, strlen(p->name), folded, sizeof folded);
		const char *space = fl != (size_t)-1 ? strchr(folded, ' ') : NULL;
		bool before = p->in_title || p->in_subtitle || p->first_seen < cast_position(first_q, 0);
		/* "Alexey Borisovich" addresses Alexei Petrov: the same given name,
		 * however transliterated. */
		if (space != NULL && before && same_name_word(folded, (size_t)(space - folded), given, gl))
			return p;
	}
	return NULL;
}

/* The first person the subtitle names, else the first one the paragraphs
 * before the first question name. */
static struct person *introduced(struct cast *cast, size_t first_q)
{
	for (size_t i = 0; i < cast->n; i++)
		if (!cast->v[i].outlet && cast->v[i].in_subtitle)
			return &cast->v[i];
	for (size_t i = 0; i < cast->n_mentions; i++) {
		const struct cast_event *e = &cast->mentions[i];
		if (e->pos >= cast_position(first_q, 0))
			break;
		if (!cast->v[e->person].outlet)
			return &cast->v[e->person];
	}
	return NULL;
}

int qa_read(struct extract_ctx *x, struct cast *cast, struct qa *qa)
{
	memset(qa, 0, sizeof *qa);
	size_t n = x->n_paras;
	qa->role = arena_alloc(&x->scratch, (n + 1) * sizeof *qa->role);
	qa->question = arena_alloc(&x->scratch, (n + 1) * sizeof *qa->question);
	if (qa->role == NULL || qa->question == NULL)
		return -1;
	size_t first_q = n;
	for (size_t p = 0; p < n; p++) {
		qa->role[p] = question(x, &x->paras[p].tk) ? QA_QUESTION : QA_NONE;
		if (qa->role[p] == QA_QUESTION && first_q == n)
			first_q = p;
	}
	if (first_q == n)
		return 0;
	/* Where questions show themselves, a question mark before a dashed
	 * answer asks one too. */
	for (size_t p = 0; p + 1 < n; p++)
		if (qa->role[p] == QA_NONE && ends_question(&x->paras[p].tk) &&
		    dashed(&x->paras[p + 1].tk) && qa->role[p + 1] == QA_NONE) {
			qa->role[p] = QA_QUESTION;
			first_q = p < first_q ? p : first_q;
		}
	/* Where the dashes mark the questions only (every question that shows
	 * itself is dashed, no answer after one is), a dashed paragraph asks
	 * even without a question mark ("- And the trains. The queue was long."). */
	bool dashed_questions = true, dashed_answers = false;
	for (size_t p = first_q; p < n; p++) {
		if (qa->role[p] == QA_QUESTION)
			dashed_questions = dashed_questions && dashed(&x->paras[p].tk);
		else if (p > 0 && qa->role[p - 1] == QA_QUESTION)
			dashed_answers = dashed_answers || dashed(&x->paras[p].tk);
	}
	if (dashed_questions && !dashed_answers)
		for (size_t p = first_q; p < n; p++)
			if (dashed(&x->paras[p].tk))
				qa->role[p] = QA_QUESTION;
	struct person *who = named_in_title(x, cast);
	if (who == NULL)
		who = addressed(x, cast, first_q);
	/* Someone the text merely introduces answers only questions that look
	 * like an interview's: dashed, addressed by name, or answered by a
	 * dashed paragraph. A lede of questions to "you" is no interview. */
	const struct tokens *fq = &x->paras[first_q].tk;
	bool interview_like = dashed(fq) || vocative(x, fq) < fq->n ||
			      (first_q + 1 < n && dashed(&x->paras[first_q + 1].tk));
	if (who == NULL && interview_like)
		who = introduced(cast, first_q);
	if (who == NULL)
		return 0;
	cast->has_interviewee = true;
	cast->interviewee = (size_t)(who - cast->v);
	qa->interview = true;
	size_t asked = (size_t)-1;
	for (size_t p = first_q; p < n; p++) {
		if (qa->role[p] == QA_QUESTION) {
			asked = p;
			continue;
		}
		qa->role[p] = QA_ANSWER;
		qa->question[p] = asked;
	}
	return 0;
}
