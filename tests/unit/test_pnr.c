/*
 * Unit tests of pnr: the written forms, the century rule, the check digit,
 * co-ordination numbers and the research sample (5th, 15th, 25th).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "pnr.h"
#include "helpers.h"

/* Fixed "today" for every test: the century rule depends on it. */
static const struct date today = { 2026, 11, 22 };


/* Asserts that s parses as OK born y-m-d with that canonical; no return. */
static void
assert_born(const char *s, int y, int m, int d, const char *canonical)
{
	struct pnr	 p;

	assert_int_equal(pnr_parse(s, today, &p), PNR_OK);
	assert_int_equal(p.birth.year, y);
	assert_int_equal(p.birth.month, m);
	assert_int_equal(p.birth.day, d);
	assert_int_equal(p.day_known, 1);
	assert_string_equal(p.canonical, canonical);
}

/* Asserts pnr_parse(s) gives st; no return. */
static void
assert_status(const char *s, enum pnr_status st)
{
	struct pnr	 p;

	assert_int_equal(pnr_parse(s, today, &p), st);
}

static void
test_pnr_known_valid(void **state)
{

	(void)state;
	assert_born("19121212-1212", 1912, 12, 12, "19121212-1212");
	assert_born("191212121212", 1912, 12, 12, "19121212-1212");
	assert_born("121212+1212", 1912, 12, 12, "19121212-1212");
	assert_born("121212-1212", 2012, 12, 12, "20121212-1212");
	assert_born("811228-9874", 1981, 12, 28, "19811228-9874");
	assert_born("8112289874", 1981, 12, 28, "19811228-9874");
	assert_born("198112289874", 1981, 12, 28, "19811228-9874");
	assert_born("19811228-9874", 1981, 12, 28, "19811228-9874");
}

static void
test_pnr_helper_luhn(void **state)
{

	(void)state;
	/* The helper agrees with the known valid numbers. */
	assert_string_equal(luhn("19121212-121", 0), "19121212-1212");
	assert_string_equal(luhn("811228-987", 0), "811228-9874");
}

static void
test_pnr_sample_yes(void **state)
{

	(void)state;
	assert_int_equal(pnr_sample(luhn("19800105-123", 0), today),
	    SAMPLE_YES);
	assert_int_equal(pnr_sample(luhn("800515-123", 0), today), SAMPLE_YES);
	assert_int_equal(pnr_sample(luhn("801225345", 0), today), SAMPLE_YES);
	assert_int_equal(pnr_sample(luhn("20240225-456", 0), today),
	    SAMPLE_YES);
}

static void
test_pnr_sample_no(void **state)
{

	(void)state;
	assert_int_equal(pnr_sample(luhn("19800104-123", 0), today),
	    SAMPLE_NO);
	assert_int_equal(pnr_sample(luhn("800516-123", 0), today), SAMPLE_NO);
	assert_int_equal(pnr_sample(luhn("800126-123", 0), today), SAMPLE_NO);
	assert_int_equal(pnr_sample(luhn("800131-123", 0), today), SAMPLE_NO);
	assert_int_equal(pnr_sample(luhn("20240229-123", 0), today),
	    SAMPLE_NO);
	assert_int_equal(pnr_sample(luhn("200101-123", 0), today), SAMPLE_NO);
	assert_int_equal(pnr_sample("19121212-1212", today), SAMPLE_NO);
}

static void
test_pnr_leap_day(void **state)
{

	(void)state;
	assert_born(luhn("20240229-123", 0), 2024, 2, 29,
	    luhn("20240229-123", 0));
	/* 000229 is 2000 (a leap year) with '-', 1900 (not one) with '+'. */
	assert_born(luhn("000229-123", 0), 2000, 2, 29,
	    luhn("20000229-123", 0));
	assert_status(luhn("000229+123", 0), PNR_BAD_DATE);
}

static void
test_pnr_coordination_sample(void **state)
{
	struct pnr	 p;

	(void)state;
	assert_int_equal(pnr_parse(luhn("19800165-123", 0), today, &p),
	    PNR_OK);
	assert_int_equal(p.coordination, 1);
	assert_int_equal(p.day_known, 1);
	assert_int_equal(p.birth.day, 5);
	assert_string_equal(p.canonical, luhn("19800165-123", 0));

	assert_int_equal(pnr_parse(luhn("800375-123", 0), today, &p), PNR_OK);
	assert_int_equal(p.birth.day, 15);
	assert_string_equal(p.canonical, luhn("19800375-123", 0));

	assert_int_equal(pnr_sample(luhn("19800165-123", 0), today),
	    SAMPLE_YES);
	assert_int_equal(pnr_sample(luhn("800375-123", 0), today), SAMPLE_YES);
	assert_int_equal(pnr_sample(luhn("800585345", 0), today), SAMPLE_YES);
	assert_int_equal(pnr_sample(luhn("800164-123", 0), today), SAMPLE_NO);
	assert_int_equal(pnr_sample(luhn("19800176123", 0), today),
	    SAMPLE_NO);
	/* 91 is the 31st. */
	assert_int_equal(pnr_parse(luhn("800191-123", 0), today, &p), PNR_OK);
	assert_int_equal(p.birth.day, 31);
}

static void
test_pnr_ordinary_not_coordination(void **state)
{
	struct pnr	 p;

	(void)state;
	assert_int_equal(pnr_parse(luhn("800105-123", 0), today, &p), PNR_OK);
	assert_int_equal(p.coordination, 0);
}

/* today 2026-11-22: '-' under 100 years old, '+' 100 or older. */
static void
test_pnr_century(void **state)
{

	(void)state;
	assert_born(luhn("251201-123", 0), 2025, 12, 1,
	    luhn("20251201-123", 0));
	assert_born(luhn("251201+123", 0), 1925, 12, 1,
	    luhn("19251201-123", 0));
	assert_born(luhn("19251201-123", 0), 1925, 12, 1,
	    luhn("19251201-123", 0));
	/* Not born yet this year, so a '-' is the previous century. */
	assert_born(luhn("261123-123", 0), 1926, 11, 23,
	    luhn("19261123-123", 0));
	assert_born(luhn("261123+123", 0), 1826, 11, 23,
	    luhn("18261123-123", 0));
	/* Born today: 0 with '-', exactly 100 with '+'. */
	assert_born(luhn("261122-123", 0), 2026, 11, 22,
	    luhn("20261122-123", 0));
	assert_born(luhn("261122+123", 0), 1926, 11, 22,
	    luhn("19261122-123", 0));
	/* No separator counts as '-'. */
	assert_born(luhn("271001123", 0), 1927, 10, 1,
	    luhn("19271001-123", 0));
	assert_born(luhn("991231-123", 0), 1999, 12, 31,
	    luhn("19991231-123", 0));
}

static void
test_pnr_unreadable_day(void **state)
{
	struct pnr	 p;

	(void)state;
	assert_int_equal(pnr_parse(luhn("19800300-123", 0), today, &p),
	    PNR_UNREADABLE_DAY);
	assert_int_equal(p.birth.year, 1980);
	assert_int_equal(p.birth.month, 3);
	assert_int_equal(p.birth.day, 0);
	assert_int_equal(p.day_known, 0);
	assert_int_equal(p.coordination, 0);
	assert_string_equal(p.canonical, luhn("19800300-123", 0));

	assert_int_equal(pnr_parse(luhn("800360-123", 0), today, &p),
	    PNR_UNREADABLE_DAY);
	assert_int_equal(p.birth.day, 0);
	assert_int_equal(p.day_known, 0);
	assert_int_equal(p.coordination, 1);
	assert_string_equal(p.canonical, luhn("19800360-123", 0));

	/* This month with an unknown day is not in the future. */
	assert_int_equal(pnr_parse(luhn("20261100-123", 0), today, &p),
	    PNR_UNREADABLE_DAY);

	assert_int_equal(pnr_sample(luhn("800300-123", 0), today),
	    SAMPLE_UNCERTAIN);
	assert_int_equal(pnr_sample(luhn("800360-123", 0), today),
	    SAMPLE_UNCERTAIN);
}

static void
test_pnr_status_text(void **state)
{

	(void)state;
	assert_string_equal(pnr_status_text(PNR_BAD_CHECKSUM),
	    "Kontrollsiffran stämmer inte.");
	assert_string_equal(pnr_status_text(PNR_BAD_FORMAT),
	    "Ange personnumret som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.");
	assert_string_equal(pnr_status_text(PNR_BAD_DATE),
	    "Födelsedatumet i numret finns inte.");
	assert_string_equal(pnr_status_text(PNR_UNREADABLE_DAY),
	    "Födelsedagen kan inte läsas ut (dag 00 eller 60).");
	assert_non_null(pnr_status_text(PNR_OK));
	assert_non_null(pnr_status_text((enum pnr_status)42));
}

static void
test_pnr_bad_checksum(void **state)
{
	struct pnr	 p;

	(void)state;
	assert_status("19121212-1213", PNR_BAD_CHECKSUM);
	assert_status("811228-9875", PNR_BAD_CHECKSUM);
	assert_status(luhn("19800105-123", 1), PNR_BAD_CHECKSUM);
	assert_status(luhn("800165-123", 1), PNR_BAD_CHECKSUM);
	/* Two digits swapped. */
	assert_status("811282-9874", PNR_BAD_CHECKSUM);
	/* Nothing is left behind in *out on an error. */
	assert_int_equal(pnr_parse("811228-9875", today, &p),
	    PNR_BAD_CHECKSUM);
	assert_int_equal(p.canonical[0], '\0');
}

static void
test_pnr_bad_checksum_sample(void **state)
{

	(void)state;
	/* A readable date with a wrong check digit is still uncertain. */
	assert_int_equal(pnr_sample(luhn("800115-123", 1), today),
	    SAMPLE_UNCERTAIN);
	assert_int_equal(pnr_sample(luhn("800116-123", 1), today),
	    SAMPLE_UNCERTAIN);
}

static void
test_pnr_bad_unreadable_checksum(void **state)
{

	(void)state;
	assert_status(luhn("800300-123", 1), PNR_BAD_CHECKSUM);
	assert_status(luhn("800360-123", 1), PNR_BAD_CHECKSUM);
}

static void
test_pnr_bad_date_not_leap(void **state)
{

	(void)state;
	assert_status(luhn("20230229-123", 0), PNR_BAD_DATE);
	assert_status(luhn("230229-123", 0), PNR_BAD_DATE);
	assert_int_equal(pnr_sample(luhn("20230229-123", 0), today),
	    SAMPLE_UNCERTAIN);
}

static void
test_pnr_bad_date_month(void **state)
{

	(void)state;
	assert_status(luhn("801305-123", 0), PNR_BAD_DATE);
	assert_status(luhn("800005-123", 0), PNR_BAD_DATE);
	assert_status(luhn("801300-123", 0), PNR_BAD_DATE);
	assert_int_equal(pnr_sample(luhn("801305-123", 0), today),
	    SAMPLE_UNCERTAIN);
}

static void
test_pnr_bad_date_day(void **state)
{

	(void)state;
	assert_status(luhn("800132-123", 0), PNR_BAD_DATE);
	assert_status(luhn("800192-123", 0), PNR_BAD_DATE);
	assert_status(luhn("800431-123", 0), PNR_BAD_DATE);
	assert_status(luhn("800491-123", 0), PNR_BAD_DATE);
	assert_status(luhn("800159-123", 0), PNR_BAD_DATE);
	assert_status(luhn("800199-123", 0), PNR_BAD_DATE);
}

static void
test_pnr_bad_date_future(void **state)
{

	(void)state;
	assert_status(luhn("20261123-123", 0), PNR_BAD_DATE);
	assert_status(luhn("20270101-123", 0), PNR_BAD_DATE);
	assert_status(luhn("20261200-123", 0), PNR_BAD_DATE);
	assert_status(luhn("20261122-123", 0), PNR_OK);
	assert_int_equal(pnr_sample(luhn("20301205-123", 0), today),
	    SAMPLE_UNCERTAIN);
}

static void
test_pnr_bad_date_century(void **state)
{

	(void)state;
	/* Years outside 1800..9999 (the calendar's range). */
	assert_status(luhn("17991231-123", 0), PNR_BAD_DATE);
	assert_status(luhn("00800105-123", 0), PNR_BAD_DATE);
}

static void
test_pnr_bad_format_spaces(void **state)
{

	(void)state;
	assert_status("811228 9874", PNR_BAD_FORMAT);
	assert_status(" 811228-9874", PNR_BAD_FORMAT);
	assert_status("811228-9874 ", PNR_BAD_FORMAT);
	assert_status("811228- 9874", PNR_BAD_FORMAT);
}

static void
test_pnr_bad_format_letters(void **state)
{

	(void)state;
	assert_status("81122A-9874", PNR_BAD_FORMAT);
	assert_status("811228-987X", PNR_BAD_FORMAT);
	assert_status("abcdef-ghij", PNR_BAD_FORMAT);
	assert_status("19811228/9874", PNR_BAD_FORMAT);
}

static void
test_pnr_bad_format_length(void **state)
{

	(void)state;
	assert_status("", PNR_BAD_FORMAT);
	assert_status(NULL, PNR_BAD_FORMAT);
	assert_status("81122-9874", PNR_BAD_FORMAT);
	assert_status("811228-98741", PNR_BAD_FORMAT);
	assert_status("19811228-98741", PNR_BAD_FORMAT);
	assert_status("811228987", PNR_BAD_FORMAT);
	assert_status("1981122898741", PNR_BAD_FORMAT);
	assert_status("811228--9874", PNR_BAD_FORMAT);
}

static void
test_pnr_bad_format_separator(void **state)
{

	(void)state;
	/* A 12-digit form carries its century; '+' makes no sense there. */
	assert_status("19121212+1212", PNR_BAD_FORMAT);
	assert_status("1981122-89874", PNR_BAD_FORMAT);
	assert_status("81122-89874", PNR_BAD_FORMAT);
	assert_status("811228_9874", PNR_BAD_FORMAT);
	assert_int_equal(pnr_sample("19121212+1212", today), SAMPLE_UNCERTAIN);
	assert_int_equal(pnr_sample(NULL, today), SAMPLE_UNCERTAIN);
	assert_int_equal(pnr_sample("okänt", today), SAMPLE_UNCERTAIN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pnr_known_valid),
		cmocka_unit_test(test_pnr_helper_luhn),
		cmocka_unit_test(test_pnr_sample_yes),
		cmocka_unit_test(test_pnr_sample_no),
		cmocka_unit_test(test_pnr_leap_day),
		cmocka_unit_test(test_pnr_coordination_sample),
		cmocka_unit_test(test_pnr_ordinary_not_coordination),
		cmocka_unit_test(test_pnr_century),
		cmocka_unit_test(test_pnr_unreadable_day),
		cmocka_unit_test(test_pnr_status_text),
		cmocka_unit_test(test_pnr_bad_checksum),
		cmocka_unit_test(test_pnr_bad_checksum_sample),
		cmocka_unit_test(test_pnr_bad_unreadable_checksum),
		cmocka_unit_test(test_pnr_bad_date_not_leap),
		cmocka_unit_test(test_pnr_bad_date_month),
		cmocka_unit_test(test_pnr_bad_date_day),
		cmocka_unit_test(test_pnr_bad_date_future),
		cmocka_unit_test(test_pnr_bad_date_century),
		cmocka_unit_test(test_pnr_bad_format_spaces),
		cmocka_unit_test(test_pnr_bad_format_letters),
		cmocka_unit_test(test_pnr_bad_format_length),
		cmocka_unit_test(test_pnr_bad_format_separator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
