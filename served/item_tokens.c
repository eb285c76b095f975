/* item_tokens.c - see item_tokens.h. */
#include "item_tokens.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The names, as item_json.h writes them, with what most often comes
 * right before and after: chosen by the bytes each saved over the items
 * of the test articles, most first. Any order and any names would be
 * correct; these only make it small. Each begins with ',' or '{'. */
struct name {
	const char *text;
	size_t len;
};

#define NAME(s) {s, sizeof s - 1}

static const struct name tokens[] = {
	NAME(",\"paragraph\":"),
	NAME(",\"section\":\""),
	NAME(",\"compared_to\":null"),
	NAME(",\"kind\":\""),
	NAME(",\"speaker_as_written\":\""),
	NAME(",\"text\":"), /* no '"' after: it begins the string referred to */
	NAME(",\"start\":"),
	NAME(",\"qualifier\":null"),
	NAME(",\"value_to\":null"),
	NAME(",\"sentence\":"),
	NAME("{\"id\":\""),
	NAME(",\"change\":null"),
	NAME(",\"speaker_title\":"),
	NAME(",\"end\":"),
	NAME(",\"period\":null"),
	NAME(",\"question\":null"),
	NAME(",\"measure\":"),
	NAME(",\"speaker_id\":\""),
	NAME(",\"per\":null"),
	NAME(",\"value\":"),
	NAME(",\"speaker\":\""),
	NAME(",\"unit\":"),
	NAME(",\"cue\":\""),
	NAME(",\"country\":"),
	NAME(",\"relative\":"),
	NAME(",\"quote_ids\":["),
	NAME(",\"quotes\":{\"direct\":"),
	NAME(",\"indirect\":"),
	NAME(",\"titles\":["),
};

enum {
	N_TOKENS = sizeof tokens / sizeof tokens[0],
	TOKEN_FIRST = 0x01, /* tokens[0]; tokens[k] is TOKEN_FIRST + k */
	REFERENCE = 0x1E,   /* then k, 7 bits a byte, low first, high bit set if more */
	LITERAL = 0x1F,     /* the next byte stands for itself */
	/* A string shorter than this in JSON is kept: a reference would save
	 * nothing. */
	REFERENCE_MIN = 8,
};

_Static_assert(TOKEN_FIRST + N_TOKENS <= REFERENCE, "one byte below 0x20 for each name");

/* The names by their third byte (the first of their own letters):
 * first_named[c] is the first name with c there plus one, each name's
 * next_named the next such (0 ends), so that a comma of an item (and
 * every comma of every item loaded is one) is compared with a few names,
 * not all. */
static unsigned char first_named[256], next_named[N_TOKENS];
static pthread_once_t names_indexed = PTHREAD_ONCE_INIT;

static void index_names(void)
{
	for (size_t t = N_TOKENS; t-- > 0;) {
		unsigned char c = (unsigned char)tokens[t].text[2];
		next_named[t] = first_named[c];
		first_named[c] = (unsigned char)(t + 1);
	}
}

/* The longest name at json[0..len), its index in *k; 0 if none. */
static size_t name_at(const char *json, size_t len, size_t *k)
{
	size_t best = 0;
	if (len < 3 || json[1] != '"')
		return 0;
	for (size_t t = first_named[(unsigned char)json[2]]; t != 0; t = next_named[t - 1]) {
		const struct name *m = &tokens[t - 1];
		if (m->len > best && m->len <= len && m->text[0] == json[0] &&
		    memcmp(m->text, json, m->len) == 0) {
			best = m->len;
			*k = t - 1;
		}
	}
	return best;
}

/* The next string of refs from *k on worth a reference, as JSON writes
 * it, in esc; false when there is none. */
static bool next_reference(const struct item_refs *refs, size_t *k, struct jsonbuf *esc)
{
	for (; refs != NULL && refs->text != NULL; ++*k) {
		size_t n;
		const char *s = refs->text(refs->model, refs->item, *k, &n);
		if (s == NULL)
			return false;
		esc->len = 0;
		jsonbuf_string(esc, s, n);
		if (esc->failed)
			return false;
		if (esc->len >= REFERENCE_MIN)
			return true;
	}
	return false;
}

void item_tokens_pack(struct jsonbuf *out, const char *json, size_t len,
		      const struct item_refs *refs)
{
	pthread_once(&names_indexed, index_names);
	/* The item's strings are looked for in their order: the next one at
	 * each '"', each string once. */
	struct jsonbuf esc = {0};
	size_t ref = 0;
	bool have = next_reference(refs, &ref, &esc);
	size_t run = 0; /* json[run .. i) is yet to be written as it is */
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)json[i];
		if (have && c == '"' && esc.len <= len - i && memcmp(json + i, esc.s, esc.len) == 0) {
			jsonbuf_raw(out, json + run, i - run);
			char code[12] = {REFERENCE};
			size_t n = 1;
			for (size_t v = ref;; v >>= 7) {
				code[n++] = (char)((v & 0x7F) | (v >= 0x80 ? 0x80 : 0));
				if (v < 0x80)
					break;
			}
			jsonbuf_raw(out, code, n);
			i += esc.len;
			run = i;
			ref++;
			have = next_reference(refs, &ref, &esc);
			continue;
		}
		size_t k = 0, n = c == ',' || c == '{' ? name_at(json + i, len - i, &k) : 0;
		if (n == 0 && c >= 0x20) {
			i++;
			continue;
		}
		jsonbuf_raw(out, json + run, i - run);
		char code[2] = {(char)(TOKEN_FIRST + k), (char)c};
		if (n > 0) {
			jsonbuf_raw(out, code, 1);
			i += n;
		} else {
			code[0] = LITERAL;
			jsonbuf_raw(out, code, 2);
			i++;
		}
		run = i;
	}
	jsonbuf_raw(out, json + run, len - run);
	free(esc.s);
}

void item_tokens_unpack(struct jsonbuf *out, const char *packed, size_t len,
			const struct item_refs *refs)
{
	size_t run = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)packed[i];
		if (c >= 0x20) {
			i++;
			continue;
		}
		jsonbuf_raw(out, packed + run, i - run);
		if (c == LITERAL && i + 1 < len) {
			jsonbuf_raw(out, packed + i + 1, 1);
			i += 2;
		} else if (c == REFERENCE) {
			size_t k = 0, shift = 0;
			for (i++; i < len && shift < 64; i++, shift += 7) {
				k |= (size_t)(packed[i] & 0x7F) << shift;
				if (!(packed[i] & 0x80))
					break;
			}
			i = i < len ? i + 1 : len;
			size_t n;
			const char *s = refs && refs->text ? refs->text(refs->model, refs->item, k, &n)
							   : NULL;
			if (s == NULL)
				out->failed = true;
			else
				jsonbuf_string(out, s, n);
		} else if (c >= TOKEN_FIRST && c < TOKEN_FIRST + N_TOKENS) {
			jsonbuf_raw(out, tokens[c - TOKEN_FIRST].text, tokens[c - TOKEN_FIRST].len);
			i++;
		} else { /* not made by item_tokens_pack: kept as it is */
			jsonbuf_raw(out, packed + i, 1);
			i++;
		}
		run = i;
	}
	jsonbuf_raw(out, packed + run, len - run);
}
