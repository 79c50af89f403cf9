/*
 * doclists: a placement's and a document's lists (doclists.h).
 */
#include <string.h>

#include "db.h"
#include "doclists.h"
#include "latefacts.h"
#include "latefacts_rows.h"
#include "rows.h"

int
store_documents_of_placement_each(struct db *db, long placement,
    int (*fn)(const struct document *, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_DOCS_OF_PLACEMENT);
	struct document	 d;
	int		 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_document_row(st, 0, &d);
		stop = fn(&d, arg);
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_doc_facts_of_placement(struct db *db, long placement,
    struct doc_fact *f, size_t max)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_DOC_FACTS_OF_PLACEMENT);
	size_t		 n = 0;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
		if (late_fact_row(st, 0, &f[n]) == 0)
			n++;
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? (int)n : -1;
}

static const char *
col_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* The entry of a row of either list (columns 0-6). */
static void
history_entry(sqlite3_stmt *st, struct doc_event *e)
{
	e->at = col_text(st, 0);
	e->actor = col_text(st, 1);
	e->actor_name = col_text(st, 2);
	e->action = col_text(st, 3);
	e->from = col_text(st, 4);
	e->to = col_text(st, 5);
	e->comment = col_text(st, 6);
}

int
store_doc_history_each(struct db *db, long doc,
    int (*fn)(const struct doc_event *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_EVENTS_OF_DOC);
	struct doc_event	 e;
	int			 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, doc);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		history_entry(st, &e);
		stop = fn(&e, arg);
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The newer of the two lists' rows: a save is newer than the event it
 * followed (column 7 equal) and every one before it.
 */
static int
save_is_newer(sqlite3_stmt *ev, int re, sqlite3_stmt *sv, int rs)
{
	if (rs != SQLITE_ROW)
		return 0;
	return re != SQLITE_ROW ||
	    sqlite3_column_int64(sv, 7) >= sqlite3_column_int64(ev, 7);
}

int
store_doc_history_latest_each(struct db *db, long doc, int limit,
    int (*fn)(const struct doc_event *, void *), void *arg)
{
	sqlite3_stmt		*ev = db_stmt(db, STMT_HISTORY_EVENTS_DESC);
	sqlite3_stmt		*sv = db_stmt(db, STMT_HISTORY_SAVES_DESC);
	struct doc_event	 e;
	int			 re, rs, n, stop = 0, save;

	if (ev == NULL || sv == NULL)
		return -1;
	sqlite3_bind_int64(ev, 1, doc);
	sqlite3_bind_int(ev, 2, limit);
	sqlite3_bind_int64(sv, 1, doc);
	sqlite3_bind_int(sv, 2, limit);
	re = sqlite3_step(ev);
	rs = sqlite3_step(sv);
	for (n = 0; n < limit && stop == 0 &&
	    (re == SQLITE_ROW || rs == SQLITE_ROW); n++) {
		save = save_is_newer(ev, re, sv, rs);
		history_entry(save ? sv : ev, &e);
		stop = fn(&e, arg);
		if (save)
			rs = sqlite3_step(sv);
		else
			re = sqlite3_step(ev);
	}
	sqlite3_reset(ev);
	sqlite3_reset(sv);
	if (stop != 0)
		return stop;
	return (re == SQLITE_ROW || re == SQLITE_DONE) &&
	    (rs == SQLITE_ROW || rs == SQLITE_DONE) ? 0 : -1;
}

int
store_doc_history_count(struct db *db, long doc, long *n)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_HISTORY_COUNT);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, doc);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
store_doc_latest_return(struct db *db, long doc,
    int (*fn)(const struct doc_event *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_LATEST_RETURN);
	struct doc_event	 e;
	int			 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, doc);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	e.at = col_text(st, 0);
	e.actor = col_text(st, 1);
	e.actor_name = col_text(st, 2);
	e.action = "return";
	e.from = "submitted";
	e.to = "returned";
	e.comment = col_text(st, 3);
	rc = fn(&e, arg);
	sqlite3_reset(st);
	return rc;
}

int
store_doc_revisions_each(struct db *db, long placement, const char *kind,
    const char *period, int (*fn)(const struct doc_revision *, void *),
    void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_DOC_REVISIONS);
	struct doc_revision	 r;
	int			 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.revision = sqlite3_column_int(st, 1);
		/* The schema allows only the known states. */
		if (state_parse(col_text(st, 2), &r.state) == -1)
			r.state = STATE_DRAFT;
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_doc_latest(struct db *db, long placement, const char *kind,
    const char *period, long *id)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_DOC_LATEST_OF_KIND);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
store_plan_shared_by_consent(struct db *db, long doc, long org)
{
	return db_exists(db, STMT_CONSENT_GRANTS, doc, org);
}
