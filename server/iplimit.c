/* iplimit.c - see iplimit.h. */
#include "iplimit.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Chained buckets of the addresses that hold connections now: an entry
 * lives while its count is not zero, so the table holds at most one entry
 * per open connection. */
enum { BUCKETS = 4096 };

struct ip_entry {
	struct ip_key key;
	unsigned count;
	struct ip_entry *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct ip_entry *buckets[BUCKETS];
static unsigned limit;

struct ip_key iplimit_key(const struct sockaddr *sa, socklen_t len)
{
	struct ip_key k = {.len = 0};
	if (sa->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
		k.len = 4;
		memcpy(k.addr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
	} else if (sa->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		if (IN6_IS_ADDR_V4MAPPED(a)) {
			k.len = 4;
			memcpy(k.addr, a->s6_addr + 12, 4);
		} else {
			k.len = 16;
			memcpy(k.addr, a->s6_addr, 16);
		}
	}
	return k;
}

/* FNV-1a. */
static size_t bucket_of(const struct ip_key *k)
{
	uint32_t h = 2166136261u;
	for (unsigned i = 0; i < k->len; i++)
		h = (h ^ k->addr[i]) * 16777619u;
	return h % BUCKETS;
}

static struct ip_entry **find(const struct ip_key *k)
{
	struct ip_entry **at = &buckets[bucket_of(k)];
	while (*at != NULL && ((*at)->key.len != k->len || memcmp((*at)->key.addr, k->addr, k->len) != 0))
		at = &(*at)->next;
	return at;
}

void iplimit_init(unsigned n)
{
	limit = n;
}

bool iplimit_take(const struct ip_key *k)
{
	if (limit == 0 || k->len == 0)
		return true;
	bool ok = false;
	pthread_mutex_lock(&lock);
	struct ip_entry **at = find(k);
	if (*at == NULL) {
		struct ip_entry *e = malloc(sizeof *e);
		if (e != NULL) { /* out of memory: refuse rather than count wrong */
			*e = (struct ip_entry){.key = *k, .count = 0, .next = NULL};
			*at = e;
		}
	}
	if (*at != NULL && (*at)->count < limit) {
		(*at)->count++;
		ok = true;
	}
	pthread_mutex_unlock(&lock);
	return ok;
}

void iplimit_give(const struct ip_key *k)
{
	if (limit == 0 || k->len == 0)
		return;
	pthread_mutex_lock(&lock);
	struct ip_entry **at = find(k);
	struct ip_entry *e = *at;
	if (e != NULL && --e->count == 0) {
		*at = e->next;
		free(e);
	}
	pthread_mutex_unlock(&lock);
}

void iplimit_free(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < BUCKETS; i++)
		while (buckets[i] != NULL) {
			struct ip_entry *e = buckets[i];
			buckets[i] = e->next;
			free(e);
		}
	pthread_mutex_unlock(&lock);
}
