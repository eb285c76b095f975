/* textfile.h - reads a file that must be UTF-8 text, and says in words what
 * is wrong with it when it is not. */
#ifndef ARTICLED_TEXTFILE_H
#define ARTICLED_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Anything larger is refused: an article is a few KB, a large one a few MB. */
#define TEXTFILE_MAX_BYTES (64u * 1024 * 1024)

struct textfile {
	char *text;   /* owned; NUL-terminated, normalized (see textfile_normalize) */
	size_t len;
	bool missing; /* the file does not exist (as opposed to unreadable) */
};

/* How a text is normalized (textfile_normalize): flags of the _as and
 * _fd readers. */
enum {
	TEXTFILE_KEEP_TABS = 1, /* tab-separated tables: tabs are columns */
};

/* Reads path. On error returns -1 and writes "PATH: problem" into err:
 * missing, unreadable, a directory or other non-regular file (a FIFO is
 * never waited on), empty, too large, binary, not UTF-8 (with line and
 * column). */
int textfile_read(struct textfile *tf, const char *path, char *err, size_t errlen);

/* The same, normalized as flags say. */
int textfile_read_as(struct textfile *tf, const char *path, unsigned flags, char *err,
		     size_t errlen);

/* Reads the file open on fd (the caller opened it, and closes it) with
 * the same checks; the problem goes into why without any name or path,
 * so that the caller says where in its own words. */
int textfile_from_fd(struct textfile *tf, int fd, unsigned flags, char *why, size_t whylen);

/* Same checks on a buffer already in memory; err gets "NAME: problem". */
int textfile_from_buffer(struct textfile *tf, const char *name, const char *buf, size_t len,
			 char *err, size_t errlen);

/* Why a file of this type (st_mode) is not an article: "is a directory,
 * not a file", "not a regular file (a FIFO)"; NULL for a regular file. */
const char *textfile_kind_of(mode_t mode);

/* Normalizes in place and returns the new length: drops a UTF-8 BOM, turns
 * CRLF and lone CR into LF, tabs and no-break spaces into spaces, strips
 * trailing spaces of every line. */
size_t textfile_normalize(char *text, size_t len);

void textfile_free(struct textfile *tf);

#endif
