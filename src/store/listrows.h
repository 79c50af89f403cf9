/*
 * listrows: what the storage code's list functions (the store headers'
 * _each) share when they step a statement and read its rows.
 * Storage-private: only src/store includes it.
 */
#ifndef INSATS_LISTROWS_H
#define INSATS_LISTROWS_H

#include <sqlite3.h>

#include "rows.h"	/* PLACEMENT_NCOLS */

/* The text of column i of the row, or NULL. */
const char	*list_text(sqlite3_stmt *st, int i);
/*
 * Ends a list: resets st and returns what the list returns: stop, the
 * callback's value, when it stopped the list; else 0 when the last step
 * gave rc SQLITE_DONE, -1 when it failed.
 */
int		 list_end(sqlite3_stmt *st, int rc, int stop);

#endif
