/* item_json.c - see item_json.h. */
#include "item_json.h"

#include <math.h>
#include <stdlib.h>

/* A string the model always has: jansson refused a NULL one, and so does
 * this (the buffer fails). */
static void string(struct jsonbuf *b, const char *s)
{
	if (s == NULL)
		b->failed = true;
	else
		jsonbuf_string_or_null(b, s);
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
	jsonbuf_lit(b, ",\"section\":");
	string(b, a->sections[at->section].id);
	jsonbuf_lit(b, ",\"paragraph\":");
	jsonbuf_uint(b, at->paragraph);
	jsonbuf_lit(b, ",\"start\":");
	jsonbuf_uint(b, at->start);
	jsonbuf_lit(b, ",\"end\":");
	jsonbuf_uint(b, at->end);
}

static void counts(struct jsonbuf *b, const struct article *a)
{
	jsonbuf_lit(b, "\"counts\":{\"sections\":");
	jsonbuf_uint(b, a->n_sections);
	jsonbuf_lit(b, ",\"paragraphs\":");
	jsonbuf_uint(b, a->n_paragraphs);
	jsonbuf_lit(b, ",\"quotes\":");
	jsonbuf_uint(b, a->n_quotes);
	jsonbuf_lit(b, ",\"speakers\":");
	jsonbuf_uint(b, a->n_speakers);
	jsonbuf_lit(b, ",\"figures\":");
	jsonbuf_uint(b, a->n_figures);
	jsonbuf_lit(b, ",\"reactions\":");
	jsonbuf_uint(b, a->n_reactions);
	jsonbuf_lit(b, "}");
}

/* An entry of the table of contents. */
static void toc_entry(struct jsonbuf *b, const struct article *a, size_t i)
{
	const struct section *s = &a->sections[i];
	jsonbuf_lit(b, "{\"id\":");
	string(b, s->id);
	jsonbuf_lit(b, ",\"index\":");
	jsonbuf_uint(b, i);
	jsonbuf_lit(b, ",\"heading\":");
	jsonbuf_string_or_null(b, s->heading);
	jsonbuf_lit(b, ",\"paragraphs\":");
	jsonbuf_uint(b, s->n_paragraphs);
	jsonbuf_lit(b, "}");
}

/* The metadata's members before "sections", each with a comma after it:
 * the caller writes the sections (the table of contents, or the full
 * sections) and the counts. */
static void meta_begin(struct jsonbuf *b, const struct article *a)
{
	jsonbuf_lit(b, "{\"id\":");
	string(b, a->id);
	jsonbuf_lit(b, ",\"title\":");
	string(b, a->title);
	jsonbuf_lit(b, ",\"subtitle\":");
	jsonbuf_string_or_null(b, a->subtitle);
	jsonbuf_lit(b, ",\"lede\":");
	jsonbuf_string_or_null(b, a->lede);
	if (a->photo != NULL) {
		jsonbuf_lit(b, ",\"photo\":{\"caption\":");
		jsonbuf_string_or_null(b, a->photo->caption);
		jsonbuf_lit(b, ",\"credit\":");
		jsonbuf_string_or_null(b, a->photo->credit);
		jsonbuf_lit(b, "}");
	} else {
		jsonbuf_lit(b, ",\"photo\":null");
	}
	jsonbuf_lit(b, ",\"source\":{\"publisher\":");
	jsonbuf_string_or_null(b, a->source.publisher);
	jsonbuf_lit(b, ",\"language\":");
	jsonbuf_string_or_null(b, a->source.language);
	jsonbuf_lit(b, ",\"translation\":");
	jsonbuf_string_or_null(b, a->source.translation);
	jsonbuf_lit(b, "},\"related\":[");
	for (size_t i = 0; i < a->n_related; i++) {
		if (i > 0)
			jsonbuf_lit(b, ",");
		string(b, a->related[i]);
	}
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
	jsonbuf_lit(b, "{\"id\":");
	string(b, s->id);
	jsonbuf_lit(b, ",\"index\":");
	jsonbuf_uint(b, i);
	jsonbuf_lit(b, ",\"heading\":");
	jsonbuf_string_or_null(b, s->heading);
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
	jsonbuf_lit(b, "{\"id\":");
	string(b, q->id);
	jsonbuf_lit(b, ",\"kind\":");
	string(b, quote_kind_name(q->kind));
	jsonbuf_lit(b, ",\"speaker\":");
	jsonbuf_string_or_null(b, q->speaker);
	jsonbuf_lit(b, ",\"speaker_id\":");
	jsonbuf_string_or_null(b, q->speaker_of ? q->speaker_of->id : NULL);
	jsonbuf_lit(b, ",\"speaker_as_written\":");
	string(b, q->speaker_as_written);
	jsonbuf_lit(b, ",\"speaker_title\":");
	jsonbuf_string_or_null(b, q->speaker_title);
	jsonbuf_lit(b, ",\"cue\":");
	jsonbuf_string_or_null(b, q->cue);
	jsonbuf_lit(b, ",\"text\":");
	string(b, q->text);
	place(b, a, &q->at);
	if (q->question != NULL) {
		jsonbuf_lit(b, ",\"question\":{\"text\":");
		string(b, q->question);
		jsonbuf_lit(b, ",\"section\":");
		string(b, a->sections[q->question_at.section].id);
		jsonbuf_lit(b, ",\"paragraph\":");
		jsonbuf_uint(b, q->question_at.paragraph);
		jsonbuf_lit(b, "}}");
	} else {
		jsonbuf_lit(b, ",\"question\":null}");
	}
}

void speaker_json(struct jsonbuf *b, const struct article *a, const struct speaker *s)
{
	jsonbuf_lit(b, "{\"id\":");
	string(b, s->id);
	jsonbuf_lit(b, ",\"name\":");
	string(b, s->name);
	jsonbuf_lit(b, ",\"kind\":");
	string(b, speaker_type_name(s->type));
	jsonbuf_lit(b, ",\"titles\":[");
	for (size_t i = 0; i < s->n_titles; i++) {
		if (i > 0)
			jsonbuf_lit(b, ",");
		string(b, s->titles[i]);
	}
	jsonbuf_lit(b, "],\"country\":");
	jsonbuf_string_or_null(b, s->country);
	jsonbuf_lit(b, ",\"quotes\":{\"direct\":");
	jsonbuf_uint(b, s->n_direct);
	jsonbuf_lit(b, ",\"indirect\":");
	jsonbuf_uint(b, s->n_indirect);
	jsonbuf_lit(b, "},\"quote_ids\":[");
	for (size_t i = 0; i < s->n_quotes; i++) {
		if (i > 0)
			jsonbuf_lit(b, ",");
		string(b, a->quotes[s->quotes[i]].id);
	}
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
	jsonbuf_lit(b, "{\"id\":");
	string(b, f->id);
	jsonbuf_lit(b, ",\"kind\":");
	string(b, figure_kind_name(f->kind));
	jsonbuf_lit(b, ",\"text\":");
	string(b, f->text);
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
	jsonbuf_lit(b, ",\"unit\":");
	jsonbuf_string_or_null(b, f->unit);
	if (date) {
		jsonbuf_lit(b, ",\"relative\":");
		jsonbuf_bool(b, f->relative);
	}
	jsonbuf_lit(b, ",\"measure\":");
	jsonbuf_string_or_null(b, f->measure);
	jsonbuf_lit(b, ",\"change\":");
	jsonbuf_string_or_null(b, figure_change_name(f->change));
	jsonbuf_lit(b, ",\"qualifier\":");
	jsonbuf_string_or_null(b, f->qualifier);
	jsonbuf_lit(b, ",\"per\":");
	jsonbuf_string_or_null(b, f->per);
	jsonbuf_lit(b, ",\"period\":");
	figure_ref(b, f->period);
	jsonbuf_lit(b, ",\"compared_to\":");
	figure_ref(b, f->compared_to);
	jsonbuf_lit(b, ",\"sentence\":");
	string(b, f->sentence);
	place(b, a, &f->at);
	jsonbuf_lit(b, "}");
}

void reaction_json(struct jsonbuf *b, const struct article *a, const struct reaction *r)
{
	jsonbuf_lit(b, "{\"id\":");
	string(b, r->id);
	jsonbuf_lit(b, ",\"outlet\":");
	string(b, r->outlet);
	jsonbuf_lit(b, ",\"country\":");
	jsonbuf_string_or_null(b, r->country);
	jsonbuf_lit(b, ",\"outlet_kind\":");
	jsonbuf_string_or_null(b, r->outlet_kind);
	jsonbuf_lit(b, ",\"text\":");
	string(b, r->text);
	jsonbuf_lit(b, ",\"quote\":");
	string(b, r->quote);
	place(b, a, &r->at);
	jsonbuf_lit(b, "}");
}

void article_summary_json(struct jsonbuf *b, const struct article *a)
{
	jsonbuf_lit(b, "{\"id\":");
	string(b, a->id);
	jsonbuf_lit(b, ",\"title\":");
	string(b, a->title);
	jsonbuf_lit(b, ",\"subtitle\":");
	jsonbuf_string_or_null(b, a->subtitle);
	jsonbuf_lit(b, ",");
	counts(b, a);
	jsonbuf_lit(b, "}");
}

/* The whole article's items: members "sections":[...] to
 * "reactions":[...] of the lists from..to (their order in names). */
static void item_members(struct jsonbuf *b, const struct article *a, int from, int to)
{
	static const char *const names[] = {"\"sections\":[", "\"quotes\":[",
					    "\"speakers\":[", "\"figures\":[",
					    "\"reactions\":["};
	const size_t n[] = {a->n_sections, a->n_quotes, a->n_speakers, a->n_figures,
			    a->n_reactions};
	for (int k = from; k <= to; k++) {
		if (k > from)
			jsonbuf_lit(b, ",");
		jsonbuf_text(b, names[k]);
		for (size_t i = 0; i < n[k]; i++) {
			if (i > 0)
				jsonbuf_lit(b, ",");
			switch (k) {
			case 0: section_json(b, a, i); break;
			case 1: quote_json(b, a, &a->quotes[i]); break;
			case 2: speaker_json(b, a, &a->speakers[i]); break;
			case 3: figure_json(b, a, &a->figures[i]); break;
			default: reaction_json(b, a, &a->reactions[i]); break;
			}
		}
		jsonbuf_lit(b, "]");
	}
}

void article_items_json(struct jsonbuf *b, const struct article *a)
{
	item_members(b, a, 0, 4);
}

json_t *article_full_json(const struct article *a)
{
	struct jsonbuf b = {0};
	meta_begin(&b, a);
	item_members(&b, a, 0, 0);
	jsonbuf_lit(&b, ",");
	counts(&b, a);
	jsonbuf_lit(&b, ",");
	item_members(&b, a, 1, 4);
	jsonbuf_lit(&b, "}");
	size_t len;
	char *text = jsonbuf_take(&b, &len);
	if (text == NULL)
		return NULL;
	json_error_t err;
	json_t *j = json_loadb(text, len, JSON_PRESERVE_ORDER, &err);
	free(text);
	return j;
}
