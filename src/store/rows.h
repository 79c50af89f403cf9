/*
 * rows: readers of the column groups that many statements select
 * (PLACEMENT_COLS and DOC_COLS in statements.c).  Private to src/store/:
 * the function that steps a statement reads its columns with these, so
 * no column offset leaves the storage code.
 */
#ifndef INSATS_ROWS_H
#define INSATS_ROWS_H

#include <sqlite3.h>

#include "store.h"

/* The number of columns of PLACEMENT_COLS and DOC_COLS. */
#define PLACEMENT_NCOLS	15
#define DOC_NCOLS	11

/* Fills p from a row whose columns at col are PLACEMENT_COLS. */
void	 store_placement_row(sqlite3_stmt *st, int col, struct placement *p);
/* Fills d from a row whose columns at col are DOC_COLS. */
void	 store_document_row(sqlite3_stmt *st, int col, struct document *d);

#endif
