/* snapshot.h - the catalog being served, its loading, and its lifetime
 * across reloads.
 *
 * A snapshot is a catalog, the responses made for it, and a reference
 * count. The main thread loads
 * one (at startup, and on SIGHUP) and publishes it; each serving loop picks
 * up the newest between two turns of its event loop and keeps a reference
 * while any request it started on the old one is still being answered. The
 * read path takes no lock: a loop reads only its own snapshot pointer.
 */
#ifndef ARTICLED_SNAPSHOT_H
#define ARTICLED_SNAPSHOT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "../http/ready_responses.h"
#include "../parser/tables.h"
#include "../served/catalog.h"
#include "options.h"

/* Parser tables shared by the snapshots parsed with them: each holds a
 * reference (POST /parse parses with its snapshot's), so that tables a
 * reload replaced live until the last snapshot that uses them goes. */
struct shared_tables {
	struct tables t;
	atomic_uint refs;
};

/* Loads the tables of dir (NULL: the built-in ones) with one reference;
 * NULL with the reason in err. */
struct shared_tables *shared_tables_load(const char *dir, char *err, size_t errlen);
void shared_tables_release(struct shared_tables *st);

struct snapshot {
	struct catalog *catalog;      /* owned; NULL: the first load is in progress */
	struct shared_tables *tables; /* a reference, or NULL: the loader's tables outlive it */
	struct ready_responses ready; /* for the catalog's representations; owned */
	atomic_uint refs;
};

/* The snapshot parses with st from now on (its catalog's tables), and
 * holds a reference to it. */
void snapshot_share_tables(struct snapshot *s, struct shared_tables *st);

/* Reads and parses the articles the options name (one file, a directory,
 * or the built-in article) into a new snapshot with one reference, its
 * responses made with http's headers. On
 * failure returns NULL with a one-line message in err naming the file and
 * the problem. Files of a directory that fail are logged to stderr and
 * skipped, unless o->strict. */
struct snapshot *snapshot_load(const struct options *o, const struct tables *t,
			       const struct http_config *http, unsigned long generation, char *err,
			       size_t errlen);

/* The number of article files (*.txt) the options name: of the directory
 * --data names, 1 for a file or the built-in article. A look at the
 * names only, before the load. */
size_t snapshot_count_files(const struct options *o);

/* A snapshot with no catalog, published while the first generation of
 * `files` article files loads, so that the loops can listen and answer
 * 503 (respond_loading) with that total from their first answer on.
 * NULL when out of memory. */
struct snapshot *snapshot_loading(size_t files);

/* How far the load in progress (or the last one) is: articles read,
 * parsed and prepared, of how many files. For /healthz while the first
 * generation is loading. */
void snapshot_progress(size_t *loaded, size_t *total);

void snapshot_retain(struct snapshot *s);
/* Drops a reference; the last one frees the catalog. NULL is a no-op. */
void snapshot_release(struct snapshot *s);

/* Makes s the snapshot that loops pick up (taking the caller's reference). */
void snapshot_publish(struct snapshot *s);

/* A new reference to the published snapshot. */
struct snapshot *snapshot_acquire(void);

/* How many catalogs have been freed (and their memory given back) so far:
 * a reload waits a moment for the old one to go before it reports. */
unsigned long snapshot_freed(void);

/* Changes whenever a new snapshot is published: cheap to poll. */
unsigned long snapshot_generation(void);

/* Drops the published snapshot (at exit). */
void snapshot_unpublish(void);

#endif
