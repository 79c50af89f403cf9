/*
 * packages: the records of the hand-over packages (archivestore.h): a
 * package with its customers and last entries, its receipt, and the audit
 * event of each.
 */
#include <stdio.h>

#include "archivestore.h"
#include "db.h"

int
store_package_transaction(struct db *db, int (*fn)(struct db *, void *),
    void *arg)
{
	return db_transaction_here(db, fn, arg);
}

/* Writes an archive event by actor; comment names the package.  0 or -1. */
static int
archive_event(struct db *db, int64_t actor, const char *action,
    const char *comment)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_EVENT_INSERT);
	char		 now[21];

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 4, actor);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, comment, -1, SQLITE_TRANSIENT);
	return db_step_done(st);
}

int
store_package_record(struct db *db, const struct package_record *r,
    const struct package_member *members, size_t n, int64_t actor)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	char		 comment[160];
	size_t		 i;

	if ((st = db_stmt(db, STMT_PACKAGE_INSERT)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, r->objid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->created, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, actor);
	sqlite3_bind_text(st, 4, r->today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, r->customers);
	sqlite3_bind_int64(st, 6, r->documents);
	sqlite3_bind_int64(st, 7, r->files);
	if (db_step_done(st) == -1)
		return -1;
	id = sqlite3_last_insert_rowid(db->conn);
	for (i = 0; i < n; i++) {
		if ((st = db_stmt(db, STMT_PACKAGE_LINK)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, members[i].id);
		sqlite3_bind_text(st, 3, members[i].last_entry, -1,
		    SQLITE_STATIC);
		if (db_step_done(st) == -1)
			return -1;
	}
	snprintf(comment, sizeof(comment), "%s: %lld kunder, %lld dokument",
	    r->objid, (long long)r->customers, (long long)r->documents);
	return archive_event(db, actor, "archive-export", comment);
}

int
store_package_confirm(struct db *db, const char *objid, int64_t actor)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	char		 now[21];
	int		 rc, done;

	if ((st = db_stmt(db, STMT_PACKAGE_BY_OBJID)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, objid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	done = rc == SQLITE_ROW && sqlite3_column_type(st, 2) != SQLITE_NULL;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return -1;
	if (done)
		return 2;
	if ((st = db_stmt(db, STMT_PACKAGE_CONFIRM)) == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, actor);
	if (db_step_done(st) == -1)
		return -1;
	if (sqlite3_changes(db->conn) != 1)
		return 2;
	return archive_event(db, actor, "archive-confirm", objid);
}

int
store_package_objid(struct db *db, int64_t id, char objid[PACKAGE_OBJID_MAX])
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PACKAGE_BY_ID);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(objid, PACKAGE_OBJID_MAX, "%s",
		    (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
store_packages_each(struct db *db, int limit,
    int (*fn)(const struct package_row *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_PACKAGE_LIST);
	struct package_row	 p;
	int			 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		p.id = sqlite3_column_int64(st, 0);
		p.objid = (const char *)sqlite3_column_text(st, 1);
		p.created = (const char *)sqlite3_column_text(st, 2);
		p.created_by = (const char *)sqlite3_column_text(st, 3);
		p.today = (const char *)sqlite3_column_text(st, 4);
		p.customers = sqlite3_column_int64(st, 5);
		p.documents = sqlite3_column_int64(st, 6);
		p.files = sqlite3_column_int64(st, 7);
		p.confirmed = (const char *)sqlite3_column_text(st, 8);
		p.confirmed_by = (const char *)sqlite3_column_text(st, 9);
		stop = fn(&p, arg);
	}
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}
