/* reqlog.h - one line per request on stderr, in Apache's combined format
 * or as JSON, buffered per serving loop.
 *
 * The buffer is written out when it fills, when its loop is about to wait
 * for work, and at exit: a burst of requests costs one write(2) per 64 KiB,
 * and a quiet server still logs each request at once.
 */
#ifndef ARTICLED_REQLOG_H
#define ARTICLED_REQLOG_H

#include <stddef.h>
#include <time.h>

#include "options.h"

enum { REQLOG_BUFFER = 64 * 1024, REQLOG_LINE_MAX = 4096 };

struct reqlog {
	enum log_format format;
	size_t len;
	time_t cached_second; /* the formatted time below is of this second */
	char cached_time[40];
	char buf[REQLOG_BUFFER];
};

struct reqlog_entry {
	const char *client;  /* address */
	const char *method;
	const char *uri;     /* path and query as the client sent them */
	const char *version; /* "HTTP/1.1" */
	int status;
	size_t bytes;
	double seconds;
	const char *referer; /* NULL if absent */
	const char *agent;   /* NULL if absent */
	struct timespec when; /* CLOCK_REALTIME at the request line */
};

void reqlog_init(struct reqlog *l, enum log_format format);
void reqlog_write(struct reqlog *l, const struct reqlog_entry *e);
void reqlog_flush(struct reqlog *l);

#endif
