/* reqlog.c - see reqlog.h. */
#include "reqlog.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../text/utf8.h"

/* Loops flush whole lines, one write(2) each; the lock keeps two loops'
 * writes from interleaving on a pipe, where only small writes are atomic. */
static pthread_mutex_t stderr_lock = PTHREAD_MUTEX_INITIALIZER;

void reqlog_init(struct reqlog *l, enum log_format format)
{
	l->format = format;
	l->len = 0;
	l->cached_second = (time_t)-1;
}

void reqlog_flush(struct reqlog *l)
{
	if (l->len == 0)
		return;
	pthread_mutex_lock(&stderr_lock);
	size_t off = 0;
	while (off < l->len) {
		ssize_t n = write(STDERR_FILENO, l->buf + off, l->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* stderr is gone: logging must not stop serving */
		off += (size_t)n;
	}
	pthread_mutex_unlock(&stderr_lock);
	l->len = 0;
}

struct out {
	char *p;
	size_t left;
};

static void out_char(struct out *o, char c)
{
	if (o->left > 1) {
		*o->p++ = c;
		o->left--;
	}
}

static void out_str(struct out *o, const char *s)
{
	while (*s)
		out_char(o, *s++);
}

/* Combined format quoting, as nginx does it: \xHH for quotes, backslashes,
 * control bytes and bytes above 0x7E. */
static void out_combined(struct out *o, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (s == NULL) {
		out_char(o, '-');
		return;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == '"' || c == '\\' || c > 0x7E) {
			out_str(o, "\\x");
			out_char(o, hex[c >> 4]);
			out_char(o, hex[c & 15]);
		} else {
			out_char(o, (char)c);
		}
	}
}

/* A JSON string's contents; bytes of invalid UTF-8 become \u00XX so the
 * line stays valid JSON whatever the client sent. */
static void out_json(struct out *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	bool valid = utf8_invalid_at(s, strlen(s)) == (size_t)-1;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			out_char(o, '\\');
			out_char(o, (char)c);
		} else if (c < 0x20 || (!valid && c >= 0x80)) {
			out_str(o, "\\u00");
			out_char(o, hex[c >> 4]);
			out_char(o, hex[c & 15]);
		} else {
			out_char(o, (char)c);
		}
	}
}

static const char *log_time(struct reqlog *l, time_t sec)
{
	if (sec != l->cached_second) {
		struct tm tm;
		gmtime_r(&sec, &tm);
		strftime(l->cached_time, sizeof l->cached_time,
			 l->format == LOG_JSON ? "%Y-%m-%dT%H:%M:%S" : "%d/%b/%Y:%H:%M:%S +0000", &tm);
		l->cached_second = sec;
	}
	return l->cached_time;
}

void reqlog_write(struct reqlog *l, const struct reqlog_entry *e)
{
	if (l->format == LOG_OFF)
		return;
	if (REQLOG_BUFFER - l->len < REQLOG_LINE_MAX)
		reqlog_flush(l);
	struct out o = {l->buf + l->len, REQLOG_LINE_MAX};
	char num[96];
	const char *when = log_time(l, e->when.tv_sec);
	if (l->format == LOG_COMBINED) {
		out_combined(&o, e->client);
		out_str(&o, " - - [");
		out_str(&o, when);
		out_str(&o, "] \"");
		out_combined(&o, e->method);
		out_char(&o, ' ');
		out_combined(&o, e->uri);
		out_char(&o, ' ');
		out_combined(&o, e->version);
		snprintf(num, sizeof num, "\" %d %zu \"", e->status, e->bytes);
		out_str(&o, num);
		out_combined(&o, e->referer);
		out_str(&o, "\" \"");
		out_combined(&o, e->agent);
		out_char(&o, '"');
	} else {
		snprintf(num, sizeof num, ".%03ldZ", e->when.tv_nsec / 1000000);
		out_str(&o, "{\"time\":\"");
		out_str(&o, when);
		out_str(&o, num);
		out_str(&o, "\",\"method\":\"");
		out_json(&o, e->method ? e->method : "");
		out_str(&o, "\",\"path\":\"");
		out_json(&o, e->uri ? e->uri : "");
		snprintf(num, sizeof num, "\",\"status\":%d,\"bytes\":%zu,\"duration_ms\":%.3f", e->status,
			 e->bytes, e->seconds * 1000.0);
		out_str(&o, num);
		out_str(&o, ",\"client\":\"");
		out_json(&o, e->client ? e->client : "");
		out_str(&o, "\"}");
	}
	out_char(&o, '\n');
	/* A line cut short by the limit still ends with its newline. */
	if (o.left == 1 && o.p[-1] != '\n')
		o.p[-1] = '\n';
	l->len = (size_t)(o.p - l->buf);
}
