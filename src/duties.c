/*
 * duties: the obligations of a placement and their lateness (002 §7.3,
 * §8, §12, §13.5).  Pure code.
 */
#include <stdio.h>
#include <string.h>

#include "duties.h"

/*
 * The latest revision of kind/period among docs (for the state) and the
 * first one (for when it first arrived).  Returns the latest or NULL.
 */
static const struct doc_fact *
find_doc(const struct doc_fact *docs, size_t n, const char *kind,
    const char *period, const struct doc_fact **first)
{
	const struct doc_fact	*latest = NULL;
	size_t			 i;

	*first = NULL;
	for (i = 0; i < n; i++) {
		if (strcmp(docs[i].kind, kind) != 0 ||
		    strcmp(docs[i].period, period) != 0)
			continue;
		if (latest == NULL || docs[i].revision > latest->revision)
			latest = &docs[i];
		if (*first == NULL || docs[i].revision < (*first)->revision)
			*first = &docs[i];
	}
	return latest;
}

/* Fills one duty of kind/period due on due.  Returns 1 (written). */
static size_t
make_duty(struct duty *d, const char *kind, const char *period,
    struct date due, struct date today, const struct doc_fact *docs,
    size_t ndocs)
{
	const struct doc_fact	*first, *latest;
	struct date		 arrived, very;

	memset(d, 0, sizeof(*d));
	snprintf(d->kind, sizeof(d->kind), "%s", kind);
	snprintf(d->period, sizeof(d->period), "%s", period);
	d->due = due;
	latest = find_doc(docs, ndocs, kind, period, &first);
	if (latest != NULL) {
		d->doc_id = latest->id;
		d->started = 1;
		d->state = latest->state;
		d->returns = first->returns;
	}
	d->open = latest == NULL || latest->state == STATE_DRAFT ||
	    latest->state == STATE_RETURNED;
	/* Lateness is about when it first arrived, or today if it has not. */
	arrived = first != NULL && first->submitted.year != 0 ?
	    first->submitted : today;
	very = date_add_months(due, 1);
	d->late = is_late(due, arrived);
	d->very_late = is_late(very, arrived);
	return 1;
}

size_t
duties_of_placement(struct date start, const struct date *end,
    struct date today, const struct doc_fact *docs, size_t ndocs,
    struct duty *out, size_t max)
{
	struct monthly_dues	 md;
	struct date		 m, last;
	char			 period[8];
	size_t			 n = 0;

	if (max == 0)
		return 0;
	n += make_duty(&out[n], "plan", "", due_plan(start), today, docs,
	    ndocs);
	/* Months from the start's to today's, not past the end's. */
	last = today;
	if (end != NULL && date_compare(*end, last) < 0)
		last = *end;
	for (m = (struct date){ start.year, start.month, 1 };
	    n < max && (m.year < last.year ||
	    (m.year == last.year && m.month <= last.month));
	    m = date_add_months(m, 1)) {
		snprintf(period, sizeof(period), "%04d-%02d", m.year, m.month);
		due_monthly(m.year, m.month, &md);
		n += make_duty(&out[n], "monthly", period, md.ready_by, today,
		    docs, ndocs);
	}
	if (n < max && end != NULL &&
	    date_compare(*end, date_add_days(today, DUTY_FINAL_AHEAD)) <= 0)
		n += make_duty(&out[n], "final", "", *end, today, docs, ndocs);
	return n;
}

int
duty_month(struct date d)
{
	return d.year * 12 + d.month - 1;
}

int
duty_due(struct date start, const struct date *end, struct date today,
    const char *kind, const char *period, struct date *due)
{
	struct monthly_dues	 md;
	struct date		 m, last;
	char			 day[11];

	if (strcmp(kind, "plan") == 0) {
		*due = due_plan(start);
		return 1;
	}
	if (strcmp(kind, "final") == 0) {
		if (end == NULL || date_compare(*end,
		    date_add_days(today, DUTY_FINAL_AHEAD)) > 0)
			return 0;
		*due = *end;
		return 1;
	}
	if (strcmp(kind, "monthly") != 0 || strlen(period) != 7)
		return 0;
	snprintf(day, sizeof(day), "%s-01", period);
	if (date_parse(day, &m) == -1)
		return 0;
	last = today;
	if (end != NULL && date_compare(*end, last) < 0)
		last = *end;
	if (duty_month(m) < duty_month(start) ||
	    duty_month(m) > duty_month(last))
		return 0;
	due_monthly(m.year, m.month, &md);
	*due = md.ready_by;
	return 1;
}

/* The due date one month on (very late after it), or as it is. */
static struct date
plus(struct date due, int very)
{
	return very ? date_add_months(due, 1) : due;
}

/*
 * The latest day d on or before today for which (plan ? due_plan(d) : d),
 * plus a month when very, is late today.  Every due date grows with d,
 * so every earlier day is late too.  Returns that day.
 */
static struct date
latest_late(struct date today, int plan, int very)
{
	struct date	 d = today;

	while (!is_late(plus(plan ? due_plan(d) : d, very), today))
		d = date_add_days(d, -1);
	return d;
}

/* The latest month whose monthly report is late (very: by a month). */
static int
latest_late_month(struct date today, int very)
{
	struct monthly_dues	 md;
	struct date		 m = { today.year, today.month, 1 };

	for (;;) {
		due_monthly(m.year, m.month, &md);
		if (is_late(plus(md.ready_by, very), today))
			return duty_month(m);
		m = date_add_months(m, -1);
	}
}

void
duty_bounds(struct date today, struct duty_bounds *b)
{
	b->plan_late = latest_late(today, 1, 0);
	b->plan_very = latest_late(today, 1, 1);
	b->final_late = latest_late(today, 0, 0);
	b->final_very = latest_late(today, 0, 1);
	b->month_late = latest_late_month(today, 0);
	b->month_very = latest_late_month(today, 1);
}
