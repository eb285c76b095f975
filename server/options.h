/* options.h - configuration from flags and ARTICLED_* environment
 * variables (flags win), described by one table that also writes --help. */
#ifndef ARTICLED_OPTIONS_H
#define ARTICLED_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum log_format { LOG_COMBINED, LOG_JSON, LOG_OFF };

struct options {
	const char *host;
	unsigned port;           /* 0: any free port (printed at startup) */
	const char *data;        /* article file or directory; NULL: the built-in article */
	const char *tables;      /* directory of data tables; NULL: built-in */
	const char *default_id;  /* default article of a directory; NULL: first by name */
	bool strict;             /* a directory with a broken file does not load */
	unsigned threads;
	unsigned load_threads;   /* parsing a directory; 0: one per core */
	const char *cors_origin; /* "*", an origin, or "none" */
	enum log_format log_format;
	bool metrics;
	unsigned max_connections;
	unsigned max_connections_per_ip; /* 0: no limit */
	unsigned timeout;        /* seconds a connection may stay idle */
	unsigned connection_memory; /* bytes of buffer per connection */
	unsigned max_parse_bytes;   /* the largest body POST /parse reads */
	unsigned shutdown_timeout;  /* seconds to finish requests on SIGTERM */
	bool health_check;       /* probe a running articled's /healthz and exit */
	unsigned watch;          /* seconds between looks at the data for changes; 0: never */
};

enum options_result { OPTIONS_OK, OPTIONS_EXIT_OK, OPTIONS_USAGE };

/* Fills o from defaults, then the environment, then argv. OPTIONS_EXIT_OK
 * after --help or --version (printed to out); OPTIONS_USAGE with a
 * one-line message in err for a bad flag or value. */
enum options_result options_parse(struct options *o, int argc, char **argv, FILE *out, char *err,
				  size_t errlen);

void options_usage(FILE *out);

const char *log_format_name(enum log_format f);

#endif
