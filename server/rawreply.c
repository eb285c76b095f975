/* rawreply.c - see rawreply.h. */
#include "rawreply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "../api/status.h"
#include "../http/problem.h"
#include "../http/response_headers.h"

bool rawreply_send(int fd, int status, const char *detail, const char *instance,
		   const struct http_config *http, bool head_only, size_t *body_bytes)
{
	*body_bytes = 0;
	size_t len = 0;
	char *body = problem_json(status, detail, NULL, instance, &len);
	if (body == NULL)
		return false;
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm); /* the C locale's names */
	/* The same headers as libmicrohttpd's answers (respond.c), spelled out. */
	char head[1024];
	int n = snprintf(head, sizeof head,
			 "HTTP/1.1 %d %s\r\n"
			 "Date: %s\r\n"
			 "Server: %s\r\n"
			 "X-Content-Type-Options: nosniff\r\n"
			 "%s%s%s%s"
			 "Content-Type: " CONTENT_TYPE_PROBLEM "\r\n"
			 "Cache-Control: no-store\r\n"
			 "Connection: close\r\n"
			 "Content-Length: %zu\r\n\r\n",
			 status, status_reason(status), date, http->server,
			 http->cors_origin ? "Access-Control-Allow-Origin: " : "",
			 http->cors_origin ? http->cors_origin : "", http->cors_origin ? "\r\n" : "",
			 http->cors_origin && strcmp(http->cors_origin, "*") != 0 ? "Vary: Origin\r\n"
										   : "",
			 len);
	bool ok = n > 0 && (size_t)n < sizeof head;
	if (ok) {
		struct iovec iov[2] = {{head, (size_t)n}, {body, head_only ? 0 : len}};
		struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
		ssize_t sent = sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
		ok = sent == (ssize_t)((size_t)n + iov[1].iov_len);
		if (ok)
			*body_bytes = iov[1].iov_len;
	}
	free(body);
	return ok;
}
