/* datafile.c - see datafile.h.
 *
 * An entry that is no link is opened with O_NOFOLLOW (if it became a
 * link since we looked, that fails rather than follows). A link is
 * resolved with realpath(3); if its final target is inside the directory,
 * the part of the target below the directory is opened relative to the
 * directory with openat2(2), RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS: a
 * link swapped into that path between the two calls fails the open
 * instead of leading out. Where openat2 is missing (kernels before 5.6,
 * some container seccomp profiles) the open is an openat with O_NOFOLLOW,
 * which guards the last component only. Either way the target is never
 * named in a message: it may be the very file the link was meant to show. */
#include "datafile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../parser/textfile.h"

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
	if (err == EXDEV || (link && err == ELOOP))
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

/* Opens rel, a path below dirfd without links, refusing any link in it. */
static int open_beneath(int dirfd, const char *rel)
{
	struct open_how how = {.flags = OPEN_FLAGS,
			       .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS};
	int fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof how);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		fd = openat(dirfd, rel, OPEN_FLAGS | O_NOFOLLOW);
	return fd;
}

int datafile_open(int dirfd, const char *dir, const char *name, char *why, size_t whylen)
{
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return open_failed(errno, false, why, whylen);
	if (!S_ISLNK(st.st_mode)) {
		/* Refused by its type before it is opened: opening some devices
		 * does something. */
		const char *kind = textfile_kind_of(st.st_mode);
		if (kind != NULL)
			return fail(why, whylen, kind);
		int fd = openat(dirfd, name, OPEN_FLAGS | O_NOFOLLOW);
		return fd < 0 ? open_failed(errno, false, why, whylen) : regular(fd, why, whylen);
	}
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
	/* The target's path below the directory ("." for the directory itself). */
	const char *below = target[rl] == '\0' || target[rl + 1] == '\0' ? "." : target + rl + 1;
	int fd = open_beneath(dirfd, below);
	return fd < 0 ? open_failed(errno, true, why, whylen) : regular(fd, why, whylen);
}
