/* check_textfile.c - the reading of a text file against a reference that
 * checks and normalizes it the plain way, one pass for each thing: the
 * first binary byte anywhere (which a text is refused for first), then
 * the first byte that is not UTF-8, then textfile_normalize. The reader
 * does it all in one pass, and leaves a text that needs no normalizing
 * as it is: the same text, length and message for every input, from
 * pieces that each check or normalizing acts on, at every place. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/textfile.h"
#include "../text/utf8.h"
#include "harness.h"

/* Line and column (in code points) of byte at of s, as messages say. */
static void reference_where(const char *s, size_t at, size_t *line, size_t *col)
{
	size_t start = 0;
	*line = 1;
	for (size_t i = 0; i < at; i++)
		if (s[i] == '\n') {
			++*line;
			start = i + 1;
		}
	*col = 1;
	for (size_t i = start; i < at; i++)
		*col += ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* What reading s[0..n) under the name "t" gives: 0 and the normalized
 * text in *text (malloc'd) and *len, or -1 and the message in err. Tabs
 * are kept when keep_tabs. */
static int reference_read(const char *s, size_t n, bool keep_tabs, char **text, size_t *len,
			  char *err, size_t errlen)
{
	*text = NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool binary = c == 0x7F || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' &&
					    c != '\f');
		if (binary) {
			size_t line, col;
			reference_where(s, i, &line, &col);
			snprintf(err, errlen,
				 "t: binary data, not text (control byte 0x%02X at line %zu, column %zu)",
				 c, line, col);
			return -1;
		}
	}
	size_t bad = utf8_invalid_at(s, n);
	if (bad != (size_t)-1) {
		size_t line, col;
		reference_where(s, bad, &line, &col);
		snprintf(err, errlen,
			 "t: not UTF-8 text (invalid byte 0x%02X at line %zu, column %zu); "
			 "convert it with iconv -t UTF-8",
			 (unsigned char)s[bad], line, col);
		return -1;
	}
	/* Tabs kept: normalize as if each were a byte it leaves alone. */
	char *t = malloc(n + 1);
	ck_assert_ptr_nonnull(t);
	memcpy(t, s, n);
	for (size_t i = 0; keep_tabs && i < n; i++)
		if (t[i] == '\t')
			t[i] = '\x1a';
	*len = textfile_normalize(t, n);
	for (size_t i = 0; keep_tabs && i < *len; i++)
		if (t[i] == '\x1a')
			t[i] = '\t';
	bool blank = true;
	for (size_t i = 0; i < *len; i++)
		blank &= t[i] == ' ' || t[i] == '\n' || t[i] == '\f' || t[i] == '\t';
	if (blank) {
		free(t);
		snprintf(err, errlen, "t: empty (no text to parse)");
		return -1;
	}
	*text = t;
	return 0;
}

static const char *dir;

/* s[0..n) read from a buffer, and when as_file too as a file with its
 * tabs kept: what the reference gives. */
static void same_as_reference(const char *s, size_t n, const char *what, size_t at,
			      bool as_file)
{
	for (int keep_tabs = 0; keep_tabs < 1 + as_file; keep_tabs++) {
		char *want = NULL, want_err[512] = "", err[512] = "";
		size_t want_len = 0;
		int want_rc = reference_read(s, n, keep_tabs, &want, &want_len, want_err,
					     sizeof want_err);
		struct textfile tf;
		int rc;
		if (keep_tabs) {
			const char *path = write_file(dir, "t", s, n);
			char full[512];
			rc = textfile_read_as(&tf, path, TEXTFILE_KEEP_TABS, full, sizeof full);
			/* The message names the path ("PATH: why"): as the name t. */
			if (rc != 0)
				snprintf(err, sizeof err, "t: %s", full + strlen(path) + 2);
		} else {
			rc = textfile_from_buffer(&tf, "t", s, n, err, sizeof err);
		}
		expect_msg(rc == want_rc, "%s at %zu (tabs %s): %d, want %d (%s)", what, at,
			      keep_tabs ? "kept" : "spaced", rc, want_rc, rc ? err : want_err);
		if (rc != 0) {
			expect_msg(strcmp(err, want_err) == 0, "%s at %zu: \"%s\", want \"%s\"",
				      what, at, err, want_err);
		} else {
			expect_msg(tf.len == want_len && memcmp(tf.text, want, want_len) == 0 &&
					      tf.text[tf.len] == '\0',
				      "%s at %zu (tabs %s): text differs", what, at,
				      keep_tabs ? "kept" : "spaced");
			textfile_free(&tf);
		}
		free(want);
	}
}

/* What each check or normalizing acts on, and what it does not. */
static const char *const pieces[] = {
	"a", " ", "  ", "\n", " \n", "\r", "\r\n", " \r\n", "\t", " \t\n", "\f", "\xC2\xA0",
	"\xC2\xA0\n", "\xC2\xA9", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\xEF\xBB\xBF",
	"\xEF\xBF\xBD", "\x01", "\x1f", "\x7f", "\x00", "\x80", "\xC2", "\xC0\xAF", "\xED\xA0\x80",
	"\xFF", "~",
};
enum { N_PIECES = sizeof pieces / sizeof pieces[0] };

static size_t piece_len(size_t k)
{
	return pieces[k][0] == '\0' ? 1 : strlen(pieces[k]);
}

START_TEST(reading_checks_and_normalizes_as_the_reference_does)
{
	dir = tmpdir_make();
	char text[256];
	/* Each piece at every place of plain text up to 40 bytes long (the
	 * 8-byte steps meet it everywhere), and at its start and end. */
	for (size_t k = 0; k < N_PIECES; k++) {
		size_t n = piece_len(k);
		same_as_reference(pieces[k], n, pieces[k], 0, true);
		for (size_t len = n; len <= 40; len += 3)
			for (size_t at = 0; at + n <= len; at++) {
				memset(text, 'w', len);
				memcpy(text + at, pieces[k], n);
				/* As a file at each place of one length (a file each). */
				same_as_reference(text, len, pieces[k], at, len == n + 21);
			}
	}
	/* Two pieces: which of two faults comes first, and is reported. */
	for (size_t j = 0; j < N_PIECES; j++)
		for (size_t k = 0; k < N_PIECES; k++) {
			size_t nj = piece_len(j), nk = piece_len(k);
			memset(text, 'x', 30);
			memcpy(text + 3, pieces[j], nj);
			memcpy(text + 17, pieces[k], nk);
			same_as_reference(text, 30, "two pieces", j * N_PIECES + k, j % 5 == 0);
		}
	/* Random texts of pieces and plain words. */
	srand(4217);
	for (int t = 0; t < 3000; t++) {
		size_t len = 0, want = (size_t)rand() % 200;
		while (len < want) {
			size_t k = (size_t)rand() % N_PIECES, n = piece_len(k);
			/* Mostly valid text, so that normalizing is reached. */
			if (k >= 19 && rand() % 10 != 0)
				k = 0, n = 1;
			if (len + n > want)
				break;
			memcpy(text + len, pieces[k], n);
			len += n;
		}
		same_as_reference(text, len, "random", (size_t)t, t % 10 == 0);
	}
	tmpdir_remove(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("textfile");
	TCase *tc = tcase_create("textfile");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, reading_checks_and_normalizes_as_the_reference_does);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
