/* textfile.c - see textfile.h. */
#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bytes.h"
#include "utf8.h"

static size_t normalize(char *t, size_t len, unsigned flags)
{
	size_t i = 0, o = 0;
	if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	/* The tab is one of the bytes looked at unless tabs are kept. */
	const uint64_t tabs = flags & TEXTFILE_KEEP_TABS ? 0 : ~(uint64_t)0;
	while (i < len) {
		/* Eight bytes at a time (most of a text) while none of them is
		 * one that normalizing changes or acts at: CR, LF, the tab, the
		 * first byte of a no-break space. They move down by what was
		 * dropped before them (o <= i: the bytes written over are read). */
		for (uint64_t w; len - i >= 8; i += 8, o += 8) {
			memcpy(&w, t + i, 8);
			if ((bytes_has(w, '\r') | bytes_has(w, '\n') | (bytes_has(w, '\t') & tabs) |
			     bytes_has(w, 0xC2)) != 0)
				break;
			memcpy(t + o, &w, 8);
		}
		if (i >= len)
			break;
		char c = t[i];
		if (c == '\r') {
			if (i + 1 < len && t[i + 1] == '\n') {
				i++;
				continue;
			}
			c = '\n';
		} else if (c == '\t' && !(flags & TEXTFILE_KEEP_TABS)) {
			c = ' ';
		} else if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xA0) {
			i++; /* U+00A0 NO-BREAK SPACE */
			c = ' ';
		}
		if (c == '\n')
			while (o > 0 && t[o - 1] == ' ')
				o--;
		t[o++] = c;
		i++;
	}
	while (o > 0 && t[o - 1] == ' ')
		o--;
	t[o] = '\0';
	return o;
}

size_t textfile_normalize(char *t, size_t len)
{
	return normalize(t, len, 0);
}

static void where_in_text(const char *s, size_t at, size_t *line, size_t *col)
{
	*line = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < at; i++)
		if (s[i] == '\n') {
			(*line)++;
			line_start = i + 1;
		}
	*col = utf8_count(s + line_start, at - line_start) + 1;
}

/* Bytes that make a file binary data, not text: NUL, DEL and the control
 * characters other than the line and page breaks and the tab. */
static bool is_binary_byte(unsigned char c)
{
	const unsigned text_controls = 1u << '\n' | 1u << '\r' | 1u << '\t' | 1u << '\f';
	return c < 0x20 ? !(text_controls >> c & 1) : c == 0x7F;
}

/* What one pass over a text finds of the checks and of normalizing. */
struct text_scan {
	size_t binary;  /* the first byte that makes it binary, or (size_t)-1 */
	size_t invalid; /* the first that begins no UTF-8 sequence, or (size_t)-1 */
	bool changes;   /* whether normalize() would change it */
};

/* The high bit of each byte of w that is not printable ASCII (below the
 * space, or 0x7F and above), and maybe of some after it: none when every
 * byte is one. */
static inline uint64_t not_printable(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	return ((w - 0x20 * ones) | (w + ones)) & highs;
}

/* The checks of text[0..len) and whether it needs normalizing, in one
 * pass: 16 or 8 bytes at a time while they are all printable ASCII (from
 * the space to the tilde), which neither check nor normalize() acts on.
 * The first binary byte is what a text that has one is refused for,
 * whatever comes before it: the scan stops there. */
static struct text_scan scan_text(const char *text, size_t len, unsigned flags)
{
	struct text_scan r = {(size_t)-1, (size_t)-1, false};
	/* A BOM, or spaces at the end, are dropped. */
	r.changes = (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ||
		    (len > 0 && text[len - 1] == ' ');
	for (size_t i = 0; i < len;) {
		uint64_t w, x;
		if (len - i >= 16 && (memcpy(&w, text + i, 8), memcpy(&x, text + i + 8, 8),
				      (not_printable(w) | not_printable(x)) == 0)) {
			i += 16;
			continue;
		}
		if (len - i >= 8 && (memcpy(&w, text + i, 8), not_printable(w) == 0)) {
			i += 8;
			continue;
		}
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x80) {
			size_t n = 1;
			if (r.invalid == (size_t)-1) {
				/* A literal U+FFFD decodes in 3 bytes; an error in 1. */
				uint32_t cp = utf8_decode(text + i, len - i, &n);
				if (cp == 0xFFFD && n == 1)
					r.invalid = i;
				r.changes |= cp == 0xA0; /* a no-break space */
			}
			i += n;
			continue;
		}
		if (is_binary_byte(c)) {
			r.binary = i;
			return r;
		}
		/* What normalize() changes: CR, the tab unless tabs are kept,
		 * the spaces that end a line. */
		r.changes |= c == '\r' || (c == '\t' && !(flags & TEXTFILE_KEEP_TABS)) ||
			     (c == '\n' && i > 0 && text[i - 1] == ' ');
		i++;
	}
	return r;
}

/* The checks and normalization of a text in memory, text[0..len) (room
 * for len + 1 bytes; malloc'd), normalized in place: the textfile takes
 * it, or it is freed. The problem, if any, goes into why without a name
 * (the caller knows what it read). */
static int keep_text(struct textfile *tf, char *text, size_t len, unsigned flags, char *why,
		     size_t whylen)
{
	memset(tf, 0, sizeof *tf);
	struct text_scan scan = scan_text(text, len, flags);
	if (scan.binary != (size_t)-1) {
		size_t line, col;
		where_in_text(text, scan.binary, &line, &col);
		snprintf(why, whylen,
			 "binary data, not text (control byte 0x%02X at line %zu, column %zu)",
			 (unsigned char)text[scan.binary], line, col);
		free(text);
		return -1;
	}
	if (scan.invalid != (size_t)-1) {
		size_t line, col;
		where_in_text(text, scan.invalid, &line, &col);
		snprintf(why, whylen,
			 "not UTF-8 text (invalid byte 0x%02X at line %zu, column %zu); "
			 "convert it with iconv -t UTF-8",
			 (unsigned char)text[scan.invalid], line, col);
		free(text);
		return -1;
	}
	tf->text = text;
	/* Most texts are as normalizing leaves them: no pass to copy them. */
	if (scan.changes) {
		tf->len = normalize(tf->text, len, flags);
	} else {
		tf->len = len;
		tf->text[len] = '\0';
	}
	for (size_t i = 0; i < tf->len; i++)
		if (tf->text[i] != ' ' && tf->text[i] != '\n' && tf->text[i] != '\f' &&
		    tf->text[i] != '\t')
			return 0;
	snprintf(why, whylen, "empty (no text to parse)");
	textfile_free(tf);
	return -1;
}

/* The same for a text the caller keeps. */
static int from_buffer(struct textfile *tf, const char *buf, size_t len, unsigned flags,
		       char *why, size_t whylen)
{
	memset(tf, 0, sizeof *tf);
	if (len > TEXTFILE_MAX_BYTES) {
		snprintf(why, whylen, "too large (%zu bytes; the limit is %u)", len, TEXTFILE_MAX_BYTES);
		return -1;
	}
	char *text = malloc(len + 1);
	if (text == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	memcpy(text, buf, len);
	return keep_text(tf, text, len, flags, why, whylen);
}

int textfile_from_buffer(struct textfile *tf, const char *name, const char *buf, size_t len,
			 char *err, size_t errlen)
{
	char why[256];
	if (from_buffer(tf, buf, len, 0, why, sizeof why) == 0)
		return 0;
	snprintf(err, errlen, "%s: %s", name, why);
	return -1;
}

const char *textfile_kind_of(mode_t mode)
{
	if (S_ISDIR(mode))
		return "is a directory, not a file";
	if (S_ISFIFO(mode))
		return "not a regular file (a FIFO)";
	if (S_ISSOCK(mode))
		return "not a regular file (a socket)";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "not a regular file (a device)";
	return S_ISREG(mode) ? NULL : "not a regular file";
}

int textfile_from_fd(struct textfile *tf, int fd, unsigned flags, char *why, size_t whylen)
{
	memset(tf, 0, sizeof *tf);
	struct stat st;
	if (fstat(fd, &st) != 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		return -1;
	}
	const char *kind = textfile_kind_of(st.st_mode);
	if (kind != NULL) {
		snprintf(why, whylen, "%s", kind);
		return -1;
	}
	if ((unsigned long long)st.st_size > TEXTFILE_MAX_BYTES) {
		snprintf(why, whylen, "too large (%lld bytes; the limit is %u)", (long long)st.st_size,
			 TEXTFILE_MAX_BYTES);
		return -1;
	}
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = malloc(cap);
	if (buf == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (;;) {
		if (len == cap) { /* the file grew while we read it */
			snprintf(why, whylen, "changed while being read");
			free(buf);
			return -1;
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, whylen, "%s", strerror(errno));
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	/* Read into a buffer of the file's size, which the text keeps. */
	return keep_text(tf, buf, len, flags, why, whylen);
}

int textfile_read_as(struct textfile *tf, const char *path, unsigned flags, char *err,
		     size_t errlen)
{
	memset(tf, 0, sizeof *tf);
	/* O_NONBLOCK: opening a FIFO would otherwise wait for a writer (the
	 * type is checked before anything is read). */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		tf->missing = errno == ENOENT;
		snprintf(err, errlen, "%s: %s", path,
			 errno == ENOENT ? "no such file" : strerror(errno));
		return -1;
	}
	char why[256];
	int rc = textfile_from_fd(tf, fd, flags, why, sizeof why);
	close(fd);
	if (rc != 0)
		snprintf(err, errlen, "%s: %s", path, why);
	return rc;
}

int textfile_read(struct textfile *tf, const char *path, char *err, size_t errlen)
{
	return textfile_read_as(tf, path, 0, err, errlen);
}

void textfile_free(struct textfile *tf)
{
	if (tf == NULL)
		return;
	free(tf->text);
	tf->text = NULL;
	tf->len = 0;
}
