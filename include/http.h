/*
 * http: one FastCGI request: its parameters, its bounded body, and the
 * response.  Handlers never read FastCGI parameters themselves.
 */
#ifndef INSATS_HTTP_H
#define INSATS_HTTP_H

#include <stddef.h>
#include <fcgiapp.h>

#include "form.h"

struct request {
	FCGX_Request	*fcgi;
	const char	*method;
	const char	*content_type;	/* "" when absent */
	const char	*remote_user;	/* "" when absent */
	const char	*origin;
	const char	*sec_fetch_site;
	const char	*accept;
	const char	*host;
	char		 path[512];	/* the URI up to '?' */
	char		 query[1024];	/* raw query string */
	struct form	 params;	/* the parsed query string */
	char		*body;		/* NUL-terminated, may be NULL */
	size_t		 body_len;
	char		 id[24];	/* request id for logs and error pages */
	long long	 started_us;
	int		 status;	/* as sent, for the log line */
	const char	*route;		/* route pattern, for the log line */
};

/*
 * Reads the parameters of fcgi into req.  Returns 0, or an HTTP status
 * (400, 414) for a request that cannot be served.
 */
int		 http_request_init(struct request *req, FCGX_Request *fcgi);
/*
 * Reads a body of at most limit bytes.  Returns 0, or 411/413/400.
 */
int		 http_read_body(struct request *req, size_t limit);
void		 http_request_free(struct request *req);
/*
 * Splits a REQUEST_URI into its path (up to '?') and raw query string.
 * Pure, for the fuzzer.  Returns 0, 400 (not an absolute path) or 414
 * (path or query longer than its buffer).
 */
int		 http_split_uri(const char *uri, char *path, size_t psize,
		    char *query, size_t qsize);
/*
 * Parses a CONTENT_LENGTH value (may be NULL) into *n: decimal digits only,
 * at most limit.  Pure, for the fuzzer.  Returns 0, 411 (absent), 400
 * (malformed or overflowing) or 413 (over limit).
 */
int		 http_parse_content_length(const char *cl, size_t limit,
		    size_t *n);
/* 1 if the content type (ignoring parameters) is type. */
int		 http_content_type_is(const struct request *req,
		    const char *type);
/* Sends status, headers and body. */
void		 http_send(struct request *req, int status, const char *ctype,
		    const char *body, size_t len);
/* 200 with the body as a download saved as filename. */
void		 http_send_attachment(struct request *req, const char *ctype,
		    const char *filename, const void *body, size_t len);
/* 303 See Other to a local path. */
void		 http_redirect(struct request *req, const char *location);
/* The reason phrase of status ("Not Found"); never NULL. */
const char	*http_status_text(int status);
/* Microseconds of the monotonic clock, for durations. */
long long	 http_now_us(void);

#endif
