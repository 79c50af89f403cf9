/*
 * latefacts: the facts of lateness.h read from the database.  Statements
 * that feed lateness select LATE_FACT_COLS of a document and
 * LATE_CASE_COLS of its placement (db.c); these read them, turning every
 * stored UTC time into its local day.
 */
#ifndef INSATS_LATEFACTS_H
#define INSATS_LATEFACTS_H

#include <libxml/tree.h>
#include <sqlite3.h>

#include "db.h"
#include "lateness.h"

/* Number of columns of LATE_FACT_COLS and LATE_CASE_COLS (db.c). */
#define LATE_FACT_NCOLS	10
#define LATE_CASE_NCOLS	5

/*
 * Fills *f from LATE_FACT_COLS at col: id, kind, period, revision, state,
 * first submission, returns, first review, approval, a final report's
 * XML.  Returns 0, or -1 if the state is unknown.
 */
int	 late_fact_row(sqlite3_stmt *st, int col, struct doc_fact *f);
/*
 * Fills *pc from LATE_CASE_COLS at col: start, end in force, ending,
 * decision day, revision request.  Returns 0, or -1 if the start is
 * not a date.
 */
int	 late_case_row(sqlite3_stmt *st, int col, struct late_case *pc);
/* Fills *f with what a final report's content states (nothing if NULL). */
void	 late_final_of(xmlDocPtr content, struct late_final *f);
/* The facts of placement id.  Returns 0, 1 if there is none, or -1. */
int	 late_case_of(struct db *db, long id, struct late_case *pc);
/*
 * The facts of document doc of placement placement.  Returns 0, 1 if
 * there is none, or -1.
 */
int	 late_fact_of(struct db *db, long placement, long doc,
	    struct doc_fact *f);
/*
 * Writes dd onto a page's <document> or <doc> n (xsl/PAGES.md): due,
 * late, very-late; review-due, review-late; approve-due, approve-late;
 * and for a final report end, ending, paid-until, submit-until, unpaid,
 * refused.  Each only when it applies.
 */
void	 late_page_attrs(xmlNodePtr n, const struct doc_dues *dd);

#endif
