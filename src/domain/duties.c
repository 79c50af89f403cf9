/*
 * duties: the obligations of a placement and their lateness, kind by kind
 * as the descriptors schedule them (duties.h).  Pure code.
 */
#include <stdio.h>
#include <string.h>

#include "duties.h"

/* src into dst cut to size - 1 bytes: snprintf was most of a duty's cost. */
static void
copy_name(char *dst, size_t size, const char *src)
{
	size_t	 n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The period "YYYY-MM" of month m. */
static void
period_of(struct date m, char period[8])
{
	date_put_digits(period, m.year, 4);
	period[4] = '-';
	date_put_digits(period + 5, m.month, 2);
	period[7] = '\0';
}

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
		copy_name(blank.kind, sizeof(blank.kind), kind);
		copy_name(blank.period, sizeof(blank.period), period);
		blank.revision = rev > 0 ? rev : 1;
		first = &blank;
	}
	doc_dues(pc, first, today, &dd);
	if (!dd.has_due)
		return 0;
	memset(d, 0, sizeof(*d));
	copy_name(d->kind, sizeof(d->kind), kind);
	copy_name(d->period, sizeof(d->period), period);
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
 * The revision of kind k the counsellor asked for at a follow-up, if one
 * was: the latest revision after the first, unless it was submitted
 * before the request (an earlier change).  Returns it, or NULL with *rev
 * the revision still to come; 0 when nothing was asked for.
 */
static const struct doc_fact *
requested_revision(const struct kind *k, const struct late_case *pc,
    const struct doc_fact *docs, size_t n, int *rev)
{
	const struct doc_fact	*latest, *first;

	*rev = 0;
	if (!k->follow_up_revision || pc->revision_requested.year == 0)
		return NULL;
	latest = find_doc(docs, n, k->name, "", 0, &first);
	*rev = latest != NULL ? latest->revision + 1 : 2;
	if (latest == NULL || latest->revision < 2 ||
	    (latest->submitted.year != 0 &&
	    date_compare(latest->submitted, pc->revision_requested) < 0))
		return NULL;
	*rev = latest->revision;
	return latest;
}

/* A kind due once, and a requested revision, into out (room for max). */
static size_t
once_duties(const struct kind *k, const struct late_case *pc,
    struct date today, const struct doc_fact *docs, size_t ndocs,
    struct duty *out, size_t max)
{
	const struct doc_fact	*latest, *first, *asked;
	size_t			 n = 0;
	int			 rev;

	if (max == 0)
		return 0;
	asked = requested_revision(k, pc, docs, ndocs, &rev);
	/* The first revision's state is not the requested revision's. */
	latest = find_doc(docs, ndocs, k->name, "", asked ? rev : 0, &first);
	if (first != NULL && first->revision != 1)
		first = NULL;
	n += make_duty(&out[n], pc, k->name, "", 0, latest, first, today);
	if (rev > 0 && n < max)
		n += make_duty(&out[n], pc, k->name, "", rev, asked, asked,
		    today);
	return n;
}

/* A monthly kind: the months from the start's to today's, not past the
 * end's. */
static size_t
monthly_duties(const struct kind *k, const struct late_case *pc,
    struct date today, const struct doc_fact *docs, size_t ndocs,
    struct duty *out, size_t max)
{
	const struct doc_fact	*latest, *first;
	struct date		 m, last;
	char			 period[8];
	size_t			 n = 0;

	last = today;
	if (pc->end.year != 0 && date_compare(pc->end, last) < 0)
		last = pc->end;
	for (m = (struct date){ pc->start.year, pc->start.month, 1 };
	    n < max && (m.year < last.year ||
	    (m.year == last.year && m.month <= last.month));
	    m = date_add_months(m, 1)) {
		period_of(m, period);
		latest = find_doc(docs, ndocs, k->name, period, 0, &first);
		n += make_duty(&out[n], pc, k->name, period, 0, latest, first,
		    today);
	}
	return n;
}

/* A kind due at the end: see duties.h. */
static size_t
at_end_duties(const struct kind *k, const struct late_case *pc,
    struct date today, const struct doc_fact *docs, size_t ndocs,
    struct duty *out, size_t max)
{
	const struct doc_fact	*latest, *first;

	latest = find_doc(docs, ndocs, k->name, "", 0, &first);
	if (max == 0 || (!pc->decided && latest == NULL &&
	    (pc->end.year == 0 || date_compare(pc->end,
	    date_add_days(today, DUTY_FINAL_AHEAD)) > 0)))
		return 0;
	return make_duty(out, pc, k->name, "", 0, latest, first, today);
}

size_t
duties_of_placement(const struct late_case *pc, struct date today,
    const struct doc_fact *docs, size_t ndocs, struct duty *out, size_t max)
{
	const struct kind	*k;
	size_t			 i, n = 0;

	if (max < 2)
		return 0;
	for (i = 0; (k = kind_at(i)) != NULL; i++)
		switch (k->schedule) {
		case SCHEDULE_ONCE:
			n += once_duties(k, pc, today, docs, ndocs, &out[n],
			    max - n);
			break;
		case SCHEDULE_MONTHLY:
			n += monthly_duties(k, pc, today, docs, ndocs, &out[n],
			    max - n);
			break;
		case SCHEDULE_AT_END:
			n += at_end_duties(k, pc, today, docs, ndocs, &out[n],
			    max - n);
			break;
		}
	return n;
}

/* 1 if have (n of them) holds a document of kind/period. */
static int
has_slot(const struct doc_slot *have, size_t n, const char *kind,
    const char *period)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(have[i].kind, kind) == 0 &&
		    strcmp(have[i].period, period) == 0)
			return 1;
	return 0;
}

/* Appends an offer of k for period to out (n so far, room for max). */
static void
offer(const struct kind *k, const char *period, struct doc_offer *out,
    size_t *n, size_t max)
{
	if (*n == max)
		return;
	out[*n].kind = k;
	snprintf(out[*n].period, sizeof(out[*n].period), "%s", period);
	(*n)++;
}

/* 1 if have holds any document of kind, whatever its period. */
static int
has_kind(const struct doc_slot *have, size_t n, const char *kind)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(have[i].kind, kind) == 0)
			return 1;
	return 0;
}

size_t
duties_offers(struct date start, struct date end, struct date today,
    const struct doc_slot *have, size_t nhave, struct doc_offer *out,
    size_t max)
{
	const struct kind	*k;
	struct date		 m, last;
	char			 period[8];
	size_t			 i, n = 0;
	int			 months;

	last = end.year == 0 || date_compare(end, today) > 0 ? today : end;
	for (i = 0; (k = kind_at(i)) != NULL; i++) {
		if (!k->owner_starts ||
		    (k->schedule != SCHEDULE_ONCE && start.year == 0))
			continue;
		if (k->schedule != SCHEDULE_MONTHLY) {
			if (!has_kind(have, nhave, k->name))
				offer(k, "", out, &n, max);
			continue;
		}
		m = (struct date){ start.year, start.month, 1 };
		for (months = 0; months < OFFER_MONTHS_MAX &&
		    (m.year < last.year || (m.year == last.year &&
		    m.month <= last.month)); months++,
		    m = date_add_months(m, 1)) {
			snprintf(period, sizeof(period), "%04d-%02d", m.year,
			    m.month);
			if (!has_slot(have, nhave, k->name, period))
				offer(k, period, out, &n, max);
		}
	}
	return n;
}
