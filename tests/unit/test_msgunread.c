/*
 * Unit tests of the start page's unread messages (msgstore_unread_each)
 * and of each message's provider (migration 13, issue 15).  A database
 * built at schema version 12 with messages is migrated; every message
 * then carries its placement's provider, and triggers keep it so through
 * every write of a message or a placement.  A provider's list (found by
 * a merge in C since issue 15) is pinned row by row: the counts, the
 * order (newest unread message first), the newest time, the total over
 * all, a read mark moving, the viewer's own messages not counted, and
 * never a placement or a message of another organisation.  Then, over
 * many generated messages and read marks, every viewer's list at several
 * limits is the one the statement before issue 15 gives (REFERENCE).
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
#include "msgstore.h"
#include "store.h"
#include "helpers.h"

/*
 * The definition, as the one statement of both roles read it before
 * issue 15: ?1 the organisation (or the counsellor, with the second
 * FROM), ?2 the viewer, ?3 the limit.
 */
#define REFERENCE_SELECT \
	"SELECT p.id AS pid, count(m.id) AS n, max(m.at) AS latest," \
	" max(m.id) AS newest, sum(count(m.id)) OVER () AS total"
#define REFERENCE_WHERE \
	" LEFT JOIN message_reads r ON r.user_id = ?2" \
	" AND r.placement_id = p.id WHERE m.placement_id = p.id" \
	" AND m.author_id <> ?2 AND m.id > coalesce(r.last_read, 0)"
#define REFERENCE_END " GROUP BY p.id ORDER BY newest DESC LIMIT ?3"
#define REFERENCE_PROVIDER REFERENCE_SELECT \
	" FROM placements p CROSS JOIN messages m" REFERENCE_WHERE \
	" AND p.provider_id = ?1" REFERENCE_END
#define REFERENCE_COUNSELLOR REFERENCE_SELECT \
	" FROM placements p CROSS JOIN messages m" REFERENCE_WHERE \
	" AND p.counsellor_id = ?1" REFERENCE_END

#define ROWS_MAX	64
#define PLACEMENTS	40	/* of the generated data */

/* Users of the fixture. */
enum { KARIN = 1, KALLE, ANNA, ANDERS, BO };

/* One row of a list, as the start page gets it. */
struct row {
	long	 placement, provider, unread, total;
	char	 latest[32];
};

struct rows {
	struct row	 v[ROWS_MAX];
	int		 n;
};

static struct db	*db = NULL;

static void
exec_ok(const char *sql)
{
	if (db_exec(db, sql) != 0)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db->conn));
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

/* The messages whose provider is not their placement's: 0 when right. */
static long long
drift(void)
{
	return one("SELECT count(*) FROM messages m WHERE m.provider_id IS NOT"
	    " (SELECT p.provider_id FROM placements p"
	    " WHERE p.id = m.placement_id)");
}

static struct user
user(const char *login)
{
	struct user	 u;

	assert_int_equal(store_user_by_login(db, login, &u), 0);
	return u;
}

static int
keep_row(const struct unread_thread *t, void *arg)
{
	struct rows	*r = arg;
	struct row	*o;

	assert_true(r->n < ROWS_MAX);
	o = &r->v[r->n++];
	o->placement = t->p.id;
	o->provider = t->p.provider_id;
	o->unread = t->unread;
	o->total = t->total;
	assert_non_null(t->latest);
	snprintf(o->latest, sizeof(o->latest), "%s", t->latest);
	return 0;
}

/* u's list at limit, as the start page reads it. */
static struct rows
list(const struct user *u, int limit)
{
	struct rows	 r;

	memset(&r, 0, sizeof(r));
	assert_int_equal(msgstore_unread_each(db, u, limit, keep_row, &r), 0);
	return r;
}

/* u's list at limit by the statement before issue 15. */
static struct rows
reference(const struct user *u, int limit)
{
	sqlite3_stmt	*st;
	struct rows	 r;
	struct row	*o;
	int		 provider = u->role == ROLE_PROVIDER;

	memset(&r, 0, sizeof(r));
	assert_int_equal(sqlite3_prepare_v2(db->conn, provider ?
	    REFERENCE_PROVIDER : REFERENCE_COUNSELLOR, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(st, 1, provider ? u->org_id : u->id);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_int(st, 3, limit);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(r.n < ROWS_MAX);
		o = &r.v[r.n++];
		o->placement = (long)sqlite3_column_int64(st, 0);
		o->unread = (long)sqlite3_column_int64(st, 1);
		snprintf(o->latest, sizeof(o->latest), "%s",
		    (const char *)sqlite3_column_text(st, 2));
		o->total = (long)sqlite3_column_int64(st, 4);
		o->provider = provider ? u->org_id : -1;
	}
	sqlite3_finalize(st);
	return r;
}

/* Fails unless got and want are the same rows in the same order. */
static void
assert_rows(const struct rows *got, const struct rows *want,
    const char *what)
{
	int	 i;

	if (got->n != want->n)
		fail_msg("%s: %d rows, want %d", what, got->n, want->n);
	for (i = 0; i < got->n; i++) {
		if (got->v[i].placement != want->v[i].placement ||
		    got->v[i].unread != want->v[i].unread ||
		    got->v[i].total != want->v[i].total ||
		    strcmp(got->v[i].latest, want->v[i].latest) != 0 ||
		    (want->v[i].provider != -1 &&
		    got->v[i].provider != want->v[i].provider))
			fail_msg("%s: row %d is placement %ld (%ld unread of"
			    " %ld, %s), want %ld (%ld of %ld, %s)", what, i,
			    got->v[i].placement, got->v[i].unread,
			    got->v[i].total, got->v[i].latest,
			    want->v[i].placement, want->v[i].unread,
			    want->v[i].total, want->v[i].latest);
	}
}

/* Fails unless login's list at limit is the reference's. */
static void
assert_as_reference(const char *login, int limit, const char *what)
{
	struct user	 u = user(login);
	struct rows	 got = list(&u, limit), want = reference(&u, limit);
	char		 buf[160];

	snprintf(buf, sizeof(buf), "%s, %s at %d", what, login, limit);
	assert_rows(&got, &want, buf);
}

/* Every viewer's list at every limit is the reference's. */
static void
assert_all_as_reference(const char *what)
{
	static const char *const logins[] = { "anna", "anders", "bo",
		"karin", "kalle" };
	static const int limits[] = { 1, 2, 3, 7, 50 };
	size_t	 i, j;

	for (i = 0; i < sizeof(logins) / sizeof(logins[0]); i++)
		for (j = 0; j < sizeof(limits) / sizeof(limits[0]); j++)
			assert_as_reference(logins[i], limits[j], what);
}

/* Row i of r is placement pl with n unread, the newest at latest. */
static void
assert_row(const struct rows *r, int i, long pl, long n, const char *latest)
{
	assert_true(i < r->n);
	assert_int_equal(r->v[i].placement, pl);
	assert_int_equal(r->v[i].unread, n);
	assert_string_equal(r->v[i].latest, latest);
}

static int
setup(void **state)
{
	(void)state;
	if ((db = db_open(":memory:", 1)) == NULL ||
	    db_migrate_to(db, 12) == -1 ||
	    one("PRAGMA user_version") != 12)
		return -1;
	/*
	 * Framtid (1) has placements 1 to 3, Steget (2) placement 4, of
	 * customer 1, whose placement 1 was at Framtid.  Message 7 is sent
	 * after message 6 but stamped earlier: the newest message orders
	 * the list, the newest time is shown.  anna has read placement 1 up
	 * to message 1.
	 */
	if (db_exec(db, "INSERT INTO organisations(id, name) VALUES"
	    " (1, 'Framtid'), (2, 'Steget');"
	    "INSERT INTO users(id, login, name, role, organisation_id) VALUES"
	    " (1, 'karin', 'Karin', 'counsellor', NULL),"
	    " (2, 'kalle', 'Kalle', 'counsellor', NULL),"
	    " (3, 'anna', 'Anna', 'provider', 1),"
	    " (4, 'anders', 'Anders', 'provider', 1),"
	    " (5, 'bo', 'Bo', 'provider', 2);"
	    "INSERT INTO catalogue VALUES ('AMI2', 'A', 'Arbetsträning', 12,"
	    " 387600);"
	    "INSERT INTO customers(id, pnr, name, counsellor_id, created_at)"
	    " VALUES (1, 'P1', 'K', 1, 'x'), (2, 'P2', 'K', 2, 'x'),"
	    " (3, 'P3', 'K', 1, 'x');"
	    "INSERT INTO placements(id, customer_id, code, provider_id,"
	    " start_date, end_date, created_at) VALUES"
	    " (1, 1, 'AMI2', 1, '2026-01-05', '2026-02-27', 'x'),"
	    " (2, 2, 'AMI2', 1, '2026-02-02', NULL, 'x'),"
	    " (3, 3, 'AMI2', 1, '2026-02-09', NULL, 'x'),"
	    " (4, 1, 'AMI2', 2, '2026-03-02', NULL, 'x');"
	    "INSERT INTO messages(id, placement_id, author_id, at, kind, body)"
	    " VALUES (1, 1, 1, '2026-03-01T08:00:00Z', 'other', 'a'),"
	    " (2, 2, 2, '2026-03-01T09:00:00Z', 'other', 'b'),"
	    " (3, 1, 3, '2026-03-01T10:00:00Z', 'other', 'c'),"
	    " (4, 4, 1, '2026-03-02T08:00:00Z', 'other', 'd'),"
	    " (5, 3, 4, '2026-03-02T09:00:00Z', 'staffing', 'e'),"
	    " (6, 2, 2, '2026-03-02T10:00:00Z', 'other', 'f'),"
	    " (7, 1, 1, '2026-03-01T12:00:00Z', 'other', 'g'),"
	    " (8, 4, 5, '2026-03-03T08:00:00Z', 'staffing', 'h');"
	    "INSERT INTO message_reads(user_id, placement_id, last_read)"
	    " VALUES (3, 1, 1);") == -1 ||
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

/* The migration gives each message its placement's provider. */
static void
test_msgunread_migrated(void **state)
{
	(void)state;
	assert_int_equal(one("PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(one("SELECT count(*) FROM messages"
	    " WHERE provider_id = 1"), 6);
	assert_int_equal(one("SELECT count(*) FROM messages"
	    " WHERE provider_id = 2"), 2);
	assert_int_equal(drift(), 0);
	assert_all_as_reference("migrated");
}

/* Counts, order, newest time and total, the viewer's own left out. */
static void
test_msgunread_rows(void **state)
{
	struct user	 anna = user("anna"), anders = user("anders");
	struct user	 bo = user("bo");
	struct rows	 r;

	(void)state;
	/* anna: 3 is her own and 1 she has read; 7 newest, 12:00 latest. */
	r = list(&anna, 50);
	assert_int_equal(r.n, 3);
	assert_row(&r, 0, 1, 1, "2026-03-01T12:00:00Z");
	assert_row(&r, 1, 2, 2, "2026-03-02T10:00:00Z");
	assert_row(&r, 2, 3, 1, "2026-03-02T09:00:00Z");
	assert_int_equal(r.v[0].total, 4);
	assert_int_equal(r.v[2].total, 4);
	/* The limit cuts the rows, not the total. */
	r = list(&anna, 2);
	assert_int_equal(r.n, 2);
	assert_row(&r, 1, 2, 2, "2026-03-02T10:00:00Z");
	assert_int_equal(r.v[1].total, 4);
	/* anders: anna's message counts for him, his own on 3 does not. */
	r = list(&anders, 50);
	assert_int_equal(r.n, 2);
	assert_row(&r, 0, 1, 3, "2026-03-01T12:00:00Z");
	assert_row(&r, 1, 2, 2, "2026-03-02T10:00:00Z");
	assert_int_equal(r.v[0].total, 5);
	/* bo: his organisation's placement alone. */
	r = list(&bo, 50);
	assert_int_equal(r.n, 1);
	assert_row(&r, 0, 4, 1, "2026-03-02T08:00:00Z");
	assert_int_equal(r.v[0].provider, 2);
	assert_int_equal(r.v[0].total, 1);
}

/* A read mark moving, new messages, the viewer's own. */
static void
test_msgunread_marks_and_posts(void **state)
{
	struct user		 anna = user("anna"), anders = user("anders");
	struct user		 karin = user("karin");
	struct placement	 p;
	struct msg_checked	 ck = { .kind = MSG_OTHER };
	struct msg_new		 m = { &ck, "svar", NULL };
	struct rows		 r;

	(void)state;
	assert_int_equal(msgstore_mark_read(db, ANNA, 2, 6), 0);
	r = list(&anna, 50);
	assert_int_equal(r.n, 2);
	assert_row(&r, 0, 1, 1, "2026-03-01T12:00:00Z");
	assert_row(&r, 1, 3, 1, "2026-03-02T09:00:00Z");
	assert_int_equal(r.v[0].total, 2);
	/* A mark never moves back. */
	assert_int_equal(msgstore_mark_read(db, ANNA, 2, 2), 0);
	assert_int_equal(list(&anna, 50).n, 2);
	/* karin answers on 3: first in anna's list, with two. */
	memset(&p, 0, sizeof(p));
	p.id = 3;
	assert_int_equal(msgstore_post(db, &karin, &p, &m), 0);
	assert_int_equal(one("SELECT provider_id FROM messages"
	    " WHERE id = (SELECT max(id) FROM messages)"), 1);
	r = list(&anna, 50);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].placement, 3);
	assert_int_equal(r.v[0].unread, 2);
	assert_int_equal(r.v[0].total, 3);
	/* anna writes on 1: not hers to read, one more for anders. */
	p.id = 1;
	assert_int_equal(msgstore_post(db, &anna, &p, &m), 0);
	r = list(&anna, 50);
	assert_int_equal(r.v[0].total, 3);
	assert_int_equal(r.v[1].placement, 1);
	assert_int_equal(r.v[1].unread, 1);
	r = list(&anders, 50);
	assert_int_equal(r.v[0].placement, 1);
	assert_int_equal(r.v[0].unread, 4);
	/* Read to the end: gone from the list. */
	assert_int_equal(msgstore_mark_read(db, ANNA, 3,
	    (long)one("SELECT max(id) FROM messages WHERE placement_id = 3")),
	    0);
	r = list(&anna, 50);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].placement, 1);
	assert_int_equal(r.v[0].total, 1);
	assert_int_equal(drift(), 0);
	assert_all_as_reference("marks and posts");
}

/* Nothing of another organisation, whatever moves (a privacy rule). */
static void
test_msgunread_other_organisation(void **state)
{
	static const char *const steps[] = {
		/* A message on Steget's placement, by the counsellor. */
		"INSERT INTO messages(placement_id, author_id, at, kind, body)"
		" VALUES (4, 1, '2026-03-04T08:00:00Z', 'other', 'i')",
		/* One written with another provider than its placement's. */
		"INSERT INTO messages(placement_id, author_id, at, kind, body,"
		" provider_id) VALUES (4, 2, '2026-03-04T09:00:00Z', 'other',"
		" 'j', 1)",
		"UPDATE messages SET provider_id = 1 WHERE placement_id = 4",
		/* A message moved to another organisation's placement. */
		"UPDATE messages SET placement_id = 4 WHERE id = 7",
		/* A placement moved to another organisation. */
		"UPDATE placements SET provider_id = 2 WHERE id = 3",
	};
	struct user	 anna = user("anna"), bo = user("bo");
	struct rows	 r;
	size_t		 i;
	int		 k;

	(void)state;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		exec_ok(steps[i]);
		if (drift() != 0)
			fail_msg("step %zu: %s", i, steps[i]);
		r = list(&anna, 50);
		for (k = 0; k < r.n; k++)
			if (r.v[k].provider != 1 || r.v[k].placement > 3)
				fail_msg("step %zu: anna sees placement %ld",
				    i, r.v[k].placement);
		r = list(&bo, 50);
		for (k = 0; k < r.n; k++)
			if (r.v[k].provider != 2)
				fail_msg("step %zu: bo sees placement %ld", i,
				    r.v[k].placement);
		assert_all_as_reference(steps[i]);
	}
	/* Placement 3 is Steget's now: bo has its messages, anna none. */
	r = list(&bo, 50);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].placement, 4);
	assert_int_equal(r.v[1].placement, 3);
	/* Message 7 went to placement 4: anna's 1 has her own and read. */
	assert_int_equal(list(&anna, 50).n, 0);
}

/* x' = a x + c mod 2^31: the same data on every run. */
static unsigned
next(unsigned *x)
{
	*x = (*x * 1103515245u + 12345u) & 0x7fffffffu;
	return *x >> 8;
}

/*
 * Many messages on placements of both organisations by every user, times
 * out of the order sent, marks here and there: every list, at every
 * limit, is the reference's, after each round of writes.
 */
static void
test_msgunread_generated(void **state)
{
	static const long authors[] = { KARIN, KALLE, ANNA, ANDERS, BO };
	char		 sql[512];
	unsigned	 x = 15;
	int		 round, i, pl;

	(void)state;
	for (pl = 5; pl <= PLACEMENTS; pl++) {
		snprintf(sql, sizeof(sql), "INSERT INTO placements(id,"
		    " customer_id, code, provider_id, start_date, end_date,"
		    " created_at) VALUES (%d, %d, 'AMI2', %d, '2026-02-02',"
		    " NULL, 'x')", pl, 1 + pl % 3, 1 + pl % 2);
		exec_ok(sql);
	}
	for (round = 0; round < 6; round++) {
		for (i = 0; i < 60; i++) {
			/* Some placements never get a message. */
			pl = 1 + (int)(next(&x) % (PLACEMENTS - 8));
			snprintf(sql, sizeof(sql), "INSERT INTO messages("
			    "placement_id, author_id, at, kind, body) VALUES"
			    " (%d, %ld, '2026-04-%02uT%02u:00:00Z', 'other',"
			    " 'x')", pl, authors[next(&x) % 5],
			    1 + next(&x) % 28, next(&x) % 24);
			exec_ok(sql);
		}
		for (i = 0; i < 25; i++) {
			/* A mark up to some message of the placement. */
			pl = 1 + (int)(next(&x) % PLACEMENTS);
			snprintf(sql, sizeof(sql), "INSERT INTO message_reads("
			    "user_id, placement_id, last_read) SELECT %ld, %d,"
			    " coalesce((SELECT id FROM messages"
			    " WHERE placement_id = %d ORDER BY id"
			    " LIMIT 1 OFFSET %u), 0) WHERE 1 ON CONFLICT DO UPDATE"
			    " SET last_read = excluded.last_read",
			    authors[next(&x) % 5], pl, pl, next(&x) % 4);
			exec_ok(sql);
		}
		assert_int_equal(drift(), 0);
		snprintf(sql, sizeof(sql), "round %d", round);
		assert_all_as_reference(sql);
	}
	/* The data is what the test means: long lists, cut by the limit. */
	assert_true(reference(&(struct user){ .id = BO, .role = ROLE_PROVIDER,
	    .org_id = 2 }, 50).n > 7);
}

/*
 * Were a message's provider ever wrong, the list would still show only
 * the viewer's organisation's placements (the triggers dropped for the
 * test, in a savepoint).
 */
static void
test_msgunread_wrong_provider_not_shown(void **state)
{
	struct user	 anna = user("anna");
	struct rows	 r;
	int		 k;

	(void)state;
	exec_ok("SAVEPOINT wrong; DROP TRIGGER messages_provider_update;"
	    "UPDATE messages SET provider_id = 1 WHERE placement_id = 4");
	assert_true(drift() > 0);
	r = list(&anna, 50);
	for (k = 0; k < r.n; k++)
		if (r.v[k].placement == 4 || r.v[k].provider != 1)
			fail_msg("anna sees placement %ld", r.v[k].placement);
	exec_ok("ROLLBACK TO wrong; RELEASE wrong");
	assert_int_equal(drift(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msgunread_migrated),
		cmocka_unit_test(test_msgunread_rows),
		cmocka_unit_test(test_msgunread_marks_and_posts),
		cmocka_unit_test(test_msgunread_other_organisation),
		cmocka_unit_test(test_msgunread_generated),
		cmocka_unit_test(test_msgunread_wrong_provider_not_shown),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
