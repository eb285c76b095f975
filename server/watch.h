/* watch.h - notices that the data changed on disk, for --watch: an
 * operator (or a Kubernetes ConfigMap update) replaces the articles and
 * every copy of the service reloads by itself, as on SIGHUP. */
#ifndef ARTICLED_WATCH_H
#define ARTICLED_WATCH_H

#include <stdint.h>

/* A fingerprint of path (a file, or a directory's *.txt files): their
 * identity, size and modification time. 0 if path is NULL or unreadable.
 * Following symbolic links, as a ConfigMap's atomic updates need. */
uint64_t watch_fingerprint(const char *path);

#endif
