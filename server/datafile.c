/* datafile.c - see datafile.h.
 *
 * A name is walked one component at a time below the directory (as
 * openat2's RESOLVE_BENEATH would, which valgrind and some seccomp
 * filters do not know): each directory passed is held open, a link is
 * read and its relative target walked in its place, and the last
 * component is checked by type, then opened with O_NOFOLLOW. A link that
 * is absolute or climbs above the directory with ".." may still end
 * inside it: realpath(3) says where it ends, and if that is inside, the
 * part below the directory is walked again, so that a link swapped in
 * between the two is judged like any other. The target is never named in
 * a message: it may be the very file the link was meant to show. */
#include "datafile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../text/textfile.h"

static const char LEADS_OUT[] = "a symbolic link that leads out of the data directory; not followed";

/* O_NONBLOCK: a FIFO put in place of a checked file must not block us. */
enum { OPEN_FLAGS = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY };

static int fail(char *why, size_t whylen, const char *reason)
{
	snprintf(why, whylen, "%s", reason);
	return -1;
}

static int open_failed(int err, bool link, char *why, size_t whylen)
{
	if (err == ENOENT)
		return fail(why, whylen, link ? "a symbolic link to nothing (its target does not exist)"
					      : "no such file");
	if (err == EXDEV)
		return fail(why, whylen, LEADS_OUT);
	return fail(why, whylen, strerror(err));
}

/* fd if it is open on a regular file; else closes it and says what it is. */
static int regular(int fd, char *why, size_t whylen)
{
	struct stat st;
	const char *kind = fstat(fd, &st) != 0 ? strerror(errno) : textfile_kind_of(st.st_mode);
	if (kind == NULL)
		return fd;
	close(fd);
	return fail(why, whylen, kind);
}

/* Why a walk stopped: opened, failed (why is filled), or met a link that
 * is absolute or a ".." above the directory, which only the realpath way
 * can judge. */
enum { WALK_FAILED = -1, WALK_LEAVES = -2 };

enum { MAX_LINKS = 40, MAX_DEPTH = 64 };

/* Opens path below the directory open on dirfd, following the links that
 * stay below it, one component at a time: each directory passed is held
 * open (O_PATH, O_NOFOLLOW), so a link swapped into the path behind the
 * walk changes nothing, and one swapped in ahead of it is met as a link
 * and judged as any other. What openat2(RESOLVE_BENEATH) does, without
 * depending on a kernel (or a seccomp filter, or valgrind) that has it. */
static int walk_below(int dirfd, const char *path, char *why, size_t whylen)
{
	char work[PATH_MAX];
	if ((size_t)snprintf(work, sizeof work, "%s", path) >= sizeof work)
		return fail(why, whylen, strerror(ENAMETOOLONG));
	int held[MAX_DEPTH];
	size_t depth = 0;
	int links = 0, rc = WALK_FAILED;
	const char *rest = work;
	for (;;) {
		while (*rest == '/')
			rest++;
		const char *slash = strchr(rest, '/');
		size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
		char name[NAME_MAX + 1];
		if (n > NAME_MAX) {
			fail(why, whylen, strerror(ENAMETOOLONG));
			break;
		}
		memcpy(name, rest, n);
		name[n] = '\0';
		rest += n;
		while (*rest == '/')
			rest++;
		bool last = *rest == '\0';
		int at = depth ? held[depth - 1] : dirfd;
		if (n == 0 || strcmp(name, ".") == 0) {
			if (!last)
				continue;
			snprintf(name, sizeof name, ".");
		} else if (strcmp(name, "..") == 0) {
			if (depth == 0) {
				rc = WALK_LEAVES;
				break;
			}
			close(held[--depth]);
			if (!last)
				continue;
			at = depth ? held[depth - 1] : dirfd;
			snprintf(name, sizeof name, ".");
		}
		struct stat st;
		if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			open_failed(errno, links > 0, why, whylen);
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			char target[PATH_MAX], next[PATH_MAX];
			ssize_t tl = readlinkat(at, name, target, sizeof target - 1);
			if (++links > MAX_LINKS || tl <= 0) {
				open_failed(tl < 0 ? errno : ELOOP, true, why, whylen);
				break;
			}
			target[tl] = '\0';
			if (target[0] == '/') {
				rc = WALK_LEAVES;
				break;
			}
			/* The link's target, then what was left of the path. */
			if ((size_t)snprintf(next, sizeof next, "%s/%s", target, rest) >= sizeof next) {
				fail(why, whylen, strerror(ENAMETOOLONG));
				break;
			}
			memcpy(work, next, strlen(next) + 1);
			rest = work;
			continue;
		}
		if (!last) {
			int fd = openat(at, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0 || depth == MAX_DEPTH) {
				if (fd >= 0)
					close(fd);
				open_failed(fd < 0 ? errno : ELOOP, links > 0, why, whylen);
				break;
			}
			held[depth++] = fd;
			continue;
		}
		/* Refused by its type before it is opened: opening some devices
		 * does something. */
		const char *kind = textfile_kind_of(st.st_mode);
		if (kind != NULL) {
			fail(why, whylen, kind);
			break;
		}
		int fd = openat(at, name, OPEN_FLAGS | O_NOFOLLOW);
		rc = fd < 0 ? open_failed(errno, links > 0, why, whylen) : regular(fd, why, whylen);
		break;
	}
	while (depth > 0)
		close(held[--depth]);
	return rc;
}

int datafile_open(int dirfd, const char *dir, const char *name, char *why, size_t whylen)
{
	int fd = walk_below(dirfd, name, why, whylen);
	if (fd != WALK_LEAVES)
		return fd;
	/* An absolute link, or one through "..": it may still end inside (a
	 * link to /srv/articles/a.txt in /srv/articles). Where it ends is
	 * realpath's answer; the part of it below the directory is then
	 * walked as any path, so a link swapped in meanwhile is judged too. */
	char root[PATH_MAX], path[PATH_MAX], target[PATH_MAX];
	if (realpath(dir, root) == NULL)
		return fail(why, whylen, strerror(errno));
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return fail(why, whylen, strerror(ENAMETOOLONG));
	if (realpath(path, target) == NULL)
		return open_failed(errno, true, why, whylen);
	size_t rl = strcmp(root, "/") == 0 ? 0 : strlen(root);
	if (strncmp(target, root, rl) != 0 || (target[rl] != '/' && target[rl] != '\0'))
		return fail(why, whylen, LEADS_OUT);
	fd = walk_below(dirfd, target[rl] == '\0' ? "." : target + rl + 1, why, whylen);
	return fd == WALK_LEAVES ? fail(why, whylen, LEADS_OUT) : fd;
}
