/*
 * casereads: the case flow's reads (casereads.h).
 */
#include <stdio.h>

#include "casereads.h"
#include "db.h"
#include "kinds.h"
#include "rows.h"
#include "listrows.h"

int
casereads_events_each(struct db *db, long placement,
    int (*fn)(const struct case_event *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_CASE_EVENTS_OF_PLACEMENT);
	struct case_event	 e;
	int			 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.at = list_text(st, 0);
		e.login = list_text(st, 1);
		e.name = list_text(st, 2);
		e.role = list_text(st, 3);
		e.action = list_text(st, 4);
		e.comment = list_text(st, 5);
		stop = fn(&e, arg);
	}
	return list_end(st, rc, stop);
}

int
casereads_follow_ups_each(struct db *db, long placement,
    int (*fn)(const struct follow_up *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_FOLLOWUPS_OF_PLACEMENT);
	struct follow_up	 f;
	int			 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		f.id = (long)sqlite3_column_int64(st, 0);
		f.meeting_on = list_text(st, 1);
		f.note = list_text(st, 2);
		f.booked_by = list_text(st, 3);
		f.booked_by_role = list_text(st, 4);
		f.booked_at = list_text(st, 5);
		f.outcome = list_text(st, 6);
		f.revise_plan = sqlite3_column_int(st, 7);
		f.outcome_at = list_text(st, 8);
		stop = fn(&f, arg);
	}
	return list_end(st, rc, stop);
}

int
casereads_follow_up_get(struct db *db, long id, struct follow_up_ref *out)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_FOLLOWUP_GET);
	const char	*s;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->placement_id = (long)sqlite3_column_int64(st, 0);
		s = list_text(st, 1);
		snprintf(out->meeting_on, sizeof(out->meeting_on), "%s",
		    s != NULL ? s : "");
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/*
 * The name of the kind shared on consent (kinds.h: one kind), NULL if
 * there is none: the statement then finds no former plan.
 */
static const char *
shared_kind(void)
{
	const struct kind	*k;
	size_t			 i;

	for (i = 0; (k = kind_at(i)) != NULL; i++)
		if (k->shared_on_consent)
			return k->name;
	return NULL;
}

int
casereads_former_plan(struct db *db, long placement, struct former_plan *out)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_FORMER_PLAN);
	const char	*s;
	int		 rc;

	if (st == NULL || sqlite3_bind_text(st, 2, shared_kind(), -1,
	    SQLITE_STATIC) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->document_id = (long)sqlite3_column_int64(st, 0);
		out->revision = sqlite3_column_int(st, 1);
		s = list_text(st, 2);
		snprintf(out->state, sizeof(out->state), "%s", s ? s : "");
		out->placement_id = (long)sqlite3_column_int64(st, 3);
		s = list_text(st, 4);
		snprintf(out->provider, sizeof(out->provider), "%s",
		    s ? s : "");
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
casereads_steps_each(struct db *db, const struct user *u, struct date today,
    int limit, int (*fn)(const struct case_step *, void *), void *arg)
{
	int		 provider = u->role == ROLE_PROVIDER;
	sqlite3_stmt	*st = db_stmt(db, provider ?
			    STMT_CASE_STEPS_OF_PROVIDER :
			    STMT_CASE_STEPS_OF_COUNSELLOR);
	struct case_step s;
	char		 day[11];
	int		 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	date_format(today, day);
	sqlite3_bind_int64(st, 1, provider ? u->org_id : u->id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, limit);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_placement_row(st, 0, &s.p);
		s.queued_at = list_text(st, PLACEMENT_NCOLS);
		s.staffed_at = list_text(st, PLACEMENT_NCOLS + 1);
		s.assigned_at = list_text(st, PLACEMENT_NCOLS + 2);
		stop = fn(&s, arg);
	}
	return list_end(st, rc, stop);
}

int
casereads_shortest_max(struct db *db)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_CASE_SHORTEST_MAX);
	int		 rc, months = 0;

	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		months = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? months : -1;
}

int
casereads_open_each(struct db *db, struct date latest_start,
    struct date today, int limit,
    int (*fn)(const struct case_open *, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_CASE_NEAR_MAX);
	struct case_open o;
	char		 bound[11], day[11];
	int		 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	date_format(latest_start, bound);
	date_format(today, day);
	sqlite3_bind_text(st, 1, bound, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, limit);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_placement_row(st, 0, &o.p);
		o.max_months = sqlite3_column_int(st, PLACEMENT_NCOLS);
		o.extension_months = sqlite3_column_int(st, PLACEMENT_NCOLS + 1);
		stop = fn(&o, arg);
	}
	return list_end(st, rc, stop);
}
