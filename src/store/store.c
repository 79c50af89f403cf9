/*
 * store: reading and changing documents.  Each write is one transaction
 * (db_transaction: in a worker, group-committed by writer.c) that commits
 * the change together with its audit event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "latefacts_rows.h"
#include "rows.h"
#include "store.h"

/*
 * Column col as text into buf, cut to size - 1 bytes as snprintf would:
 * snprintf was a twentieth of a fresh start page (50 rows, 14 columns).
 */
static void
copy_col(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const unsigned char	*s = sqlite3_column_text(st, col);
	size_t			 n;

	if (size == 0)
		return;
	n = s != NULL ? strnlen((const char *)s, size - 1) : 0;
	memcpy(buf, s != NULL ? (const char *)s : "", n);
	buf[n] = '\0';
}

int
store_user_by_login(struct db *db, const char *login, struct user *u)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_USER_BY_LOGIN);
	char		 role[32];
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	copy_col(st, 1, u->login, sizeof(u->login));
	copy_col(st, 2, u->name, sizeof(u->name));
	copy_col(st, 3, role, sizeof(role));
	u->org_id = sqlite3_column_int64(st, 4);
	copy_col(st, 5, u->org, sizeof(u->org));
	sqlite3_reset(st);
	return role_parse(role, &u->role) == 0 ? 0 : -1;
}

void
store_placement_row(sqlite3_stmt *st, int c, struct placement *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, c);
	copy_col(st, c + 1, p->code, sizeof(p->code));
	copy_col(st, c + 2, p->code_name, sizeof(p->code_name));
	copy_col(st, c + 3, p->start, sizeof(p->start));
	copy_col(st, c + 4, p->end, sizeof(p->end));
	p->provider_id = sqlite3_column_int64(st, c + 5);
	copy_col(st, c + 6, p->provider, sizeof(p->provider));
	p->customer_id = sqlite3_column_int64(st, c + 7);
	copy_col(st, c + 8, p->customer_name, sizeof(p->customer_name));
	copy_col(st, c + 9, p->pnr, sizeof(p->pnr));
	p->protected = sqlite3_column_int(st, c + 10);
	p->counsellor_id = sqlite3_column_int64(st, c + 11);
	copy_col(st, c + 12, p->counsellor_login, sizeof(p->counsellor_login));
	copy_col(st, c + 13, p->counsellor_name, sizeof(p->counsellor_name));
	p->monthly_amount_ore = sqlite3_column_int64(st, c + 14);
}

int
store_placement_case(struct db *db, long id, struct placement_case *pc)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PLACEMENT_CASE);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	memset(pc, 0, sizeof(*pc));
	copy_col(st, 0, pc->queued_at, sizeof(pc->queued_at));
	copy_col(st, 1, pc->planned_end, sizeof(pc->planned_end));
	copy_col(st, 2, pc->staffed_at, sizeof(pc->staffed_at));
	copy_col(st, 3, pc->staff_name, sizeof(pc->staff_name));
	copy_col(st, 4, pc->assigned_at, sizeof(pc->assigned_at));
	copy_col(st, 5, pc->assignment, sizeof(pc->assignment));
	copy_col(st, 6, pc->extent, sizeof(pc->extent));
	copy_col(st, 7, pc->part_time_reason, sizeof(pc->part_time_reason));
	copy_col(st, 8, pc->future_plan, sizeof(pc->future_plan));
	copy_col(st, 9, pc->start_meeting_on, sizeof(pc->start_meeting_on));
	copy_col(st, 10, pc->start_meeting_at, sizeof(pc->start_meeting_at));
	copy_col(st, 11, pc->ending, sizeof(pc->ending));
	copy_col(st, 12, pc->ending_decided_on, sizeof(pc->ending_decided_on));
	copy_col(st, 13, pc->ended_at, sizeof(pc->ended_at));
	pc->extension_months = sqlite3_column_int(st, 14);
	copy_col(st, 15, pc->revision_requested_at,
	    sizeof(pc->revision_requested_at));
	pc->max_months = sqlite3_column_int(st, 16);
	copy_col(st, 17, pc->consent_on, sizeof(pc->consent_on));
	copy_col(st, 18, pc->consent_at, sizeof(pc->consent_at));
	sqlite3_reset(st);
	return 0;
}

int
store_placement_moved_on(struct db *db, long id)
{
	return db_exists(db, STMT_MOVED_ON, id, 0);
}

int
store_placement_get(struct db *db, long id, struct placement *p)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PLACEMENT_GET);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	store_placement_row(st, 0, p);
	sqlite3_reset(st);
	return 0;
}

void
store_document_row(sqlite3_stmt *st, int c, struct document *d)
{
	char	 state[16];

	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(st, c);
	d->placement_id = sqlite3_column_int64(st, c + 1);
	copy_col(st, c + 2, d->kind, sizeof(d->kind));
	copy_col(st, c + 3, d->period, sizeof(d->period));
	d->revision = sqlite3_column_int(st, c + 4);
	copy_col(st, c + 5, state, sizeof(state));
	if (state_parse(state, &d->state) == -1)
		d->state = STATE_DRAFT;
	d->version = sqlite3_column_int(st, c + 6);
	copy_col(st, c + 7, d->title, sizeof(d->title));
	copy_col(st, c + 8, d->created_at, sizeof(d->created_at));
	copy_col(st, c + 9, d->updated_at, sizeof(d->updated_at));
	copy_col(st, c + 10, d->submitted_at, sizeof(d->submitted_at));
}

int
store_document_get(struct db *db, long id, struct document *d)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_DOC_GET);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	store_document_row(st, 0, d);
	sqlite3_reset(st);
	return 0;
}

char *
store_document_xml(struct db *db, long id, int version)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_DOC_XML);
	const char	*text;
	char		*xml = NULL;

	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, version);
	/* column_text is NULL when out of memory: no strdup(NULL). */
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (text = (const char *)sqlite3_column_text(st, 0)) != NULL)
		xml = strdup(text);
	sqlite3_reset(st);
	return xml;
}

static int
insert_version(struct db *db, long doc, int version, const char *xml,
    long user, const char *now, const char *state)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_VERSION_INSERT);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int(st, 2, version);
	sqlite3_bind_text(st, 3, xml, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, user);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if (state != NULL)
		sqlite3_bind_text(st, 6, state, -1, SQLITE_STATIC);
	return db_step_done(st);
}

static int
insert_event(struct db *db, long doc, const struct placement *p, long user,
    const char *now, const char *action, const char *from, const char *to,
    const char *comment)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_EVENT_INSERT);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int64(st, 2, p->id);
	sqlite3_bind_int64(st, 3, p->customer_id);
	sqlite3_bind_int64(st, 4, user);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, to, -1, SQLITE_STATIC);
	if (comment != NULL && *comment != '\0')
		sqlite3_bind_text(st, 9, comment, -1, SQLITE_STATIC);
	return db_step_done(st);
}

struct create_tx {
	const struct user	*u;
	const struct placement	*p;
	const char		*kind, *period, *title, *xml;
	int			 rev;
	long			 id;
};

static int
create_tx(struct db *db, void *arg)
{
	struct create_tx	*a = arg;
	sqlite3_stmt		*st;
	char			 now[21];
	int			 rc;

	db_now(now);
	if ((st = db_stmt(db, STMT_DOC_INSERT)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->p->id);
	sqlite3_bind_text(st, 2, a->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, a->period, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, a->rev);
	sqlite3_bind_text(st, 5, a->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return 1;
	if (rc != SQLITE_DONE)
		return -1;
	a->id = sqlite3_last_insert_rowid(db->conn);
	if (insert_version(db, a->id, 1, a->xml, a->u->id, now, NULL) == -1 ||
	    late_stated_put(db, a->id, a->kind, a->xml) == -1 ||
	    insert_event(db, a->id, a->p, a->u->id, now,
	    a->rev > 1 ? "revise" : "create", NULL, "draft", NULL) == -1)
		return -1;
	return 0;
}

int
store_document_create(struct db *db, const struct user *u,
    const struct placement *p, const char *kind, const char *period, int rev,
    const char *title, const char *xml, long *id)
{
	struct create_tx	 a = { u, p, kind, period, title, xml, rev, 0 };
	int			 rc;

	if ((rc = db_transaction(db, create_tx, &a)) == 0)
		*id = a.id;
	return rc;
}

struct save_tx {
	const struct user	*u;
	const struct document	*d;
	int			 expected_version;
	const char		*xml;
};

static int
save_tx(struct db *db, void *arg)
{
	struct save_tx	*a = arg;
	sqlite3_stmt	*st;
	char		 now[21];

	db_now(now);
	if ((st = db_stmt(db, STMT_DOC_UPDATE_CONTENT)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->d->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, a->expected_version);
	if (db_step_done(st) == -1)
		return -1;
	if (sqlite3_changes(db->conn) == 0)
		return 1;
	/* The version row is the save's audit record (migration 8). */
	if (insert_version(db, a->d->id, a->expected_version + 1, a->xml,
	    a->u->id, now, state_name(a->d->state)) == -1)
		return -1;
	return late_stated_put(db, a->d->id, a->d->kind, a->xml);
}

int
store_document_save(struct db *db, const struct user *u,
    const struct document *d, int expected_version, const char *xml)
{
	struct save_tx	 a = { u, d, expected_version, xml };

	return db_transaction(db, save_tx, &a);
}

struct transition_tx {
	const struct user	*u;
	const struct document	*d;
	const struct placement	*p;
	enum wf_action		 action;
	enum doc_state		 to;
	const char		*comment, *title;
};

static int
transition_tx(struct db *db, void *arg)
{
	struct transition_tx	*a = arg;
	sqlite3_stmt		*st;
	char			 now[21];

	db_now(now);
	if ((st = db_stmt(db, STMT_DOC_SET_STATE)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->d->id);
	sqlite3_bind_text(st, 2, state_name(a->to), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, state_name(a->d->state), -1, SQLITE_STATIC);
	if (a->title != NULL)
		sqlite3_bind_text(st, 5, a->title, -1, SQLITE_STATIC);
	if (db_step_done(st) == -1)
		return -1;
	if (sqlite3_changes(db->conn) == 0)
		return 1;
	if (insert_event(db, a->d->id, a->p, a->u->id, now,
	    action_name(a->action), state_name(a->d->state),
	    state_name(a->to), a->comment) == -1)
		return -1;
	return 0;
}

int
store_document_transition(struct db *db, const struct user *u,
    const struct document *d, const struct placement *p,
    enum wf_action action, enum doc_state to, const char *comment,
    const char *title)
{
	struct transition_tx	 a = { u, d, p, action, to, comment, title };

	return db_transaction(db, transition_tx, &a);
}

int
store_setting(struct db *db, const char *key, char *buf, size_t size)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_SETTING_GET);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	copy_col(st, 0, buf, size);
	sqlite3_reset(st);
	return 0;
}

int
store_totals(struct db *db, struct totals *t)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_SUMMARY);

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return -1;
	}
	t->users = sqlite3_column_int64(st, 0);
	t->customers = sqlite3_column_int64(st, 1);
	t->placements = sqlite3_column_int64(st, 2);
	t->documents = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	return 0;
}
