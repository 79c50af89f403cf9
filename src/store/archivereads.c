/*
 * archivereads: what the hand-over package reads (archivestore.h): a
 * customer, its placements, their documents and saved versions, the
 * history and the agents.
 */
#include <stdio.h>

#include "archivestore.h"
#include "db.h"
#include "listrows.h"

/* The statement which, reset and bound to id; NULL on an error. */
static sqlite3_stmt *
bound(struct db *db, enum stmt which, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(db, which);

	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	return st;
}

/* Resets st after its rows.  Returns stop, or 0 when done, or -1. */
static int
finish(sqlite3_stmt *st, int rc, int stop)
{
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}

int
store_archive_customer(struct db *db, int64_t id,
    struct archive_customer *out)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_ARCHIVE_CUSTOMER);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		snprintf(out->pnr, sizeof(out->pnr), "%s", list_str(st, 1));
		snprintf(out->name, sizeof(out->name), "%s", list_str(st, 2));
		out->protected = sqlite3_column_int(st, 3);
		snprintf(out->created, sizeof(out->created), "%s",
		    list_str(st, 4));
		snprintf(out->counsellor_login, sizeof(out->counsellor_login),
		    "%s", list_str(st, 5));
		snprintf(out->counsellor_name, sizeof(out->counsellor_name),
		    "%s", list_str(st, 6));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
store_archive_placements_each(struct db *db, int64_t customer,
    int (*fn)(const struct archive_placement *, void *), void *arg)
{
	sqlite3_stmt	*st = bound(db, STMT_ARCHIVE_PLACEMENTS, customer);
	struct archive_placement	 r;
	int		 rc, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.code = list_str(st, 1);
		r.code_name = list_str(st, 2);
		r.provider = list_str(st, 3);
		r.start = list_str(st, 4);
		r.end = list_str(st, 5);
		r.created = list_str(st, 6);
		stop = fn(&r, arg);
	}
	return finish(st, rc, stop);
}

/* STMT_DOCS_OF_PLACEMENT: DOC_COLS. */
int
store_archive_documents_each(struct db *db, int64_t placement,
    int (*fn)(const struct archive_document *, void *), void *arg)
{
	sqlite3_stmt	*st = bound(db, STMT_DOCS_OF_PLACEMENT, placement);
	struct archive_document	 r;
	int		 rc, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.kind = list_str(st, 2);
		r.period = list_str(st, 3);
		r.revision = sqlite3_column_int(st, 4);
		r.state = list_str(st, 5);
		r.title = list_str(st, 7);
		r.created = list_str(st, 8);
		stop = fn(&r, arg);
	}
	return finish(st, rc, stop);
}

int
store_archive_versions_each(struct db *db, int64_t document,
    int (*fn)(const struct archive_version *, void *), void *arg)
{
	sqlite3_stmt	*st = bound(db, STMT_ARCHIVE_VERSIONS, document);
	struct archive_version	 r;
	int		 rc, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.version = sqlite3_column_int(st, 0);
		r.xml = list_str(st, 1);
		r.len = (size_t)sqlite3_column_bytes(st, 1);
		r.saved_at = list_str(st, 2);
		r.saved_by = list_str(st, 3);
		stop = fn(&r, arg);
	}
	return finish(st, rc, stop);
}

int
store_archive_events_each(struct db *db, int64_t customer,
    int (*fn)(const struct archive_event *, void *), void *arg)
{
	sqlite3_stmt	*st = bound(db, STMT_ARCHIVE_EVENTS, customer);
	struct archive_event	 r;
	int		 rc, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.ident = list_str(st, 0);
		r.document_id = list_id(st, 1);
		r.placement_id = list_id(st, 2);
		r.at = list_str(st, 3);
		r.login = list_str(st, 4);
		r.action = list_str(st, 7);
		r.from_state = list_str(st, 8);
		r.to_state = list_str(st, 9);
		r.comment = list_str(st, 10);
		stop = fn(&r, arg);
	}
	return finish(st, rc, stop);
}

int
store_archive_agent(struct db *db, const char *login,
    struct archive_agent *out)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_USER_BY_LOGIN);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(out->name, sizeof(out->name), "%s", list_str(st, 2));
		snprintf(out->role, sizeof(out->role), "%s", list_str(st, 3));
		snprintf(out->org, sizeof(out->org), "%s", list_str(st, 5));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}
