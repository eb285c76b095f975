/* ready_responses.h - for every whole representation of a catalog (its
 * own answers and the default article's: catalog.h), the libmicrohttpd
 * responses that send it: 200 and 304, plain and gzip, each with all its
 * headers, made once. Serving a prebuilt answer is then a
 * lookup and MHD_queue_response: no allocation, serialization or copying
 * per request. libmicrohttpd counts references to its responses, so every
 * serving thread may queue them; they live as long as the catalog.
 */
#ifndef ARTICLED_READY_RESPONSES_H
#define ARTICLED_READY_RESPONSES_H

#include "../served/catalog.h"
#include "response_headers.h"

struct MHD_Response;

struct ready_response {
	struct MHD_Response *ok, *not_modified; /* NULL where the encoding has no body */
};

struct ready_responses {
	struct ready_response (*v)[ENC_COUNT]; /* by the representation's slot */
	size_t n;
};

/* Makes them for every representation of c. Returns 0, or -1 when out of
 * memory (having freed what it made). */
int ready_responses_build(struct ready_responses *rr, const struct catalog *c,
			  const struct http_config *http);

/* The responses of r in encoding enc; NULL when r is not a whole one
 * (respond.c makes its responses then, kept in the loop's answer cache). */
const struct ready_response *ready_response_of(const struct ready_responses *rr,
					       const struct representation *r, enum encoding enc);

/* Destroys them. Zeroed is a no-op. */
void ready_responses_free(struct ready_responses *rr);

#endif
