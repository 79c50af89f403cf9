/*
 * listrows: the shared ends of the list functions (listrows.h).
 */
#include "listrows.h"

const char *
list_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

const char *
list_str(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

int64_t
list_id(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, i);
}

int
list_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) ==
	    SQLITE_OK ? 0 : -1;
}

int
list_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	int	 rc;

	rc = id == 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, id);
	return rc == SQLITE_OK ? 0 : -1;
}

int
list_end(sqlite3_stmt *st, int rc, int stop)
{
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}
