/*
 * handover: the archivist's packages (handover.h).  The export and the
 * confirmation are each a transaction of its own on the caller's
 * connection (db_begin), not part of a worker's group commit (writer.h).
 */
#include <stdio.h>

#include "archive.h"
#include "db.h"
#include "handover.h"

static const char *
col_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

int
store_packages_each(struct db *db, int limit,
    int (*fn)(const struct package_row *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_PACKAGE_LIST);
	struct package_row	 r;
	int			 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.objid = col_text(st, 1);
		r.created_at = col_text(st, 2);
		r.created_by = col_text(st, 3);
		r.today = col_text(st, 4);
		r.customers = sqlite3_column_int(st, 5);
		r.documents = sqlite3_column_int(st, 6);
		r.files = sqlite3_column_int(st, 7);
		r.confirmed_at = col_text(st, 8);
		r.confirmed_by = col_text(st, 9);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Selects, builds and records the package.  0, 1 nobody is due, -1. */
static int
export_in_tx(struct db *db, const struct config *cfg, struct date today,
    int64_t actor, struct archive_pkg *pkg)
{
	if (archive_select(db, today, pkg) == -1)
		return -1;
	if (pkg->nmembers == 0)
		return 1;
	if (archive_build(db, cfg, pkg) == -1 ||
	    archive_record(db, pkg, actor) == -1)
		return -1;
	return 0;
}

int
store_handover_export(struct db *db, const struct config *cfg,
    struct date today, int64_t actor, struct archive_pkg *pkg,
    unsigned char **tar, size_t *len)
{
	int	 rc;

	if (db_begin(db) == -1)
		return -1;
	rc = export_in_tx(db, cfg, today, actor, pkg);
	if (rc == 0 && archive_tar(pkg, tar, len) == -1)
		rc = -1;
	if (rc == 0 && db_commit(db) == -1)
		rc = -1;
	if (rc != 0)
		db_rollback(db);
	return rc;
}

/* The OBJID of package id into objid.  0, 1 no such package, -1. */
static int
package_objid(struct db *db, int64_t id, char objid[ARCHIVE_OBJID_MAX])
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PACKAGE_BY_ID);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(objid, ARCHIVE_OBJID_MAX, "%s", col_text(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
store_handover_confirm(struct db *db, int64_t id, int64_t actor)
{
	char	 objid[ARCHIVE_OBJID_MAX] = "";
	int	 rc;

	if (db_begin(db) == -1)
		return -1;
	if ((rc = package_objid(db, id, objid)) == 0)
		rc = archive_confirm(db, objid, actor);
	if (rc == 0 && db_commit(db) == -1)
		rc = -1;
	if (rc != 0)
		db_rollback(db);
	return rc;
}
