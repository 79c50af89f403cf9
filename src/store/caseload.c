/*
 * caseload: the viewer's paged lists (caseload.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload.h"
#include "db.h"
#include "latefacts.h"
#include "latefacts_rows.h"
#include "rows.h"

/* The columns after PLACEMENT_COLS of STMT_PLACEMENTS_OF_*. */
#define PLAN_CASE_COL	PLACEMENT_NCOLS		/* LATE_CASE_COLS */
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

/*
 * A page of placements, read before the facts of their documents: the
 * facts come from one statement for the page (STMT_FACTS_OF_PLACEMENTS),
 * each with the row of its placement, and are then laid out row by row.
 */
struct page {
	struct caseload_placement	*rows;
	int				 n;
	struct page_fact {
		int			 row;	/* -1: left out */
		struct doc_fact		 f;
	}				*read;	/* as the statement gave them */
	size_t				 nread, room;
	int				 hint;	/* the row of the last fact */
	struct doc_fact			*docs;	/* row by row */
};

/*
 * The row of placement id, looked for from the row of the last fact on
 * (a page's facts come placement by placement, in the order of its ids),
 * or -1.
 */
static int
row_of(struct page *pg, long id)
{
	int	 i, k;

	for (i = 0; i < pg->n; i++) {
		k = (pg->hint + i) % pg->n;
		if (pg->rows[k].p.id == id)
			return pg->hint = k;
	}
	return -1;
}

/* Appends the facts of row st (the placement's id first) to pg->read. */
static int
keep_fact(sqlite3_stmt *st, struct page *pg)
{
	struct page_fact	*grown, *pf;
	size_t			 room;

	if (pg->nread == pg->room) {
		room = pg->room ? pg->room * 2 : 64;
		if ((grown = realloc(pg->read, room * sizeof(*grown))) == NULL)
			return -1;
		pg->read = grown;
		pg->room = room;
	}
	pf = &pg->read[pg->nread];
	if (late_fact_row(st, 1, &pf->f) == -1 ||
	    (pf->row = row_of(pg, (long)sqlite3_column_int64(st, 0))) == -1)
		return 0;
	if (pg->rows[pf->row].ndocs == CASELOAD_DOCS_MAX)
		pf->row = -1;
	else
		pg->rows[pf->row].ndocs++;
	pg->nread++;
	return 0;
}

/* The page's placement ids as a JSON array ("[1,2,3]") into buf. */
static void
ids_json(const struct page *pg, char *buf)
{
	char	*o = buf;
	int	 i;

	*o++ = '[';
	for (i = 0; i < pg->n; i++)
		o += sprintf(o, "%s%ld", i ? "," : "", pg->rows[i].p.id);
	*o++ = ']';
	*o = '\0';
}

/*
 * Reads the facts of the page's documents (of kind, or all when NULL)
 * into pg->read, counting each row's.  Returns 0 or -1.
 */
static int
read_facts(struct db *db, struct page *pg, const char *kind)
{
	sqlite3_stmt	*st = db_stmt(db, kind != NULL ?
			    STMT_KIND_FACTS_OF_PLACEMENTS :
			    STMT_FACTS_OF_PLACEMENTS);
	char		*ids;
	int		 rc;

	/* 20 digits and a comma per id, the brackets and the NUL. */
	if (st == NULL || (ids = malloc((size_t)pg->n * 21 + 3)) == NULL)
		return -1;
	ids_json(pg, ids);
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	if (kind != NULL)
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (keep_fact(st, pg) == -1)
			break;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(ids);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The latest document of kind among r's facts, as its plan_ fields. */
static void
latest_of_kind(struct caseload_placement *r, const char *kind)
{
	const struct doc_fact	*f;
	size_t			 i;

	for (i = 0; i < r->ndocs; i++) {
		f = &r->docs[i];
		if (strcmp(f->kind, kind) != 0 || (r->has_plan &&
		    f->revision <= r->plan_revision))
			continue;
		r->has_plan = 1;
		r->plan_id = f->id;
		r->plan_state = f->state;
		r->plan_revision = f->revision;
	}
}

/*
 * Gives each row its documents' facts (in the order read) and its latest
 * document of kind.  Returns 0 or -1.
 */
static int
spread_facts(struct page *pg, const char *kind)
{
	struct caseload_placement	*r;
	size_t				 i, n = 0;
	int				 k;

	/* At least one: no arithmetic on a null pointer. */
	if ((pg->docs = calloc(pg->nread > 0 ? pg->nread : 1,
	    sizeof(*pg->docs))) == NULL)
		return -1;
	for (k = 0; k < pg->n; k++) {
		pg->rows[k].docs = pg->docs + n;
		n += pg->rows[k].ndocs;
		pg->rows[k].ndocs = 0;
	}
	for (i = 0; i < pg->nread; i++)
		if ((k = pg->read[i].row) != -1) {
			r = &pg->rows[k];
			pg->docs[(size_t)(r->docs - pg->docs) + r->ndocs++] =
			    pg->read[i].f;
		}
	for (k = 0; k < pg->n; k++)
		latest_of_kind(&pg->rows[k], kind);
	return 0;
}

/* The lists' order: the latest start first, then by id. */
static int
by_start_desc(const void *a, const void *b)
{
	const struct caseload_placement	*x = a, *y = b;
	int				 r = strcmp(y->p.start, x->p.start);

	if (r != 0)
		return r;
	return x->p.id < y->p.id ? -1 : x->p.id > y->p.id;
}

/*
 * Steps st, a page of limit rows and one more (LIMIT limit + 1 bound)
 * that come in no order, into room for them all (size each), with read
 * filling one.  Returns the number read, or -1 on an error.
 */
static int
read_page(sqlite3_stmt *st, int limit, void *room, size_t size,
    void (*read)(sqlite3_stmt *, void *))
{
	int	 rc = SQLITE_DONE, n = 0;

	while (n <= limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read(st, (char *)room + (size_t)n++ * size);
	if (n <= limit && rc != SQLITE_DONE)
		n = -1;
	sqlite3_reset(st);
	return n;
}

/*
 * Sorts the n rows read (size each) and keeps the page: *more when a row
 * follows limit of them.  Returns the rows kept.
 */
static int
keep_page(void *rows, int n, size_t size, int limit, int *more,
    int (*cmp)(const void *, const void *))
{
	qsort(rows, (size_t)n, size, cmp);
	*more = n > limit;
	return n > limit ? limit : n;
}

static void
read_placement(sqlite3_stmt *st, void *row)
{
	struct caseload_placement	*r = row;

	store_placement_row(st, 0, &r->p);
	r->has_plan = 0;
	r->plan_id = 0;
	r->plan_state = STATE_DRAFT;
	r->plan_revision = 0;
	r->has_case = late_case_row(st, PLAN_CASE_COL, &r->lc) == 0;
	r->docs = NULL;
	r->ndocs = 0;
}

static int
placements_each(struct db *db, enum stmt which, long who,
    const char *kind, int all_kinds, int limit, int offset, int *more,
    int (*fn)(const struct caseload_placement *, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, which);
	struct page	 pg;
	int		 rc = 0, stop = 0, k;

	*more = 0;
	memset(&pg, 0, sizeof(pg));
	if (st == NULL || limit < 0 || (pg.rows = malloc(((size_t)limit + 1) *
	    sizeof(*pg.rows))) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, who);
	sqlite3_bind_int(st, 2, limit + 1);
	sqlite3_bind_int(st, 3, offset);
	if ((pg.n = read_page(st, limit, pg.rows, sizeof(*pg.rows),
	    read_placement)) == -1)
		rc = -1;
	else
		pg.n = keep_page(pg.rows, pg.n, sizeof(*pg.rows), limit, more,
		    by_start_desc);
	if (rc == 0 && pg.n > 0 &&
	    (read_facts(db, &pg, all_kinds ? NULL : kind) == -1 ||
	    spread_facts(&pg, kind) == -1))
		rc = -1;
	for (k = 0; rc == 0 && stop == 0 && k < pg.n; k++)
		stop = fn(&pg.rows[k], arg);
	free(pg.rows);
	free(pg.read);
	free(pg.docs);
	return rc != 0 ? rc : stop;
}

int
store_placements_of_provider_each(struct db *db, long org, const char *kind,
    int limit, int offset, int *more,
    int (*fn)(const struct caseload_placement *, void *), void *arg)
{
	return placements_each(db, STMT_PLACEMENTS_OF_PROVIDER, org, kind, 1,
	    limit, offset, more, fn, arg);
}

int
store_placements_of_counsellor_each(struct db *db, long counsellor,
    const char *kind, int limit, int offset, int *more,
    int (*fn)(const struct caseload_placement *, void *), void *arg)
{
	return placements_each(db, STMT_PLACEMENTS_OF_COUNSELLOR, counsellor,
	    kind, 0, limit, offset, more, fn, arg);
}

static void
read_review_item(sqlite3_stmt *st, void *row)
{
	struct review_item	*r = row;

	store_document_row(st, 0, &r->d);
	store_placement_row(st, DOC_NCOLS, &r->p);
	r->has_facts = late_fact_row(st, REVIEW_FACT_COL, &r->f) == 0 &&
	    late_case_row(st, REVIEW_CASE_COL, &r->lc) == 0;
}

/* The review queue's order: by the latest submission, then by id. */
static int
by_submission(const void *a, const void *b)
{
	const struct review_item	*x = a, *y = b;
	int				 r = strcmp(x->d.submitted_at,
					    y->d.submitted_at);

	if (r != 0)
		return r;
	return x->d.id < y->d.id ? -1 : x->d.id > y->d.id;
}

static int
by_submission_desc(const void *a, const void *b)
{
	return by_submission(b, a);
}

int
store_review_queue_each(struct db *db, long counsellor, int newest_first,
    int limit, int offset, int *more,
    int (*fn)(const struct review_item *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, newest_first ?
				    STMT_REVIEW_QUEUE_DESC : STMT_REVIEW_QUEUE);
	struct review_item	*rows;
	int			 n, k, stop = 0;

	*more = 0;
	if (st == NULL || limit < 0 || (rows = malloc(((size_t)limit + 1) *
	    sizeof(*rows))) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, counsellor);
	sqlite3_bind_int(st, 2, limit + 1);
	sqlite3_bind_int(st, 3, offset);
	if ((n = read_page(st, limit, rows, sizeof(*rows),
	    read_review_item)) != -1)
		n = keep_page(rows, n, sizeof(*rows), limit, more,
		    newest_first ? by_submission_desc : by_submission);
	for (k = 0; stop == 0 && k < n; k++)
		stop = fn(&rows[k], arg);
	free(rows);
	return n == -1 ? -1 : stop;
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
