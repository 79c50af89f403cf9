/*
 * server: `insats serve`.  The master compiles schemas and stylesheets,
 * migrates the database, opens the FastCGI unix socket and forks the
 * workers; it restarts a worker that dies and stops them all on SIGTERM.
 * Each worker runs a few threads, each with its own database connection
 * for reading; a worker's writes go through one connection that commits
 * them in groups (writer.h).
 *
 * SIGHUP reloads: a throw-away child first checks that the stylesheets and
 * schemas on disk compile; only then does the master recompile them, fork
 * a new set of workers and ask the old ones to retire.  A failed check is
 * logged and changes nothing.  No request is lost: the listening socket
 * stays open throughout, and a retiring worker finishes its current
 * request before it exits.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
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
#include "router.h"
#include "pagecache.h"
#include "store.h"
#include "writer.h"
#include "xmldoc.h"

#define WORKERS_MAX	64
#define THREADS_MAX	64	/* per worker: config.c's bound */
#define TRIM_EVERY	1000	/* requests between two malloc_trim() */
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

/* Per-process limits, so one runaway request cannot take the machine. */
static void
set_limits(const struct config *cfg)
{
	struct rlimit	 rl;

#ifdef __SANITIZE_ADDRESS__
	/* ASan reserves terabytes of shadow address space: no RLIMIT_AS. */
	fprintf(stderr, "level=warn msg=\"ASan build: no RLIMIT_AS\"\n");
#else
	rl.rlim_cur = rl.rlim_max = (rlim_t)cfg->memory_limit_mb * 1024 * 1024;
	if (setrlimit(RLIMIT_AS, &rl) == -1)
		fprintf(stderr, "level=warn msg=\"RLIMIT_AS: %s\"\n",
		    strerror(errno));
#endif
	rl.rlim_cur = rl.rlim_max = (rlim_t)cfg->cpu_limit_s;
	if (setrlimit(RLIMIT_CPU, &rl) == -1)
		fprintf(stderr, "level=warn msg=\"RLIMIT_CPU: %s\"\n",
		    strerror(errno));
}

/*
 * The request line of a request refused before routing (the router logs
 * every other one).  Only fixed or validated values: never the URL.
 */
static void
log_refused(const struct request *req)
{
	char		 when[32];
	const char	*m = req->method != NULL ? req->method : "";
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (m[0] == '\0' || strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
	    strlen(m) || strlen(m) > 16)
		m = "-";
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "time=%s id=%s user=- role=- method=%s route=- "
	    "status=%d us=%lld\n", when, req->id, m, req->status,
	    http_now_us() - req->started_us);
}

/*
 * Signals in a worker: SIGTERM and SIGINT ask it to retire.  They stay
 * blocked in every thread and the main thread takes them with sigwait(),
 * so they never interrupt a request (libfcgi would drop a half-read one);
 * SIGHUP is the master's.  Sets *retire to the signals to wait for.
 */
static void
worker_signals(sigset_t *retire)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(retire);
	sigaddset(retire, SIGTERM);
	sigaddset(retire, SIGINT);
	sigprocmask(SIG_SETMASK, retire, NULL);
}

/*
 * Frees the compiled schemas and stylesheet, the page cache, the XSLT
 * security preferences and the global state of libxml2 and libxslt, just
 * before the process exits.  A worker owns the copies of what the master
 * compiled before fork(), so it frees them as its own.
 */
static void
release_views(void)
{
	xsltSecurityPrefsPtr	 prefs = xsltGetDefaultSecurityPrefs();

	kinds_free();
	render_free();
	xsltSetDefaultSecurityPrefs(NULL);
	if (prefs != NULL)
		xsltFreeSecurityPrefs(prefs);
	xsltCleanupGlobals();
	xmlCleanupParser();
}

/*
 * atexit() in a worker: the line shows that the worker ended through
 * exit(), whose handlers include LeakSanitizer's check in the sanitizer
 * build (registered before main, so it runs after this one).
 */
static void
log_worker_exit(void)
{
	fprintf(stderr, "level=info msg=\"worker exit\" pid=%d\n",
	    (int)getpid());
	fflush(stderr);
}

/* What the threads of a worker share. */
struct worker {
	int			 sock;
	const struct config	*cfg;
	char			 secret[129];	/* CSRF key */
	struct writer		 writer;
	pthread_mutex_t		 accept_lock;
	int			 stop[2];	/* a pipe: readable = retire */
	atomic_int		 failed;	/* a thread could not serve */
	atomic_ulong		 served;	/* requests, for malloc_trim */
};

/* Ends a worker with status: frees what it owns, then exit(). */
static _Noreturn void
worker_exit(struct worker *wk, int status)
{
	writer_close(&wk->writer);
	release_views();
	exit(status);
}

/* Makes every thread leave after its current request. */
static void
worker_stop(struct worker *wk)
{
	char	 c = 0;

	while (write(wk->stop[1], &c, 1) == -1 && errno == EINTR)
		;
}

/*
 * Waits until the listening socket has a connection or the worker
 * retires.  Returns 1 (try to accept), 0 (retire) or -1 (socket failed).
 */
static int
wait_connection(const struct worker *wk)
{
	struct pollfd	 pfd[2];

	memset(pfd, 0, sizeof(pfd));
	pfd[0].fd = wk->sock;
	pfd[0].events = POLLIN;
	pfd[1].fd = wk->stop[0];
	pfd[1].events = POLLIN;
	while (poll(pfd, 2, -1) == -1)
		if (errno != EINTR)
			return -1;
	if (pfd[1].revents != 0)
		return 0;
	if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL))
		return -1;
	return 1;
}

/*
 * The next request of this thread.  One thread of the worker at a time
 * waits at the socket (the others at the lock), so a connection wakes one
 * thread per worker; another worker may still win it (EAGAIN: the socket
 * is non-blocking and shared).  Returns 1 with a request, 0 to retire, or
 * -1 when the socket failed.
 */
static int
next_request(struct worker *wk, FCGX_Request *fcgi)
{
	int	 rc;

	pthread_mutex_lock(&wk->accept_lock);
	for (;;) {
		if ((rc = wait_connection(wk)) != 1)
			break;
		if ((rc = FCGX_Accept_r(fcgi)) >= 0) {
			rc = 1;
			break;
		}
		if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR ||
		    rc == -ECONNABORTED)
			continue;
		fprintf(stderr, "level=error msg=\"accept failed (%d)\"\n", rc);
		rc = -1;
		break;
	}
	pthread_mutex_unlock(&wk->accept_lock);
	return rc;
}

/*
 * Every TRIM_EVERY requests of the worker, gives the heap's free pages
 * back to the kernel.  Pages of many sizes come and go with each request
 * (a page document, its HTML, the parsed XML), and the holes they leave
 * in the heap would otherwise stay resident: the worker's memory would
 * creep up over a day (make bench: RSS after 20 000 and 200 000
 * requests).  A trim costs well under a millisecond.
 */
static void
trim_now_and_then(struct worker *wk)
{
	if (atomic_fetch_add(&wk->served, 1) % TRIM_EVERY == TRIM_EVERY - 1)
		malloc_trim(0);
}

/*
 * A thread of the worker: its own database connection for reading (its
 * writes go through the worker's writer), one request at a time until
 * the worker retires.  A thread that cannot serve stops the worker, and
 * the master starts a new one.
 */
static void *
serve_thread(void *arg)
{
	struct worker	*wk = arg;
	FCGX_Request	 fcgi;
	struct request	 req;
	struct db	*db = NULL;
	int		 rc = -1, status;

	xmldoc_thread_init();
	/*
	 * 256 KB of page cache per thread instead of 1 MB: every COMMIT of
	 * another connection empties it anyway, and a full megabyte in each
	 * thread would be a third of the worker's memory (make bench: RSS).
	 */
	if ((db = db_open(wk->cfg->database, 0)) == NULL)
		goto out;
	if (db_cache_size(db, 256) == -1) {
		db_close(db);
		goto out;
	}
	db_use_writer(db, &wk->writer);
	if (FCGX_InitRequest(&fcgi, wk->sock, 0) != 0) {
		db_close(db);
		goto out;
	}
	while ((rc = next_request(wk, &fcgi)) == 1) {
		if ((status = http_request_init(&req, &fcgi)) != 0) {
			http_send(&req, status, "text/plain; charset=utf-8",
			    "Felaktig begäran.\n", 19);
			log_refused(&req);
		} else
			router_dispatch(&req, db, wk->cfg, wk->secret);
		http_request_free(&req);
		FCGX_Finish_r(&fcgi);
		trim_now_and_then(wk);
	}
	FCGX_Free(&fcgi, 0);
	db_close(db);
out:
	pagecache_thread_clear();
	if (rc == -1) {
		atomic_store(&wk->failed, 1);
		kill(getpid(), SIGTERM);	/* the main thread stops all */
	}
	return NULL;
}

/*
 * Starts the threads; on failure stops those already started.  Returns
 * the number started (cfg->threads), or -1.
 */
static int
start_threads(struct worker *wk, pthread_t *t)
{
	pthread_attr_t	 attr;
	int		 i, n = wk->cfg->threads, rc = 0;

	if (pthread_attr_init(&attr) != 0)
		return -1;
	/*
	 * Half the main thread's 8 MB: ample for libxml2's and libxslt's
	 * recursion on documents of at most 256 levels (the parser's limit).
	 */
	pthread_attr_setstacksize(&attr, 4 * 1024 * 1024);
	for (i = 0; i < n && rc == 0; i++)
		rc = pthread_create(&t[i], &attr, serve_thread, wk);
	pthread_attr_destroy(&attr);
	if (rc == 0)
		return n;
	fprintf(stderr, "level=error msg=\"pthread_create: %s\"\n",
	    strerror(rc));
	worker_stop(wk);
	while (--i > 0)
		pthread_join(t[i - 1], NULL);
	return -1;
}

/*
 * The worker: a writer (group commit) and cfg->threads threads serving
 * requests, until SIGTERM or SIGINT asks it to retire; each thread ends
 * its current request first.
 */
static _Noreturn void
worker(int sock, const struct config *cfg)
{
	static struct worker	 wk;
	pthread_t		 t[THREADS_MAX];
	sigset_t		 retire;
	int			 i, n, sig;

	worker_signals(&retire);
	if (atexit(log_worker_exit) != 0)
		fprintf(stderr, "level=warn msg=\"atexit failed\"\n");
	set_limits(cfg);
	/*
	 * One malloc arena for all the threads rather than one each: each
	 * arena reserves 64 MB of the address space that RLIMIT_AS bounds,
	 * and memory freed in one arena cannot serve another's requests, so
	 * the worker's memory would creep up (make bench: RSS).
	 */
	mallopt(M_ARENA_MAX, 1);
	wk.sock = sock;
	wk.cfg = cfg;
	pagecache_set_pages(cfg->page_cache);
	if (writer_open(&wk.writer, cfg->database) == -1) {
		release_views();
		exit(1);
	}
	if (store_setting(wk.writer.db, "csrf_secret", wk.secret,
	    sizeof(wk.secret)) != 0) {
		fprintf(stderr, "level=error msg=\"no csrf_secret: run insats "
		    "init\"\n");
		worker_exit(&wk, 1);
	}
	if (pthread_mutex_init(&wk.accept_lock, NULL) != 0 ||
	    pipe2(wk.stop, O_CLOEXEC) == -1 ||
	    (n = start_threads(&wk, t)) == -1)
		worker_exit(&wk, 1);
	fprintf(stderr, "level=debug msg=\"worker started\" pid=%d threads=%d\n",
	    (int)getpid(), n);
	while (sigwait(&retire, &sig) != 0)
		;
	worker_stop(&wk);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	fprintf(stderr, "level=info msg=\"worker retired\" pid=%d batches=%lu "
	    "writes=%lu\n", (int)getpid(), wk.writer.batches, wk.writer.ops);
	close(wk.stop[0]);
	close(wk.stop[1]);
	pthread_mutex_destroy(&wk.accept_lock);
	worker_exit(&wk, atomic_load(&wk.failed) ? 1 : 0);
}

static pid_t
spawn(int sock, const struct config *cfg)
{
	pid_t	 pid;

	/* Nothing buffered is inherited, so a child's exit() repeats nothing. */
	fflush(NULL);
	if ((pid = fork()) == 0)
		worker(sock, cfg);
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
	release_views();
	fprintf(stderr, "level=info msg=\"insats stopped\"\n");
	fflush(stderr);
	return 0;
}
