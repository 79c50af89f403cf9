/*
 * backup: copies of the whole database (backup.h), with SQLite's online
 * backup API.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backup.h"
#include "db.h"

/* How long a busy database may hold up a backup step (100 ms each). */
#define BUSY_TRIES	300

/* One row of a single-value PRAGMA as text into buf.  0 or -1. */
static int
pragma_text(sqlite3 *conn, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt	*st;
	const char	*v;
	int		 rc = -1;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		snprintf(buf, size, "%s", v);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Runs PRAGMA integrity_check.  Returns 0 when it says "ok", else -1
 * with the first problem (or SQLite's error) in why.
 */
static int
integrity_ok(sqlite3 *conn, char *why, size_t size)
{
	if (pragma_text(conn, "PRAGMA integrity_check", why, size) == -1) {
		snprintf(why, size, "%s", sqlite3_errmsg(conn));
		return -1;
	}
	return strcmp(why, "ok") == 0 ? 0 : -1;
}

/* PRAGMA user_version, or -1. */
static int
schema_version(sqlite3 *conn)
{
	char	 buf[32];

	if (pragma_text(conn, "PRAGMA user_version", buf, sizeof(buf)) == -1)
		return -1;
	return atoi(buf);
}

/*
 * Copies all of database src into dst in one step (one read snapshot of
 * src, one write transaction on dst), retrying while either is busy.
 * Returns 0 or -1 with a message.
 */
static int
copy_db(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup	*b;
	int		 rc, tries = 0;

	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		fprintf(stderr, "insats: backup: %s\n", sqlite3_errmsg(dst));
		return -1;
	}
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			usleep(100000);
	} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	    ++tries < BUSY_TRIES);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "insats: backup: %s\n", sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

/*
 * Writes the checked copy of the live database to tmp.  Returns 0, or -1
 * with a message (tmp may be left for the caller to remove).
 */
int
store_backup_to(const char *database, const char *tmp, int *version)
{
	sqlite3	*src = NULL, *dst = NULL;
	char	 why[256], mode[32];
	int	 rc = -1;

	if (sqlite3_open_v2(database, &src, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "insats: cannot open %s: %s\n", database,
		    src ? sqlite3_errmsg(src) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(src, 10000);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fprintf(stderr, "insats: cannot create %s\n", tmp);
		goto out;
	}
	if (copy_db(dst, src) == -1)
		goto out;
	/* The copy carries the WAL flag of the original: one file instead. */
	if (pragma_text(dst, "PRAGMA journal_mode = DELETE", mode,
	    sizeof(mode)) == -1 || strcmp(mode, "delete") != 0) {
		fprintf(stderr, "insats: cannot leave WAL mode in %s\n", tmp);
		goto out;
	}
	if (integrity_ok(dst, why, sizeof(why)) == -1) {
		fprintf(stderr, "insats: the copy fails integrity_check: %s\n",
		    why);
		goto out;
	}
	*version = schema_version(dst);
	rc = 0;
out:
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc;
}

/*
 * Opens a backup file read-only and checks it.  Returns the connection,
 * or NULL with the reason printed; *version gets its schema version.
 */
static sqlite3 *
open_checked(const char *file, int *version)
{
	sqlite3	*src = NULL;
	char	 why[256];

	if (access(file, R_OK) == -1) {
		fprintf(stderr, "insats: %s: %s\n", file, strerror(errno));
		return NULL;
	}
	if (sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "insats: %s: cannot open it\n", file);
		goto fail;
	}
	if (integrity_ok(src, why, sizeof(why)) == -1) {
		fprintf(stderr, "insats: %s is damaged or not a database "
		    "(integrity_check: %s); nothing restored\n", file, why);
		goto fail;
	}
	*version = schema_version(src);
	if (*version < 1) {
		fprintf(stderr, "insats: %s is not an insats database; "
		    "nothing restored\n", file);
		goto fail;
	}
	if (*version > DB_SCHEMA_VERSION) {
		fprintf(stderr, "insats: %s has schema version %d, newer than "
		    "this binary's %d: restore it with a newer insats; "
		    "nothing restored\n", file, *version, DB_SCHEMA_VERSION);
		goto fail;
	}
	return src;
fail:
	sqlite3_close(src);
	return NULL;
}

int
store_restore_from(const char *file, const char *database, int *version)
{
	sqlite3	*src, *dst = NULL;
	char	 why[256];
	int	 rc = 1;

	if ((src = open_checked(file, version)) == NULL)
		return 2;
	if (sqlite3_open_v2(database, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fprintf(stderr, "insats: cannot open %s\n", database);
		goto out;
	}
	sqlite3_busy_timeout(dst, 10000);
	if (copy_db(dst, src) == -1)
		goto out;
	if (integrity_ok(dst, why, sizeof(why)) == -1) {
		fprintf(stderr, "insats: %s fails integrity_check after the "
		    "restore: %s\n", database, why);
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc;
}
