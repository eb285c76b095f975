/* options.c - see options.h. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum opt_type { OPT_STRING, OPT_UINT, OPT_BOOL, OPT_LOG_FORMAT, OPT_ORIGIN };

struct option_spec {
	const char *name;
	char short_name; /* 0 if none */
	const char *env;
	enum opt_type type;
	size_t offset;
	const char *fallback; /* default, as text; NULL for none */
	const char *meta;     /* the value's name in --help */
	const char *help;
	unsigned long min, max; /* OPT_UINT */
};

#define OFF(field) offsetof(struct options, field)

/* An Access-Control-Allow-Origin value: "*", "none", or one origin as a
 * browser serializes it (scheme://host[:port], no path), since anything
 * else is either a header injection (a line break) or never matches. */
static bool valid_cors_origin(const char *text, char *why, size_t whylen)
{
	static const char example[] = "give one origin such as https://news.example, '*' or 'none'";
	if (strcmp(text, "*") == 0 || strcmp(text, "none") == 0)
		return true;
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '\r' || *c == '\n') {
			snprintf(why, whylen, "contains a line break; %s", example);
			return false;
		}
		if (*c <= ' ' || *c >= 0x7F) {
			snprintf(why, whylen, "contains a space, control or non-ASCII byte (0x%02X); %s",
				 *c, example);
			return false;
		}
	}
	const char *sep = strstr(text, "://");
	size_t scheme = sep ? (size_t)(sep - text) : 0;
	bool ok = scheme > 0 && strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					     "0123456789+.-") == scheme &&
		  sep[3] != '\0' && strpbrk(sep + 3, "/?#") == NULL;
	if (!ok)
		snprintf(why, whylen, "'%.200s' is not an origin (scheme://host[:port], no path); %s",
			 text, example);
	return ok;
}

static const struct option_spec specs[] = {
	{"host", 'H', "ARTICLED_HOST", OPT_STRING, OFF(host), "127.0.0.1", "ADDR",
	 "address to listen on (0.0.0.0 or :: for all)", 0, 0},
	{"port", 'p', "ARTICLED_PORT", OPT_UINT, OFF(port), "8080", "PORT",
	 "TCP port; 0 picks a free one and prints it", 0, 65535},
	{"data", 'd', "ARTICLED_DATA", OPT_STRING, OFF(data), NULL, "PATH",
	 "article file, or directory of *.txt articles (default: the built-in example)", 0, 0},
	{"default", 0, "ARTICLED_DEFAULT", OPT_STRING, OFF(default_id), NULL, "ID",
	 "article served at the root in directory mode (default: first by name)", 0, 0},
	{"strict", 0, "ARTICLED_STRICT", OPT_BOOL, OFF(strict), "false", NULL,
	 "refuse to load a directory with any broken article", 0, 0},
	{"watch", 0, "ARTICLED_WATCH", OPT_UINT, OFF(watch), "0", "SECONDS",
	 "reload when the data file or directory changes, looking this often (0: only on SIGHUP)",
	 0, 86400},
	{"tables", 0, "ARTICLED_TABLES", OPT_STRING, OFF(tables), NULL, "DIR",
	 "directory of parser data tables (default: the built-in ones)", 0, 0},
	{"threads", 't', "ARTICLED_THREADS", OPT_UINT, OFF(threads), "1", "N",
	 "serving threads, each with its own event loop", 1, 64},
	{"load-threads", 0, "ARTICLED_LOAD_THREADS", OPT_UINT, OFF(load_threads), "0", "N",
	 "threads that parse the articles of a directory (0: one per core)", 0, 64},
	{"cors-origin", 0, "ARTICLED_CORS_ORIGIN", OPT_ORIGIN, OFF(cors_origin), "*", "ORIGIN",
	 "Access-Control-Allow-Origin value, or 'none' for no CORS headers", 0, 0},
	{"log-format", 0, "ARTICLED_LOG_FORMAT", OPT_LOG_FORMAT, OFF(log_format), "combined",
	 "FORMAT", "request log on stderr: combined, json or off", 0, 0},
	{"metrics", 0, "ARTICLED_METRICS", OPT_BOOL, OFF(metrics), "true", NULL,
	 "count requests for /metrics (--no-metrics to turn off)", 0, 0},
	{"max-connections", 0, "ARTICLED_MAX_CONNECTIONS", OPT_UINT, OFF(max_connections), "4096",
	 "N", "connections open at once, in all", 1, 1000000},
	{"max-connections-per-ip", 0, "ARTICLED_MAX_CONNECTIONS_PER_IP", OPT_UINT,
	 OFF(max_connections_per_ip), "1024", "N", "connections from one address; 0 for no limit",
	 0, 1000000},
	{"timeout", 0, "ARTICLED_TIMEOUT", OPT_UINT, OFF(timeout), "30", "SECONDS",
	 "close a connection idle this long, or whose request line and headers take longer", 1, 86400},
	{"connection-memory", 0, "ARTICLED_CONNECTION_MEMORY", OPT_UINT, OFF(connection_memory),
	 "16384", "BYTES", "buffer per connection; bounds request line and headers", 2048, 1048576},
	{"max-parse-bytes", 0, "ARTICLED_MAX_PARSE_BYTES", OPT_UINT, OFF(max_parse_bytes),
	 "1048576", "BYTES", "largest article POST /parse takes; a larger body is refused (413) unread",
	 1, 64u * 1024 * 1024},
	{"shutdown-timeout", 0, "ARTICLED_SHUTDOWN_TIMEOUT", OPT_UINT, OFF(shutdown_timeout), "10",
	 "SECONDS", "on SIGTERM, time to finish requests in flight", 0, 3600},
	{"health-check", 0, NULL, OPT_BOOL, OFF(health_check), "false", NULL,
	 "ask the articled at --host/--port for /healthz; exit 0 if it answers 200 (for container "
	 "health checks)",
	 0, 0},
};

enum { N_SPECS = sizeof specs / sizeof specs[0], OPT_HELP = 1000, OPT_VERSION, OPT_NO_BASE = 2000 };

static const char *const log_formats[] = {[LOG_COMBINED] = "combined", [LOG_JSON] = "json",
					  [LOG_OFF] = "off"};

const char *log_format_name(enum log_format f)
{
	return log_formats[f];
}

/* Sets the option from text; where says where the text came from. */
static bool set_value(struct options *o, const struct option_spec *sp, const char *text,
		      const char *where, char *err, size_t errlen)
{
	void *field = (char *)o + sp->offset;
	switch (sp->type) {
	case OPT_STRING:
	case OPT_ORIGIN:
		if (*text == '\0') {
			snprintf(err, errlen, "%s: needs a value", where);
			return false;
		}
		char why[400];
		if (sp->type == OPT_ORIGIN && !valid_cors_origin(text, why, sizeof why)) {
			snprintf(err, errlen, "%s: %s", where, why);
			return false;
		}
		*(const char **)field = text;
		return true;
	case OPT_UINT: {
		char *end;
		errno = 0;
		unsigned long v = strtoul(text, &end, 10);
		if (*text == '\0' || *text == '-' || *end != '\0' || errno != 0 || v < sp->min ||
		    v > sp->max) {
			snprintf(err, errlen, "%s: '%s' is not a whole number from %lu to %lu", where,
				 text, sp->min, sp->max);
			return false;
		}
		*(unsigned *)field = (unsigned)v;
		return true;
	}
	case OPT_BOOL:
		if (strcmp(text, "1") == 0 || strcmp(text, "true") == 0 || strcmp(text, "yes") == 0 ||
		    strcmp(text, "on") == 0) {
			*(bool *)field = true;
			return true;
		}
		if (strcmp(text, "0") == 0 || strcmp(text, "false") == 0 || strcmp(text, "no") == 0 ||
		    strcmp(text, "off") == 0) {
			*(bool *)field = false;
			return true;
		}
		snprintf(err, errlen, "%s: '%s' is not a yes/no value (true, false, 1, 0)", where, text);
		return false;
	case OPT_LOG_FORMAT:
		for (int f = 0; f < 3; f++)
			if (strcmp(text, log_formats[f]) == 0) {
				*(enum log_format *)field = (enum log_format)f;
				return true;
			}
		snprintf(err, errlen, "%s: '%s' is not a log format (combined, json, off)", where, text);
		return false;
	}
	return false;
}

void options_usage(FILE *out)
{
	fprintf(out, "usage: articled [OPTION]...\n"
		     "Serves a news article parsed into sections, quotes, figures and media\n"
		     "reactions as a JSON API. Every option may also be set by its environment\n"
		     "variable; flags win.\n\n");
	for (size_t i = 0; i < N_SPECS; i++) {
		const struct option_spec *sp = &specs[i];
		char flag[64];
		if (sp->type == OPT_BOOL && sp->env == NULL)
			snprintf(flag, sizeof flag, "--%s", sp->name);
		else if (sp->type == OPT_BOOL)
			snprintf(flag, sizeof flag, "--%s, --no-%s", sp->name, sp->name);
		else if (sp->short_name)
			snprintf(flag, sizeof flag, "-%c, --%s %s", sp->short_name, sp->name, sp->meta);
		else
			snprintf(flag, sizeof flag, "--%s %s", sp->name, sp->meta);
		if (sp->env == NULL) {
			fprintf(out, "  %-34s %s\n", flag, sp->help);
			continue;
		}
		fprintf(out, "  %-34s %s\n  %-34s [%s%s%s]\n", flag, sp->help, "", sp->env,
			sp->fallback ? "; default " : "", sp->fallback ? sp->fallback : "");
	}
	fprintf(out, "  %-34s %s\n  %-34s %s\n\n", "-h, --help", "print this help and exit",
		"-V, --version", "print the version and exit");
	fprintf(out, "Signals: SIGHUP reloads the data; SIGTERM and SIGINT finish the requests\n"
		     "in flight and exit 0.\n");
}

enum options_result options_parse(struct options *o, int argc, char **argv, FILE *out, char *err,
				  size_t errlen)
{
	memset(o, 0, sizeof *o);
	for (size_t i = 0; i < N_SPECS; i++)
		if (specs[i].fallback && !set_value(o, &specs[i], specs[i].fallback, specs[i].name,
						    err, errlen))
			return OPTIONS_USAGE; /* a defect of the table above */
	for (size_t i = 0; i < N_SPECS; i++) {
		const char *v = specs[i].env ? getenv(specs[i].env) : NULL;
		if (v != NULL && !set_value(o, &specs[i], v, specs[i].env, err, errlen))
			return OPTIONS_USAGE;
	}
	struct option longopts[2 * N_SPECS + 3];
	char shortopts[2 * N_SPECS + 8];
	size_t n = 0, s = 0;
	shortopts[s++] = ':'; /* report a missing value as ':' */
	for (size_t i = 0; i < N_SPECS; i++) {
		bool has_arg = specs[i].type != OPT_BOOL;
		longopts[n++] = (struct option){specs[i].name, has_arg ? required_argument : no_argument,
						NULL, specs[i].short_name ? specs[i].short_name : (int)i};
		if (specs[i].type == OPT_BOOL) {
			static char no_names[N_SPECS][48];
			snprintf(no_names[i], sizeof no_names[i], "no-%s", specs[i].name);
			longopts[n++] = (struct option){no_names[i], no_argument, NULL,
							OPT_NO_BASE + (int)i};
		}
		if (specs[i].short_name) {
			shortopts[s++] = specs[i].short_name;
			shortopts[s++] = ':';
		}
	}
	longopts[n++] = (struct option){"help", no_argument, NULL, OPT_HELP};
	longopts[n++] = (struct option){"version", no_argument, NULL, OPT_VERSION};
	longopts[n] = (struct option){0};
	memcpy(shortopts + s, "hV", 3);
	opterr = 0;
	optind = 1;
	int c, index;
	while ((c = getopt_long(argc, argv, shortopts, longopts, &index)) != -1) {
		if (c == OPT_HELP || c == 'h') {
			options_usage(out);
			return OPTIONS_EXIT_OK;
		}
		if (c == OPT_VERSION || c == 'V') {
			fprintf(out, "articled %s\n", ARTICLED_VERSION);
			return OPTIONS_EXIT_OK;
		}
		if (c == '?' || c == ':') {
			const char *arg = argv[optind - 1];
			snprintf(err, errlen, c == ':' ? "%s: needs a value" : "unknown option '%s'",
				 arg ? arg : "?");
			return OPTIONS_USAGE;
		}
		const struct option_spec *sp = NULL;
		bool negated = false;
		if (c >= OPT_NO_BASE) {
			sp = &specs[c - OPT_NO_BASE];
			negated = true;
		} else {
			for (size_t i = 0; i < N_SPECS && sp == NULL; i++)
				if ((specs[i].short_name && c == specs[i].short_name) ||
				    (!specs[i].short_name && c == (int)i))
					sp = &specs[i];
		}
		if (sp == NULL) {
			snprintf(err, errlen, "unknown option");
			return OPTIONS_USAGE;
		}
		char where[64];
		snprintf(where, sizeof where, "--%s", sp->name);
		const char *value = sp->type == OPT_BOOL ? (negated ? "false" : "true") : optarg;
		if (!set_value(o, sp, value, where, err, errlen))
			return OPTIONS_USAGE;
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s' (did you mean --data %s?)", argv[optind],
			 argv[optind]);
		return OPTIONS_USAGE;
	}
	if (o->cors_origin && strcmp(o->cors_origin, "none") == 0)
		o->cors_origin = NULL;
	return OPTIONS_OK;
}
