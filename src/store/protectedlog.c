/*
 * protectedlog: the read log of protected identities and their category
 * in the database (protectedlog.h).
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "protectedlog.h"

struct read_tx {
	long		 customer, user;
	const char	*what;
};

static int
read_tx(struct db *db, void *arg)
{
	struct read_tx	*a = arg;
	sqlite3_stmt	*st = db_stmt(db, STMT_PROTECTED_READ);
	char		 now[21];

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, a->customer);
	sqlite3_bind_int64(st, 2, a->user);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, a->what, -1, SQLITE_STATIC);
	return db_step_done(st);
}

int
protected_log_read(struct db *db, const struct user *u, long customer,
    const char *what)
{
	struct read_tx	 a = { customer, u->id, what };

	return db_transaction(db, read_tx, &a) == 0 ? 0 : -1;
}

int
protected_reads_each(struct db *db, long customer, int limit,
    int (*fn)(const struct protected_read *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_PROTECTED_READS_OF_CUSTOMER);
	struct protected_read	 r;
	int			 rc, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, customer);
	sqlite3_bind_int(st, 2, limit);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.at = (const char *)sqlite3_column_text(st, 0);
		r.login = (const char *)sqlite3_column_text(st, 1);
		r.name = (const char *)sqlite3_column_text(st, 2);
		r.role = (const char *)sqlite3_column_text(st, 3);
		r.what = (const char *)sqlite3_column_text(st, 4);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
protected_category(struct db *db, long customer, char *buf, size_t size)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_CUSTOMER_PROTECTION);
	const char	*s;
	int		 rc;

	if (st == NULL || size == 0)
		return -1;
	sqlite3_bind_int64(st, 1, customer);
	rc = sqlite3_step(st);
	buf[0] = '\0';
	if (rc == SQLITE_ROW &&
	    (s = (const char *)sqlite3_column_text(st, 0)) != NULL)
		snprintf(buf, size, "%s", s);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}
