/*
 * retention: the per-customer clock, its due dates and the research
 * sample (retention.h).  Pure but for the time zone of the entry date.
 */
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "localdate.h"
#include "pnr.h"
#include "retention.h"

/* The clock's date is the local date of the entry (localdate.h). */
int
retention_entry_date(const char *utc, struct date *out)
{
	return local_date_of(utc, out);
}

/* Returns last + 2 years; 29 February becomes 28 February. */
struct date
retention_line(struct date last)
{
	return date_add_months(last, 12 * RETENTION_YEARS);
}

/* Returns 31 December of the year after the line's year. */
struct date
retention_destroy_by(struct date last)
{
	struct date	 line = retention_line(last);

	return (struct date){ line.year + 1, 12, 31 };
}

/* Returns 1 if today is after the line, else 0. */
int
retention_is_due(struct date last, struct date today)
{
	return date_compare(today, retention_line(last)) > 0;
}

/* Returns today - 2 years + 2 days (see retention.h). */
struct date
retention_scan_bound(struct date today)
{
	return date_add_days(date_add_months(today, -12 * RETENTION_YEARS),
	    2);
}

/*
 * Fills out for the customer.  A clock that cannot be read is left to a
 * person; a due customer in the sample is handed over, one whose birth
 * day cannot be read is left to a person, and only a clean "no" on a
 * readable clock may be destroyed.
 */
void
retention_classify(const char *pnr, const char *last_entry_utc,
    struct date today, struct retention *out)
{
	memset(out, 0, sizeof(*out));
	out->sample = pnr_sample(pnr, today);
	if (retention_entry_date(last_entry_utc, &out->last) == -1) {
		/* No readable clock: never destroyed, never "kept" silently. */
		out->clock_ok = 0;
		out->due = 1;
		out->cls = RET_DECIDE;
		return;
	}
	out->clock_ok = 1;
	out->line = retention_line(out->last);
	out->due_from = date_add_days(out->line, 1);
	out->destroy_by = retention_destroy_by(out->last);
	out->due = retention_is_due(out->last, today);
	if (!out->due)
		out->cls = RET_KEEP;
	else if (out->sample == SAMPLE_YES)
		out->cls = RET_HANDOVER;
	else if (out->sample == SAMPLE_NO)
		out->cls = RET_DESTROY;
	else
		out->cls = RET_DECIDE;
}

/* Returns the class's code word, never NULL. */
const char *
retention_class_name(enum retention_class c)
{
	switch (c) {
	case RET_KEEP:
		return "keep";
	case RET_DESTROY:
		return "destroy";
	case RET_HANDOVER:
		return "handover";
	case RET_DECIDE:
		return "decide";
	}
	return "decide";
}
