/*
 * billing: the payment basis of a monthly report (README, Rules: payments).
 * Money is integer öre, rounded once.  Pure code.
 */
#ifndef INSATS_BILLING_H
#define INSATS_BILLING_H

#include "calendar.h"

struct payment {
	int	 days;		/* placement days inside the month */
	int	 month_days;	/* days of the month */
	int	 whole;		/* 1 if the whole month is inside the placement */
	long	 amount_ore;	/* monthly amount, or amount / 30 x days rounded half up */
};

/*
 * Payment basis of (year, month) for a placement from start to end
 * (end NULL: open-ended).  Returns 0 with *out filled, or -1 if no day of
 * the month lies inside the placement.
 */
int	 billing_month(struct date start, const struct date *end, int year,
	    int month, long monthly_amount_ore, struct payment *out);
/*
 * Cut-off for the report on (year, month): day cutoff_day (the
 * payment_cutoff_day key, 1..28) of month + 1.  A report first submitted
 * after it (local date) is paid in a later run.
 */
struct date	 billing_cutoff(int year, int month, int cutoff_day);
/*
 * The payment run (a month) that pays the report on (year, month) first
 * submitted on local date first: that month when first is on or before
 * its cut-off, else the month whose cut-off is the first on or after
 * first (README, Rules: payments: "betalas ut nästkommande månad").
 */
void		 billing_run(int year, int month, struct date first,
		    int cutoff_day, int *run_year, int *run_month);
/*
 * The end month's last day for the final report to be paid is
 * final_paid_until() (calendar.h), the same the document page shows.
 */
/* What the final report means for the end month's payment. */
enum final_hold {
	FINAL_PAID,		/* approved, first submitted by the deadline */
	FINAL_MISSING,		/* not submitted */
	FINAL_UNAPPROVED,	/* submitted, not (yet) approved */
	FINAL_LATE		/* first submitted after the deadline: unpaid */
};
struct final_facts {
	enum ending	 ending;	/* completed when no decision is recorded */
	struct date	 end;		/* the end in force */
	struct date	 decided;	/* the ending decision; year 0: none */
	int		 submitted;	/* the final report was submitted */
	struct date	 first;		/* its first submission, local date */
	int		 approved;
};
enum final_hold	 billing_final_hold(const struct final_facts *f);
/*
 * The two weeks paid after an aborted placement's end (README, Rules: final
 * report): 14 x monthly / 30, rounded half up once.
 */
long		 billing_two_weeks(long monthly_amount_ore);
/*
 * Formats öre as Swedish kronor "3 876 kr" or "3 876,50 kr" into buf.  The
 * thousands separator is a UTF-8 no-break space ("\xc2\xa0"), the space
 * before "kr" an ordinary one, a negative amount starts with '-'.  buf is
 * left empty if size is too small (40 bytes always suffice).
 */
void	 billing_format_sek(long ore, char *buf, size_t size);

#endif
