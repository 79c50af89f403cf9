/*
 * Unit tests of payments: the payment basis CSV (RFC 4180, header row,
 * one row per approved monthly report of the month, counsellor filter,
 * amounts in kronor with öre, late after the cut-off).  A real :memory:
 * SQLite database at the current schema.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "payments.h"

#define HEADER	"anordnare,insats,kundreferens,dagar,belopp,sen\r\n"

static int
setup(void **state)
{
	static struct db	 db;

	if (db_open(&db, ":memory:", 1) == -1 || db_migrate(&db) == -1)
		return -1;
	/* Two providers (one with a comma and a quote in its name), two
	 * counsellors, three placements with monthly reports of 2024-03. */
	if (db_exec(&db,
	    "INSERT INTO organisations(id, name) VALUES (1, 'Framtid AB'),"
	    " (2, 'Steget \"Vidare\", Nacka');"
	    "INSERT INTO users(id, login, name, role, organisation_id) VALUES"
	    " (1, 'karin', 'Karin', 'counsellor', NULL),"
	    " (2, 'kalle', 'Kalle', 'counsellor', NULL),"
	    " (3, 'anna', 'Anna', 'provider', 1);"
	    "INSERT INTO catalogue VALUES ('AMI2', 'A', 'Arbetsträning', 12, 387600),"
	    " ('FAI1', 'F', 'Arbetsprövning', 3, 816000);"
	    "INSERT INTO customers(id, pnr, name, counsellor_id, created_at) VALUES"
	    " (5, '19850312-2387', 'Eva Ek', 1, 'x'),"
	    " (6, '19900505-4573', 'Oskar Lind', 2, 'x'),"
	    " (7, '19750630-2590', 'Johan Svensson', 1, 'x');"
	    "INSERT INTO placements(id, customer_id, code, provider_id, start_date,"
	    " end_date, created_at) VALUES"
	    " (10, 5, 'AMI2', 1, '2024-01-10', NULL, 'x'),"
	    " (11, 6, 'FAI1', 2, '2024-03-17', '2024-06-16', 'x'),"
	    " (12, 7, 'AMI2', 1, '2024-02-01', '2024-03-09', 'x');"
	    "INSERT INTO documents(placement_id, kind, period, revision, state,"
	    " title, created_at, updated_at, submitted_at) VALUES"
	    " (10, 'monthly', '2024-03', 1, 'approved', 't', 'x', 'x',"
	    "  '2024-04-05T10:00:00Z'),"
	    " (11, 'monthly', '2024-03', 1, 'approved', 't', 'x', 'x',"
	    "  '2024-04-08T10:00:00Z'),"
	    " (12, 'monthly', '2024-03', 1, 'submitted', 't', 'x', 'x',"
	    "  '2024-04-02T10:00:00Z'),"
	    " (10, 'monthly', '2024-02', 1, 'approved', 't', 'x', 'x',"
	    "  '2024-03-02T10:00:00Z'),"
	    " (12, 'plan', '', 1, 'approved', 't', 'x', 'x',"
	    "  '2024-02-02T10:00:00Z');") == -1)
		return -1;
	*state = &db;
	return 0;
}

static int
teardown(void **state)
{
	db_close(*state);
	return 0;
}

static char *
csv_of(struct db *db, const char *month, long counsellor)
{
	char	*csv;
	size_t	 len;

	assert_int_equal(payments_csv(db, month, counsellor, &csv, &len), 0);
	assert_int_equal(strlen(csv), len);
	return csv;
}

static void
test_payments_all(void **state)
{
	char	*csv = csv_of(*state, "2024-03", 0);

	/* Whole month 3 876.00; 15 days of 8 160 = 4 080.00, after the
	 * cut-off (2024-04-07); the submitted (not approved) one is absent. */
	assert_string_equal(csv, HEADER
	    "Framtid AB,10,K-5,31,3876.00,nej\r\n"
	    "\"Steget \"\"Vidare\"\", Nacka\",11,K-6,15,4080.00,ja\r\n");
	free(csv);
}

static void
test_payments_counsellor(void **state)
{
	char	*csv = csv_of(*state, "2024-03", 2);

	assert_null(strstr(csv, "Framtid AB"));
	assert_non_null(strstr(csv, ",11,K-6,15,4080.00,ja\r\n"));
	free(csv);
	csv = csv_of(*state, "2024-03", 1);
	assert_string_equal(csv, HEADER "Framtid AB,10,K-5,31,3876.00,nej\r\n");
	free(csv);
	/* Nothing approved: the header alone. */
	csv = csv_of(*state, "2023-12", 0);
	assert_string_equal(csv, HEADER);
	free(csv);
}

static void
test_payments_bad_month(void **state)
{
	char	*csv;
	size_t	 len;

	assert_int_equal(payments_csv(*state, "2024-3", 0, &csv, &len), 1);
	assert_null(csv);
	assert_int_equal(payments_csv(*state, "2024-13", 0, &csv, &len), 1);
	assert_int_equal(payments_csv(*state, NULL, 0, &csv, &len), 1);
	assert_int_equal(payments_csv(*state, "2024-03'--", 0, &csv, &len), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payments_all),
		cmocka_unit_test(test_payments_counsellor),
		cmocka_unit_test(test_payments_bad_month),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
