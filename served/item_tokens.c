/* item_tokens.c - see item_tokens.h. */
#include "item_tokens.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The names, as item_json.h writes them, with what most often comes
 * right before and after: chosen by the bytes each saved over the items
 * of the test articles, most first. Any order and any names would be
 * correct; these only make it small. Each begins with ',' or '{'. */
static const char *const tokens[] = {
	",\"paragraph\":",
	",\"section\":\"",
	",\"compared_to\":null",
	",\"kind\":\"",
	",\"speaker_as_written\":\"",
	",\"text\":", /* no '"' after: it begins the string referred to */
	",\"start\":",
	",\"qualifier\":null",
	",\"value_to\":null",
	",\"sentence\":",
	"{\"id\":\"",
	",\"change\":null",
	",\"speaker_title\":",
	",\"end\":",
	",\"period\":null",
	",\"question\":null",
	",\"measure\":",
	",\"speaker_id\":\"",
	",\"per\":null",
	",\"value\":",
	",\"speaker\":\"",
	",\"unit\":",
	",\"cue\":\"",
	",\"country\":",
	",\"relative\":",
	",\"quote_ids\":[",
	",\"quotes\":{\"direct\":",
	",\"indirect\":",
	",\"titles\":[",
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

/* The longest name at json[0..len), its index in *k; 0 if none. */
static size_t name_at(const char *json, size_t len, size_t *k)
{
	size_t best = 0;
	for (size_t t = 0; t < N_TOKENS; t++) {
		size_t n = strlen(tokens[t]);
		if (n > best && n <= len && tokens[t][0] == json[0] && memcmp(tokens[t], json, n) == 0) {
			best = n;
			*k = t;
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
			jsonbuf_text(out, tokens[c - TOKEN_FIRST]);
			i++;
		} else { /* not made by item_tokens_pack: kept as it is */
			jsonbuf_raw(out, packed + i, 1);
			i++;
		}
		run = i;
	}
	jsonbuf_raw(out, packed + run, len - run);
}
