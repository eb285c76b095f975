/* layout.c - see layout.h.
 *
 * The genre's layout, as EastRussia and sites like it publish machine
 * translations, and as a web archive stores their pages: maybe some chrome
 * (a list of cities, a server notice and the HTML title), the translation
 * disclaimer, the title, a subtitle, the lede, a photo block, sections of
 * paragraphs under short headings, and a block of teaser lines for other
 * stories. Every part but the title may be missing, and the parts do not
 * keep one order (the photo may come after the lede), so each block is
 * recognized by its features: where it stands relative to the disclaimer
 * and the title, whether it repeats the title, its length and final
 * punctuation, a leading dash, a credit or rubric word, a question to
 * "you". Every non-empty line of the body is one paragraph, whether blank
 * lines separate it or a single newline glues it to the next.
 */
#include "layout.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/bytes.h"
#include "../text/fold.h"
#include "../text/name_index.h"
#include "../text/slug.h"
#include "../text/utf8.h"
#include "tokens.h"

/* A heading is short: at most this many words and bytes. */
enum {
	HEADING_MAX_WORDS = 15,
	HEADING_MAX_BYTES = 160,
	CREDENTIALS_MAX_WORDS = 30,
};

enum line_role {
	LINE_UNSET,
	LINE_CHROME,  /* above the disclaimer: a city list, a server notice */
	LINE_HEADER,
	LINE_TITLE,
	LINE_SUBTITLE,
	LINE_CAPTION,
	LINE_CREDIT,
	LINE_RUBRIC,  /* "Special project ..." under the photo */
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
	/* What of disclaimer.tsv the line says (bits of enum disclaimer_says),
	 * once says_known: the chrome, header and disclaimer tests ask it of
	 * the same lines again and again. */
	unsigned says;
	bool says_known;
};

/* Has s[0..len) more than max words? Counted only as far as that: the
 * lines asked are often long paragraphs, and the limits a few dozen
 * words. */
static bool more_words_than(const char *s, size_t len, size_t max)
{
	return bytes_more_words_than(s, len, max);
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
	return l->len <= HEADING_MAX_BYTES && !more_words_than(l->text, l->len, HEADING_MAX_WORDS) &&
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

/* What the line (its first 512 bytes) says: the bits (enum
 * disclaimer_says) of the phrases of disclaimer.tsv that it holds. */
static unsigned line_says(struct line *l, const struct tables *t)
{
	if (l->says_known)
		return l->says;
	l->says_known = true;
	l->says = 0;
	char buf[1024];
	size_t n = fold_text(l->text, l->len < 512 ? l->len : 512, buf, sizeof buf);
	if (n == (size_t)-1)
		return 0;
	const struct lexicon *lx = &t->disclaimer;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e))
		if (!(l->says & 1u << e->value_tag) && strstr(buf, e->key) != NULL)
			l->says |= 1u << e->value_tag;
	return l->says;
}

/* Does the line say one of the things in the mask? */
static bool says(struct line *l, const struct tables *t, unsigned mask)
{
	return (line_says(l, t) & mask) != 0;
}

static bool is_disclaimer(struct line *l, const struct tables *t)
{
	return says(l, t, 1u << SAYS_TRANSLATED | 1u << SAYS_NOT_RESPONSIBLE | 1u << SAYS_ORIGINAL);
}

static bool says_machine(struct line *l, const struct tables *t)
{
	return says(l, t, 1u << SAYS_MACHINE);
}

/* Does the block that starts at line i open with the translation
 * disclaimer? It says two of its three things (translated, not
 * responsible, refer to the original), or that a machine translated it:
 * one word about a translation in the first line of a page without a
 * header is no disclaimer. */
static bool disclaimer_block(struct line *lines, size_t n, size_t i, const struct tables *t)
{
	if (!is_disclaimer(&lines[i], t))
		return false;
	size_t saying = 0;
	for (size_t k = i; k < n && lines[k].block == lines[i].block; k++)
		saying += is_disclaimer(&lines[k], t);
	return saying >= 2 ||
	       (says(&lines[i], t, 1u << SAYS_TRANSLATED) && says_machine(&lines[i], t));
}

/* May a label of photo_labels.txt open a line whose first word is
 * l->text[0..end)? A key that a few words of the line fold to begins
 * with the first word (up to its first space) of that word's fold, as
 * fold_text only appends and a space or colon ends the word; no for a
 * line that begins otherwise than every label (tables.h's
 * photo_label_firsts), as most do. */
static bool label_may_open(const struct line *l, size_t end, const struct tables *t)
{
	/* First, as lexicon_get asks first: an ASCII first byte, lowered,
	 * that begins no label (white space first is left to the fold). */
	unsigned char c = end > 0 ? (unsigned char)l->text[0] : 0;
	if (c != 0 && c < 0x80 && c != ' ' && c != '\t' && c != '\n' &&
	    !lexicon_may_begin_with(&t->photo_labels, c >= 'A' && c <= 'Z' ? c + 32 : c))
		return false;
	char key[256];
	size_t kl = fold_text(l->text, end, key, sizeof key);
	if (kl == (size_t)-1 || kl == 0)
		return true; /* for lexicon_get to say */
	const char *space = memchr(key, ' ', kl);
	unsigned char b = (unsigned char)hash_bytes(key, space ? (size_t)(space - key) : kl);
	return ((t->photo_label_firsts[b >> 6] >> (b & 63)) & 1) != 0;
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
	if (nwords > 0 && !label_may_open(l, words_end[0], t))
		return false;
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

/* Where the publisher's name ends in a line of the disclaimer: at the
 * first phrase of disclaimer.tsv that says not-responsible, as written
 * and after a space ("EastRussia is not responsible"); NULL if none. */
static const char *publisher_end(const char *s, size_t len, const struct tables *t)
{
	const char *end = NULL;
	const struct lexicon *lx = &t->disclaimer;
	for (const struct lex_entry *e = lexicon_first(lx); e != NULL; e = lexicon_next(lx, e)) {
		size_t wl = strlen(e->written);
		if (e->value_tag != SAYS_NOT_RESPONSIBLE)
			continue;
		for (const char *p = memchr(s, ' ', len); p != NULL && (size_t)(p - s) + 1 + wl <= len;
		     p = memchr(p + 1, ' ', len - (size_t)(p + 1 - s)))
			if (memcmp(p + 1, e->written, wl) == 0) {
				if (end == NULL || p < end)
					end = p;
				break;
			}
	}
	return end;
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
		const char *resp = publisher_end(s, len, t);
		if (resp != NULL && a->source.publisher == NULL) {
			const char *p = s;
			if (resp - p > 4 && strncmp(p, "The ", 4) == 0)
				p += 4;
			if (resp > p)
				a->source.publisher = arena_strndup(&a->arena, p, (size_t)(resp - p));
		}
		if (says_machine(&lines[i], t))
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

/* Is line s[0..n) one that split_lines would copy unchanged: no space
 * at its start, no two spaces in a row, no form feed? Nearly every line
 * is; sixteen bytes a step (bytes_has_or_pair), where the copy looked at
 * each byte. */
static bool line_is_plain(const char *s, size_t n)
{
	return !(n > 0 && s[0] == ' ') && !bytes_has_or_pair(s, n, '\f', ' ');
}

/* Copies each line into the arena with runs of spaces collapsed. */
static struct line *split_lines(const char *text, size_t len, struct arena *a, size_t *count)
{
	size_t cap = 1;
	for (const char *nl = text; (nl = memchr(nl, '\n', (size_t)(text + len - nl))) != NULL; nl++)
		cap++;
	struct line *lines = arena_alloc(a, cap * sizeof *lines);
	char *buf = arena_alloc(a, len + 1);
	if (lines == NULL || buf == NULL)
		return NULL;
	size_t n = 0, block = 0, o = 0;
	bool blank_before = false;
	for (size_t i = 0; i <= len;) {
		const char *nl = i < len ? memchr(text + i, '\n', len - i) : NULL;
		size_t e = nl != NULL ? (size_t)(nl - text) : len;
		size_t start = o;
		if (line_is_plain(text + i, e - i)) {
			memcpy(buf + o, text + i, e - i);
			o += e - i;
		} else {
			for (size_t k = i; k < e; k++) {
				unsigned char c = (unsigned char)text[k];
				if (c == ' ' || c == '\f') {
					if (o > start && buf[o - 1] != ' ')
						buf[o++] = ' ';
					continue;
				}
				buf[o++] = (char)c;
			}
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
	/* The section ids given so far, folded as a lexicon's keys are: a
	 * set of a few strings wants no lexicon's entries (five copies of
	 * each, its case, a table cleared for 32 words). */
	struct name_index taken = {0};
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
	if (name_index_init(&taken, a->n_sections) != 0)
		goto nomem;
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
		char unique[128], folded[256];
		memcpy(unique, slug, len + 1);
		size_t klen, value;
		for (unsigned dup = 2;
		     (klen = fold_text(unique, strlen(unique), folded, sizeof folded)) != (size_t)-1 &&
		     name_index_find(&taken, folded, &value);
		     dup++) {
			if (dup < 10)
				snprintf(unique, sizeof unique, "%s-%u", slug, dup);
			else
				snprintf(unique, sizeof unique, "%s-%zu-%u", slug, i, dup);
		}
		sec->id = arena_strdup(&a->arena, unique);
		if (sec->id == NULL)
			goto nomem;
		if (klen != (size_t)-1) { /* (one too long to fold is not kept, as in a lexicon) */
			char *key = arena_strdup(&a->arena, folded);
			if (key == NULL || name_index_add(&taken, key, i) < 0)
				goto nomem;
		}
	}
	name_index_free(&taken);
	a->lede = a->sections[0].n_paragraphs > 0 ? a->sections[0].paragraphs[0].text : NULL;
	return 0;
nomem:
	name_index_free(&taken);
	snprintf(err, errlen, "out of memory");
	return -1;
}

static bool is_body(const struct line *l)
{
	return l->role == LINE_UNSET;
}

/* ---- features of a line ---- */

static uint32_t first_cp(const struct line *l)
{
	size_t n;
	return l->len ? utf8_decode(l->text, l->len, &n) : 0;
}

/* "- Question?", "— Answer": a line that opens with a dash and a space. */
static bool dashed(const struct line *l)
{
	size_t n;
	uint32_t cp = first_cp(l);
	if (!(cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2012))
		return false;
	utf8_decode(l->text, l->len, &n);
	return n < l->len && l->text[n] == ' ';
}

/* Ends like a sentence: a stop, a question or an exclamation mark, an
 * ellipsis (closing quote marks and brackets aside). */
static bool ends_sentence(const struct line *l)
{
	uint32_t last = last_meaningful(l->text, l->len);
	return last == '.' || last == '!' || last == '?' || last == 0x2026;
}

static bool ends_question(const struct line *l)
{
	return last_meaningful(l->text, l->len) == '?';
}

/* The words of a line, one at a time: *i moves past the word returned in
 * [*ws, *we), without the punctuation around it. False at the end. */
static bool next_word(const struct line *l, size_t *i, size_t *ws, size_t *we)
{
	while (*i < l->len && l->text[*i] == ' ')
		(*i)++;
	if (*i >= l->len)
		return false;
	size_t s = *i, e = *i;
	while (e < l->len && l->text[e] != ' ')
		e++;
	*i = e;
	while (e > s && strchr(",;:!?()\"", l->text[e - 1]) != NULL)
		e--;
	while (s < e && strchr("(\"", l->text[s]) != NULL)
		s++;
	*ws = s;
	*we = e;
	return true;
}

/* Does a second-person word ("you", "your": speech_grammar.tsv) occur in
 * the line? Questions of an interview speak to the one who answers. */
static bool second_person(const struct line *l, const struct tables *t)
{
	size_t i = 0, ws, we;
	while (next_word(l, &i, &ws, &we)) {
		const struct lex_entry *e = lexicon_get(&t->speech_grammar, l->text + ws, we - ws);
		if (e != NULL && (e->value_tag & SPEECH_SECOND_PERSON))
			return true;
	}
	return false;
}

/* The credentials line of a byline: short, with no final stop, and a
 * job title of titles.txt in it ("Professor, Far Eastern University",
 * "Director of the Institute of Ports"). */
static bool credentials_line(const struct line *l, const struct tables *t)
{
	if (!unfinished(l) || more_words_than(l->text, l->len, CREDENTIALS_MAX_WORDS))
		return false; /* a credentials line, not a sentence */
	size_t i = 0, ws, we;
	while (next_word(l, &i, &ws, &we)) {
		/* One to three words from here. */
		size_t j = i, end = we;
		for (int words = 1; words <= 3; words++) {
			const struct lex_entry *e = lexicon_get(&t->titles, l->text + ws, end - ws);
			if (e != NULL && lex_case_ok(e, l->text + ws, end - ws))
				return true;
			size_t s2, e2;
			if (!next_word(l, &j, &s2, &e2))
				break;
			end = e2;
		}
	}
	return false;
}

/* lexicon_get of a text whose fold is key[0..kl): the first byte says
 * no for most tables, else one lookup. */
static const struct lex_entry *folded_get(const struct lexicon *lx, const char *key, size_t kl)
{
	if (kl > 0 && !lexicon_may_begin_with(lx, (unsigned char)key[0]))
		return NULL;
	return lexicon_get_folded(lx, key, kl);
}

/* A line that is only a person's name, as a byline gives it ("Anna
 * Belova", "A. Belova", "Kato Kenji"): two to four capitalized words (or
 * initials), none of them a title, a country, an outlet word or a word
 * that is never part of a name. */
static bool name_line(const struct line *l, const struct tables *t)
{
	size_t i = 0, ws, we, words = 0;
	if (l->len > 60 || !unfinished(l))
		return false;
	while (next_word(l, &i, &ws, &we)) {
		if (we <= ws || we != i || ++words > 4)
			return false; /* punctuation inside: no bare name */
		size_t n;
		if (!cp_is_upper(utf8_decode(l->text + ws, we - ws, &n)))
			return false;
		for (size_t k = ws; k < we; k += n) {
			uint32_t cp = utf8_decode(l->text + k, we - k, &n);
			bool initial_dot = cp == '.' && k + 1 == we && k == ws + 1;
			if (!cp_is_letter(cp) && cp != '-' && cp != '\'' && !initial_dot)
				return false;
		}
		/* The word folded once for the five tables, as lexicon_get would
		 * fold it for each (a word of a line of at most 60 bytes folds
		 * into fewer bytes than the buffer, and than a key may have). */
		char key[256];
		size_t kl = fold_text(l->text + ws, we - ws, key, sizeof key);
		if (kl != (size_t)-1 &&
		    (folded_get(&t->name_stop, key, kl) || folded_get(&t->titles, key, kl) ||
		     folded_get(&t->countries, key, kl) || folded_get(&t->outlet_words, key, kl) ||
		     folded_get(&t->months, key, kl)))
			return false;
	}
	return words >= 2;
}

/* Who said the dash-led quote above: a name, maybe with credentials
 * after a comma ("Anna Belova, head of the port authority"), or
 * credentials with the name. */
static bool speaker_line(const struct line *l, const struct tables *t)
{
	if (!unfinished(l))
		return false;
	const char *comma = memchr(l->text, ',', l->len);
	struct line name = *l;
	if (comma != NULL)
		name.len = (size_t)(comma - l->text);
	return name_line(&name, t) || credentials_line(l, t);
}

/* ---- the parts of a page ---- */

/* Chrome: what a stored page may carry above the translation disclaimer
 * (a list of cities, a server notice and the HTML title). Returns the
 * index of the first disclaimer line, or 0 when the page has no chrome.
 * The disclaimer is found among short lines only, and only as a block
 * that says two of its three things, so that a body line about a
 * translation never hides the text above it. */
static size_t skip_chrome(struct line *lines, size_t n, const struct tables *t)
{
	enum { CHROME_MAX_LINES = 60, CHROME_MAX_WORDS = 40 };
	for (size_t i = 0; i < n && i < CHROME_MAX_LINES; i++) {
		if (more_words_than(lines[i].text, lines[i].len, CHROME_MAX_WORDS))
			return 0;
		if (disclaimer_block(lines, n, i, t))
			return i;
	}
	return 0;
}

/* "Special project Ports of the North": the site's rubric under a photo
 * (photo_rubrics.txt), no part of the story. */
static bool rubric_line(const struct line *l, const struct tables *t)
{
	size_t i = 0, ws, we, end = 0;
	for (int words = 1; words <= 3 && next_word(l, &i, &ws, &we); words++) {
		end = we;
		if (lexicon_get(&t->photo_rubrics, l->text, end) != NULL)
			return true;
	}
	return false;
}

/* Makes the photo of the article; returns -1 when out of memory. */
static int set_photo(struct article *a, const char *caption, const char *credit)
{
	if (a->photo != NULL)
		return 0;
	a->photo = arena_alloc(&a->arena, sizeof *a->photo);
	if (a->photo == NULL)
		return -1;
	a->photo->caption = caption;
	a->photo->credit = credit;
	return 0;
}

/* The title up to its first quote mark, without the spaces before it:
 * "Ivan Petrov:" of 'Ivan Petrov: "We will build it"'. Its length, or 0
 * if the title has no quote mark after some text. */
static size_t title_before_quote(const struct line *title)
{
	size_t cut = 0, n;
	for (size_t i = 0; i < title->len; i += n) {
		uint32_t cp = utf8_decode(title->text + i, title->len - i, &n);
		if (cp_is_quote(cp)) {
			cut = i;
			break;
		}
	}
	while (cut > 0 && title->text[cut - 1] == ' ')
		cut--;
	return cut;
}

/* Do the ASCII texts a and b read alike, case aside and "y" taken for
 * "i" (the caption and the title transliterate a name apart: "Sergei",
 * "Sergey")? */
static bool reads_alike(const char *a, size_t al, const char *b, size_t bl)
{
	if (al != bl)
		return false;
	for (size_t i = 0; i < al; i++) {
		char x = (char)(a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]);
		char y = (char)(b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i]);
		if (x != y && !((x == 'y' || x == 'i') && (y == 'y' || y == 'i')))
			return false;
	}
	return true;
}

/* The photo block: the first line after the title that repeats it is the
 * caption, or failing that one that repeats the title's words before its
 * quote ('Ivan Petrov: "We will build it"' captioned "Ivan Petrov:": the
 * site cuts the image's text at the quote mark); a credit line ("Photo:
 * X", "Photo by:") and a rubric line may follow in its block (or the
 * credit as the next line after it). What else the block holds is body
 * text glued to the caption. Returns the caption's index, or n if the
 * title is not repeated. */
static size_t photo_by_title(struct article *a, struct line *lines, size_t n, size_t body,
			     const struct tables *t)
{
	const struct line *title = &lines[body - 1];
	size_t k = body;
	while (k < n &&
	       !(lines[k].len == title->len && memcmp(lines[k].text, title->text, title->len) == 0))
		k++;
	size_t cut = title_before_quote(title);
	if (k == n && cut > 0 && title->text[cut - 1] == ':') {
		for (k = body; k < n; k++)
			if (reads_alike(lines[k].text, lines[k].len, title->text, cut) &&
			    (k == body || lines[k - 1].block != lines[k].block))
				break;
	}
	if (k == n)
		return n;
	lines[k].role = LINE_CAPTION;
	const char *credit = NULL;
	bool credited = false, rubric = false;
	for (size_t j = k + 1; j < n && j <= k + 3; j++) {
		bool glued = lines[j].block == lines[k].block;
		if (!credited && !rubric && (glued || j == k + 1) &&
		    photo_credit_line(&lines[j], t, &a->arena)) {
			lines[j].role = LINE_CREDIT;
			credit = lines[j].credit;
			credited = true;
		} else if (!rubric && glued && rubric_line(&lines[j], t)) {
			lines[j].role = LINE_RUBRIC;
			rubric = true;
		} else {
			break;
		}
	}
	if (set_photo(a, lines[k].text, credit) != 0)
		return (size_t)-1;
	return k;
}

/* Without the title repeated: a credit line, with the caption the line
 * just before it (in its block whatever its shape, or a short line of its
 * own block). */
static int photo_by_credit(struct article *a, struct line *lines, size_t n, size_t body,
			   const struct tables *t)
{
	for (size_t k = body; k < n; k++) {
		if (!is_body(&lines[k]) || !photo_credit_line(&lines[k], t, &a->arena))
			continue;
		lines[k].role = LINE_CREDIT;
		const char *caption = NULL;
		bool same_block = k > body && lines[k - 1].block == lines[k].block;
		bool short_alone = k > body && heading_like(&lines[k - 1]) &&
				   (k + 1 == n || lines[k + 1].block != lines[k].block);
		if (k > body && lines[k - 1].role == LINE_UNSET && (same_block || short_alone)) {
			lines[k - 1].role = LINE_CAPTION;
			caption = lines[k - 1].text;
		}
		if (set_photo(a, caption, lines[k].credit) != 0)
			return -1;
	}
	return 0;
}

/* The next body line after k and before end, or end. */
static size_t next_body(const struct line *lines, size_t k, size_t end)
{
	size_t i = k + 1;
	while (i < end && !is_body(&lines[i]))
		i++;
	return i;
}

/* The subtitle: the first line after the title, when it reads as a
 * standalone summary rather than the first paragraph of a news story: it
 * has no final stop (however long: some run to several sentences), or it
 * is one sentence alone in its block and the photo still comes after the
 * next paragraph (magazine pages put subtitle, lead and photo in that
 * order), or several sentences so, with the photo right after that one
 * paragraph. A news page's short first sentence before a longer paragraph
 * is its lede, no subtitle. A dashed line is an interview's question,
 * never a subtitle. */
static void find_subtitle(struct article *a, struct line *lines, size_t body, size_t end,
			  size_t caption)
{
	size_t first = body;
	if (first >= end || !is_body(&lines[first]) || dashed(&lines[first]))
		return;
	size_t next = next_body(lines, first, end);
	if (next >= end)
		return;
	bool alone = first + 1 == end || lines[first + 1].block != lines[first].block;
	/* No final stop: a subtitle whatever follows (the body's first line is
	 * a paragraph in any case, never a heading). */
	bool subtitle = !ends_sentence(&lines[first]);
	bool photo_after_lead = caption != (size_t)-1 && caption > next;
	if (!subtitle && count_sentences(&lines[first]) > 1) {
		/* Several sentences are a subtitle only in the magazine's order
		 * exactly: alone, then one lead paragraph, then the photo. */
		subtitle = alone && photo_after_lead && next_body(lines, next, end) > caption;
	} else if (!subtitle) {
		subtitle = alone && photo_after_lead;
	}
	if (subtitle) {
		lines[first].role = LINE_SUBTITLE;
		a->subtitle = lines[first].text;
	}
}

/* Is line k a question of an interview rather than a heading? A question
 * that opens with a dash or speaks to "you", or any question of an
 * article that has such questions. */
static bool question_line(const struct line *l, bool interview, const struct tables *t)
{
	return ends_question(l) && (interview || dashed(l) || second_person(l, t));
}

/* Can the line stand under a heading as its first paragraph? */
static bool paragraph_like(const struct line *l, bool interview, const struct tables *t)
{
	return !heading_like(l) || dashed(l) || question_line(l, interview, t);
}

/* Headings and paragraphs of the body lines in [body, end). A heading is
 * a short line without a final stop followed by a paragraph; it is never
 * the first line of the body (an article opens with its lede), a dashed
 * line, an interview's question, one of a run of questions, a byline (a
 * name line, with the credentials line under it), nor the speaker line
 * under a dash-led quote of a digest. */
/* An interview has questions: a line that asks with a dash before it, or
 * asks "you". */
static bool has_questions(const struct line *lines, size_t body, size_t end,
			  const struct tables *t)
{
	for (size_t k = body; k < end; k++)
		if (is_body(&lines[k]) && ends_question(&lines[k]) &&
		    (dashed(&lines[k]) || second_person(&lines[k], t)))
			return true;
	return false;
}

static void find_headings(struct line *lines, size_t body, size_t end, bool interview,
			  const struct tables *t)
{
	bool first = true, byline = false, after_dash = false, after_question = false;
	for (size_t k = body; k < end; k++) {
		if (!is_body(&lines[k]))
			continue;
		size_t next = next_body(lines, k, end);
		/* A run of questions ("Will the bridge open? Who will pay?") is a
		 * lede or a digest of questions, not a heading and its paragraph. */
		bool in_run = ends_question(&lines[k]) &&
			      (after_question || (next < end && ends_question(&lines[next])));
		bool credentials = byline && credentials_line(&lines[k], t);
		byline = name_line(&lines[k], t) && next < end && credentials_line(&lines[next], t);
		bool speaker = after_dash && speaker_line(&lines[k], t);
		bool heading = !first && heading_like(&lines[k]) && next < end &&
			       paragraph_like(&lines[next], interview, t) && !dashed(&lines[k]) &&
			       !question_line(&lines[k], interview, t) && !byline && !credentials && !speaker &&
			       !in_run;
		lines[k].role = heading ? LINE_HEADING : LINE_PARAGRAPH;
		first = false;
		after_dash = dashed(&lines[k]);
		after_question = ends_question(&lines[k]);
	}
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
	size_t i = skip_chrome(lines, n, t);
	for (size_t k = 0; k < i; k++)
		lines[k].role = LINE_CHROME;
	size_t header = i;
	/* The translation disclaimer: leading lines that say so, and the rest
	 * of their block ("The original text in Russian is the source"). */
	while (i < n && (i > header || disclaimer_block(lines, n, i, t)) && is_disclaimer(&lines[i], t))
		lines[i++].role = LINE_HEADER;
	while (i > header && i < n && lines[i].block == lines[i - 1].block)
		lines[i++].role = LINE_HEADER;
	if (i > header)
		parse_header(a, lines + header, i - header, t);
	if (i == n) {
		snprintf(err, errlen, "no title: the file has no text after its header");
		return -1;
	}
	lines[i].role = LINE_TITLE;
	a->title = lines[i].text;
	size_t body = ++i;

	size_t caption = photo_by_title(a, lines, n, body, t);
	if (caption == (size_t)-1 || (caption == n && photo_by_credit(a, lines, n, body, t) != 0)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (caption == n) {
		caption = (size_t)-1;
		for (size_t k = body; k < n && caption == (size_t)-1; k++)
			if (lines[k].role == LINE_CAPTION || lines[k].role == LINE_CREDIT)
				caption = k;
	}

	/* Teasers: the short lines after the last paragraph-like line, in a
	 * block of their own; the speaker line under a digest's last quote
	 * is no teaser. */
	size_t end = n;
	while (end > body && (!is_body(&lines[end - 1]) || heading_like(&lines[end - 1])))
		end--;
	while (end < n && end > body && lines[end].block == lines[end - 1].block)
		end++;
	if (end < n && end > body && dashed(&lines[end - 1]) && speaker_line(&lines[end], t))
		end++;
	for (size_t k = end; k < n; k++)
		if (is_body(&lines[k]))
			lines[k].role = LINE_RELATED;

	bool interview = has_questions(lines, body, end, t);
	find_subtitle(a, lines, body, end, caption);
	find_headings(lines, body, end, interview, t);

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
