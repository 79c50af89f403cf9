/*
 * master: `insats serve`.  The master compiles schemas and stylesheets,
 * migrates the database, opens the FastCGI unix socket and forks the
 * workers (worker.c); it restarts a worker that dies and stops them all
 * on SIGTERM.
 *
 * SIGHUP reloads: a throw-away child first checks that the stylesheets and
 * schemas on disk compile; only then does the master recompile them, fork
 * a new set of workers and ask the old ones to retire.  A failed check is
 * logged and changes nothing.  No request is lost: the listening socket
 * stays open throughout, and a retiring worker finishes its current
 * request before it exits.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxml/parserInternals.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltutils.h>

#include "commands.h"
#include "kinds.h"
#include "log.h"
#include "render.h"
#include "server.h"
#include "xmldoc.h"

#define WORKERS_MAX	64
/* Retired workers still finishing a request, over successive reloads. */
#define RETIRING_MAX	(WORKERS_MAX * 4)

/* Master. */
static volatile sig_atomic_t	 stopping;
static volatile sig_atomic_t	 child_died;
static volatile sig_atomic_t	 reload_wanted;

/* libxml2's own loader, put back while the master recompiles. */
static xmlExternalEntityLoader	 default_loader;

struct workers {
	pid_t	 cur[WORKERS_MAX];	/* the current generation */
	int	 n;
	pid_t	 old[RETIRING_MAX];	/* retired, maybe still finishing */
	int	 generation;		/* reloads so far */
	int	 ready;			/* the master's compiled copies are good */
};

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

static void
on_hup(int sig)
{
	(void)sig;
	reload_wanted = 1;
}

static pid_t
spawn(int sock, const struct config *cfg)
{
	pid_t	 pid;

	/* Nothing buffered is inherited, so a child's exit() repeats nothing. */
	fflush(NULL);
	if ((pid = fork()) == 0)
		worker_run(sock, cfg);
	if (pid == -1)
		fprintf(stderr, "level=error msg=\"fork: %s\"\n",
		    strerror(errno));
	return pid;
}

/*
 * Creates the socket with the configured mode and group before anyone can
 * connect, non-blocking (see worker()).  Returns the descriptor or -1.
 */
static int
open_socket(const struct config *cfg)
{
	struct group	*gr;
	mode_t		 old;
	int		 sock, fl;

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
			close(sock);
			return -1;
		}
	}
	if (chmod(cfg->socket, cfg->socket_mode) == -1 ||
	    (fl = fcntl(sock, F_GETFL)) == -1 ||
	    fcntl(sock, F_SETFL, fl | O_NONBLOCK) == -1) {
		close(sock);
		return -1;
	}
	return sock;
}

/* libxslt's compile errors as log lines instead of raw text on stderr. */
static void
xslt_error(void *ctx, const char *fmt, ...)
{
	char	 msg[512], *p;
	va_list	 ap;

	(void)ctx;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '"' || *p == '\\')
			*p = ' ';
	if (strspn(msg, " ") != strlen(msg))
		fprintf(stderr, "level=error msg=\"xslt: %s\"\n", msg);
}

/*
 * Compiles the schemas and the stylesheet with file loading allowed, then
 * forbids it again (xmldoc_lockdown; render_load installs the refusing
 * XSLT loader and security preferences on success, and the previous
 * preferences are freed; on failure they are put back).  Returns 0 or -1.
 */
static int
compile_views(const struct config *cfg)
{
	xsltSecurityPrefsPtr	 prev = xsltGetDefaultSecurityPrefs();
	int			 ok;

	xsltSetGenericErrorFunc(NULL, xslt_error);
	xmlSetExternalEntityLoader(default_loader);
	xsltSetLoaderFunc(NULL);
	xsltSetDefaultSecurityPrefs(NULL);
	ok = kinds_load(cfg->schema_dir) == 0 && render_load(cfg->xsl_dir) == 0;
	xmldoc_lockdown();
	if (!ok)
		xsltSetDefaultSecurityPrefs(prev);
	else if (prev != NULL && prev != xsltGetDefaultSecurityPrefs())
		xsltFreeSecurityPrefs(prev);
	return ok ? 0 : -1;
}

/* Compiles and checks everything a worker needs, once.  0 or -1. */
static int
prepare(const struct config *cfg)
{
	struct db	*db = NULL;
	int		 rc;

	setenv("TZ", cfg->timezone, 1);
	tzset();
	xmldoc_init();
	default_loader = xmlGetExternalEntityLoader();
	if (compile_views(cfg) == -1)
		return -1;
	if ((db = db_open(cfg->database, 0)) == NULL)
		return -1;
	rc = db_migrate(db);
	db_close(db);
	return rc;
}

/*
 * Compiles the files on disk in a throw-away child, so that a broken file
 * costs the master nothing.  Returns 0 when they compile, else -1.
 */
static int
check_views(const struct config *cfg)
{
	pid_t	 pid;
	int	 status;

	fflush(stderr);
	if ((pid = fork()) == -1) {
		fprintf(stderr, "level=error msg=\"fork: %s\"\n",
		    strerror(errno));
		return -1;
	}
	if (pid == 0) {
		status = compile_views(cfg) == 0 ? 0 : 1;
		fflush(stderr);
		/*
		 * _exit: the status is the check's answer, and the at-exit
		 * leak check of a sanitizer build would replace it (and
		 * refuse a good reload) when it finds the copies this child
		 * just overwrote.  The same compile_views() is leak-checked
		 * in the master, which runs it on every reload and ends
		 * through exit().
		 */
		_exit(status);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Remembers a retired worker; 0, or -1 when the table is full. */
static int
add_retired(struct workers *w, pid_t pid)
{
	int	 i;

	for (i = 0; i < RETIRING_MAX; i++)
		if (w->old[i] <= 0) {
			w->old[i] = pid;
			return 0;
		}
	return -1;
}

/*
 * SIGHUP: check, recompile in the master, start a new generation and
 * retire the old one.  A worker slot whose new process could not be
 * forked keeps its old worker.
 */
static void
reload(int sock, const struct config *cfg, struct workers *w)
{
	pid_t	 pid;
	int	 i, retired = 0;

	if (check_views(cfg) == -1) {
		fprintf(stderr, "level=error msg=\"reload refused: the "
		    "stylesheets or schemas do not compile; the running "
		    "workers keep serving\" xsl_dir=%s schema_dir=%s\n",
		    cfg->xsl_dir, cfg->schema_dir);
		return;
	}
	kinds_free();
	render_free();
	if (compile_views(cfg) == -1) {
		/* Changed on disk between the check and now. */
		w->ready = 0;
		fprintf(stderr, "level=error msg=\"reload failed after its "
		    "check; the running workers keep serving, none is "
		    "started until a reload succeeds\"\n");
		return;
	}
	w->ready = 1;
	w->generation++;
	for (i = 0; i < w->n; i++) {
		if ((pid = spawn(sock, cfg)) == -1)
			continue;
		if (w->cur[i] > 0) {
			kill(w->cur[i], SIGTERM);
			if (add_retired(w, w->cur[i]) == -1)
				fprintf(stderr, "level=warn msg=\"too many "
				    "retiring workers to track\"\n");
			retired++;
		}
		w->cur[i] = pid;
	}
	fprintf(stderr, "level=info msg=\"reloaded stylesheets and schemas\" "
	    "generation=%d retiring=%d\n", w->generation, retired);
}

/*
 * Logs how a retired or stopped worker ended: info for exit status 0, warn
 * for any other (a sanitizer build exits non-zero on a leak) or a signal.
 */
static void
log_ended(pid_t pid, int status)
{
	if (WIFEXITED(status))
		fprintf(stderr, "level=%s msg=\"worker ended\" pid=%d exit=%d\n",
		    WEXITSTATUS(status) == 0 ? "info" : "warn", (int)pid,
		    WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		fprintf(stderr, "level=warn msg=\"worker ended\" pid=%d "
		    "signal=%d\n", (int)pid, WTERMSIG(status));
}

/* Collects ended children; restarts a worker of the current generation. */
static void
reap(int sock, const struct config *cfg, struct workers *w)
{
	pid_t	 pid;
	int	 i, status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < RETIRING_MAX; i++)
			if (w->old[i] == pid) {
				w->old[i] = 0;
				log_ended(pid, status);
			}
		for (i = 0; i < w->n; i++) {
			if (w->cur[i] != pid)
				continue;
			w->cur[i] = -1;
			fprintf(stderr, "level=warn msg=\"worker %d ended "
			    "(status %d); restarting\"\n", (int)pid, status);
			if (stopping)
				continue;
			if (!w->ready) {
				fprintf(stderr, "level=error msg=\"not "
				    "restarting: no good stylesheets; fix "
				    "them and reload\"\n");
				continue;
			}
			usleep(50000);
			w->cur[i] = spawn(sock, cfg);
		}
	}
}

/*
 * The master's loop.  Its signals are blocked except inside sigsuspend(),
 * so none is missed between a check and the wait.  WAL checkpoints stay
 * SQLite's automatic ones: `make bench` measured saves slower with a
 * periodic checkpoint from the master competing for the disk.
 */
static void
supervise(int sock, const struct config *cfg, struct workers *w,
    const sigset_t *waitmask)
{
	while (!stopping) {
		if (child_died) {
			child_died = 0;
			reap(sock, cfg, w);
		} else if (reload_wanted) {
			reload_wanted = 0;
			reload(sock, cfg, w);
		} else
			sigsuspend(waitmask);
	}
}

/* Collects and logs ended children; 1 while any is left to collect. */
static int
children_left(void)
{
	pid_t	 pid;
	int	 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		log_ended(pid, status);
	return !(pid == -1 && errno == ECHILD);
}

/*
 * SIGTERM to every worker, which retires after its current request and
 * ends through exit(); SIGKILL to those still there after 10 s.
 */
static void
stop_workers(struct workers *w)
{
	pid_t	 pid;
	int	 i, tries, status;

	for (i = 0; i < w->n; i++)
		if (w->cur[i] > 0)
			kill(w->cur[i], SIGTERM);
	for (i = 0; i < RETIRING_MAX; i++)
		if (w->old[i] > 0)
			kill(w->old[i], SIGTERM);
	/* Bounded wait (10 s) for them to finish their current request. */
	for (tries = 0; tries < 200; tries++) {
		if (!children_left())
			return;
		usleep(50000);
	}
	for (i = 0; i < w->n; i++)
		if (w->cur[i] > 0)
			kill(w->cur[i], SIGKILL);
	for (i = 0; i < RETIRING_MAX; i++)
		if (w->old[i] > 0)
			kill(w->old[i], SIGKILL);
	while ((pid = waitpid(-1, &status, 0)) > 0)
		log_ended(pid, status);
}

/*
 * Installs the master's handlers with its signals blocked; *waitmask gets
 * the mask to wait with (the old one).
 */
static void
master_signals(sigset_t *waitmask)
{
	struct sigaction	 sa;
	sigset_t		 block;

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, waitmask);
	sigdelset(waitmask, SIGTERM);
	sigdelset(waitmask, SIGINT);
	sigdelset(waitmask, SIGHUP);
	sigdelset(waitmask, SIGCHLD);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int
cmd_serve(int argc, char **argv)
{
	struct cmd_common	 c;
	static struct workers	 w;
	sigset_t		 waitmask;
	int			 sock, i;

	if (cmd_common_options(&argc, argv, &c) == -1)
		return 1;
	if (argc != 1) {
		fprintf(stderr, "usage: insats serve [--config PATH] [--db PATH]\n");
		return 2;
	}
	if (log_filter_stderr(c.cfg.log_level) == -1)
		fprintf(stderr, "level=warn msg=\"no log level filter\"\n");
	master_signals(&waitmask);
	if (prepare(&c.cfg) == -1)
		return 1;
	if (FCGX_Init() != 0 || (sock = open_socket(&c.cfg)) == -1)
		return 1;
	w.n = c.cfg.workers;
	w.ready = 1;
	for (i = 0; i < w.n; i++)
		w.cur[i] = spawn(sock, &c.cfg);
	fprintf(stderr, "level=info msg=\"insats serving\" socket=%s "
	    "workers=%d\n", c.cfg.socket, c.cfg.workers);
	supervise(sock, &c.cfg, &w, &waitmask);
	stop_workers(&w);
	unlink(c.cfg.socket);
	server_release_views();
	fprintf(stderr, "level=info msg=\"insats stopped\"\n");
	fflush(stderr);
	return 0;
}
