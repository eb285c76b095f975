/* request_headers.h - the request headers the service reads itself, parsed by pure
 * functions (no libmicrohttpd), so that they can be fuzzed alone. Each
 * accepts NULL (header absent) and any bytes. */
#ifndef ARTICLED_REQUEST_HEADERS_H
#define ARTICLED_REQUEST_HEADERS_H

#include <stdbool.h>

/* Accept-Encoding: does the client take gzip? "gzip", "gzip;q=0.5",
 * "*" count; "gzip;q=0" and "identity" do not. */
bool header_accepts_gzip(const char *accept_encoding);

/* If-None-Match: does it match etag (quoted)? "*" matches anything; a list
 * is searched; W/ prefixes compare weakly, as RFC 9110 asks for this header. */
bool header_etag_matches(const char *if_none_match, const char *etag);

/* Accept: does the client prefer text/html to JSON (a browser)? */
bool header_prefers_html(const char *accept);

/* Accept: the representation of a list it prefers (enum list_format):
 * CSV or NDJSON when it ranks text/csv or application/x-ndjson above
 * JSON, else JSON. */
int header_list_format(const char *accept);

/* Content-Type: text/plain, with no charset, or charset utf-8 (or its
 * subset us-ascii), in any case. */
bool header_is_plain_utf8(const char *content_type);

/* Origin: a serialized origin ("https://example.org:8443")? Rejects
 * anything with characters no origin has, so it can be echoed safely. */
bool header_origin_valid(const char *origin);

/* Access-Control-Request-Headers: a comma-separated list of header names
 * (token characters only), safe to echo in Access-Control-Allow-Headers. */
bool header_list_valid(const char *list);

#endif
