/* item_json.c - see item_json.h. */
#include "item_json.h"

#include <math.h>
#include <stdlib.h>

#include "item_list.h"

/* A string the model always has: jansson refused a NULL one, and so does
 * this (the buffer fails). */
static void string(struct jsonbuf *b, const char *s)
{
	if (s == NULL)
		b->failed = true;
	else
		jsonbuf_string_or_null(b, s);
}

/* Members: the name as a literal with its colon (and the comma before
 * it, if any), then the value. */
static inline void member_string(struct jsonbuf *b, const char *name, const char *s)
{
	jsonbuf_text(b, name);
	string(b, s);
}

static inline void member_or_null(struct jsonbuf *b, const char *name, const char *s)
{
	jsonbuf_text(b, name);
	jsonbuf_string_or_null(b, s);
}

static inline void member_uint(struct jsonbuf *b, const char *name, size_t v)
{
	jsonbuf_text(b, name);
	jsonbuf_uint(b, v);
}

/* Whole numbers print without a fraction ("34000000", not "34000000.0"). */
static void number(struct jsonbuf *b, double v)
{
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		jsonbuf_int(b, (long long)v);
	else
		jsonbuf_real(b, v);
}

/* Where an item is: four members, after the item's own. */
static void place(struct jsonbuf *b, const struct article *a, const struct place *at)
{
	member_string(b, ",\"section\":", a->sections[at->section].id);
	member_uint(b, ",\"paragraph\":", at->paragraph);
	member_uint(b, ",\"start\":", at->start);
	member_uint(b, ",\"end\":", at->end);
}

static void counts(struct jsonbuf *b, const struct article *a)
{
	member_uint(b, "\"counts\":{\"sections\":", a->n_sections);
	member_uint(b, ",\"paragraphs\":", a->n_paragraphs);
	member_uint(b, ",\"quotes\":", a->n_quotes);
	member_uint(b, ",\"speakers\":", a->n_speakers);
	member_uint(b, ",\"figures\":", a->n_figures);
	member_uint(b, ",\"reactions\":", a->n_reactions);
	jsonbuf_lit(b, "}");
}

/* An entry of the table of contents. */
static void toc_entry(struct jsonbuf *b, const struct article *a, size_t i)
{
	const struct section *s = &a->sections[i];
	member_string(b, "{\"id\":", s->id);
	member_uint(b, ",\"index\":", i);
	member_or_null(b, ",\"heading\":", s->heading);
	member_uint(b, ",\"paragraphs\":", s->n_paragraphs);
	jsonbuf_lit(b, "}");
}

/* The metadata's members before "sections", each with a comma after it:
 * the caller writes the sections (the table of contents, or the full
 * sections) and the counts. */
static void meta_begin(struct jsonbuf *b, const struct article *a)
{
	member_string(b, "{\"id\":", a->id);
	member_string(b, ",\"title\":", a->title);
	member_or_null(b, ",\"subtitle\":", a->subtitle);
	member_or_null(b, ",\"lede\":", a->lede);
	if (a->photo != NULL) {
		member_or_null(b, ",\"photo\":{\"caption\":", a->photo->caption);
		member_or_null(b, ",\"credit\":", a->photo->credit);
		jsonbuf_lit(b, "}");
	} else {
		jsonbuf_lit(b, ",\"photo\":null");
	}
	member_or_null(b, ",\"source\":{\"publisher\":", a->source.publisher);
	member_or_null(b, ",\"language\":", a->source.language);
	member_or_null(b, ",\"translation\":", a->source.translation);
	jsonbuf_lit(b, "},\"related\":[");
	for (size_t i = 0; i < a->n_related; i++)
		member_string(b, i > 0 ? "," : "", a->related[i]);
	jsonbuf_lit(b, "],");
}

void article_meta_json(struct jsonbuf *b, const struct article *a)
{
	meta_begin(b, a);
	jsonbuf_lit(b, "\"sections\":[");
	for (size_t i = 0; i < a->n_sections; i++) {
		if (i > 0)
			jsonbuf_lit(b, ",");
		toc_entry(b, a, i);
	}
	jsonbuf_lit(b, "],");
	counts(b, a);
	jsonbuf_lit(b, "}");
}

void section_json(struct jsonbuf *b, const struct article *a, size_t i)
{
	const struct section *s = &a->sections[i];
	member_string(b, "{\"id\":", s->id);
	member_uint(b, ",\"index\":", i);
	member_or_null(b, ",\"heading\":", s->heading);
	jsonbuf_lit(b, ",\"paragraphs\":[");
	for (size_t p = 0; p < s->n_paragraphs; p++) {
		if (p > 0)
			jsonbuf_lit(b, ",");
		jsonbuf_string(b, s->paragraphs[p].text, s->paragraphs[p].len);
	}
	jsonbuf_lit(b, "]}");
}

void quote_json(struct jsonbuf *b, const struct article *a, const struct quote *q)
{
	member_string(b, "{\"id\":", q->id);
	member_string(b, ",\"kind\":", quote_kind_name(q->kind));
	member_or_null(b, ",\"speaker\":", q->speaker);
	member_or_null(b, ",\"speaker_id\":", q->speaker_of ? q->speaker_of->id : NULL);
	member_string(b, ",\"speaker_as_written\":", q->speaker_as_written);
	member_or_null(b, ",\"speaker_title\":", q->speaker_title);
	member_or_null(b, ",\"cue\":", q->cue);
	member_string(b, ",\"text\":", q->text);
	place(b, a, &q->at);
	if (q->question != NULL) {
		member_string(b, ",\"question\":{\"text\":", q->question);
		member_string(b, ",\"section\":", a->sections[q->question_at.section].id);
		member_uint(b, ",\"paragraph\":", q->question_at.paragraph);
		jsonbuf_lit(b, "}}");
	} else {
		jsonbuf_lit(b, ",\"question\":null}");
	}
}

void speaker_json(struct jsonbuf *b, const struct article *a, const struct speaker *s)
{
	member_string(b, "{\"id\":", s->id);
	member_string(b, ",\"name\":", s->name);
	member_string(b, ",\"kind\":", speaker_type_name(s->type));
	jsonbuf_lit(b, ",\"titles\":[");
	for (size_t i = 0; i < s->n_titles; i++)
		member_string(b, i > 0 ? "," : "", s->titles[i]);
	member_or_null(b, "],\"country\":", s->country);
	member_uint(b, ",\"quotes\":{\"direct\":", s->n_direct);
	member_uint(b, ",\"indirect\":", s->n_indirect);
	jsonbuf_lit(b, "},\"quote_ids\":[");
	for (size_t i = 0; i < s->n_quotes; i++)
		member_string(b, i > 0 ? "," : "", a->quotes[s->quotes[i]].id);
	jsonbuf_lit(b, "]}");
}

/* A figure that names another (its period, what it is compared to). */
static void figure_ref(struct jsonbuf *b, const struct figure *f)
{
	jsonbuf_string_or_null(b, f ? f->id : NULL);
}

void figure_json(struct jsonbuf *b, const struct article *a, const struct figure *f)
{
	bool date = f->kind == FIGURE_DATE;
	member_string(b, "{\"id\":", f->id);
	member_string(b, ",\"kind\":", figure_kind_name(f->kind));
	member_string(b, ",\"text\":", f->text);
	jsonbuf_lit(b, ",\"value\":");
	if (date)
		jsonbuf_string_or_null(b, f->date);
	else
		number(b, f->number);
	/* The upper end of a range, null for a single value. */
	jsonbuf_lit(b, ",\"value_to\":");
	if (!f->range)
		jsonbuf_lit(b, "null");
	else if (date)
		jsonbuf_string_or_null(b, f->date_to);
	else
		number(b, f->number_to);
	member_or_null(b, ",\"unit\":", f->unit);
	if (date) {
		jsonbuf_lit(b, ",\"relative\":");
		jsonbuf_bool(b, f->relative);
	}
	member_or_null(b, ",\"measure\":", f->measure);
	member_or_null(b, ",\"change\":", figure_change_name(f->change));
	member_or_null(b, ",\"qualifier\":", f->qualifier);
	member_or_null(b, ",\"per\":", f->per);
	jsonbuf_lit(b, ",\"period\":");
	figure_ref(b, f->period);
	jsonbuf_lit(b, ",\"compared_to\":");
	figure_ref(b, f->compared_to);
	size_t sentence_len;
	const char *sentence = figure_sentence(a, f, &sentence_len);
	jsonbuf_lit(b, ",\"sentence\":");
	jsonbuf_string(b, sentence, sentence_len);
	place(b, a, &f->at);
	jsonbuf_lit(b, "}");
}

void reaction_json(struct jsonbuf *b, const struct article *a, const struct reaction *r)
{
	member_string(b, "{\"id\":", r->id);
	member_string(b, ",\"outlet\":", r->outlet);
	member_or_null(b, ",\"country\":", r->country);
	member_or_null(b, ",\"outlet_kind\":", r->outlet_kind);
	member_string(b, ",\"text\":", r->text);
	member_string(b, ",\"quote\":", r->quote);
	place(b, a, &r->at);
	jsonbuf_lit(b, "}");
}

void article_summary_json(struct jsonbuf *b, const struct article *a)
{
	member_string(b, "{\"id\":", a->id);
	member_string(b, ",\"title\":", a->title);
	member_or_null(b, ",\"subtitle\":", a->subtitle);
	jsonbuf_lit(b, ",");
	counts(b, a);
	jsonbuf_lit(b, "}");
}

void list_item_json(struct jsonbuf *b, const struct article *a, int list, size_t i)
{
	switch (list) {
	case LIST_SECTIONS: section_json(b, a, i); break;
	case LIST_QUOTES: quote_json(b, a, &a->quotes[i]); break;
	case LIST_SPEAKERS: speaker_json(b, a, &a->speakers[i]); break;
	case LIST_FIGURES: figure_json(b, a, &a->figures[i]); break;
	case LIST_REACTIONS: reaction_json(b, a, &a->reactions[i]); break;
	}
}

/* The whole article's items: the members "sections":[...] to
 * "reactions":[...] of the lists from..to (enum served_list). */
static void item_members(struct jsonbuf *b, const struct article *a, int from, int to)
{
	static const char *const names[LIST_KINDS] = {
		[LIST_SECTIONS] = "\"sections\":[", [LIST_QUOTES] = "\"quotes\":[",
		[LIST_SPEAKERS] = "\"speakers\":[", [LIST_FIGURES] = "\"figures\":[",
		[LIST_REACTIONS] = "\"reactions\":[",
	};
	const size_t n[LIST_KINDS] = {
		[LIST_SECTIONS] = a->n_sections, [LIST_QUOTES] = a->n_quotes,
		[LIST_SPEAKERS] = a->n_speakers, [LIST_FIGURES] = a->n_figures,
		[LIST_REACTIONS] = a->n_reactions,
	};
	for (int k = from; k <= to; k++) {
		if (k > from)
			jsonbuf_lit(b, ",");
		jsonbuf_text(b, names[k]);
		for (size_t i = 0; i < n[k]; i++) {
			if (i > 0)
				jsonbuf_lit(b, ",");
			list_item_json(b, a, k, i);
		}
		jsonbuf_lit(b, "]");
	}
}

void article_items_json(struct jsonbuf *b, const struct article *a)
{
	item_members(b, a, LIST_SECTIONS, LIST_REACTIONS);
}

char *article_full_text(const struct article *a, size_t *len)
{
	struct jsonbuf b = {0};
	meta_begin(&b, a);
	item_members(&b, a, LIST_SECTIONS, LIST_SECTIONS);
	jsonbuf_lit(&b, ",");
	counts(&b, a);
	jsonbuf_lit(&b, ",");
	item_members(&b, a, LIST_QUOTES, LIST_REACTIONS);
	jsonbuf_lit(&b, "}");
	return jsonbuf_take(&b, len);
}

json_t *article_full_json(const struct article *a)
{
	size_t len;
	char *text = article_full_text(a, &len);
	if (text == NULL)
		return NULL;
	json_error_t err;
	json_t *j = json_loadb(text, len, JSON_PRESERVE_ORDER, &err);
	free(text);
	return j;
}
