/* word_search.c - see word_search.h. */
#include "word_search.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

int search_terms_parse(struct search_terms *t, const char *q, char *err, size_t errlen)
{
	memset(t->len, 0, sizeof t->len);
	t->n = 0;
	size_t o = 0, qlen = strlen(q);
	for (size_t i = 0; i < qlen;) {
		while (i < qlen && (q[i] == ' ' || q[i] == '\t'))
			i++;
		if (i == qlen)
			break;
		if (t->n == SEARCH_MAX_TERMS) {
			snprintf(err, errlen, "q has more than %d words", SEARCH_MAX_TERMS);
			return -1;
		}
		size_t start = i, k = 0;
		while (i < qlen && q[i] != ' ' && q[i] != '\t') {
			size_t n;
			uint32_t cp = utf8_decode(q + i, qlen - i, &n);
			if (k == SEARCH_MAX_TERM) {
				snprintf(err, errlen, "a word of q is longer than %d characters",
					 SEARCH_MAX_TERM);
				return -1;
			}
			t->cp[t->n][k++] = cp_to_lower(cp);
			i += n;
		}
		memcpy(t->buf + o, q + start, i - start);
		t->buf[o + (i - start)] = '\0';
		t->text[t->n] = t->buf + o;
		o += i - start + 1;
		t->len[t->n++] = k;
	}
	if (t->n == 0) {
		snprintf(err, errlen, "q must contain at least one word");
		return -1;
	}
	return 0;
}

bool search_is_word_cp(uint32_t cp)
{
	return cp_is_letter(cp) || (cp >= '0' && cp <= '9');
}

bool search_text(const struct search_terms *t, const char *text, size_t len,
		 struct search_match *m, size_t max, size_t *n)
{
	bool found[SEARCH_MAX_TERMS] = {false};
	*n = 0;
	uint32_t prev = ' ';
	size_t cp_index = 0;
	for (size_t i = 0; i < len;) {
		size_t step;
		uint32_t cp = cp_to_lower(utf8_decode(text + i, len - i, &step));
		if (!search_is_word_cp(prev) && search_is_word_cp(cp)) {
			for (size_t k = 0; k < t->n; k++) {
				/* Compare the term code point by code point from here. */
				size_t j = i, c = 0;
				while (c < t->len[k] && j < len) {
					size_t s;
					uint32_t x = cp_to_lower(utf8_decode(text + j, len - j, &s));
					if (x != t->cp[k][c])
						break;
					j += s;
					c++;
				}
				if (c == t->len[k]) {
					found[k] = true;
					if (*n < max)
						m[(*n)++] = (struct search_match){cp_index, cp_index + c, k};
				}
			}
		}
		prev = cp;
		i += step;
		cp_index++;
	}
	for (size_t k = 0; k < t->n; k++)
		if (!found[k])
			return false;
	return true;
}
