/* rawreply.h - an error answer written straight to a connection's socket,
 * for the cases libmicrohttpd cannot answer itself: a request whose header
 * fields took the connection's whole memory pool (no room is left for the
 * answer's headers), and a request that did not arrive in time (the
 * library only knows idle timeouts). The connection is closed right after.
 */
#ifndef ARTICLED_RAWREPLY_H
#define ARTICLED_RAWREPLY_H

#include <stdbool.h>
#include <stddef.h>

struct http_config;

/* Writes a whole problem+json response with "Connection: close" to fd
 * without blocking (head_only: without the body, for HEAD). Returns true
 * if all of it went into the socket's buffer; *body_bytes is the body's
 * length sent (0 when head_only or on failure). */
bool rawreply_send(int fd, int status, const char *detail, const char *instance,
		   const struct http_config *http, bool head_only, size_t *body_bytes);

#endif
