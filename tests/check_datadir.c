/* check_datadir.c - what an unlucky operator (or someone with write access
 * to a mounted volume) puts where articled reads: FIFOs, sockets and
 * directories named *.txt, symbolic links out of the data directory and
 * the links of a Kubernetes ConfigMap mount, a data directory with a long
 * path, file names that are not UTF-8, a number too large for a double,
 * and --tables with the project's own tables. Real files, the real binary,
 * real HTTP. */
#include <check.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "../parser/article_parse.h"
#include "../parser/tables.h"
#include "../served/catalog.h"
#include "harness.h"

static const char SEED[] = "data/articles/000_617779ec1d6cc40c.txt";
static const char FISHERY[] = "tests/articles/101_fishery-quotas.txt";
static const char BRIDGE[] = "tests/articles/102_amur-bridge.txt";
static const char LEADS_OUT[] = "a symbolic link that leads out of the data directory; not followed";

/* A file of the source tree, whole (caller frees). */
static char *source(const char *rel, size_t *len)
{
	char *text = read_file(src_path(rel), len);
	ck_assert_msg(text != NULL, "cannot read %s", rel);
	return text;
}

static const char *join(const char *dir, const char *name);

/* Writes dir/name (write_file's paths are too short for the long ones). */
static void put_file(const char *dir, const char *name, const char *data, size_t len)
{
	const char *path = join(dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Copies a file of the source tree to dir/name. */
static void copy_in(const char *dir, const char *name, const char *rel)
{
	size_t len;
	char *text = source(rel, &len);
	put_file(dir, name, text, len);
	free(text);
}

/* dir/name, in one of 8 static buffers used in turn (dir may be one). */
static const char *join(const char *dir, const char *name)
{
	static char bufs[8][4096];
	static int next;
	char copy[2048];
	int n = snprintf(copy, sizeof copy, "%s", dir);
	char *b = bufs[next++ % 8];
	int m = snprintf(b, sizeof bufs[0], "%s/%s", copy, name);
	ck_assert(n >= 0 && (size_t)n < sizeof copy && m >= 0 && (size_t)m < sizeof bufs[0]);
	return b;
}

static void make_dir(const char *path)
{
	ck_assert_msg(mkdir(path, 0755) == 0, "mkdir %s: %s", path, strerror(errno));
}

static void make_link(const char *target, const char *link)
{
	ck_assert_msg(symlink(target, link) == 0, "symlink %s: %s", link, strerror(errno));
}

/* Starts articled on dir with these extra arguments; fails the test if it
 * does not listen within the harness's bound. */
static void start_on(struct server *s, const char *dir, const char *const *extra)
{
	const char *args[16] = {"--data", dir, "--log-format", "off"};
	size_t n = 4;
	for (size_t i = 0; extra && extra[i] && n < 15; i++)
		args[n++] = extra[i];
	args[n] = NULL;
	ck_assert_msg(server_start(s, args) == 0, "did not start: %s", server_log(s));
}

static json_t *articles_of(json_t *health)
{
	return json_object_get(health, "articles");
}

/* The reason /healthz gives for file, or NULL if it lists no such failure;
 * and checks that "failed" counts exactly the failures listed. */
static const char *failure_of(json_t *health, const char *file)
{
	json_t *arts = articles_of(health), *list = json_object_get(arts, "failures");
	ck_assert_int_eq(jint(arts, "failed"), (json_int_t)json_array_size(list));
	size_t i;
	json_t *f;
	json_array_foreach(list, i, f)
		if (strcmp(jstr(f, "file"), file) == 0)
			return jstr(f, "reason");
	return NULL;
}

/* Waits up to ms for needle to appear in the server's log. */
static bool log_has(const struct server *s, const char *needle, int ms)
{
	for (int waited = 0; waited <= ms; waited += 10) {
		if (strstr(server_log(s), needle) != NULL)
			return true;
		usleep(10000);
	}
	return false;
}

/* Lines of the log that end a reload ("reloaded ...", "reload failed ..."). */
static int reload_lines(const struct server *s)
{
	int lines = 0;
	for (const char *p = server_log(s); (p = strstr(p, "articled: reload")) != NULL; p++)
		lines++;
	return lines;
}

/* SIGHUP, then waits (up to 5 s) for the reload to end, well or badly. */
static void reload(const struct server *s)
{
	int before = reload_lines(s);
	kill(s->pid, SIGHUP);
	for (int waited = 0; waited <= 5000; waited += 10) {
		if (reload_lines(s) > before)
			return;
		usleep(10000);
	}
	ck_abort_msg("the reload did not end: %s", server_log(s));
}

static double seconds_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- FIFOs and other files that are no articles ---- */

START_TEST(a_fifo_or_socket_named_txt_is_skipped_without_blocking)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/%s", test_dir, "articles");
	make_dir(dir);
	copy_in(dir, "000_seed.txt", SEED);
	ck_assert_int_eq(mkfifo(join(dir, "fifo.txt"), 0644), 0);
	make_dir(join(dir, "folder.txt"));
	int sock = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s", join(dir, "sock.txt"));
	ck_assert_int_eq(bind(sock, (struct sockaddr *)&sun, sizeof sun), 0);
	make_link("fifo.txt", join(dir, "to-fifo.txt"));
	struct server s;
	start_on(&s, dir, NULL);
	json_t *h = get_json(&s, "/healthz", 200);
	ck_assert_int_eq(jint(articles_of(h), "loaded"), 1);
	ck_assert_int_eq(jint(articles_of(h), "failed"), 4);
	ck_assert_str_eq(failure_of(h, "fifo.txt"), "not a regular file (a FIFO)");
	ck_assert_str_eq(failure_of(h, "to-fifo.txt"), "not a regular file (a FIFO)");
	ck_assert_str_eq(failure_of(h, "sock.txt"), "not a regular file (a socket)");
	ck_assert_str_eq(failure_of(h, "folder.txt"), "is a directory, not a file");
	json_decref(h);
	ck_assert(log_has(&s, "skipped", 1000) && strstr(server_log(&s), "fifo.txt"));
	/* A reload and a stop are not held up by it either. */
	reload(&s);
	ck_assert_msg(strstr(server_log(&s), "reloaded 1 article(s), 4 failed"), "%s",
		      server_log(&s));
	double t0 = seconds_now();
	ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
	ck_assert(seconds_now() - t0 < 3.0);
	close(sock);
	/* --strict refuses such a directory; --data naming the FIFO fails. */
	char err[4096];
	const char *strict[] = {"--data", dir, "--strict", NULL};
	ck_assert_int_eq(run_articled(strict, err, sizeof err), 1);
	const char *fifo[] = {"--data", join(dir, "fifo.txt"), NULL};
	ck_assert_int_eq(run_articled(fifo, err, sizeof err), 1);
	ck_assert_msg(strstr(err, "fifo.txt: not a regular file (a FIFO)"), "%s", err);
}
END_TEST

/* ---- symbolic links ---- */

/* test_dir/outside with an article (secret.txt) that no link may show,
 * and test_dir/articles, the data directory, with the seed as name. */
static void outside_and_articles(char outside[1024], char dir[1024], const char *name)
{
	snprintf(outside, 1024, "%s/outside", test_dir);
	make_dir(outside);
	copy_in(outside, "secret.txt", FISHERY);
	snprintf(dir, 1024, "%s/articles", test_dir);
	make_dir(dir);
	copy_in(dir, name, SEED);
}

START_TEST(a_link_out_of_the_data_directory_is_refused)
{
	char outside[1024], dir[1024];
	outside_and_articles(outside, dir, "000_seed.txt");
	char target[4096];
	snprintf(target, sizeof target, "%s/secret.txt", outside);
	make_link(target, join(dir, "absolute.txt"));
	make_link("../outside/secret.txt", join(dir, "relative.txt"));
	make_link("/etc/passwd", join(dir, "passwd.txt"));
	/* Out through a directory link on the way. */
	make_link("../outside", join(dir, "inner"));
	make_link("inner/secret.txt", join(dir, "deep.txt"));
	struct server s;
	start_on(&s, dir, NULL);
	json_t *list = get_json(&s, "/articles", 200);
	ck_assert_int_eq(jint(list, "total"), 1);
	json_decref(list);
	json_t *h = get_json(&s, "/healthz", 200);
	ck_assert_int_eq(jint(articles_of(h), "failed"), 4);
	ck_assert_str_eq(failure_of(h, "absolute.txt"), LEADS_OUT);
	ck_assert_str_eq(failure_of(h, "relative.txt"), LEADS_OUT);
	ck_assert_str_eq(failure_of(h, "passwd.txt"), LEADS_OUT);
	ck_assert_str_eq(failure_of(h, "deep.txt"), LEADS_OUT);
	json_decref(h);
	/* The log names the link, never what it points to. */
	ck_assert(log_has(&s, "passwd.txt", 1000));
	const char *log = server_log(&s);
	ck_assert_msg(strstr(log, join(dir, "absolute.txt")) != NULL, "%s", log);
	ck_assert_msg(strstr(log, "secret.txt") == NULL && strstr(log, "/etc/passwd") == NULL,
		      "the log names a target: %s", log);
	/* A file swapped for a link to outside, then SIGHUP: the old article stays. */
	ck_assert_int_eq(unlink(join(dir, "000_seed.txt")), 0);
	make_link(target, join(dir, "000_seed.txt"));
	reload(&s);
	ck_assert_msg(strstr(server_log(&s), "reload failed, still serving the old articles"),
		      "%s", server_log(&s));
	list = get_json(&s, "/articles", 200);
	ck_assert_str_eq(jstr(json_array_get(json_object_get(list, "items"), 0), "title"),
			 "On a peaceful wave");
	json_decref(list);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
}
END_TEST

START_TEST(a_single_file_may_link_only_within_its_directory)
{
	char outside[1024], dir[1024];
	outside_and_articles(outside, dir, "real.txt");
	make_link("real.txt", join(dir, "article.txt"));
	char err[4096];
	struct server s;
	const char *args[] = {"--data", join(dir, "article.txt"), "--log-format", "off", NULL};
	ck_assert_msg(server_start(&s, args) == 0, "%s", server_log(&s));
	json_t *a = get_json(&s, "/article", 200);
	ck_assert_str_eq(jstr(a, "title"), "On a peaceful wave");
	json_decref(a);
	/* ln -sf OUTSIDE article.txt; kill -HUP: the old article stays. */
	ck_assert_int_eq(unlink(join(dir, "article.txt")), 0);
	make_link("../outside/secret.txt", join(dir, "article.txt"));
	reload(&s);
	const char *log = server_log(&s);
	ck_assert_msg(strstr(log, "reload failed") && strstr(log, LEADS_OUT), "%s", log);
	ck_assert(strstr(log, "secret.txt") == NULL);
	a = get_json(&s, "/article", 200);
	ck_assert_str_eq(jstr(a, "title"), "On a peaceful wave");
	json_decref(a);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
	/* And at startup: one line naming the link, exit 1. */
	const char *start[] = {"--data", join(dir, "article.txt"), NULL};
	ck_assert_int_eq(run_articled(start, err, sizeof err), 1);
	ck_assert_msg(strstr(err, "article.txt: a symbolic link that leads out") &&
			      strstr(err, "secret") == NULL,
		      "%s", err);
}
END_TEST

/* How the kubelet mounts a ConfigMap: the files are links into ..data,
 * itself a link to a timestamped directory that an update replaces. */
START_TEST(a_configmap_mount_keeps_working)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/%s", test_dir, "configmap");
	make_dir(dir);
	char v1[4096], v2[4096];
	snprintf(v1, sizeof v1, "%s/..2026_01_01_00_00_00.000000001", dir);
	snprintf(v2, sizeof v2, "%s/..2026_01_02_00_00_00.000000002", dir);
	make_dir(v1);
	copy_in(v1, "a.txt", SEED);
	copy_in(v1, "b.txt", FISHERY);
	make_link("..2026_01_01_00_00_00.000000001", join(dir, "..data"));
	make_link("..data/a.txt", join(dir, "a.txt"));
	make_link("..data/b.txt", join(dir, "b.txt"));
	/* Also followed: an absolute link to a file inside. */
	char inside[4096];
	snprintf(inside, sizeof inside, "%s/..data/a.txt", dir);
	make_link(inside, join(dir, "c.txt"));
	make_link("..data/gone.txt", join(dir, "dangling.txt"));
	/* Out and back in again: its final target is inside. */
	make_link("../configmap/..data/a.txt", join(dir, "d.txt"));
	make_link("loop2.txt", join(dir, "loop1.txt"));
	make_link("loop1.txt", join(dir, "loop2.txt"));
	struct server s;
	start_on(&s, dir, NULL);
	json_t *list = get_json(&s, "/articles", 200);
	ck_assert_int_eq(jint(list, "total"), 4);
	json_decref(list);
	json_t *b = get_json(&s, "/articles/b", 200);
	ck_assert_str_eq(jstr(b, "title"), "Pollock for the keel");
	json_decref(b);
	json_t *h = get_json(&s, "/healthz", 200);
	ck_assert_str_eq(failure_of(h, "dangling.txt"),
			 "a symbolic link to nothing (its target does not exist)");
	ck_assert_str_eq(failure_of(h, "loop1.txt"), strerror(ELOOP));
	ck_assert_str_eq(failure_of(h, "loop2.txt"), strerror(ELOOP));
	ck_assert_int_eq(jint(articles_of(h), "failed"), 3);
	json_decref(h);
	/* The update: a new directory, ..data swapped atomically. */
	make_dir(v2);
	copy_in(v2, "a.txt", SEED);
	copy_in(v2, "b.txt", BRIDGE);
	make_link("..2026_01_02_00_00_00.000000002", join(dir, "..data_tmp"));
	ck_assert_int_eq(rename(join(dir, "..data_tmp"), join(dir, "..data")), 0);
	reload(&s);
	ck_assert_msg(strstr(server_log(&s), "reloaded 4 article(s), 3 failed"), "%s",
		      server_log(&s));
	b = get_json(&s, "/articles/b", 200);
	ck_assert_str_ne(jstr(b, "title"), "Pollock for the keel");
	json_decref(b);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
}
END_TEST

/* ---- reasons in /healthz ---- */

/* A data directory whose path is exactly len bytes long. */
static const char *dir_of_length(size_t len)
{
	static char path[1024];
	snprintf(path, sizeof path, "%s", test_dir);
	while (strlen(path) < len) {
		size_t room = len - strlen(path) - 1; /* the '/' */
		size_t part = room > 200 ? 200 : room;
		if (part == 0) { /* one byte left: grow the last name instead */
			strcat(path, "x");
			break;
		}
		if (room > 200 && room - 200 < 2)
			part = 150;
		size_t at = strlen(path);
		path[at] = '/';
		memset(path + at + 1, 'd', part);
		path[at + 1 + part] = '\0';
		mkdir(path, 0755);
	}
	ck_assert_int_eq(strlen(path), len);
	struct stat st;
	if (stat(path, &st) != 0)
		make_dir(path);
	return path;
}

START_TEST(healthz_reasons_never_show_the_data_path)
{
	const size_t lengths[] = {100, 470, 485, 500, 510, 520, 559, 700};
	for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
		const char *dir = dir_of_length(lengths[k]);
		copy_in(dir, "000_seed.txt", SEED);
		put_file(dir, "200_broken.txt", "\x7F" "ELF\0\x01\x02", 7);
		struct server s;
		start_on(&s, dir, NULL);
		json_t *h = get_json(&s, "/healthz", 200);
		ck_assert_msg(failure_of(h, "200_broken.txt") != NULL, "length %zu", lengths[k]);
		ck_assert_str_eq(failure_of(h, "200_broken.txt"),
				 "binary data, not text (control byte 0x7F at line 1, column 1)");
		char *text = json_dumps(h, 0);
		ck_assert_msg(strstr(text, "dddd") == NULL && strstr(text, "/tmp") == NULL,
			      "length %zu: %s", lengths[k], text);
		free(text);
		json_decref(h);
		ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
	}
}
END_TEST

START_TEST(a_file_name_that_is_not_utf8_is_reported)
{
	copy_in(test_dir, "000_seed.txt", SEED);
	put_file(test_dir, "bad\xFF\xFE.txt", "\x01\x02", 2);
	copy_in(test_dir, "good\xC3.txt", FISHERY);
	struct server s;
	start_on(&s, test_dir, NULL);
	json_t *h = get_json(&s, "/healthz", 200);
	ck_assert_int_eq(jint(articles_of(h), "loaded"), 2);
	ck_assert_int_eq(jint(articles_of(h), "failed"), 1);
	const char *why = failure_of(h, "bad\xEF\xBF\xBD\xEF\xBF\xBD.txt");
	ck_assert_msg(why && strncmp(why, "binary data", 11) == 0, "%s", why ? why : "(none)");
	json_decref(h);
	json_t *list = get_json(&s, "/articles", 200);
	ck_assert_str_eq(jstr(json_array_get(json_object_get(list, "items"), 1), "id"), "good");
	json_decref(list);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
}
END_TEST

/* ---- numbers too large ---- */

/* An article of ours with "1" and 300 zeros, then " billion rubles". */
static void write_overflowing(const char *dir, const char *name)
{
	size_t len;
	char *text = source(FISHERY, &len);
	const char *at = strstr(text, "150 billion rubles");
	ck_assert_ptr_nonnull(at);
	char *out = malloc(len + 400);
	size_t head = (size_t)(at - text), o = head;
	memcpy(out, text, head);
	out[o++] = '1';
	memset(out + o, '0', 300);
	o += 300;
	size_t tail = len - head - 3; /* drops "150" */
	memcpy(out + o, at + 3, tail);
	o += tail;
	put_file(dir, name, out, o);
	free(out);
	free(text);
}

/* Every value of every figure is a JSON number, a string or null. */
static void figures_are_finite(const struct server *s, const char *path)
{
	json_t *j = get_json(s, path, 200);
	json_t *items = json_object_get(j, "items");
	ck_assert_int_gt(json_array_size(items), 0);
	size_t i;
	json_t *f;
	json_array_foreach(items, i, f) {
		json_t *v = json_object_get(f, "value");
		ck_assert(v != NULL);
		ck_assert(json_is_null(v) || json_is_string(v) || json_is_integer(v) ||
			  (json_is_real(v) && isfinite(json_real_value(v))));
	}
	json_decref(j);
}

START_TEST(a_number_too_large_is_no_figure_and_breaks_no_load)
{
	copy_in(test_dir, "000_seed.txt", SEED);
	write_overflowing(test_dir, "101_overflow.txt");
	struct server s;
	start_on(&s, test_dir, NULL);
	json_t *h = get_json(&s, "/healthz", 200);
	ck_assert_int_eq(jint(articles_of(h), "loaded"), 2);
	ck_assert_int_eq(jint(articles_of(h), "failed"), 0);
	json_decref(h);
	figures_are_finite(&s, "/articles/101-overflow/figures?limit=1000");
	/* The text around it still gives its other figures. */
	json_t *j = get_json(&s, "/articles/101-overflow/figures?kind=percent", 200);
	ck_assert_int_ge(jint(j, "total"), 2);
	json_decref(j);
	ck_assert(strstr(server_log(&s), "out of memory") == NULL);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
	/* Alone, and reloaded. */
	const char *args[] = {"--data", join(test_dir, "101_overflow.txt"), "--log-format", "off",
			      NULL};
	ck_assert_msg(server_start(&s, args) == 0, "%s", server_log(&s));
	reload(&s);
	ck_assert_msg(strstr(server_log(&s), "reloaded 1 article(s), 0 failed"), "%s",
		      server_log(&s));
	ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
}
END_TEST

/* A failure while preparing one article's answers is that article's, named. */
START_TEST(an_article_whose_answers_cannot_be_made_fails_alone)
{
	struct tables t;
	char err[512];
	ck_assert_int_eq(tables_load(&t, NULL, err, sizeof err), 0);
	size_t len;
	char *text = source(SEED, &len);
	struct article *a = article_parse(text, len, "seed", &t, err, sizeof err);
	free(text);
	ck_assert_ptr_nonnull(a);
	size_t k = 0;
	while (k < a->n_figures && a->figures[k].kind == FIGURE_DATE)
		k++;
	ck_assert_int_lt(k, a->n_figures);
	a->figures[k].number = NAN; /* what no extractor may produce */
	char expected[64];
	snprintf(expected, sizeof expected, "figure %s could not be written as JSON",
		 a->figures[k].id);
	struct served_article s;
	char why[256] = "";
	/* It takes the model, and frees it on failure. */
	ck_assert_int_eq(served_article_prepare(&s, a, "seed.txt", why, sizeof why), -1);
	ck_assert_str_eq(why, expected);
	tables_free(&t);
}
END_TEST

/* ---- --tables ---- */

static const char *const TABLE_FILES[] = {
	"outlets.tsv",        "countries.tsv",        "languages.tsv",         "currencies.tsv",
	"units.tsv",          "numbers.tsv",          "months.tsv",            "relative_dates.txt",
	"reporting_verbs.tsv", "titles.txt",          "outlet_words.tsv",      "name_stopwords.txt",
	"abbreviations.txt",  "photo_labels.txt",     "reaction_headings.txt", "speech_adverbs.txt",
	"pronouns.tsv",       "number_names.txt",     "function_words.txt",    "count_modifiers.txt",
	"name_gender.tsv",    "time_units.txt",       "source_phrases.txt",
};

/* A copy of data/'s tables in dir, with CRLF line ends if crlf. */
static void copy_tables(const char *dir, bool crlf)
{
	make_dir(dir);
	for (size_t i = 0; i < sizeof TABLE_FILES / sizeof TABLE_FILES[0]; i++) {
		char rel[256];
		snprintf(rel, sizeof rel, "data/%s", TABLE_FILES[i]);
		size_t len;
		char *text = source(rel, &len);
		if (!crlf) {
			put_file(dir, TABLE_FILES[i], text, len);
		} else {
			char *out = malloc(2 * len + 1);
			size_t o = 0;
			for (size_t k = 0; k < len; k++) {
				if (text[k] == '\n')
					out[o++] = '\r';
				out[o++] = text[k];
			}
			put_file(dir, TABLE_FILES[i], out, o);
			free(out);
		}
		free(text);
	}
}

static bool same_body(const struct server *a, const struct server *b, const char *path)
{
	struct http_response x, y;
	http_get(a, path, &x);
	http_get(b, path, &y);
	bool same = x.status == 200 && y.status == 200 && x.body_len == y.body_len &&
		    memcmp(x.body, y.body, x.body_len) == 0;
	http_response_free(&x);
	http_response_free(&y);
	return same;
}

START_TEST(tables_from_a_copy_of_data_parse_alike)
{
	struct server builtin, copied, crlf;
	const char *plain[] = {"--log-format", "off", NULL};
	ck_assert_int_eq(server_start(&builtin, plain), 0);
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/%s", test_dir, "tables");
	copy_tables(dir, false);
	const char *a1[] = {"--tables", dir, "--log-format", "off", NULL};
	ck_assert_msg(server_start(&copied, a1) == 0, "--tables %s: %s", dir, server_log(&copied));
	char dir2[1024];
	snprintf(dir2, sizeof dir2, "%s/%s", test_dir, "tables-crlf");
	copy_tables(dir2, true);
	const char *a2[] = {"--tables", dir2, "--log-format", "off", NULL};
	ck_assert_msg(server_start(&crlf, a2) == 0, "CRLF tables: %s", server_log(&crlf));
	const char *paths[] = {"/article", "/quotes?limit=1000", "/figures?limit=1000", "/reactions"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		ck_assert_msg(same_body(&builtin, &copied, paths[i]), "%s differs", paths[i]);
		ck_assert_msg(same_body(&builtin, &crlf, paths[i]), "%s differs (CRLF)", paths[i]);
	}
	server_stop(&builtin, SIGTERM, 5000);
	server_stop(&crlf, SIGTERM, 5000);
	/* A change to a table takes effect, on reload too. */
	size_t len;
	char *outlets = read_file(join(dir, "outlets.tsv"), &len);
	char *row = strstr(outlets, "Bloomberg\tBloomberg News,Bloomberg agency\tUS\t");
	ck_assert_ptr_nonnull(row);
	memcpy(strstr(row, "\tUS\t") + 1, "CA", 2);
	put_file(dir, "outlets.tsv", outlets, len);
	free(outlets);
	reload(&copied);
	json_t *r = get_json(&copied, "/reactions?outlet=bloomberg", 200);
	ck_assert_int_eq(jint(r, "total"), 1);
	ck_assert_str_eq(jstr(json_array_get(json_object_get(r, "items"), 0), "country"), "CA");
	json_decref(r);
	server_stop(&copied, SIGTERM, 5000);
	/* A broken table names its file and line; a FIFO does not block. */
	put_file(dir, "units.tsv", "percent\n", 8);
	char err[4096];
	ck_assert_int_eq(run_articled(a1, err, sizeof err), 1);
	ck_assert_msg(strstr(err, "units.tsv:1: expected 2 tab-separated columns"), "%s", err);
	unlink(join(dir, "units.tsv"));
	ck_assert_int_eq(mkfifo(join(dir, "units.tsv"), 0644), 0);
	ck_assert_int_eq(run_articled(a1, err, sizeof err), 1);
	ck_assert_msg(strstr(err, "units.tsv: not a regular file (a FIFO)"), "%s", err);
}
END_TEST

/* A directory large enough to take a while: the server listens before
 * it has loaded, answers 503 meanwhile (/healthz saying how far it is, as
 * a readiness probe reads it), logs each tenth with its rate, and then
 * serves every article, ids unique and in file-name order whatever the
 * number of loader threads. */
START_TEST(a_large_directory_answers_503_while_it_loads)
{
	enum { COPIES = 1200 };
	size_t len;
	char *text = source(FISHERY, &len);
	for (int i = 0; i < COPIES; i++) {
		char name[32];
		snprintf(name, sizeof name, "%04d.txt", i);
		put_file(test_dir, name, text, len);
	}
	/* Two names that slug alike, at the end: the later gets "-2". */
	put_file(test_dir, "zz a.txt", text, len);
	put_file(test_dir, "zz-a.txt", text, len);
	free(text);
	const char *args[] = {"--data", test_dir, "--load-threads", "2", "--log-format", "off", NULL};
	struct server s;
	ck_assert_msg(server_start_loading(&s, args) == 0, "%s", server_log(&s));
	struct http_response r;
	ck_assert_int_eq(http_get(&s, "/healthz", &r), 0);
	ck_assert_msg(r.status == 503, "a load of %d articles was over before its first request "
				       "(status %ld)", COPIES, r.status);
	ck_assert(http_header(&r, "Retry-After") != NULL);
	json_t *h = response_json(&r);
	http_response_free(&r);
	ck_assert_str_eq(jstr(h, "status"), "loading");
	ck_assert_int_eq(jint(h, "total"), COPIES + 2);
	ck_assert(jint(h, "loaded") >= 0 && jint(h, "loaded") <= COPIES + 2);
	json_decref(h);
	ck_assert_int_eq(http_get(&s, "/sections", &r), 0);
	char why[256];
	ck_assert_msg(r.status == 503 && problem_ok(&r, 503, NULL, why, sizeof why), "%ld %s",
		      r.status, why);
	http_response_free(&r);
	/* Then it is ready (under valgrind, far later). */
	const char *w = getenv("ARTICLED_WRAPPER");
	for (int tries = 0; tries < (w && *w ? 24000 : 6000); tries++) {
		ck_assert_int_eq(http_get(&s, "/healthz", &r), 0);
		long status = r.status;
		http_response_free(&r);
		if (status != 503)
			break;
		usleep(10000);
	}
	h = get_json(&s, "/healthz", 200);
	ck_assert_int_eq(jint(json_object_get(h, "articles"), "loaded"), COPIES + 2);
	ck_assert_str_eq(jstr(h, "default"), "0000");
	json_decref(h);
	json_t *list = get_json(&s, "/articles?offset=1200", 200);
	json_t *items = json_object_get(list, "items");
	ck_assert_int_eq(json_array_size(items), 2);
	ck_assert_str_eq(jstr(json_array_get(items, 0), "id"), "zz-a");
	ck_assert_str_eq(jstr(json_array_get(items, 1), "id"), "zz-a-2");
	json_decref(list);
	/* The indexes of the lists across articles (built at the same time on
	 * the loader's threads) hold every copy: each filter finds in all of
	 * them what it finds in one. */
	const char *filtered[][2] = {
		{"/articles/0000/quotes?kind=direct", "/quotes?article=*&kind=direct"},
		{"/articles/0000/figures?kind=money", "/figures?article=*&kind=money"},
		{"/articles/0000/speakers", "/speakers?article=*"},
		{"/articles?q=fish&limit=1", "/articles?q=fish&limit=1"},
	};
	for (size_t i = 0; i < sizeof filtered / sizeof filtered[0]; i++) {
		json_t *one = get_json(&s, filtered[i][0], 200), *all = get_json(&s, filtered[i][1], 200);
		json_int_t each = jint(one, "total");
		/* /articles lists articles (all of them match or none); the rest
		 * items, and /speakers merges a speaker's entries across articles. */
		json_int_t want = i == 3 ? COPIES + 2 : i == 2 ? each : (COPIES + 2) * each;
		ck_assert_msg(each > 0 && jint(all, "total") == want, "%s: %lld, %s: %lld",
			      filtered[i][0], (long long)each, filtered[i][1],
			      (long long)jint(all, "total"));
		json_decref(one);
		json_decref(all);
	}
	const char *log = server_log(&s);
	int tenths = 0;
	for (const char *at = log; (at = strstr(at, " articles/s\n")) != NULL; at++)
		tenths++;
	ck_assert_msg(tenths == 10, "%d progress lines: %s", tenths, log);
	ck_assert_msg(strstr(log, "1202 of 1202 articles (100%)") != NULL, "%s", log);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 5000), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("datadir");
	TCase *tc = tcase_create("files");
	tcase_add_checked_fixture(tc, test_dir_make, test_dir_remove);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_fifo_or_socket_named_txt_is_skipped_without_blocking);
	tcase_add_test(tc, a_link_out_of_the_data_directory_is_refused);
	tcase_add_test(tc, a_single_file_may_link_only_within_its_directory);
	tcase_add_test(tc, a_configmap_mount_keeps_working);
	tcase_add_test(tc, healthz_reasons_never_show_the_data_path);
	tcase_add_test(tc, a_file_name_that_is_not_utf8_is_reported);
	tcase_add_test(tc, a_number_too_large_is_no_figure_and_breaks_no_load);
	tcase_add_test(tc, an_article_whose_answers_cannot_be_made_fails_alone);
	tcase_add_test(tc, tables_from_a_copy_of_data_parse_alike);
	tcase_add_test(tc, a_large_directory_answers_503_while_it_loads);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
