/*
 * lateness: every document's deadlines and lateness, in one place
 * (lateness.h).  Pure code but for late_day_of, which reads the time
 * zone.
 */
#include <string.h>

#include "kinds.h"
#include "lateness.h"
#include "localdate.h"

/* A plan revision asked for at a follow-up is due in five working days. */
#define REVISION_WORKDAYS	5

/* 1 if d is set (year 0 stands for "none"). */
static int
has(struct date d)
{
	return d.year != 0;
}

int
doc_is_late(struct date due, struct date arrived, struct date today)
{
	return is_late(due, has(arrived) ? arrived : today);
}

/* Sets the provider's due date and its two degrees of lateness. */
static void
set_due(struct doc_dues *out, struct date due, struct date submitted,
    struct date today)
{
	out->has_due = 1;
	out->due = due;
	out->late = doc_is_late(due, submitted, today);
	out->very_late = doc_is_late(date_add_months(due, 1), submitted, today);
}

/*
 * The plan's rule (lateness.h).  The review deadline runs from the first
 * submission and includes any return, so a plan resubmitted after a
 * return keeps it: the counsellor is late when it is not approved by then.
 */
void
dues_from_start(const struct late_case *pc, const struct doc_fact *d,
    struct date today, struct doc_dues *out)
{
	struct date	 req = pc->revision_requested;

	if (d->revision <= 1)
		set_due(out, due_plan(pc->start), d->submitted, today);
	else if (has(req) && (!has(d->submitted) ||
	    date_compare(d->submitted, req) >= 0))
		set_due(out, calendar_add_workdays(req, REVISION_WORKDAYS),
		    d->submitted, today);
	if (has(d->submitted)) {
		out->has_review = 1;
		out->review_by = due_review(d->submitted);
		out->review_late = doc_is_late(out->review_by, d->approved,
		    today);
	}
}

/*
 * The monthly report's rule on month M: ready by the 7th of M+1 (on its
 * first submission), reviewed (returned or approved) by the 12th and
 * approved by the 15th.  The counsellor cannot be late with a report that
 * has never been submitted.
 */
void
dues_of_month(const struct late_case *pc, const struct doc_fact *d,
    struct date today, struct doc_dues *out)
{
	struct monthly_dues	 md;
	int			 y, m;

	(void)pc;

	if (strlen(d->period) != 7 || d->period[4] != '-' ||
	    (y = date_digits(d->period, 4)) < 0 ||
	    (m = date_digits(d->period + 5, 2)) < 1 || m > 12)
		return;
	due_monthly(y, m, &md);
	set_due(out, md.ready_by, d->submitted, today);
	out->has_review = out->has_approve = 1;
	out->review_by = md.review_by;
	out->approve_by = md.approve_by;
	if (!has(d->submitted))
		return;
	out->review_late = doc_is_late(md.review_by, d->reviewed, today);
	out->approve_late = doc_is_late(md.approve_by, d->approved, today);
}

int
late_final_ending(const struct late_case *pc, const struct late_final *f,
    enum ending *ending, struct date *decision, struct date *end)
{
	if (pc->decided) {
		*ending = pc->ending;
		*end = pc->end;
		*decision = has(pc->decided_on) ? pc->decided_on : pc->end;
	} else if (f != NULL && f->has_ending && has(f->end)) {
		*ending = f->ending;
		*end = f->end;
		*decision = has(f->decision) ? f->decision : f->end;
	} else {
		*ending = ENDING_COMPLETED;
		*end = pc->end;
		*decision = pc->end;
	}
	return has(*end) ? 0 : -1;
}

/*
 * The final report's rule: completed due by the end date, early and
 * aborted two weeks after the decision to end.  Paid when it first comes
 * in by the end date (aborted: two weeks more); up to 14 days after the
 * end it may still come in unpaid; later its submission is refused.  A
 * resubmission after a return is not a late arrival: the first counts.
 * Reviewed, like any document without a calendar of its own, within
 * five working days of its first submission.
 */
void
dues_at_end(const struct late_case *pc, const struct doc_fact *d,
    struct date today, struct doc_dues *out)
{
	struct date	 decision;

	if (late_final_ending(pc, &d->final, &out->ending, &decision,
	    &out->end) == -1)
		return;
	set_due(out, due_final(out->ending, out->end, decision), d->submitted,
	    today);
	out->has_final = 1;
	out->paid_until = final_paid_until(out->ending, out->end, decision);
	out->submit_until = final_submit_until(out->ending, out->end,
	    decision);
	out->unpaid = doc_is_late(out->paid_until, d->submitted, today);
	out->refused = !has(d->submitted) && is_late(out->submit_until, today);
	if (has(d->submitted)) {
		out->has_review = 1;
		out->review_by = due_review(d->submitted);
		out->review_late = doc_is_late(out->review_by, d->reviewed,
		    today);
	}
}

void
doc_dues(const struct late_case *pc, const struct doc_fact *d,
    struct date today, struct doc_dues *out)
{
	const struct kind	*k = kind_find(d->kind);

	memset(out, 0, sizeof(*out));
	if (k != NULL && k->dues != NULL)
		k->dues(pc, d, today, out);
}

struct date
late_day_of(const char *utc)
{
	struct date	 d = { 0, 0, 0 };

	if (utc == NULL || local_date_of(utc, &d) == -1)
		d = (struct date){ 0, 0, 0 };
	return d;
}
