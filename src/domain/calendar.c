/*
 * calendar: dates, Swedish public holidays, working days and the due dates of
 * the README's rules.  Pure code: no I/O, no clock, no state but a per-thread
 * cache of the holidays of the last few years.
 */
#include <stddef.h>
#include <string.h>

#include "calendar.h"

#define DATE_MIN_YEAR	1800
#define DATE_MAX_YEAR	9999
/* Public holidays plus the three days treated as non-working. */
#define HOLIDAYS_MAX	16
/* Years whose holidays a thread keeps (see year_holidays). */
#define YEARS_CACHED	4

/* The holidays of one year, as holidays_of_year lists them. */
struct year_list {
	int		 year;
	size_t		 n;		/* 0: the slot is empty */
	struct holiday	 h[HOLIDAYS_MAX];
};

/* Returns 1 for a Gregorian leap year, else 0. */
static int
is_leap(int year)
{

	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Returns the number of days of the month, or 0 if month is out of range. */
int
days_in_month(int year, int month)
{
	static const int dim[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return dim[month - 1];
}

/* Returns 1 if the date exists and lies in the supported years, else 0. */
int
date_valid(int year, int month, int day)
{

	if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR)
		return 0;
	if (month < 1 || month > 12)
		return 0;
	return day >= 1 && day <= days_in_month(year, month);
}

/* Returns the value of n ASCII digits at s, or -1 if one is not a digit. */
int
date_digits(const char *s, size_t n)
{
	size_t	 i;
	int	 v = 0;

	for (i = 0; i < n; i++) {
		/* Not isdigit(): it depends on the locale. */
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Returns 0 with *out set if s is exactly a valid "YYYY-MM-DD", else -1. */
int
date_parse(const char *s, struct date *out)
{
	int	 y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = date_digits(s, 4)) < 0 ||
	    (m = date_digits(s + 5, 2)) < 0 ||
	    (d = date_digits(s + 8, 2)) < 0)
		return -1;
	if (!date_valid(y, m, d))
		return -1;
	if (out != NULL) {
		out->year = y;
		out->month = m;
		out->day = d;
	}
	return 0;
}

/* Writes the n low decimal digits of |v| at p; no return. */
void
date_put_digits(char *p, int v, int n)
{
	unsigned int	 u;

	/* Through unsigned so that INT_MIN has a magnitude too. */
	u = v < 0 ? 0U - (unsigned int)v : (unsigned int)v;
	while (n-- > 0) {
		p[n] = (char)('0' + u % 10);
		u /= 10;
	}
}

/*
 * No return.  Written by hand rather than snprintf so the output is always
 * exactly ten characters, whatever the fields hold.
 */
void
date_format(struct date d, char buf[11])
{

	date_put_digits(buf, d.year, 4);
	buf[4] = '-';
	date_put_digits(buf + 5, d.month, 2);
	buf[7] = '-';
	date_put_digits(buf + 8, d.day, 2);
	buf[10] = '\0';
}

/*
 * Returns days since 1970-01-01.  Hinnant's days_from_civil: exact for
 * any Gregorian date, with eras of 400 years so no table is needed.
 */
long
date_to_days(struct date d)
{
	long	 y, m, era, yoe, doy, doe;

	y = (long)d.year - (d.month <= 2);
	m = d.month;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Returns the date that lies days after 1970-01-01 (civil_from_days). */
struct date
date_from_days(long days)
{
	struct date	 d;
	long		 z, era, doe, yoe, y, doy, mp;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(y + (d.month <= 2));
	return d;
}

/* Returns d moved n days (n may be negative). */
struct date
date_add_days(struct date d, long n)
{

	return date_from_days(date_to_days(d) + n);
}

/* Returns <0, 0 or >0 as a is before, equal to or after b. */
int
date_compare(struct date a, struct date b)
{

	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Returns 1 (Monday) .. 7 (Sunday); 1970-01-01 was a Thursday. */
int
date_weekday(struct date d)
{
	long	 r;

	r = (date_to_days(d) + 3) % 7;
	if (r < 0)
		r += 7;
	return (int)r + 1;
}

/* Returns the same day n months later, clamped to that month's last day. */
struct date
date_add_months(struct date d, int n)
{
	struct date	 r;
	long		 total, y;
	int		 dim;

	total = (long)d.year * 12 + (d.month - 1) + n;
	/* Floor division, so that negative n crosses years correctly. */
	y = total >= 0 ? total / 12 : (total - 11) / 12;
	r.year = (int)y;
	r.month = (int)(total - y * 12) + 1;
	dim = days_in_month(r.year, r.month);
	r.day = d.day > dim ? dim : d.day;
	return r;
}

/* Returns the Swedish month name in lower case, or NULL if out of range. */
const char *
month_name_sv(int month)
{
	static const char *const names[12] = {
		"januari", "februari", "mars", "april", "maj", "juni",
		"juli", "augusti", "september", "oktober", "november",
		"december"
	};

	if (month < 1 || month > 12)
		return NULL;
	return names[month - 1];
}

/* Returns Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
struct date
easter_sunday(int year)
{
	struct date	 d;
	int		 a, b, c, dd, e, f, g, h, i, k, l, m;

	a = year % 19;
	b = year / 100;
	c = year % 100;
	dd = b / 4;
	e = b % 4;
	f = (b + 8) / 25;
	g = (b - f + 1) / 3;
	h = (19 * a + b - dd - g + 15) % 30;
	i = c / 4;
	k = c % 4;
	l = (32 + 2 * e + 2 * i - h - k) % 7;
	m = (a + 11 * h + 22 * l) / 451;
	d.year = year;
	d.month = (h + l - 7 * m + 114) / 31;
	d.day = (h + l - 7 * m + 114) % 31 + 1;
	return d;
}

/* Returns the first date on or after from that falls on weekday wd. */
static struct date
next_weekday(struct date from, int wd)
{
	int	 diff;

	diff = wd - date_weekday(from);
	if (diff < 0)
		diff += 7;
	return date_add_days(from, diff);
}

/* Appends one entry to h at *n; no return (h holds HOLIDAYS_MAX). */
static void
add_holiday(struct holiday *h, size_t *n, struct date d, const char *name,
    int is_public)
{

	h[*n].date = d;
	h[*n].name = name;
	h[*n].is_public = is_public;
	(*n)++;
}

/*
 * Returns the number of entries (HOLIDAYS_MAX) written to h, sorted by date.
 * Days that coincide (Första maj and Kristi himmelsfärdsdag in 2008) keep
 * both entries, in the order listed here, since both are holidays in law.
 */
static size_t
holidays_of_year(int year, struct holiday *h)
{
	struct holiday	 t;
	struct date	 easter, midsummer, allsaints;
	size_t		 n = 0, i, j;

	easter = easter_sunday(year);
	midsummer = next_weekday((struct date){ year, 6, 20 }, 6);
	allsaints = next_weekday((struct date){ year, 10, 31 }, 6);

	add_holiday(h, &n, (struct date){ year, 1, 1 }, "Nyårsdagen", 1);
	add_holiday(h, &n, (struct date){ year, 1, 6 }, "Trettondedag jul", 1);
	add_holiday(h, &n, date_add_days(easter, -2), "Långfredagen", 1);
	add_holiday(h, &n, easter, "Påskdagen", 1);
	add_holiday(h, &n, date_add_days(easter, 1), "Annandag påsk", 1);
	add_holiday(h, &n, (struct date){ year, 5, 1 }, "Första maj", 1);
	add_holiday(h, &n, date_add_days(easter, 39),
	    "Kristi himmelsfärdsdag", 1);
	add_holiday(h, &n, date_add_days(easter, 49), "Pingstdagen", 1);
	add_holiday(h, &n, (struct date){ year, 6, 6 },
	    "Sveriges nationaldag", 1);
	add_holiday(h, &n, date_add_days(midsummer, -1), "Midsommarafton", 0);
	add_holiday(h, &n, midsummer, "Midsommardagen", 1);
	add_holiday(h, &n, allsaints, "Alla helgons dag", 1);
	add_holiday(h, &n, (struct date){ year, 12, 24 }, "Julafton", 0);
	add_holiday(h, &n, (struct date){ year, 12, 25 }, "Juldagen", 1);
	add_holiday(h, &n, (struct date){ year, 12, 26 }, "Annandag jul", 1);
	add_holiday(h, &n, (struct date){ year, 12, 31 }, "Nyårsafton", 0);

	/* Insertion sort: stable, and the list is short and nearly sorted. */
	for (i = 1; i < n; i++) {
		t = h[i];
		for (j = i; j > 0 && date_compare(h[j - 1].date, t.date) > 0;
		    j--)
			h[j] = h[j - 1];
		h[j] = t;
	}
	return n;
}

/*
 * Returns the list of year, from this thread's cache or computed into its
 * oldest slot.  Every due date walks day by day through
 * calendar_is_workday, and computing the year's list for each day was
 * 11 000 instructions of a document view (callgrind).  Per thread
 * (_Thread_local), so the worker's threads share nothing and need no
 * lock; a few years, so that a walk over New Year or a page with dates of
 * several years does not recompute.  The list is valid until this
 * thread's next call.
 */
static const struct year_list *
year_holidays(int year)
{
	static _Thread_local struct year_list	 cache[YEARS_CACHED];
	static _Thread_local size_t		 oldest;
	struct year_list			*y;
	size_t					 i;

	for (i = 0; i < YEARS_CACHED; i++)
		if (cache[i].n > 0 && cache[i].year == year)
			return &cache[i];
	y = &cache[oldest];
	oldest = (oldest + 1) % YEARS_CACHED;
	y->year = year;
	y->n = holidays_of_year(year, y->h);
	return y;
}

/* Returns the number of entries written to out (at most max). */
size_t
calendar_nonworking_days(int year, struct holiday *out, size_t max)
{
	const struct year_list	*y;
	size_t			 n;

	if (out == NULL)
		return 0;
	y = year_holidays(year);
	n = y->n > max ? max : y->n;
	if (n > 0)
		memcpy(out, y->h, n * sizeof(*out));
	return n;
}

/* Returns the holiday's name if d is a non-working day of the list, else NULL. */
const char *
calendar_holiday_name(struct date d)
{
	const struct year_list	*y = year_holidays(d.year);
	size_t			 i;

	for (i = 0; i < y->n; i++)
		if (date_compare(y->h[i].date, d) == 0)
			return y->h[i].name;
	return NULL;
}

/* Returns 1 if d is Monday-Friday and not in the year's list, else 0. */
int
calendar_is_workday(struct date d)
{

	return date_weekday(d) <= 5 && calendar_holiday_name(d) == NULL;
}

/*
 * The answers kept per thread: the due dates of a start page walk the
 * same few spans again and again, each day by day through the holidays
 * (a twentieth of the page, callgrind).  A pure function of (d, n), so
 * a kept answer is the answer.
 */
#define WORKDAYS_KEPT	256

struct workdays {
	long		 from;		/* date_to_days(d) */
	int		 n;		/* 0: empty */
	struct date	 to;
};

/* Returns the n-th working day after d; n <= 0 returns d unchanged. */
struct date
calendar_add_workdays(struct date d, int n)
{
	static _Thread_local struct workdays	 kept[WORKDAYS_KEPT];
	struct workdays				*k;
	long					 from;

	if (n <= 0)
		return d;
	from = date_to_days(d);
	k = &kept[((unsigned long)from * 31 + (unsigned long)n) % WORKDAYS_KEPT];
	if (k->n == n && k->from == from)
		return k->to;
	k->from = from;
	k->n = n;
	while (n > 0) {
		d = date_add_days(d, 1);
		if (calendar_is_workday(d))
			n--;
	}
	k->to = d;
	return d;
}

/*
 * Returns the plan's due date: 14 days after the start (README, Rules: case
 * start).
 */
struct date
due_plan(struct date placement_start)
{

	return date_add_days(placement_start, 14);
}

/* Returns the counsellor's review due date: 5 working days after submission. */
struct date
due_review(struct date submitted)
{

	return calendar_add_workdays(submitted, 5);
}

/*
 * No return; fills *out with the 7th, 12th and 15th of month + 1 (README,
 * Rules: monthly reports).
 */
void
due_monthly(int year, int month, struct monthly_dues *out)
{
	struct date	 next;

	/* Going through date_add_months also normalises month 0 or 13. */
	next = date_add_months((struct date){ year, 1, 1 }, month);
	out->ready_by = (struct date){ next.year, next.month, 7 };
	out->review_by = (struct date){ next.year, next.month, 12 };
	out->approve_by = (struct date){ next.year, next.month, 15 };
}

/*
 * Returns the final report's due date for the kind of ending (README,
 * Rules: final report).
 */
struct date
due_final(enum ending kind, struct date end, struct date decision)
{

	if (kind == ENDING_COMPLETED)
		return end;
	return date_add_days(decision, 14);
}

/* Returns the last day a first submission of the final report is paid. */
struct date
final_paid_until(enum ending kind, struct date end, struct date decision)
{
	struct date	 due;

	switch (kind) {
	case ENDING_ABORTED:
		return date_add_days(end, 14);
	case ENDING_EARLY:
		if (decision.year == 0)
			return end;
		due = date_add_days(decision, 14);
		return date_compare(due, end) > 0 ? due : end;
	case ENDING_COMPLETED:
		break;
	}
	return end;
}

/* Returns the last day a final report may come in at all. */
struct date
final_submit_until(enum ending kind, struct date end, struct date decision)
{
	struct date	 last = date_add_days(end, 14);
	struct date	 paid = final_paid_until(kind, end, decision);

	return date_compare(paid, last) > 0 ? paid : last;
}

/* Returns 1 if today is after due, else 0: the due day itself is in time. */
int
is_late(struct date due, struct date today)
{

	return date_compare(today, due) > 0;
}
