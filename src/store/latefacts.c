/*
 * latefacts: lateness facts from statement rows (latefacts.h,
 * latefacts_rows.h).
 */
#include <stdio.h>
#include <stdlib.h>
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

/* Column col as text into buf, cut to size - 1 bytes (no snprintf). */
static void
copy_text(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const char	*s = col_text(st, col);
	size_t		 n = s != NULL ? strnlen(s, size - 1) : 0;

	memcpy(buf, s != NULL ? s : "", n);
	buf[n] = '\0';
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

int
late_fact_row(sqlite3_stmt *st, int c, struct doc_fact *f)
{
	const char	*s;

	memset(f, 0, sizeof(*f));
	f->id = (long)sqlite3_column_int64(st, c);
	copy_text(st, c + 1, f->kind, sizeof(f->kind));
	copy_text(st, c + 2, f->period, sizeof(f->period));
	f->revision = sqlite3_column_int(st, c + 3);
	if ((s = col_text(st, c + 4)) == NULL || state_parse(s, &f->state) == -1)
		return -1;
	f->submitted = late_day_of(col_text(st, c + 5));
	f->returns = sqlite3_column_int(st, c + 6);
	f->reviewed = late_day_of(col_text(st, c + 7));
	f->approved = late_day_of(col_text(st, c + 8));
	/* What the content stated (late_stated_put): as late_final_of. */
	if (ending_of(col_text(st, c + 9), &f->final.ending) == 0 &&
	    date_parse(col_text(st, c + 10), &f->final.end) == 0) {
		f->final.has_ending = 1;
		f->final.decision = col_date(st, c + 11);
	} else
		memset(&f->final, 0, sizeof(f->final));
	return 0;
}

/* Binds f, what a content states of the ending, to ?2..?4 of st. */
static void
bind_stated(sqlite3_stmt *st, const struct late_final *f)
{
	static const char *const names[] = {
		[ENDING_COMPLETED] = "completed",
		[ENDING_EARLY] = "early",
		[ENDING_ABORTED] = "aborted",
	};
	char	 end[11], decision[11];

	/* NULLs when it states no ending and end. */
	if (!f->has_ending)
		return;
	date_format(f->end, end);
	sqlite3_bind_text(st, 2, names[f->ending], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, end, -1, SQLITE_TRANSIENT);
	if (f->decision.year != 0) {
		date_format(f->decision, decision);
		sqlite3_bind_text(st, 4, decision, -1, SQLITE_TRANSIENT);
	}
}

/* What the stored XML xml (len bytes) states of the ending, into *f. */
static void
stated_of_xml(const void *xml, int len, struct late_final *f)
{
	xmlDocPtr	 doc = NULL;

	/* Stored by us after validation; no network, no entities. */
	if (xml != NULL && len > 0)
		doc = xmlReadMemory(xml, len, NULL, "UTF-8", XML_PARSE_NONET |
		    XML_PARSE_NOBLANKS);
	late_final_of(doc, f);
	xmlFreeDoc(doc);
}

/* Whether a document of kind states its ending in its content. */
static int
kind_states_ending(const char *kind)
{
	const struct kind	*k = kind_find(kind);

	return k != NULL && k->ending != NULL;
}

int
late_stated_put(struct db *db, long doc, const char *kind, const char *xml)
{
	sqlite3_stmt		*st;
	struct late_final	 f;

	if (!kind_states_ending(kind))
		return 0;
	if ((st = db_stmt(db, STMT_DOC_SET_STATED)) == NULL)
		return -1;
	stated_of_xml(xml, xml != NULL ? (int)strlen(xml) : 0, &f);
	sqlite3_bind_int64(st, 1, doc);
	bind_stated(st, &f);
	return db_step_done(st);
}

/* One document's stated ending, as late_stated_fill collects them. */
struct stated {
	long			 id;
	struct late_final	 f;
};

/*
 * Appends what the current content of each document of kind states to
 * *all (n of them, room for *room).  Returns 0 or -1.
 */
static int
collect_stated(struct db *db, const char *kind, struct stated **all,
    size_t *n, size_t *room)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_STATED_OF_KIND);
	struct stated	*grown;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == *room) {
			*room = *room ? *room * 2 : 64;
			if ((grown = realloc(*all, *room * sizeof(**all))) ==
			    NULL) {
				sqlite3_reset(st);
				return -1;
			}
			*all = grown;
		}
		(*all)[*n].id = (long)sqlite3_column_int64(st, 0);
		stated_of_xml(sqlite3_column_blob(st, 1),
		    sqlite3_column_bytes(st, 1), &(*all)[*n].f);
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
late_stated_fill(struct db *db)
{
	const struct kind	*k;
	struct stated		*all = NULL;
	sqlite3_stmt		*st;
	size_t			 i, n = 0, room = 0;
	int			 rc = 0;

	for (i = 0; rc == 0 && (k = kind_at(i)) != NULL; i++)
		if (k->ending != NULL)
			rc = collect_stated(db, k->name, &all, &n, &room);
	/* Written once the reads are done: no update under a read. */
	for (i = 0; rc == 0 && i < n; i++) {
		if ((st = db_stmt(db, STMT_DOC_SET_STATED)) == NULL)
			rc = -1;
		else {
			sqlite3_bind_int64(st, 1, all[i].id);
			bind_stated(st, &all[i].f);
			rc = db_step_done(st);
		}
	}
	free(all);
	if (rc != 0)
		fprintf(stderr, "level=error msg=\"migration 12: the stated"
		    " endings: %s\"\n", sqlite3_errmsg(db->conn));
	return rc;
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
