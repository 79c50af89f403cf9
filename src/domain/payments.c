/*
 * payments: the payment runs (payments.h, DOMAIN.md, 002 §12, §14).  The
 * rules are billing.c's pure functions; here the facts are read and the
 * rows of a run chosen.  Amounts come from billing.c in öre and are
 * written once, as kronor with öre.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing.h"
#include "kinds.h"
#include "localdate.h"
#include "payments.h"

struct buf {
	char	*s;
	size_t	 len, size;
	int	 failed;
};

/* Appends n bytes.  On failure the buffer is marked failed. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	char	*p;
	size_t	 size;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->size) {
		size = b->size ? b->size : 1024;
		while (size < b->len + n + 1)
			size *= 2;
		if ((p = realloc(b->s, size)) == NULL) {
			b->failed = 1;
			return;
		}
		b->s = p;
		b->size = size;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends one field, quoted (RFC 4180) when it holds , " CR or LF. */
static void
buf_field(struct buf *b, const char *s, int last)
{
	const char	*p;

	if (strpbrk(s, ",\"\r\n") == NULL)
		buf_add(b, s, strlen(s));
	else {
		buf_add(b, "\"", 1);
		for (p = s; *p; p++) {
			if (*p == '"')
				buf_add(b, "\"", 1);	/* doubled */
			buf_add(b, p, 1);
		}
		buf_add(b, "\"", 1);
	}
	if (last)
		buf_add(b, "\r\n", 2);
	else
		buf_add(b, ",", 1);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* What the rows of one placement are computed from. */
struct facts {
	long			 id;
	char			 provider[201];
	long			 customer;
	char			 code[16];
	struct date		 start;
	int			 has_end;
	struct final_facts	 final;	/* final.end: the end in force */
};

/* Months as one number, to compare and order them. */
static int
month_no(int year, int month)
{
	return year * 12 + month - 1;
}

static void
ending_of(const char *s, enum ending *e)
{
	if (strcmp(s, "aborted") == 0)
		*e = ENDING_ABORTED;
	else if (strcmp(s, "early") == 0)
		*e = ENDING_EARLY;
	else	/* no decision recorded: the planned end is reached */
		*e = ENDING_COMPLETED;
}

/* Fills f from a STMT_PAYMENT_PLACEMENT row.  Returns 0, or -1. */
static int
facts_row(sqlite3_stmt *st, long id, struct facts *f)
{
	memset(f, 0, sizeof(*f));
	f->id = id;
	snprintf(f->provider, sizeof(f->provider), "%s", col(st, 0));
	f->customer = (long)sqlite3_column_int64(st, 1);
	snprintf(f->code, sizeof(f->code), "%s", col(st, 2));
	if (date_parse(col(st, 3), &f->start) == -1)
		return -1;
	f->has_end = date_parse(col(st, 4), &f->final.end) == 0;
	ending_of(col(st, 5), &f->final.ending);
	if (date_parse(col(st, 6), &f->final.decided) == -1)
		f->final.decided = (struct date){ 0, 0, 0 };
	/* Local date: 23:30Z on the 7th is the 8th in Stockholm. */
	f->final.submitted = local_date_of(col(st, 7), &f->final.first) == 0;
	f->final.approved = sqlite3_column_int(st, 8);
	return 0;
}

/* Reads placement id's facts.  Returns 0, 1 if there is none, -1. */
static int
load_facts(struct db *db, long id, struct facts *f)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PAYMENT_PLACEMENT);
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	rc = facts_row(st, id, f);
	sqlite3_reset(st);
	return rc;
}

int
payments_amount(struct db *db, const char *code, int year, int month,
    long *ore)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_AMOUNT_OF_MONTH);
	char		 first[11];
	int		 rc;

	if (st == NULL)
		return -1;
	date_format((struct date){ year, month, 1 }, first);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, first, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*ore = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/* Why the end month or the two weeks are not paid, in Swedish. */
static void
hold_reason(const struct final_facts *f, enum final_hold h, char *buf,
    size_t size)
{
	char	 d[11];

	date_format(final_paid_until(f->ending, f->end, f->decided), d);
	switch (h) {
	case FINAL_MISSING:
		snprintf(buf, size, "slutrapport saknas: sista månaden betalas "
		    "när den är godkänd");
		break;
	case FINAL_UNAPPROVED:
		snprintf(buf, size, "slutrapporten är inte godkänd");
		break;
	case FINAL_LATE:
		snprintf(buf, size, "slutrapporten klarmarkerades efter %s: "
		    "utan ersättning", d);
		break;
	case FINAL_PAID:
		break;
	}
}

/*
 * The run of the end month: the later of its monthly report's and its
 * final report's (002 §14: either one after the cut-off moves it).
 */
static void
end_month_run(const struct facts *f, int cutoff_day, struct pay_row *r)
{
	int	 y, m;

	if (!f->final.submitted)
		return;
	billing_run(r->year, r->month, f->final.first, cutoff_day, &y, &m);
	if (month_no(y, m) > month_no(r->run_year, r->run_month)) {
		r->run_year = y;
		r->run_month = m;
	}
}

/* Sets late and, for a late row still paid, its reason. */
static void
mark_late(struct pay_row *r)
{
	char	 d[11];

	r->late = r->submitted &&
	    month_no(r->run_year, r->run_month) > month_no(r->year, r->month);
	if (r->late && r->reason[0] == '\0') {
		date_format(r->cutoff, d);
		snprintf(r->reason, sizeof(r->reason), "kom in efter "
		    "brytdatum %s", d);
	}
}

/*
 * The row of the monthly report on (year, month), first submitted at
 * first_utc (NULL: not yet).  Returns 0, 1 if the month holds no day of
 * the placement, -1 on an error.
 */
static int
monthly_row(struct db *db, int cutoff_day, const struct facts *f, int year,
    int month, const char *first_utc, struct pay_row *r)
{
	struct payment	 pay;
	struct date	 first;
	long		 amount = 0;
	int		 rc;

	memset(r, 0, sizeof(*r));
	r->kind = PAY_MONTHLY;
	r->year = year;
	r->month = month;
	r->cutoff = billing_cutoff(year, month, cutoff_day);
	if ((rc = payments_amount(db, f->code, year, month, &amount)) == -1)
		return -1;
	r->priced = rc == 0;
	if (billing_month(f->start, f->has_end ? &f->final.end : NULL, year,
	    month, amount, &pay) == -1)
		return 1;
	r->days = pay.days;
	r->monthly_amount_ore = amount;
	r->amount_ore = pay.amount_ore;
	if (first_utc != NULL && local_date_of(first_utc, &first) == 0) {
		r->submitted = 1;
		billing_run(year, month, first, cutoff_day, &r->run_year,
		    &r->run_month);
	}
	if (f->has_end && f->final.end.year == year &&
	    f->final.end.month == month) {
		if (r->submitted)
			end_month_run(f, cutoff_day, r);
		if ((r->hold = billing_final_hold(&f->final)) != FINAL_PAID) {
			r->amount_ore = 0;
			hold_reason(&f->final, r->hold, r->reason,
			    sizeof(r->reason));
		}
	}
	if (!r->priced)
		snprintf(r->reason, sizeof(r->reason), "inget checkbelopp i "
		    "katalogen för månaden");
	mark_late(r);
	return 0;
}

/*
 * The two weeks after an aborted placement's end (002 §12.1.3), for the
 * end month at its amount, in the run of the final report's first
 * submission.  Returns 0 with *r, 1 if there is no such row, -1.
 */
static int
final_row(struct db *db, int cutoff_day, const struct facts *f,
    struct pay_row *r)
{
	long	 amount = 0;
	int	 rc;

	memset(r, 0, sizeof(*r));
	if (!f->has_end || f->final.ending != ENDING_ABORTED ||
	    !f->final.submitted)
		return 1;
	r->kind = PAY_FINAL;
	r->year = f->final.end.year;
	r->month = f->final.end.month;
	r->cutoff = billing_cutoff(r->year, r->month, cutoff_day);
	r->submitted = 1;
	billing_run(r->year, r->month, f->final.first, cutoff_day,
	    &r->run_year, &r->run_month);
	if ((rc = payments_amount(db, f->code, r->year, r->month, &amount)) ==
	    -1)
		return -1;
	r->priced = rc == 0;
	r->days = 14;
	r->monthly_amount_ore = amount;
	r->amount_ore = billing_two_weeks(amount);
	if ((r->hold = billing_final_hold(&f->final)) != FINAL_PAID) {
		r->amount_ore = 0;
		hold_reason(&f->final, r->hold, r->reason, sizeof(r->reason));
	}
	if (!r->priced)
		snprintf(r->reason, sizeof(r->reason), "inget checkbelopp i "
		    "katalogen för månaden");
	mark_late(r);
	return 0;
}

/* Appends one CSV row. */
static void
add_row(struct buf *b, const struct facts *f, const struct pay_row *r)
{
	char	 v[32];

	buf_field(b, f->provider, 0);
	snprintf(v, sizeof(v), "%ld", f->id);
	buf_field(b, v, 0);
	snprintf(v, sizeof(v), "K-%ld", f->customer);
	buf_field(b, v, 0);
	snprintf(v, sizeof(v), "%04d-%02d", r->year, r->month);
	buf_field(b, v, 0);
	buf_field(b, r->kind == PAY_FINAL ? "slutrapport" : "månadsrapport", 0);
	snprintf(v, sizeof(v), "%d", r->days);
	buf_field(b, v, 0);
	snprintf(v, sizeof(v), "%ld.%02ld", r->amount_ore / 100,
	    r->amount_ore % 100);
	buf_field(b, v, 0);
	buf_field(b, r->late ? "ja" : "nej", 0);
	buf_field(b, r->reason, 1);
}

/* 1 if r is paid in run (year, month). */
static int
in_run(const struct pay_row *r, int year, int month)
{
	return r->submitted && r->run_year == year && r->run_month == month;
}

/*
 * Appends the rows of placement f that run (year, month) pays.  Returns
 * 0 or -1.
 */
static int
add_placement(struct db *db, struct buf *b, const struct facts *f,
    int cutoff_day, int year, int month)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_PAYMENT_MONTHLIES);
	struct pay_row	 r;
	int		 y, m, rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, f->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (kind_period_parse(col(st, 0), &y, &m) == -1)
			continue;
		rc = monthly_row(db, cutoff_day, f, y, m,
		    sqlite3_column_text(st, 1) ? col(st, 1) : NULL, &r);
		if (rc == -1)
			break;
		/* An ending decision may have cut a reported month off. */
		if (rc == 1)
			fprintf(stderr, "level=warn msg=\"payments: placement %ld "
			    "has no day in %s\"\n", f->id, col(st, 0));
		else if (in_run(&r, year, month))
			add_row(b, f, &r);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	if ((rc = final_row(db, cutoff_day, f, &r)) == -1)
		return -1;
	if (rc == 0 && in_run(&r, year, month))
		add_row(b, f, &r);
	return 0;
}

/*
 * Binds run (year, month)'s candidate bounds: the month, the previous
 * run's cut-off and the month's first and last day.
 */
static void
bind_candidates(sqlite3_stmt *st, const char *month, long counsellor,
    int year, int mon, int cutoff_day)
{
	struct date	 prev = date_add_months((struct date){ year, mon, 1 }, -1);
	char		 lo[11], first[11], last[11];

	date_format(billing_cutoff(prev.year, prev.month, cutoff_day), lo);
	date_format((struct date){ year, mon, 1 }, first);
	date_format((struct date){ year, mon, days_in_month(year, mon) }, last);
	sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, counsellor);
	sqlite3_bind_text(st, 3, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, first, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, last, -1, SQLITE_TRANSIENT);
}

#define CSV_HEADER \
	"anordnare,insats,kundreferens,avser,underlag,dagar,belopp,sen,orsak\r\n"

int
payments_csv(struct db *db, const char *month, long counsellor,
    int cutoff_day, char **csv, size_t *len)
{
	struct buf	 b = { NULL, 0, 0, 0 };
	struct facts	 f;
	sqlite3_stmt	*st;
	int		 year, mon, rc;

	*csv = NULL;
	*len = 0;
	if (kind_period_parse(month, &year, &mon) == -1)
		return 1;
	if ((st = db_stmt(db, STMT_PAYMENT_CANDIDATES)) == NULL)
		return -1;
	bind_candidates(st, month, counsellor, year, mon, cutoff_day);
	buf_add(&b, CSV_HEADER, sizeof(CSV_HEADER) - 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (load_facts(db, (long)sqlite3_column_int64(st, 0), &f) != 0 ||
		    add_placement(db, &b, &f, cutoff_day, year, mon) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || b.failed) {
		fprintf(stderr, "level=error msg=\"payments: run %s failed\"\n",
		    month);
		free(b.s);
		return -1;
	}
	*csv = b.s;
	*len = b.len;
	return 0;
}

/* The first submission of document id, or NULL (into buf).  0 or -1. */
static int
first_submission(struct db *db, long id, char *buf, size_t size)
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

int
payments_of_document(struct db *db, int cutoff_day,
    const struct document *d, struct pay_row *out)
{
	struct facts	 f;
	char		 first[32];
	int		 y, m, rc;

	if (strcmp(d->kind, "monthly") != 0 ||
	    kind_period_parse(d->period, &y, &m) == -1)
		return 1;
	if ((rc = load_facts(db, d->placement_id, &f)) != 0 ||
	    (rc = first_submission(db, d->id, first, sizeof(first))) != 0)
		return rc == 1 ? 1 : -1;
	return monthly_row(db, cutoff_day, &f, y, m,
	    first[0] != '\0' ? first : NULL, out);
}
