/*
 * Unit tests of lateness: the one definition of every document's
 * deadlines, and doc_is_late(), the one rule of lateness.  Each rule
 * around its lines: the
 * local day of a UTC time at midnight in Stockholm, winter and summer;
 * the 7th/8th, 12th/13th and 15th/16th of a monthly report; five working
 * days over a weekend and a holiday, from the first submission even after
 * a return; a requested plan revision; a final report paid, unpaid and
 * refused at end, end + 1, end + 14 and end + 15, an aborted placement's
 * two more paid weeks, and a recorded ending decision over the content.
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

#include "lateness.h"
#include "helpers.h"

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	return 0;
}

/* The placement of most tests: 2026-10-05 to 2026-11-30, no decision. */
static struct late_case
placement(void)
{
	struct late_case	 pc;

	memset(&pc, 0, sizeof(pc));
	pc.start = ymd("2026-10-05");
	pc.end = ymd("2026-11-30");
	return pc;
}

/* A document of kind/period, revision rev, first submitted at utc (or NULL). */
static struct doc_fact
doc(const char *kind, const char *period, int rev, const char *utc)
{
	struct doc_fact	 f;

	memset(&f, 0, sizeof(f));
	snprintf(f.kind, sizeof(f.kind), "%s", kind);
	snprintf(f.period, sizeof(f.period), "%s", period);
	f.revision = rev;
	f.state = utc != NULL ? STATE_SUBMITTED : STATE_DRAFT;
	f.submitted = late_day_of(utc);
	return f;
}

/* The dues of f of pc on today ("YYYY-MM-DD"). */
static struct doc_dues
dues(const struct late_case *pc, const struct doc_fact *f, const char *today)
{
	struct doc_dues	 dd;

	doc_dues(pc, f, ymd(today), &dd);
	return dd;
}

/* A stored time is judged on its day in Stockholm, not its UTC date. */
static void
test_lateness_local_day(void **state)
{
	(void)state;
	/* Winter (CET, UTC+1): midnight is 23:00 UTC. */
	assert_date_is(late_day_of("2026-11-07T22:59:59Z"), "2026-11-07");
	assert_date_is(late_day_of("2026-11-07T23:00:00Z"), "2026-11-08");
	assert_date_is(late_day_of("2026-11-07T23:30:00Z"), "2026-11-08");
	/* Summer (CEST, UTC+2): midnight is 22:00 UTC. */
	assert_date_is(late_day_of("2026-06-07T21:59:59Z"), "2026-06-07");
	assert_date_is(late_day_of("2026-06-07T22:00:00Z"), "2026-06-08");
	/* New Year's Eve in UTC is New Year's Day in Stockholm. */
	assert_date_is(late_day_of("2026-12-31T23:00:00Z"), "2027-01-01");
	assert_int_equal(late_day_of(NULL).year, 0);
	assert_int_equal(late_day_of("").year, 0);
	assert_int_equal(late_day_of("2026-11-07").year, 0);
}

/*
 * The rule every deadline uses: in time on the due day, late the day
 * after; not arrived, late once today is past the due day; a kind
 * without a due-date rule has no deadlines.
 */
static void
test_lateness_doc_is_late(void **state)
{
	struct date		 none = { 0, 0, 0 };
	struct late_case	 pc = placement();
	struct doc_fact		 f = doc("weekly", "", 1, NULL);
	struct doc_dues		 dd;

	(void)state;
	assert_false(doc_is_late(ymd("2026-11-07"), ymd("2026-11-07"),
	    ymd("2026-12-01")));
	assert_true(doc_is_late(ymd("2026-11-07"), ymd("2026-11-08"),
	    ymd("2026-11-08")));
	assert_false(doc_is_late(ymd("2026-11-07"), none, ymd("2026-11-07")));
	assert_true(doc_is_late(ymd("2026-11-07"), none, ymd("2026-11-08")));
	/* What arrived in time stays in time however late today is. */
	assert_false(doc_is_late(ymd("2026-11-07"), ymd("2026-11-01"),
	    ymd("2027-01-01")));
	dd = dues(&pc, &f, "2026-11-22");
	assert_false(dd.has_due || dd.has_review || dd.has_approve ||
	    dd.has_final);
}

/* Monthly report on October: ready by 7 November, on its first submission. */
static void
test_lateness_monthly_ready(void **state)
{
	struct late_case	 pc = placement();
	struct doc_fact		 f;
	struct doc_dues		 dd;

	(void)state;
	f = doc("monthly", "2026-10", 1, "2026-11-07T22:59:59Z");
	dd = dues(&pc, &f, "2026-11-20");
	assert_true(dd.has_due);
	assert_date_is(dd.due, "2026-11-07");
	assert_false(dd.late);
	/* 00:00 on the 8th in Stockholm: late, though UTC says the 7th. */
	f = doc("monthly", "2026-10", 1, "2026-11-07T23:00:00Z");
	assert_true(dues(&pc, &f, "2026-11-20").late);
	f = doc("monthly", "2026-10", 1, "2026-11-07T23:30:00Z");
	assert_true(dues(&pc, &f, "2026-11-08").late);
	/* Not submitted: in time on the 7th, late from the 8th. */
	f = doc("monthly", "2026-10", 1, NULL);
	assert_false(dues(&pc, &f, "2026-11-07").late);
	assert_true(dues(&pc, &f, "2026-11-08").late);
	/* More than a month late from 8 December. */
	assert_false(dues(&pc, &f, "2026-12-07").very_late);
	assert_true(dues(&pc, &f, "2026-12-08").very_late);
	/* Submitted on time, returned, resubmitted late: the first counts. */
	f = doc("monthly", "2026-10", 1, "2026-11-05T09:00:00Z");
	f.state = STATE_RETURNED;
	f.returns = 1;
	assert_false(dues(&pc, &f, "2026-12-20").late);
	/* Summer: May's report at midnight in CEST. */
	pc.start = ymd("2026-05-01");
	f = doc("monthly", "2026-05", 1, "2026-06-07T21:59:59Z");
	assert_false(dues(&pc, &f, "2026-06-20").late);
	f = doc("monthly", "2026-05", 1, "2026-06-07T22:00:00Z");
	assert_true(dues(&pc, &f, "2026-06-20").late);
}

/* The counsellor reviews by the 12th and approves by the 15th, apart. */
static void
test_lateness_monthly_review(void **state)
{
	struct late_case	 pc = placement();
	struct doc_fact		 f;
	struct doc_dues		 dd;

	(void)state;
	f = doc("monthly", "2026-10", 1, "2026-11-05T09:00:00Z");
	dd = dues(&pc, &f, "2026-11-12");
	assert_true(dd.has_review && dd.has_approve);
	assert_date_is(dd.review_by, "2026-11-12");
	assert_date_is(dd.approve_by, "2026-11-15");
	assert_false(dd.review_late || dd.approve_late);
	/* Not reviewed on the 13th: review late, approval not yet. */
	dd = dues(&pc, &f, "2026-11-13");
	assert_true(dd.review_late);
	assert_false(dd.approve_late);
	dd = dues(&pc, &f, "2026-11-16");
	assert_true(dd.review_late && dd.approve_late);
	/* Returned on the 12th (late evening): reviewed in time ... */
	f.reviewed = late_day_of("2026-11-12T22:59:59Z");
	dd = dues(&pc, &f, "2026-11-16");
	assert_false(dd.review_late);
	/* ... but not approved by the 15th. */
	assert_true(dd.approve_late);
	/* Approved on the 15th: both in time, whatever the day now. */
	f.approved = f.reviewed = late_day_of("2026-11-15T12:00:00Z");
	dd = dues(&pc, &f, "2027-01-01");
	assert_true(dd.review_late);	/* first reviewed on the 15th */
	assert_false(dd.approve_late);
	f.reviewed = late_day_of("2026-11-10T12:00:00Z");
	assert_false(dues(&pc, &f, "2027-01-01").review_late);
	/* Approved at 00:10 on the 16th in Stockholm: late. */
	f.approved = late_day_of("2026-11-15T23:10:00Z");
	assert_true(dues(&pc, &f, "2027-01-01").approve_late);
	/* Never submitted: the counsellor cannot be late with it. */
	f = doc("monthly", "2026-10", 1, NULL);
	dd = dues(&pc, &f, "2026-12-01");
	assert_false(dd.review_late || dd.approve_late);
}

/* The plan: due 14 days after the start. */
static void
test_lateness_plan_due(void **state)
{
	struct late_case	 pc = placement();
	struct doc_fact		 f;
	struct doc_dues		 dd;

	(void)state;
	f = doc("plan", "", 1, "2026-10-19T21:59:59Z");	/* 23:59:59 CEST */
	dd = dues(&pc, &f, "2026-11-01");
	assert_date_is(dd.due, "2026-10-19");
	assert_false(dd.late);
	f = doc("plan", "", 1, "2026-10-19T22:00:00Z");	/* 00:00 on the 20th */
	assert_true(dues(&pc, &f, "2026-11-01").late);
	f = doc("plan", "", 1, NULL);
	assert_false(dues(&pc, &f, "2026-10-19").late);
	assert_true(dues(&pc, &f, "2026-10-20").late);
	assert_false(dues(&pc, &f, "2026-11-19").very_late);
	assert_true(dues(&pc, &f, "2026-11-20").very_late);
	/* Not submitted: no review deadline yet. */
	assert_false(dues(&pc, &f, "2026-11-20").has_review);
}

/*
 * Reviewed within five working days of the first submission, returns
 * included: over a weekend and Kristi himmelsfärdsdag 2026 (Thu
 * 14 May), and kept when the plan is returned and resubmitted.
 */
static void
test_lateness_plan_review(void **state)
{
	struct late_case	 pc = placement();
	struct doc_fact		 f;
	struct doc_dues		 dd;

	(void)state;
	pc.start = ymd("2026-04-27");
	/* Thursday 7 May, 23:59:59: Fri 8, Mon 11, Tue 12, Wed 13, Fri 15. */
	f = doc("plan", "", 1, "2026-05-07T21:59:59Z");
	assert_date_is(dues(&pc, &f, "2026-05-08").review_by, "2026-05-15");
	/* Midnight: Friday 8 May, so Mon-Wed, Fri 15, Mon 18. */
	f = doc("plan", "", 1, "2026-05-07T22:00:00Z");
	dd = dues(&pc, &f, "2026-05-18");
	assert_date_is(dd.review_by, "2026-05-18");
	assert_false(dd.review_late);
	assert_true(dues(&pc, &f, "2026-05-19").review_late);
	/* Returned on the 12th, resubmitted on the 15th: still the 18th. */
	f.state = STATE_SUBMITTED;
	f.returns = 1;
	f.reviewed = ymd("2026-05-12");
	dd = dues(&pc, &f, "2026-05-19");
	assert_date_is(dd.review_by, "2026-05-18");
	assert_true(dd.review_late);
	/* Approved on the 18th: in time; on the 19th: late. */
	f.state = STATE_APPROVED;
	f.approved = ymd("2026-05-18");
	assert_false(dues(&pc, &f, "2026-06-30").review_late);
	f.approved = ymd("2026-05-19");
	assert_true(dues(&pc, &f, "2026-06-30").review_late);
}

/* A revision asked for at a follow-up: five working days. */
static void
test_lateness_plan_revision(void **state)
{
	struct late_case	 pc = placement();
	struct doc_fact		 f;
	struct doc_dues		 dd;

	(void)state;
	/* Asked on Friday 6 November: Mon 9 .. Fri 13. */
	pc.revision_requested = late_day_of("2026-11-06T10:00:00Z");
	f = doc("plan", "", 2, NULL);
	dd = dues(&pc, &f, "2026-11-13");
	assert_true(dd.has_due);
	assert_date_is(dd.due, "2026-11-13");	/* not start + 14 */
	assert_false(dd.late);
	assert_true(dues(&pc, &f, "2026-11-14").late);
	f = doc("plan", "", 2, "2026-11-13T22:59:59Z");
	assert_false(dues(&pc, &f, "2026-11-20").late);
	f = doc("plan", "", 2, "2026-11-13T23:00:00Z");
	assert_true(dues(&pc, &f, "2026-11-20").late);
	/* Asked on Thursday 5 at 23:59:59: Fri 6, Mon 9 .. Thu 12; at
	 * 00:30 on Friday 6 (UTC: still Thursday): Mon 9 .. Fri 13. */
	pc.revision_requested = late_day_of("2026-11-05T22:59:59Z");
	f = doc("plan", "", 2, NULL);
	assert_date_is(dues(&pc, &f, "2026-11-13").due, "2026-11-12");
	pc.revision_requested = late_day_of("2026-11-05T23:30:00Z");
	assert_date_is(dues(&pc, &f, "2026-11-13").due, "2026-11-13");
	/* A revision submitted before the request is not the one asked for. */
	f = doc("plan", "", 2, "2026-11-02T09:00:00Z");
	assert_false(dues(&pc, &f, "2026-11-20").has_due);
	/* A revision nobody asked for has no due date, the first plan does. */
	pc.revision_requested.year = 0;
	f = doc("plan", "", 2, NULL);
	assert_false(dues(&pc, &f, "2026-11-20").has_due);
	f = doc("plan", "", 1, NULL);
	assert_date_is(dues(&pc, &f, "2026-11-20").due, "2026-10-19");
}

/* Completed on 30 November: paid by the end, unpaid to end + 14, then refused. */
static void
test_lateness_final_completed(void **state)
{
	struct late_case	 pc = placement();
	struct doc_fact		 f;
	struct doc_dues		 dd;

	(void)state;
	f = doc("final", "", 1, "2026-11-30T22:59:59Z");	/* the end, local */
	dd = dues(&pc, &f, "2026-12-20");
	assert_true(dd.has_final && dd.has_due);
	assert_int_equal(dd.ending, ENDING_COMPLETED);
	assert_date_is(dd.due, "2026-11-30");
	assert_date_is(dd.paid_until, "2026-11-30");
	assert_date_is(dd.submit_until, "2026-12-14");
	assert_false(dd.late || dd.unpaid || dd.refused);
	/* end + 1 (midnight in Stockholm): late and unpaid, not refused. */
	f = doc("final", "", 1, "2026-11-30T23:00:00Z");
	dd = dues(&pc, &f, "2026-12-20");
	assert_true(dd.late && dd.unpaid);
	assert_false(dd.refused);
	/* end + 14: still accepted, unpaid. */
	f = doc("final", "", 1, "2026-12-14T22:59:59Z");
	dd = dues(&pc, &f, "2026-12-20");
	assert_true(dd.unpaid);
	assert_false(dd.refused);
	/* Not submitted: the page says so day by day. */
	f = doc("final", "", 1, NULL);
	dd = dues(&pc, &f, "2026-11-30");
	assert_false(dd.late || dd.unpaid || dd.refused);
	dd = dues(&pc, &f, "2026-12-01");
	assert_true(dd.late && dd.unpaid);
	assert_false(dd.refused);
	assert_false(dues(&pc, &f, "2026-12-14").refused);
	assert_true(dues(&pc, &f, "2026-12-15").refused);
	/* First submitted in time, returned: resubmitting later is no new arrival. */
	f = doc("final", "", 1, "2026-12-10T09:00:00Z");
	f.state = STATE_RETURNED;
	dd = dues(&pc, &f, "2026-12-20");
	assert_false(dd.refused);
	assert_true(dd.unpaid);
}

/* Aborted: two more paid weeks, due two weeks after the decision. */
static void
test_lateness_final_aborted(void **state)
{
	struct late_case	 pc = placement();
	struct doc_fact		 f;
	struct doc_dues		 dd;

	(void)state;
	pc.decided = 1;
	pc.ending = ENDING_ABORTED;
	pc.decided_on = ymd("2026-11-20");
	pc.end = ymd("2026-11-25");
	f = doc("final", "", 1, "2026-12-09T22:59:59Z");	/* end + 14 */
	dd = dues(&pc, &f, "2026-12-20");
	assert_int_equal(dd.ending, ENDING_ABORTED);
	assert_date_is(dd.due, "2026-12-04");
	assert_date_is(dd.paid_until, "2026-12-09");
	assert_date_is(dd.submit_until, "2026-12-09");
	assert_true(dd.late);
	assert_false(dd.unpaid || dd.refused);
	f = doc("final", "", 1, NULL);
	assert_false(dues(&pc, &f, "2026-12-09").refused);
	assert_false(dues(&pc, &f, "2026-12-09").unpaid);
	dd = dues(&pc, &f, "2026-12-10");
	assert_true(dd.refused && dd.unpaid);
}

/*
 * Early, by a recorded decision: due two weeks after it, paid by the end.
 * The decision is authoritative over what the report states; without
 * one the content is the fallback, and without that the placement's end.
 */
static void
test_lateness_final_decision(void **state)
{
	struct late_case	 pc = placement();
	struct doc_fact		 f;
	struct doc_dues		 dd;

	(void)state;
	f = doc("final", "", 1, NULL);
	/* The report says completed on 2027-10-04 ... */
	f.final.has_ending = 1;
	f.final.ending = ENDING_COMPLETED;
	f.final.end = ymd("2027-10-04");
	dd = dues(&pc, &f, "2026-11-20");
	assert_date_is(dd.due, "2027-10-04");	/* no decision: the content */
	/* ... the counsellor decided an early end on the 10th, from the 20th. */
	pc.decided = 1;
	pc.ending = ENDING_EARLY;
	pc.decided_on = ymd("2026-11-10");
	pc.end = ymd("2026-11-20");
	dd = dues(&pc, &f, "2026-11-24");
	assert_int_equal(dd.ending, ENDING_EARLY);
	assert_date_is(dd.end, "2026-11-20");
	assert_date_is(dd.due, "2026-11-24");
	/* An early ending's report, due two weeks from the decision, is paid
	 * until that day even past the end (one rule with the payment run). */
	assert_date_is(dd.paid_until, "2026-11-24");
	assert_date_is(dd.submit_until, "2026-12-04");
	assert_false(dd.late);
	assert_false(dd.unpaid);
	assert_true(dues(&pc, &f, "2026-11-25").late);
	assert_true(dues(&pc, &f, "2026-11-25").unpaid);
	assert_false(dues(&pc, &f, "2026-12-04").refused);
	assert_true(dues(&pc, &f, "2026-12-05").refused);
	/* The content's own early ending, without a decision. */
	pc = placement();
	f.final.ending = ENDING_EARLY;
	f.final.decision = ymd("2026-11-10");
	f.final.end = ymd("2026-11-20");
	assert_date_is(dues(&pc, &f, "2026-11-20").due, "2026-11-24");
	/* Neither: completed on the placement's end; open-ended: no dates. */
	memset(&f.final, 0, sizeof(f.final));
	assert_date_is(dues(&pc, &f, "2026-11-20").due, "2026-11-30");
	pc.end.year = 0;
	dd = dues(&pc, &f, "2026-11-20");
	assert_false(dd.has_due || dd.has_final || dd.refused);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lateness_local_day),
		cmocka_unit_test(test_lateness_doc_is_late),
		cmocka_unit_test(test_lateness_monthly_ready),
		cmocka_unit_test(test_lateness_monthly_review),
		cmocka_unit_test(test_lateness_plan_due),
		cmocka_unit_test(test_lateness_plan_review),
		cmocka_unit_test(test_lateness_plan_revision),
		cmocka_unit_test(test_lateness_final_completed),
		cmocka_unit_test(test_lateness_final_aborted),
		cmocka_unit_test(test_lateness_final_decision),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
