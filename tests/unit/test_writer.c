/*
 * Unit tests of writer: group commit.  A real SQLite database in a
 * temporary directory (WAL needs a file), a table t(v) and threads that
 * hand their inserts to one writer.  The tests force what they check: an
 * operation that holds the writer until the others have queued makes
 * them one batch; an operation that declines, fails, or breaks the COMMIT
 * shows which changes stay.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "db.h"
#include "writer.h"

#define THREADS	4

struct fixture {
	char		 dir[64];
	char		 path[128];
	struct writer	 w;
	struct db	*reader;
};

/* An insert of v, as an operation; what it returns is up to the test. */
struct op {
	struct fixture	*f;
	int		 v;
	int		 result;	/* what fn returns after inserting */
	int		 wait_for;	/* hold the writer until this many queue */
	int		 bad_fk;	/* insert a row the COMMIT refuses */
	int		 rc;		/* what writer_run returned */
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof(*f));

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/insats-writer.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	assert_non_null(f->reader = db_open(f->path, 1));
	assert_int_equal(db_exec(f->reader, "CREATE TABLE p(id INTEGER "
	    "PRIMARY KEY); CREATE TABLE t(v INTEGER NOT NULL, "
	    "p INTEGER REFERENCES p(id))"), 0);
	assert_int_equal(writer_open(&f->w, f->path), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;
	char		 p[160];

	writer_close(&f->w);
	db_close(f->reader);
	snprintf(p, sizeof(p), "%s/t.db", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t.db-wal", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t.db-shm", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t.db-writer", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Operations waiting in the writer's queue. */
static int
queued(struct writer *w)
{
	int	 n;

	pthread_mutex_lock(&w->lock);
	n = w->waiting;
	pthread_mutex_unlock(&w->lock);
	return n;
}

/* Whether a thread is running a batch. */
static int
busy(struct writer *w)
{
	int	 b;

	pthread_mutex_lock(&w->lock);
	b = w->busy;
	pthread_mutex_unlock(&w->lock);
	return b;
}

static int
insert_tx(struct db *db, void *arg)
{
	struct op	*o = arg;
	sqlite3_stmt	*st;
	int		 tries;

	if (o->bad_fk && db_exec(db, "PRAGMA defer_foreign_keys = ON") == -1)
		return -1;
	if (sqlite3_prepare_v2(db->conn, "INSERT INTO t(v, p) VALUES (?1, ?2)",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(st, 1, o->v);
	if (o->bad_fk)
		sqlite3_bind_int(st, 2, 999);	/* no such p */
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	/* Bounded: 5 s for the others to queue. */
	for (tries = 0; o->wait_for > 0 && tries < 5000 &&
	    queued(&o->f->w) < o->wait_for; tries++)
		usleep(1000);
	return o->result;
}

static void *
run_op(void *arg)
{
	struct op	*o = arg;

	o->rc = writer_run(&o->f->w, insert_tx, o);
	return NULL;
}

/* The values in t, as a bit set (v < 32). */
static unsigned
stored(struct fixture *f)
{
	sqlite3_stmt	*st;
	unsigned	 set = 0;

	assert_int_equal(sqlite3_prepare_v2(f->reader->conn,
	    "SELECT v FROM t", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		set |= 1u << sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return set;
}

/* THREADS plain inserts: op i inserts i and keeps it. */
static void
new_ops(struct fixture *f, struct op ops[THREADS])
{
	int	 i;

	memset(ops, 0, THREADS * sizeof(ops[0]));
	for (i = 0; i < THREADS; i++) {
		ops[i].f = f;
		ops[i].v = i;
	}
}

/*
 * Op 0 holds the writer until ops 1..n-1 have queued; they must then go
 * in one batch: 2 batches for n operations.
 */
static void
run_held(struct fixture *f, struct op *ops, int n)
{
	pthread_t	 t[THREADS];
	int		 i, tries;

	ops[0].wait_for = n - 1;
	assert_int_equal(pthread_create(&t[0], NULL, run_op, &ops[0]), 0);
	for (tries = 0; tries < 5000 && !busy(&f->w); tries++)
		usleep(1000);
	for (i = 1; i < n; i++)
		assert_int_equal(pthread_create(&t[i], NULL, run_op, &ops[i]),
		    0);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

static void
test_one_commit_for_the_queued(void **state)
{
	struct fixture	*f = *state;
	struct op	 ops[THREADS];
	int		 i;

	new_ops(f, ops);
	run_held(f, ops, THREADS);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(ops[i].rc, 0);
	assert_int_equal(stored(f), 0xf);
	assert_int_equal(f->w.ops, THREADS);
	assert_int_equal(f->w.batches, 2);
}

/* A declined (1) and a failed (-1) operation leave nothing; the rest stay. */
static void
test_declined_and_failed_are_undone(void **state)
{
	struct fixture	*f = *state;
	struct op	 ops[THREADS];

	new_ops(f, ops);
	ops[1].result = 1;
	ops[3].result = -1;
	run_held(f, ops, THREADS);
	assert_int_equal(ops[0].rc, 0);
	assert_int_equal(ops[1].rc, 1);
	assert_int_equal(ops[2].rc, 0);
	assert_int_equal(ops[3].rc, -1);
	assert_int_equal(stored(f), (1u << 0) | (1u << 2));
	assert_int_equal(f->w.batches, 2);
}

/*
 * A COMMIT that fails (a deferred foreign key) fails every operation of
 * its batch, and none of them is stored; the batch before stands.
 */
static void
test_failed_commit_fails_the_batch(void **state)
{
	struct fixture	*f = *state;
	struct op	 ops[THREADS];
	int		 i;

	new_ops(f, ops);
	ops[2].bad_fk = 1;
	run_held(f, ops, THREADS);
	assert_int_equal(ops[0].rc, 0);
	for (i = 1; i < THREADS; i++)
		assert_int_equal(ops[i].rc, -1);
	assert_int_equal(stored(f), 1u << 0);
}

/* Without a writer, db_transaction commits or rolls back on the spot. */
static void
test_transaction_without_writer(void **state)
{
	struct fixture	*f = *state;
	struct op	 keep = { f, 5, 0, 0, 0, 0 };
	struct op	 drop = { f, 6, 1, 0, 0, 0 };
	struct op	 fail = { f, 7, -1, 0, 0, 0 };

	assert_int_equal(db_transaction(f->reader, insert_tx, &keep), 0);
	assert_int_equal(db_transaction(f->reader, insert_tx, &drop), 1);
	assert_int_equal(db_transaction(f->reader, insert_tx, &fail), -1);
	assert_int_equal(stored(f), 1u << 5);
	assert_int_equal(sqlite3_get_autocommit(f->reader->conn), 1);
}

/* With one, it goes through the writer and is committed when it returns. */
static void
test_transaction_through_writer(void **state)
{
	struct fixture	*f = *state;
	struct op	 keep = { f, 9, 0, 0, 0, 0 };

	f->reader->writer = &f->w;
	assert_int_equal(db_transaction(f->reader, insert_tx, &keep), 0);
	f->reader->writer = NULL;
	assert_int_equal(stored(f), 1u << 9);
	assert_int_equal(f->w.ops, 1);
}

/*
 * A request reads in one transaction (db_read_begin); its own write
 * through the writer ends that snapshot, so what it reads next includes
 * the write.
 */
static void
test_request_reads_its_own_write(void **state)
{
	struct fixture	*f = *state;
	struct op	 keep = { f, 3, 0, 0, 0, 0 };

	f->reader->writer = &f->w;
	assert_int_equal(db_read_begin(f->reader), 0);
	assert_int_equal(stored(f), 0);
	assert_int_equal(db_transaction(f->reader, insert_tx, &keep), 0);
	assert_int_equal(stored(f), 1u << 3);
	db_read_end(f->reader);
	f->reader->writer = NULL;
	assert_int_equal(f->reader->reading, 0);
	assert_int_equal(sqlite3_get_autocommit(f->reader->conn), 1);
}

/* db_read_end leaves nothing open even with a statement left stepping. */
static void
test_read_end_with_a_statement_stepping(void **state)
{
	struct fixture	*f = *state;
	struct op	 a = { f, 1, 0, 0, 0, 0 }, b = { f, 2, 0, 0, 0, 0 };
	sqlite3_stmt	*st;

	assert_int_equal(db_transaction(f->reader, insert_tx, &a), 0);
	assert_int_equal(db_transaction(f->reader, insert_tx, &b), 0);
	assert_int_equal(db_read_begin(f->reader), 0);
	assert_int_equal(sqlite3_prepare_v2(f->reader->conn, "SELECT v FROM t",
	    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	db_read_end(f->reader);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_get_autocommit(f->reader->conn), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_commit_for_the_queued,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_declined_and_failed_are_undone, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_failed_commit_fails_the_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transaction_without_writer,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_transaction_through_writer,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_request_reads_its_own_write, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_end_with_a_statement_stepping, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
