/*
 * listrows: the shared ends of the list functions (listrows.h).
 */
#include "listrows.h"

const char *
list_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int
list_end(sqlite3_stmt *st, int rc, int stop)
{
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}
