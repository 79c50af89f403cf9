/*
 * http: FastCGI parameters in, a response out.  Every input has a bound.
 */
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
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
	static atomic_ulong	 counter;	/* shared by the threads */
	int			 status;

	memset(req, 0, sizeof(*req));
	req->fcgi = fcgi;
	req->started_us = http_now_us();
	req->route = "-";
	snprintf(req->id, sizeof(req->id), "r-%x-%lx",
	    (unsigned)getpid(), atomic_fetch_add(&counter, 1) + 1);
	req->method = param(fcgi, "REQUEST_METHOD");
	req->content_type = param(fcgi, "CONTENT_TYPE");
	req->remote_user = param(fcgi, "REMOTE_USER");
	req->origin = param(fcgi, "HTTP_ORIGIN");
	req->sec_fetch_site = param(fcgi, "HTTP_SEC_FETCH_SITE");
	req->accept = param(fcgi, "HTTP_ACCEPT");
	req->host = param(fcgi, "HTTP_HOST");
	if ((status = http_split_uri(param(fcgi, "REQUEST_URI"), req->path,
	    sizeof(req->path), req->query, sizeof(req->query))) != 0)
		return status;
	if (form_parse(&req->params, req->query, strlen(req->query)) == -1)
		return 400;
	return 0;
}

int
http_split_uri(const char *uri, char *path, size_t psize, char *query,
    size_t qsize)
{
	const char	*q = strchr(uri, '?');
	size_t		 plen = q ? (size_t)(q - uri) : strlen(uri);

	path[0] = query[0] = '\0';
	if (plen >= psize)
		return 414;
	if (plen == 0 || uri[0] != '/')
		return 400;
	memcpy(path, uri, plen);
	path[plen] = '\0';
	if (q != NULL) {
		if (strlen(q + 1) >= qsize)
			return 414;
		memcpy(query, q + 1, strlen(q + 1) + 1);
	}
	return 0;
}

int
http_parse_content_length(const char *cl, size_t limit, size_t *n)
{
	unsigned long long v;
	char		*end;

	*n = 0;
	if (cl == NULL || *cl == '\0')
		return 411;
	if (cl[0] < '0' || cl[0] > '9')
		return 400;
	errno = 0;
	v = strtoull(cl, &end, 10);
	if (errno || *end != '\0')
		return 400;
	if (v > limit)
		return 413;
	*n = (size_t)v;
	return 0;
}

int
http_read_body(struct request *req, size_t limit)
{
	size_t		 n;
	int		 got, status;

	if ((status = http_parse_content_length(FCGX_GetParam("CONTENT_LENGTH",
	    req->fcgi->envp), limit, &n)) != 0)
		return status;
	if (n > INT_MAX || (req->body = malloc(n + 1)) == NULL)
		return 500;
	got = n ? FCGX_GetStr(req->body, (int)n, req->fcgi->in) : 0;
	if (got < 0 || (size_t)got != n)
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

/*
 * Like http_send, with Content-Disposition: attachment so that the browser
 * saves the body as filename (a name we built: letters, digits, '-', '.').
 */
void
http_send_attachment(struct request *req, const char *ctype,
    const char *filename, const void *body, size_t len)
{
	char	 head[768];

	req->status = 200;
	snprintf(head, sizeof(head), "Status: 200 OK\r\n"
	    "Content-Type: %s\r\nContent-Length: %zu\r\n"
	    "Content-Disposition: attachment; filename=\"%s\"\r\n"
	    "Cache-Control: no-store\r\nX-Request-Id: %s\r\n\r\n",
	    ctype, len, filename, req->id);
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
