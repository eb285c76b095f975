/* watch.c - see watch.h. Polling, not inotify: it sees through the symlink
 * swaps by which Kubernetes updates a mounted ConfigMap, and costs a few
 * stat calls every --watch seconds. */
#include "watch.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

static uint64_t stat_print(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 1; /* gone: a change too */
	uint64_t h = mix(0, (uint64_t)st.st_ino);
	h = mix(h, (uint64_t)st.st_size);
	h = mix(h, (uint64_t)st.st_mtim.tv_sec);
	return mix(h, (uint64_t)st.st_mtim.tv_nsec);
}

uint64_t watch_fingerprint(const char *path)
{
	if (path == NULL)
		return 0;
	struct stat st;
	if (stat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return stat_print(path);
	DIR *d = opendir(path);
	if (d == NULL)
		return 0;
	uint64_t h = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		char file[4096];
		snprintf(file, sizeof file, "%s/%s", path, e->d_name);
		/* Order-independent: readdir's order is not stable. */
		h += mix(stat_print(file), len);
	}
	closedir(d);
	return h;
}
