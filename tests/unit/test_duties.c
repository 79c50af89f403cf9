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
test_duties_plan_and_months(void **state)
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
test_duties_local_day(void **state)
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
test_duties_revision(void **state)
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
test_duties_final(void **state)
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
test_duties_offers(void **state)
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duties_plan_and_months),
		cmocka_unit_test(test_duties_local_day),
		cmocka_unit_test(test_duties_revision),
		cmocka_unit_test(test_duties_final),
		cmocka_unit_test(test_duties_offers),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
