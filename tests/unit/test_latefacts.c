/*
 * Unit tests of the lateness facts stored on each document (migration
 * 12): a database built at schema version 11 with documents, their events
 * (out of order, repeated, a placement's own) and saved final reports is
 * migrated; then every document's stored first submission, returns, first
 * review and approval equal those computed from its events, and what its
 * current content states of the ending is what the stored XML states.
 * After it, the triggers keep them through every kind of write of an
 * event (new ones earlier and later, moved, moved to another document,
 * deleted), a save of a final report stores its new ending, and each
 * placement's counsellor follows its customer's.
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

#include "db.h"
#include "latefacts.h"
#include "store.h"
#include "helpers.h"

/* A final report's content: ending e, end and decision ("" leaves out). */
#define FINAL_XML(E, END, DECISION) \
	"<final><ending>" E "</ending><decisionDate>" DECISION \
	"</decisionDate><endDate>" END "</endDate><outcome/>" \
	"<selfSupporting/><goalReached/><nextStep/><summary/></final>"

static struct db	*db = NULL;

static void
exec_ok(const char *sql)
{
	assert_int_equal(db_exec(db, sql), 0);
}

/* The one integer of query q. */
static long long
one(const char *q)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	assert_int_equal(sqlite3_prepare_v2(db->conn, q, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * The documents whose stored facts are not those of their events, and
 * the placements whose counsellor is not their customer's: 0 when the
 * columns are right.
 */
static long long
drift(void)
{
	return one("SELECT count(*) FROM documents d WHERE"
	    " d.first_submitted_at IS NOT (SELECT min(at) FROM events"
	    " WHERE document_id = d.id AND action = 'submit')"
	    " OR d.returns IS NOT (SELECT count(*) FROM events"
	    " WHERE document_id = d.id AND action = 'return')"
	    " OR d.first_reviewed_at IS NOT (SELECT min(at) FROM events"
	    " WHERE document_id = d.id AND action IN ('return', 'approve'))"
	    " OR d.approved_at IS NOT (SELECT min(at) FROM events"
	    " WHERE document_id = d.id AND action = 'approve')") +
	    one("SELECT count(*) FROM placements p JOIN customers c"
	    " ON c.id = p.customer_id WHERE p.counsellor_id IS NOT"
	    " c.counsellor_id");
}

/* The facts of document doc of placement pl, as every list reads them. */
static struct doc_fact
facts(long pl, long doc)
{
	struct doc_fact	 f;

	assert_int_equal(late_fact_of(db, pl, doc, &f), 0);
	return f;
}

static void
assert_day(struct date d, const char *want)
{
	char	 got[11];

	if (want == NULL) {
		assert_int_equal(d.year, 0);
		return;
	}
	date_format(d, got);
	assert_string_equal(got, want);
}

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	if ((db = db_open(":memory:", 1)) == NULL ||
	    db_migrate_to(db, 11) == -1 ||
	    one("PRAGMA user_version") != 11)
		return -1;
	/*
	 * Placement 1: a plan submitted, returned twice, approved; a
	 * monthly report submitted twice (its events written out of order);
	 * a final report saved twice, the current version stating an early
	 * ending.  Placement 2: a final report whose content states none
	 * and one without any saved content; a placement's own event.
	 */
	if (db_exec(db, "INSERT INTO organisations(id, name) VALUES (1, 'Org');"
	    "INSERT INTO users(id, login, name, role, organisation_id) VALUES"
	    " (1, 'karin', 'Karin', 'counsellor', NULL),"
	    " (2, 'kalle', 'Kalle', 'counsellor', NULL),"
	    " (3, 'anna', 'Anna', 'provider', 1);"
	    "INSERT INTO catalogue VALUES ('AMI2', 'A', 'Arbetsträning', 12,"
	    " 387600);"
	    "INSERT INTO customers(id, pnr, name, counsellor_id, created_at)"
	    " VALUES (1, 'P1', 'K', 1, 'x'), (2, 'P2', 'K', 2, 'x');"
	    "INSERT INTO placements(id, customer_id, code, provider_id,"
	    " start_date, end_date, created_at) VALUES"
	    " (1, 1, 'AMI2', 1, '2026-01-05', '2026-06-30', 'x'),"
	    " (2, 2, 'AMI2', 1, '2026-02-02', NULL, 'x');"
	    "INSERT INTO documents(id, placement_id, kind, period, revision,"
	    " state, version, title, created_at, updated_at) VALUES"
	    " (1, 1, 'plan', '', 1, 'approved', 1, 't', 'x', 'x'),"
	    " (2, 1, 'monthly', '2026-01', 1, 'submitted', 1, 't', 'x', 'x'),"
	    " (3, 1, 'final', '', 1, 'draft', 2, 't', 'x', 'x'),"
	    " (4, 2, 'final', '', 1, 'draft', 1, 't', 'x', 'x'),"
	    " (5, 2, 'final', '', 2, 'draft', 1, 't', 'x', 'x');"
	    "INSERT INTO document_versions(document_id, version, xml, saved_by,"
	    " saved_at) VALUES"
	    " (3, 1, '" FINAL_XML("aborted", "2026-05-01", "2026-04-20") "',"
	    " 3, 'x'),"
	    " (3, 2, '" FINAL_XML("early", "2026-05-15", "2026-05-02") "',"
	    " 3, 'x'),"
	    " (4, 1, '" FINAL_XML("", "", "") "', 3, 'x');"
	    "INSERT INTO events(document_id, placement_id, actor_id, at, action)"
	    " VALUES (1, NULL, 3, '2026-01-10T23:30:00Z', 'submit'),"
	    " (1, NULL, 1, '2026-01-12T10:00:00Z', 'return'),"
	    " (1, NULL, 3, '2026-01-13T10:00:00Z', 'submit'),"
	    " (1, NULL, 1, '2026-01-14T10:00:00Z', 'return'),"
	    " (1, NULL, 1, '2026-01-16T10:00:00Z', 'approve'),"
	    " (2, NULL, 3, '2026-02-09T10:00:00Z', 'submit'),"
	    " (2, NULL, 3, '2026-02-06T22:59:59Z', 'submit'),"
	    " (NULL, 1, 1, '2026-01-05T10:00:00Z', 'staff');") == -1 ||
	    db_migrate(db) == -1)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(db);
	return 0;
}

/* The migration fills the facts from the events, local days read. */
static void
test_latefacts_migrated_from_events(void **state)
{
	struct doc_fact	 f;

	(void)state;
	assert_int_equal(one("PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(drift(), 0);
	f = facts(1, 1);
	assert_day(f.submitted, "2026-01-11");	/* 23:30 UTC: the next day */
	assert_int_equal(f.returns, 2);
	assert_day(f.reviewed, "2026-01-12");
	assert_day(f.approved, "2026-01-16");
	f = facts(1, 2);
	assert_day(f.submitted, "2026-02-06");	/* the earlier, written later */
	assert_int_equal(f.returns, 0);
	assert_day(f.reviewed, NULL);
	assert_day(f.approved, NULL);
	assert_false(f.final.has_ending);
}

/* The ending a final report's current version states, or none. */
static void
test_latefacts_migrated_stated_ending(void **state)
{
	struct doc_fact	 f;

	(void)state;
	f = facts(1, 3);
	assert_true(f.final.has_ending);
	assert_int_equal(f.final.ending, ENDING_EARLY);
	assert_day(f.final.end, "2026-05-15");
	assert_day(f.final.decision, "2026-05-02");
	f = facts(2, 4);
	assert_false(f.final.has_ending);
	assert_day(f.final.end, NULL);
	f = facts(2, 5);
	assert_false(f.final.has_ending);
}

/* Every kind of write of an event keeps the facts. */
static void
test_latefacts_follow_event_writes(void **state)
{
	static const char *const steps[] = {
		/* Earlier and later events of each kind. */
		"INSERT INTO events(document_id, actor_id, at, action) VALUES"
		" (2, 3, '2026-02-01T08:00:00Z', 'submit'),"
		" (2, 1, '2026-02-10T08:00:00Z', 'approve'),"
		" (2, 1, '2026-02-08T08:00:00Z', 'return'),"
		" (1, 1, '2026-01-20T08:00:00Z', 'approve'),"
		" (1, 1, '2026-01-11T08:00:00Z', 'comment')",
		/* Moved back and forth, to another action, another document. */
		"UPDATE events SET at = '2026-01-09T10:00:00Z'"
		" WHERE document_id = 1 AND action = 'approve'"
		" AND at = '2026-01-20T08:00:00Z'",
		"UPDATE events SET at = '2026-03-01T10:00:00Z'"
		" WHERE document_id = 2 AND at = '2026-02-01T08:00:00Z'",
		"UPDATE events SET action = 'approve' WHERE document_id = 1"
		" AND at = '2026-01-12T10:00:00Z'",
		"UPDATE events SET document_id = 4 WHERE document_id = 2"
		" AND action = 'return'",
		"UPDATE events SET document_id = NULL, placement_id = 2"
		" WHERE document_id = 4",
		/* Deleted, one by one and all. */
		"DELETE FROM events WHERE document_id = 1 AND action = 'return'",
		"DELETE FROM events WHERE document_id = 2",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		exec_ok(steps[i]);
		if (drift() != 0)
			fail_msg("step %zu: %s", i, steps[i]);
	}
	assert_int_equal(one("SELECT returns FROM documents WHERE id = 1"), 0);
	assert_int_equal(one("SELECT first_submitted_at IS NULL"
	    " FROM documents WHERE id = 2"), 1);
}

/* A save stores what the new content states; another kind none. */
static void
test_latefacts_save_stores_stated_ending(void **state)
{
	struct user	 u;
	struct document	 d;
	struct doc_fact	 f;

	(void)state;
	assert_int_equal(store_user_by_login(db, "anna", &u), 0);
	assert_int_equal(store_document_get(db, 4, &d), 0);
	assert_int_equal(store_document_save(db, &u, &d, d.version,
	    FINAL_XML("completed", "2026-09-30", "")), 0);
	f = facts(2, 4);
	assert_true(f.final.has_ending);
	assert_int_equal(f.final.ending, ENDING_COMPLETED);
	assert_day(f.final.end, "2026-09-30");
	assert_day(f.final.decision, NULL);
	/* A content without an ending clears it. */
	assert_int_equal(store_document_get(db, 4, &d), 0);
	assert_int_equal(store_document_save(db, &u, &d, d.version,
	    FINAL_XML("", "", "")), 0);
	assert_false(facts(2, 4).final.has_ending);
	/* A kind without an ending rule stores nothing, whatever it holds. */
	exec_ok("UPDATE documents SET state = 'draft' WHERE id = 2");
	assert_int_equal(store_document_get(db, 2, &d), 0);
	assert_int_equal(store_document_save(db, &u, &d, d.version,
	    FINAL_XML("early", "2026-05-15", "")), 0);
	assert_int_equal(one("SELECT stated_ending IS NULL FROM documents"
	    " WHERE id = 2"), 1);
}

/* A placement's counsellor is its customer's, whatever changes. */
static void
test_latefacts_placement_counsellor_follows_customer(void **state)
{
	static const char *const steps[] = {
		"INSERT INTO placements(id, customer_id, code, provider_id,"
		" start_date, end_date, created_at) VALUES (3, 1, 'AMI2', 1,"
		" '2026-03-02', NULL, 'x')",
		"UPDATE customers SET counsellor_id = 2 WHERE id = 1",
		"UPDATE placements SET customer_id = 1 WHERE id = 2",
		"UPDATE placements SET counsellor_id = 1 WHERE id = 3",
		"UPDATE customers SET counsellor_id = 1",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		exec_ok(steps[i]);
		if (drift() != 0)
			fail_msg("step %zu: %s", i, steps[i]);
	}
	assert_int_equal(one("SELECT count(*) FROM placements"
	    " WHERE counsellor_id = 1"), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latefacts_migrated_from_events),
		cmocka_unit_test(test_latefacts_migrated_stated_ending),
		cmocka_unit_test(test_latefacts_follow_event_writes),
		cmocka_unit_test(test_latefacts_save_stores_stated_ending),
		cmocka_unit_test(
		    test_latefacts_placement_counsellor_follows_customer),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
