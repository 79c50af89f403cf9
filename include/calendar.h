/*
 * calendar: dates, Swedish public holidays, working days and every due date
 * of the programme.  Pure code: no I/O, no clock.  "today" is always a
 * parameter so that tests and the purge can run at any date.  Each thread
 * keeps the holidays of the last few years it asked about (no lock, safe
 * from any thread).
 */
#ifndef INSATS_CALENDAR_H
#define INSATS_CALENDAR_H

#include <stddef.h>

struct date {
	int year;
	int month;	/* 1..12 */
	int day;	/* 1..31 */
};

/* Returns 1 if y-m-d is a real Gregorian date (years 1800..9999), else 0. */
int		 date_valid(int year, int month, int day);
/* Parses exactly "YYYY-MM-DD".  Returns 0 on success, -1 otherwise. */
int		 date_parse(const char *s, struct date *out);
/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void		 date_format(struct date d, char buf[11]);
/* Days since 1970-01-01 (negative before). */
long		 date_to_days(struct date d);
/* The inverse of date_to_days, and d moved by n days (n may be < 0). */
struct date	 date_from_days(long days);
struct date	 date_add_days(struct date d, long n);
/* <0, 0, >0 like strcmp. */
int		 date_compare(struct date a, struct date b);
/* 1 = Monday .. 7 = Sunday. */
int		 date_weekday(struct date d);
int		 days_in_month(int year, int month);
/* Same day n months later, clamped to the month's last day. */
struct date	 date_add_months(struct date d, int n);
/*
 * The fixed-width number fields of dates and timestamps, by hand (not
 * isdigit or printf: locale-free and cheap on the page path).
 * date_digits returns the value of the n ASCII digits at s, or -1 if one
 * is not a digit; date_put_digits writes the n low decimal digits of |v|
 * at p (no NUL, no return value).
 */
int		 date_digits(const char *s, size_t n);
void		 date_put_digits(char *p, int v, int n);
/* Swedish month name in lower case ("mars"); NULL if month is out of range. */
const char	*month_name_sv(int month);

struct holiday {
	struct date	 date;
	const char	*name;		/* Swedish, e.g. "Långfredagen" */
	int		 is_public;	/* 1 public holiday, 0 day treated as non-working */
};

struct date	 easter_sunday(int year);
/*
 * Fills out (up to max) with the year's public holidays and the weekdays
 * treated as non-working (midsommarafton, julafton, nyårsafton), sorted by
 * date.  Returns the number written.
 */
size_t		 calendar_nonworking_days(int year, struct holiday *out, size_t max);
/* Returns the holiday's name if d is a public holiday or non-working day, else NULL. */
const char	*calendar_holiday_name(struct date d);
/* 1 if d is Monday-Friday and not a public holiday or non-working day. */
int		 calendar_is_workday(struct date d);
/* The n-th working day after d (n >= 0; n == 0 returns d). */
struct date	 calendar_add_workdays(struct date d, int n);

/* Due dates (README, The rules it implements): */
/* Implementation plan: 14 days after the placement starts. */
struct date	 due_plan(struct date placement_start);
/* Counsellor's review: 5 working days after submission. */
struct date	 due_review(struct date submitted);

struct monthly_dues {
	struct date	 ready_by;	/* 7th of M+1 */
	struct date	 review_by;	/* 12th of M+1 */
	struct date	 approve_by;	/* 15th of M+1 */
};
/* Dues of the monthly report on month (year, month). */
void		 due_monthly(int year, int month, struct monthly_dues *out);

enum ending {
	ENDING_COMPLETED,	/* ended on the planned end date */
	ENDING_EARLY,		/* ended early by decision */
	ENDING_ABORTED		/* aborted for reasons outside the provider */
};
/*
 * Due date of the final report: completed -> the planned end date;
 * early and aborted -> 14 days after the decision to end.
 */
struct date	 due_final(enum ending kind, struct date end, struct date decision);
/*
 * Last day a final report is paid when it first comes in: the end date
 * (README, Rules: final report); an early ending, whose report is due two
 * weeks from the decision (README, Rules: final report), the later of the
 * end and that due day (decision year 0: unknown, the end); an aborted
 * placement pays two more weeks, so 14 days after the end.  One definition
 * for the document page, the duties and the payment run.
 */
struct date	 final_paid_until(enum ending kind, struct date end,
		    struct date decision);
/*
 * Last day a final report may still come in (unpaid after the paid day):
 * 14 days after the end, and never before the paid day; later it is
 * refused (README, Rules: final report).
 */
struct date	 final_submit_until(enum ending kind, struct date end,
		    struct date decision);
/* 1 if today is after due. */
int		 is_late(struct date due, struct date today);

#endif
