/*
 * database: the one SQLite database as the rest of the program sees it, an
 * opaque connection.  What is read and written goes through the typed
 * functions of the store headers (store.h and the others); only
 * src/store/ sees SQL.
 */
#ifndef INSATS_DATABASE_H
#define INSATS_DATABASE_H

struct db;
struct writer;

/*
 * The body of a write transaction: runs with the connection that writes
 * and returns 0 to commit, anything else (1: a conflict, -1: an error) to
 * roll back.  It never begins, commits or rolls back itself.
 */
typedef int	(*db_tx_fn)(struct db *db, void *arg);

/* The schema version this binary writes and understands. */
#define DB_SCHEMA_VERSION 14

/*
 * Opens path (creating it when create is set) with WAL, synchronous=FULL,
 * foreign keys, busy timeout, trusted_schema off and defensive mode.
 * Returns the connection, or NULL with a message on stderr.
 */
struct db	*db_open(const char *path, int create);
/* Closes and frees the connection; NULL is ignored. */
void		 db_close(struct db *db);
/*
 * Gives the connection a page cache of kib KiB (each worker thread's is
 * small: every other connection's COMMIT empties it).  Returns 0 or -1.
 */
int		 db_cache_size(struct db *db, int kib);
/* From now on the connection's writes go through w (group commit). */
void		 db_use_writer(struct db *db, struct writer *w);
/*
 * Brings the schema to DB_SCHEMA_VERSION in one transaction.  Returns 0,
 * or -1 (also when the database is newer than this binary).
 */
int		 db_migrate(struct db *db);
/*
 * One read transaction for the reads of a request: they see one snapshot,
 * and SQLite takes its WAL read lock and checks for other connections'
 * commits once instead of once per statement.  A write transaction ends
 * it first, so a request reads its own writes.  Returns 0 or -1.
 */
int		 db_read_begin(struct db *db);
/* Ends db_read_begin's transaction if it is still open. */
void		 db_read_end(struct db *db);
/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void		 db_now(char buf[21]);

#endif
