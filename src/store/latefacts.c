/*
 * latefacts: lateness facts from statement rows (latefacts.h,
 * latefacts_rows.h).
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "db.h"
#include "kinds.h"
#include "latefacts.h"
#include "latefacts_rows.h"

/* The text of column col, or NULL. */
static const char *
col_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* The date "YYYY-MM-DD" of column col; year 0 when NULL or malformed. */
static struct date
col_date(sqlite3_stmt *st, int col)
{
	struct date	 d = { 0, 0, 0 };

	if (date_parse(col_text(st, col), &d) == -1)
		d = (struct date){ 0, 0, 0 };
	return d;
}

/* The ending named s; returns 0 with *e, or -1. */
static int
ending_of(const char *s, enum ending *e)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "completed") == 0)
		*e = ENDING_COMPLETED;
	else if (strcmp(s, "early") == 0)
		*e = ENDING_EARLY;
	else if (strcmp(s, "aborted") == 0)
		*e = ENDING_ABORTED;
	else
		return -1;
	return 0;
}

void
late_final_of(xmlDocPtr content, struct late_final *f)
{
	struct final_dates	 fd;

	memset(f, 0, sizeof(*f));
	if (content == NULL || kind_final_dates(content, &fd) == -1)
		return;
	f->has_ending = 1;
	f->ending = fd.ending;
	f->end = fd.end;
	if (fd.has_decision)
		f->decision = fd.decision;
}

/* The content facts of a final report's stored XML (column col). */
static void
final_of_xml(sqlite3_stmt *st, int col, struct late_final *f)
{
	const void	*xml = sqlite3_column_blob(st, col);
	int		 len = sqlite3_column_bytes(st, col);
	xmlDocPtr	 doc;

	memset(f, 0, sizeof(*f));
	if (xml == NULL || len <= 0)
		return;
	/* Stored by us after validation; no network, no entities. */
	doc = xmlReadMemory(xml, len, NULL, "UTF-8", XML_PARSE_NONET |
	    XML_PARSE_NOBLANKS);
	late_final_of(doc, f);
	xmlFreeDoc(doc);
}

int
late_fact_row(sqlite3_stmt *st, int c, struct doc_fact *f)
{
	const char	*s;

	memset(f, 0, sizeof(*f));
	f->id = (long)sqlite3_column_int64(st, c);
	s = col_text(st, c + 1);
	snprintf(f->kind, sizeof(f->kind), "%s", s ? s : "");
	s = col_text(st, c + 2);
	snprintf(f->period, sizeof(f->period), "%s", s ? s : "");
	f->revision = sqlite3_column_int(st, c + 3);
	if ((s = col_text(st, c + 4)) == NULL || state_parse(s, &f->state) == -1)
		return -1;
	f->submitted = late_day_of(col_text(st, c + 5));
	f->returns = sqlite3_column_int(st, c + 6);
	f->reviewed = late_day_of(col_text(st, c + 7));
	f->approved = late_day_of(col_text(st, c + 8));
	/* NULL but for a final report (LATE_FACT_COLS). */
	final_of_xml(st, c + 9, &f->final);
	return 0;
}

int
late_case_row(sqlite3_stmt *st, int c, struct late_case *pc)
{
	memset(pc, 0, sizeof(*pc));
	pc->start = col_date(st, c);
	pc->end = col_date(st, c + 1);
	pc->decided = ending_of(col_text(st, c + 2), &pc->ending) == 0;
	pc->decided_on = col_date(st, c + 3);
	pc->revision_requested = late_day_of(col_text(st, c + 4));
	return pc->start.year != 0 ? 0 : -1;
}

int
late_case_of(struct db *db, long id, struct late_case *pc)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_LATE_CASE);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = late_case_row(st, 0, pc) == 0 ? 0 : 1;
	else
		rc = rc == SQLITE_DONE ? 1 : -1;
	sqlite3_reset(st);
	return rc;
}

int
late_fact_of(struct db *db, long placement, long doc, struct doc_fact *f)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_DOC_FACTS_OF_PLACEMENT);
	int		 rc, found = 1;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	while (found == 1 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_int64(st, 0) == doc)
			found = late_fact_row(st, 0, f) == 0 ? 0 : -1;
	sqlite3_reset(st);
	if (found == 1 && rc != SQLITE_DONE)
		return -1;
	return found;
}
