/*
 * caseload: the viewer's paged lists (caseload.h).
 */
#include <string.h>

#include "caseload.h"
#include "db.h"
#include "latefacts.h"
#include "latefacts_rows.h"
#include "rows.h"

/* The columns after PLACEMENT_COLS of STMT_PLACEMENTS_OF_*. */
#define PLAN_COL	PLACEMENT_NCOLS		/* d.id, d.state, d.revision */
#define PLAN_CASE_COL	(PLAN_COL + 3)		/* LATE_CASE_COLS */
/* The columns of STMT_REVIEW_QUEUE after DOC_COLS and PLACEMENT_COLS. */
#define REVIEW_FACT_COL	(DOC_NCOLS + PLACEMENT_NCOLS)
#define REVIEW_CASE_COL	(REVIEW_FACT_COL + LATE_FACT_NCOLS)

/*
 * A page of rows: steps st (LIMIT limit + 1 bound) and says whether a row
 * of the page is there to read; after limit rows a further one sets *more
 * instead.  *n counts the rows stepped, *rc is sqlite3_step's result.
 */
static int
page_row(sqlite3_stmt *st, int limit, int *n, int *more, int *rc)
{
	if ((*rc = sqlite3_step(st)) != SQLITE_ROW)
		return 0;
	if ((*n)++ == limit) {
		*more = 1;
		return 0;
	}
	return 1;
}

/* Ends a page: fn's non-zero value, 0 at its end, or -1 on an error. */
static int
page_end(sqlite3_stmt *st, int rc, int stop)
{
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static void
read_placement(sqlite3_stmt *st, struct caseload_placement *r)
{
	store_placement_row(st, 0, &r->p);
	r->has_plan = sqlite3_column_type(st, PLAN_COL + 1) != SQLITE_NULL;
	r->plan_id = r->has_plan ? (long)sqlite3_column_int64(st, PLAN_COL) :
	    0;
	r->plan_state = STATE_DRAFT;
	if (r->has_plan && state_parse((const char *)sqlite3_column_text(st,
	    PLAN_COL + 1), &r->plan_state) == -1)
		r->plan_state = STATE_DRAFT;
	r->plan_revision = r->has_plan ? sqlite3_column_int(st,
	    PLAN_COL + 2) : 0;
	r->has_case = late_case_row(st, PLAN_CASE_COL, &r->lc) == 0;
}

static int
placements_each(struct db *db, enum stmt which, long who,
    const char *kind, int limit, int offset, int *more,
    int (*fn)(const struct caseload_placement *, void *), void *arg)
{
	sqlite3_stmt			*st = db_stmt(db, which);
	struct caseload_placement	 row;
	int				 rc = SQLITE_DONE, n = 0, stop = 0;

	*more = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, who);
	sqlite3_bind_int(st, 2, limit + 1);
	sqlite3_bind_int(st, 3, offset);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	while (stop == 0 && page_row(st, limit, &n, more, &rc)) {
		read_placement(st, &row);
		stop = fn(&row, arg);
	}
	return page_end(st, rc, stop);
}

int
store_placements_of_provider_each(struct db *db, long org, const char *kind,
    int limit, int offset, int *more,
    int (*fn)(const struct caseload_placement *, void *), void *arg)
{
	return placements_each(db, STMT_PLACEMENTS_OF_PROVIDER, org, kind,
	    limit, offset, more, fn, arg);
}

int
store_placements_of_counsellor_each(struct db *db, long counsellor,
    const char *kind, int limit, int offset, int *more,
    int (*fn)(const struct caseload_placement *, void *), void *arg)
{
	return placements_each(db, STMT_PLACEMENTS_OF_COUNSELLOR, counsellor,
	    kind, limit, offset, more, fn, arg);
}

static void
read_review_item(sqlite3_stmt *st, struct review_item *r)
{
	store_document_row(st, 0, &r->d);
	store_placement_row(st, DOC_NCOLS, &r->p);
	r->has_facts = late_fact_row(st, REVIEW_FACT_COL, &r->f) == 0 &&
	    late_case_row(st, REVIEW_CASE_COL, &r->lc) == 0;
}

int
store_review_queue_each(struct db *db, long counsellor, int newest_first,
    int limit, int offset, int *more,
    int (*fn)(const struct review_item *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, newest_first ?
				    STMT_REVIEW_QUEUE_DESC : STMT_REVIEW_QUEUE);
	struct review_item	 row;
	int			 rc = SQLITE_DONE, n = 0, stop = 0;

	*more = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, counsellor);
	sqlite3_bind_int(st, 2, limit + 1);
	sqlite3_bind_int(st, 3, offset);
	while (stop == 0 && page_row(st, limit, &n, more, &rc)) {
		read_review_item(st, &row);
		stop = fn(&row, arg);
	}
	return page_end(st, rc, stop);
}

static int
search_each(struct db *db, enum stmt which, long who, const char *name_fold,
    const char *pnr_digits, int limit, int *more,
    int (*fn)(const struct placement *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, which);
	struct placement	 row;
	int			 rc = SQLITE_DONE, n = 0, stop = 0;

	*more = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, who);
	if (name_fold != NULL)
		sqlite3_bind_text(st, 2, name_fold, -1, SQLITE_STATIC);
	if (pnr_digits != NULL)
		sqlite3_bind_text(st, 3, pnr_digits, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, limit + 1);
	while (stop == 0 && page_row(st, limit, &n, more, &rc)) {
		store_placement_row(st, 0, &row);
		stop = fn(&row, arg);
	}
	return page_end(st, rc, stop);
}

int
store_search_of_provider_each(struct db *db, long org, const char *name_fold,
    const char *pnr_digits, int limit, int *more,
    int (*fn)(const struct placement *, void *), void *arg)
{
	return search_each(db, STMT_SEARCH_OF_PROVIDER, org, name_fold,
	    pnr_digits, limit, more, fn, arg);
}

int
store_search_of_counsellor_each(struct db *db, long counsellor,
    const char *name_fold, const char *pnr_digits, int limit, int *more,
    int (*fn)(const struct placement *, void *), void *arg)
{
	return search_each(db, STMT_SEARCH_OF_COUNSELLOR, counsellor,
	    name_fold, pnr_digits, limit, more, fn, arg);
}
