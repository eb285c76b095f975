/* datafile.h - opening an article file of the data directory, safely.
 *
 * The data directory is the operator's, but what is in it may not be:
 * a mounted volume, a ConfigMap, files a colleague dropped there. Opening
 * one of its entries
 * - never blocks (a FIFO named *.txt would wait for a writer forever, and
 *   with it the load, every reload and SIGTERM);
 * - reads only regular files (FIFOs, sockets, devices and directories are
 *   refused with the reason, before anything is read);
 * - follows a symbolic link only when its final target lies inside the
 *   directory, as in a Kubernetes ConfigMap mount (article.txt ->
 *   ..data/article.txt, ..data -> ..2026_01_01_00_00_00.123): a link to
 *   /etc/shadow is refused with a message that names the link, never
 *   the target.
 */
#ifndef ARTICLED_DATAFILE_H
#define ARTICLED_DATAFILE_H

#include <stddef.h>

/* Opens name (one component, no '/') of the directory open on dirfd,
 * whose path is dir, for reading (non-blocking: it is a regular file).
 * Links are followed below the directory only, one component at a time. Returns a file descriptor of a regular
 * file, or -1 with the reason in why (no path, no link target: "no such
 * file", "a symbolic link that leads out of the data directory; not
 * followed", "not a regular file (a FIFO)", "Permission denied"). */
int datafile_open(int dirfd, const char *dir, const char *name, char *why, size_t whylen);

#endif
