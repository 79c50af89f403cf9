/*
 * billing: the payment basis of a monthly report (DOMAIN.md, 002 §14).
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
 * Cut-off for the report on (year, month): a report submitted after it is
 * paid the following month.  Returns the cut-off date.
 */
struct date	 billing_cutoff(int year, int month);
/*
 * Formats öre as Swedish kronor "3 876 kr" or "3 876,50 kr" into buf.  The
 * thousands separator is a UTF-8 no-break space ("\xc2\xa0"), the space
 * before "kr" an ordinary one, a negative amount starts with '-'.  buf is
 * left empty if size is too small (40 bytes always suffice).
 */
void	 billing_format_sek(long ore, char *buf, size_t size);

#endif
