/*
 * payments: the payment basis.  The CSV of a payment run (RFC 4180,
 * UTF-8, CRLF, header row), used by GET /payments and `insats export
 * payments`, and the payment of one monthly report for its page.
 *
 * The run for month R pays: the approved monthly reports on R first
 * submitted by R's cut-off (payment_cutoff_day of R+1, local date); the
 * approved reports on earlier months that missed their own cut-off and
 * were first submitted after R-1's cut-off and by R's; and, for an aborted
 * placement, the two weeks after its end (kind "slutrapport") in the run
 * its final report's first submission falls in (never before the end
 * month's).  The month a placement ends in is paid only when the final
 * report is approved and was first submitted by final_paid_until() (calendar.h);
 * else its row shows 0 and why, in the later of the runs of its monthly
 * and final reports.  Amounts: the one valid on the 1st of the month the
 * row is for (catalogue_amounts).  The monthly report is the document of
 * the kind that pays a month, the final report that of the kind that holds
 * the end month (kinds.h: pays_month, holds_end_month).
 */
#ifndef INSATS_PAYMENTS_H
#define INSATS_PAYMENTS_H

#include <stddef.h>

#include "billing.h"
#include "database.h"

struct document;

enum pay_kind { PAY_MONTHLY, PAY_FINAL };

/* One row of the payment basis. */
struct pay_row {
	enum pay_kind	 kind;
	int		 year, month;		/* the month it is for */
	int		 submitted;		/* run_* known */
	int		 run_year, run_month;	/* the run that pays it */
	int		 late;			/* paid in a later run */
	struct date	 cutoff;		/* of its month */
	int		 days;
	int		 priced;		/* an amount is valid for the month */
	long		 monthly_amount_ore;
	long		 amount_ore;		/* 0 when held */
	enum final_hold	 hold;			/* end month, two weeks: else PAID */
	struct date	 paid_until;		/* held: final_paid_until() */
	char		 reason[160];		/* the CSV's, in Swedish: data for
						 * the finance system; "" when on
						 * time, in full */
};

/*
 * The amount of code valid on the 1st of (year, month).  Returns 0 with
 * *ore, 1 if none is valid then, -1 on an error.
 */
int	 payments_amount(struct db *db, const char *code, int year, int month,
	    long *ore);
/*
 * Builds the CSV of run month ("YYYY-MM") for counsellor's customers
 * (counsellor 0: every one).  Columns: anordnare, insats (placement id),
 * kundreferens (K-id, never a name or number), avser (the month the row
 * is for), underlag (månadsrapport: a month, slutrapport: the two
 * weeks; the finance system's words, whichever kind carries them), dagar,
 * belopp (kronor with öre, "3876.00"), sen ("ja": for an earlier month,
 * paid in this run), orsak (why the amount is 0 or the row is late).
 * Returns 0 with *csv malloc'd (the caller frees) and *len set; 1 if
 * month is malformed; -1 on an error.
 */
int	 payments_csv(struct db *db, const char *month, long counsellor,
	    int cutoff_day, char **csv, size_t *len);
/*
 * The payment of monthly report d (any state; run known once submitted).
 * Returns 0 with *out, 1 if the report's month holds no placement day or
 * the document's kind pays no month, -1 on an error.
 */
int	 payments_of_document(struct db *db, int cutoff_day,
	    const struct document *d, struct pay_row *out);

#endif
