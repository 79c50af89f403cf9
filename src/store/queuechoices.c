/*
 * queuechoices: the queue form's choices (queuechoices.h).
 */
#include <stdio.h>

#include "db.h"
#include "listrows.h"
#include "queuechoices.h"

int
queuechoices_customers_each(struct db *db, long counsellor, int limit,
    int (*fn)(const struct customer_choice *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_CUSTOMERS_OF_COUNSELLOR);
	struct customer_choice	 cc;
	int			 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, counsellor);
	sqlite3_bind_int(st, 2, limit);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		cc.id = (long)sqlite3_column_int64(st, 0);
		cc.name = list_text(st, 1);
		cc.pnr = list_text(st, 2);
		cc.protected = sqlite3_column_int(st, 3);
		stop = fn(&cc, arg);
	}
	return list_end(st, rc, stop);
}

int
queuechoices_customer_is_own(struct db *db, long customer, long counsellor)
{
	return db_exists(db, STMT_CUSTOMER_OF_COUNSELLOR, customer, counsellor);
}

int
queuechoices_providers_each(struct db *db,
    int (*fn)(const struct provider_choice *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_ORG_LIST);
	struct provider_choice	 pc;
	int			 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		pc.id = (long)sqlite3_column_int64(st, 0);
		pc.name = list_text(st, 1);
		stop = fn(&pc, arg);
	}
	return list_end(st, rc, stop);
}

int
queuechoices_provider_exists(struct db *db, long id)
{
	return db_exists(db, STMT_ORG_EXISTS, id, 0);
}

int
queuechoices_codes_each(struct db *db,
    int (*fn)(const struct code_choice *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_CATALOGUE_LIST);
	struct code_choice	 cc;
	int			 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		cc.code = list_text(st, 0);
		cc.kundval = list_text(st, 1);
		cc.name = list_text(st, 2);
		cc.max_months = sqlite3_column_int(st, 3);
		stop = fn(&cc, arg);
	}
	return list_end(st, rc, stop);
}

int
queuechoices_code_limits(struct db *db, const char *code,
    struct code_limits *out)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_CATALOGUE_GET);
	const char	*s;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->max_months = sqlite3_column_int(st, 3);
		s = list_text(st, 1);
		snprintf(out->kundval, sizeof(out->kundval), "%s",
		    s != NULL ? s : "");
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
queuechoices_kundvals_each(struct db *db,
    int (*fn)(const char *kundval, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_KUNDVAL_LIST);
	int		 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(list_text(st, 0), arg);
	return list_end(st, rc, stop);
}

int
queuechoices_default_list_each(struct db *db, const char *kundval,
    int (*fn)(const struct authorised_provider *, void *), void *arg)
{
	sqlite3_stmt			*st = db_stmt(db,
					    STMT_AUTHORISATIONS_OF_KUNDVAL);
	struct authorised_provider	 ap;
	int				 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, kundval, -1, SQLITE_TRANSIENT);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ap.id = (long)sqlite3_column_int64(st, 0);
		ap.name = list_text(st, 1);
		ap.authorised_on = list_text(st, 2);
		stop = fn(&ap, arg);
	}
	return list_end(st, rc, stop);
}
