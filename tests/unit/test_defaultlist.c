/*
 * The default-provider list's rotation (defaultlist.c): ISO weeks around
 * the year change, the two-week periods and the turn of each provider.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "calendar.h"
#include "defaultlist.h"
#include "helpers.h"

static void
assert_week(const char *day, int year, int week)
{
	int	 y, w;

	iso_week(ymd(day), &y, &w);
	assert_int_equal(y, year);
	assert_int_equal(w, week);
}

/* Vectors checked against `date +%G-%V`. */
static void
test_iso_week(void **state)
{
	(void)state;
	assert_week("2026-01-01", 2026, 1);	/* a Thursday */
	assert_week("2025-12-29", 2026, 1);	/* Monday of 2026's week 1 */
	assert_week("2025-12-28", 2025, 52);
	assert_week("2026-12-31", 2026, 53);	/* 2026 has 53 weeks */
	assert_week("2027-01-03", 2026, 53);
	assert_week("2027-01-04", 2027, 1);
	assert_week("2026-12-02", 2026, 49);
	assert_week("2024-12-30", 2025, 1);
	assert_week("2021-01-03", 2020, 53);
}

static void
test_default_period_of_two_weeks(void **state)
{
	struct default_period	 p;

	(void)state;
	default_period(ymd("2026-12-02"), &p);	/* week 49: weeks 49-50 */
	assert_int_equal(p.number, 24);
	assert_date_is(p.from, "2026-11-30");
	assert_date_is(p.to, "2026-12-13");
	default_period(ymd("2026-12-13"), &p);
	assert_int_equal(p.number, 24);
	default_period(ymd("2026-12-14"), &p);
	assert_int_equal(p.number, 25);
	/* Week 53 of 2026 is a period of one week. */
	default_period(ymd("2027-01-01"), &p);
	assert_int_equal(p.number, 26);
	assert_date_is(p.from, "2026-12-28");
	assert_date_is(p.to, "2027-01-03");
	default_period(ymd("2027-01-04"), &p);
	assert_int_equal(p.number, 0);
	assert_date_is(p.from, "2027-01-04");
	assert_date_is(p.to, "2027-01-17");
}

static void
test_default_index_takes_turns_by_period(void **state)
{
	(void)state;
	/* Three providers: weeks 1-2 the first, 3-4 the second, 5-6 the third. */
	assert_int_equal(default_index(ymd("2027-01-04"), 3), 0);
	assert_int_equal(default_index(ymd("2027-01-17"), 3), 0);
	assert_int_equal(default_index(ymd("2027-01-18"), 3), 1);
	assert_int_equal(default_index(ymd("2027-02-01"), 3), 2);
	assert_int_equal(default_index(ymd("2027-02-15"), 3), 0);
	/* One provider is always the default. */
	assert_int_equal(default_index(ymd("2026-12-02"), 1), 0);
	/* Period 24 of 2026 with 5 providers: the fifth (24 mod 5 = 4). */
	assert_int_equal(default_index(ymd("2026-12-02"), 5), 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_week),
		cmocka_unit_test(test_default_period_of_two_weeks),
		cmocka_unit_test(test_default_index_takes_turns_by_period),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
