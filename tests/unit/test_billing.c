/*
 * Unit tests of billing: days in placement per month, the amount / 30 rule
 * for part months (README, Rules: payments), the cut-off and the run that
 * pays a report (README, Rules: payments), the final report's deadline for
 * the last month and the aborted placement's two weeks (README, Rules:
 * final report), and the kronor format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "billing.h"
#include "helpers.h"

#define AMI	387600L		/* Arbetsmarknadsinsats 2024, öre */
#define FAI	816000L		/* Förberedande arbetsinriktad insats 2024 */
#define NBSP	"\xc2\xa0"


/*
 * Asserts the payment of (year, month) for start..end (end "" = open);
 * no return.
 */
static void
assert_pay(const char *start, const char *end, int year, int month,
    long monthly, int days, int month_days, int whole, long amount)
{
	struct payment	 p;
	struct date	 e = { 0, 0, 0 };

	if (*end != '\0')
		e = ymd(end);
	assert_int_equal(billing_month(ymd(start), *end != '\0' ? &e : NULL,
	    year, month, monthly, &p), 0);
	assert_int_equal(p.days, days);
	assert_int_equal(p.month_days, month_days);
	assert_int_equal(p.whole, whole);
	assert_int_equal(p.amount_ore, amount);
}

/* Asserts that no day of (year, month) is inside start..end; no return. */
static void
assert_no_pay(const char *start, const char *end, int year, int month)
{
	struct payment	 p;
	struct date	 e = { 0, 0, 0 };

	if (*end != '\0')
		e = ymd(end);
	assert_int_equal(billing_month(ymd(start), *end != '\0' ? &e : NULL,
	    year, month, AMI, &p), -1);
}

/* Asserts billing_format_sek(ore) is want; no return. */
static void
assert_sek(long ore, const char *want)
{
	char	 buf[64];

	billing_format_sek(ore, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void
test_billing_whole_month(void **state)
{

	(void)state;
	assert_pay("2023-12-01", "", 2024, 1, AMI, 31, 31, 1, AMI);
	assert_pay("2024-01-01", "2024-01-31", 2024, 1, AMI, 31, 31, 1, AMI);
	assert_pay("2024-03-15", "2025-03-14", 2024, 4, FAI, 30, 30, 1, FAI);
	assert_pay("2024-03-15", "", 2024, 12, FAI, 31, 31, 1, FAI);
}

static void
test_billing_start_17th(void **state)
{

	(void)state;
	/* 17..31 January: 15 days, 387 600 / 30 x 15. */
	assert_pay("2024-01-17", "", 2024, 1, AMI, 15, 31, 0, 193800);
	/* 17..30 April: 14 days. */
	assert_pay("2024-04-17", "", 2024, 4, AMI, 14, 30, 0, 180880);
}

static void
test_billing_end_9th(void **state)
{

	(void)state;
	assert_pay("2024-01-01", "2024-03-09", 2024, 3, AMI, 9, 31, 0,
	    116280);
	assert_pay("2024-01-01", "2024-03-09", 2024, 2, AMI, 29, 29, 1, AMI);
}

static void
test_billing_start_and_end_same_month(void **state)
{

	(void)state;
	assert_pay("2024-05-10", "2024-05-20", 2024, 5, FAI, 11, 31, 0,
	    299200);
	assert_pay("2024-05-10", "2024-05-10", 2024, 5, FAI, 1, 31, 0, 27200);
}

/* 30 days of a 31-day month is a part month, but not more than the amount. */
static void
test_billing_31_day_month(void **state)
{

	(void)state;
	assert_pay("2024-01-02", "", 2024, 1, AMI, 30, 31, 0, AMI);
	assert_pay("2024-07-01", "2024-07-30", 2024, 7, AMI, 30, 31, 0, AMI);
	assert_pay("2024-07-01", "2024-07-29", 2024, 7, AMI, 29, 31, 0,
	    374680);
}

static void
test_billing_february_leap(void **state)
{

	(void)state;
	assert_pay("2024-01-15", "", 2024, 2, AMI, 29, 29, 1, AMI);
	assert_pay("2024-02-15", "", 2024, 2, AMI, 15, 29, 0, 193800);
	assert_pay("2024-02-02", "", 2024, 2, AMI, 28, 29, 0, 361760);
}

static void
test_billing_february_common(void **state)
{

	(void)state;
	assert_pay("2025-01-15", "", 2025, 2, AMI, 28, 28, 1, AMI);
	assert_pay("2025-02-15", "", 2025, 2, AMI, 14, 28, 0, 180880);
	assert_pay("2025-01-01", "2025-02-27", 2025, 2, AMI, 27, 28, 0,
	    348840);
}

static void
test_billing_nothing_outside_the_placement(void **state)
{
	struct payment	 p;

	(void)state;
	assert_no_pay("2024-03-01", "", 2024, 2);
	assert_no_pay("2024-03-01", "2024-06-30", 2024, 7);
	assert_no_pay("2024-03-01", "2024-06-30", 2023, 4);
	/* An end before the start holds no day at all. */
	assert_no_pay("2024-03-10", "2024-03-09", 2024, 3);
	assert_int_equal(billing_month(ymd("2024-01-01"), NULL, 2024, 13,
	    AMI, &p), -1);
	assert_int_equal(billing_month(ymd("2024-01-01"), NULL, 2024, 1,
	    -1, &p), -1);
	/* The first and the last day alone are inside. */
	assert_pay("2024-03-31", "", 2024, 3, AMI, 1, 31, 0, 12920);
	assert_pay("2024-01-01", "2024-03-01", 2024, 3, AMI, 1, 31, 0, 12920);
}

static void
test_billing_rounds_to_whole_ore(void **state)
{

	(void)state;
	/* 45 / 30 = 1.5 -> 2; 15 / 30 = 0.5 -> 1; 14 / 30 -> 0. */
	assert_pay("2024-05-31", "", 2024, 5, 45, 1, 31, 0, 2);
	assert_pay("2024-05-31", "", 2024, 5, 15, 1, 31, 0, 1);
	assert_pay("2024-05-31", "", 2024, 5, 14, 1, 31, 0, 0);
	/* 100 x 5 / 30 = 16.67 -> 17; 100 / 30 = 3.33 -> 3. */
	assert_pay("2024-05-27", "", 2024, 5, 100, 5, 31, 0, 17);
	assert_pay("2024-05-31", "", 2024, 5, 100, 1, 31, 0, 3);
	/* Rounded once: 387 601 x 15 / 30 = 193 800.5 -> 193 801. */
	assert_pay("2024-01-17", "", 2024, 1, 387601, 15, 31, 0, 193801);
	/* Per-day rounding would give 12 920.03 -> 12 920, x 29 = 374 680. */
	assert_pay("2024-07-01", "2024-07-29", 2024, 7, 387601, 29, 31, 0,
	    374681);
}

static void
test_billing_cutoff(void **state)
{

	(void)state;
	assert_date_is(billing_cutoff(2024, 1, 7), "2024-02-07");
	assert_date_is(billing_cutoff(2024, 11, 7), "2024-12-07");
	assert_date_is(billing_cutoff(2024, 12, 7), "2025-01-07");
	/* payment_cutoff_day moves it. */
	assert_date_is(billing_cutoff(2026, 10, 12), "2026-11-12");
	assert_date_is(billing_cutoff(2027, 1, 28), "2027-02-28");
}

/* Asserts the run of the report on month ym first submitted on day. */
static void
assert_run(const char *ym, const char *day, int cutoff_day, int year,
    int month)
{
	int	 y, m;

	billing_run(atoi(ym), atoi(ym + 5), ymd(day), cutoff_day, &y, &m);
	assert_int_equal(y, year);
	assert_int_equal(m, month);
}

/*
 * README, Rules: payments: after the cut-off, the next month's run; the 7th
 * is in time.
 */
static void
test_billing_run_7th_8th(void **state)
{

	(void)state;
	assert_run("2026-10", "2026-11-07", 7, 2026, 10);
	assert_run("2026-10", "2026-11-08", 7, 2026, 11);
	/* Before the month ended (the end month), or early in M+1. */
	assert_run("2026-10", "2026-10-20", 7, 2026, 10);
	assert_run("2026-10", "2026-11-01", 7, 2026, 10);
	/* A month later: the run whose cut-off it is the first within. */
	assert_run("2026-10", "2026-12-07", 7, 2026, 11);
	assert_run("2026-10", "2026-12-08", 7, 2026, 12);
	assert_run("2026-10", "2027-03-02", 7, 2027, 2);
	/* Over the year. */
	assert_run("2026-12", "2027-01-07", 7, 2026, 12);
	assert_run("2026-12", "2027-01-08", 7, 2027, 1);
	assert_run("2026-11", "2027-01-07", 7, 2026, 12);
}

static void
test_billing_run_configured_day(void **state)
{

	(void)state;
	assert_run("2026-10", "2026-11-08", 10, 2026, 10);
	assert_run("2026-10", "2026-11-10", 10, 2026, 10);
	assert_run("2026-10", "2026-11-11", 10, 2026, 11);
	assert_run("2026-10", "2026-11-02", 1, 2026, 11);
	assert_run("2026-10", "2026-11-01", 1, 2026, 10);
}

/* The hold of a final report first submitted on first ("" none). */
static enum final_hold
hold_of(enum ending e, const char *end, const char *first, int approved)
{
	struct final_facts	 f;

	memset(&f, 0, sizeof(f));
	f.ending = e;
	f.end = ymd(end);
	f.submitted = *first != '\0';
	if (f.submitted)
		f.first = ymd(first);
	f.approved = approved;
	return billing_final_hold(&f);
}

static void
test_billing_final_hold(void **state)
{

	(void)state;
	assert_int_equal(hold_of(ENDING_COMPLETED, "2026-10-31", "2026-10-31",
	    1), FINAL_PAID);
	assert_int_equal(hold_of(ENDING_COMPLETED, "2026-10-31", "2026-11-01",
	    1), FINAL_LATE);
	assert_int_equal(hold_of(ENDING_COMPLETED, "2026-10-31", "2026-10-20",
	    0), FINAL_UNAPPROVED);
	assert_int_equal(hold_of(ENDING_COMPLETED, "2026-10-31", "", 0),
	    FINAL_MISSING);
	/* Late stays late once approved. */
	assert_int_equal(hold_of(ENDING_COMPLETED, "2026-10-31", "2026-11-01",
	    0), FINAL_LATE);
	assert_int_equal(hold_of(ENDING_ABORTED, "2026-10-20", "2026-11-03",
	    1), FINAL_PAID);
	assert_int_equal(hold_of(ENDING_ABORTED, "2026-10-20", "2026-11-04",
	    1), FINAL_LATE);
}

static void
test_billing_two_weeks(void **state)
{

	(void)state;
	/* 387 600 x 14 / 30 = 180 880; 100 x 14 / 30 = 46.67 -> 47. */
	assert_int_equal(billing_two_weeks(AMI), 180880);
	assert_int_equal(billing_two_weeks(FAI), 380800);
	assert_int_equal(billing_two_weeks(100), 47);
	assert_int_equal(billing_two_weeks(0), 0);
}

static void
test_billing_format_sek_with_spaces(void **state)
{

	(void)state;
	assert_sek(AMI, "3" NBSP "876 kr");
	assert_sek(387650, "3" NBSP "876,50 kr");
	assert_sek(387605, "3" NBSP "876,05 kr");
	assert_sek(0, "0 kr");
	assert_sek(5, "0,05 kr");
	assert_sek(100, "1 kr");
	assert_sek(99900, "999 kr");
	assert_sek(100000, "1" NBSP "000 kr");
	assert_sek(99999900, "999" NBSP "999 kr");
	assert_sek(100000000, "1" NBSP "000" NBSP "000 kr");
	assert_sek(-387650, "-3" NBSP "876,50 kr");
	assert_sek(-5, "-0,05 kr");
}

static void
test_billing_format_extremes(void **state)
{
	char	 buf[64];

	(void)state;
	billing_format_sek(LONG_MIN, buf, sizeof(buf));
	assert_int_equal(buf[0], '-');
	billing_format_sek(LONG_MAX, buf, sizeof(buf));
	assert_true(strlen(buf) > 10);
}

static void
test_billing_format_small_buffer(void **state)
{
	char	 buf[16];

	(void)state;
	/* "3" NBSP "876 kr" is 9 bytes and a NUL. */
	memset(buf, 'x', sizeof(buf));
	billing_format_sek(AMI, buf, 10);
	assert_string_equal(buf, "3" NBSP "876 kr");
	memset(buf, 'x', sizeof(buf));
	billing_format_sek(AMI, buf, 9);
	assert_string_equal(buf, "");
	assert_int_equal(buf[1], 'x');
	billing_format_sek(AMI, buf, 0);
	assert_int_equal(buf[0], '\0');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_billing_whole_month),
		cmocka_unit_test(test_billing_start_17th),
		cmocka_unit_test(test_billing_end_9th),
		cmocka_unit_test(test_billing_start_and_end_same_month),
		cmocka_unit_test(test_billing_31_day_month),
		cmocka_unit_test(test_billing_february_leap),
		cmocka_unit_test(test_billing_february_common),
		cmocka_unit_test(test_billing_nothing_outside_the_placement),
		cmocka_unit_test(test_billing_rounds_to_whole_ore),
		cmocka_unit_test(test_billing_cutoff),
		cmocka_unit_test(test_billing_run_7th_8th),
		cmocka_unit_test(test_billing_run_configured_day),
		cmocka_unit_test(test_billing_final_hold),
		cmocka_unit_test(test_billing_two_weeks),
		cmocka_unit_test(test_billing_format_sek_with_spaces),
		cmocka_unit_test(test_billing_format_extremes),
		cmocka_unit_test(test_billing_format_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
