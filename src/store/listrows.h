/*
 * listrows: what the storage code's functions share when they bind a
 * statement, step it and read its rows (the store headers' _each lists).
 * Storage-private: only src/store includes it.
 */
#ifndef INSATS_LISTROWS_H
#define INSATS_LISTROWS_H

#include <stdint.h>

#include <sqlite3.h>

#include "rows.h"	/* PLACEMENT_NCOLS */

/* The text of column i of the row, or NULL. */
const char	*list_text(sqlite3_stmt *st, int i);
/* The text of column i of the row, "" for NULL. */
const char	*list_str(sqlite3_stmt *st, int i);
/* Column i of the row as an id, 0 for NULL. */
int64_t		 list_id(sqlite3_stmt *st, int i);
/* Binds text, a copy (NULL binds NULL).  Returns 0 or -1. */
int		 list_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Binds an id; 0 binds NULL.  Returns 0 or -1. */
int		 list_bind_id(sqlite3_stmt *st, int i, int64_t id);
/*
 * Ends a list: resets st and returns what the list returns: stop, the
 * callback's value, when it stopped the list; else 0 when the last step
 * gave rc SQLITE_DONE, -1 when it failed.
 */
int		 list_end(sqlite3_stmt *st, int rc, int stop);

#endif
