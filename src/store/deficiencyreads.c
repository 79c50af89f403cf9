/*
 * deficiencyreads: a counsellor's placements with their documents' facts
 * (deficiencyreads.h), from STMT_DEFICIENCY_DOCS, and the names of the
 * providers shown (STMT_ORG_NAME).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "deficiencyreads.h"
#include "latefacts.h"
#include "latefacts_rows.h"

/* The columns of STMT_DEFICIENCY_DOCS: p.id, p.provider_id, then these. */
#define CASE_COL	2
#define FACT_COL	(CASE_COL + LATE_CASE_NCOLS)

/* The placement whose rows are being read. */
struct open_placement {
	struct deficiency_placement	 one;
	int				 open;	/* a row of it was read */
	int				 ok;	/* its facts were read */
};

/* Starts placement row st's placement in o, its documents into f. */
static void
start_placement(sqlite3_stmt *st, struct open_placement *o,
    struct doc_fact *f)
{
	memset(o, 0, sizeof(*o));
	o->one.id = (long)sqlite3_column_int64(st, 0);
	o->one.provider_id = (long)sqlite3_column_int64(st, 1);
	o->one.docs = f;
	o->ok = late_case_row(st, CASE_COL, &o->one.facts) == 0;
	o->open = 1;
}

/* Adds row st's document, if any, to o (at most DEFICIENCY_DOCS_MAX). */
static void
add_document(sqlite3_stmt *st, struct open_placement *o, struct doc_fact *f)
{
	if (sqlite3_column_type(st, FACT_COL) == SQLITE_NULL ||
	    o->one.ndocs == DEFICIENCY_DOCS_MAX)
		return;
	if (late_fact_row(st, FACT_COL, &f[o->one.ndocs]) == 0)
		o->one.ndocs++;
}

/* Ends o: fn's value for it, 0 when it is left out. */
static int
end_placement(struct open_placement *o,
    int (*fn)(const struct deficiency_placement *, void *), void *arg)
{
	int	 ok = o->open && o->ok;

	o->open = 0;
	return ok ? fn(&o->one, arg) : 0;
}

/*
 * Walks the rows (a placement's follow one another, one per document or
 * one without), calling fn per placement with f as the documents' room.
 * Returns what store_deficiency_placements_each does; a database error
 * is logged here.
 */
static int
walk(struct db *db, sqlite3_stmt *st, struct doc_fact *f,
    int (*fn)(const struct deficiency_placement *, void *), void *arg)
{
	struct open_placement	 o;
	int			 rc, stop = 0;

	o.open = 0;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (o.open && sqlite3_column_int64(st, 0) != o.one.id)
			stop = end_placement(&o, fn, arg);
		if (stop != 0)
			break;
		if (!o.open)
			start_placement(st, &o, f);
		add_document(st, &o, f);
	}
	if (stop == 0 && rc == SQLITE_DONE)
		stop = end_placement(&o, fn, arg);
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE) {
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
	sqlite3_stmt	*st = db_stmt(db, STMT_DEFICIENCY_DOCS);
	struct doc_fact	*f;
	int		 rc;

	if (st == NULL)
		return -1;
	if ((f = calloc(DEFICIENCY_DOCS_MAX, sizeof(*f))) == NULL) {
		fprintf(stderr, "level=error msg=\"deficiencies: no memory\"\n");
		return -1;
	}
	sqlite3_bind_int64(st, 1, counsellor);
	rc = walk(db, st, f, fn, arg);
	sqlite3_reset(st);
	free(f);
	return rc;
}

int
store_provider_name(struct db *db, long id, char *buf, size_t size)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_ORG_NAME);
	const char	*s;
	int		 rc;

	if (st == NULL || size == 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = (const char *)sqlite3_column_text(st, 0);
		snprintf(buf, size, "%s", s != NULL ? s : "");
		rc = 0;
	} else
		rc = rc == SQLITE_DONE ? 1 : -1;
	sqlite3_reset(st);
	return rc;
}
