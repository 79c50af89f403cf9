/*
 * protectedlog: the read log of protected identities (protectedlog.h).
 */
#include <string.h>

#include "db.h"
#include "page.h"
#include "protectedlog.h"

#define READS_SHOWN	50

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

static int
add_reads(struct db *db, xmlNodePtr parent, long customer)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PROTECTED_READS_OF_CUSTOMER);
	xmlNodePtr	 list = page_elem(parent, "reads"), n;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, customer);
	sqlite3_bind_int(st, 2, READS_SHOWN);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = page_elem(list, "read");
		page_attr_time(n, "at", (const char *)sqlite3_column_text(st, 0));
		page_attr(n, "login", (const char *)sqlite3_column_text(st, 1));
		page_attr(n, "name", (const char *)sqlite3_column_text(st, 2));
		page_attr(n, "role", (const char *)sqlite3_column_text(st, 3));
		page_attr(n, "what", (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
protected_add_to_page(struct db *db, xmlNodePtr parent, long customer,
    int with_reads)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_CUSTOMER_PROTECTION);
	xmlNodePtr	 n;
	const char	*s;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, customer);
	rc = sqlite3_step(st);
	s = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	n = page_elem(parent, "protection");
	page_attr(n, "category", s != NULL ? s : "sekretessmarkering");
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return -1;
	return with_reads ? add_reads(db, n, customer) : 0;
}
