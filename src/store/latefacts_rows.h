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

#include "lateness.h"

/* Number of columns of LATE_FACT_COLS and LATE_CASE_COLS (statements.c). */
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

#endif
