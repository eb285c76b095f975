/* layout.c - see layout.h.
 *
 * The genre's layout, as EastRussia and sites like it publish machine
 * translations: a disclaimer header of a few lines, a blank line, the title,
 * the subtitle (a line without a final stop), the lede paragraph, a photo
 * block (a caption line, then "Photo by: CREDIT"), then sections: a short
 * heading line and its paragraphs, one paragraph a line; at the end a block
 * of teaser lines for other stories. Every part but the title may be
 * missing, so each is recognized by its own shape rather than its position.
 */
#include "layout.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "utf8.h"

/* A heading is short: at most this many words and bytes. A subtitle may
 * be a long sentence, but has no final stop either. */
enum {
	HEADING_MAX_WORDS = 15,
	HEADING_MAX_BYTES = 160,
	SUBTITLE_MAX_WORDS = 40,
	SUBTITLE_SENTENCE_WORDS = 25, /* a subtitle that ends with a stop is short */
};

enum line_role {
	LINE_UNSET,
	LINE_HEADER,
	LINE_TITLE,
	LINE_SUBTITLE,
	LINE_CAPTION,
	LINE_CREDIT,
	LINE_HEADING,
	LINE_PARAGRAPH,
	LINE_RELATED,
};

struct line {
	const char *text; /* in the arena, spaces collapsed */
	size_t len;
	size_t block;     /* lines of one block have no blank line between them */
	enum line_role role;
	const char *credit; /* LINE_CREDIT: the credit, NULL if empty */
};

static size_t count_words(const char *s, size_t len)
{
	size_t words = 0;
	bool in = false;
	for (size_t i = 0; i < len; i++) {
		bool sp = s[i] == ' ';
		if (!sp && !in)
			words++;
		in = !sp;
	}
	return words;
}

/* The last code point that is not a closing quote mark or bracket. */
static uint32_t last_meaningful(const char *s, size_t len)
{
	while (len > 0) {
		size_t back = utf8_back(s, s + len), n;
		uint32_t cp = utf8_decode(s + len - back, back, &n);
		if (cp != '"' && cp != 0x201D && cp != 0x00BB && cp != 0x201C && cp != ')' &&
		    cp != '\'' && cp != 0x2019)
			return cp;
		len -= back;
	}
	return 0;
}

static bool unfinished(const struct line *l)
{
	uint32_t last = last_meaningful(l->text, l->len);
	return last != '.' && last != ',' && last != ';' && last != ':' && last != 0x2026 &&
	       last != 0;
}

/* Short, and not ended like a sentence (a question is allowed: headings
 * of the genre ask them). */
static bool heading_like(const struct line *l)
{
	return l->len <= HEADING_MAX_BYTES && count_words(l->text, l->len) <= HEADING_MAX_WORDS &&
	       unfinished(l);
}

/* Sentences in a line: stops followed by a space and a capital. */
static size_t count_sentences(const struct line *l)
{
	size_t n = 1;
	for (size_t i = 0; i + 2 < l->len; i++)
		if ((l->text[i] == '.' || l->text[i] == '!' || l->text[i] == '?') && l->text[i + 1] == ' ' &&
		    l->text[i + 2] >= 'A' && l->text[i + 2] <= 'Z')
			n++;
	return n;
}

/* A subtitle has no final stop, or is one short sentence (then the lede
 * after it must be a paragraph of its own: see layout_parse). */
static bool subtitle_like(const struct line *l, bool *sentence)
{
	size_t words = count_words(l->text, l->len);
	*sentence = false;
	if (words <= SUBTITLE_MAX_WORDS && unfinished(l))
		return true;
	*sentence = words <= SUBTITLE_SENTENCE_WORDS && count_sentences(l) == 1;
	return *sentence;
}

static bool contains_folded(const char *s, size_t len, const char *needle)
{
	char buf[1024];
	size_t n = lex_fold(s, len < 512 ? len : 512, buf, sizeof buf);
	return n != (size_t)-1 && strstr(buf, needle) != NULL;
}

static bool is_disclaimer(const struct line *l)
{
	return contains_folded(l->text, l->len, "translat") ||
	       contains_folded(l->text, l->len, "is not responsible") ||
	       contains_folded(l->text, l->len, "refer to the text");
}

/* "Photo by: CREDIT", "Photo: CREDIT", "Photo by CREDIT": the label is an
 * entry of photo_labels.txt; a one-word label needs its colon. */
static bool photo_credit_line(struct line *l, const struct tables *t, struct arena *a)
{
	size_t words_end[4] = {0}, nwords = 0, i = 0;
	while (i < l->len && nwords < 3) {
		while (i < l->len && l->text[i] != ' ' && l->text[i] != ':')
			i++;
		words_end[nwords++] = i;
		if (i < l->len && l->text[i] == ':')
			break;
		while (i < l->len && l->text[i] == ' ')
			i++;
	}
	for (size_t w = nwords; w > 0; w--) {
		size_t end = words_end[w - 1];
		bool colon = end < l->len && l->text[end] == ':';
		if (!lexicon_get(&t->photo_labels, l->text, end))
			continue;
		if (!colon && end < l->len && w == 1)
			continue;
		size_t c = end + (colon ? 1 : 0);
		while (c < l->len && l->text[c] == ' ')
			c++;
		l->credit = c < l->len ? arena_strndup(a, l->text + c, l->len - c) : NULL;
		return true;
	}
	return false;
}

/* "This text is translated ... EastRussia is not responsible ... Please
 * refer to the text in Russian": the publisher is whoever is not
 * responsible; the language, the first one named that is not English. */
static void parse_header(struct article *a, struct line *lines, size_t n, const struct tables *t)
{
	bool machine = false;
	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i].text;
		size_t len = lines[i].len;
		static const char marker[] = " is not responsible";
		const char *resp = NULL;
		for (size_t k = 0; k + sizeof marker - 1 <= len && resp == NULL; k++)
			if (memcmp(s + k, marker, sizeof marker - 1) == 0)
				resp = s + k;
		if (resp != NULL && a->source.publisher == NULL) {
			const char *p = s;
			if (resp - p > 4 && strncmp(p, "The ", 4) == 0)
				p += 4;
			if (resp > p)
				a->source.publisher = arena_strndup(&a->arena, p, (size_t)(resp - p));
		}
		if (contains_folded(s, len, "automatic") || contains_folded(s, len, "machine") ||
		    contains_folded(s, len, "neural") || contains_folded(s, len, "google"))
			machine = true;
		/* Language names are capitalized words; look each up. */
		for (size_t k = 0; k < len && a->source.language == NULL;) {
			while (k < len && !(s[k] >= 'A' && s[k] <= 'Z'))
				k++;
			size_t e = k;
			while (e < len && s[e] != ' ' && s[e] != '.' && s[e] != ',')
				e++;
			const struct lex_entry *lang = e > k ? lexicon_get(&t->languages, s + k, e - k) : NULL;
			/* Copied: the model outlives the tables it was parsed with. */
			if (lang != NULL && strcmp(lang->value, "en") != 0)
				a->source.language = arena_strdup(&a->arena, lang->value);
			k = e;
		}
	}
	a->source.translation = machine ? "machine" : "human";
}

/* Copies each line into the arena with runs of spaces collapsed. */
static struct line *split_lines(const char *text, size_t len, struct arena *a, size_t *count)
{
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += text[i] == '\n';
	struct line *lines = arena_alloc(a, cap * sizeof *lines);
	char *buf = arena_alloc(a, len + 1);
	if (lines == NULL || buf == NULL)
		return NULL;
	size_t n = 0, block = 0, o = 0;
	bool blank_before = false;
	for (size_t i = 0; i <= len;) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		size_t start = o;
		for (size_t k = i; k < e; k++) {
			if (text[k] == ' ' || text[k] == '\f') {
				if (o > start && buf[o - 1] != ' ')
					buf[o++] = ' ';
				continue;
			}
			buf[o++] = text[k];
		}
		while (o > start && buf[o - 1] == ' ')
			o--;
		if (o == start) {
			blank_before = true;
		} else {
			if (blank_before && n > 0)
				block++;
			blank_before = false;
			lines[n++] = (struct line){.text = buf + start, .len = o - start, .block = block};
			buf[o++] = '\0';
		}
		i = e + 1;
	}
	*count = n;
	return lines;
}

static int build_sections(struct article *a, struct line *lines, size_t n, char *err,
			  size_t errlen)
{
	struct lexicon taken = {0}; /* section ids given so far */
	size_t n_sections = 0, n_paragraphs = 0;
	bool open_intro = false;
	for (size_t i = 0; i < n; i++) {
		if (lines[i].role == LINE_HEADING)
			n_sections++;
		else if (lines[i].role == LINE_PARAGRAPH) {
			if (n_sections == 0 && !open_intro) {
				open_intro = true;
				n_sections++;
			}
			n_paragraphs++;
		}
	}
	if (n_paragraphs == 0) {
		snprintf(err, errlen, "no body paragraphs after the title");
		return -1;
	}
	a->sections = arena_alloc(&a->arena, n_sections * sizeof *a->sections);
	struct paragraph *paras = arena_alloc(&a->arena, n_paragraphs * sizeof *paras);
	if (a->sections == NULL || paras == NULL)
		goto nomem;
	size_t s = (size_t)-1, p = 0;
	for (size_t i = 0; i < n; i++) {
		if (lines[i].role == LINE_HEADING ||
		    (lines[i].role == LINE_PARAGRAPH && s == (size_t)-1)) {
			struct section *sec = &a->sections[++s];
			memset(sec, 0, sizeof *sec);
			sec->paragraphs = paras + p;
			if (lines[i].role == LINE_HEADING) {
				sec->heading = lines[i].text;
				continue;
			}
		}
		if (lines[i].role == LINE_PARAGRAPH) {
			paras[p] = (struct paragraph){lines[i].text, lines[i].len};
			a->sections[s].n_paragraphs++;
			p++;
		}
	}
	a->n_sections = s + 1;
	a->n_paragraphs = n_paragraphs;
	/* Ids: "intro" for the untitled start, else the heading's slug, made
	 * unique, never all digits (those address sections by index). */
	for (size_t i = 0; i < a->n_sections; i++) {
		struct section *sec = &a->sections[i];
		char slug[80];
		size_t len = 0;
		if (sec->heading == NULL) {
			len = (size_t)snprintf(slug, sizeof slug, "intro");
		} else {
			len = slugify(sec->heading, strlen(sec->heading), slug, sizeof slug);
			bool digits = true;
			for (size_t k = 0; k < len; k++)
				digits = digits && slug[k] >= '0' && slug[k] <= '9';
			if (len == 0 || digits || strcmp(slug, "intro") == 0)
				len = (size_t)snprintf(slug, sizeof slug, "section-%zu", i);
		}
		/* Unique: "-2" ... "-9" after a repeated heading, then the index,
		 * which is unique by construction (a set keeps this linear). */
		char unique[128];
		snprintf(unique, sizeof unique, "%s", slug);
		for (unsigned dup = 2; lexicon_get(&taken, unique, strlen(unique)) != NULL; dup++) {
			if (dup < 10)
				snprintf(unique, sizeof unique, "%s-%u", slug, dup);
			else
				snprintf(unique, sizeof unique, "%s-%zu-%u", slug, i, dup);
		}
		if (lexicon_add(&taken, &a->arena, unique, NULL, NULL, NULL, 0) < 0)
			goto nomem;
		sec->id = arena_strdup(&a->arena, unique);
		if (sec->id == NULL)
			goto nomem;
	}
	lexicon_free(&taken);
	a->lede = a->sections[0].n_paragraphs > 0 ? a->sections[0].paragraphs[0].text : NULL;
	return 0;
nomem:
	lexicon_free(&taken);
	snprintf(err, errlen, "out of memory");
	return -1;
}

static bool is_body(const struct line *l)
{
	return l->role == LINE_UNSET;
}

int layout_parse(struct article *a, const char *text, size_t len, const struct tables *t,
		 char *err, size_t errlen)
{
	size_t n;
	struct line *lines = split_lines(text, len, &a->arena, &n);
	if (lines == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	size_t i = 0;
	/* The translation disclaimer: leading lines that say so, and the rest
	 * of their block ("The original text in Russian is the source"). */
	while (i < n && is_disclaimer(&lines[i]))
		lines[i++].role = LINE_HEADER;
	while (i > 0 && i < n && lines[i].block == lines[i - 1].block)
		lines[i++].role = LINE_HEADER;
	if (i > 0)
		parse_header(a, lines, i, t);
	if (i == n) {
		snprintf(err, errlen, "no title: the file has no text after its header");
		return -1;
	}
	lines[i].role = LINE_TITLE;
	a->title = lines[i].text;
	size_t body = ++i;

	/* Photo credit lines, with the caption line just before them. */
	for (size_t k = body; k < n; k++) {
		if (!photo_credit_line(&lines[k], t, &a->arena))
			continue;
		lines[k].role = LINE_CREDIT;
		const char *caption = NULL;
		/* The caption: the line just before, in the same block whatever its
		 * shape, or a short line of its own block. */
		bool same_block = k > body && lines[k - 1].block == lines[k].block;
		bool short_alone = k > body && heading_like(&lines[k - 1]) &&
				   (k + 1 == n || lines[k + 1].block != lines[k].block);
		if (k > body && lines[k - 1].role == LINE_UNSET && (same_block || short_alone)) {
			lines[k - 1].role = LINE_CAPTION;
			caption = lines[k - 1].text;
		}
		if (a->photo == NULL) {
			a->photo = arena_alloc(&a->arena, sizeof *a->photo);
			if (a->photo == NULL)
				break;
			a->photo->caption = caption;
			a->photo->credit = lines[k].credit;
		}
	}

	/* Teasers: the short lines after the last paragraph-like line. */
	size_t end = n;
	while (end > body && (!is_body(&lines[end - 1]) || heading_like(&lines[end - 1])))
		end--;
	for (size_t k = end; k < n; k++)
		if (is_body(&lines[k]))
			lines[k].role = LINE_RELATED;

	/* The next body line after k, or n. */
#define NEXT_BODY(k, out)                                              \
	do {                                                           \
		out = (k) + 1;                                         \
		while (out < end && !is_body(&lines[out]))             \
			out++;                                         \
	} while (0)

	/* Subtitle: a short line without a final stop, right after the title,
	 * followed by a paragraph. */
	size_t first = body;
	while (first < end && !is_body(&lines[first]))
		first++;
	bool sentence;
	if (first < end && first == body && subtitle_like(&lines[first], &sentence)) {
		size_t next;
		NEXT_BODY(first, next);
		/* One short sentence is a subtitle only before a longer paragraph
		 * of several sentences: else it is the lede itself. */
		bool lede_follows = next < end && !heading_like(&lines[next]) &&
				    (!sentence || (count_sentences(&lines[next]) >= 2 &&
						   lines[next].len > lines[first].len * 2));
		if (lede_follows) {
			lines[first].role = LINE_SUBTITLE;
			a->subtitle = lines[first].text;
		}
	}

	/* Headings: short lines followed by a paragraph; the rest are paragraphs. */
	for (size_t k = body; k < end; k++) {
		if (!is_body(&lines[k]))
			continue;
		size_t next;
		NEXT_BODY(k, next);
		if (heading_like(&lines[k]) && next < end && !heading_like(&lines[next]))
			lines[k].role = LINE_HEADING;
		else
			lines[k].role = LINE_PARAGRAPH;
	}
#undef NEXT_BODY

	size_t n_related = 0;
	for (size_t k = 0; k < n; k++)
		n_related += lines[k].role == LINE_RELATED;
	if (n_related > 0) {
		a->related = arena_alloc(&a->arena, n_related * sizeof *a->related);
		if (a->related == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		for (size_t k = 0; k < n; k++)
			if (lines[k].role == LINE_RELATED)
				a->related[a->n_related++] = lines[k].text;
	}
	return build_sections(a, lines, n, err, errlen);
}
