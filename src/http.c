/*
 * http: FastCGI parameters in, a response out.  Every input has a bound.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "http.h"

long long
http_now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static const char *
param(FCGX_Request *fcgi, const char *name)
{
	const char	*v = FCGX_GetParam(name, fcgi->envp);

	return v ? v : "";
}

int
http_request_init(struct request *req, FCGX_Request *fcgi)
{
	static unsigned long	 counter;
	const char		*uri, *q;
	size_t			 plen;

	memset(req, 0, sizeof(*req));
	req->fcgi = fcgi;
	req->started_us = http_now_us();
	req->route = "-";
	snprintf(req->id, sizeof(req->id), "r-%x-%lx",
	    (unsigned)getpid(), ++counter);
	req->method = param(fcgi, "REQUEST_METHOD");
	req->content_type = param(fcgi, "CONTENT_TYPE");
	req->remote_user = param(fcgi, "REMOTE_USER");
	req->origin = param(fcgi, "HTTP_ORIGIN");
	req->sec_fetch_site = param(fcgi, "HTTP_SEC_FETCH_SITE");
	req->accept = param(fcgi, "HTTP_ACCEPT");
	req->host = param(fcgi, "HTTP_HOST");
	uri = param(fcgi, "REQUEST_URI");
	q = strchr(uri, '?');
	plen = q ? (size_t)(q - uri) : strlen(uri);
	if (plen == 0 || plen >= sizeof(req->path) || uri[0] != '/')
		return plen >= sizeof(req->path) ? 414 : 400;
	memcpy(req->path, uri, plen);
	req->path[plen] = '\0';
	if (q != NULL) {
		if (strlen(q + 1) >= sizeof(req->query))
			return 414;
		snprintf(req->query, sizeof(req->query), "%s", q + 1);
	}
	if (form_parse(&req->params, req->query, strlen(req->query)) == -1)
		return 400;
	return 0;
}

int
http_read_body(struct request *req, size_t limit)
{
	const char	*cl = FCGX_GetParam("CONTENT_LENGTH", req->fcgi->envp);
	char		*end;
	unsigned long long n;
	int		 got;

	if (cl == NULL || *cl == '\0')
		return 411;
	errno = 0;
	n = strtoull(cl, &end, 10);
	if (errno || *end != '\0' || cl[0] < '0' || cl[0] > '9')
		return 400;
	if (n > limit)
		return 413;
	if ((req->body = malloc((size_t)n + 1)) == NULL)
		return 500;
	got = n ? FCGX_GetStr(req->body, (int)n, req->fcgi->in) : 0;
	if (got < 0 || (unsigned long long)got != n)
		return 400;
	req->body[n] = '\0';
	req->body_len = (size_t)n;
	return 0;
}

void
http_request_free(struct request *req)
{
	form_free(&req->params);
	free(req->body);
	req->body = NULL;
}

int
http_content_type_is(const struct request *req, const char *type)
{
	size_t	 n = strlen(type);

	return strncasecmp(req->content_type, type, n) == 0 &&
	    (req->content_type[n] == '\0' || req->content_type[n] == ';' ||
	    req->content_type[n] == ' ');
}

const char *
http_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* libfcgi's own printf knows no %zu: headers are formatted here. */
static void
put_headers(struct request *req, const char *head)
{
	FCGX_PutStr(head, (int)strlen(head), req->fcgi->out);
}

void
http_send(struct request *req, int status, const char *ctype,
    const char *body, size_t len)
{
	char	 head[512];

	req->status = status;
	snprintf(head, sizeof(head), "Status: %d %s\r\n"
	    "Content-Type: %s\r\nContent-Length: %zu\r\n"
	    "Cache-Control: no-store\r\nX-Request-Id: %s\r\n\r\n",
	    status, http_status_text(status), ctype, len, req->id);
	put_headers(req, head);
	if (len > 0 && strcmp(req->method, "HEAD") != 0)
		FCGX_PutStr(body, (int)len, req->fcgi->out);
}

void
http_redirect(struct request *req, const char *location)
{
	char	 head[512];

	req->status = 303;
	snprintf(head, sizeof(head), "Status: 303 See Other\r\n"
	    "Location: %s\r\nContent-Length: 0\r\n"
	    "Cache-Control: no-store\r\nX-Request-Id: %s\r\n\r\n",
	    location, req->id);
	put_headers(req, head);
}
