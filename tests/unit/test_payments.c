/*
 * Unit tests of payments: the CSV of a payment run (RFC 4180, header row,
 * counsellor filter, amounts in kronor with öre) and its rules: the run a
 * report is paid in by its first submission's local date against the
 * cut-off (README, Rules: payments), dated amounts over a year change, the
 * end month held on the final report and the aborted placement's two weeks
 * (README, Rules: final report).  A real :memory: SQLite database at the
 * current schema, Europe/Stockholm.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "calendar.h"
#include "catalogue.h"
#include "db.h"
#include "payments.h"
#include "store.h"
#include "helpers.h"

#define HEADER	"anordnare,insats,kundreferens,avser,underlag,dagar,belopp," \
		"sen,orsak\r\n"
#define F	"Framtid AB,"
#define S	"\"Steget \"\"Vidare\"\", Nacka\","
#define LATE_FINAL(d) "slutrapporten klarmarkerades efter " d \
		": utan ersättning"

/* A monthly or final report with its submit events (?4.. the times). */
#define DOC(id, pl, kind, period, state, last) \
	"INSERT INTO documents(id, placement_id, kind, period, revision," \
	" state, title, created_at, updated_at, submitted_at) VALUES (" \
	#id ", " #pl ", '" kind "', '" period "', 1, '" state "', 't'," \
	" 'x', 'x', '" last "');"
#define SUBMIT(doc, at) \
	"INSERT INTO events(document_id, actor_id, at, action) VALUES (" \
	#doc ", 3, '" at "', 'submit');"

static const char fixture[] =
    "INSERT INTO organisations(id, name) VALUES (1, 'Framtid AB'),"
    " (2, 'Steget \"Vidare\", Nacka');"
    "INSERT INTO users(id, login, name, role, organisation_id) VALUES"
    " (1, 'karin', 'Karin', 'counsellor', NULL),"
    " (2, 'kalle', 'Kalle', 'counsellor', NULL),"
    " (3, 'anna', 'Anna', 'provider', 1);"
    "INSERT INTO catalogue VALUES ('AMI2', 'A', 'Arbetsträning', 12, 1);"
    /* The dated amount is read, not the older one nor the legacy column. */
    "INSERT INTO catalogue_amounts VALUES ('AMI2', '2000-01-01', 300000),"
    " ('AMI2', '2026-01-01', 387600);"
    "INSERT INTO customers(id, pnr, name, counsellor_id, created_at) VALUES"
    " (5, '19850312-2387', 'Eva Ek', 1, 'x'),"
    " (6, '19900505-4573', 'Oskar Lind', 2, 'x');"
    "INSERT INTO placements(id, customer_id, code, provider_id, start_date,"
    " end_date, ending, ending_decided_on, created_at) VALUES"
    " (10, 5, 'AMI2', 1, '2026-01-01', NULL, NULL, NULL, 'x'),"
    " (11, 6, 'AMI2', 2, '2026-01-01', NULL, NULL, NULL, 'x'),"
    " (12, 5, 'AMI2', 1, '2026-01-01', NULL, NULL, NULL, 'x'),"
    " (20, 5, 'AMI2', 1, '2026-06-01', '2026-10-31', 'completed',"
    "  '2026-06-01', 'x'),"
    " (21, 5, 'AMI2', 1, '2026-06-01', '2026-10-31', NULL, NULL, 'x'),"
    " (22, 5, 'AMI2', 1, '2026-06-01', '2026-10-31', NULL, NULL, 'x'),"
    " (23, 5, 'AMI2', 1, '2026-06-01', '2026-10-20', 'aborted',"
    "  '2026-10-20', 'x'),"
    " (24, 5, 'AMI2', 1, '2026-06-01', '2026-10-20', 'aborted',"
    "  '2026-10-20', 'x'),"
    " (25, 5, 'AMI2', 1, '2026-06-01', '2026-10-25', 'aborted',"
    "  '2026-10-25', 'x');"
    /* 23:30Z on the 7th is 00:30 on the 8th in Stockholm: late. */
    DOC(100, 10, "monthly", "2026-10", "approved", "2026-11-07T23:30:00Z")
    SUBMIT(100, "2026-11-07T23:30:00Z")
    /* 22:59Z is 23:59 on the 7th: in time. */
    DOC(101, 11, "monthly", "2026-10", "approved", "2026-11-07T22:59:00Z")
    SUBMIT(101, "2026-11-07T22:59:00Z")
    /* First submitted the 5th, returned, again the 10th: in time. */
    DOC(102, 12, "monthly", "2026-10", "approved", "2026-11-10T10:00:00Z")
    SUBMIT(102, "2026-11-05T10:00:00Z")
    SUBMIT(102, "2026-11-10T10:00:00Z")
    DOC(103, 10, "monthly", "2026-12", "approved", "2027-01-05T10:00:00Z")
    SUBMIT(103, "2027-01-05T10:00:00Z")
    DOC(104, 10, "monthly", "2027-01", "approved", "2027-02-03T10:00:00Z")
    SUBMIT(104, "2027-02-03T10:00:00Z")
    DOC(105, 12, "monthly", "2026-11", "submitted", "2026-12-03T10:00:00Z")
    SUBMIT(105, "2026-12-03T10:00:00Z")
    /* Completed 31 Oct; the final report first came on the 30th. */
    DOC(200, 20, "monthly", "2026-10", "approved", "2026-11-03T10:00:00Z")
    SUBMIT(200, "2026-11-03T10:00:00Z")
    DOC(201, 20, "final", "", "approved", "2026-11-02T10:00:00Z")
    SUBMIT(201, "2026-10-30T10:00:00Z")
    SUBMIT(201, "2026-11-02T10:00:00Z")
    /* Its final report first came on 1 Nov (00:30 local): unpaid. */
    DOC(210, 21, "monthly", "2026-10", "approved", "2026-11-03T10:00:00Z")
    SUBMIT(210, "2026-11-03T10:00:00Z")
    DOC(211, 21, "final", "", "approved", "2026-10-31T23:30:00Z")
    SUBMIT(211, "2026-10-31T23:30:00Z")
    /* No final report at all. */
    DOC(220, 22, "monthly", "2026-10", "approved", "2026-11-03T10:00:00Z")
    SUBMIT(220, "2026-11-03T10:00:00Z")
    /* Aborted 20 Oct, final report on the 14th day after: paid. */
    DOC(230, 23, "monthly", "2026-10", "approved", "2026-11-04T10:00:00Z")
    SUBMIT(230, "2026-11-04T10:00:00Z")
    DOC(231, 23, "final", "", "approved", "2026-11-03T10:00:00Z")
    SUBMIT(231, "2026-11-03T10:00:00Z")
    /* Aborted 20 Oct, final report on the 15th day: unpaid. */
    DOC(240, 24, "monthly", "2026-10", "approved", "2026-11-04T10:00:00Z")
    SUBMIT(240, "2026-11-04T10:00:00Z")
    DOC(241, 24, "final", "", "approved", "2026-11-04T10:00:00Z")
    SUBMIT(241, "2026-11-04T10:00:00Z")
    /* Aborted 25 Oct, final report 8 Nov: paid, after the cut-off. */
    DOC(250, 25, "monthly", "2026-10", "approved", "2026-11-04T10:00:00Z")
    SUBMIT(250, "2026-11-04T10:00:00Z")
    DOC(251, 25, "final", "", "approved", "2026-11-08T10:00:00Z")
    SUBMIT(251, "2026-11-08T10:00:00Z");

static int
setup(void **state)
{
	static struct db	*db = NULL;

	if ((db = db_open(":memory:", 1)) == NULL || db_migrate(db) == -1 ||
	    db_exec(db, fixture) == -1)
		return -1;
	*state = db;
	return 0;
}

static int
teardown(void **state)
{
	db_close(*state);
	return 0;
}

static char *
csv_of(struct db *db, const char *month, long counsellor, int cutoff_day)
{
	char	*csv;
	size_t	 len;

	assert_int_equal(payments_csv(db, month, counsellor, cutoff_day, &csv,
	    &len), 0);
	assert_int_equal(strlen(csv), len);
	return csv;
}

/* Asserts the CSV of run month (every counsellor, the 7th) is want. */
static void
assert_run_csv(struct db *db, const char *month, const char *want)
{
	char	*csv = csv_of(db, month, 0, 7);

	assert_string_equal(csv, want);
	free(csv);
}

/*
 * October's run: reports on October first submitted by 7 Nov local time
 * (a later resubmission does not count), the end months by their final
 * reports, the aborted placement's two weeks.
 */
static void
test_payments_run_of_october(void **state)
{
	assert_run_csv(*state, "2026-10", HEADER
	    F "12,K-5,2026-10,månadsrapport,31,3876.00,nej,\r\n"
	    F "20,K-5,2026-10,månadsrapport,31,3876.00,nej,\r\n"
	    F "21,K-5,2026-10,månadsrapport,31,0.00,nej,"
	    LATE_FINAL("2026-10-31") "\r\n"
	    F "22,K-5,2026-10,månadsrapport,31,0.00,nej,slutrapport saknas: "
	    "sista månaden betalas när den är godkänd\r\n"
	    /* 20 days: 387 600 / 30 x 20; two weeks: x 14. */
	    F "23,K-5,2026-10,månadsrapport,20,2584.00,nej,\r\n"
	    F "23,K-5,2026-10,slutrapport,14,1808.80,nej,\r\n"
	    F "24,K-5,2026-10,månadsrapport,20,0.00,nej,"
	    LATE_FINAL("2026-11-03") "\r\n"
	    F "24,K-5,2026-10,slutrapport,14,0.00,nej,"
	    LATE_FINAL("2026-11-03") "\r\n"
	    S "11,K-6,2026-10,månadsrapport,31,3876.00,nej,\r\n");
}

/*
 * November's run: October's report first submitted on the 8th (local),
 * marked late, and the aborted placement whose final report came after
 * October's cut-off: its end month and two weeks follow it.  Nothing of
 * November is approved yet.
 */
static void
test_payments_run_of_november_pays_late_report(void **state)
{
	assert_run_csv(*state, "2026-11", HEADER
	    F "10,K-5,2026-10,månadsrapport,31,3876.00,ja,"
	    "kom in efter brytdatum 2026-11-07\r\n"
	    F "25,K-5,2026-10,månadsrapport,25,3230.00,ja,"
	    "kom in efter brytdatum 2026-11-07\r\n"
	    F "25,K-5,2026-10,slutrapport,14,1808.80,ja,"
	    "kom in efter brytdatum 2026-11-07\r\n");
}

/* payment_cutoff_day = 10: the 8th is in time, the run is October's. */
static void
test_payments_cutoff_day(void **state)
{
	char	*csv = csv_of(*state, "2026-10", 0, 10);

	assert_non_null(strstr(csv,
	    F "10,K-5,2026-10,månadsrapport,31,3876.00,nej,\r\n"));
	free(csv);
	csv = csv_of(*state, "2026-11", 0, 10);
	assert_null(strstr(csv, F "10,"));
	assert_null(strstr(csv, F "25,"));
	free(csv);
}

/* Writes text to a temporary file; returns its path (static). */
static const char *
temp_file(const char *text)
{
	static char	 path[64];
	FILE		*f;
	int		 fd;

	snprintf(path, sizeof(path), "/tmp/test_payments_XXXXXX");
	assert_true((fd = mkstemp(path)) != -1);
	assert_non_null(f = fdopen(fd, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

#define CAT_ROW(from, sek) \
	"AMI2\tA\tArbetsträning\t12\t" from "\t" sek "\n"

/*
 * A year change: December at the old amount, January at the new one
 * loaded in December; loading it does not change December's total, and
 * an amount valid from a day that has passed is refused.
 */
static void
test_payments_year_change(void **state)
{
	const char	*path;
	int		 count;

	assert_run_csv(*state, "2026-12", HEADER
	    F "10,K-5,2026-12,månadsrapport,31,3876.00,nej,\r\n");
	path = temp_file("code\tkundval\tname\tmax_months\tvalid_from\t"
	    "monthly_amount_sek\n" CAT_ROW("2026-01-01", "3876")
	    CAT_ROW("2027-01-01", "4000.50"));
	assert_int_equal(catalogue_load(*state, path, ymd("2026-12-20"),
	    &count), 0);
	unlink(path);
	assert_int_equal(count, 2);
	assert_run_csv(*state, "2026-12", HEADER
	    F "10,K-5,2026-12,månadsrapport,31,3876.00,nej,\r\n");
	assert_run_csv(*state, "2027-01", HEADER
	    F "10,K-5,2027-01,månadsrapport,31,4000.50,nej,\r\n");

	/* December has begun: an amount valid from its 1st would re-price it. */
	path = temp_file(CAT_ROW("2026-12-01", "5000"));
	assert_int_equal(catalogue_load(*state, path, ymd("2026-12-20"),
	    &count), 2);
	/* So would a changed amount of a validity that has begun. */
	unlink(path);
	path = temp_file(CAT_ROW("2026-01-01", "3900"));
	assert_int_equal(catalogue_load(*state, path, ymd("2026-12-20"),
	    &count), 2);
	unlink(path);
	/* The amount already in force, valid from a past day, changes nothing. */
	path = temp_file(CAT_ROW("2026-06-01", "3876"));
	assert_int_equal(catalogue_load(*state, path, ymd("2026-12-20"),
	    &count), 0);
	unlink(path);
	/* The old format (no valid_from) is refused. */
	path = temp_file("AMI2\tA\tArbetsträning\t12\t3876\n");
	assert_int_equal(catalogue_load(*state, path, ymd("2026-12-20"),
	    &count), 2);
	unlink(path);
	assert_run_csv(*state, "2026-12", HEADER
	    F "10,K-5,2026-12,månadsrapport,31,3876.00,nej,\r\n");
}

static void
test_payments_counsellor(void **state)
{
	char	*csv = csv_of(*state, "2026-10", 2, 7);

	assert_string_equal(csv, HEADER
	    S "11,K-6,2026-10,månadsrapport,31,3876.00,nej,\r\n");
	free(csv);
	/* Nothing paid: the header alone. */
	csv = csv_of(*state, "2026-09", 0, 7);
	assert_string_equal(csv, HEADER);
	free(csv);
}

/* The report's page: the same amount, the run once submitted. */
static void
test_payments_of_document(void **state)
{
	struct document	 d;
	struct pay_row	 r;

	memset(&d, 0, sizeof(d));
	d.id = 100;
	d.placement_id = 10;
	snprintf(d.kind, sizeof(d.kind), "monthly");
	snprintf(d.period, sizeof(d.period), "2026-10");
	assert_int_equal(payments_of_document(*state, 7, &d, &r), 0);
	assert_int_equal(r.amount_ore, 387600);
	assert_true(r.submitted && r.late);
	assert_int_equal(r.run_month, 11);
	/* The end month held: amount 0 and why. */
	d.id = 220;
	d.placement_id = 22;
	assert_int_equal(payments_of_document(*state, 7, &d, &r), 0);
	assert_int_equal(r.hold, FINAL_MISSING);
	assert_int_equal(r.amount_ore, 0);
	/* Not yet submitted: no run. */
	assert_int_equal(db_exec(*state, "INSERT INTO documents(id,"
	    " placement_id, kind, period, state, title, created_at, updated_at)"
	    " VALUES (106, 12, 'monthly', '2026-12', 'draft', 't', 'x', 'x')"),
	    0);
	d.id = 106;
	d.placement_id = 12;
	snprintf(d.period, sizeof(d.period), "2026-12");
	assert_int_equal(payments_of_document(*state, 7, &d, &r), 0);
	assert_false(r.submitted);
	assert_int_equal(r.days, 31);
}

static void
test_payments_bad_month(void **state)
{
	char	*csv;
	size_t	 len;

	assert_int_equal(payments_csv(*state, "2024-3", 0, 7, &csv, &len), 1);
	assert_null(csv);
	assert_int_equal(payments_csv(*state, "2024-13", 0, 7, &csv, &len), 1);
	assert_int_equal(payments_csv(*state, NULL, 0, 7, &csv, &len), 1);
	assert_int_equal(payments_csv(*state, "2024-03'--", 0, 7, &csv, &len),
	    1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payments_run_of_october),
		cmocka_unit_test(test_payments_run_of_november_pays_late_report),
		cmocka_unit_test(test_payments_cutoff_day),
		cmocka_unit_test(test_payments_counsellor),
		cmocka_unit_test(test_payments_of_document),
		cmocka_unit_test(test_payments_bad_month),
		/* Last: it loads new amounts. */
		cmocka_unit_test(test_payments_year_change),
	};

	/* Local dates as the server sees them (server.c sets TZ). */
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	return cmocka_run_group_tests(tests, setup, teardown);
}
