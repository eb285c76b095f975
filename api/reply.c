/* reply.c - see reply.h. */
#include "reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

int reply_error(struct reply *rp, int status, const char *param, const char *fmt, ...)
{
	rp->status = status;
	rp->param = param;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rp->detail, sizeof rp->detail, fmt, ap);
	va_end(ap);
	return status;
}

static int out_of_memory(struct reply *rp)
{
	return reply_error(rp, STATUS_UNAVAILABLE, NULL, "out of memory; try again");
}

int reply_body(struct reply *rp, char *body, size_t len, const char *content_type)
{
	if (body == NULL)
		return out_of_memory(rp);
	rp->status = STATUS_OK;
	rp->body = body;
	rp->len = len;
	rp->content_type = content_type;
	return STATUS_OK;
}

int reply_json(struct reply *rp, json_t *j)
{
	if (j == NULL)
		return out_of_memory(rp);
	bool pretty = rp->pretty;
	size_t flags = JSON_PRESERVE_ORDER | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *s = json_dumps(j, flags);
	json_decref(j);
	if (s == NULL)
		return out_of_memory(rp);
	size_t len = strlen(s);
	if (pretty) {
		/* A final newline, so that the shell prompt starts on its own line. */
		char *t = realloc(s, len + 2);
		if (t != NULL) {
			s = t;
			s[len++] = '\n';
			s[len] = '\0';
		}
	}
	return reply_body(rp, s, len, CONTENT_TYPE_JSON);
}

/* The indented form of compact JSON text. */
static int reply_indented(struct reply *rp, const char *json, size_t len)
{
	json_error_t err;
	return reply_json(rp, json_loadb(json, len, JSON_PRESERVE_ORDER, &err));
}

int reply_json_text(struct reply *rp, char *body, size_t len)
{
	if (body == NULL)
		return out_of_memory(rp);
	if (rp->pretty) {
		int status = reply_indented(rp, body, len);
		free(body);
		return status;
	}
	return reply_body(rp, body, len, CONTENT_TYPE_JSON);
}

int reply_representation(struct reply *rp, const struct representation *r)
{
	if (rp->pretty) {
		size_t len;
		bool made;
		const char *body = representation_body(r, &len, &made);
		if (body == NULL)
			return out_of_memory(rp);
		int status = reply_indented(rp, body, len);
		if (made)
			free((char *)body);
		return status;
	}
	rp->status = STATUS_OK;
	rp->representation = r;
	return STATUS_OK;
}

void reply_release(struct reply *rp)
{
	free(rp->body);
	free(rp->link);
	rp->body = NULL;
	rp->link = NULL;
}
