/* probe.c - see probe.h. */
#include "probe.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int probe_health(const struct options *o)
{
	/* Listening on every address means answering on loopback too. */
	const char *host = o->host;
	if (strcmp(host, "0.0.0.0") == 0)
		host = "127.0.0.1";
	else if (strcmp(host, "::") == 0)
		host = "::1";
	char port[8];
	snprintf(port, sizeof port, "%u", o->port);
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
	int rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0 || res == NULL) {
		fprintf(stderr, "articled: health check: %s: %s\n", host, gai_strerror(rc));
		return 1;
	}
	int fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct timeval tv = {.tv_sec = 3};
	if (fd >= 0) {
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	}
	if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
		fprintf(stderr, "articled: health check: cannot connect to %s port %s: %s\n", host, port,
			strerror(errno));
		freeaddrinfo(res);
		if (fd >= 0)
			close(fd);
		return 1;
	}
	freeaddrinfo(res);
	static const char request[] = "GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n";
	char reply[64] = {0};
	ssize_t n = -1;
	if (write(fd, request, sizeof request - 1) == (ssize_t)(sizeof request - 1))
		n = read(fd, reply, sizeof reply - 1);
	close(fd);
	/* "HTTP/1.1 200 OK": the status code is the second word. */
	if (n > 12 && strncmp(reply, "HTTP/1.", 7) == 0 && strncmp(reply + 9, "200", 3) == 0)
		return 0;
	fprintf(stderr, "articled: health check: /healthz answered '%.20s'\n",
		n > 0 ? reply : "nothing");
	return 1;
}
