/* request_headers.c - see request_headers.h. */
#include "request_headers.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../served/list_envelope.h"

/* The q value of one list element ("gzip;q=0.5" -> 0.5), 1 if absent. */
static double qvalue(const char *params, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (params[i] != ';')
			continue;
		size_t j = i + 1;
		while (j < len && params[j] == ' ')
			j++;
		if (j + 1 < len && (params[j] == 'q' || params[j] == 'Q') && params[j + 1] == '=') {
			double q = 0;
			j += 2;
			if (j < len && params[j] == '1')
				return 1.0;
			if (j < len && params[j] == '0') {
				j++;
				if (j < len && params[j] == '.') {
					double scale = 0.1;
					for (j++; j < len && isdigit((unsigned char)params[j]); j++, scale /= 10)
						q += (params[j] - '0') * scale;
				}
				return q;
			}
			return 0; /* malformed: treat as refused */
		}
	}
	return 1.0;
}

/* Calls fn on each comma-separated element, trimmed; stops when it returns true. */
static bool each_element(const char *list, bool (*fn)(const char *s, size_t len, void *ctx),
			 void *ctx)
{
	const char *p = list;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		const char *e = p;
		while (*e && *e != ',')
			e++;
		size_t len = (size_t)(e - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len > 0 && fn(p, len, ctx))
			return true;
		p = e;
	}
	return false;
}

struct coding_ctx {
	double gzip, star;
	bool gzip_seen, star_seen;
};

static bool coding_element(const char *s, size_t len, void *ctx)
{
	struct coding_ctx *c = ctx;
	size_t name = 0;
	while (name < len && s[name] != ';' && s[name] != ' ')
		name++;
	double q = qvalue(s + name, len - name);
	if ((name == 4 && strncasecmp(s, "gzip", 4) == 0) ||
	    (name == 6 && strncasecmp(s, "x-gzip", 6) == 0)) {
		c->gzip = q;
		c->gzip_seen = true;
	} else if (name == 1 && s[0] == '*') {
		c->star = q;
		c->star_seen = true;
	}
	return false;
}

bool header_accepts_gzip(const char *accept_encoding)
{
	if (accept_encoding == NULL)
		return false;
	struct coding_ctx c = {0};
	each_element(accept_encoding, coding_element, &c);
	if (c.gzip_seen)
		return c.gzip > 0;
	return c.star_seen && c.star > 0;
}

/* Compares two entity tags weakly: the opaque quoted parts are equal. */
static bool etag_element(const char *s, size_t len, void *ctx)
{
	const char *etag = ctx;
	if (len == 1 && s[0] == '*')
		return true;
	if (len >= 2 && s[0] == 'W' && s[1] == '/') {
		s += 2;
		len -= 2;
	}
	size_t el = strlen(etag);
	if (el >= 2 && etag[0] == 'W' && etag[1] == '/') {
		etag += 2;
		el -= 2;
	}
	return len == el && memcmp(s, etag, len) == 0;
}

bool header_etag_matches(const char *if_none_match, const char *etag)
{
	if (if_none_match == NULL || etag == NULL || *etag == '\0')
		return false;
	return each_element(if_none_match, etag_element, (void *)etag);
}

struct accept_ctx {
	double html, json, csv, ndjson;
};

static bool accept_element(const char *s, size_t len, void *ctx)
{
	struct accept_ctx *a = ctx;
	size_t name = 0;
	while (name < len && s[name] != ';' && s[name] != ' ')
		name++;
	double q = qvalue(s + name, len - name);
	if ((name == 9 && strncasecmp(s, "text/html", 9) == 0) ||
	    (name == 21 && strncasecmp(s, "application/xhtml+xml", 21) == 0)) {
		if (q > a->html)
			a->html = q;
	} else if (name == 16 && strncasecmp(s, "application/json", 16) == 0) {
		if (q > a->json)
			a->json = q;
	} else if (name == 8 && strncasecmp(s, "text/csv", 8) == 0) {
		if (q > a->csv)
			a->csv = q;
	} else if ((name == 20 && strncasecmp(s, "application/x-ndjson", 20) == 0) ||
		   (name == 18 && strncasecmp(s, "application/ndjson", 18) == 0)) {
		if (q > a->ndjson)
			a->ndjson = q;
	}
	return false;
}

bool header_prefers_html(const char *accept)
{
	if (accept == NULL)
		return false;
	struct accept_ctx a = {0, 0, 0, 0};
	each_element(accept, accept_element, &a);
	return a.html > 0 && a.html >= a.json;
}

int header_list_format(const char *accept)
{
	if (accept == NULL)
		return LIST_JSON;
	struct accept_ctx a = {0, 0, 0, 0};
	each_element(accept, accept_element, &a);
	/* JSON unless another is preferred outright: a wildcard, or a tie, is JSON. */
	if (a.csv > 0 && a.csv > a.json && a.csv >= a.ndjson)
		return LIST_CSV;
	if (a.ndjson > 0 && a.ndjson > a.json && a.ndjson > a.csv)
		return LIST_NDJSON;
	return LIST_JSON;
}

bool header_is_plain_utf8(const char *type)
{
	if (type == NULL || strncasecmp(type, "text/plain", 10) != 0)
		return false;
	const char *p = type + 10;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return true;
	/* Parameters: only charset means anything to a text. */
	while (*p == ';') {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t name = strcspn(p, "=;");
		if (p[name] != '=')
			return false;
		const char *v = p + name + 1;
		size_t vlen = strcspn(v, ";");
		while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
			vlen--;
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
			v++;
			vlen -= 2;
		}
		if (name == 7 && strncasecmp(p, "charset", 7) == 0 &&
		    !((vlen == 5 && strncasecmp(v, "utf-8", 5) == 0) ||
		      (vlen == 4 && strncasecmp(v, "utf8", 4) == 0) ||
		      (vlen == 8 && strncasecmp(v, "us-ascii", 8) == 0)))
			return false;
		p = v + strcspn(v, ";");
	}
	return *p == '\0';
}

bool header_origin_valid(const char *origin)
{
	if (origin == NULL || strlen(origin) > 256)
		return false;
	if (strncmp(origin, "http://", 7) != 0 && strncmp(origin, "https://", 8) != 0)
		return strcmp(origin, "null") == 0;
	for (const char *p = origin; *p; p++)
		if (!(isalnum((unsigned char)*p) || strchr(":/.-_[]", *p)))
			return false;
	return true;
}

bool header_list_valid(const char *list)
{
	if (list == NULL || strlen(list) > 512)
		return false;
	for (const char *p = list; *p; p++)
		if (!(isalnum((unsigned char)*p) || strchr("-_, ", *p)))
			return false;
	return true;
}
