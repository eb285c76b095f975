/* problem.h - the body of every error: application/problem+json, as RFC
 * 9457 has it. */
#ifndef ARTICLED_PROBLEM_H
#define ARTICLED_PROBLEM_H

#include <stddef.h>

#define CONTENT_TYPE_PROBLEM "application/problem+json"

/* {"type":"about:blank","title":...,"status":...,"detail":...} with the
 * parameter at fault and the instance (the path) when given (malloc'd,
 * its length in *len; NULL when out of memory). detail and instance may
 * quote what the client sent: bytes that are not UTF-8 become U+FFFD. */
char *problem_json(int status, const char *detail, const char *param, const char *instance,
		   size_t *len);

#endif
