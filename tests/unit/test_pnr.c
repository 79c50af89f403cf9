/*
 * Unit tests of pnr: the written forms, the century rule, the check digit,
 * the birth number, co-ordination numbers and the research sample (5th,
 * 15th, 25th).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "pnr.h"
#include "regrules.h"
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
test_pnr_status_sv_for_operators(void **state)
{

	(void)state;
	assert_string_equal(pnr_status_sv(PNR_BAD_CHECKSUM),
	    "Kontrollsiffran stämmer inte.");
	assert_string_equal(pnr_status_sv(PNR_BAD_FORMAT),
	    "Ange personnumret som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.");
	assert_string_equal(pnr_status_sv(PNR_BAD_DATE),
	    "Födelsedatumet i numret finns inte.");
	assert_string_equal(pnr_status_sv(PNR_UNREADABLE_DAY),
	    "Födelsedagen kan inte läsas ut (dag 00 eller 60).");
	assert_string_equal(pnr_status_sv(PNR_BAD_SERIAL),
	    "Födelsenumret 000 finns inte.");
	assert_non_null(pnr_status_sv(PNR_OK));
	assert_non_null(pnr_status_sv((enum pnr_status)42));
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
	/* A 12-digit form carries its century: a '+' must agree with it. */
	assert_status("19900101+0017", PNR_BAD_FORMAT);
	assert_status("1981122-89874", PNR_BAD_FORMAT);
	assert_status("81122-89874", PNR_BAD_FORMAT);
	assert_status("811228_9874", PNR_BAD_FORMAT);
	assert_int_equal(pnr_sample("19900101+0017", today), SAMPLE_UNCERTAIN);
	assert_int_equal(pnr_sample(NULL, today), SAMPLE_UNCERTAIN);
	assert_int_equal(pnr_sample("okänt", today), SAMPLE_UNCERTAIN);
}

/*
 * The test numbers shared by the common personnummer libraries, each in
 * its four written forms (12 digits, 10 digits, with separator, 12 with
 * separator): valid ones with the birth and the stored form, invalid
 * ones with the reason.  A 10-digit form without separator means under
 * 100 years old, so "0905271474" is someone else than "090527+1474".
 */
static const struct vector {
	const char	*written;
	enum pnr_status	 status;
	const char	*canonical;	/* NULL for an invalid number */
} vectors[] = {
	/* Serial 000 with a right check digit. */
	{ "201509160006", PNR_BAD_SERIAL, NULL },
	{ "1509160006", PNR_BAD_SERIAL, NULL },
	{ "150916-0006", PNR_BAD_SERIAL, NULL },
	{ "20150916-0006", PNR_BAD_SERIAL, NULL },
	/* Centenarians: '+' in both the 10- and the 12-digit form. */
	{ "190905271474", PNR_OK, "19090527-1474" },
	{ "0905271474", PNR_OK, "20090527-1474" },
	{ "090527+1474", PNR_OK, "19090527-1474" },
	{ "19090527+1474", PNR_OK, "19090527-1474" },
	{ "187912219990", PNR_OK, "18791221-9990" },
	{ "7912219990", PNR_OK, "19791221-9990" },
	{ "791221+9990", PNR_OK, "18791221-9990" },
	{ "18791221+9990", PNR_OK, "18791221-9990" },
	{ "191509149991", PNR_OK, "19150914-9991" },
	{ "1509149991", PNR_OK, "20150914-9991" },
	{ "150914+9991", PNR_OK, "19150914-9991" },
	{ "19150914+9991", PNR_OK, "19150914-9991" },
	/* Ordinary numbers. */
	{ "198211059954", PNR_OK, "19821105-9954" },
	{ "8211059954", PNR_OK, "19821105-9954" },
	{ "821105-9954", PNR_OK, "19821105-9954" },
	{ "19821105-9954", PNR_OK, "19821105-9954" },
	{ "199012119948", PNR_OK, "19901211-9948" },
	{ "9012119948", PNR_OK, "19901211-9948" },
	{ "901211-9948", PNR_OK, "19901211-9948" },
	{ "19901211-9948", PNR_OK, "19901211-9948" },
	{ "200012099891", PNR_OK, "20001209-9891" },
	{ "0012099891", PNR_OK, "20001209-9891" },
	{ "001209-9891", PNR_OK, "20001209-9891" },
	{ "20001209-9891", PNR_OK, "20001209-9891" },
	{ "197605239917", PNR_OK, "19760523-9917" },
	{ "760523-9917", PNR_OK, "19760523-9917" },
	{ "196703049988", PNR_OK, "19670304-9988" },
	{ "670304-9988", PNR_OK, "19670304-9988" },
	{ "200007169915", PNR_OK, "20000716-9915" },
	{ "000716-9915", PNR_OK, "20000716-9915" },
	/* Co-ordination numbers (day + 60). */
	{ "195705749959", PNR_OK, "19570574-9959" },
	{ "5705749959", PNR_OK, "19570574-9959" },
	{ "570574-9959", PNR_OK, "19570574-9959" },
	{ "19570574-9959", PNR_OK, "19570574-9959" },
	{ "197306749982", PNR_OK, "19730674-9982" },
	{ "7306749982", PNR_OK, "19730674-9982" },
	{ "730674-9982", PNR_OK, "19730674-9982" },
	{ "19730674-9982", PNR_OK, "19730674-9982" },
	{ "200308659978", PNR_OK, "20030865-9978" },
	{ "030865-9978", PNR_OK, "20030865-9978" },
	{ "198406829906", PNR_OK, "19840682-9906" },
	{ "840682-9906", PNR_OK, "19840682-9906" },
	/* Wrong check digits, ordinary and co-ordination numbers. */
	{ "198707049996", PNR_BAD_CHECKSUM, NULL },
	{ "8707049996", PNR_BAD_CHECKSUM, NULL },
	{ "870704-9996", PNR_BAD_CHECKSUM, NULL },
	{ "19870704-9996", PNR_BAD_CHECKSUM, NULL },
	{ "201211209941", PNR_BAD_CHECKSUM, NULL },
	{ "1211209941", PNR_BAD_CHECKSUM, NULL },
	{ "121120-9941", PNR_BAD_CHECKSUM, NULL },
	{ "20121120-9941", PNR_BAD_CHECKSUM, NULL },
	{ "200904179998", PNR_BAD_CHECKSUM, NULL },
	{ "090417-9998", PNR_BAD_CHECKSUM, NULL },
	{ "202201319983", PNR_BAD_CHECKSUM, NULL },
	{ "220131-9983", PNR_BAD_CHECKSUM, NULL },
	{ "193901829913", PNR_BAD_CHECKSUM, NULL },
	{ "3901829913", PNR_BAD_CHECKSUM, NULL },
	{ "390182-9913", PNR_BAD_CHECKSUM, NULL },
	{ "19390182-9913", PNR_BAD_CHECKSUM, NULL },
	{ "201210759984", PNR_BAD_CHECKSUM, NULL },
	{ "1210759984", PNR_BAD_CHECKSUM, NULL },
	{ "121075-9984", PNR_BAD_CHECKSUM, NULL },
	{ "20121075-9984", PNR_BAD_CHECKSUM, NULL },
	{ "198706769971", PNR_BAD_CHECKSUM, NULL },
	{ "870676-9971", PNR_BAD_CHECKSUM, NULL },
	{ "199509729980", PNR_BAD_CHECKSUM, NULL },
	{ "950972-9980", PNR_BAD_CHECKSUM, NULL },
	/* A space is no separator; interim numbers have a letter. */
	{ "19090527 1474", PNR_BAD_FORMAT, NULL },
	{ "090527 1474", PNR_BAD_FORMAT, NULL },
	{ "20000101P220", PNR_BAD_FORMAT, NULL },
	{ "000101-T220", PNR_BAD_FORMAT, NULL },
	{ "20000101-X220", PNR_BAD_FORMAT, NULL },
};

static void
test_pnr_shared_library_vectors(void **state)
{
	struct pnr	 p;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		if (pnr_parse(vectors[i].written, today, &p) !=
		    vectors[i].status)
			print_message("vector %s\n", vectors[i].written);
		assert_int_equal(pnr_parse(vectors[i].written, today, &p),
		    vectors[i].status);
		if (vectors[i].canonical != NULL)
			assert_string_equal(p.canonical, vectors[i].canonical);
		else
			assert_int_equal(p.canonical[0], '\0');
	}
}

/* Birth number 000 is refused in every form, the check digit right. */
static void
test_pnr_bad_serial_000(void **state)
{

	(void)state;
	assert_status(luhn("19850312-000", 0), PNR_BAD_SERIAL);
	assert_status(luhn("850312000", 0), PNR_BAD_SERIAL);
	assert_status(luhn("250312+000", 0), PNR_BAD_SERIAL);
	assert_status(luhn("19250312+000", 0), PNR_BAD_SERIAL);
	/* Co-ordination numbers and unknown days too. */
	assert_status(luhn("19850372-000", 0), PNR_BAD_SERIAL);
	assert_status(luhn("19850300-000", 0), PNR_BAD_SERIAL);
	/* A wrong check digit is named first. */
	assert_status(luhn("19850312-000", 1), PNR_BAD_CHECKSUM);
	/* 001 and 999 are the first and the last birth numbers. */
	assert_status(luhn("19850312-001", 0), PNR_OK);
	assert_status(luhn("19850312-999", 0), PNR_OK);
	assert_int_equal(pnr_sample(luhn("19850315-000", 0), today),
	    SAMPLE_UNCERTAIN);
}

/*
 * YYYYMMDD+NNNC: a person 100 or older on today, stored and shown as
 * YYYYMMDD-NNNC like every other number.
 */
static void
test_pnr_plus_with_century(void **state)
{
	struct pnr	 p;

	(void)state;
	assert_born(luhn("19121212+121", 0), 1912, 12, 12,
	    luhn("19121212-121", 0));
	assert_born(luhn("18791221+999", 0), 1879, 12, 21,
	    luhn("18791221-999", 0));
	/* The same person as the 10-digit '+' form and the '-' form. */
	assert_born(luhn("121212+121", 0), 1912, 12, 12,
	    luhn("19121212-121", 0));
	assert_born(luhn("19121212-121", 0), 1912, 12, 12,
	    luhn("19121212-121", 0));
	/* 100 today, 100 tomorrow (today 2026-11-22). */
	assert_born(luhn("19261122+123", 0), 1926, 11, 22,
	    luhn("19261122-123", 0));
	assert_status(luhn("19261123+123", 0), PNR_BAD_FORMAT);
	assert_born(luhn("19261123-123", 0), 1926, 11, 23,
	    luhn("19261123-123", 0));
	/* An unknown day this month counts as past, as in the 10-digit form. */
	assert_int_equal(pnr_parse(luhn("19261100+123", 0), today, &p),
	    PNR_UNREADABLE_DAY);
	assert_string_equal(p.canonical, luhn("19261100-123", 0));
	/* Co-ordination numbers take '+' too. */
	assert_int_equal(pnr_parse(luhn("19200375+123", 0), today, &p),
	    PNR_OK);
	assert_int_equal(p.coordination, 1);
	assert_string_equal(p.canonical, luhn("19200375-123", 0));
	/* The stored form parses to itself. */
	assert_born(p.canonical, 1920, 3, 15, p.canonical);
	/* Under 100: the '+' contradicts the century. */
	assert_status(luhn("19900101+001", 0), PNR_BAD_FORMAT);
	assert_status(luhn("20240229+123", 0), PNR_BAD_FORMAT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pnr_known_valid),
		cmocka_unit_test(test_pnr_sample_yes),
		cmocka_unit_test(test_pnr_sample_no),
		cmocka_unit_test(test_pnr_leap_day),
		cmocka_unit_test(test_pnr_coordination_sample),
		cmocka_unit_test(test_pnr_ordinary_not_coordination),
		cmocka_unit_test(test_pnr_century),
		cmocka_unit_test(test_pnr_unreadable_day),
		cmocka_unit_test(test_pnr_status_sv_for_operators),
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
		cmocka_unit_test(test_pnr_shared_library_vectors),
		cmocka_unit_test(test_pnr_bad_serial_000),
		cmocka_unit_test(test_pnr_plus_with_century),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
