/* guard.c - see guard.h. */
#include "guard.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

/* What the connection's pool holds once the head is parsed, in
 * libmicrohttpd 0.9.75 (connection.c, memorypool.c): the request line and
 * header lines stay where they were read; each header, cookie and query
 * argument gets a record (struct MHD_HTTP_Header, 56 bytes) from the end
 * of the pool; the Cookie header is copied once more to be cut into
 * cookies. Every allocation is rounded up to 16 bytes. What is left is all
 * the answer's status line and headers may use: if they do not fit,
 * libmicrohttpd closes the connection without a response. */
enum {
	POOL_ALIGN = 16,
	POOL_RECORD = 64,
	/* Bytes of a pipelined next request still in the read buffer (not
	 * known here) and leading empty lines: a margin. */
	POOL_SLACK = 64,
	/* The longest header block of an answer, with "*" as the CORS origin:
	 * 386 bytes measured (gzip /sections); a preflight adds the request
	 * headers it echoes, another origin its length and "Vary: Origin". */
	ANSWER_HEAD = 512,
	/* A refusal: problem+json with Cache-Control and Connection: close
	 * (about 350 bytes). */
	REFUSAL_HEAD = 416,
	VARY_ORIGIN = 16,
};

static size_t aligned(size_t n)
{
	return (n + POOL_ALIGN - 1) / POOL_ALIGN * POOL_ALIGN;
}

/* RFC 9110 section 5.6.2: the characters of a token, which a field name
 * is: !#$%&'*+-.^_`|~, digits and letters. Every byte of every field name
 * of every request is looked up here; bytes from 0x80 are not. */
static const unsigned char tchar[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
	0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, /* 0x20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0x30 */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, /* 0x50 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, /* 0x70 */
};

static bool is_token(const char *s, size_t len)
{
	unsigned char bad = len == 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bad |= (c >> 7) | !tchar[c & 0x7F];
	}
	return !bad;
}

/* Is the field name (len bytes) the lower-case name? For letters, digits
 * and '-', setting bit 0x20 lower-cases without changing the others. */
static bool name_is(const char *key, size_t len, const char *name, size_t name_len)
{
	if (len != name_len)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((key[i] | 0x20) != name[i])
			return false;
	return true;
}

/* strcmp(s, lit) == 0, without a call. */
static bool str_is(const char *s, const char *lit)
{
	while (*s == *lit && *lit != '\0')
		s++, lit++;
	return *s == *lit;
}

/* A Content-Length value: digits only, as RFC 9110 section 8.6 has it. */
static bool parse_length(const char *v, size_t len, uint64_t *out)
{
	uint64_t n = 0;
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9' || n > (UINT64_MAX - 9) / 10)
			return false;
		n = n * 10 + (uint64_t)(v[i] - '0');
	}
	*out = n;
	return true;
}

struct scan {
	struct guard_verdict *v;
	size_t records;
	size_t cookie_len; /* of the first Cookie header, which libmicrohttpd copies */
	size_t preflight_headers; /* Access-Control-Request-Headers, echoed by a preflight */
	unsigned hosts;
	bool has_cookie, has_length, has_te;
	uint64_t length;
};

static enum MHD_Result scan_value(void *cls, enum MHD_ValueKind kind, const char *key,
				  size_t key_size, const char *value, size_t value_size)
{
	struct scan *s = cls;
	s->records++;
	if (kind != MHD_HEADER_KIND || s->v->status != 0)
		return MHD_YES;
	if (!is_token(key, key_size)) {
		s->v->status = 400;
		snprintf(s->v->detail, sizeof s->v->detail,
			 "the header field name '%.60s' is not a token (whitespace before the "
			 "colon?)",
			 key);
		return MHD_YES;
	}
	if (name_is(key, key_size, "content-length", 14)) {
		uint64_t n = 0;
		if (!parse_length(value, value_size, &n)) {
			s->v->status = 400;
			snprintf(s->v->detail, sizeof s->v->detail,
				 "Content-Length '%.40s' is not a number of bytes", value);
		} else if (s->has_length && n != s->length) {
			s->v->status = 400;
			snprintf(s->v->detail, sizeof s->v->detail,
				 "two different Content-Length values (%llu and %llu)",
				 (unsigned long long)s->length, (unsigned long long)n);
		}
		s->has_length = true;
		s->length = n;
	} else if (name_is(key, key_size, "host", 4)) {
		s->hosts++;
	} else if (name_is(key, key_size, "transfer-encoding", 17)) {
		s->has_te = true;
	} else if (name_is(key, key_size, "cookie", 6) && !s->has_cookie) {
		s->has_cookie = true;
		s->cookie_len = value_size;
	} else if (name_is(key, key_size, "access-control-request-headers", 30)) {
		s->preflight_headers += value_size;
	}
	return MHD_YES;
}

bool guard_target_ok(const char *raw_target)
{
	return strpbrk(raw_target, " \t") == NULL;
}

bool guard_bodiless(const char *method)
{
	return str_is(method, MHD_HTTP_METHOD_GET) || str_is(method, MHD_HTTP_METHOD_HEAD) ||
	       str_is(method, MHD_HTTP_METHOD_OPTIONS);
}

void guard_check(struct MHD_Connection *conn, const char *method, const char *version,
		 size_t pool_size, size_t origin_len, struct guard_verdict *v)
{
	v->status = 0;
	v->detail[0] = '\0';
	struct scan s = {.v = v};
	MHD_get_connection_values_n(conn, MHD_HEADER_KIND | MHD_COOKIE_KIND | MHD_GET_ARGUMENT_KIND,
				    scan_value, &s);
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	v->head_bytes = ci ? ci->header_size : pool_size;
	size_t used = aligned(v->head_bytes + POOL_SLACK) + s.records * POOL_RECORD +
		      (s.has_cookie ? aligned(s.cookie_len + 1) : 0);
	size_t origin = origin_len ? origin_len + VARY_ORIGIN : 0;
	size_t room = used < pool_size ? pool_size - used : 0;
	v->room_to_refuse = room >= REFUSAL_HEAD + origin;
	if (v->status != 0)
		return;
	/* RFC 9112 section 3.2: HTTP/1.1 needs one Host, never two. */
	bool http10 = str_is(version, MHD_HTTP_VERSION_1_0);
	if (s.hosts > 1 || (s.hosts == 0 && !http10)) {
		v->status = 400;
		snprintf(v->detail, sizeof v->detail, "%s",
			 s.hosts ? "more than one Host header" : "an HTTP/1.1 request needs a Host header");
		return;
	}
	if (s.has_te && s.has_length) {
		v->status = 400;
		snprintf(v->detail, sizeof v->detail,
			 "Content-Length and Transfer-Encoding together: the length of the body is "
			 "ambiguous");
		return;
	}
	if (guard_bodiless(method) && (s.has_te || (s.has_length && s.length > 0))) {
		v->status = 400;
		snprintf(v->detail, sizeof v->detail, "a %s request takes no body", method);
		return;
	}
	if (room < ANSWER_HEAD + origin + s.preflight_headers) {
		v->status = 431;
		if (s.has_cookie)
			snprintf(v->detail, sizeof v->detail,
				 "the request's header fields (%zu bytes, %zu of them cookies) are too "
				 "large for this server",
				 v->head_bytes, s.cookie_len);
		else
			snprintf(v->detail, sizeof v->detail,
				 "the request's header fields (%zu bytes) are too large for this server",
				 v->head_bytes);
	}
}
