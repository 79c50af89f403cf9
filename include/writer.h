/*
 * writer: group commit for the threads of one worker process.
 *
 * Every save must be on disk (synchronous=FULL: one WAL fsync) before it
 * is acknowledged, and SQLite lets one connection write at a time.  One
 * fsync per save would bound the whole server by the disk's flush time,
 * so the threads hand their write transactions to one writing connection:
 * while it commits one batch, the next requests queue up, and the next
 * thread to find the writer idle runs all of them in one transaction,
 * each in its own savepoint, with one COMMIT.  A thread returns only
 * after the COMMIT that contains its work, so nothing is acknowledged
 * before it is durable; if the COMMIT fails, every transaction of the
 * batch reports failure.  The workers take turns to write through an
 * flock() on the file DATABASE-writer.
 */
#ifndef INSATS_WRITER_H
#define INSATS_WRITER_H

#include <pthread.h>

#include "database.h"

#define WRITER_BATCH_MAX 64	/* transactions in one COMMIT */

struct writer_op;

struct writer {
	pthread_mutex_t		 lock;
	pthread_cond_t		 done;		/* a batch has ended */
	struct db		*db;		/* the writing connection */
	int			 lockfd;	/* DATABASE-writer, flock()ed */
	int			 wal_pages;	/* after the last COMMIT */
	int			 checkpointed;	/* wal_pages at the last checkpoint */
	struct writer_op	*head;		/* waiting to run, in order */
	struct writer_op	**tail;
	int			 waiting;	/* operations in the queue */
	int			 busy;		/* a thread is running a batch */
	unsigned long		 batches, ops;	/* for the exit log line */
};

/*
 * Opens the writing connection to path.  Returns 0, or -1 (logged) with
 * nothing to close.
 */
int	 writer_open(struct writer *w, const char *path);
/* Closes it; no thread may be inside writer_run. */
void	 writer_close(struct writer *w);
/*
 * Runs fn(db, arg) inside a write transaction of w's connection (db is
 * that connection: fn must use it, not the caller's) and returns when
 * that transaction is committed or rolled back.  fn returns 0 to keep its
 * changes, anything else to undo them.  Returns fn's result, or -1 when
 * fn's changes were kept but could not be committed.
 */
int	 writer_run(struct writer *w, db_tx_fn fn, void *arg);

#endif
