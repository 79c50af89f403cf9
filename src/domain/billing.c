/*
 * billing: the payment basis of a monthly report (README, Rules: payments).
 * Money is integer öre and rounded once.  Pure code.
 */
#include <stddef.h>
#include <string.h>

#include "calendar.h"
#include "billing.h"

/* UTF-8 no-break space, so that "3 876" never wraps between its groups. */
#define NBSP	"\xc2\xa0"

/* x / 30 rounded half up is floor((2x + 30) / 60): one integer step. */
static long long
per_30(long long monthly, int days)
{
	return (2LL * monthly * days + 30) / 60;
}

/*
 * Returns 0 with *out filled, or -1 (and *out zeroed) if no day of the month
 * lies inside [start, end], the month does not exist or the amount is
 * negative.  A part month pays amount / 30 per day (README, Rules: payments),
 * rounded half up in one integer step and never above the monthly amount.
 */
int
billing_month(struct date start, const struct date *end, int year,
    int month, long monthly_amount_ore, struct payment *out)
{
	struct date	 first, last, lo, hi;
	long long	 amount;
	int		 dim, days;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if ((dim = days_in_month(year, month)) == 0 || monthly_amount_ore < 0)
		return -1;
	first = (struct date){ year, month, 1 };
	last = (struct date){ year, month, dim };
	lo = date_compare(start, first) > 0 ? start : first;
	hi = end != NULL && date_compare(*end, last) < 0 ? *end : last;
	if (date_compare(lo, hi) > 0)
		return -1;

	days = (int)(date_to_days(hi) - date_to_days(lo) + 1);
	if (days == dim)
		amount = monthly_amount_ore;
	else {
		amount = per_30(monthly_amount_ore, days);
		if (amount > monthly_amount_ore)
			amount = monthly_amount_ore;
	}
	if (out != NULL) {
		out->days = days;
		out->month_days = dim;
		out->whole = days == dim;
		out->amount_ore = (long)amount;
	}
	return 0;
}

/*
 * Returns day cutoff_day of month + 1.  The rules speak of a cut-off
 * ("angivet brytdatum") without giving one; the schedule (README, Rules:
 * monthly reports) has the report marked ready by the 7th of M+1, hence the
 * default 7 (config.c).
 */
struct date
billing_cutoff(int year, int month, int cutoff_day)
{
	struct date	 next;

	next = date_add_months((struct date){ year, 1, 1 }, month);
	next.day = cutoff_day;
	return next;
}

/*
 * Cut-offs rise with the month, so the run of a late report is the month
 * before first's when first is on or before first's month's cut-off day,
 * else first's month; never earlier than the report's own month.
 */
void
billing_run(int year, int month, struct date first, int cutoff_day,
    int *run_year, int *run_month)
{
	struct date	 run;

	*run_year = year;
	*run_month = month;
	if (!is_late(billing_cutoff(year, month, cutoff_day), first))
		return;
	run = (struct date){ first.year, first.month, 1 };
	if (first.day <= cutoff_day)
		run = date_add_months(run, -1);
	*run_year = run.year;
	*run_month = run.month;
}

/* Lateness is judged on the first submission: a return does not move it. */
enum final_hold
billing_final_hold(const struct final_facts *f)
{
	if (!f->submitted)
		return FINAL_MISSING;
	if (is_late(final_paid_until(f->ending, f->end, f->decided), f->first))
		return FINAL_LATE;
	return f->approved ? FINAL_PAID : FINAL_UNAPPROVED;
}

long
billing_two_weeks(long monthly_amount_ore)
{
	return monthly_amount_ore < 0 ? 0 :
	    (long)per_30(monthly_amount_ore, 14);
}

/*
 * No return.  Writes "3 876 kr" or "-3 876,50 kr" (no-break space between
 * thousands, ordinary space before "kr").  If size is too small buf is
 * left empty: a cut-off amount would be a wrong amount, not a short one.
 */
void
billing_format_sek(long ore, char *buf, size_t size)
{
	char			 tmp[64], *p;
	unsigned long		 mag, kr, rest;
	size_t			 len;
	int			 group = 0;

	if (buf == NULL || size == 0)
		return;
	/* Through unsigned so that LONG_MIN has a magnitude too. */
	mag = ore < 0 ? 0UL - (unsigned long)ore : (unsigned long)ore;
	kr = mag / 100;
	rest = mag % 100;

	/* Built backwards from the end of tmp. */
	p = tmp + sizeof(tmp);
	*--p = '\0';
	p -= 3;
	memcpy(p, " kr", 3);
	if (rest != 0) {
		*--p = (char)('0' + rest % 10);
		*--p = (char)('0' + rest / 10);
		*--p = ',';
	}
	do {
		if (group == 3) {
			p -= sizeof(NBSP) - 1;
			memcpy(p, NBSP, sizeof(NBSP) - 1);
			group = 0;
		}
		*--p = (char)('0' + kr % 10);
		kr /= 10;
		group++;
	} while (kr != 0);
	if (ore < 0)
		*--p = '-';

	len = (size_t)(tmp + sizeof(tmp) - p);	/* with the NUL */
	if (len > size) {
		buf[0] = '\0';
		return;
	}
	memcpy(buf, p, len);
}
