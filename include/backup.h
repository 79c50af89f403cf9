/*
 * backup: copies of the whole database with SQLite's online backup API,
 * for `insats backup` and `insats restore` (cmd_backup.c).  Each prints
 * what went wrong.
 */
#ifndef INSATS_BACKUP_H
#define INSATS_BACKUP_H

/*
 * Writes a checked copy of the live database at database to path (a new
 * file): one read snapshot (WAL: the service keeps writing meanwhile),
 * switched to a rollback journal so the copy is one self-contained file,
 * and checked with PRAGMA integrity_check.  *version gets its schema
 * version.  Returns 0, or -1 (path may be left for the caller to remove).
 */
int	 store_backup_to(const char *database, const char *path,
	    int *version);
/*
 * Copies the backup file into database in one write transaction, so a
 * failure leaves the old database as it was, and checks the result.  A
 * file that is not a sound insats database or is newer than this binary
 * is refused.  *version gets the file's schema version.  Returns 0, 1 on
 * failure, 2 if the file is refused.
 */
int	 store_restore_from(const char *file, const char *database,
	    int *version);

#endif
