/*
 * worker: a process the master forks (server.h).  It runs a few threads,
 * each with its own database connection for reading and serving one
 * request at a time; the worker's writes go through one connection that
 * commits them in groups (writer.h).  SIGTERM or SIGINT asks it to
 * retire: each thread ends its current request first.
 */
#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxslt/security.h>
#include <libxslt/xslt.h>

#include "kinds.h"
#include "fragment.h"
#include "pagecache.h"
#include "render.h"
#include "router.h"
#include "server.h"
#include "store.h"
#include "writer.h"
#include "xmldoc.h"

#define THREADS_MAX	64	/* per worker: config.c's bound */
#define TRIM_EVERY	1000	/* requests between two malloc_trim() */

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
void
server_release_views(void)
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
	server_release_views();
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
	fragment_thread_clear();
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
_Noreturn void
worker_run(int sock, const struct config *cfg)
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
	fragment_set_rows(cfg->fragment_cache);
	if (writer_open(&wk.writer, cfg->database) == -1) {
		server_release_views();
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
