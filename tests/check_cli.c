/* check_cli.c - the command line: bad article files give one clear line
 * and exit 1, bad flags give usage and exit 2, and tolerable variations of
 * a good file (BOM, CRLF, trailing spaces, no final newline) parse alike. */
#include <check.h>
#include <jansson.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"


/* Runs articled, expects exit status, and one stderr line containing all
 * the needles. */
static void expect_exit(const char *const *args, int status, const char *needle1,
			const char *needle2)
{
	char err[8192];
	int rc = run_articled(args, err, sizeof err);
	ck_assert_msg(rc == status, "%s ...: exit %d, expected %d; stderr: %s", args[0], rc, status,
		      err);
	if (needle1)
		ck_assert_msg(strstr(err, needle1) != NULL, "stderr lacks '%s': %s", needle1, err);
	if (needle2)
		ck_assert_msg(strstr(err, needle2) != NULL, "stderr lacks '%s': %s", needle2, err);
	if (status == 1) {
		/* One line: the file and the problem. */
		char *nl = strchr(err, '\n');
		ck_assert_msg(nl != NULL && nl[1] == '\0', "not exactly one line: %s", err);
	}
}

START_TEST(missing_file)
{
	char path[512];
	snprintf(path, sizeof path, "%s/nowhere.txt", test_dir);
	const char *args[] = {"--data", path, NULL};
	expect_exit(args, 1, path, "no such file");
}
END_TEST

START_TEST(empty_file)
{
	const char *path = write_file(test_dir, "empty.txt", "", 0);
	const char *args[] = {"--data", path, NULL};
	expect_exit(args, 1, path, "empty");
	const char *blank = write_file(test_dir, "blank.txt", "  \n\n \r\n", 7);
	const char *args2[] = {"--data", blank, NULL};
	expect_exit(args2, 1, blank, "empty");
}
END_TEST

START_TEST(binary_file)
{
	const char data[] = "Title\n\nSome \0 binary \x01\x02 bytes";
	const char *path = write_file(test_dir, "binary.txt", data, sizeof data);
	const char *args[] = {"--data", path, NULL};
	expect_exit(args, 1, path, "binary");
}
END_TEST

START_TEST(not_utf8_file)
{
	/* Latin-1: "Café" with 0xE9. */
	const char data[] = "Title\n\nA paragraph about the Caf\xE9 on the embankment.\n";
	const char *path = write_file(test_dir, "latin1.txt", data, sizeof data - 1);
	const char *args[] = {"--data", path, NULL};
	expect_exit(args, 1, path, "not UTF-8");
	expect_exit(args, 1, "line 3", NULL);
}
END_TEST

START_TEST(directory_instead_of_file_with_nothing)
{
	const char *args[] = {"--data", test_dir, NULL};
	expect_exit(args, 1, test_dir, "no article files");
}
END_TEST

START_TEST(no_body)
{
	const char data[] = "This text is translated into Russian by google automatic machine.\n"
			    "Site is not responsible for any mistakes in the translated text.\n\n"
			    "Only a title\n";
	const char *path = write_file(test_dir, "nobody.txt", data, sizeof data - 1);
	const char *args[] = {"--data", path, NULL};
	expect_exit(args, 1, path, "no body paragraphs");
}
END_TEST

START_TEST(unreadable_file)
{
	const char *path = write_file(test_dir, "secret.txt", "Title\n\nText.\n", 13);
	ck_assert_int_eq(chmod(path, 0), 0);
	/* Root reads anything: test as nobody, as a service would run. */
	if (geteuid() == 0) {
		struct passwd *pw = getpwnam("nobody");
		ck_assert_ptr_nonnull(pw);
		ck_assert_int_eq(chmod(test_dir, 0755), 0);
		char cmd[2048];
		snprintf(cmd, sizeof cmd,
			 "setpriv --reuid=%d --regid=%d --clear-groups %s --data %s 2>&1; echo exit=$?",
			 (int)pw->pw_uid, (int)pw->pw_gid, articled_bin(), path);
		FILE *p = popen(cmd, "r");
		char out[4096] = {0};
		size_t n = fread(out, 1, sizeof out - 1, p);
		out[n] = '\0';
		pclose(p);
		ck_assert_msg(strstr(out, "Permission denied") && strstr(out, path) &&
				      strstr(out, "exit=1"),
			      "as nobody: %s", out);
		return;
	}
	const char *args[] = {"--data", path, NULL};
	expect_exit(args, 1, path, "Permission denied");
}
END_TEST

START_TEST(bad_flags_print_usage_and_exit_2)
{
	const char *a1[] = {"--port", "http", NULL};
	expect_exit(a1, 2, "--port", "articled --help");
	const char *a2[] = {"--colour", NULL};
	expect_exit(a2, 2, "unknown option", "articled --help");
	const char *a3[] = {"--threads", "0", NULL};
	expect_exit(a3, 2, "--threads", NULL);
	const char *a4[] = {"article.txt", NULL};
	expect_exit(a4, 2, "unexpected argument", NULL);
	const char *a5[] = {"--log-format", "xml", NULL};
	expect_exit(a5, 2, "log format", NULL);
	const char *a6[] = {"--port", NULL};
	expect_exit(a6, 2, "needs a value", NULL);
	setenv("ARTICLED_PORT", "eighty", 1);
	const char *a7[] = {NULL};
	expect_exit(a7, 2, "ARTICLED_PORT", NULL);
	unsetenv("ARTICLED_PORT");
}
END_TEST

/* A CORS origin goes into a response header: a line break in it is a bad
 * value (exit 2, naming where it came from), not a failure to serve. */
START_TEST(bad_cors_origin_is_a_bad_flag_value)
{
	const char *crlf[] = {"--cors-origin", "https://app.example\r\nX-Injected: 1", NULL};
	expect_exit(crlf, 2, "--cors-origin", "line break");
	const char *lf[] = {"--cors-origin", "https://app.example\n", NULL};
	expect_exit(lf, 2, "--cors-origin", "line break");
	const char *path[] = {"--cors-origin", "https://app.example/", NULL};
	expect_exit(path, 2, "--cors-origin", "not an origin");
	const char *space[] = {"--cors-origin", "https://a.example https://b.example", NULL};
	expect_exit(space, 2, "--cors-origin", "space");
	setenv("ARTICLED_CORS_ORIGIN", "https://app.example\r\n", 1);
	const char *none[] = {NULL};
	expect_exit(none, 2, "ARTICLED_CORS_ORIGIN", "line break");
	unsetenv("ARTICLED_CORS_ORIGIN");
	/* Good values still start. */
	const char *good[] = {"*", "none", "http://localhost:3000", "https://[::1]:8443", NULL};
	for (int i = 0; good[i] != NULL; i++) {
		struct server s;
		const char *a[] = {"--log-format", "off", "--cors-origin", good[i], NULL};
		ck_assert_msg(server_start(&s, a) == 0, "--cors-origin %s: %s", good[i], server_log(&s));
		ck_assert_int_eq(server_stop(&s, SIGTERM, 10000), 0);
	}
}
END_TEST

START_TEST(help_and_version)
{
	char out[16384];
	const char *h[] = {"--help", NULL};
	ck_assert_int_eq(run_articled(h, out, sizeof out), 0);
	ck_assert(strstr(out, "usage: articled") != NULL);
	ck_assert(strstr(out, "ARTICLED_DATA") != NULL);
	ck_assert(strstr(out, "--port") != NULL);
	const char *v[] = {"--version", NULL};
	ck_assert_int_eq(run_articled(v, out, sizeof out), 0);
	ck_assert(strncmp(out, "articled ", 9) == 0);
}
END_TEST

/* The same article, written the ways files arrive: BOM, CRLF, trailing
 * spaces, no final newline. It must serve exactly the same sections. */
START_TEST(tolerant_of_bom_crlf_and_trailing_spaces)
{
	size_t len;
	char *seed = read_file(src_path("data/articles/000_617779ec1d6cc40c.txt"), &len);
	ck_assert_ptr_nonnull(seed);
	char *messy = malloc(len * 3 + 8);
	size_t o = 0;
	memcpy(messy, "\xEF\xBB\xBF", 3);
	o = 3;
	for (size_t i = 0; i < len; i++) {
		if (seed[i] == '\n') {
			memcpy(messy + o, "  \t\r\n", 5);
			o += 5;
		} else {
			messy[o++] = seed[i];
		}
	}
	while (o > 0 && (messy[o - 1] == '\n' || messy[o - 1] == '\r'))
		o--;
	const char *path = write_file(test_dir, "messy.txt", messy, o);
	free(seed);
	free(messy);
	struct server plain, tolerant;
	const char *pa[] = {"--log-format", "off", NULL};
	const char *ta[] = {"--log-format", "off", "--data", path, NULL};
	ck_assert_int_eq(server_start(&plain, pa), 0);
	ck_assert_msg(server_start(&tolerant, ta) == 0, "%s", server_log(&tolerant));
	const char *paths[] = {"/sections", "/quotes", "/figures", "/reactions"};
	for (size_t i = 0; i < 4; i++) {
		struct http_response a, b;
		http_get(&plain, paths[i], &a);
		http_get(&tolerant, paths[i], &b);
		ck_assert_int_eq(b.status, 200);
		ck_assert_msg(a.body_len == b.body_len && memcmp(a.body, b.body, a.body_len) == 0,
			      "%s differs:\n%s\n%s", paths[i], a.body, b.body);
		http_response_free(&a);
		http_response_free(&b);
	}
	server_stop(&plain, SIGTERM, 10000);
	server_stop(&tolerant, SIGTERM, 10000);
}
END_TEST

START_TEST(listening_address_in_use)
{
	struct server s;
	const char *a[] = {"--log-format", "off", NULL};
	ck_assert_int_eq(server_start(&s, a), 0);
	char port[16];
	snprintf(port, sizeof port, "%u", s.port);
	const char *b[] = {"--host", "127.0.0.1", "--port", port, NULL};
	expect_exit(b, 1, "cannot listen", port);
	server_stop(&s, SIGTERM, 10000);
}
END_TEST

START_TEST(health_check_probe)
{
	struct server s;
	const char *a[] = {"--log-format", "off", NULL};
	ck_assert_int_eq(server_start(&s, a), 0);
	char port[16];
	snprintf(port, sizeof port, "%u", s.port);
	const char *up[] = {"--health-check", "--port", port, NULL};
	char out[1024];
	ck_assert_int_eq(run_articled(up, out, sizeof out), 0);
	ck_assert_int_eq(server_stop(&s, SIGTERM, 10000), 0);
	ck_assert_int_eq(run_articled(up, out, sizeof out), 1);
	ck_assert(strstr(out, "cannot connect") != NULL);
}
END_TEST

/* Builds whose runtime reserves huge address ranges (the sanitizers) or
 * runs the server under valgrind cannot have their address space limited. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define LIMITS_UNUSABLE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define LIMITS_UNUSABLE 1
#endif
#endif

/* The second serving thread cannot start (each thread's stack is as large
 * as the stack limit, and the address space has room for one): articled
 * says why in words, stops the thread that did start, and exits 1. */
START_TEST(a_serving_thread_that_cannot_start)
{
#ifdef LIMITS_UNUSABLE
	printf("a_serving_thread_that_cannot_start: skipped in a sanitizer build\n");
	return;
#endif
	const char *w = getenv("ARTICLED_WRAPPER");
	if (w != NULL && *w != '\0') {
		printf("a_serving_thread_that_cannot_start: skipped under ARTICLED_WRAPPER\n");
		return;
	}
	struct rlimit old_stack, old_as;
	getrlimit(RLIMIT_STACK, &old_stack);
	getrlimit(RLIMIT_AS, &old_as);
	struct rlimit stack = {.rlim_cur = 1UL << 30, .rlim_max = old_stack.rlim_max};
	struct rlimit as = {.rlim_cur = 1600UL << 20, .rlim_max = old_as.rlim_max};
	ck_assert_int_eq(setrlimit(RLIMIT_STACK, &stack), 0);
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &as), 0);
	char err[4096];
	const char *args[] = {"--host", "127.0.0.1", "--port", "0", "--threads", "2", NULL};
	int rc = run_articled(args, err, sizeof err);
	setrlimit(RLIMIT_AS, &old_as);
	setrlimit(RLIMIT_STACK, &old_stack);
	ck_assert_msg(rc == 1, "exit %d: %s", rc, err);
	ck_assert_msg(strstr(err, "cannot start serving thread 2 of 2: Resource temporarily "
				  "unavailable") != NULL,
		      "stderr: %s", err);
	ck_assert_msg(strstr(err, "listening on") == NULL, "stderr: %s", err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("startup");
	tcase_add_checked_fixture(tc, test_dir_make, test_dir_remove);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, empty_file);
	tcase_add_test(tc, binary_file);
	tcase_add_test(tc, not_utf8_file);
	tcase_add_test(tc, directory_instead_of_file_with_nothing);
	tcase_add_test(tc, no_body);
	tcase_add_test(tc, unreadable_file);
	tcase_add_test(tc, bad_flags_print_usage_and_exit_2);
	tcase_add_test(tc, bad_cors_origin_is_a_bad_flag_value);
	tcase_add_test(tc, help_and_version);
	tcase_add_test(tc, tolerant_of_bom_crlf_and_trailing_spaces);
	tcase_add_test(tc, listening_address_in_use);
	tcase_add_test(tc, health_check_probe);
	tcase_add_test(tc, a_serving_thread_that_cannot_start);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
