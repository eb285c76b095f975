/* quotes.c - GET /quotes: direct and reported speech; filters speaker
 * (case-insensitive substring of the resolved or written speaker),
 * speaker_id (the id of one of /speakers), kind, section, and article=
 * across articles. */
#include <string.h>

#include "../text/fold.h"
#include "resources.h"

static const struct param_choice quote_kinds[] = {
	{"direct", QUOTE_DIRECT},
	{"indirect", QUOTE_INDIRECT},
	{NULL, 0},
};

static const struct quote *quote_of(const struct served_article *s, size_t i)
{
	return &s->model->quotes[i];
}

static bool keep_speaker(const struct request *rq, const struct served_article *s, size_t i)
{
	const struct quote *q = quote_of(s, i);
	return fold_contains(q->speaker, rq->query.speaker) ||
	       fold_contains(q->speaker_as_written, rq->query.speaker);
}

static void speaker_value(const struct served_article *s, enum served_list list, size_t i,
			  struct jsonbuf *key)
{
	(void)list;
	item_value_text(key, quote_of(s, i)->speaker);
	item_value_text(key, quote_of(s, i)->speaker_as_written);
}

/* The quote links to the speaker of that id (an item of /speakers). */
static bool keep_speaker_id(const struct request *rq, const struct served_article *s, size_t i)
{
	const struct speaker *sp = quote_of(s, i)->speaker_of;
	return sp != NULL && strcmp(sp->id, rq->query.speaker_id) == 0;
}

static void speaker_id_value(const struct served_article *s, enum served_list list, size_t i,
			     struct jsonbuf *key)
{
	(void)list;
	const struct speaker *sp = quote_of(s, i)->speaker_of;
	item_value_text(key, sp != NULL ? sp->id : NULL);
}

static bool keep_kind(const struct request *rq, const struct served_article *s, size_t i)
{
	return (int)quote_of(s, i)->kind == rq->query.quote_kind;
}

static void kind_value(const struct served_article *s, enum served_list list, size_t i,
		       struct jsonbuf *key)
{
	(void)list;
	item_value_number(key, (int)quote_of(s, i)->kind);
}

const struct param_spec params_quotes[] = {
	{.name = "speaker", .type = PARAM_TEXT, .field = QUERY_FIELD(speaker),
	 .keep = keep_speaker, .value = speaker_value},
	{.name = "speaker_id", .type = PARAM_TEXT, .field = QUERY_FIELD(speaker_id),
	 .keep = keep_speaker_id, .value = speaker_id_value},
	{.name = "kind", .type = PARAM_CHOICE, .field = QUERY_FIELD(quote_kind),
	 .choices = quote_kinds, .keep = keep_kind, .value = kind_value},
	PARAM_SECTION_FILTER,
	PARAM_ARTICLES_PICK,
	PARAM_LIMIT,
	PARAM_OFFSET,
	PARAM_FORMAT,
	PARAM_PRETTY,
	PARAM_END,
};
