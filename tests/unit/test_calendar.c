/*
 * Unit tests of calendar: date helpers, Swedish non-working days, working
 * day arithmetic and the due dates of the README's rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "helpers.h"

struct expect {
	const char	*date;
	const char	*name;
	int		 is_public;
};



/* Asserts the year's list equals want[0..n-1] exactly; no return. */
static void
assert_year(int year, const struct expect *want, size_t n)
{
	struct holiday	 got[32];
	size_t		 i;

	assert_int_equal(calendar_nonworking_days(year, got, 32), n);
	for (i = 0; i < n; i++) {
		assert_date_is(got[i].date, want[i].date);
		assert_string_equal(got[i].name, want[i].name);
		assert_int_equal(got[i].is_public, want[i].is_public);
		assert_string_equal(calendar_holiday_name(got[i].date),
		    want[i].name);
		assert_false(calendar_is_workday(got[i].date));
	}
}

static void
test_calendar_nonworking_2024(void **state)
{
	static const struct expect want[] = {
		{ "2024-01-01", "Nyårsdagen", 1 },
		{ "2024-01-06", "Trettondedag jul", 1 },
		{ "2024-03-29", "Långfredagen", 1 },
		{ "2024-03-31", "Påskdagen", 1 },
		{ "2024-04-01", "Annandag påsk", 1 },
		{ "2024-05-01", "Första maj", 1 },
		{ "2024-05-09", "Kristi himmelsfärdsdag", 1 },
		{ "2024-05-19", "Pingstdagen", 1 },
		{ "2024-06-06", "Sveriges nationaldag", 1 },
		{ "2024-06-21", "Midsommarafton", 0 },
		{ "2024-06-22", "Midsommardagen", 1 },
		{ "2024-11-02", "Alla helgons dag", 1 },
		{ "2024-12-24", "Julafton", 0 },
		{ "2024-12-25", "Juldagen", 1 },
		{ "2024-12-26", "Annandag jul", 1 },
		{ "2024-12-31", "Nyårsafton", 0 },
	};

	(void)state;
	assert_year(2024, want, sizeof(want) / sizeof(want[0]));
}

static void
test_calendar_nonworking_2025(void **state)
{
	static const struct expect want[] = {
		{ "2025-01-01", "Nyårsdagen", 1 },
		{ "2025-01-06", "Trettondedag jul", 1 },
		{ "2025-04-18", "Långfredagen", 1 },
		{ "2025-04-20", "Påskdagen", 1 },
		{ "2025-04-21", "Annandag påsk", 1 },
		{ "2025-05-01", "Första maj", 1 },
		{ "2025-05-29", "Kristi himmelsfärdsdag", 1 },
		{ "2025-06-06", "Sveriges nationaldag", 1 },
		{ "2025-06-08", "Pingstdagen", 1 },
		{ "2025-06-20", "Midsommarafton", 0 },
		{ "2025-06-21", "Midsommardagen", 1 },
		{ "2025-11-01", "Alla helgons dag", 1 },
		{ "2025-12-24", "Julafton", 0 },
		{ "2025-12-25", "Juldagen", 1 },
		{ "2025-12-26", "Annandag jul", 1 },
		{ "2025-12-31", "Nyårsafton", 0 },
	};

	(void)state;
	assert_year(2025, want, sizeof(want) / sizeof(want[0]));
}

static void
test_calendar_nonworking_2026(void **state)
{
	static const struct expect want[] = {
		{ "2026-01-01", "Nyårsdagen", 1 },
		{ "2026-01-06", "Trettondedag jul", 1 },
		{ "2026-04-03", "Långfredagen", 1 },
		{ "2026-04-05", "Påskdagen", 1 },
		{ "2026-04-06", "Annandag påsk", 1 },
		{ "2026-05-01", "Första maj", 1 },
		{ "2026-05-14", "Kristi himmelsfärdsdag", 1 },
		{ "2026-05-24", "Pingstdagen", 1 },
		{ "2026-06-06", "Sveriges nationaldag", 1 },
		{ "2026-06-19", "Midsommarafton", 0 },
		{ "2026-06-20", "Midsommardagen", 1 },
		{ "2026-10-31", "Alla helgons dag", 1 },
		{ "2026-12-24", "Julafton", 0 },
		{ "2026-12-25", "Juldagen", 1 },
		{ "2026-12-26", "Annandag jul", 1 },
		{ "2026-12-31", "Nyårsafton", 0 },
	};

	(void)state;
	assert_year(2026, want, sizeof(want) / sizeof(want[0]));
}

/* 2008: Kristi himmelsfärdsdag fell on Första maj; both stay listed. */
static void
test_calendar_nonworking_coinciding(void **state)
{
	struct holiday	 h[16];
	size_t		 n, i;

	(void)state;
	n = calendar_nonworking_days(2008, h, 16);
	assert_int_equal(n, 16);
	for (i = 1; i < n; i++)
		assert_true(date_compare(h[i - 1].date, h[i].date) <= 0);
	assert_date_is(h[5].date, "2008-05-01");
	assert_string_equal(h[5].name, "Första maj");
	assert_date_is(h[6].date, "2008-05-01");
	assert_string_equal(h[6].name, "Kristi himmelsfärdsdag");
}

static void
test_calendar_nonworking_small_buffer(void **state)
{
	struct holiday	 h[3];

	(void)state;
	assert_int_equal(calendar_nonworking_days(2024, h, 3), 3);
	assert_date_is(h[2].date, "2024-03-29");
	assert_int_equal(calendar_nonworking_days(2024, h, 0), 0);
}

static void
test_calendar_easter(void **state)
{

	(void)state;
	assert_date_is(easter_sunday(1818), "1818-03-22");
	assert_date_is(easter_sunday(2000), "2000-04-23");
	assert_date_is(easter_sunday(2008), "2008-03-23");
	assert_date_is(easter_sunday(2011), "2011-04-24");
	assert_date_is(easter_sunday(2019), "2019-04-21");
	assert_date_is(easter_sunday(2024), "2024-03-31");
	assert_date_is(easter_sunday(2038), "2038-04-25");
	assert_date_is(easter_sunday(2285), "2285-03-22");
}

static void
test_calendar_workday(void **state)
{

	(void)state;
	assert_true(calendar_is_workday(ymd("2024-03-28")));	/* skärtorsdag */
	assert_false(calendar_is_workday(ymd("2024-03-30")));	/* Saturday */
	assert_false(calendar_is_workday(ymd("2024-06-21")));
	assert_true(calendar_is_workday(ymd("2024-06-24")));
	assert_null(calendar_holiday_name(ymd("2024-06-23")));
	assert_true(calendar_is_workday(ymd("2025-01-02")));
}

/* From Maundy Thursday: Good Friday and Easter Monday do not count. */
static void
test_calendar_workdays_easter(void **state)
{

	(void)state;
	assert_date_is(calendar_add_workdays(ymd("2024-03-28"), 1), "2024-04-02");
	assert_date_is(due_review(ymd("2024-03-28")), "2024-04-08");
	assert_date_is(due_review(ymd("2025-04-17")), "2025-04-28");
	/* Kristi himmelsfärdsdag 2026 is on a Thursday. */
	assert_date_is(due_review(ymd("2026-05-13")), "2026-05-21");
}

static void
test_calendar_workdays_midsummer(void **state)
{

	(void)state;
	assert_date_is(due_review(ymd("2025-06-18")), "2025-06-26");
	assert_date_is(calendar_add_workdays(ymd("2024-06-20"), 1), "2024-06-24");
	assert_date_is(due_review(ymd("2026-06-18")), "2026-06-26");
}

static void
test_calendar_workdays_christmas(void **state)
{

	(void)state;
	assert_date_is(due_review(ymd("2025-12-22")), "2026-01-05");
	assert_date_is(calendar_add_workdays(ymd("2025-12-22"), 6), "2026-01-07");
	assert_date_is(due_review(ymd("2024-12-20")), "2025-01-03");
	assert_date_is(calendar_add_workdays(ymd("2024-12-23"), 1), "2024-12-27");
}

static void
test_calendar_workdays_zero(void **state)
{

	(void)state;
	assert_date_is(calendar_add_workdays(ymd("2024-12-25"), 0), "2024-12-25");
	assert_date_is(calendar_add_workdays(ymd("2024-03-30"), 1), "2024-04-02");
	assert_date_is(calendar_add_workdays(ymd("2024-01-08"), 5), "2024-01-15");
}

static void
test_calendar_due_plan(void **state)
{

	(void)state;
	assert_date_is(due_plan(ymd("2024-01-20")), "2024-02-03");
	assert_date_is(due_plan(ymd("2024-02-20")), "2024-03-05");
	assert_date_is(due_plan(ymd("2024-12-25")), "2025-01-08");
}

static void
test_calendar_due_monthly(void **state)
{
	struct monthly_dues	 m;

	(void)state;
	due_monthly(2024, 1, &m);
	assert_date_is(m.ready_by, "2024-02-07");
	assert_date_is(m.review_by, "2024-02-12");
	assert_date_is(m.approve_by, "2024-02-15");
	due_monthly(2024, 12, &m);
	assert_date_is(m.ready_by, "2025-01-07");
	assert_date_is(m.review_by, "2025-01-12");
	assert_date_is(m.approve_by, "2025-01-15");
}

static void
test_calendar_due_final(void **state)
{
	struct date	 end = ymd("2024-06-30"), decision = ymd("2024-05-10");
	struct date	 none = { 0, 0, 0 };

	(void)state;
	assert_date_is(due_final(ENDING_COMPLETED, end, decision), "2024-06-30");
	assert_date_is(due_final(ENDING_EARLY, ymd("2024-05-31"), decision),
	    "2024-05-24");
	assert_date_is(due_final(ENDING_ABORTED, ymd("2024-05-20"), decision),
	    "2024-05-24");
	assert_date_is(due_final(ENDING_EARLY, end, ymd("2024-12-20")),
	    "2025-01-03");
	/*
	 * README, Rules: final report: paid when it comes in by the end date
	 * (it used to say 14 days after, which is the last day it may come in
	 * at all, unpaid); an aborted placement pays two more weeks.
	 */
	assert_date_is(final_paid_until(ENDING_COMPLETED, end, none),
	    "2024-06-30");
	assert_date_is(final_paid_until(ENDING_EARLY, end, none), "2024-06-30");
	assert_date_is(final_paid_until(ENDING_ABORTED, end, none),
	    "2024-07-14");
	/* Early: two weeks from the decision, never before the end. */
	assert_date_is(final_paid_until(ENDING_EARLY, end, ymd("2024-06-25")),
	    "2024-07-09");
	assert_date_is(final_paid_until(ENDING_EARLY, end, ymd("2024-06-01")),
	    "2024-06-30");
	assert_date_is(final_paid_until(ENDING_ABORTED, end, ymd("2024-06-25")),
	    "2024-07-14");
	assert_date_is(final_submit_until(ENDING_COMPLETED, end, none),
	    "2024-07-14");
	assert_date_is(final_submit_until(ENDING_COMPLETED, ymd("2024-12-20"),
	    none), "2025-01-03");
	/* A decision recorded after the end: never refused while paid. */
	assert_date_is(final_submit_until(ENDING_EARLY, end, ymd("2024-07-10")),
	    "2024-07-24");
}

static void
test_calendar_is_late(void **state)
{

	(void)state;
	assert_false(is_late(ymd("2024-02-07"), ymd("2024-02-06")));
	assert_false(is_late(ymd("2024-02-07"), ymd("2024-02-07")));
	assert_true(is_late(ymd("2024-02-07"), ymd("2024-02-08")));
	assert_true(is_late(ymd("2024-12-31"), ymd("2025-01-01")));
}

static void
test_calendar_parse_format(void **state)
{
	struct date	 d;
	char		 buf[11];

	(void)state;
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	date_format(d, buf);
	assert_string_equal(buf, "2024-02-29");
	assert_int_equal(date_parse("2000-02-29", &d), 0);
	assert_int_equal(date_parse("1800-01-01", &d), 0);
	assert_int_equal(date_parse("9999-12-31", &d), 0);
	date_format((struct date){ 987, 3, 4 }, buf);
	assert_string_equal(buf, "0987-03-04");
}

static void
test_calendar_bad_short_month(void **state)
{

	(void)state;
	assert_int_equal(date_parse("2024-2-01", NULL), -1);
	assert_int_equal(date_parse("2024-2-1", NULL), -1);
	assert_int_equal(date_parse("2024-02-1", NULL), -1);
}

static void
test_calendar_bad_trailing(void **state)
{

	(void)state;
	assert_int_equal(date_parse("2024-02-01x", NULL), -1);
	assert_int_equal(date_parse("2024-02-01 ", NULL), -1);
	assert_int_equal(date_parse("2024-02-01T00:00", NULL), -1);
}

static void
test_calendar_bad_leading(void **state)
{

	(void)state;
	assert_int_equal(date_parse(" 2024-02-01", NULL), -1);
	assert_int_equal(date_parse("+024-02-01", NULL), -1);
	assert_int_equal(date_parse("-024-02-01", NULL), -1);
}

static void
test_calendar_bad_not_leap(void **state)
{

	(void)state;
	assert_int_equal(date_parse("2023-02-29", NULL), -1);
	assert_int_equal(date_parse("1900-02-29", NULL), -1);
	assert_int_equal(date_parse("2025-02-29", NULL), -1);
}

static void
test_calendar_bad_month(void **state)
{

	(void)state;
	assert_int_equal(date_parse("2024-13-01", NULL), -1);
	assert_int_equal(date_parse("2024-00-10", NULL), -1);
}

static void
test_calendar_bad_day(void **state)
{

	(void)state;
	assert_int_equal(date_parse("2024-01-00", NULL), -1);
	assert_int_equal(date_parse("2024-01-32", NULL), -1);
	assert_int_equal(date_parse("2024-04-31", NULL), -1);
}

static void
test_calendar_bad_separator(void **state)
{

	(void)state;
	assert_int_equal(date_parse("2024/02/01", NULL), -1);
	assert_int_equal(date_parse("20240201", NULL), -1);
	assert_int_equal(date_parse("2024-0a-01", NULL), -1);
}

static void
test_calendar_bad_empty(void **state)
{

	(void)state;
	assert_int_equal(date_parse("", NULL), -1);
	assert_int_equal(date_parse(NULL, NULL), -1);
}

static void
test_calendar_bad_year_range(void **state)
{

	(void)state;
	assert_int_equal(date_parse("1799-12-31", NULL), -1);
	assert_int_equal(date_parse("0000-01-01", NULL), -1);
}

static void
test_calendar_days_since_1970(void **state)
{

	(void)state;
	assert_int_equal(date_to_days(ymd("1970-01-01")), 0);
	assert_int_equal(date_to_days(ymd("1969-12-31")), -1);
	assert_int_equal(date_to_days(ymd("2000-03-01")), 11017);
	assert_int_equal(date_to_days(ymd("2024-02-29")), 19782);
	assert_int_equal(date_to_days(ymd("1800-01-01")), -62091);
	assert_int_equal(date_to_days(ymd("9999-12-31")), 2932896);
	assert_date_is(date_from_days(-62091), "1800-01-01");
	assert_date_is(date_from_days(2932896), "9999-12-31");
	assert_date_is(date_add_days(ymd("2024-02-28"), 1), "2024-02-29");
	assert_date_is(date_add_days(ymd("2024-01-01"), -1), "2023-12-31");
}

/* Every day 1800..9999 round-trips and follows the previous one. */
static void
test_calendar_days_roundtrip(void **state)
{
	struct date	 prev, d;
	long		 n;

	(void)state;
	prev = date_from_days(-62091);
	for (n = -62090; n <= 2932896; n++) {
		d = date_from_days(n);
		assert_true(date_valid(d.year, d.month, d.day));
		assert_int_equal(date_to_days(d), n);
		if (d.day != 1)
			assert_int_equal(d.day, prev.day + 1);
		else
			assert_int_equal(prev.day,
			    days_in_month(prev.year, prev.month));
		prev = d;
	}
}

static void
test_calendar_weekday(void **state)
{

	(void)state;
	assert_int_equal(date_weekday(ymd("1970-01-01")), 4);
	assert_int_equal(date_weekday(ymd("1969-12-31")), 3);
	assert_int_equal(date_weekday(ymd("1800-01-01")), 3);
	assert_int_equal(date_weekday(ymd("2024-01-01")), 1);
	assert_int_equal(date_weekday(ymd("2024-03-31")), 7);
	assert_int_equal(date_weekday(ymd("9999-12-31")), 5);
}

static void
test_calendar_add_months(void **state)
{

	(void)state;
	assert_date_is(date_add_months(ymd("2024-01-31"), 1), "2024-02-29");
	assert_date_is(date_add_months(ymd("2025-01-31"), 1), "2025-02-28");
	assert_date_is(date_add_months(ymd("2024-03-31"), -1), "2024-02-29");
	assert_date_is(date_add_months(ymd("2024-12-15"), 1), "2025-01-15");
	assert_date_is(date_add_months(ymd("2024-01-15"), -13), "2022-12-15");
	assert_date_is(date_add_months(ymd("2024-05-31"), 12), "2025-05-31");
	assert_date_is(date_add_months(ymd("2024-08-31"), 0), "2024-08-31");
}

static void
test_calendar_days_in_month_and_month_names(void **state)
{

	(void)state;
	assert_int_equal(days_in_month(2024, 2), 29);
	assert_int_equal(days_in_month(2025, 2), 28);
	assert_int_equal(days_in_month(2000, 2), 29);
	assert_int_equal(days_in_month(2100, 2), 28);
	assert_int_equal(days_in_month(2024, 12), 31);
	assert_int_equal(days_in_month(2024, 13), 0);
	assert_string_equal(month_name_sv(1), "januari");
	assert_string_equal(month_name_sv(3), "mars");
	assert_string_equal(month_name_sv(12), "december");
	assert_null(month_name_sv(0));
	assert_null(month_name_sv(13));
	assert_true(date_compare(ymd("2024-01-02"), ymd("2024-01-01")) > 0);
	assert_true(date_compare(ymd("2023-12-31"), ymd("2024-01-01")) < 0);
	assert_int_equal(date_compare(ymd("2024-01-01"), ymd("2024-01-01")), 0);
}

/*
 * Easter Sundays 2019-2038 as published (not computed here), for the
 * tests of the per-thread holiday cache.
 */
static const char *const easter_list[] = {
	"2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
	"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16",
	"2029-04-01", "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17",
	"2034-04-09", "2035-03-25", "2036-04-13", "2037-04-05", "2038-04-25",
};
#define EASTER_FIRST	2019
#define EASTER_YEARS	(sizeof(easter_list) / sizeof(easter_list[0]))

/* 1 if name is want (both may be NULL), else 0. */
static int
same_name(const char *name, const char *want)
{
	if (name == NULL || want == NULL)
		return name == want;
	return strcmp(name, want) == 0;
}

/*
 * Returns 1 if the calendar answers for year as it must, given its Easter
 * Sunday: the whole list lies in year with New Year's Day first and New
 * Year's Eve last, and the days that move with Easter and midsummer are
 * off (named, but for Kristi himmelsfärdsdag: Första maj in 2008).  Else
 * 0.  No cmocka assertion: threads call it too.
 */
static int
year_ok(int year, struct date easter)
{
	struct holiday	 h[32];
	struct date	 d;
	size_t		 i, n;

	n = calendar_nonworking_days(year, h, 32);
	if (n != 16 || h[0].date.month != 1 || h[0].date.day != 1 ||
	    h[15].date.month != 12 || h[15].date.day != 31)
		return 0;
	for (i = 0; i < n; i++)
		if (h[i].date.year != year)
			return 0;
	if (!same_name(calendar_holiday_name(date_add_days(easter, -2)),
	    "Långfredagen") ||
	    !same_name(calendar_holiday_name(date_add_days(easter, 1)),
	    "Annandag påsk") ||
	    calendar_is_workday(date_add_days(easter, 39)) ||
	    calendar_is_workday(date_add_days(easter, -2)) ||
	    !calendar_is_workday(date_add_days(easter, 2)))
		return 0;
	/* Midsommardagen: the Saturday of June 20-26. */
	for (d = (struct date){ year, 6, 20 }; d.day <= 26; d.day++)
		if (same_name(calendar_holiday_name(d), "Midsommardagen") !=
		    (date_weekday(d) == 6))
			return 0;
	return same_name(calendar_holiday_name((struct date){ year, 12, 24 }),
	    "Julafton");
}

/* year_ok with the published Easter of year (2019-2038). */
static int
listed_year_ok(int year)
{
	struct date	 easter;

	if (date_parse(easter_list[year - EASTER_FIRST], &easter) == -1)
		return 0;
	return year_ok(year, easter);
}

/*
 * Two years in turn, years four apart (one slot apart in a cache indexed
 * by year modulo its size) and more years in turn than the cache keeps:
 * every answer is the asked year's.
 */
/*
 * Working days added, against a walk day by day through
 * calendar_is_workday, for every start over two years and spans of 1 to
 * 40, in an order that makes the kept answers collide and come back.
 */
static void
test_calendar_workdays_kept_as_computed(void **state)
{
	struct date	 d, want, got;
	long		 first = date_to_days((struct date){ 2025, 1, 1 }), k;
	int		 n, m, round;

	(void)state;
	for (round = 0; round < 2; round++)
		for (k = 0; k < 731; k++)
			for (n = 1; n <= 40; n += (round == 0 ? 1 : 7)) {
				d = date_from_days(first + (k * 37) % 731);
				want = d;
				for (m = n; m > 0; ) {
					want = date_add_days(want, 1);
					if (calendar_is_workday(want))
						m--;
				}
				got = calendar_add_workdays(d, n);
				if (date_compare(got, want) != 0)
					fail_msg("%04d-%02d-%02d + %d", d.year,
					    d.month, d.day, n);
			}
	d = (struct date){ 2026, 3, 2 };
	assert_int_equal(date_compare(calendar_add_workdays(d, 0), d), 0);
	assert_int_equal(date_compare(calendar_add_workdays(d, -3), d), 0);
}

static void
test_calendar_cache_alternate(void **state)
{
	static const int	 order[] = { 2024, 2025, 2024, 2025, 2028, 2024,
				    2032, 2028, 2036, 2024, 2020, 2025, 2026,
				    2027, 2029, 2030, 2031, 2024 };
	size_t			 i, round;
	int			 y;

	(void)state;
	for (round = 0; round < 3; round++)
		for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
			if (!listed_year_ok(order[i]))
				fail_msg("year %d (step %zu)", order[i], i);
	/* Up and down through every listed year, twice. */
	for (round = 0; round < 2; round++) {
		for (y = EASTER_FIRST; y < EASTER_FIRST + (int)EASTER_YEARS;
		    y++)
			if (!listed_year_ok(y))
				fail_msg("year %d going up", y);
		for (y = EASTER_FIRST + (int)EASTER_YEARS - 1;
		    y >= EASTER_FIRST; y--)
			if (!listed_year_ok(y))
				fail_msg("year %d going down", y);
	}
}

/* Every supported year, each with its neighbours asked again in between. */
static void
test_calendar_cache_many_years(void **state)
{
	int	 y;

	(void)state;
	for (y = 1800; y <= 9999; y++) {
		if (!year_ok(y, easter_sunday(y)))
			fail_msg("year %d", y);
		if (y > 1800 && !year_ok(y - 1, easter_sunday(y - 1)))
			fail_msg("year %d after %d", y - 1, y);
	}
	for (y = 9999; y >= 1800; y -= 7)
		if (!year_ok(y, easter_sunday(y)))
			fail_msg("year %d going down", y);
}

/*
 * Working days across New Year, each walk reading two years' lists, in
 * both orders and again after other years.
 */
static void
test_calendar_cache_year_boundary(void **state)
{
	int	 round;

	(void)state;
	for (round = 0; round < 3; round++) {
		/* Nyårsafton, Nyårsdagen and Trettondedag jul are off. */
		assert_date_is(due_review(ymd("2025-12-30")), "2026-01-09");
		assert_date_is(due_review(ymd("2026-12-30")), "2027-01-11");
		assert_date_is(calendar_add_workdays(ymd("2026-12-31"), 1),
		    "2027-01-04");
		assert_date_is(calendar_add_workdays(ymd("2025-12-31"), 1),
		    "2026-01-02");
		assert_false(calendar_is_workday(ymd("2026-01-01")));
		assert_true(calendar_is_workday(ymd("2025-12-30")));
		assert_string_equal(calendar_holiday_name(ymd("2027-01-06")),
		    "Trettondedag jul");
		assert_null(calendar_holiday_name(ymd("2026-01-07")));
		assert_true(listed_year_ok(2030 + round));
		assert_true(listed_year_ok(2020 + round));
	}
}

/*
 * A thread's share of test_calendar_cache_threads: arg points to its
 * first year.  Returns NULL, or non-NULL if an answer was wrong.
 */
static void *
check_years(void *arg)
{
	int		 first = *(const int *)arg, i;
	static int	 failed = 1;

	/* Years first .. first + 5 in turn: more than a cache keeps. */
	for (i = 0; i < 20000; i++)
		if (!listed_year_ok(first + i % 6))
			return &failed;
	return NULL;
}

/*
 * Two threads asking about other years at the same time each get their
 * own years' answers (a cache shared without a lock would mix them).
 */
static void
test_calendar_cache_threads(void **state)
{
	pthread_t	 t[2];
	int		 first[2] = { 2019, 2029 };
	void		*res[2];
	int		 i;

	(void)state;
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, check_years,
		    &first[i]), 0);
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], &res[i]), 0);
	assert_null(res[0]);
	assert_null(res[1]);
	/* This thread's own cache is as it was. */
	assert_true(listed_year_ok(2024));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_nonworking_2024),
		cmocka_unit_test(test_calendar_nonworking_2025),
		cmocka_unit_test(test_calendar_nonworking_2026),
		cmocka_unit_test(test_calendar_nonworking_coinciding),
		cmocka_unit_test(test_calendar_nonworking_small_buffer),
		cmocka_unit_test(test_calendar_easter),
		cmocka_unit_test(test_calendar_workday),
		cmocka_unit_test(test_calendar_workdays_easter),
		cmocka_unit_test(test_calendar_workdays_midsummer),
		cmocka_unit_test(test_calendar_workdays_christmas),
		cmocka_unit_test(test_calendar_workdays_zero),
		cmocka_unit_test(test_calendar_due_plan),
		cmocka_unit_test(test_calendar_due_monthly),
		cmocka_unit_test(test_calendar_due_final),
		cmocka_unit_test(test_calendar_is_late),
		cmocka_unit_test(test_calendar_parse_format),
		cmocka_unit_test(test_calendar_bad_short_month),
		cmocka_unit_test(test_calendar_bad_trailing),
		cmocka_unit_test(test_calendar_bad_leading),
		cmocka_unit_test(test_calendar_bad_not_leap),
		cmocka_unit_test(test_calendar_bad_month),
		cmocka_unit_test(test_calendar_bad_day),
		cmocka_unit_test(test_calendar_bad_separator),
		cmocka_unit_test(test_calendar_bad_empty),
		cmocka_unit_test(test_calendar_bad_year_range),
		cmocka_unit_test(test_calendar_days_since_1970),
		cmocka_unit_test(test_calendar_days_roundtrip),
		cmocka_unit_test(test_calendar_weekday),
		cmocka_unit_test(test_calendar_add_months),
		cmocka_unit_test(test_calendar_days_in_month_and_month_names),
		cmocka_unit_test(test_calendar_workdays_kept_as_computed),
		cmocka_unit_test(test_calendar_cache_alternate),
		cmocka_unit_test(test_calendar_cache_many_years),
		cmocka_unit_test(test_calendar_cache_year_boundary),
		cmocka_unit_test(test_calendar_cache_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
