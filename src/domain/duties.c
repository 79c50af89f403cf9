/*
 * duties: the obligations of a placement and their lateness (002 §7.3,
 * §8, §12, §13.5).  Pure code.
 */
#include <stdio.h>
#include <string.h>

#include "duties.h"

/*
 * The latest revision of kind/period among docs below revision below (0:
 * any), for the state, and the first one, for when it first arrived.
 * Returns the latest or NULL.
 */
static const struct doc_fact *
find_doc(const struct doc_fact *docs, size_t n, const char *kind,
    const char *period, int below, const struct doc_fact **first)
{
	const struct doc_fact	*latest = NULL;
	size_t			 i;

	*first = NULL;
	for (i = 0; i < n; i++) {
		if (strcmp(docs[i].kind, kind) != 0 ||
		    strcmp(docs[i].period, period) != 0 ||
		    (below > 0 && docs[i].revision >= below))
			continue;
		if (latest == NULL || docs[i].revision > latest->revision)
			latest = &docs[i];
		if (*first == NULL || docs[i].revision < (*first)->revision)
			*first = &docs[i];
	}
	return latest;
}

/*
 * Fills one duty of kind/period: its lateness is lateness.h's for the
 * document first (a blank one of revision rev when there is none), its
 * state that of latest.  Returns 1 if written, 0 if the duty has no due
 * date (nothing to list).
 */
static size_t
make_duty(struct duty *d, const struct late_case *pc, const char *kind,
    const char *period, int rev, const struct doc_fact *latest,
    const struct doc_fact *first, struct date today)
{
	struct doc_fact	 blank;
	struct doc_dues	 dd;

	if (first == NULL) {
		memset(&blank, 0, sizeof(blank));
		snprintf(blank.kind, sizeof(blank.kind), "%s", kind);
		snprintf(blank.period, sizeof(blank.period), "%s", period);
		blank.revision = rev > 0 ? rev : 1;
		first = &blank;
	}
	doc_dues(pc, first, today, &dd);
	if (!dd.has_due)
		return 0;
	memset(d, 0, sizeof(*d));
	snprintf(d->kind, sizeof(d->kind), "%s", kind);
	snprintf(d->period, sizeof(d->period), "%s", period);
	d->revision = rev;
	d->due = dd.due;
	d->late = dd.late;
	d->very_late = dd.very_late;
	if (latest != NULL) {
		d->doc_id = latest->id;
		d->started = 1;
		d->state = latest->state;
		d->returns = first->returns;
	}
	d->open = latest == NULL || latest->state == STATE_DRAFT ||
	    latest->state == STATE_RETURNED;
	return 1;
}

/*
 * The plan revision the counsellor asked for at a follow-up (002 §8.3),
 * if one was: the latest revision after the first, unless it was
 * submitted before the request (an earlier change).  Returns it, or NULL
 * with *rev the revision still to come; 0 when nothing was asked for.
 */
static const struct doc_fact *
requested_revision(const struct late_case *pc, const struct doc_fact *docs,
    size_t n, int *rev)
{
	const struct doc_fact	*latest, *first;

	*rev = 0;
	if (pc->revision_requested.year == 0)
		return NULL;
	latest = find_doc(docs, n, "plan", "", 0, &first);
	*rev = latest != NULL ? latest->revision + 1 : 2;
	if (latest == NULL || latest->revision < 2 ||
	    (latest->submitted.year != 0 &&
	    date_compare(latest->submitted, pc->revision_requested) < 0))
		return NULL;
	*rev = latest->revision;
	return latest;
}

/* The plan and a requested revision into out (room for max >= 1). */
static size_t
plan_duties(const struct late_case *pc, struct date today,
    const struct doc_fact *docs, size_t ndocs, struct duty *out, size_t max)
{
	const struct doc_fact	*latest, *first, *asked;
	size_t			 n = 0;
	int			 rev;

	asked = requested_revision(pc, docs, ndocs, &rev);
	/* The first plan's state is not the requested revision's. */
	latest = find_doc(docs, ndocs, "plan", "", asked ? rev : 0, &first);
	if (first != NULL && first->revision != 1)
		first = NULL;
	n += make_duty(&out[n], pc, "plan", "", 0, latest, first, today);
	if (rev > 0 && n < max)
		n += make_duty(&out[n], pc, "plan", "", rev, asked, asked, today);
	return n;
}

/* 1 if the final report is a duty today: see duties.h. */
static int
final_is_due(const struct late_case *pc, struct date today,
    const struct doc_fact *docs, size_t ndocs)
{
	const struct doc_fact	*first;

	if (pc->decided || find_doc(docs, ndocs, "final", "", 0, &first))
		return 1;
	return pc->end.year != 0 && date_compare(pc->end,
	    date_add_days(today, DUTY_FINAL_AHEAD)) <= 0;
}

size_t
duties_of_placement(const struct late_case *pc, struct date today,
    const struct doc_fact *docs, size_t ndocs, struct duty *out, size_t max)
{
	const struct doc_fact	*latest, *first;
	struct date		 m, last;
	char			 period[8];
	size_t			 n = 0;

	if (max < 2)
		return 0;
	n += plan_duties(pc, today, docs, ndocs, out, max);
	/* Months from the start's to today's, not past the end's. */
	last = today;
	if (pc->end.year != 0 && date_compare(pc->end, last) < 0)
		last = pc->end;
	for (m = (struct date){ pc->start.year, pc->start.month, 1 };
	    n < max && (m.year < last.year ||
	    (m.year == last.year && m.month <= last.month));
	    m = date_add_months(m, 1)) {
		snprintf(period, sizeof(period), "%04d-%02d", m.year, m.month);
		latest = find_doc(docs, ndocs, "monthly", period, 0, &first);
		n += make_duty(&out[n], pc, "monthly", period, 0, latest,
		    first, today);
	}
	if (n < max && final_is_due(pc, today, docs, ndocs)) {
		latest = find_doc(docs, ndocs, "final", "", 0, &first);
		n += make_duty(&out[n], pc, "final", "", 0, latest, first,
		    today);
	}
	return n;
}
