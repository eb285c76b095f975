/* score_speakers.c - see score_speakers.h. */
#include "score_speakers.h"

#include <stdlib.h>
#include <string.h>

#include "../text/fold.h"

/* Equal without case or runs of white space; a NULL or JSON null only
 * to one of them. */
static bool same_text(json_t *gold, const char *parsed)
{
	if (gold == NULL || json_is_null(gold))
		return parsed == NULL;
	const char *g = json_string_value(gold);
	if (g == NULL || parsed == NULL)
		return false;
	char fg[1024], fp[1024];
	size_t lg = fold_text(g, strlen(g), fg, sizeof fg), lp = fold_text(parsed, strlen(parsed), fp,
									  sizeof fp);
	return lg != (size_t)-1 && lg == lp && memcmp(fg, fp, lg) == 0;
}

static bool same_titles(json_t *gold, const struct speaker *s)
{
	if (!json_is_array(gold) || json_array_size(gold) != s->n_titles)
		return false;
	for (size_t i = 0; i < s->n_titles; i++)
		if (!same_text(json_array_get(gold, i), s->titles[i]))
			return false;
	return true;
}

static bool required(json_t *g)
{
	json_t *r = json_object_get(g, "required");
	return r == NULL || json_is_true(r);
}

/* Appends to the listing, ending it with "..." once it is full. */
static void list_add(struct speaker_score *out, size_t *at, const char *fmt, const char *a,
		     const char *b, const char *c)
{
	size_t cap = sizeof out->list;
	if (*at + 4 >= cap)
		return;
	int n = snprintf(out->list + *at, cap - *at, fmt, a, b, c);
	if (n < 0 || (size_t)n >= cap - *at - 4) {
		snprintf(out->list + cap - 4, 4, "...");
		*at = cap;
		return;
	}
	*at += (size_t)n;
}

/* "name (kind, title; title)" or "name (outlet, CC)". */
static void list_speaker(struct speaker_score *out, size_t *at, const struct speaker *s)
{
	list_add(out, at, "%s%s (%s", *at ? ", " : "", s->name, speaker_type_name(s->type));
	if (s->country != NULL)
		list_add(out, at, "%s%s%s", ", ", s->country, "");
	for (size_t i = 0; i < s->n_titles; i++)
		list_add(out, at, "%s%s%s", i ? "; " : ", ", s->titles[i], "");
	list_add(out, at, "%s%s%s", ")", "", "");
}

static void say_titles(FILE *fp, const struct speaker *s)
{
	fputc('[', fp);
	for (size_t i = 0; i < s->n_titles; i++)
		fprintf(fp, "%s\"%s\"", i ? ", " : "", s->titles[i]);
	fputc(']', fp);
}

void score_speakers(const struct article *a, json_t *gold, struct speaker_score *out,
		    bool verbose, const char *file)
{
	memset(out, 0, sizeof *out);
	out->in_order = true;
	if (!json_is_array(gold))
		return;
	out->scored = true;
	out->parsed = a->n_speakers;
	size_t at = 0;
	for (size_t k = 0; k < a->n_speakers; k++)
		list_speaker(out, &at, &a->speakers[k]);
	bool *used = calloc(a->n_speakers + 1, 1);
	if (used == NULL)
		return;
	size_t last = 0, i;
	bool any = false;
	json_t *g;
	json_array_foreach(gold, i, g)
	{
		json_t *name = json_object_get(g, "name");
		const struct speaker *pair = NULL;
		size_t k = 0;
		for (; k < a->n_speakers && pair == NULL; k++)
			if (!used[k] && same_text(name, a->speakers[k].name))
				pair = &a->speakers[k];
		bool req = required(g);
		out->required += req;
		if (pair == NULL) {
			if (verbose && req)
				fprintf(stderr, "    %s: speaker missed: %s\n", file, json_string_value(name));
			continue;
		}
		used[k - 1] = true;
		if (any && k - 1 < last)
			out->in_order = false;
		any = true;
		last = k - 1;
		const char *kind = json_string_value(json_object_get(g, "kind"));
		bool right = kind != NULL && strcmp(kind, speaker_type_name(pair->type)) == 0 &&
			     same_text(json_object_get(g, "country"), pair->country) &&
			     same_titles(json_object_get(g, "titles"), pair);
		out->found += req && right;
		out->right += right;
		if (verbose && !right) {
			char *want = json_dumps(g, JSON_COMPACT);
			fprintf(stderr, "    %s: speaker %s is %s, country %s, titles ", file, pair->name,
				speaker_type_name(pair->type), pair->country ? pair->country : "null");
			say_titles(stderr, pair);
			fprintf(stderr, "; the gold says %s\n", want ? want : "?");
			free(want);
		}
	}
	for (size_t k = 0; verbose && k < a->n_speakers; k++)
		if (!used[k])
			fprintf(stderr, "    %s: speaker beyond the gold: %s (%s)\n", file,
				a->speakers[k].name, speaker_type_name(a->speakers[k].type));
	if (verbose && !out->in_order)
		fprintf(stderr, "    %s: the speakers are not in the gold's order\n", file);
	free(used);
}

void speaker_scores_add(struct speaker_score *total, const struct speaker_score *one)
{
	if (!one->scored)
		return;
	if (!total->scored)
		total->in_order = true;
	total->scored = true;
	total->required += one->required;
	total->found += one->found;
	total->parsed += one->parsed;
	total->right += one->right;
	total->in_order = total->in_order && one->in_order;
}

void speaker_scores_print(FILE *fp, const char *indent, const struct speaker_score *sc)
{
	if (!sc->scored)
		return;
	fprintf(fp, "%sspeakers %zu/%zu found, %zu/%zu right%s%s%s\n", indent, sc->found,
		sc->required, sc->right, sc->parsed, sc->in_order ? "" : ", NOT IN ORDER",
		sc->list[0] ? ": " : "", sc->list);
}
