/*
 * payments: the payment runs (payments.h).  The rules are billing.c's
 * pure functions; here the rows of a run are chosen from the facts the
 * store reads (payfacts.h, catalogue.h).  Amounts come from billing.c in
 * öre and are written once, as kronor with öre.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing.h"
#include "catalogue.h"
#include "kinds.h"
#include "localdate.h"
#include "payfacts.h"
#include "payments.h"
#include "store.h"

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

/* Reads placement id's facts.  Returns 0, 1 if there is none, -1. */
static int
load_facts(struct db *db, long id, struct facts *f)
{
	struct pay_placement	 p;
	int			 rc;

	if ((rc = store_pay_placement(db, id, &p)) != 0)
		return rc;
	memset(f, 0, sizeof(*f));
	f->id = id;
	snprintf(f->provider, sizeof(f->provider), "%s", p.provider);
	f->customer = (long)p.customer;
	snprintf(f->code, sizeof(f->code), "%s", p.code);
	if (date_parse(p.start, &f->start) == -1)
		return -1;
	f->has_end = date_parse(p.end, &f->final.end) == 0;
	ending_of(p.ending, &f->final.ending);
	if (date_parse(p.ending_decided_on, &f->final.decided) == -1)
		f->final.decided = (struct date){ 0, 0, 0 };
	/* Local date: 23:30Z on the 7th is the 8th in Stockholm. */
	f->final.submitted = local_date_of(p.final_first, &f->final.first) ==
	    0;
	f->final.approved = p.final_approved;
	return 0;
}

int
payments_amount(struct db *db, const char *code, int year, int month,
    long *ore)
{
	char	 first[11];
	int64_t	 v;
	int	 rc;

	date_format((struct date){ year, month, 1 }, first);
	if ((rc = catalogue_amount(db, code, first, &v)) == 0)
		*ore = (long)v;
	return rc;
}

/*
 * Why the end month or the two weeks are not paid: r's reason, in Swedish
 * for the CSV (data for the finance system; the page words r->hold
 * itself), and the day by which the final report was due.
 */
static void
hold_reason(const struct final_facts *f, struct pay_row *r)
{
	char	*buf = r->reason, d[11];
	size_t	 size = sizeof(r->reason);

	r->paid_until = final_paid_until(f->ending, f->end, f->decided);
	date_format(r->paid_until, d);
	switch (r->hold) {
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
 * final report's: either one after the cut-off moves it.
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
			hold_reason(&f->final, r);
		}
	}
	if (!r->priced)
		snprintf(r->reason, sizeof(r->reason), "inget checkbelopp i "
		    "katalogen för månaden");
	mark_late(r);
	return 0;
}

/*
 * The two weeks after an aborted placement's end, for the end month at
 * its amount, in the run of the final report's first submission.
 * Returns 0 with *r, 1 if there is no such row, -1.
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
		hold_reason(&f->final, r);
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

/* A run being built: its month, the placement read, the CSV. */
struct run {
	struct db	*db;
	struct buf	*b;
	struct facts	 f;
	int		 cutoff_day, year, month;
};

/* Appends the row of one approved monthly report if the run pays it. */
static int
monthly(const char *period, const char *first, void *arg)
{
	struct run	*run = arg;
	struct pay_row	 r;
	int		 y, m, rc;

	if (kind_period_parse(period, &y, &m) == -1)
		return 0;
	rc = monthly_row(run->db, run->cutoff_day, &run->f, y, m, first, &r);
	if (rc == -1)
		return -1;
	/* An ending decision may have cut a reported month off. */
	if (rc == 1)
		fprintf(stderr, "level=warn msg=\"payments: placement %ld "
		    "has no day in %s\"\n", run->f.id, period);
	else if (in_run(&r, run->year, run->month))
		add_row(run->b, &run->f, &r);
	return 0;
}

/* Appends the rows of placement id that the run pays.  Returns 0 or -1. */
static int
add_placement(int64_t id, void *arg)
{
	struct run	*run = arg;
	struct pay_row	 r;
	int		 rc;

	if (load_facts(run->db, (long)id, &run->f) != 0 ||
	    store_pay_monthlies_each(run->db, id, monthly, run) != 0)
		return -1;
	if ((rc = final_row(run->db, run->cutoff_day, &run->f, &r)) == -1)
		return -1;
	if (rc == 0 && in_run(&r, run->year, run->month))
		add_row(run->b, &run->f, &r);
	return 0;
}

#define CSV_HEADER \
	"anordnare,insats,kundreferens,avser,underlag,dagar,belopp,sen,orsak\r\n"

int
payments_csv(struct db *db, const char *month, long counsellor,
    int cutoff_day, char **csv, size_t *len)
{
	struct buf	 b = { NULL, 0, 0, 0 };
	struct run	 run;
	struct date	 prev;
	char		 since[11], first[11], last[11];

	*csv = NULL;
	*len = 0;
	memset(&run, 0, sizeof(run));
	if (kind_period_parse(month, &run.year, &run.month) == -1)
		return 1;
	run.db = db;
	run.b = &b;
	run.cutoff_day = cutoff_day;
	/* The previous run's cut-off and the month's first and last day. */
	prev = date_add_months((struct date){ run.year, run.month, 1 }, -1);
	date_format(billing_cutoff(prev.year, prev.month, cutoff_day), since);
	date_format((struct date){ run.year, run.month, 1 }, first);
	date_format((struct date){ run.year, run.month,
	    days_in_month(run.year, run.month) }, last);
	buf_add(&b, CSV_HEADER, sizeof(CSV_HEADER) - 1);
	if (store_pay_candidates_each(db, month, counsellor, since, first,
	    last, add_placement, &run) != 0 || b.failed) {
		fprintf(stderr, "level=error msg=\"payments: run %s failed\"\n",
		    month);
		free(b.s);
		return -1;
	}
	*csv = b.s;
	*len = b.len;
	return 0;
}

int
payments_of_document(struct db *db, int cutoff_day,
    const struct document *d, struct pay_row *out)
{
	const struct kind	*k;
	struct facts		 f;
	char			 first[32];
	int			 y, m, rc;

	if ((k = kind_find(d->kind)) == NULL || !k->pays_month ||
	    kind_period_parse(d->period, &y, &m) == -1)
		return 1;
	if ((rc = load_facts(db, d->placement_id, &f)) != 0 ||
	    (rc = store_doc_first_submit(db, d->id, first,
	    sizeof(first))) != 0)
		return rc == 1 ? 1 : -1;
	return monthly_row(db, cutoff_day, &f, y, m,
	    first[0] != '\0' ? first : NULL, out);
}
