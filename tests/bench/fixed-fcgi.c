/*
 * fixed-fcgi: the architecture's upper limit for `make bench`.  A libfcgi
 * responder that answers every request with the same body of SIZE bytes,
 * in NPROC processes accepting on one unix socket, as insats does.
 *
 *   fixed-fcgi SOCKET SIZE NPROC
 *
 * Runs until SIGTERM, which the first process passes on to the others.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define NPROC_MAX 64

static pid_t	 kids[NPROC_MAX];
static long	 nkids;

/* SIGTERM in the parent: stop the children, then end. */
static void
on_term(int sig)
{
	long	 i;

	(void)sig;
	for (i = 0; i < nkids; i++)
		kill(kids[i], SIGTERM);
	_exit(0);
}

/* Accepts and answers until killed.  Never returns. */
static void
serve(int sock, const char *body, size_t len)
{
	FCGX_Request	 req;
	char		 head[256];
	int		 n;

	if (FCGX_InitRequest(&req, sock, 0) != 0)
		_exit(1);
	n = snprintf(head, sizeof(head), "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n\r\n", len);
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_PutStr(head, n, req.out);
		FCGX_PutStr(body, (int)len, req.out);
		FCGX_Finish_r(&req);
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	char	*body;
	long	 size, nproc, i;
	int	 sock;

	if (argc != 4 || (size = atol(argv[2])) < 1 || size > 1 << 20 ||
	    (nproc = atol(argv[3])) < 1 || nproc > NPROC_MAX) {
		fprintf(stderr, "usage: fixed-fcgi SOCKET SIZE NPROC\n");
		return 2;
	}
	if ((body = malloc((size_t)size)) == NULL)
		return 1;
	memset(body, 'x', (size_t)size);
	if (FCGX_Init() != 0 || (unlink(argv[1]), sock =
	    FCGX_OpenSocket(argv[1], 128)) < 0 || chmod(argv[1], 0666) == -1) {
		fprintf(stderr, "fixed-fcgi: cannot listen on %s\n", argv[1]);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < nproc; i++) {
		if ((kids[i] = fork()) == 0)
			serve(sock, body, (size_t)size);
		if (kids[i] > 0)
			nkids++;
	}
	signal(SIGTERM, on_term);
	while (wait(NULL) > 0)
		;
	return 0;
}
