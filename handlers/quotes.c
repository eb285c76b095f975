/* quotes.c - GET /quotes: direct and reported speech; filters speaker
 * (case-insensitive substring of the resolved or written speaker), kind,
 * section. */
#include <string.h>

#include "lists.h"
#include "resources.h"

static const char *const quote_kinds[] = {"direct", "indirect", NULL};

const struct param_spec params_quotes[] = {
	{"speaker", PARAM_STRING, 0, NULL, 0}, {"kind", PARAM_CHOICE, 0, quote_kinds, 0},
	{"section", PARAM_STRING, 0, NULL, 0}, PARAM_ARTICLE, PARAM_LIMIT, PARAM_OFFSET, PARAM_PRETTY,
	{NULL}};

static bool keep_quote(const struct request *rq, const struct served_article *s, size_t i)
{
	const struct quote *q = &s->model->quotes[i];
	const char *speaker = query_text(rq, "speaker");
	const char *kind = query_text(rq, "kind");
	const char *section = query_text(rq, "section");
	if (kind && strcmp(kind, quote_kind_name(q->kind)) != 0)
		return false;
	if (section && strcmp(section, s->model->sections[q->at.section].id) != 0)
		return false;
	if (speaker && !contains_folded_text(q->speaker, speaker) &&
	    !contains_folded_text(q->speaker_as_written, speaker))
		return false;
	return true;
}

static const struct item_list *quote_items(const struct served_article *s)
{
	return &s->quote_items;
}

static const struct prebuilt *all_quotes(const struct served_article *s)
{
	return &s->quotes;
}

void handle_quotes(const struct request *rq, struct reply *rp)
{
	static const struct list_kind kind = {quote_items, all_quotes, keep_quote};
	reply_list(rq, rp, &kind);
}
