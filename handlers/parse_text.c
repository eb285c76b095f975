/* parse_text.c - POST /parse: an article's text in the body (text/plain,
 * UTF-8, as the files are written), the whole model out, as loading the
 * text from a file would serve it. The HTTP layer has checked the media
 * type and the size (415, 413) before the body was read; what is wrong
 * with the text is said in the loader's words: an empty, binary or
 * non-UTF-8 body is a 400 with its line and column, a text that is no
 * article a 422. */
#include <stdio.h>
#include <string.h>

#include "../api/status.h"
#include "../parser/article_parse.h"
#include "../served/article_document.h"
#include "../text/slug.h"
#include "../text/textfile.h"
#include "resources.h"

/* The name a text is known by when the request gives none. */
static const char DEFAULT_NAME[] = "article.txt";

const struct param_spec params_parse[] = {
	{.name = "name", .type = PARAM_TEXT, .field = QUERY_FIELD(name)},
	PARAM_PRETTY,
	PARAM_END,
};

static int failed(struct reply *rp, int status, const char *err)
{
	/* Running out of memory is no fault of the text. */
	if (strstr(err, "out of memory") != NULL)
		status = STATUS_UNAVAILABLE;
	return reply_error(rp, status, NULL, "%s", err);
}

int handle_parse(const struct request *rq, struct reply *rp)
{
	const char *name = rq->query.name ? rq->query.name : DEFAULT_NAME;
	char err[512], why[400];
	struct textfile tf;
	if (textfile_from_buffer(&tf, name, rq->body ? rq->body : "", rq->body_len, err,
				 sizeof err) != 0)
		return failed(rp, STATUS_BAD_REQUEST, err);
	/* The id is the one the file of this name would get. */
	char id[80];
	slug_file_id(name, id, sizeof id);
	struct article *a = article_parse(tf.text, tf.len, id, rq->catalog->tables, why, sizeof why);
	textfile_free(&tf);
	if (a == NULL) {
		snprintf(err, sizeof err, "%s: %s", name, why);
		return failed(rp, STATUS_UNPROCESSABLE, err);
	}
	size_t len = 0;
	char *doc = article_document(a, &len);
	article_free(a);
	return reply_json_text(rp, doc, len);
}
