/* probe.h - articled --health-check: asks a running articled for /healthz,
 * so that a container's HEALTHCHECK needs no curl in the image. */
#ifndef ARTICLED_PROBE_H
#define ARTICLED_PROBE_H

#include "options.h"

/* Returns 0 if the server at o->host (the loopback address when it listens
 * on all addresses) and o->port answers /healthz with 200; else 1, with a
 * one-line reason on stderr. Gives up after 3 seconds. */
int probe_health(const struct options *o);

#endif
