/*
 * deficiencyreads: a counsellor's placements with their documents' facts
 * (deficiencyreads.h), from STMT_DEFICIENCY_PLACEMENTS and _DOCS.
 */
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "deficiencyreads.h"
#include "latefacts.h"
#include "latefacts_rows.h"

/* The documents statement, read one row ahead of its placement. */
struct doc_cursor {
	sqlite3_stmt	*st;
	int		 rc;		/* of the last step */
	long		 placement;	/* of the row at hand */
};

static void
cursor_step(struct doc_cursor *c)
{
	if ((c->rc = sqlite3_step(c->st)) == SQLITE_ROW)
		c->placement = (long)sqlite3_column_int64(c->st, 0);
}

/*
 * The facts of placement id's documents into f (at most max), skipping
 * rows of placements before it.  Returns the number read.
 */
static size_t
docs_of(struct doc_cursor *c, long id, struct doc_fact *f, size_t max)
{
	size_t	 n = 0;

	while (c->rc == SQLITE_ROW && c->placement <= id) {
		if (c->placement == id && n < max &&
		    late_fact_row(c->st, 1, &f[n]) == 0)
			n++;
		cursor_step(c);
	}
	return n;
}

/*
 * Walks both statements, bound to the counsellor, calling fn with f as
 * the documents' room.  Returns what store_deficiency_placements_each
 * does; a database error is logged here.
 */
static int
walk(struct db *db, sqlite3_stmt *pl, struct doc_cursor *dc,
    struct doc_fact *f,
    int (*fn)(const struct deficiency_placement *, void *), void *arg)
{
	struct deficiency_placement one;
	int			 rc = SQLITE_DONE, stop = 0;

	cursor_step(dc);
	while (stop == 0 && (rc = sqlite3_step(pl)) == SQLITE_ROW) {
		one.id = (long)sqlite3_column_int64(pl, 0);
		one.ndocs = docs_of(dc, one.id, f, DEFICIENCY_DOCS_MAX);
		one.docs = f;
		if (late_case_row(pl, 3, &one.facts) != 0)
			continue;
		one.provider_id = (long)sqlite3_column_int64(pl, 1);
		one.provider = (const char *)sqlite3_column_text(pl, 2);
		if (one.provider == NULL)
			one.provider = "";
		stop = fn(&one, arg);
	}
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE ||
	    (dc->rc != SQLITE_DONE && dc->rc != SQLITE_ROW)) {
		fprintf(stderr, "level=error msg=\"deficiencies: %s\"\n",
		    sqlite3_errmsg(db->conn));
		return -1;
	}
	return 0;
}

int
store_deficiency_placements_each(struct db *db, long counsellor,
    int (*fn)(const struct deficiency_placement *, void *), void *arg)
{
	sqlite3_stmt		*pl = db_stmt(db, STMT_DEFICIENCY_PLACEMENTS);
	struct doc_cursor	 dc = { db_stmt(db, STMT_DEFICIENCY_DOCS), 0, 0 };
	struct doc_fact		*f;
	int			 rc;

	if (pl == NULL || dc.st == NULL)
		return -1;
	if ((f = calloc(DEFICIENCY_DOCS_MAX, sizeof(*f))) == NULL) {
		fprintf(stderr, "level=error msg=\"deficiencies: no memory\"\n");
		return -1;
	}
	sqlite3_bind_int64(pl, 1, counsellor);
	sqlite3_bind_int64(dc.st, 1, counsellor);
	rc = walk(db, pl, &dc, f, fn, arg);
	sqlite3_reset(pl);
	sqlite3_reset(dc.st);
	free(f);
	return rc;
}
