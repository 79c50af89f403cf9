/*
 * casestore: the case flow's writes (casestore.h).
 */
#include <stdio.h>
#include <string.h>

#include "casestore.h"
#include "db.h"

#define STEP_VALS	5

/* One step: an UPDATE of the placement and its event. */
struct step_tx {
	enum stmt		 which;
	const struct placement	*p;
	long			 actor;
	const char		*action;	/* the event's action */
	const char		*comment;	/* the event's comment, or NULL */
	int			 with_now;	/* ?2 is the time of the step */
	const char		*vals[STEP_VALS];	/* the next ?N; NULL binds NULL */
};

static int
case_event(struct db *db, long placement, long customer, long actor,
    const char *now, const char *action, const char *comment)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_CASE_EVENT);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	sqlite3_bind_int64(st, 2, customer);
	sqlite3_bind_int64(st, 3, actor);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	if (comment != NULL && *comment != '\0')
		sqlite3_bind_text(st, 6, comment, -1, SQLITE_STATIC);
	return db_step_done(st);
}

static int
step_tx(struct db *db, void *arg)
{
	struct step_tx	*a = arg;
	sqlite3_stmt	*st = db_stmt(db, a->which);
	char		 now[21];
	int		 i, n = 2;

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, a->p->id);
	if (a->with_now)
		sqlite3_bind_text(st, n++, now, -1, SQLITE_STATIC);
	for (i = 0; i < STEP_VALS; i++, n++)
		if (a->vals[i] != NULL)
			sqlite3_bind_text(st, n, a->vals[i], -1, SQLITE_STATIC);
	if (db_step_done(st) == -1)
		return -1;
	if (sqlite3_changes(db->conn) == 0)
		return 1;
	return case_event(db, a->p->id, a->p->customer_id, a->actor, now,
	    a->action, a->comment) == -1 ? -1 : 0;
}

struct queue_tx {
	const struct user	*u;
	const struct case_queue	*q;
	long			 id;
};

static int
queue_tx(struct db *db, void *arg)
{
	struct queue_tx	*a = arg;
	sqlite3_stmt	*st = db_stmt(db, STMT_CASE_QUEUE);
	char		 now[21];

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, a->q->customer_id);
	sqlite3_bind_text(st, 2, a->q->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, a->q->provider_id);
	sqlite3_bind_text(st, 4, a->q->start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a->q->end, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	if (db_step_done(st) == -1)
		return -1;
	a->id = (long)sqlite3_last_insert_rowid(db->conn);
	return case_event(db, a->id, a->q->customer_id, a->u->id, now,
	    "queue", a->q->by_default ? "default-provider" : NULL);
}

int
casestore_queue(struct db *db, const struct user *u,
    const struct case_queue *q, long *id)
{
	struct queue_tx	 a = { u, q, 0 };
	int		 rc = db_transaction(db, queue_tx, &a);

	if (rc == 0)
		*id = a.id;
	return rc;
}

int
casestore_staff(struct db *db, const struct user *u,
    const struct placement *p, const char *staff_name)
{
	struct step_tx	 a = { STMT_CASE_STAFF, p, u->id, "staff", staff_name,
			    1, { staff_name } };

	return db_transaction(db, step_tx, &a);
}

int
casestore_assign(struct db *db, const struct user *u,
    const struct placement *p, const char *assignment, const char *extent,
    const char *part_time_reason, const char *future_plan)
{
	struct step_tx	 a = { STMT_CASE_ASSIGN, p, u->id, "assign", NULL, 1,
			    { assignment, extent, part_time_reason,
			    future_plan } };

	return db_transaction(db, step_tx, &a);
}

int
casestore_meeting(struct db *db, const struct user *u,
    const struct placement *p, const char *date)
{
	struct step_tx	 a = { STMT_CASE_MEETING, p, u->id, "start-meeting",
			    date, 1, { date } };

	return db_transaction(db, step_tx, &a);
}

int
casestore_end(struct db *db, const struct user *u, const struct placement *p,
    const char *ending, const char *decided, const char *end)
{
	struct step_tx	 a = { STMT_CASE_END, p, u->id, "end", ending, 1,
			    { ending, decided, end } };

	return db_transaction(db, step_tx, &a);
}

int
casestore_extend(struct db *db, const struct user *u,
    const struct placement *p, int seen_extensions, const char *new_end,
    const char *reason)
{
	char		 seen[12];
	struct step_tx	 a = { STMT_CASE_EXTEND, p, u->id, "extend", reason, 0,
			    { new_end, seen } };

	seen[0] = (char)('0' + (seen_extensions % 10));
	seen[1] = '\0';
	return db_transaction(db, step_tx, &a);
}

struct follow_up_tx {
	const struct user	*u;
	const struct placement	*p;
	const char		*date, *text;
	long			 id;
	int			 revise;
};

static int
book_tx(struct db *db, void *arg)
{
	struct follow_up_tx	*a = arg;
	struct placement_case	 pc;
	sqlite3_stmt		*st = db_stmt(db, STMT_FOLLOWUP_BOOK);
	char			 now[21], comment[4200];

	if (st == NULL || store_placement_case(db, a->p->id, &pc) != 0)
		return -1;
	if (pc.ending[0] != '\0')
		return 1;
	db_now(now);
	sqlite3_bind_int64(st, 1, a->p->id);
	sqlite3_bind_text(st, 2, a->date, -1, SQLITE_STATIC);
	if (a->text != NULL)
		sqlite3_bind_text(st, 3, a->text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, a->u->id);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if (db_step_done(st) == -1)
		return -1;
	a->id = (long)sqlite3_last_insert_rowid(db->conn);
	/* The event holds what the archive and the history must show. */
	snprintf(comment, sizeof(comment), "%s%s%s", a->date,
	    a->text ? ": " : "", a->text ? a->text : "");
	return case_event(db, a->p->id, a->p->customer_id, a->u->id, now,
	    "follow-up", comment);
}

int
casestore_follow_up_book(struct db *db, const struct user *u,
    const struct placement *p, const char *date, const char *note, long *id)
{
	struct follow_up_tx	 a = { u, p, date, note, 0, 0 };
	int			 rc = db_transaction(db, book_tx, &a);

	if (rc == 0)
		*id = a.id;
	return rc;
}

static int
outcome_tx(struct db *db, void *arg)
{
	struct follow_up_tx	*a = arg;
	sqlite3_stmt		*st = db_stmt(db, STMT_FOLLOWUP_OUTCOME);
	char			 now[21];

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_text(st, 2, a->text, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, a->revise);
	sqlite3_bind_int64(st, 4, a->u->id);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if (db_step_done(st) == -1)
		return -1;
	if (sqlite3_changes(db->conn) == 0)
		return 1;
	if (case_event(db, a->p->id, a->p->customer_id, a->u->id, now,
	    "follow-up-outcome", a->text) == -1)
		return -1;
	if (!a->revise)
		return 0;
	if ((st = db_stmt(db, STMT_CASE_REQUEST_REVISION)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->p->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	if (db_step_done(st) == -1)
		return -1;
	return case_event(db, a->p->id, a->p->customer_id, a->u->id, now,
	    "request-revision", NULL);
}

int
casestore_follow_up_outcome(struct db *db, const struct user *u,
    const struct placement *p, long id, const char *outcome, int revise_plan)
{
	struct follow_up_tx	 a = { u, p, NULL, outcome, id, revise_plan };

	return db_transaction(db, outcome_tx, &a);
}

int
casestore_consent(struct db *db, const struct user *u,
    const struct placement *p, const char *date)
{
	struct step_tx	 a = { STMT_CASE_CONSENT, p, u->id, "consent", date, 1,
			    { date } };

	return db_transaction(db, step_tx, &a);
}

int
casestore_request_revision(struct db *db, const struct user *u,
    const struct placement *p, const char *comment)
{
	struct step_tx	 a = { STMT_CASE_REQUEST_REVISION, p, u->id,
			    "request-revision", comment, 1, { NULL } };

	return db_transaction(db, step_tx, &a);
}
