/*
 * Unit tests of duties: what a placement owes on a day, behind the work
 * queues and the deficiencies, with the lateness of lateness.h: the plan
 * and monthly reports (moved here from test_kinds.c), a requested plan
 * revision, the final report by the ending decision, lateness by the
 * local day of the first submission, and what the owning provider may
 * start.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "duties.h"
#include "helpers.h"

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	return 0;
}

/* Placement from start to end ("" open-ended), no decision. */
static struct late_case
placement(const char *start, const char *end)
{
	struct late_case	 pc;

	memset(&pc, 0, sizeof(pc));
	pc.start = ymd(start);
	if (end[0] != '\0')
		pc.end = ymd(end);
	return pc;
}

static struct doc_fact
fact(long id, const char *kind, const char *period, int rev,
    enum doc_state state, const char *submitted_utc, int returns)
{
	struct doc_fact	 f;

	memset(&f, 0, sizeof(f));
	f.id = id;
	snprintf(f.kind, sizeof(f.kind), "%s", kind);
	snprintf(f.period, sizeof(f.period), "%s", period);
	f.revision = rev;
	f.state = state;
	f.submitted = late_day_of(submitted_utc);
	f.returns = returns;
	return f;
}

/* The plan and the months up to today (from test_kinds.c). */
static void
test_duties_plan_and_months_up_to_today(void **state)
{
	struct late_case pc = placement("2026-10-05", "");
	struct duty	 d[DUTIES_MAX];
	struct doc_fact	 f[2];
	size_t		 n;

	(void)state;
	n = duties_of_placement(&pc, ymd("2026-11-22"), NULL, 0, d, DUTIES_MAX);
	assert_int_equal(n, 3);			/* plan, oct, nov */
	assert_string_equal(d[0].kind, "plan");
	/* The plan was due 2026-10-19: more than a month ago. */
	assert_true(d[0].open && d[0].late && d[0].very_late);
	assert_string_equal(d[1].period, "2026-10");
	assert_date_is(d[1].due, "2026-11-07");
	assert_true(d[1].late && !d[1].very_late);
	assert_string_equal(d[2].period, "2026-11");
	assert_false(d[2].late);
	/* A plan submitted on time and approved; October submitted late. */
	pc = placement("2026-10-05", "2026-11-30");
	f[0] = fact(1, "plan", "", 1, STATE_APPROVED, "2026-10-15T09:00:00Z", 2);
	f[1] = fact(2, "monthly", "2026-10", 1, STATE_SUBMITTED,
	    "2026-11-10T09:00:00Z", 0);
	n = duties_of_placement(&pc, ymd("2026-11-22"), f, 2, d, DUTIES_MAX);
	assert_int_equal(n, 4);			/* + final: ends within 14 days */
	assert_false(d[0].open || d[0].late);
	assert_int_equal(d[0].returns, 2);
	assert_false(d[1].open);
	assert_true(d[1].late && !d[1].very_late);
	assert_string_equal(d[3].kind, "final");
	assert_date_is(d[3].due, "2026-11-30");
	/* More than a month late and still not submitted. */
	pc = placement("2026-10-05", "");
	n = duties_of_placement(&pc, ymd("2026-12-08"), NULL, 0, d, DUTIES_MAX);
	assert_true(d[1].very_late);
	assert_int_equal(n, 4);
}

/* Lateness by the local day of the first submission, not the UTC date. */
static void
test_duties_late_by_local_day_of_first_submission(void **state)
{
	struct late_case pc = placement("2026-10-05", "");
	struct duty	 d[DUTIES_MAX];
	struct doc_fact	 f;

	(void)state;
	f = fact(1, "monthly", "2026-10", 1, STATE_SUBMITTED,
	    "2026-11-07T22:59:59Z", 0);
	duties_of_placement(&pc, ymd("2026-11-22"), &f, 1, d, DUTIES_MAX);
	assert_false(d[1].late);
	/* 00:30 on the 8th in Stockholm. */
	f = fact(1, "monthly", "2026-10", 1, STATE_SUBMITTED,
	    "2026-11-07T23:30:00Z", 0);
	duties_of_placement(&pc, ymd("2026-11-22"), &f, 1, d, DUTIES_MAX);
	assert_true(d[1].late);
	/* Returned and resubmitted later: the first submission counts. */
	f = fact(1, "monthly", "2026-10", 1, STATE_RETURNED,
	    "2026-11-06T09:00:00Z", 1);
	duties_of_placement(&pc, ymd("2026-12-22"), &f, 1, d, DUTIES_MAX);
	assert_false(d[1].late);
	assert_true(d[1].open);
}

/* A revision asked for at a follow-up is its own duty. */
static void
test_duties_revision_asked_at_follow_up(void **state)
{
	struct late_case pc = placement("2026-10-05", "");
	struct duty	 d[DUTIES_MAX];
	struct doc_fact	 f[2];
	size_t		 n;

	(void)state;
	f[0] = fact(1, "plan", "", 1, STATE_APPROVED, "2026-10-15T09:00:00Z", 0);
	n = duties_of_placement(&pc, ymd("2026-11-09"), f, 1, d, DUTIES_MAX);
	assert_int_equal(n, 3);			/* plan, oct, nov: no revision */
	/* Asked on Friday 6 November: due Friday 13, not started yet. */
	pc.revision_requested = late_day_of("2026-11-06T13:00:00Z");
	n = duties_of_placement(&pc, ymd("2026-11-13"), f, 1, d, DUTIES_MAX);
	assert_int_equal(n, 4);
	assert_string_equal(d[0].kind, "plan");
	assert_false(d[0].open || d[0].late);
	assert_string_equal(d[1].kind, "plan");
	assert_int_equal(d[1].revision, 2);
	assert_date_is(d[1].due, "2026-11-13");
	assert_true(d[1].open);
	assert_false(d[1].started || d[1].late);
	n = duties_of_placement(&pc, ymd("2026-11-16"), f, 1, d, DUTIES_MAX);
	assert_true(d[1].late);
	/* Revision 2 started as a draft: the revision's duty, open. */
	f[1] = fact(2, "plan", "", 2, STATE_DRAFT, NULL, 0);
	n = duties_of_placement(&pc, ymd("2026-11-12"), f, 2, d, DUTIES_MAX);
	assert_int_equal(d[0].doc_id, 1);
	assert_false(d[0].open);
	assert_int_equal(d[1].doc_id, 2);
	assert_true(d[1].open && !d[1].late);
	/* Submitted on the 13th: in time, no longer open. */
	f[1] = fact(2, "plan", "", 2, STATE_SUBMITTED, "2026-11-13T10:00:00Z",
	    0);
	n = duties_of_placement(&pc, ymd("2026-11-20"), f, 2, d, DUTIES_MAX);
	assert_false(d[1].open || d[1].late);
}

/* The final report by the ending decision, and its lateness. */
static void
test_duties_final_by_the_ending_decision(void **state)
{
	struct late_case pc = placement("2026-06-01", "2027-05-31");
	struct duty	 d[DUTIES_MAX];
	struct doc_fact	 f;
	size_t		 n, i;

	(void)state;
	/* Far from its end: no final report yet. */
	n = duties_of_placement(&pc, ymd("2026-11-10"), NULL, 0, d, DUTIES_MAX);
	for (i = 0; i < n; i++)
		assert_string_not_equal(d[i].kind, "final");
	/* Ended early by a decision of 10 November, from the 20th. */
	pc.decided = 1;
	pc.ending = ENDING_EARLY;
	pc.decided_on = ymd("2026-11-10");
	pc.end = ymd("2026-11-20");
	n = duties_of_placement(&pc, ymd("2026-11-10"), NULL, 0, d, DUTIES_MAX);
	assert_string_equal(d[n - 1].kind, "final");
	assert_date_is(d[n - 1].due, "2026-11-24");
	assert_false(d[n - 1].late);
	n = duties_of_placement(&pc, ymd("2026-11-25"), NULL, 0, d, DUTIES_MAX);
	assert_true(d[n - 1].late && d[n - 1].open);
	/* Months stop at the end in force. */
	assert_string_equal(d[n - 2].period, "2026-11");
	/* Submitted on the 24th at 23:30 local: late by a day. */
	f = fact(9, "final", "", 1, STATE_SUBMITTED, "2026-11-24T22:30:00Z", 0);
	n = duties_of_placement(&pc, ymd("2026-12-01"), &f, 1, d, DUTIES_MAX);
	assert_false(d[n - 1].late);
	f = fact(9, "final", "", 1, STATE_SUBMITTED, "2026-11-24T23:30:00Z", 0);
	n = duties_of_placement(&pc, ymd("2026-12-01"), &f, 1, d, DUTIES_MAX);
	assert_true(d[n - 1].late);
	assert_false(d[n - 1].open);
}

/* The offers' names and periods, "plan monthly:2026-10 final", into buf. */
static const char *
offers(struct date start, struct date end, struct date today,
    const struct doc_slot *have, size_t nhave, char *buf, size_t size)
{
	struct doc_offer o[DUTIES_MAX];
	size_t		 i, n, len = 0;

	buf[0] = '\0';
	n = duties_offers(start, end, today, have, nhave, o, DUTIES_MAX);
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s%s",
		    i > 0 ? " " : "", o[i].kind->name,
		    o[i].period[0] ? ":" : "", o[i].period);
	return buf;
}

/*
 * What the owning provider may start (the placement page's "new"
 * actions): the plan and the final report while there is none, a monthly
 * report for every month from the start up to today and the end that has
 * none; nothing on the calendar without a start.
 */
static void
test_duties_offers_what_is_missing(void **state)
{
	struct date	 none = { 0, 0, 0 };
	struct doc_slot	 have[2] = { { "plan", "" }, { "monthly", "2026-10" } };
	char		 buf[1024];

	(void)state;
	assert_string_equal(offers(ymd("2026-10-05"), none, ymd("2026-11-22"),
	    NULL, 0, buf, sizeof(buf)),
	    "plan monthly:2026-10 monthly:2026-11 final");
	assert_string_equal(offers(ymd("2026-10-05"), none, ymd("2026-11-22"),
	    have, 2, buf, sizeof(buf)), "monthly:2026-11 final");
	/* Not past the end, however late today is. */
	assert_string_equal(offers(ymd("2026-10-05"), ymd("2026-10-31"),
	    ymd("2027-03-01"), have, 2, buf, sizeof(buf)), "final");
	assert_string_equal(offers(none, none, ymd("2026-11-22"), NULL, 0, buf,
	    sizeof(buf)), "plan");
	/* At most 36 months from the start. */
	offers(ymd("2020-01-15"), none, ymd("2026-11-22"), have, 1, buf,
	    sizeof(buf));
	assert_non_null(strstr(buf, "monthly:2022-12 final"));
	assert_null(strstr(buf, "2023-01"));
}

/* No room for the plan and a month: nothing is written. */
static void
test_duties_none_without_room_for_two(void **state)
{
	struct late_case pc = placement("2026-10-05", "");
	struct duty	 d[DUTIES_MAX];

	(void)state;
	assert_int_equal(duties_of_placement(&pc, ymd("2026-11-22"), NULL, 0,
	    d, 1), 0);
	assert_int_equal(duties_of_placement(&pc, ymd("2026-11-22"), NULL, 0,
	    d, 0), 0);
}

/* A longer list than the room: the first max duties, in order. */
static void
test_duties_stop_at_max(void **state)
{
	struct late_case pc = placement("2026-01-05", "");
	struct duty	 d[DUTIES_MAX];
	size_t		 n;

	(void)state;
	n = duties_of_placement(&pc, ymd("2026-11-22"), NULL, 0, d, DUTIES_MAX);
	assert_int_equal(n, 12);		/* plan, January .. November */
	n = duties_of_placement(&pc, ymd("2026-11-22"), NULL, 0, d, 5);
	assert_int_equal(n, 5);
	assert_string_equal(d[0].kind, "plan");
	assert_string_equal(d[1].period, "2026-01");
	assert_string_equal(d[4].period, "2026-04");
}

/* Ended: the months stop at the end's, then the final report. */
static void
test_duties_months_stop_at_the_end(void **state)
{
	struct late_case pc = placement("2026-09-01", "2026-10-15");
	struct duty	 d[DUTIES_MAX];
	size_t		 n;

	(void)state;
	n = duties_of_placement(&pc, ymd("2026-12-01"), NULL, 0, d, DUTIES_MAX);
	assert_int_equal(n, 4);
	assert_string_equal(d[1].period, "2026-09");
	assert_string_equal(d[2].period, "2026-10");
	assert_string_equal(d[3].kind, "final");
	assert_date_is(d[3].due, "2026-10-15");
	assert_true(d[3].open && d[3].late);
}

/* A final report begun before the last 14 days is listed at once. */
static void
test_duties_final_started_early_is_listed(void **state)
{
	struct late_case pc = placement("2026-06-01", "2027-05-31");
	struct duty	 d[DUTIES_MAX];
	struct doc_fact	 f;
	size_t		 n;

	(void)state;
	f = fact(7, "final", "", 1, STATE_DRAFT, NULL, 0);
	n = duties_of_placement(&pc, ymd("2026-11-10"), &f, 1, d, DUTIES_MAX);
	assert_string_equal(d[n - 1].kind, "final");
	assert_int_equal(d[n - 1].doc_id, 7);
	assert_true(d[n - 1].started && d[n - 1].open);
	assert_int_equal(d[n - 1].state, STATE_DRAFT);
	assert_date_is(d[n - 1].due, "2027-05-31");
	assert_false(d[n - 1].late);
}

/*
 * A revision submitted before the follow-up asked for one was an earlier
 * change: the revision asked for is the next one, not begun.
 */
static void
test_duties_revision_after_an_earlier_change(void **state)
{
	struct late_case pc = placement("2026-10-05", "");
	struct duty	 d[DUTIES_MAX];
	struct doc_fact	 f[2];
	size_t		 n;

	(void)state;
	f[0] = fact(1, "plan", "", 1, STATE_APPROVED, "2026-10-15T09:00:00Z", 0);
	f[1] = fact(2, "plan", "", 2, STATE_SUBMITTED, "2026-11-01T09:00:00Z",
	    0);
	pc.revision_requested = late_day_of("2026-11-06T13:00:00Z");
	n = duties_of_placement(&pc, ymd("2026-11-09"), f, 2, d, DUTIES_MAX);
	assert_int_equal(n, 4);			/* plan, revision 3, oct, nov */
	assert_int_equal(d[0].doc_id, 2);
	assert_false(d[0].open);
	assert_int_equal(d[1].revision, 3);
	assert_false(d[1].started);
	assert_true(d[1].open);
	assert_date_is(d[1].due, "2026-11-13");
}

/* The documents may come in any order: the same duties. */
static void
test_duties_documents_in_any_order(void **state)
{
	struct late_case pc = placement("2026-10-05", "2026-11-30");
	struct duty	 a[DUTIES_MAX], b[DUTIES_MAX];
	struct doc_fact	 f[4], r[4];
	size_t		 n, m, i;

	(void)state;
	f[0] = fact(1, "plan", "", 1, STATE_APPROVED, "2026-10-15T09:00:00Z", 1);
	f[1] = fact(2, "monthly", "2026-10", 1, STATE_RETURNED,
	    "2026-11-10T09:00:00Z", 1);
	f[2] = fact(3, "monthly", "2026-11", 1, STATE_DRAFT, NULL, 0);
	f[3] = fact(4, "final", "", 1, STATE_SUBMITTED, "2026-11-20T09:00:00Z",
	    0);
	for (i = 0; i < 4; i++)
		r[i] = f[3 - i];
	n = duties_of_placement(&pc, ymd("2026-11-22"), f, 4, a, DUTIES_MAX);
	m = duties_of_placement(&pc, ymd("2026-11-22"), r, 4, b, DUTIES_MAX);
	assert_int_equal(n, 4);
	assert_int_equal(m, n);
	assert_memory_equal(a, b, n * sizeof(a[0]));
	assert_int_equal(a[1].doc_id, 2);
	assert_true(a[1].open && a[1].late);	/* returned, first in late */
	assert_int_equal(a[3].doc_id, 4);
	assert_false(a[3].open);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duties_plan_and_months_up_to_today),
		cmocka_unit_test(test_duties_late_by_local_day_of_first_submission),
		cmocka_unit_test(test_duties_revision_asked_at_follow_up),
		cmocka_unit_test(test_duties_final_by_the_ending_decision),
		cmocka_unit_test(test_duties_none_without_room_for_two),
		cmocka_unit_test(test_duties_stop_at_max),
		cmocka_unit_test(test_duties_months_stop_at_the_end),
		cmocka_unit_test(test_duties_final_started_early_is_listed),
		cmocka_unit_test(test_duties_revision_after_an_earlier_change),
		cmocka_unit_test(test_duties_documents_in_any_order),
		cmocka_unit_test(test_duties_offers_what_is_missing),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
