/*
 * registryreads: what the register's commands read (registry.h): the
 * users, a customer, the kundvals and their default-provider lists.
 */
#include <stdio.h>

#include "db.h"
#include "listrows.h"
#include "registry.h"

int
registry_user_count(struct db *db, int64_t *n)
{
	sqlite3_stmt	*st;

	int		 rc;

	if ((st = db_stmt(db, STMT_SUMMARY)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
registry_users_each(struct db *db,
    int (*fn)(const struct registry_user *, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct registry_user	 u;
	int			 rc, stop = 0;

	if ((st = db_stmt(db, STMT_USER_LIST)) == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		u.login = list_str(st, 1);
		u.name = list_str(st, 2);
		u.role = list_str(st, 3);
		u.org = list_str(st, 5);
		stop = fn(&u, arg);
	}
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}

int
registry_customer_by_pnr(struct db *db, const char *pnr,
    struct registry_customer_row *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, STMT_CUSTOMER_BY_PNR)) == NULL ||
	    sqlite3_bind_text(st, 1, pnr, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		snprintf(out->pnr, sizeof(out->pnr), "%s", list_str(st, 1));
		snprintf(out->name, sizeof(out->name), "%s", list_str(st, 2));
		out->protected = sqlite3_column_int(st, 3);
		snprintf(out->counsellor, sizeof(out->counsellor), "%s",
		    list_str(st, 4));
		snprintf(out->created, sizeof(out->created), "%s",
		    list_str(st, 5));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
registry_kundvals_each(struct db *db, int (*fn)(const char *, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	int		 rc, stop = 0;

	if ((st = db_stmt(db, STMT_KUNDVAL_LIST)) == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(list_str(st, 0), arg);
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}

int
registry_authorisations_each(struct db *db, const char *kundval,
    int (*fn)(const struct registry_authorisation *, void *), void *arg)
{
	sqlite3_stmt			*st;
	struct registry_authorisation	 a;
	int				 rc, stop = 0;

	if ((st = db_stmt(db, STMT_AUTHORISATIONS_OF_KUNDVAL)) == NULL ||
	    sqlite3_bind_text(st, 1, kundval, -1, SQLITE_TRANSIENT) !=
	    SQLITE_OK)
		return -1;
	a.kundval = kundval;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		a.org = list_str(st, 1);
		a.date = list_str(st, 2);
		stop = fn(&a, arg);
	}
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}
