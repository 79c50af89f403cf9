/*
 * retention: how long the records about a customer are kept (README, Rules:
 * retention).  Pure code but for the time zone
 * of retention_entry_date().
 *
 * One clock per customer: the last entry about them (the latest saved
 * version, transition or comment on any of their documents or
 * placements) starts it.  The records are kept up to and including the
 * "line", the same date two years later (a 29 February ends on 28
 * February, as lag (1930:173) om beräkning av lagstadgad tid says); they
 * are due for destruction from the day after, and must be destroyed by
 * 31 December of the year after the line's year.
 */
#ifndef INSATS_RETENTION_H
#define INSATS_RETENTION_H

#include "calendar.h"
#include "pnr.h"

#define RETENTION_YEARS	2

enum retention_class {
	RET_KEEP = 0,	/* within its two years: nothing happens */
	RET_DESTROY,	/* due, outside the research sample: purged */
	RET_HANDOVER,	/* due, in the sample: listed for the archive */
	RET_DECIDE	/* due, birth day or clock unreadable: a person decides */
};

struct retention {
	int			 clock_ok;	/* 0: last entry unreadable */
	struct date		 last;		/* local date of the last entry */
	struct date		 line;		/* last + 2 years: last day kept */
	struct date		 due_from;	/* line + 1 day */
	struct date		 destroy_by;	/* 31 December, line's year + 1 */
	enum sample		 sample;
	int			 due;		/* today is after the line */
	enum retention_class	 cls;
};

/*
 * Reads a stored UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" and gives its date
 * in the process's local time zone (TZ: the configured one), so that an
 * entry at 23:30 UTC on the 14th counts as the 15th in Stockholm.
 * Returns 0, or -1 if utc is not exactly in that form or not a real time.
 */
int			 retention_entry_date(const char *utc, struct date *out);
/* The last day the records are kept: last + 2 years, clamped. */
struct date		 retention_line(struct date last);
/* 31 December of the year after the line's year. */
struct date		 retention_destroy_by(struct date last);
/* 1 if today is after the line, else 0. */
int			 retention_is_due(struct date last, struct date today);
/*
 * The first UTC date whose entries cannot be due at today in any time
 * zone: today - 2 years + 2 days.  An entry's local date is within a day
 * of its UTC date, and a 29 February line clamps to the 28th, so every
 * due last entry has a UTC date before it; the scan reads the customers
 * whose last entry is before it and applies the exact rule to them.
 */
struct date		 retention_scan_bound(struct date today);
/*
 * Classifies a customer from its stored number and the timestamp of its
 * last entry.  An unreadable timestamp or birth day is never RET_DESTROY.
 */
void			 retention_classify(const char *pnr,
			    const char *last_entry_utc, struct date today,
			    struct retention *out);
/* "keep", "destroy", "handover", "decide". */
const char		*retention_class_name(enum retention_class c);

#endif
