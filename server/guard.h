/* guard.h - checks on a request's head that libmicrohttpd 0.9.75 lets
 * through, made when the access handler first sees the request (its
 * headers complete, nothing answered yet):
 *
 * - framing that a proxy in front could read differently from us (RFC 9112
 *   sections 3, 5.1 and 6): an HTTP/1.1 request without exactly one Host
 *   (checked here rather than by libmicrohttpd, whose own 400 for it
 *   comes with its header written twice); whitespace in the request
 *   target; a field name that is not a token, such as
 *   "Transfer-Encoding : chunked" (libmicrohttpd keeps it as a header named
 *   "Transfer-Encoding " and so ignores it, and reads the body as the next
 *   request); two different Content-Length values (it takes the first);
 *   Content-Length with Transfer-Encoding (it takes the chunked body and
 *   keeps the connection);
 * - a body on GET, HEAD or OPTIONS: nothing reads it, and a request whose
 *   body never ends would otherwise stay in flight forever;
 * - header fields so large that the answer's own headers no longer fit in
 *   the connection's memory pool, where libmicrohttpd would close the
 *   connection without any response.
 *
 * Every refusal closes the connection: what follows it cannot be trusted
 * to be the next request.
 */
#ifndef ARTICLED_GUARD_H
#define ARTICLED_GUARD_H

#include <stdbool.h>
#include <stddef.h>

struct MHD_Connection;

struct guard_verdict {
	int status;          /* 0: serve the request; else 400 or 431 */
	bool room_to_refuse; /* a refusal's headers still fit in the connection's pool */
	size_t head_bytes;   /* the request line and header fields, as libmicrohttpd counts them */
	char detail[240];    /* why, for the problem+json body */
};

/* GET, HEAD and OPTIONS: the methods served, which take no body. */
bool guard_bodiless(const char *method);

/* Is the request target as sent free of whitespace? libmicrohttpd takes
 * "GET /a b HTTP/1.1" as the target "/a b"; the server learns the target
 * before the headers (libmicrohttpd's URI callback) and refuses it with
 * them. */
bool guard_target_ok(const char *raw_target);

/* Judges the request on conn (method and version as libmicrohttpd gives
 * them) served with pool_size bytes of memory per connection, with a CORS
 * origin of origin_len bytes in every answer (0: no CORS headers). */
void guard_check(struct MHD_Connection *conn, const char *method, const char *version,
		 size_t pool_size, size_t origin_len, struct guard_verdict *v);

#endif
