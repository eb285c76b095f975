/* article_compact.c - see article_compact.h.
 *
 * Two walks over the same fields. The first measures: it adds up the
 * arrays the new block holds, gathers every distinct string (where it is
 * and where it goes), and notes what it found of each string field. The
 * second copies: it lays the arrays out in the block, puts the gathered
 * strings after them, and points every field at its new place, as the
 * first walk noted, without looking at the field again. The paragraphs,
 * most of the bytes and as good as never the same twice, are not
 * gathered: the second walk copies each once, after the strings. A
 * pointer into one of the model's own arrays (a reaction's quote is the
 * id inside its quote) is moved with that array, so that it stays a
 * pointer into it.
 */
#include "article_compact.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../text/hash.h"

/* walk() copies every pointer member by name: a member added to the
 * model that it does not know would still point into the freed arena.
 * The sizes (on 64-bit machines) make any addition fail to build here
 * until someone has looked: a pointer member goes into walk(), then the
 * size is updated. */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(struct article) == 184 && sizeof(struct section) == 40 &&
		       sizeof(struct paragraph) == 16 && sizeof(struct quote) == 136 &&
		       sizeof(struct speaker) == 160 && sizeof(struct figure) == 152 &&
		       sizeof(struct reaction) == 80 && sizeof(struct photo) == 16 &&
		       sizeof(struct source) == 24,
	       "the model changed: teach walk() any new pointer member, then update these sizes");
#endif

/* One distinct string: its bytes, at from in the old model, go to offset
 * off of the strings in the block. */
struct kept_string {
	uint64_t hash;
	const char *from;
	size_t off, len; /* len + 1 bytes with the NUL */
};

/* An array of the old model and where it went. */
struct moved_array {
	const unsigned char *from;
	size_t bytes;
	unsigned char *to;
};

/* Does p point into the array? (As integers: the model's pointers point
 * into several allocations.) */
static bool inside(const struct moved_array *a, const void *p)
{
	uintptr_t at = (uintptr_t)p, from = (uintptr_t)a->from;
	return at >= from && at < from + a->bytes;
}

enum { MOVED_ARRAYS = 4 }; /* quotes, speakers, figures, reactions */

struct compactor {
	const struct arena *old;
	bool copying, failed;
	/* The arrays: their total (measuring), the next free byte (copying). */
	size_t array_bytes;
	unsigned char *block;
	/* The distinct strings, gathered while measuring: their bytes are
	 * copied once, from the old model into the block. */
	size_t strings_len;
	struct kept_string *slots; /* open addressing, a power of two; from NULL: empty */
	size_t n_slots, n_kept;
	char *string_base; /* copying: where the strings are in the block */
	/* The paragraphs' bytes (each with a NUL): their total (measuring),
	 * where the next one goes (copying). */
	size_t paragraph_bytes;
	char *next_paragraph;
	/* What the measuring walk found of each string it met (but NULL), in
	 * the order it met them: a gathered string's offset, or STRING_AS_IS
	 * or STRING_MOVED. The copying walk meets them in the same order, and
	 * takes these rather than looking at each again. */
	size_t *order;
	size_t n_order, cap_order, next_order;
	struct moved_array moved[MOVED_ARRAYS];
	size_t n_moved;
	uintptr_t moved_from, moved_end; /* a span that holds them all */
};

static int slots_grow(struct compactor *c)
{
	/* An article holds some 60 distinct strings; a long one grows it. */
	size_t cap = c->n_slots ? c->n_slots * 2 : 128;
	struct kept_string *s = malloc(cap * sizeof *s);
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < cap; i++)
		s[i].from = NULL;
	for (size_t i = 0; i < c->n_slots; i++) {
		if (c->slots[i].from == NULL)
			continue;
		size_t j = (size_t)c->slots[i].hash & (cap - 1);
		while (s[j].from != NULL)
			j = (j + 1) & (cap - 1);
		s[j] = c->slots[i];
	}
	free(c->slots);
	c->slots = s;
	c->n_slots = cap;
	return 0;
}

/* The place of a pointer into one moved array, in the new model (or from
 * itself while measuring). */
static const void *relinked(const struct compactor *c, const void *p)
{
	if (p == NULL || !c->copying)
		return p;
	for (size_t m = 0; m < c->n_moved; m++) {
		const struct moved_array *a = &c->moved[m];
		if (inside(a, p))
			return a->to + ((uintptr_t)p - (uintptr_t)a->from);
	}
	return p;
}

/* What the measuring walk found of a string that no offset is: not the
 * arena's (pointed to as it is), or inside a moved array (moved with it). */
#define STRING_AS_IS SIZE_MAX
#define STRING_MOVED (SIZE_MAX - 1)

/* The offset of the string s[0..len) among the gathered ones, gathered
 * now if it is new (while measuring). */
static size_t gathered(struct compactor *c, const char *s, size_t len)
{
	if (2 * (c->n_kept + 1) > c->n_slots && slots_grow(c) != 0) {
		c->failed = true;
		return 0;
	}
	uint64_t h = hash_block(s, len);
	size_t i = (size_t)h & (c->n_slots - 1);
	for (; c->slots[i].from != NULL; i = (i + 1) & (c->n_slots - 1))
		if (c->slots[i].hash == h && c->slots[i].len == len &&
		    memcmp(c->slots[i].from, s, len) == 0)
			return c->slots[i].off;
	size_t off = c->strings_len;
	c->strings_len += len + 1;
	c->slots[i] = (struct kept_string){h, s, off, len};
	c->n_kept++;
	return off;
}

/* The measuring walk's look at the string s[0..len) (not NULL; len
 * SIZE_MAX: all of a NUL-terminated s): what it is, noted for the
 * copying walk. Apart from text_of, so that the copying walk costs none
 * of its set-up. */
static __attribute__((noinline)) void note_string(struct compactor *c, const char *s,
						  size_t len)
{
	size_t found = STRING_AS_IS;
	if (arena_holds(c->old, s)) {
		uintptr_t at = (uintptr_t)s;
		bool moved = false;
		if (at >= c->moved_from && at < c->moved_end) /* most strings lie outside */
			for (size_t m = 0; m < c->n_moved && !moved; m++)
				moved = inside(&c->moved[m], s);
		found = moved ? STRING_MOVED : gathered(c, s, len == SIZE_MAX ? strlen(s) : len);
	}
	if (c->n_order == c->cap_order) {
		size_t cap = c->cap_order ? 2 * c->cap_order : 256;
		size_t *order = realloc(c->order, cap * sizeof *order);
		if (order == NULL) {
			c->failed = true;
			return;
		}
		c->order = order;
		c->cap_order = cap;
	}
	c->order[c->n_order++] = found;
}

/* Where the string s[0..len) is in the new model; len SIZE_MAX: all of
 * a NUL-terminated s. */
static inline const char *text_of(struct compactor *c, const char *s, size_t len)
{
	if (s == NULL)
		return s;
	if (!c->copying) {
		note_string(c, s, len);
		return s;
	}
	if (c->next_order == c->n_order) { /* the walks differ: cannot be */
		c->failed = true;
		return s;
	}
	size_t found = c->order[c->next_order++];
	if (found == STRING_AS_IS)
		return s;
	if (found == STRING_MOVED)
		return relinked(c, s);
	return c->string_base + found;
}

static const char *string_of(struct compactor *c, const char *s)
{
	return text_of(c, s, SIZE_MAX);
}

/* Where a paragraph's text s[0..len) is in the new model: copied as it
 * is, not looked up. No other field points into a paragraph's bytes but
 * the lede, which walk() moves with its paragraph. */
static const char *paragraph_of(struct compactor *c, const char *s, size_t len)
{
	if (s == NULL || !arena_holds(c->old, s))
		return s;
	if (!c->copying) {
		c->paragraph_bytes += len + 1;
		return s;
	}
	char *to = c->next_paragraph;
	memcpy(to, s, len);
	to[len] = '\0';
	c->next_paragraph += len + 1;
	return to;
}

/* Room for n items of size bytes in the block (when copying; else NULL). */
static void *room_for(struct compactor *c, size_t n, size_t size)
{
	const size_t align = alignof(max_align_t);
	size_t at = (c->array_bytes + align - 1) & ~(align - 1);
	c->array_bytes = at + n * size;
	return c->copying ? c->block + at : NULL;
}

/* Room for a copy of the n items at from, holding it (when copying;
 * else NULL). NULL stays NULL. */
static void *array_of(struct compactor *c, const void *from, size_t n, size_t size)
{
	if (from == NULL)
		return NULL;
	void *to = room_for(c, n, size);
	if (to != NULL && n > 0)
		memcpy(to, from, n * size);
	return to;
}

/* Moves one of the arrays that other fields may point into. */
static void *moved_array_of(struct compactor *c, const void *from, size_t n, size_t size)
{
	void *to = array_of(c, from, n, size);
	if (from != NULL && c->n_moved < MOVED_ARRAYS) {
		c->moved[c->n_moved++] = (struct moved_array){from, n * size, to};
		uintptr_t at = (uintptr_t)from;
		c->moved_from = at < c->moved_from ? at : c->moved_from;
		c->moved_end = at + n * size > c->moved_end ? at + n * size : c->moved_end;
	}
	return to;
}

/* An array of strings, and each of them. */
static const char **strings_of(struct compactor *c, const char **from, size_t n)
{
	const char **to = array_of(c, from, n, sizeof *from);
	for (size_t i = 0; i < n; i++) {
		const char *s = string_of(c, from[i]);
		if (to != NULL)
			to[i] = s;
	}
	return to;
}

/* The walk: with c->copying false it measures and gathers, with it true
 * it fills n (a copy of the struct) from a. */
static void walk(struct compactor *c, const struct article *a, struct article *n)
{
	c->n_moved = 0;
	c->moved_from = UINTPTR_MAX;
	c->moved_end = 0;
	/* The arrays first, so that any pointer into them can be moved. */
	struct section *sections = array_of(c, a->sections, a->n_sections, sizeof *sections);
	size_t n_paras = 0;
	for (size_t s = 0; s < a->n_sections; s++)
		n_paras += a->sections[s].n_paragraphs;
	/* The paragraphs of all sections in one array, as the parse made them. */
	struct paragraph *paras = room_for(c, n_paras, sizeof *paras);
	struct quote *quotes = moved_array_of(c, a->quotes, a->n_quotes, sizeof *quotes);
	struct speaker *speakers = moved_array_of(c, a->speakers, a->n_speakers, sizeof *speakers);
	struct figure *figures = moved_array_of(c, a->figures, a->n_figures, sizeof *figures);
	struct reaction *reactions = moved_array_of(c, a->reactions, a->n_reactions,
						    sizeof *reactions);
	struct photo *photo = array_of(c, a->photo, 1, sizeof *photo);
	const char **related = strings_of(c, a->related, a->n_related);

	struct article m = *a;
	m.id = string_of(c, a->id);
	m.source.publisher = string_of(c, a->source.publisher);
	m.source.language = string_of(c, a->source.language);
	m.source.translation = string_of(c, a->source.translation);
	m.title = string_of(c, a->title);
	m.subtitle = string_of(c, a->subtitle);
	/* The lede is the first paragraph's text (layout.c): it moves with
	 * that paragraph rather than be a second copy of its bytes. */
	bool lede_is_first = a->lede != NULL && a->n_sections > 0 &&
			     a->sections[0].n_paragraphs > 0 &&
			     a->lede == a->sections[0].paragraphs[0].text;
	m.lede = lede_is_first ? a->lede : string_of(c, a->lede);
	if (a->photo != NULL) {
		const char *caption = string_of(c, a->photo->caption);
		const char *credit = string_of(c, a->photo->credit);
		if (photo != NULL)
			*photo = (struct photo){caption, credit};
	}
	size_t p = 0;
	for (size_t s = 0; s < a->n_sections; s++) {
		const struct section *from = &a->sections[s];
		const char *id = string_of(c, from->id), *heading = string_of(c, from->heading);
		for (size_t k = 0; k < from->n_paragraphs; k++, p++) {
			const struct paragraph *fp = &from->paragraphs[k];
			const char *text = paragraph_of(c, fp->text, fp->len);
			if (paras != NULL)
				paras[p] = (struct paragraph){text, fp->len};
		}
		if (sections != NULL) {
			sections[s].id = id;
			sections[s].heading = heading;
			sections[s].paragraphs = paras + (p - from->n_paragraphs);
		}
	}
	if (lede_is_first && paras != NULL)
		m.lede = paras[0].text;
	for (size_t i = 0; i < a->n_quotes; i++) {
		const struct quote *from = &a->quotes[i];
		struct quote q = *from;
		q.speaker = string_of(c, from->speaker);
		q.speaker_as_written = string_of(c, from->speaker_as_written);
		q.speaker_title = string_of(c, from->speaker_title);
		q.speaker_country = string_of(c, from->speaker_country);
		q.speaker_kind = string_of(c, from->speaker_kind);
		q.speaker_of = relinked(c, from->speaker_of);
		q.cue = string_of(c, from->cue);
		q.text = string_of(c, from->text);
		q.question = string_of(c, from->question);
		if (quotes != NULL)
			quotes[i] = q;
	}
	for (size_t i = 0; i < a->n_speakers; i++) {
		const struct speaker *from = &a->speakers[i];
		struct speaker sp = *from;
		sp.name = string_of(c, from->name);
		sp.titles = strings_of(c, from->titles, from->n_titles);
		sp.country = string_of(c, from->country);
		sp.quotes = array_of(c, from->quotes, from->n_quotes, sizeof *from->quotes);
		if (speakers != NULL)
			speakers[i] = sp;
	}
	for (size_t i = 0; i < a->n_figures; i++) {
		const struct figure *from = &a->figures[i];
		struct figure f = *from;
		f.text = string_of(c, from->text);
		f.date = string_of(c, from->date);
		f.date_to = string_of(c, from->date_to);
		f.unit = string_of(c, from->unit);
		f.measure = string_of(c, from->measure);
		f.qualifier = string_of(c, from->qualifier);
		f.per = string_of(c, from->per);
		f.period = relinked(c, from->period);
		f.compared_to = relinked(c, from->compared_to);
		if (figures != NULL)
			figures[i] = f;
	}
	for (size_t i = 0; i < a->n_reactions; i++) {
		const struct reaction *from = &a->reactions[i];
		struct reaction r = *from;
		r.outlet = string_of(c, from->outlet);
		r.country = string_of(c, from->country);
		r.outlet_kind = string_of(c, from->outlet_kind);
		r.text = string_of(c, from->text);
		r.quote = string_of(c, from->quote);
		if (reactions != NULL)
			reactions[i] = r;
	}
	if (!c->copying)
		return;
	m.sections = sections;
	m.quotes = quotes;
	m.speakers = speakers;
	m.figures = figures;
	m.reactions = reactions;
	m.photo = photo;
	m.related = related;
	*n = m;
}

int article_compact(struct article *a)
{
	struct compactor c = {.old = &a->arena};
	walk(&c, a, NULL);
	const size_t align = alignof(max_align_t);
	size_t arrays = (c.array_bytes + align - 1) & ~(align - 1);
	struct arena fresh = {0};
	c.block = c.failed ? NULL
			   : arena_alloc_exact(&fresh, arrays + c.strings_len + c.paragraph_bytes);
	if (c.block == NULL) {
		free(c.slots);
		free(c.order);
		return -1;
	}
	c.string_base = (char *)c.block + arrays;
	c.next_paragraph = c.string_base + c.strings_len;
	for (size_t i = 0; i < c.n_slots; i++) {
		const struct kept_string *k = &c.slots[i];
		if (k->from != NULL) {
			memcpy(c.string_base + k->off, k->from, k->len);
			c.string_base[k->off + k->len] = '\0';
		}
	}
	c.copying = true;
	c.array_bytes = 0;
	struct article n;
	walk(&c, a, &n);
	free(c.slots);
	free(c.order);
	if (c.failed || c.next_order != c.n_order) {
		arena_free(&fresh);
		return -1;
	}
	arena_free(&a->arena);
	n.arena = fresh;
	*a = n;
	return 0;
}
