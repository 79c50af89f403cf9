/*
 * db: connections (the pragmas every one needs), the prepared statements
 * of statements.c, and transactions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "writer.h"

/*
 * Runs fixed SQL.  Returns 0, or -1 with the error on stderr.
 */
int
db_exec(struct db *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db->conn, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "level=error msg=\"sqlite: %s\"\n",
		    err ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/*
 * Waits for the write lock in short steps.  SQLite's own busy handler
 * sleeps 1, 2, 5, 10, ... ms between tries, while a save holds the lock
 * for a fraction of a millisecond (one WAL fsync): a waiting worker would
 * sleep through many commits (`make bench`: half the save throughput,
 * p99 165 ms).  Here: 50 us steps for the first ms, then 200 us, then
 * 2 ms, giving up after about 5 s as busy_timeout did.  Returns 1 to
 * retry, 0 to give up.
 */
static int
busy_wait(void *arg, int tries)
{
	(void)arg;
	if (tries < 20)
		usleep(50);
	else if (tries < 120)
		usleep(200);
	else if (tries < 2600)
		usleep(2000);
	else
		return 0;
	return 1;
}

/*
 * Opens the database with the pragmas every connection needs.
 * Returns the connection, or NULL with nothing left open.
 */
struct db *
db_open(const char *path, int create)
{
	int		 flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL) {
		fprintf(stderr, "level=error msg=\"no memory\"\n");
		return NULL;
	}
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->conn, flags, NULL) != SQLITE_OK) {
		fprintf(stderr, "level=error msg=\"cannot open database %s: %s\"\n",
		    path, db->conn ? sqlite3_errmsg(db->conn) : "no memory");
		sqlite3_close(db->conn);
		free(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_handler(db->conn, busy_wait, NULL);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	if (db_exec(db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA trusted_schema = OFF;"
	    /* Freed pages are zeroed: personal data must not linger. */
	    "PRAGMA secure_delete = ON;"
	    /*
	     * 1 MB of page cache per connection (the default is 2 MB): the
	     * kernel caches the file as well, and a worker's memory reaches
	     * its steady size sooner (make bench: RSS after 20 000 requests
	     * against after 200 000).
	     */
	    "PRAGMA cache_size = -1024;") == -1) {
		db_close(db);
		return NULL;
	}
	return db;
}

int
db_cache_size(struct db *db, int kib)
{
	char	 sql[48];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	return db_exec(db, sql);
}

void
db_use_writer(struct db *db, struct writer *w)
{
	db->writer = w;
}

void
db_close(struct db *db)
{
	size_t	 i;

	if (db == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(db->stmts[i]);
	sqlite3_close(db->conn);
	free(db);
}

/*
 * Returns the statement prepared once per connection, reset and cleared,
 * or NULL (logged) if it does not prepare.
 */
sqlite3_stmt *
db_stmt(struct db *db, enum stmt which)
{
	sqlite3_stmt	*st = db->stmts[which];

	if (st == NULL) {
		if (sqlite3_prepare_v3(db->conn, stmt_sql[which], -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			fprintf(stderr, "level=error msg=\"prepare %d: %s\"\n",
			    (int)which, sqlite3_errmsg(db->conn));
			return NULL;
		}
		db->stmts[which] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* Steps statement which (no parameters, no rows): SQLite's result code. */
static int
step_control(struct db *db, enum stmt which)
{
	sqlite3_stmt	*st = db_stmt(db, which);
	int		 rc;

	if (st == NULL)
		return SQLITE_ERROR;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * BEGIN IMMEDIATE takes the write lock up front, so a transaction never
 * fails half-way for a lock; busy_timeout waits, and we retry a few times
 * more for a busy answer that outlives it.
 */
int
db_read_begin(struct db *db)
{
	if (db->reading || step_control(db, STMT_BEGIN_READ) != SQLITE_OK)
		return -1;
	db->reading = 1;
	return 0;
}

void
db_read_end(struct db *db)
{
	size_t	 i;

	if (!db->reading)
		return;
	db->reading = 0;
	if (sqlite3_get_autocommit(db->conn))
		return;
	if (step_control(db, STMT_COMMIT) == SQLITE_OK)
		return;
	/* A statement left stepping holds the snapshot: reset them all. */
	for (i = 0; i < STMT__MAX; i++)
		if (db->stmts[i] != NULL)
			sqlite3_reset(db->stmts[i]);
	if (step_control(db, STMT_COMMIT) != SQLITE_OK)
		step_control(db, STMT_ROLLBACK);
}

int
db_begin(struct db *db)
{
	int	 tries, rc;

	db_read_end(db);
	for (tries = 0; tries < 5; tries++) {
		rc = step_control(db, STMT_BEGIN);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
		usleep(20000);
	}
	fprintf(stderr, "level=error msg=\"begin: %s\"\n",
	    sqlite3_errmsg(db->conn));
	return -1;
}

int
db_transaction_here(struct db *db, db_tx_fn fn, void *arg)
{
	int	 rc;

	if (db_begin(db) == -1)
		return -1;
	if ((rc = fn(db, arg)) != 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int
db_transaction(struct db *db, db_tx_fn fn, void *arg)
{
	if (db->writer != NULL) {
		db_read_end(db);
		return writer_run(db->writer, fn, arg);
	}
	return db_transaction_here(db, fn, arg);
}

int
db_exists(struct db *db, enum stmt which, int64_t a, int64_t b)
{
	sqlite3_stmt	*st = db_stmt(db, which);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	if (b != 0)
		sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
db_run(struct db *db, enum stmt which)
{
	return step_control(db, which) == SQLITE_OK ? 0 : -1;
}

int
db_commit(struct db *db)
{
	if (step_control(db, STMT_COMMIT) != SQLITE_OK) {
		fprintf(stderr, "level=error msg=\"commit: %s\"\n",
		    sqlite3_errmsg(db->conn));
		db_rollback(db);
		return -1;
	}
	return 0;
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->conn))
		step_control(db, STMT_ROLLBACK);
}

/*
 * Steps a statement expected to return no row.  Returns 0 or -1.
 */
int
db_step_done(sqlite3_stmt *st)
{
	int	 rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		fprintf(stderr, "level=error msg=\"step: %s\"\n",
		    sqlite3_errmsg(sqlite3_db_handle(st)));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

void
db_now(char buf[21])
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

