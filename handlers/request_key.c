/* request_key.c - see request_key.h.
 *
 * The key is a sequence of fields, each self-delimiting: numbers in
 * decimal ending with ';', byte strings as "LENGTH:BYTES", so that no
 * value can imitate the fields after it. */
#include "request_key.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct key_buf {
	char *out;
	size_t len, cap;
	bool overflow;
};

static void put_bytes(struct key_buf *k, const char *s, size_t n)
{
	if (k->overflow || n > k->cap - k->len) {
		k->overflow = true;
		return;
	}
	memcpy(k->out + k->len, s, n);
	k->len += n;
}

static void put_number(struct key_buf *k, long v)
{
	char num[32];
	int n = snprintf(num, sizeof num, "%ld;", v);
	put_bytes(k, num, (size_t)n);
}

/* "-" for none, else "LENGTH:BYTES". */
static void put_string(struct key_buf *k, const char *s)
{
	if (s == NULL) {
		put_bytes(k, "-", 1);
		return;
	}
	size_t n = strlen(s);
	put_number(k, (long)n);
	put_bytes(k, s, n);
}

size_t request_key(const struct request *rq, char *out, size_t cap)
{
	struct key_buf k = {.out = out, .cap = cap};
	/* The pattern names the route; the article and {id} what it is about. */
	put_string(&k, rq->route->pattern);
	put_number(&k, rq->scoped);
	put_string(&k, rq->article ? rq->article->id : NULL);
	put_string(&k, rq->path_param);
	put_number(&k, rq->pretty);
	put_number(&k, rq->wants_html);
	for (int i = 0; rq->route->params[i].name != NULL; i++) {
		const struct param_spec *sp = &rq->route->params[i];
		const char *text = rq->query.text[i];
		switch (sp->type) {
		case PARAM_COUNT:
		case PARAM_FLAG:
			/* The number the handler reads: "05" is 5, and absent is the
			 * fallback (query_number reads the same). */
			put_number(&k, text ? rq->query.number[i] : sp->fallback);
			break;
		case PARAM_CHOICE:
		case PARAM_STRING:
			put_string(&k, text);
			break;
		}
	}
	return k.overflow ? 0 : k.len;
}
