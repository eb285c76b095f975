/* item_tokens.c - see item_tokens.h. */
#include "item_tokens.h"

#include <stdbool.h>
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
	",\"text\":\"",
	",\"start\":",
	",\"qualifier\":null",
	",\"value_to\":null",
	",\"sentence\":\"",
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
	",\"outlet\":\"",
};

enum {
	N_TOKENS = sizeof tokens / sizeof tokens[0],
	TOKEN_FIRST = 0x01, /* tokens[0]; tokens[k] is TOKEN_FIRST + k */
	LITERAL = 0x1F,     /* the next byte stands for itself */
};

_Static_assert(TOKEN_FIRST + N_TOKENS <= LITERAL, "one byte below 0x20 for each name");

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

void item_tokens_pack(struct jsonbuf *out, const char *json, size_t len)
{
	size_t run = 0; /* json[run .. i) is yet to be written as it is */
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)json[i];
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
}

void item_tokens_unpack(struct jsonbuf *out, const char *packed, size_t len)
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
