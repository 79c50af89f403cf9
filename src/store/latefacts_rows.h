/*
 * latefacts_rows: the row readers of latefacts.c, for the storage code
 * whose statements select LATE_FACT_COLS of a document and LATE_CASE_COLS
 * of its placement (statements.c).  Storage-private: only src/store
 * includes it; the rest of the program reads lateness facts through the
 * typed functions of latefacts.h and the other store headers.
 */
#ifndef INSATS_LATEFACTS_ROWS_H
#define INSATS_LATEFACTS_ROWS_H

#include <sqlite3.h>

#include "database.h"
#include "lateness.h"

/* Number of columns of LATE_FACT_COLS and LATE_CASE_COLS (statements.c). */
#define LATE_FACT_NCOLS	12
#define LATE_CASE_NCOLS	5

/*
 * Fills *f from LATE_FACT_COLS at col: id, kind, period, revision, state,
 * first submission, returns, first review, approval (migration 12's
 * columns) and what the content states of the ending (late_stated_put).
 * Returns 0, or -1 if the state is unknown.
 */
int	 late_fact_row(sqlite3_stmt *st, int col, struct doc_fact *f);
/*
 * Fills *pc from LATE_CASE_COLS at col: start, end in force, ending,
 * decision day, revision request.  Returns 0, or -1 if the start is
 * not a date.
 */
int	 late_case_row(sqlite3_stmt *st, int col, struct late_case *pc);
/*
 * Stores what the content xml of document doc states of the ending (as
 * late_final_of()), when its kind has an ending rule (kinds.h: the final
 * report); nothing for another kind.  Every save of a content calls it,
 * in the save's transaction.  Returns 0 or -1.
 */
int	 late_stated_put(struct db *db, long doc, const char *kind,
	    const char *xml);
/*
 * The same for the current content of every document whose kind has an
 * ending rule: migration 12, in its transaction.  Returns 0 or -1.
 */
int	 late_stated_fill(struct db *db);

#endif
