/* speaker_listing.c - GET /speakers: everyone the article quotes or
 * reports, in the order they first speak; filters kind and q (words of
 * the name, as /search matches words).
 *
 * With article= (struct list_merge: the list engine groups, this writes)
 * the speakers of those articles are one per name (compared
 * without case or runs of white space): the first article's id, name,
 * kind and country; every title any of them gives, once, first given
 * first; the counts summed; the quotes as ARTICLE/QUOTE ids (the path of
 * /articles/ARTICLE/quotes); and the articles that quote them. So one
 * person quoted by three articles is one item, not three.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../text/fold.h"
#include "resources.h"

static const struct param_choice speaker_kinds[] = {
	{"person", SPEAKER_PERSON},
	{"organization", SPEAKER_ORGANIZATION},
	{"outlet", SPEAKER_OUTLET},
	{NULL, 0},
};

static const struct speaker *speaker_at(const struct served_article *s, size_t i)
{
	return &s->model->speakers[i];
}

static bool keep_kind(const struct request *rq, const struct served_article *s, size_t i)
{
	return (int)speaker_at(s, i)->type == rq->query.speaker_kind;
}

/* Every word of q where a word of the name begins ("leb" in "Pavel
 * Lebedev"), as /search matches the words of paragraphs. */
static bool keep_name(const struct request *rq, const struct served_article *s, size_t i)
{
	const char *name = speaker_at(s, i)->name;
	size_t n;
	struct search_match m;
	return search_text(&rq->query.q.terms, name, strlen(name), &m, 0, &n);
}

static void kind_value(const struct served_article *s, enum served_list list, size_t i,
		       struct jsonbuf *key)
{
	(void)list;
	item_value_number(key, (int)speaker_at(s, i)->type);
}

static void name_value(const struct served_article *s, enum served_list list, size_t i,
		       struct jsonbuf *key)
{
	(void)list;
	item_value_text(key, speaker_at(s, i)->name);
}

const struct param_spec params_speakers[] = {
	{.name = "kind", .type = PARAM_CHOICE, .field = QUERY_FIELD(speaker_kind),
	 .choices = speaker_kinds, .keep = keep_kind, .value = kind_value},
	{.name = "q", .type = PARAM_WORDS, .field = QUERY_FIELD(q), .example = "/speakers?q=putin",
	 .keep = keep_name, .value = name_value},
	PARAM_ARTICLES_PICK,
	PARAM_LIMIT,
	PARAM_OFFSET,
	PARAM_FORMAT,
	PARAM_PRETTY,
	PARAM_END,
};

/* Speakers are one across articles when their names fold alike. */
static void speaker_key(const struct served_article *s, enum served_list list, size_t i,
			struct jsonbuf *key)
{
	(void)list;
	const char *name = speaker_at(s, i)->name;
	/* Folding never makes a text more than a few times longer. */
	size_t len = strlen(name), cap = 4 * len + 8;
	char *folded = malloc(cap);
	if (folded == NULL) {
		key->failed = true;
		return;
	}
	size_t n = fold_text(name, len, folded, cap);
	/* (size_t)-1 cannot happen; then the empty key, one for all such. */
	if (n != (size_t)-1)
		jsonbuf_raw(key, folded, n);
	free(folded);
}

/* Has one of the speakers before item `until`, or item `until` before
 * its title `title`, the title t (compared without case)? */
static bool title_given_before(const struct item_ref *items, size_t until, size_t title,
			       const char *t)
{
	for (size_t k = 0; k <= until; k++) {
		const struct speaker *sp = speaker_at(items[k].s, items[k].index);
		for (size_t i = 0; i < sp->n_titles && (k < until || i < title); i++)
			if (strcasecmp(sp->titles[i], t) == 0)
				return true;
	}
	return false;
}

static void write_string(struct jsonbuf *b, const char *s)
{
	jsonbuf_string(b, s, strlen(s));
}

/* One speaker across articles: the shape of an article's speaker, with
 * "articles" first. */
static void write_merged(struct jsonbuf *b, const struct item_ref *items, size_t n)
{
	const struct speaker *first = speaker_at(items[0].s, items[0].index);
	const char *country = NULL;
	size_t direct = 0, indirect = 0;
	jsonbuf_text(b, "{\"articles\":[");
	for (size_t k = 0; k < n; k++) {
		const struct speaker *sp = speaker_at(items[k].s, items[k].index);
		/* Each article once (its items come together). */
		if (k == 0 || items[k].s != items[k - 1].s) {
			if (k > 0)
				jsonbuf_text(b, ",");
			write_string(b, items[k].s->id);
		}
		direct += sp->n_direct;
		indirect += sp->n_indirect;
		if (country == NULL)
			country = sp->country;
	}
	jsonbuf_text(b, "],\"id\":");
	write_string(b, first->id);
	jsonbuf_text(b, ",\"name\":");
	write_string(b, first->name);
	jsonbuf_text(b, ",\"kind\":");
	write_string(b, speaker_type_name(first->type));
	jsonbuf_text(b, ",\"titles\":[");
	bool comma = false;
	for (size_t k = 0; k < n; k++) {
		const struct speaker *sp = speaker_at(items[k].s, items[k].index);
		for (size_t i = 0; i < sp->n_titles; i++) {
			if (title_given_before(items, k, i, sp->titles[i]))
				continue;
			if (comma)
				jsonbuf_text(b, ",");
			write_string(b, sp->titles[i]);
			comma = true;
		}
	}
	jsonbuf_text(b, "],\"country\":");
	if (country != NULL)
		write_string(b, country);
	else
		jsonbuf_text(b, "null");
	jsonbuf_text(b, ",\"quotes\":{\"direct\":");
	jsonbuf_uint(b, direct);
	jsonbuf_text(b, ",\"indirect\":");
	jsonbuf_uint(b, indirect);
	jsonbuf_text(b, "},\"quote_ids\":[");
	comma = false;
	for (size_t k = 0; k < n; k++) {
		const struct speaker *sp = speaker_at(items[k].s, items[k].index);
		const struct article *a = items[k].s->model;
		for (size_t i = 0; i < sp->n_quotes; i++) {
			/* ARTICLE/QUOTE: an article id is a slug, without '/'. */
			const char *aid = items[k].s->id, *qid = a->quotes[sp->quotes[i]].id;
			size_t la = strlen(aid), lq = strlen(qid);
			char *id = malloc(la + lq + 2);
			if (id == NULL) {
				b->failed = true;
				return;
			}
			memcpy(id, aid, la);
			id[la] = '/';
			memcpy(id + la + 1, qid, lq + 1);
			if (comma)
				jsonbuf_text(b, ",");
			jsonbuf_string(b, id, la + 1 + lq);
			free(id);
			comma = true;
		}
	}
	jsonbuf_text(b, "]}");
}

const struct list_merge speakers_merge = {.key = speaker_key, .write = write_merged};
