/* request_key.h - the canonical form of a parsed request, which the answer
 * cache keys on.
 *
 * Two requests get the same key exactly when they ask for the same answer:
 * the same route, article and {id}, and the same effective value of every
 * parameter of the route. So "?kind=direct&limit=05" and
 * "?limit=5&kind=direct" share a key, and "?limit=50" shares one with no
 * limit at all; while any difference in what the handlers read (one byte
 * of a filter, a section, pretty) makes another key. The key is built from
 * the parsed request, never from the target as sent: its length, its
 * order and its escapes do not matter.
 */
#ifndef ARTICLED_REQUEST_KEY_H
#define ARTICLED_REQUEST_KEY_H

#include <stddef.h>

#include "http.h"

/* Writes the key of rq into out (binary; not NUL-terminated) and returns
 * its length, or 0 when it does not fit in cap: such a request is then
 * not cached. */
size_t request_key(const struct request *rq, char *out, size_t cap);

#endif
