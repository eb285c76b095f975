/* fuzz_headers.c - libFuzzer harness for the request header parsers of
 * http/request_headers.h and the word search of text/word_search.h.
 *
 * The input is split at NUL bytes into up to 8 fields; a missing field is
 * NULL (the header is absent), as the functions accept:
 *
 *   0 Accept-Encoding                 header_accepts_gzip
 *   1 If-None-Match                   header_etag_matches(1, 2)
 *   2 the ETag to compare with        (a quoted tag, "W/" allowed)
 *   3 Accept                          header_prefers_html
 *   4 Origin                          header_origin_valid
 *   5 Access-Control-Request-Headers  header_list_valid
 *   6 the q of /search                search_terms_parse, then search_text
 *                                     on every paragraph of the built-in
 *                                     article
 *   7 a text to search                search_text on these raw bytes
 *
 * Every header function also runs on the whole input up to its first NUL,
 * so that a single-field input reaches all of them.
 *
 * Invariants (abort() on violation): a valid origin or header list contains
 * only the characters that make it safe to echo; a tag matches itself and its
 * weak form; "*" matches any tag; parsed search terms are 1 to 10 words of
 * 1 to 64 code points; search matches lie in the text, span exactly their
 * term's length, name a parsed term, and agree with search_text's verdict
 * that every term occurs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../http/request_headers.h"
#include "../parser/article_parse.h"
#include "../parser/tables.h"
#include "../text/textfile.h"
#include "../text/utf8.h"
#include "../text/word_search.h"

#define FUZZ_HARNESS "fuzz_headers"
#include "fuzz_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FIELDS = 8, MAX_MATCHES = 64 };

static struct tables tables;
static struct article *article;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[512];
	size_t len = 0;
	struct textfile tf;
	const char *text;
	if (tables_load(&tables, NULL, err, sizeof err) != 0 ||
	    (text = tables_builtin("article", &len)) == NULL ||
	    textfile_from_buffer(&tf, "article.txt", text, len, err, sizeof err) != 0) {
		fprintf(stderr, "fuzz_headers: cannot load the built-in article: %s\n", err);
		abort();
	}
	article = article_parse(tf.text, tf.len, "article", &tables, err, sizeof err);
	textfile_free(&tf);
	if (article == NULL) {
		fprintf(stderr, "fuzz_headers: cannot parse the built-in article: %s\n", err);
		abort();
	}
	return 0;
}

static bool only_chars(const char *s, const char *allowed)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      strchr(allowed, *s) != NULL))
			return false;
	return true;
}

static void check_headers(const char *accept_encoding, const char *inm, const char *etag,
			  const char *accept, const char *origin, const char *list)
{
	(void)header_accepts_gzip(accept_encoding);
	(void)header_etag_matches(inm, etag);
	(void)header_prefers_html(accept);
	if (header_origin_valid(origin))
		CHECK(strlen(origin) <= 256 && only_chars(origin, ":/.-_[]"),
		      "origin '%s' accepted", origin);
	if (header_list_valid(list))
		CHECK(strlen(list) <= 512 && only_chars(list, "-_, "), "header list '%s' accepted",
		      list);
	if (etag != NULL && *etag != '\0') {
		CHECK(header_etag_matches("*", etag), "'*' does not match '%s'", etag);
		/* A tag matches itself, unless the list syntax splits or trims it. */
		size_t el = strlen(etag);
		bool plain = strchr(etag, ',') == NULL && etag[0] != ' ' && etag[0] != '\t' &&
			     etag[el - 1] != ' ' && etag[el - 1] != '\t';
		if (plain) {
			CHECK(header_etag_matches(etag, etag), "'%s' does not match itself", etag);
			if (strncmp(etag, "W/", 2) != 0) {
				char weak[600];
				if (el + 3 <= sizeof weak) {
					snprintf(weak, sizeof weak, "W/%s", etag);
					CHECK(header_etag_matches(weak, etag),
					      "'%s' does not match '%s'", weak, etag);
				}
			}
		}
	}
}

static void check_matches(const struct search_terms *t, const char *text, size_t len,
			  const struct search_match *m, size_t n, bool all)
{
	CHECK(n <= MAX_MATCHES, "%zu matches", n);
	size_t cps = 0;
	for (size_t i = 0; i < len;) {
		size_t step;
		(void)utf8_decode(text + i, len - i, &step);
		i += step;
		cps++;
	}
	bool found[SEARCH_MAX_TERMS] = {false};
	for (size_t i = 0; i < n; i++) {
		CHECK(m[i].term < t->n, "match %zu: term %zu of %zu", i, m[i].term, t->n);
		CHECK(m[i].start < m[i].end && m[i].end <= cps,
		      "match %zu: [%zu, %zu) in a text of %zu code points", i, m[i].start,
		      m[i].end, cps);
		CHECK(m[i].end - m[i].start == t->len[m[i].term], "match %zu: %zu code points for a "
								  "term of %zu",
		      i, m[i].end - m[i].start, t->len[m[i].term]);
		found[m[i].term] = true;
	}
	/* Every term found implies all is true, when no match was dropped. */
	if (n < MAX_MATCHES) {
		bool every = true;
		for (size_t k = 0; k < t->n; k++)
			every = every && found[k];
		CHECK(every == all, "search_text says %d, matches say %d", all, every);
	}
}

static void check_search(const char *q, const char *haystack)
{
	struct search_terms t;
	char err[128];
	err[0] = '\0';
	if (search_terms_parse(&t, q, err, sizeof err) != 0) {
		CHECK(err[0] != '\0' && memchr(err, '\0', sizeof err) != NULL,
		      "refused without a reason");
		return;
	}
	CHECK(t.n >= 1 && t.n <= SEARCH_MAX_TERMS, "%zu terms", t.n);
	for (size_t k = 0; k < t.n; k++) {
		CHECK(t.len[k] >= 1 && t.len[k] <= SEARCH_MAX_TERM, "term %zu: %zu code points", k,
		      t.len[k]);
		CHECK(t.text[k] >= t.buf && t.text[k] < t.buf + sizeof t.buf, "term %zu", k);
		CHECK(strlen(t.text[k]) > 0, "term %zu is empty", k);
	}
	struct search_match m[MAX_MATCHES];
	size_t n;
	for (size_t s = 0; s < article->n_sections; s++)
		for (size_t p = 0; p < article->sections[s].n_paragraphs; p++) {
			const struct paragraph *para = &article->sections[s].paragraphs[p];
			bool all = search_text(&t, para->text, para->len, m, MAX_MATCHES, &n);
			check_matches(&t, para->text, para->len, m, n, all);
		}
	if (haystack != NULL) {
		size_t len = strlen(haystack);
		bool all = search_text(&t, haystack, len, m, MAX_MATCHES, &n);
		check_matches(&t, haystack, len, m, n, all);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A NUL-terminated copy, in which the fields are C strings. */
	char *buf = malloc(size + 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	const char *field[FIELDS] = {NULL};
	size_t nf = 0;
	for (size_t i = 0; nf < FIELDS;) {
		field[nf++] = buf + i;
		const char *nul = memchr(buf + i, '\0', size + 1 - i);
		i = (size_t)(nul - buf) + 1;
		if (i > size)
			break;
	}
	/* Each function on the first field alone. */
	check_headers(field[0], field[0], field[0], field[0], field[0], field[0]);
	if (nf > 1)
		check_headers(field[0], field[1], field[2], field[3], field[4], field[5]);
	if (field[6] != NULL)
		check_search(field[6], field[7]);
	else
		check_search(field[0], NULL);
	free(buf);
	return 0;
}
