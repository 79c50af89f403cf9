/*
 * Unit tests of localdate.c: the local date of a UTC timestamp, against
 * localtime_r itself every 15 minutes over two years in zones whose
 * offsets change on the hour (Stockholm), on the half hour (Lord Howe, by
 * 30 minutes) and not at all (UTC), and after TZ changes with tzset.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "calendar.h"
#include "localdate.h"

static void
use_zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* local_date_of(t) against localtime_r(t), every 15 minutes. */
static void
assert_zone(const char *tz, const char *from, int days)
{
	struct tm	 tm;
	struct date	 got;
	char		 utc[32];
	time_t		 t, end;
	int		 y, m, d;

	use_zone(tz);
	assert_int_equal(sscanf(from, "%d-%d-%d", &y, &m, &d), 3);
	t = (time_t)date_to_days((struct date){ y, m, d }) * 86400;
	for (end = t + (time_t)days * 86400; t < end; t += 900) {
		assert_non_null(gmtime_r(&t, &tm));
		strftime(utc, sizeof(utc), "%Y-%m-%dT%H:%M:%SZ", &tm);
		assert_int_equal(local_date_of(utc, &got), 0);
		assert_non_null(localtime_r(&t, &tm));
		if (got.year != tm.tm_year + 1900 || got.month != tm.tm_mon + 1 ||
		    got.day != tm.tm_mday)
			fail_msg("%s %s: %04d-%02d-%02d, not %04d-%02d-%02d", tz,
			    utc, got.year, got.month, got.day, tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday);
	}
}

static void
test_local_date_as_localtime(void **state)
{
	(void)state;
	assert_zone("Europe/Stockholm", "2025-01-01", 730);
	assert_zone("Australia/Lord_Howe", "2025-01-01", 730);
	assert_zone("UTC", "2025-12-30", 4);
	/* Back again: what was kept for one zone is not taken for another. */
	assert_zone("America/St_Johns", "2025-03-01", 60);
	assert_zone("Europe/Stockholm", "2025-03-01", 60);
	assert_zone("Pacific/Kiritimati", "2025-03-01", 3);
	assert_zone("Europe/Stockholm", "2025-03-01", 3);
}

static void
test_local_date_of_midnight(void **state)
{
	struct date	 d;

	(void)state;
	use_zone("Europe/Stockholm");
	/* 23:30 UTC in winter is 00:30 the next day; in summer 01:30. */
	assert_int_equal(local_date_of("2026-01-31T23:30:00Z", &d), 0);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 1);
	assert_int_equal(local_date_of("2026-06-30T21:59:59Z", &d), 0);
	assert_int_equal(d.day, 30);
	assert_int_equal(local_date_of("2026-06-30T22:00:00Z", &d), 0);
	assert_int_equal(d.month, 7);
	assert_int_equal(d.day, 1);
	assert_int_equal(local_date_of("1969-12-31T23:00:00Z", &d), 0);
	assert_int_equal(d.year, 1970);
	assert_int_equal(local_date_of("2026-06-30 22:00:00Z", &d), -1);
	assert_int_equal(local_date_of("2026-02-30T22:00:00Z", &d), -1);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_local_date_as_localtime),
		cmocka_unit_test(test_local_date_of_midnight),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
