/* iplimit.h - connections per client address, counted once for the whole
 * process (--max-connections-per-ip).
 *
 * libmicrohttpd counts its per-IP limit per daemon, and each serving loop
 * runs a daemon of its own: with --threads 2 one address could open twice
 * the limit. Here one table, behind a mutex, counts for all loops: a
 * connection takes its slot when it is accepted and gives it back when it
 * closes. IPv4 clients of a server listening on "::" (as ::ffff:a.b.c.d)
 * count as their IPv4 address.
 */
#ifndef ARTICLED_IPLIMIT_H
#define ARTICLED_IPLIMIT_H

#include <stdbool.h>
#include <sys/socket.h>

/* A client address in the table's terms. */
struct ip_key {
	unsigned char len; /* 4 or 16; 0: not an IP address (not counted) */
	unsigned char addr[16];
};

/* The key of a socket address. */
struct ip_key iplimit_key(const struct sockaddr *sa, socklen_t len);

/* Sets the limit (0: none; then iplimit_take always succeeds). */
void iplimit_init(unsigned limit);

/* Takes a slot for the address, or returns false when it has the limit. */
bool iplimit_take(const struct ip_key *k);

/* Gives a slot back. */
void iplimit_give(const struct ip_key *k);

/* Frees the table (at exit; every slot must have been given back). */
void iplimit_free(void);

#endif
