/*
 * The case flow's rules (caseflow.c): each step's due date around
 * weekends and holidays, the max length with extensions, ending decisions
 * and extensions on either side of each line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "calendar.h"
#include "caseflow.h"
#include "helpers.h"

/* Queued Wednesday: staffed by Thursday; Friday: by Monday. */
static void
test_staff_due_next_workday(void **state)
{
	(void)state;
	assert_date_is(case_staff_due(ymd("2026-12-02")), "2026-12-03");
	assert_date_is(case_staff_due(ymd("2026-12-04")), "2026-12-07");
	/* Saturday: the next working day, Monday. */
	assert_date_is(case_staff_due(ymd("2026-12-05")), "2026-12-07");
}

/* Julafton, juldagen, annandag jul and a weekend in between. */
static void
test_staff_due_over_christmas(void **state)
{
	(void)state;
	assert_date_is(case_staff_due(ymd("2026-12-23")), "2026-12-28");
	/* Trettondagen (Wednesday 6 January 2027) is not a working day. */
	assert_date_is(case_staff_due(ymd("2027-01-05")), "2027-01-07");
}

static void
test_assign_due_follows_staffing(void **state)
{
	(void)state;
	assert_date_is(case_assign_due(ymd("2026-12-03")), "2026-12-04");
	assert_date_is(case_assign_due(ymd("2026-12-04")), "2026-12-07");
	/* Långfredagen 2027-03-26 and annandag påsk 2027-03-29. */
	assert_date_is(case_assign_due(ymd("2027-03-25")), "2027-03-30");
}

static void
test_meeting_within_a_week(void **state)
{
	(void)state;
	assert_date_is(case_meeting_due(ymd("2026-12-04")), "2026-12-11");
	assert_date_is(case_meeting_due(ymd("2026-12-28")), "2027-01-04");
}

static void
test_max_end_with_extensions(void **state)
{
	(void)state;
	assert_date_is(case_max_end(ymd("2026-11-02"), 3, 0), "2027-02-02");
	assert_date_is(case_max_end(ymd("2026-11-02"), 3, 1), "2027-03-02");
	assert_date_is(case_max_end(ymd("2026-11-02"), 3, 2), "2027-04-02");
	/* The 31st into a shorter month: its last day. */
	assert_date_is(case_max_end(ymd("2026-11-30"), 3, 0), "2027-02-28");
}

static void
test_queue_end_within_max_length(void **state)
{
	struct date	 max = case_max_end(ymd("2026-11-02"), 3, 0);

	(void)state;
	assert_int_equal(case_check_queue(ymd("2026-11-02"), ymd("2027-02-02"),
	    max), CASE_OK);
	assert_int_equal(case_check_queue(ymd("2026-11-02"), ymd("2027-02-03"),
	    max), CASE_PAST_MAX);
	assert_int_equal(case_check_queue(ymd("2026-11-02"), ymd("2026-11-01"),
	    max), CASE_END_BEFORE_START);
	assert_int_equal(case_check_queue(ymd("2026-11-02"), ymd("2026-11-02"),
	    max), CASE_OK);
}

static enum case_refusal
ending(enum ending kind, const char *decided, const char *end,
    const char *planned, const char *today)
{
	struct case_ending	 e = { kind, ymd(decided), ymd(end) };
	struct date		 start = ymd("2026-11-02");
	struct date		 plan = { 0, 0, 0 };

	if (planned != NULL)
		plan = ymd(planned);
	return case_check_ending(&e, start, plan, case_max_end(start, 3, 0),
	    ymd(today));
}

static void
test_ending_completed_on_planned_end(void **state)
{
	(void)state;
	assert_int_equal(ending(ENDING_COMPLETED, "2027-01-20", "2027-02-01",
	    "2027-02-01", "2027-01-20"), CASE_OK);
	assert_int_equal(ending(ENDING_COMPLETED, "2027-01-20", "2027-01-31",
	    "2027-02-01", "2027-01-20"), CASE_COMPLETED_NOT_PLANNED);
	/* Open-ended (planned year 0): any end up to the max. */
	assert_int_equal(ending(ENDING_COMPLETED, "2027-01-20", "2027-02-02",
	    NULL, "2027-01-20"), CASE_OK);
	assert_int_equal(ending(ENDING_COMPLETED, "2027-01-20", "2027-02-03",
	    NULL, "2027-01-20"), CASE_PAST_MAX);
}

static void
test_ending_early_before_planned_end(void **state)
{
	(void)state;
	assert_int_equal(ending(ENDING_EARLY, "2026-12-02", "2027-01-31",
	    "2027-02-01", "2026-12-02"), CASE_OK);
	assert_int_equal(ending(ENDING_EARLY, "2026-12-02", "2027-02-01",
	    "2027-02-01", "2026-12-02"), CASE_EARLY_NOT_EARLY);
	assert_int_equal(ending(ENDING_ABORTED, "2026-12-02", "2026-12-02",
	    "2027-02-01", "2026-12-02"), CASE_OK);
	assert_int_equal(ending(ENDING_ABORTED, "2026-12-02", "2026-11-01",
	    "2027-02-01", "2026-12-02"), CASE_END_BEFORE_START);
}

static void
test_ending_decided_by_today(void **state)
{
	(void)state;
	assert_int_equal(ending(ENDING_EARLY, "2026-12-03", "2026-12-20",
	    "2027-02-01", "2026-12-02"), CASE_DECISION_FUTURE);
	assert_int_equal(ending(ENDING_EARLY, "2026-12-02", "2026-12-20",
	    "2027-02-01", "2026-12-02"), CASE_OK);
	/* The end is on or after the decision that names it. */
	assert_int_equal(ending(ENDING_EARLY, "2026-12-02", "2026-12-01",
	    "2027-02-01", "2026-12-02"), CASE_END_BEFORE_DECISION);
	assert_int_equal(ending(ENDING_EARLY, "2026-11-30", "2026-11-30",
	    "2027-02-01", "2026-12-02"), CASE_OK);
}

static void
test_extension_near_max_a_month_twice_at_most(void **state)
{
	struct date	 max = ymd("2027-02-02");

	(void)state;
	/* A month before the max end, not earlier. */
	assert_int_equal(case_check_extension(0, 0, max, ymd("2027-01-02")),
	    CASE_OK);
	assert_int_equal(case_check_extension(0, 0, max, ymd("2027-01-01")),
	    CASE_NOT_NEAR_MAX);
	/* Past the max end (an open-ended placement). */
	assert_int_equal(case_check_extension(1, 0, max, ymd("2027-03-01")),
	    CASE_OK);
	assert_int_equal(case_check_extension(2, 0, max, ymd("2027-01-20")),
	    CASE_EXTENSIONS_USED);
	assert_int_equal(case_check_extension(0, 1, max, ymd("2027-01-20")),
	    CASE_ALREADY_ENDED);
}

static void
test_ending_parse_and_names(void **state)
{
	enum ending	 e = ENDING_ABORTED;

	(void)state;
	assert_int_equal(case_ending_parse("early", &e), 0);
	assert_int_equal(e, ENDING_EARLY);
	assert_string_equal(case_ending_name(ENDING_COMPLETED), "completed");
	assert_string_equal(case_ending_name(ENDING_ABORTED), "aborted");
	assert_int_equal(case_ending_parse("Early", &e), -1);
	assert_int_equal(case_ending_parse("", &e), -1);
	assert_int_equal(case_ending_parse(NULL, &e), -1);
	assert_int_equal(e, ENDING_EARLY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_staff_due_next_workday),
		cmocka_unit_test(test_staff_due_over_christmas),
		cmocka_unit_test(test_assign_due_follows_staffing),
		cmocka_unit_test(test_meeting_within_a_week),
		cmocka_unit_test(test_max_end_with_extensions),
		cmocka_unit_test(test_queue_end_within_max_length),
		cmocka_unit_test(test_ending_completed_on_planned_end),
		cmocka_unit_test(test_ending_early_before_planned_end),
		cmocka_unit_test(test_ending_decided_by_today),
		cmocka_unit_test(test_extension_near_max_a_month_twice_at_most),
		cmocka_unit_test(test_ending_parse_and_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
