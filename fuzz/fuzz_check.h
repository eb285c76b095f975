/* fuzz_check.h - the invariant check the fuzz harnesses share. */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

/* CHECK(cond, fmt, ...): when cond is false, says which invariant broke
 * and why, then abort()s so that libFuzzer keeps the input as a crash. */
#define CHECK(cond, ...)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s: invariant broken: %s: ", FUZZ_HARNESS, #cond);  \
			fprintf(stderr, __VA_ARGS__);                                      \
			fputc('\n', stderr);                                               \
			abort();                                                           \
		}                                                                          \
	} while (0)

#endif
