/*
 * payfacts: what a payment run reads (payfacts.h).  The kinds it reads
 * are the descriptors' (kinds.h: pays_month, holds_end_month), bound into
 * the statements by name.
 */
#include <stdio.h>

#include "db.h"
#include "kinds.h"
#include "payfacts.h"

/*
 * The name of the kind that pays a month, NULL if there is none (the
 * statements then match no document).  kinds.h: one kind.
 */
static const char *
month_kind(void)
{
	const struct kind	*k;
	size_t			 i;

	for (i = 0; (k = kind_at(i)) != NULL; i++)
		if (k->pays_month)
			return k->name;
	return NULL;
}

/* The name of the kind that holds the end month, as month_kind(). */
static const char *
end_kind(void)
{
	const struct kind	*k;
	size_t			 i;

	for (i = 0; (k = kind_at(i)) != NULL; i++)
		if (k->holds_end_month)
			return k->name;
	return NULL;
}

/* Binds the name of a kind, static in its descriptor.  Returns 0 or -1. */
static int
bind_kind(sqlite3_stmt *st, int i, const char *name)
{
	return sqlite3_bind_text(st, i, name, -1, SQLITE_STATIC) ==
	    SQLITE_OK ? 0 : -1;
}

/* Returns column i of st as text, "" for NULL. */
static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Binds text.  Returns 0 or -1. */
static int
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) ==
	    SQLITE_OK ? 0 : -1;
}

int
store_pay_candidates_each(struct db *db, const char *month,
    int64_t counsellor, const char *since, const char *first,
    const char *last, int (*fn)(int64_t, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PAYMENT_CANDIDATES);
	int		 rc, stop = 0;

	if (st == NULL || bind_text(st, 1, month) ||
	    sqlite3_bind_int64(st, 2, counsellor) != SQLITE_OK ||
	    bind_text(st, 3, since) || bind_text(st, 4, first) ||
	    bind_text(st, 5, last) || bind_kind(st, 6, month_kind()) ||
	    bind_kind(st, 7, end_kind()))
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(sqlite3_column_int64(st, 0), arg);
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}

int
store_pay_placement(struct db *db, int64_t id, struct pay_placement *out)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PAYMENT_PLACEMENT);
	int		 rc;

	if (st == NULL || bind_kind(st, 2, end_kind()))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(out->provider, sizeof(out->provider), "%s",
		    col(st, 0));
		out->customer = sqlite3_column_int64(st, 1);
		snprintf(out->code, sizeof(out->code), "%s", col(st, 2));
		snprintf(out->start, sizeof(out->start), "%s", col(st, 3));
		snprintf(out->end, sizeof(out->end), "%s", col(st, 4));
		snprintf(out->ending, sizeof(out->ending), "%s", col(st, 5));
		snprintf(out->ending_decided_on,
		    sizeof(out->ending_decided_on), "%s", col(st, 6));
		snprintf(out->final_first, sizeof(out->final_first), "%s",
		    col(st, 7));
		out->final_approved = sqlite3_column_int(st, 8);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
store_pay_monthlies_each(struct db *db, int64_t placement,
    int (*fn)(const char *, const char *, void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PAYMENT_MONTHLIES);
	int		 rc, stop = 0;

	if (st == NULL || bind_kind(st, 2, month_kind()))
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(col(st, 0), (const char *)sqlite3_column_text(st, 1),
		    arg);
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}

int
store_doc_first_submit(struct db *db, int64_t id, char *buf, size_t size)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_DOC_FIRST_SUBMIT);
	int		 rc;

	buf[0] = '\0';
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(buf, size, "%s", col(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}
