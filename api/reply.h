/* reply.h - what a handler hands back: a prebuilt representation (the
 * fast path: made at load, served as is), a body built for this request,
 * or an error that the HTTP layer sends as problem+json. Each helper
 * returns the status it sets, so that a handler ends with
 * "return reply_...(...)".
 */
#ifndef ARTICLED_REPLY_H
#define ARTICLED_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "../served/representation.h"

struct reply {
	int status;
	bool pretty;              /* JSON indented for people (?pretty): set before the handler */
	const struct representation *representation; /* serve this as is, or: */
	char *body;               /* a body built for this request (malloc'd, owned) */
	size_t len;
	const char *content_type;
	bool vary_accept;         /* the body depends on Accept */
	char *link;               /* a Link header (RFC 8288) for a page of a list (malloc'd, owned) */
	char disposition[96];     /* a Content-Disposition header, or "" */
	/* Errors (status >= 400): */
	const char *param;        /* the query parameter at fault */
	char detail[320];
};

/* An error with a formatted detail, naming param (or NULL). */
int reply_error(struct reply *rp, int status, const char *param, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A body built for this request (taking it; NULL means out of memory: 503). */
int reply_body(struct reply *rp, char *body, size_t len, const char *content_type);

/* A JSON document: compact, or indented for ?pretty. Steals the reference
 * to j (NULL means out of memory: 503). */
int reply_json(struct reply *rp, json_t *j);

/* Compact JSON text built for this request (taking it; NULL: out of
 * memory), indented for ?pretty. */
int reply_json_text(struct reply *rp, char *body, size_t len);

/* A prebuilt representation; for ?pretty, its indented form, built for
 * this request. */
int reply_representation(struct reply *rp, const struct representation *r);

/* Frees what the reply owns (its body and Link) and clears them. */
void reply_release(struct reply *rp);

#endif
