/*
 * deficiency: the providers' deficiencies on a counsellor's start page
 * (002 §13.5).  A duty of duties.c is late when its first revision was
 * first submitted after the due date, or when none was by today; very
 * late the same a month after the due date.  So: per provider, every
 * duty past due counts as if nothing had arrived (STMT_DEFICIENCY_DUTIES,
 * against the bounds of duty_bounds()), and each submitted first
 * revision corrects its own duty to the day it arrived
 * (STMT_DEFICIENCY_DOCS, duty_due()).  No per-placement query, no due
 * date computed in SQL; the rules stay in calendar.c and duties.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deficiency.h"
#include "duties.h"

/* Providers of one counsellor's placements looked at (by id): far more
 * than the municipality authorises. */
#define PROVIDERS_MAX	256

/* Binds day d as "YYYY-MM-DD" to parameter i of st. */
static void
bind_day(sqlite3_stmt *st, int i, struct date d)
{
	char	 buf[11];

	date_format(d, buf);
	sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

/*
 * The providers of counsellor's placements with their duties past due as
 * if nothing had arrived, by provider id, into p (at most max).  Returns
 * the number, or -1.
 */
static int
load_duties(struct db *db, long counsellor, struct date today,
    struct deficiency *p, size_t max)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_DEFICIENCY_DUTIES);
	struct duty_bounds	 b;
	const char		*name;
	size_t			 n = 0;
	int			 rc;

	if (st == NULL)
		return -1;
	duty_bounds(today, &b);
	sqlite3_bind_int64(st, 1, counsellor);
	bind_day(st, 2, b.plan_late);
	bind_day(st, 3, b.plan_very);
	bind_day(st, 4, b.final_late);
	bind_day(st, 5, b.final_very);
	bind_day(st, 6, today);
	sqlite3_bind_int(st, 7, b.month_late);
	sqlite3_bind_int(st, 8, b.month_very);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max) {
		memset(&p[n], 0, sizeof(p[n]));
		p[n].provider_id = (long)sqlite3_column_int64(st, 0);
		name = (const char *)sqlite3_column_text(st, 1);
		snprintf(p[n].name, sizeof(p[n].name), "%s",
		    name != NULL ? name : "");
		p[n].late = sqlite3_column_int(st, 2);
		p[n].very_late = sqlite3_column_int(st, 3);
		n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? (int)n : -1;
}

/* The entry of provider id among p (n, by id), or NULL. */
static struct deficiency *
find_provider(struct deficiency *p, size_t n, long id)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p[mid].provider_id == id)
			return &p[mid];
		if (p[mid].provider_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Corrects the lateness of one duty whose first revision arrived on
 * arrived: late by that day rather than by today.
 */
static void
correct_arrival(struct deficiency *p, struct date start,
    const struct date *end, struct date today, const char *kind,
    const char *period, struct date arrived)
{
	struct date	 due, very;

	if (!duty_due(start, end, today, kind, period, &due))
		return;
	very = date_add_months(due, 1);
	p->late += is_late(due, arrived) - is_late(due, today);
	p->very_late += is_late(very, arrived) - is_late(very, today);
}

/*
 * Reads every document of the counsellor's placements: the returns of
 * each, the arrival of each first revision.  Returns 0 or -1.
 */
static int
load_docs(struct db *db, long counsellor, struct date today,
    struct deficiency *p, size_t n)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_DEFICIENCY_DOCS);
	struct deficiency	*one;
	struct date		 start, end, arrived;
	const char		*kind, *period, *s;
	char			 day[11];
	int			 rc, has_end;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, counsellor);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((one = find_provider(p, n,
		    (long)sqlite3_column_int64(st, 0))) == NULL)
			continue;
		one->returned += sqlite3_column_int(st, 7) >= 2;
		/* Revisions start at 1 (store_document_create); only the
		 * first tells when the duty was met. */
		if (sqlite3_column_int(st, 3) != 1 ||
		    (s = (const char *)sqlite3_column_text(st, 6)) == NULL)
			continue;
		snprintf(day, sizeof(day), "%.10s", s);
		if (date_parse(day, &arrived) == -1)
			continue;
		s = (const char *)sqlite3_column_text(st, 4);
		if (s == NULL || date_parse(s, &start) == -1)
			continue;
		s = (const char *)sqlite3_column_text(st, 5);
		has_end = s != NULL && date_parse(s, &end) == 0;
		kind = (const char *)sqlite3_column_text(st, 1);
		period = (const char *)sqlite3_column_text(st, 2);
		correct_arrival(one, start, has_end ? &end : NULL, today,
		    kind ? kind : "", period ? period : "", arrived);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
by_name(const void *a, const void *b)
{
	const struct deficiency	*x = a, *y = b;
	int			 r = strcmp(x->name, y->name);

	if (r != 0)
		return r;
	return x->provider_id < y->provider_id ? -1 :
	    x->provider_id > y->provider_id;
}

/*
 * The providers with a deficiency, by name, at most max.  Returns the
 * number written, or -1 (logged).
 */
int
deficiencies_of_counsellor(struct db *db, long counsellor, struct date today,
    struct deficiency *out, size_t max, int *more)
{
	struct deficiency	*p;
	int			 np;
	size_t			 i, n = 0;

	*more = 0;
	if ((p = calloc(PROVIDERS_MAX, sizeof(*p))) == NULL)
		return -1;
	if ((np = load_duties(db, counsellor, today, p, PROVIDERS_MAX)) == -1 ||
	    load_docs(db, counsellor, today, p, (size_t)np) == -1) {
		fprintf(stderr, "level=error msg=\"deficiencies: %s\"\n",
		    sqlite3_errmsg(db->conn));
		free(p);
		return -1;
	}
	qsort(p, (size_t)np, sizeof(p[0]), by_name);
	for (i = 0; i < (size_t)np; i++) {
		if (p[i].very_late == 0 && p[i].late < 2 && p[i].returned == 0)
			continue;
		if (n == max) {
			*more = 1;
			break;
		}
		out[n++] = p[i];
	}
	free(p);
	return (int)n;
}
