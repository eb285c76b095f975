/* reply.c - the helpers handlers use to fill a reply (see http.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

const struct param_spec params_none[] = {{NULL}};
const struct param_spec params_pretty[] = {{"pretty", PARAM_FLAG, 1, NULL, 0}, {NULL}};

void reply_error(struct reply *rp, int status, const char *param, const char *fmt, ...)
{
	rp->status = status;
	rp->param = param;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rp->detail, sizeof rp->detail, fmt, ap);
	va_end(ap);
}

void reply_body(struct reply *rp, char *body, size_t len, const char *content_type)
{
	rp->status = 200;
	rp->body = body;
	rp->len = len;
	rp->content_type = content_type;
}

void reply_json(const struct request *rq, struct reply *rp, json_t *j)
{
	if (j == NULL) {
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	size_t flags = JSON_PRESERVE_ORDER | (rq->pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *s = json_dumps(j, flags);
	json_decref(j);
	if (s == NULL) {
		reply_error(rp, 503, NULL, "out of memory; try again");
		return;
	}
	size_t len = strlen(s);
	if (rq->pretty) {
		/* A final newline, so that the shell prompt starts on its own line. */
		char *t = realloc(s, len + 2);
		if (t != NULL) {
			s = t;
			s[len++] = '\n';
			s[len] = '\0';
		}
	}
	reply_body(rp, s, len, "application/json; charset=utf-8");
}

void reply_prebuilt(const struct request *rq, struct reply *rp, const struct prebuilt *p)
{
	if (rq->pretty) {
		json_error_t err;
		reply_json(rq, rp, json_loadb(p->body[ENC_IDENTITY], p->len[ENC_IDENTITY],
					      JSON_PRESERVE_ORDER, &err));
		return;
	}
	rp->status = 200;
	rp->prebuilt = p;
}
