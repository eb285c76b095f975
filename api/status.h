/* status.h - every HTTP status the service sends or counts, in one table:
 * its code, its reason phrase and the title of its problem+json body.
 * Responses, errors and the metrics all read it; a status not in it
 * counts as "other" in /metrics.
 */
#ifndef ARTICLED_STATUS_H
#define ARTICLED_STATUS_H

#include <stddef.h>

/* X(code, NAME, reason phrase, problem title). With "type": "about:blank"
 * RFC 9457 asks the title to be the reason phrase, which is why the two
 * agree; a status with a problem type of its own would title it here. */
#define HTTP_STATUSES(X)                                                                  \
	X(200, OK, "OK", "OK")                                                              \
	X(204, NO_CONTENT, "No Content", "No Content")                                      \
	X(304, NOT_MODIFIED, "Not Modified", "Not Modified")                                \
	X(400, BAD_REQUEST, "Bad Request", "Bad Request")                                   \
	X(404, NOT_FOUND, "Not Found", "Not Found")                                         \
	X(405, METHOD_NOT_ALLOWED, "Method Not Allowed", "Method Not Allowed")              \
	X(406, NOT_ACCEPTABLE, "Not Acceptable", "Not Acceptable")                          \
	X(408, REQUEST_TIMEOUT, "Request Timeout", "Request Timeout")                       \
	X(413, CONTENT_TOO_LARGE, "Content Too Large", "Content Too Large")                 \
	X(414, URI_TOO_LONG, "URI Too Long", "URI Too Long")                                \
	X(415, UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", "Unsupported Media Type")  \
	X(422, UNPROCESSABLE, "Unprocessable Content", "Unprocessable Content")             \
	X(431, HEADER_FIELDS_TOO_LARGE, "Request Header Fields Too Large",                   \
	  "Request Header Fields Too Large")                                                \
	X(500, INTERNAL_ERROR, "Internal Server Error", "Internal Server Error")             \
	X(503, UNAVAILABLE, "Service Unavailable", "Service Unavailable")

enum http_status {
#define STATUS_ENUM(code, name, reason, title) STATUS_##name = code,
	HTTP_STATUSES(STATUS_ENUM)
#undef STATUS_ENUM
};

#define STATUS_ONE(code, name, reason, title) +1
enum { STATUS_COUNT = 0 HTTP_STATUSES(STATUS_ONE) };
#undef STATUS_ONE

struct status_info {
	int code;
	const char *reason;
	const char *title;
};

/* The table, in the order of the codes. */
extern const struct status_info status_table[STATUS_COUNT];

/* The index of code in status_table, or STATUS_COUNT if it is not there. */
size_t status_slot(int code);

/* The reason phrase of code ("Not Found"); "Unknown" if not in the table. */
const char *status_reason(int code);

/* The title of its problem+json body; "Unknown" if not in the table. */
const char *status_title(int code);

#endif
