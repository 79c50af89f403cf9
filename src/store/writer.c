/*
 * writer: group commit for the threads of a worker (see writer.h).
 *
 * The queue is a list of operations on the callers' stacks.  The thread
 * that finds the writer idle becomes the leader: it waits for the
 * worker's turn to write (the flock), then takes the whole queue (its own
 * operation included, at most WRITER_BATCH_MAX), runs it with the mutex
 * released, and wakes everyone when the batch has ended.  The others wait
 * on the condition; whoever finds its operation still queued and the
 * writer idle leads the next batch.
 */
#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "writer.h"

/*
 * WAL pages between checkpoints (SQLite's own default is 1 000): a page
 * that many saves change, an index leaf or a table's last page, is copied
 * to the database once per checkpoint, so fewer checkpoints write less
 * (make bench: 1 000 -> 4 000 pages, about 15 % more saves a second).
 */
#define CHECKPOINT_PAGES 4000
/* With 4 KB pages the WAL starts over at about 64 MB. */
#define RESTART_PAGES	16384

struct writer_op {
	db_tx_fn		 fn;
	void			*arg;
	int			 rc;
	int			 finished;
	struct writer_op	*next;
};

/* After each COMMIT: how large the WAL has grown. */
static int
count_wal(void *arg, sqlite3 *conn, const char *name, int pages)
{
	struct writer	*w = arg;

	(void)conn;
	(void)name;
	if (pages < w->wal_pages)
		w->checkpointed = 0;	/* the WAL started over */
	w->wal_pages = pages;
	return SQLITE_OK;
}

int
writer_open(struct writer *w, const char *path)
{
	char	 lockpath[4096];
	int	 n;

	memset(w, 0, sizeof(*w));
	w->lockfd = -1;
	n = snprintf(lockpath, sizeof(lockpath), "%s-writer", path);
	if (n < 0 || (size_t)n >= sizeof(lockpath) ||
	    (w->lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC,
	    0600)) == -1) {
		fprintf(stderr, "level=error msg=\"writer lock %s-writer: %s\"\n",
		    path, strerror(errno));
		return -1;
	}
	if ((w->db = db_open(path, 0)) == NULL) {
		close(w->lockfd);
		return -1;
	}
	if (pthread_mutex_init(&w->lock, NULL) != 0) {
		db_close(w->db);
		close(w->lockfd);
		return -1;
	}
	if (pthread_cond_init(&w->done, NULL) != 0) {
		pthread_mutex_destroy(&w->lock);
		db_close(w->db);
		close(w->lockfd);
		return -1;
	}
	/*
	 * A small page cache, as the threads' (server.c): the other worker's
	 * COMMITs empty it anyway, and a full one is a megabyte that grows
	 * slowly over the random pages of a day's saves.
	 */
	if (db_cache_size(w->db, 256) == -1) {
		writer_close(w);
		return -1;
	}
	/* Replaces SQLite's checkpoint inside COMMIT (see checkpoint()). */
	sqlite3_wal_hook(w->db->conn, count_wal, w);
	w->tail = &w->head;
	return 0;
}

void
writer_close(struct writer *w)
{
	db_close(w->db);
	if (w->lockfd != -1)
		close(w->lockfd);
	pthread_cond_destroy(&w->done);
	pthread_mutex_destroy(&w->lock);
}

/*
 * One operation in its savepoint: its changes go when it declines them,
 * the others' stay.  Returns -1 when the transaction itself is gone (an
 * I/O error or a full disk rolls all of it back), else 0.
 */
static int
run_op(struct writer *w, struct writer_op *op)
{
	if (db_run(w->db, STMT_SAVEPOINT) == -1) {
		op->rc = -1;
		return sqlite3_get_autocommit(w->db->conn) ? -1 : 0;
	}
	op->rc = op->fn(w->db, op->arg);
	if (sqlite3_get_autocommit(w->db->conn)) {
		if (op->rc == 0)
			op->rc = -1;
		return -1;
	}
	if (op->rc != 0 && db_run(w->db, STMT_ROLLBACK_TO) == -1)
		op->rc = -1;
	if (db_run(w->db, STMT_RELEASE) == -1)
		return -1;
	return 0;
}

/* Marks the operations from first up to (not including) end as failed. */
static void
fail_ops(struct writer_op *first, struct writer_op *end)
{
	for (; first != end; first = first->next)
		if (first->rc == 0)
			first->rc = -1;
}

/*
 * Runs the operations from first on in one transaction, until one ends
 * the transaction with an error (all of it so far fails).  Returns the
 * operation to go on with in a new transaction, or NULL when every
 * operation has its rc.
 */
static struct writer_op *
run_transaction(struct writer *w, struct writer_op *first)
{
	struct writer_op	*op;

	if (db_begin(w->db) == -1) {
		for (op = first; op != NULL; op = op->next)
			op->rc = -1;
		return NULL;
	}
	for (op = first; op != NULL; op = op->next)
		if (run_op(w, op) == -1)
			break;
	if (op != NULL) {
		db_rollback(w->db);
		fail_ops(first, op->next);
		return op->next;
	}
	if (db_commit(w->db) == -1)
		fail_ops(first, NULL);
	return NULL;
}

/*
 * Copies the WAL back into the database once it has grown past
 * CHECKPOINT_PAGES.  SQLite would do it inside the COMMIT, while this
 * worker holds the turn to write; here the other worker may commit
 * meanwhile (a passive checkpoint does not stop writers), and this
 * worker's next batch grows while it waits.
 */
static void
checkpoint(struct writer *w)
{
	if (w->wal_pages - w->checkpointed < CHECKPOINT_PAGES)
		return;
	w->checkpointed = w->wal_pages;
	sqlite3_wal_checkpoint_v2(w->db->conn, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
}

/*
 * Starts the WAL over once it holds RESTART_PAGES.  While requests keep
 * reading, some reader always holds on to the WAL, so SQLite never finds
 * the moment to start it over by itself and it grows without end (300 MB
 * in a minute of saves), making every fsync pay for a growing file.  A
 * RESTART checkpoint waits (a few ms) until the readers have moved on to
 * the database file; this worker holds the turn to write meanwhile, so
 * the next COMMIT starts the WAL from its beginning.
 */
static void
restart_wal(struct writer *w)
{
	if (w->wal_pages < RESTART_PAGES)
		return;
	if (sqlite3_wal_checkpoint_v2(w->db->conn, NULL,
	    SQLITE_CHECKPOINT_RESTART, NULL, NULL) == SQLITE_OK)
		w->wal_pages = w->checkpointed = 0;
}

/* Takes at most WRITER_BATCH_MAX operations off the queue (lock held). */
static struct writer_op *
take_batch(struct writer *w)
{
	struct writer_op	*batch = w->head, *last = batch;
	int			 n = 1;

	while (last->next != NULL && n < WRITER_BATCH_MAX) {
		last = last->next;
		n++;
	}
	w->head = last->next;
	w->waiting -= n;
	if (w->head == NULL)
		w->tail = &w->head;
	last->next = NULL;
	w->batches++;
	w->ops += (unsigned long)n;
	return batch;
}

/*
 * Waits for this worker's turn to write, takes the queue and runs it in
 * as few transactions as it can: one, unless an error ends a transaction,
 * after which the rest start a new one.  Returns the batch, every
 * operation with its rc set.
 */
static struct writer_op *
run_batch(struct writer *w)
{
	struct writer_op	*batch, *first;

	/*
	 * The workers take turns through a lock the kernel hands on at once:
	 * SQLite's own wait for its write lock polls, and a worker would
	 * sleep through the other's commits.
	 */
	while (flock(w->lockfd, LOCK_EX) == -1 && errno == EINTR)
		;
	/* What queued while this worker waited for its turn goes along. */
	pthread_mutex_lock(&w->lock);
	batch = take_batch(w);
	pthread_mutex_unlock(&w->lock);
	first = batch;
	while (first != NULL)
		first = run_transaction(w, first);
	restart_wal(w);
	flock(w->lockfd, LOCK_UN);
	checkpoint(w);
	return batch;
}

int
writer_run(struct writer *w, db_tx_fn fn, void *arg)
{
	struct writer_op	 me, *batch, *op, *next;

	memset(&me, 0, sizeof(me));
	me.fn = fn;
	me.arg = arg;
	pthread_mutex_lock(&w->lock);
	*w->tail = &me;
	w->tail = &me.next;
	w->waiting++;
	while (!me.finished) {
		if (w->busy) {
			pthread_cond_wait(&w->done, &w->lock);
			continue;
		}
		w->busy = 1;
		pthread_mutex_unlock(&w->lock);
		batch = run_batch(w);
		pthread_mutex_lock(&w->lock);
		/* After this, a woken owner may leave: read next first. */
		for (op = batch; op != NULL; op = next) {
			next = op->next;
			op->finished = 1;
		}
		w->busy = 0;
		pthread_cond_broadcast(&w->done);
	}
	pthread_mutex_unlock(&w->lock);
	return me.rc;
}
