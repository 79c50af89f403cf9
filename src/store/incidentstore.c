/*
 * incidentstore: the personal-data incidents in the database
 * (incidentstore.h).
 */
#include "db.h"
#include "rows.h"
#include "incidentstore.h"
#include "listrows.h"

struct incident_tx {
	const struct user		*u;
	const struct incident_new	*in;
	long				 id;
};

/* Links the named placements; 1 if one is not the organisation's. */
static int
incident_links(struct db *db, struct incident_tx *a)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < a->in->nplacements; i++) {
		if ((st = db_stmt(db, STMT_INCIDENT_LINK)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, a->in->placements[i]);
		sqlite3_bind_int64(st, 3, a->u->org_id);
		if (db_step_done(st) == -1)
			return -1;
		if (sqlite3_changes(db->conn) == 0)
			return 1;
	}
	return 0;
}

static int
incident_tx(struct db *db, void *arg)
{
	struct incident_tx	*a = arg;
	sqlite3_stmt		*st = db_stmt(db, STMT_INCIDENT_INSERT);
	char			 now[21];
	int			 rc, named = a->in->nplacements > 0;

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, a->u->org_id);
	sqlite3_bind_int64(st, 2, a->u->id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, a->in->discovered, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a->in->what, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, named);
	if (db_step_done(st) == -1)
		return -1;
	a->id = (long)sqlite3_last_insert_rowid(db->conn);
	if ((rc = incident_links(db, a)) != 0)
		return rc;
	st = db_stmt(db, named ? STMT_INCIDENT_TO_NAMED :
	    STMT_INCIDENT_TO_PROVIDER);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	if (!named)
		sqlite3_bind_int64(st, 2, a->u->org_id);
	return db_step_done(st);
}

int
incident_store(struct db *db, const struct user *u,
    const struct incident_new *in, long *id)
{
	struct incident_tx	 a = { u, in, 0 };
	int			 rc;

	if (u->role != ROLE_PROVIDER || u->org_id == 0)
		return 1;
	if ((rc = db_transaction(db, incident_tx, &a)) == 0)
		*id = a.id;
	return rc;
}

int
incidentstore_get(struct db *db, long id,
    void (*fn)(const struct incident *, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_INCIDENT_GET);
	struct incident	 in;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		in.id = (long)sqlite3_column_int64(st, 0);
		in.provider_id = (long)sqlite3_column_int64(st, 1);
		in.provider = list_text(st, 2);
		in.reported_at = list_text(st, 3);
		in.discovered_at = list_text(st, 4);
		in.what = list_text(st, 5);
		in.named = sqlite3_column_int(st, 6);
		in.reporter_login = list_text(st, 7);
		in.reporter_name = list_text(st, 8);
		fn(&in, arg);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
incidentstore_is_recipient(struct db *db, long id, long counsellor)
{
	return db_exists(db, STMT_INCIDENT_IS_RECIPIENT, id, counsellor);
}

/* Calls fn with each placement of st, a statement of PLACEMENT_COLS. */
static int
placements_each(sqlite3_stmt *st, int (*fn)(const struct placement *, void *),
    void *arg)
{
	struct placement p;
	int		 rc = SQLITE_DONE, stop = 0;

	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_placement_row(st, 0, &p);
		stop = fn(&p, arg);
	}
	return list_end(st, rc, stop);
}

int
incidentstore_placements_each(struct db *db, long id,
    int (*fn)(const struct placement *, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_INCIDENT_PLACEMENTS);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return placements_each(st, fn, arg);
}

int
incidentstore_choices_each(struct db *db, long organisation, int limit,
    int (*fn)(const struct placement *, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_INCIDENT_CHOICES);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, organisation);
	sqlite3_bind_int(st, 2, limit);
	return placements_each(st, fn, arg);
}

/* The list's statement for u, bound: of a provider, counsellor or all. */
static sqlite3_stmt *
list_of(struct db *db, const struct user *u, int limit)
{
	sqlite3_stmt	*st;

	if (u->role == ROLE_PROVIDER || u->role == ROLE_COUNSELLOR) {
		st = db_stmt(db, u->role == ROLE_PROVIDER ?
		    STMT_INCIDENTS_OF_PROVIDER : STMT_INCIDENTS_OF_COUNSELLOR);
		if (st == NULL)
			return NULL;
		sqlite3_bind_int64(st, 1, u->role == ROLE_PROVIDER ?
		    u->org_id : u->id);
		sqlite3_bind_int(st, 2, limit);
	} else if ((st = db_stmt(db, STMT_INCIDENTS_ALL)) != NULL)
		sqlite3_bind_int(st, 1, limit);
	return st;
}

int
incidentstore_list_each(struct db *db, const struct user *u, int limit,
    int (*fn)(const struct incident_item *, void *), void *arg)
{
	sqlite3_stmt		*st = list_of(db, u, limit);
	struct incident_item	 it;
	int			 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		it.id = (long)sqlite3_column_int64(st, 0);
		it.reported_at = list_text(st, 1);
		it.discovered_at = list_text(st, 2);
		it.named = sqlite3_column_int(st, 3);
		it.placements = sqlite3_column_int(st, 4);
		it.provider = list_text(st, 5);
		stop = fn(&it, arg);
	}
	return list_end(st, rc, stop);
}
