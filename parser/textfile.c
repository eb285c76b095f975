/* textfile.c - see textfile.h. */
#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"

size_t textfile_normalize(char *t, size_t len)
{
	size_t i = 0, o = 0;
	if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < len; i++) {
		char c = t[i];
		if (c == '\r') {
			if (i + 1 < len && t[i + 1] == '\n')
				continue;
			c = '\n';
		} else if (c == '\t') {
			c = ' ';
		} else if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xA0) {
			i++; /* U+00A0 NO-BREAK SPACE */
			c = ' ';
		}
		if (c == '\n')
			while (o > 0 && t[o - 1] == ' ')
				o--;
		t[o++] = c;
	}
	while (o > 0 && t[o - 1] == ' ')
		o--;
	t[o] = '\0';
	return o;
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

int textfile_from_buffer(struct textfile *tf, const char *name, const char *buf, size_t len,
			 char *err, size_t errlen)
{
	memset(tf, 0, sizeof *tf);
	if (len > TEXTFILE_MAX_BYTES) {
		snprintf(err, errlen, "%s: too large (%zu bytes; the limit is %u)", name, len,
			 TEXTFILE_MAX_BYTES);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ||
		    c == 0x7F) {
			size_t line, col;
			where_in_text(buf, i, &line, &col);
			snprintf(err, errlen,
				 "%s: binary data, not text (control byte 0x%02X at line %zu, column %zu)",
				 name, c, line, col);
			return -1;
		}
	}
	size_t bad = utf8_invalid_at(buf, len);
	if (bad != (size_t)-1) {
		size_t line, col;
		where_in_text(buf, bad, &line, &col);
		snprintf(err, errlen,
			 "%s: not UTF-8 text (invalid byte 0x%02X at line %zu, column %zu); "
			 "convert it with iconv -t UTF-8",
			 name, (unsigned char)buf[bad], line, col);
		return -1;
	}
	tf->text = malloc(len + 1);
	if (tf->text == NULL) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	memcpy(tf->text, buf, len);
	tf->len = textfile_normalize(tf->text, len);
	size_t visible = 0;
	for (size_t i = 0; i < tf->len; i++)
		if (tf->text[i] != ' ' && tf->text[i] != '\n' && tf->text[i] != '\f')
			visible++;
	if (visible == 0) {
		snprintf(err, errlen, "%s: empty (no text to parse)", name);
		textfile_free(tf);
		return -1;
	}
	return 0;
}

int textfile_read(struct textfile *tf, const char *path, char *err, size_t errlen)
{
	memset(tf, 0, sizeof *tf);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tf->missing = errno == ENOENT;
		snprintf(err, errlen, "%s: %s", path,
			 errno == ENOENT ? "no such file" : strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a directory, not a file", path);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > TEXTFILE_MAX_BYTES) {
		snprintf(err, errlen, "%s: too large (%lld bytes; the limit is %u)", path,
			 (long long)st.st_size, TEXTFILE_MAX_BYTES);
		close(fd);
		return -1;
	}
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = malloc(cap);
	if (buf == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		close(fd);
		return -1;
	}
	for (;;) {
		if (len == cap) { /* the file grew while we read it */
			snprintf(err, errlen, "%s: changed while being read", path);
			free(buf);
			close(fd);
			return -1;
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	int rc = textfile_from_buffer(tf, path, buf, len, err, errlen);
	free(buf);
	return rc;
}

void textfile_free(struct textfile *tf)
{
	if (tf == NULL)
		return;
	free(tf->text);
	tf->text = NULL;
	tf->len = 0;
}
