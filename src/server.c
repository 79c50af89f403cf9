/*
 * server: `insats serve`.  The master compiles schemas and stylesheets,
 * migrates the database, opens the FastCGI unix socket and forks the
 * workers; it restarts a worker that dies and stops them all on SIGTERM.
 * Each worker is single-threaded and opens its own database connection.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxslt/xslt.h>

#include "commands.h"
#include "kinds.h"
#include "render.h"
#include "router.h"
#include "store.h"
#include "xmldoc.h"

#define WORKERS_MAX 64

static volatile sig_atomic_t	 stopping;
static volatile sig_atomic_t	 child_died;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
on_child(int sig)
{
	(void)sig;
	child_died = 1;
}

/* Per-process limits, so one runaway request cannot take the machine. */
static void
set_limits(const struct config *cfg)
{
	struct rlimit	 rl;

	rl.rlim_cur = rl.rlim_max = (rlim_t)cfg->memory_limit_mb * 1024 * 1024;
	if (setrlimit(RLIMIT_AS, &rl) == -1)
		fprintf(stderr, "level=warn msg=\"RLIMIT_AS: %s\"\n",
		    strerror(errno));
	rl.rlim_cur = rl.rlim_max = (rlim_t)cfg->cpu_limit_s;
	if (setrlimit(RLIMIT_CPU, &rl) == -1)
		fprintf(stderr, "level=warn msg=\"RLIMIT_CPU: %s\"\n",
		    strerror(errno));
}

/* The worker: open the database, then accept requests until killed. */
static void
worker(int sock, const struct config *cfg)
{
	FCGX_Request	 fcgi;
	struct request	 req;
	struct db	 db;
	char		 secret[129];
	int		 status;

	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	set_limits(cfg);
	if (db_open(&db, cfg->database, 0) == -1)
		_exit(1);
	if (store_setting(&db, "csrf_secret", secret, sizeof(secret)) != 0) {
		fprintf(stderr, "level=error msg=\"no csrf_secret: run insats "
		    "init\"\n");
		_exit(1);
	}
	if (FCGX_InitRequest(&fcgi, sock, 0) != 0)
		_exit(1);
	while (FCGX_Accept_r(&fcgi) >= 0) {
		if ((status = http_request_init(&req, &fcgi)) != 0) {
			http_send(&req, status, "text/plain; charset=utf-8",
			    "Felaktig begäran.\n", 19);
		} else
			router_dispatch(&req, &db, cfg, secret);
		http_request_free(&req);
		FCGX_Finish_r(&fcgi);
	}
	db_close(&db);
	_exit(0);
}

static pid_t
spawn(int sock, const struct config *cfg)
{
	pid_t	 pid = fork();

	if (pid == 0)
		worker(sock, cfg);
	if (pid == -1)
		fprintf(stderr, "level=error msg=\"fork: %s\"\n",
		    strerror(errno));
	return pid;
}

/*
 * Creates the socket with the configured mode and group before anyone can
 * connect.  Returns the descriptor or -1.
 */
static int
open_socket(const struct config *cfg)
{
	struct group	*gr;
	mode_t		 old;
	int		 sock;

	unlink(cfg->socket);
	old = umask(0777 & ~cfg->socket_mode);
	sock = FCGX_OpenSocket(cfg->socket, 128);
	umask(old);
	if (sock < 0) {
		fprintf(stderr, "level=error msg=\"cannot listen on %s\"\n",
		    cfg->socket);
		return -1;
	}
	if (cfg->socket_group[0] != '\0') {
		if ((gr = getgrnam(cfg->socket_group)) == NULL ||
		    chown(cfg->socket, (uid_t)-1, gr->gr_gid) == -1) {
			fprintf(stderr, "level=error msg=\"cannot give %s to "
			    "group %s\"\n", cfg->socket, cfg->socket_group);
			return -1;
		}
	}
	if (chmod(cfg->socket, cfg->socket_mode) == -1)
		return -1;
	return sock;
}

/* Compiles and checks everything a worker needs, once.  0 or -1. */
static int
prepare(const struct config *cfg)
{
	struct db	 db;
	int		 rc;

	setenv("TZ", cfg->timezone, 1);
	tzset();
	xmldoc_init();
	if (kinds_load(cfg->schema_dir) == -1 || render_load(cfg->xsl_dir) == -1)
		return -1;
	xmldoc_lockdown();
	if (db_open(&db, cfg->database, 0) == -1)
		return -1;
	rc = db_migrate(&db);
	db_close(&db);
	return rc;
}

static void
supervise(int sock, const struct config *cfg, pid_t *pids, int n)
{
	pid_t	 pid;
	int	 i, status;

	while (!stopping) {
		pause();
		if (!child_died)
			continue;
		child_died = 0;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i < n; i++) {
				if (pids[i] != pid)
					continue;
				fprintf(stderr, "level=warn msg=\"worker %d "
				    "ended (status %d); restarting\"\n",
				    (int)pid, status);
				if (!stopping) {
					usleep(50000);
					pids[i] = spawn(sock, cfg);
				}
			}
		}
	}
}

static void
stop_workers(pid_t *pids, int n)
{
	int	 i, tries;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	/* Bounded wait (5 s) for them to finish their current request. */
	for (tries = 0; tries < 100; tries++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD)
			return;
		usleep(50000);
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	while (waitpid(-1, NULL, 0) > 0)
		;
}

int
cmd_serve(int argc, char **argv)
{
	struct cmd_common	 c;
	struct sigaction	 sa;
	pid_t			 pids[WORKERS_MAX];
	int			 sock, i;

	if (cmd_common_options(&argc, argv, &c) == -1)
		return 1;
	if (argc != 1) {
		fprintf(stderr, "usage: insats serve [--config PATH] [--db PATH]\n");
		return 2;
	}
	if (prepare(&c.cfg) == -1)
		return 1;
	if (FCGX_Init() != 0 || (sock = open_socket(&c.cfg)) == -1)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < c.cfg.workers; i++)
		pids[i] = spawn(sock, &c.cfg);
	fprintf(stderr, "level=info msg=\"insats serving on %s with %d "
	    "workers\"\n", c.cfg.socket, c.cfg.workers);
	supervise(sock, &c.cfg, pids, c.cfg.workers);
	stop_workers(pids, c.cfg.workers);
	unlink(c.cfg.socket);
	fprintf(stderr, "level=info msg=\"insats stopped\"\n");
	return 0;
}
