/* fuzz_parser.c - libFuzzer harness for the article parser.
 *
 * The input is a whole article file, as `articled --data FILE` would read it:
 * textfile_from_buffer() checks and normalizes it (rejecting binary data and
 * invalid UTF-8, as the server does), then article_parse() builds the model
 * and article_full_text() writes all of it with the writers the catalog
 * uses at load time. Besides the sanitizers, the harness checks the
 * model's invariants and abort()s when one is broken:
 *
 *   - a parsed article has a title; section and paragraph indexes of every
 *     quote, figure and reaction are in range; sum of the sections'
 *     paragraphs is n_paragraphs;
 *   - every span satisfies start <= end <= code point length of its
 *     paragraph (model.h: offsets are code points, end exclusive);
 *   - a figure's sentence lies in its paragraph and holds its text;
 *   - every paragraph is valid UTF-8 (the JSON of the API is built from it);
 *   - the speakers and the quotes agree: each quote of a speaker links
 *     back to it, a quote that links to a speaker is among its quotes,
 *     its counts add up, the ids are unique;
 *   - article_full_text() succeeds (the writers refuse a required string
 *     that is missing, text not UTF-8 and a number JSON cannot hold: the
 *     catalog would then fail to load the article), what it writes is
 *     JSON (json_check.h; jansson agrees, on one input in 16), and it
 *     holds one item per section, quote, speaker, figure and reaction.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/article_parse.h"
#include "../parser/tables.h"
#include "../served/item_json.h"
#include "../text/hash.h"
#include "../text/textfile.h"
#include "../text/utf8.h"

#define FUZZ_HARNESS "fuzz_parser"
#include "fuzz_check.h"
#include "json_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tables tables;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[512];
	if (tables_load(&tables, NULL, err, sizeof err) != 0) {
		fprintf(stderr, "fuzz_parser: cannot load the built-in tables: %s\n", err);
		abort();
	}
	return 0;
}

/* The code point length of the paragraph counted last: the items of one
 * paragraph come one after another, and counting its length for each was
 * most of a run on an article of one long paragraph. */
struct counted {
	const struct paragraph *p;
	size_t cps;
};

static void check_place(const struct article *a, const struct place *at, const char *what,
			size_t i, struct counted *last)
{
	size_t section = at->section, paragraph = at->paragraph, start = at->start, end = at->end;
	CHECK(section < a->n_sections, "%s %zu: section %zu of %zu", what, i, section,
	      a->n_sections);
	const struct section *s = &a->sections[section];
	CHECK(paragraph < s->n_paragraphs, "%s %zu: paragraph %zu of %zu in section %zu", what, i,
	      paragraph, s->n_paragraphs, section);
	const struct paragraph *p = &s->paragraphs[paragraph];
	if (last->p != p)
		*last = (struct counted){p, utf8_count(p->text, p->len)};
	size_t cps = last->cps;
	CHECK(start <= end && end <= cps,
	      "%s %zu: span [%zu, %zu) in a paragraph of %zu code points (section %zu, "
	      "paragraph %zu)",
	      what, i, start, end, cps, section, paragraph);
}

/* What the sentence says of a figure points at dates of the same article,
 * and a measure is never empty. */
static void check_figure_context(const struct article *a, const struct figure *f, size_t i)
{
	const struct figure *refs[] = {f->period, f->compared_to};
	for (size_t r = 0; r < 2; r++) {
		if (refs[r] == NULL)
			continue;
		CHECK(refs[r] >= a->figures && refs[r] < a->figures + a->n_figures,
		      "figure %zu refers outside the article's figures", i);
		CHECK(refs[r]->kind == FIGURE_DATE && refs[r] != f,
		      "figure %zu refers to a non-date", i);
	}
	CHECK(f->measure == NULL || f->measure[0] != '\0', "figure %zu has an empty measure", i);
	CHECK(f->change <= FIGURE_DECREASE, "figure %zu change %d", i, (int)f->change);
	CHECK(!f->range || f->kind != FIGURE_DATE || f->date_to != NULL,
	      "figure %zu: a range of years without its end", i);
	CHECK(f->kind != FIGURE_DATE || (!f->period && !f->compared_to && !f->measure),
	      "figure %zu: a date said of a date", i);
}

static void check_sentence(const struct article *a, const struct figure *f, size_t i)
{
	const struct paragraph *p = &a->sections[f->at.section].paragraphs[f->at.paragraph];
	CHECK((size_t)f->sentence_start + f->sentence_len <= p->len,
	      "figure %zu: sentence [%u, +%u) beyond its paragraph of %zu bytes", i,
	      (unsigned)f->sentence_start, (unsigned)f->sentence_len, p->len);
	size_t len;
	const char *sentence = figure_sentence(a, f, &len);
	CHECK(memmem(sentence, len, f->text, strlen(f->text)) != NULL,
	      "figure %zu: its sentence does not hold its text", i);
}

static void check_speakers(const struct article *a)
{
	size_t linked = 0;
	for (size_t i = 0; i < a->n_quotes; i++) {
		const struct speaker *sp = a->quotes[i].speaker_of;
		CHECK(sp == NULL || (sp >= a->speakers && sp < a->speakers + a->n_speakers),
		      "quote %zu links to no speaker of the article", i);
		linked += sp != NULL;
	}
	size_t listed = 0;
	for (size_t k = 0; k < a->n_speakers; k++) {
		const struct speaker *sp = &a->speakers[k];
		CHECK(sp->name != NULL && sp->name[0] != '\0' && sp->id[0] != '\0', "speaker %zu", k);
		CHECK(sp->type < SPEAKER_TYPE_COUNT, "speaker %zu type %d", k, (int)sp->type);
		CHECK(sp->n_direct + sp->n_indirect == sp->n_quotes && sp->n_quotes > 0,
		      "speaker %zu: %zu direct and %zu indirect of %zu quotes", k, sp->n_direct,
		      sp->n_indirect, sp->n_quotes);
		for (size_t q = 0; q < sp->n_quotes; q++)
			CHECK(sp->quotes[q] < a->n_quotes && a->quotes[sp->quotes[q]].speaker_of == sp &&
				      (q == 0 || sp->quotes[q - 1] < sp->quotes[q]),
			      "speaker %zu quote %zu does not link back, or is out of order", k, q);
		for (size_t t = 0; t < sp->n_titles; t++)
			CHECK(sp->titles[t] != NULL && sp->titles[t][0] != '\0', "speaker %zu title %zu", k, t);
		for (size_t o = 0; o < k; o++)
			CHECK(strcmp(a->speakers[o].id, sp->id) != 0, "speakers %zu and %zu share id %s", o,
			      k, sp->id);
		listed += sp->n_quotes;
	}
	CHECK(listed == linked, "%zu quotes link to a speaker, the speakers list %zu", linked, listed);
}

static void check_article(const struct article *a)
{
	CHECK(a->title != NULL, "no title");
	CHECK(a->n_sections == 0 || a->sections != NULL, "n_sections %zu", a->n_sections);
	size_t paragraphs = 0;
	for (size_t s = 0; s < a->n_sections; s++) {
		const struct section *sec = &a->sections[s];
		CHECK(sec->id != NULL, "section %zu", s);
		CHECK(sec->n_paragraphs == 0 || sec->paragraphs != NULL, "section %zu", s);
		for (size_t p = 0; p < sec->n_paragraphs; p++) {
			const struct paragraph *para = &sec->paragraphs[p];
			CHECK(para->text != NULL, "section %zu paragraph %zu", s, p);
			CHECK(utf8_invalid_at(para->text, para->len) == (size_t)-1,
			      "section %zu paragraph %zu is not UTF-8", s, p);
		}
		paragraphs += sec->n_paragraphs;
	}
	CHECK(paragraphs == a->n_paragraphs, "sections hold %zu paragraphs, n_paragraphs %zu",
	      paragraphs, a->n_paragraphs);
	struct counted last = {0};
	for (size_t i = 0; i < a->n_quotes; i++)
		check_place(a, &a->quotes[i].at, "quote", i, &last);
	for (size_t i = 0; i < a->n_figures; i++) {
		check_place(a, &a->figures[i].at, "figure", i, &last);
		CHECK(a->figures[i].kind < FIGURE_KIND_COUNT, "figure %zu kind %d", i,
		      (int)a->figures[i].kind);
		check_figure_context(a, &a->figures[i], i);
		check_sentence(a, &a->figures[i], i);
	}
	for (size_t i = 0; i < a->n_reactions; i++)
		check_place(a, &a->reactions[i].at, "reaction", i, &last);
	check_speakers(a);
}

/* What article_full_text writes must be JSON, with one item per section,
 * quote, speaker, figure and reaction. Checked by json_check.h, which
 * allocates nothing; one input in JSON_ORACLE_EVERY (chosen by its bytes,
 * so that a run is reproducible) is also loaded with jansson, which must
 * agree, so that the checker itself stays honest. */
enum { JSON_ORACLE_EVERY = 16 };

static void check_json(const struct article *a, bool oracle)
{
	size_t len;
	char *text = article_full_text(a, &len);
	CHECK(text != NULL, "article_full_text returned NULL");
	struct json_check c;
	bool valid = json_check(&c, text, len);
	CHECK(valid, "article_full_text wrote what is not JSON: %.200s", text);
	const struct {
		const char *name;
		size_t n;
	} lists[] = {{"sections", a->n_sections}, {"quotes", a->n_quotes},
		     {"speakers", a->n_speakers}, {"figures", a->n_figures},
		     {"reactions", a->n_reactions}};
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
		CHECK(json_check_count(&c, lists[k].name) == lists[k].n, "JSON has %zu of %zu %s",
		      json_check_count(&c, lists[k].name), lists[k].n, lists[k].name);
	if (oracle) {
		json_error_t err;
		json_t *j = json_loadb(text, len, JSON_PRESERVE_ORDER, &err);
		CHECK(j != NULL, "jansson refuses what json_check took: %s at %d", err.text,
		      err.position);
		CHECK(json_is_string(json_object_get(j, "title")), "title missing from the JSON");
		json_decref(j);
	}
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct textfile tf;
	char err[512];
	if (textfile_from_buffer(&tf, "fuzz.txt", (const char *)data, size, err, sizeof err) != 0)
		return 0;
	/* textfile_from_buffer promises a NUL-terminated text. */
	CHECK(tf.text != NULL && tf.text[tf.len] == '\0' && tf.len <= size, "textfile length %zu",
	      tf.len);
	err[0] = '\0';
	struct article *a = article_parse(tf.text, tf.len, "fuzz", &tables, err, sizeof err);
	if (a != NULL) {
		check_article(a);
		check_json(a, hash_bytes((const char *)data, size) % JSON_ORACLE_EVERY == 0);
		article_free(a);
	} else {
		CHECK(memchr(err, '\0', sizeof err) != NULL && err[0] != '\0',
		      "article_parse failed without a reason");
	}
	textfile_free(&tf);
	return 0;
}
