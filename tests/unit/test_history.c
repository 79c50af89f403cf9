/*
 * Unit tests of what a document's view reads of its history (issue 15):
 * the latest entries (store_doc_history_latest_each, two lists merged)
 * are the last entries of the whole history (store_doc_history_each) in
 * the opposite order, for every limit; the count kept on the document
 * (migration 14, filled from what was there before and kept by triggers)
 * is the length of the whole history through every kind of write; and
 * the latest return is the latest, with its comment.
 *
 * Document 1 is saved and moved through the workflow by the store's own
 * functions, saves between events; document 2 has the history of a save
 * before migration 8 (a version without a state and a "save" event).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db.h"
#include "doclists.h"
#include "store.h"

#define MAX_ENTRIES	64

static struct db	*db = NULL;
static struct user	 anna, karin;
static struct placement	 pl;
static long		 doc;

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

/* Entries as text, to compare lists. */
struct entries {
	char	 e[MAX_ENTRIES][96];
	int	 n;
};

static int
collect(const struct doc_event *ev, void *arg)
{
	struct entries	*l = arg;

	assert_true(l->n < MAX_ENTRIES);
	snprintf(l->e[l->n++], sizeof(l->e[0]), "%s %s %s %s>%s %s", ev->at,
	    ev->actor, ev->action, ev->from ? ev->from : "-",
	    ev->to ? ev->to : "-", ev->comment ? ev->comment : "-");
	return 0;
}

static void
whole(long id, struct entries *l)
{
	l->n = 0;
	assert_int_equal(store_doc_history_each(db, id, collect, l), 0);
}

static long
count_of(long id)
{
	long	 n = -1;

	assert_int_equal(store_doc_history_count(db, id, &n), 0);
	return n;
}

/* Every limit gives the last entries of the whole, newest first. */
static void
assert_latest_is_tail(long id)
{
	struct entries	 all, latest;
	int		 limit, i, want;

	whole(id, &all);
	for (limit = 0; limit <= all.n + 2; limit++) {
		latest.n = 0;
		assert_int_equal(store_doc_history_latest_each(db, id, limit,
		    collect, &latest), 0);
		want = limit < all.n ? limit : all.n;
		assert_int_equal(latest.n, want);
		for (i = 0; i < want; i++)
			assert_string_equal(latest.e[i], all.e[all.n - 1 - i]);
	}
}

static void
load(long id, struct document *d)
{
	assert_int_equal(store_document_get(db, id, d), 0);
}

static void
save(long id)
{
	struct document	 d;

	load(id, &d);
	assert_int_equal(store_document_save(db, &anna, &d, d.version,
	    "<plan/>"), 0);
}

static void
transition(long id, const struct user *u, enum wf_action a,
    enum doc_state to, const char *comment)
{
	struct document	 d;

	load(id, &d);
	assert_int_equal(store_document_transition(db, u, &d, &pl, a, to,
	    comment, NULL), 0);
}

static int
setup(void **state)
{
	(void)state;
	if ((db = db_open(":memory:", 1)) == NULL ||
	    db_migrate_to(db, 12) == -1 ||
	    db_exec(db, "INSERT INTO organisations(id, name) VALUES (1, 'Org');"
	    "INSERT INTO users(id, login, name, role, organisation_id) VALUES"
	    " (1, 'karin', 'Karin K', 'counsellor', NULL),"
	    " (2, 'anna', 'Anna A', 'provider', 1);"
	    "INSERT INTO catalogue VALUES ('AMI2', 'A', 'Arbetsträning', 12,"
	    " 387600);"
	    "INSERT INTO customers(id, pnr, name, counsellor_id, created_at)"
	    " VALUES (1, 'P1', 'K', 1, 'x');"
	    "INSERT INTO placements(id, customer_id, code, provider_id,"
	    " start_date, end_date, created_at) VALUES"
	    " (1, 1, 'AMI2', 1, '2026-01-05', '2026-06-30', 'x');"
	    /* Saved before migration 8: versions without a state, events. */
	    "INSERT INTO documents(id, placement_id, kind, period, revision,"
	    " state, version, title, created_at, updated_at) VALUES"
	    " (2, 1, 'monthly', '2026-01', 1, 'draft', 3, 't', 'x', 'x');"
	    "INSERT INTO document_versions(document_id, version, xml, saved_by,"
	    " saved_at) VALUES (2, 1, '<a/>', 2, '2026-02-01T08:00:00Z'),"
	    " (2, 2, '<a/>', 2, '2026-02-02T08:00:00Z'),"
	    " (2, 3, '<a/>', 2, '2026-02-03T08:00:00Z');"
	    "INSERT INTO events(document_id, actor_id, at, action, to_state)"
	    " VALUES (2, 2, '2026-02-01T08:00:00Z', 'create', 'draft'),"
	    " (2, 2, '2026-02-02T08:00:00Z', 'save', 'draft'),"
	    " (2, 2, '2026-02-03T08:00:00Z', 'save', 'draft');") == -1 ||
	    db_migrate(db) == -1 ||
	    store_user_by_login(db, "anna", &anna) != 0 ||
	    store_user_by_login(db, "karin", &karin) != 0 ||
	    store_placement_get(db, 1, &pl) != 0 ||
	    store_document_create(db, &anna, &pl, "plan", "", 1, "Plan",
	    "<plan/>", &doc) != 0)
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

/* Migration 14 counts what the history had before it. */
static void
test_history_count_migrated(void **state)
{
	struct entries	 all;

	(void)state;
	assert_int_equal(one("PRAGMA user_version"), DB_SCHEMA_VERSION);
	whole(2, &all);
	assert_int_equal(all.n, 3);
	assert_int_equal(count_of(2), 3);
	assert_latest_is_tail(2);
}

/* Saves between events: the latest are the tail, the count follows. */
static void
test_history_latest_and_count_follow_the_workflow(void **state)
{
	struct entries	 all;
	int		 i;

	(void)state;
	assert_int_equal(count_of(doc), 1);
	for (i = 0; i < 3; i++)
		save(doc);
	transition(doc, &anna, ACTION_SUBMIT, STATE_SUBMITTED, NULL);
	transition(doc, &karin, ACTION_RETURN, STATE_RETURNED, "Först.");
	save(doc);
	transition(doc, &anna, ACTION_SUBMIT, STATE_SUBMITTED, NULL);
	transition(doc, &karin, ACTION_RETURN, STATE_RETURNED, "Sedan.");
	for (i = 0; i < 5; i++)
		save(doc);
	whole(doc, &all);
	assert_int_equal(all.n, 1 + 3 + 2 + 1 + 2 + 5);
	assert_int_equal(count_of(doc), all.n);
	assert_latest_is_tail(doc);
	/* A save of one's own document moves no other's count. */
	assert_int_equal(count_of(2), 3);
}

/* Writes by hand: new, moved, changed and deleted rows. */
static void
test_history_count_follows_every_write(void **state)
{
	static const char *const steps[] = {
		"INSERT INTO events(document_id, placement_id, actor_id, at,"
		" action) VALUES (NULL, 1, 1, '2026-03-01T08:00:00Z', 'staff'),"
		" (2, NULL, 1, '2026-03-01T08:00:00Z', 'comment')",
		"INSERT INTO document_versions(document_id, version, xml,"
		" saved_by, saved_at, state) VALUES"
		" (2, 4, '<a/>', 2, '2026-03-02T08:00:00Z', 'draft'),"
		" (2, 5, '<a/>', 2, '2026-03-02T08:00:00Z', NULL)",
		"UPDATE document_versions SET state = 'draft'"
		" WHERE document_id = 2 AND version = 5",
		"UPDATE document_versions SET state = NULL"
		" WHERE document_id = 2 AND version = 4",
		"UPDATE events SET document_id = 2 WHERE action = 'submit'",
		"UPDATE events SET document_id = NULL, placement_id = 1"
		" WHERE action = 'comment'",
		"DELETE FROM events WHERE action = 'return' AND comment = 'Först.'",
		"DELETE FROM document_versions WHERE version > 3",
		"DELETE FROM events WHERE document_id = 2",
	};
	struct entries	 a, b;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		assert_int_equal(db_exec(db, steps[i]), 0);
		whole(doc, &a);
		whole(2, &b);
		if (count_of(doc) != a.n || count_of(2) != b.n)
			fail_msg("step %zu: %s: %ld/%d, %ld/%d", i, steps[i],
			    count_of(doc), a.n, count_of(2), b.n);
	}
	assert_int_equal(count_of(2), 0);
}

/* The latest return, with its comment; none for one never returned. */
static int
keep_comment(const struct doc_event *ev, void *arg)
{
	snprintf(arg, 64, "%s %s %s", ev->action, ev->actor_name,
	    ev->comment ? ev->comment : "-");
	return 0;
}

static void
test_history_latest_return(void **state)
{
	char	 got[64] = "";

	(void)state;
	assert_int_equal(store_doc_latest_return(db, doc, keep_comment, got),
	    0);
	assert_string_equal(got, "return Karin K Sedan.");
	assert_int_equal(store_doc_latest_return(db, 2, keep_comment, got),
	    1);
	assert_int_equal(store_doc_history_count(db, 99, &(long){ 0 }), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_count_migrated),
		cmocka_unit_test(
		    test_history_latest_and_count_follow_the_workflow),
		cmocka_unit_test(test_history_latest_return),
		cmocka_unit_test(test_history_count_follows_every_write),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
