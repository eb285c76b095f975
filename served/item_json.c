/* item_json.c - see item_json.h. */
#include "item_json.h"

#include <math.h>
#include <string.h>

char *json_compact_text(json_t *j, size_t *len)
{
	if (j == NULL)
		return NULL;
	char *s = json_dumps(j, JSON_COMPACT_FLAGS);
	json_decref(j);
	if (s != NULL)
		*len = strlen(s);
	return s;
}

/* A string or null: jansson has no NULL-tolerant string constructor. */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Whole numbers print without a fraction ("34000000", not "34000000.0"). */
static json_t *number(double v)
{
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static void place(json_t *o, const struct article *a, const struct place *at)
{
	json_object_set_new(o, "section", json_string(a->sections[at->section].id));
	json_object_set_new(o, "paragraph", json_integer((json_int_t)at->paragraph));
	json_object_set_new(o, "start", json_integer((json_int_t)at->start));
	json_object_set_new(o, "end", json_integer((json_int_t)at->end));
}

json_t *article_meta_json(const struct article *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(a->id));
	json_object_set_new(o, "title", json_string(a->title));
	json_object_set_new(o, "subtitle", str_or_null(a->subtitle));
	json_object_set_new(o, "lede", str_or_null(a->lede));
	if (a->photo != NULL)
		json_object_set_new(o, "photo", json_pack("{s:o, s:o}", "caption",
							  str_or_null(a->photo->caption), "credit",
							  str_or_null(a->photo->credit)));
	else
		json_object_set_new(o, "photo", json_null());
	json_object_set_new(o, "source",
			    json_pack("{s:o, s:o, s:o}", "publisher", str_or_null(a->source.publisher),
				      "language", str_or_null(a->source.language), "translation",
				      str_or_null(a->source.translation)));
	json_t *related = json_array();
	for (size_t i = 0; i < a->n_related; i++)
		json_array_append_new(related, json_string(a->related[i]));
	json_object_set_new(o, "related", related);
	json_t *toc = json_array();
	for (size_t i = 0; i < a->n_sections; i++) {
		const struct section *s = &a->sections[i];
		json_array_append_new(toc, json_pack("{s:s, s:I, s:o, s:I}", "id", s->id, "index",
						     (json_int_t)i, "heading", str_or_null(s->heading),
						     "paragraphs", (json_int_t)s->n_paragraphs));
	}
	json_object_set_new(o, "sections", toc);
	json_object_set_new(o, "counts",
			    json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "sections",
				      (json_int_t)a->n_sections, "paragraphs", (json_int_t)a->n_paragraphs,
				      "quotes", (json_int_t)a->n_quotes, "speakers",
				      (json_int_t)a->n_speakers, "figures", (json_int_t)a->n_figures,
				      "reactions", (json_int_t)a->n_reactions));
	return o;
}

json_t *section_json(const struct article *a, size_t i)
{
	const struct section *s = &a->sections[i];
	json_t *paras = json_array();
	for (size_t p = 0; p < s->n_paragraphs; p++)
		json_array_append_new(paras, json_stringn(s->paragraphs[p].text, s->paragraphs[p].len));
	return json_pack("{s:s, s:I, s:o, s:o}", "id", s->id, "index", (json_int_t)i, "heading",
			 str_or_null(s->heading), "paragraphs", paras);
}

json_t *quote_json(const struct article *a, const struct quote *q)
{
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:s}", "id", q->id, "kind",
			      quote_kind_name(q->kind), "speaker", str_or_null(q->speaker),
			      "speaker_id", str_or_null(q->speaker_of ? q->speaker_of->id : NULL),
			      "speaker_as_written", q->speaker_as_written, "speaker_title",
			      str_or_null(q->speaker_title), "cue", str_or_null(q->cue), "text", q->text);
	place(o, a, &q->at);
	if (q->question != NULL)
		json_object_set_new(o, "question",
				    json_pack("{s:s, s:s, s:I}", "text", q->question, "section",
					      a->sections[q->question_at.section].id, "paragraph",
					      (json_int_t)q->question_at.paragraph));
	else
		json_object_set_new(o, "question", json_null());
	return o;
}

json_t *speaker_json(const struct article *a, const struct speaker *s)
{
	json_t *titles = json_array(), *quote_ids = json_array();
	for (size_t i = 0; i < s->n_titles; i++)
		json_array_append_new(titles, json_string(s->titles[i]));
	for (size_t i = 0; i < s->n_quotes; i++)
		json_array_append_new(quote_ids, json_string(a->quotes[s->quotes[i]].id));
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:{s:I, s:I}, s:o}", "id", s->id, "name",
			 s->name, "kind", speaker_type_name(s->type), "titles", titles, "country",
			 str_or_null(s->country), "quotes", "direct", (json_int_t)s->n_direct,
			 "indirect", (json_int_t)s->n_indirect, "quote_ids", quote_ids);
}

/* The upper end of a range ("value_to"), null for a single value. */
static json_t *figure_value_to(const struct figure *f)
{
	if (!f->range)
		return json_null();
	return f->kind == FIGURE_DATE ? str_or_null(f->date_to) : number(f->number_to);
}

static json_t *figure_ref(const struct figure *f)
{
	return f ? json_string(f->id) : json_null();
}

json_t *figure_json(const struct article *a, const struct figure *f)
{
	json_t *value = f->kind == FIGURE_DATE ? str_or_null(f->date) : number(f->number);
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "id", f->id, "kind",
			      figure_kind_name(f->kind), "text", f->text, "value", value, "value_to",
			      figure_value_to(f), "unit", str_or_null(f->unit));
	if (f->kind == FIGURE_DATE)
		json_object_set_new(o, "relative", json_boolean(f->relative));
	json_object_set_new(o, "measure", str_or_null(f->measure));
	json_object_set_new(o, "change", str_or_null(figure_change_name(f->change)));
	json_object_set_new(o, "qualifier", str_or_null(f->qualifier));
	json_object_set_new(o, "per", str_or_null(f->per));
	json_object_set_new(o, "period", figure_ref(f->period));
	json_object_set_new(o, "compared_to", figure_ref(f->compared_to));
	json_object_set_new(o, "sentence", json_string(f->sentence));
	place(o, a, &f->at);
	return o;
}

json_t *reaction_json(const struct article *a, const struct reaction *r)
{
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:s, s:s}", "id", r->id, "outlet", r->outlet,
			      "country", str_or_null(r->country), "outlet_kind",
			      str_or_null(r->outlet_kind), "text", r->text, "quote", r->quote);
	place(o, a, &r->at);
	return o;
}

json_t *article_full_json(const struct article *a)
{
	json_t *o = article_meta_json(a);
	json_t *sections = json_array(), *quotes = json_array(), *figures = json_array(),
	       *reactions = json_array(), *speakers = json_array();
	for (size_t i = 0; i < a->n_sections; i++)
		json_array_append_new(sections, section_json(a, i));
	for (size_t i = 0; i < a->n_quotes; i++)
		json_array_append_new(quotes, quote_json(a, &a->quotes[i]));
	for (size_t i = 0; i < a->n_speakers; i++)
		json_array_append_new(speakers, speaker_json(a, &a->speakers[i]));
	for (size_t i = 0; i < a->n_figures; i++)
		json_array_append_new(figures, figure_json(a, &a->figures[i]));
	for (size_t i = 0; i < a->n_reactions; i++)
		json_array_append_new(reactions, reaction_json(a, &a->reactions[i]));
	json_object_set_new(o, "sections", sections);
	json_object_set_new(o, "quotes", quotes);
	json_object_set_new(o, "speakers", speakers);
	json_object_set_new(o, "figures", figures);
	json_object_set_new(o, "reactions", reactions);
	return o;
}

json_t *article_summary_json(const struct article *a)
{
	return json_pack("{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I}}", "id", a->id, "title",
			 a->title, "subtitle", str_or_null(a->subtitle), "counts", "sections",
			 (json_int_t)a->n_sections, "paragraphs", (json_int_t)a->n_paragraphs, "quotes",
			 (json_int_t)a->n_quotes, "speakers", (json_int_t)a->n_speakers, "figures",
			 (json_int_t)a->n_figures, "reactions", (json_int_t)a->n_reactions);
}
