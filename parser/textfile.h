/* textfile.h - reads a file that must be UTF-8 text, and says in words what
 * is wrong with it when it is not. */
#ifndef ARTICLED_TEXTFILE_H
#define ARTICLED_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Anything larger is refused: an article is a few KB, a large one a few MB. */
#define TEXTFILE_MAX_BYTES (64u * 1024 * 1024)

struct textfile {
	char *text;   /* owned; NUL-terminated, normalized (see textfile_normalize) */
	size_t len;
	bool missing; /* the file does not exist (as opposed to unreadable) */
};

/* Reads path. On error returns -1 and writes "PATH: problem" into err:
 * missing, unreadable, a directory, empty, too large, binary, not UTF-8
 * (with line and column). */
int textfile_read(struct textfile *tf, const char *path, char *err, size_t errlen);

/* Same checks on a buffer already in memory; name is used in messages. */
int textfile_from_buffer(struct textfile *tf, const char *name, const char *buf, size_t len,
			 char *err, size_t errlen);

/* Normalizes in place and returns the new length: drops a UTF-8 BOM, turns
 * CRLF and lone CR into LF, tabs and no-break spaces into spaces, strips
 * trailing spaces of every line. */
size_t textfile_normalize(char *text, size_t len);

void textfile_free(struct textfile *tf);

#endif
