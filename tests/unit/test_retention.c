/*
 * Unit tests of retention (the clock, the due dates, the research sample
 * as the purge sees it) and of purge on a real SQLite file: exactly the
 * due customers outside the sample go, whole, and leave no trace of
 * their number in the file.
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
#include "db.h"
#include "pnr.h"
#include "purge.h"
#include "retention.h"
#include "helpers.h"

static const struct date today = { 2026, 11, 22 };


static struct date
D(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

static void
assert_date(struct date got, int y, int m, int d)
{
	assert_int_equal(got.year, y);
	assert_int_equal(got.month, m);
	assert_int_equal(got.day, d);
}

/* The class of a number whose last entry was long ago (due). */
static enum retention_class
due_class(const char *pnr)
{
	struct retention	 r;

	retention_classify(pnr, "2020-01-01T12:00:00Z", today, &r);
	assert_int_equal(r.due, 1);
	return r.cls;
}

/* ---- the sample as the purge sees it ----------------------------------- */

static void
test_retention_sample_days_are_handed_over(void **state)
{
	(void)state;
	/* 5th, 15th, 25th: handed over, never destroyed. */
	assert_int_equal(due_class(luhn("19850105-123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("19850315-123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("19851225-123", 0)), RET_HANDOVER);
	/* Beside them: destroyed. */
	assert_int_equal(due_class(luhn("19850104-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19850106-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19850314-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19850316-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19851224-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19851226-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19850131-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19840229-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19850101-123", 0)), RET_DESTROY);
}

static void
test_sample_coordination(void **state)
{
	(void)state;
	/* Day + 60: 65, 75, 85 are the 5th, 15th, 25th. */
	assert_int_equal(due_class(luhn("19850165-123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("19850375-123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("19851285-123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("19850164-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19850376-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19851286-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19850191-123", 0)), RET_DESTROY);
	assert_int_equal(due_class(luhn("19840289-123", 0)), RET_DESTROY);
	/* The raw days 5/15/25 mean nothing special +60: 25 + 60 = 85. */
	assert_int_equal(due_class(luhn("19850125-123", 0)), RET_HANDOVER);
}

static void
test_sample_forms_and_centuries(void **state)
{
	struct pnr	 p;

	(void)state;
	/* 10- and 12-digit forms, with and without separators. */
	assert_int_equal(due_class(luhn("850315-123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("850315123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("19850315123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("850316-123", 0)), RET_DESTROY);
	/* '-' and '+' across the century: same day, 100 years apart. */
	assert_int_equal(pnr_parse(luhn("050115-123", 0), today, &p), PNR_OK);
	assert_date(p.birth, 2005, 1, 15);
	assert_int_equal(due_class(luhn("050115-123", 0)), RET_HANDOVER);
	assert_int_equal(pnr_parse(luhn("050115+123", 0), today, &p), PNR_OK);
	assert_date(p.birth, 1905, 1, 15);
	assert_int_equal(due_class(luhn("050115+123", 0)), RET_HANDOVER);
	/* Three days after "today" 2026-11-22: '-' means 1926, '+' 1826. */
	assert_int_equal(pnr_parse(luhn("261125-123", 0), today, &p), PNR_OK);
	assert_date(p.birth, 1926, 11, 25);
	assert_int_equal(pnr_parse(luhn("261121-123", 0), today, &p), PNR_OK);
	assert_date(p.birth, 2026, 11, 21);
	assert_int_equal(pnr_parse(luhn("261125+123", 0), today, &p), PNR_OK);
	assert_date(p.birth, 1826, 11, 25);
	/* The 12-digit form never guesses: 2026-11-25 is after today. */
	assert_int_equal(due_class(luhn("20261125-123", 0)), RET_DECIDE);
	assert_int_equal(due_class(luhn("261125+123", 0)), RET_HANDOVER);
	assert_int_equal(due_class(luhn("261126+123", 0)), RET_DESTROY);
	/* '+' is refused in a 12-digit form: a person decides. */
	assert_int_equal(due_class("19850315+1230"), RET_DECIDE);
}

static void
test_sample_unreadable(void **state)
{
	(void)state;
	/* Day 00 / 60: never destroyed automatically. */
	assert_int_equal(due_class(luhn("19850100-123", 0)), RET_DECIDE);
	assert_int_equal(due_class(luhn("19850160-123", 0)), RET_DECIDE);
	assert_int_equal(due_class(luhn("850100-123", 0)), RET_DECIDE);
	/* Impossible dates. */
	assert_int_equal(due_class(luhn("19850230-123", 0)), RET_DECIDE);
	assert_int_equal(due_class(luhn("19850229-123", 0)), RET_DECIDE);
	assert_int_equal(due_class(luhn("19850289-123", 0)), RET_DECIDE);
	assert_int_equal(due_class(luhn("19850132-123", 0)), RET_DECIDE);
	assert_int_equal(due_class(luhn("19851315-123", 0)), RET_DECIDE);
	assert_int_equal(due_class(luhn("19850192-123", 0)), RET_DECIDE);
	/* Bad check digits, even on a sample day: a person decides. */
	assert_int_equal(due_class(luhn("19850315-123", 1)), RET_DECIDE);
	assert_int_equal(due_class(luhn("19850316-123", 1)), RET_DECIDE);
	assert_int_equal(due_class(luhn("850316-123", 1)), RET_DECIDE);
	/* Not a number at all. */
	assert_int_equal(due_class(""), RET_DECIDE);
	assert_int_equal(due_class("19850316-12a4"), RET_DECIDE);
	assert_int_equal(due_class("1985-03-16"), RET_DECIDE);
}

/* ---- the clock ------------------------------------------------------- */

static void
test_retention_line_two_years_after_last_entry(void **state)
{
	(void)state;
	assert_date(retention_line(D(2024, 3, 14)), 2026, 3, 14);
	/* 29 February ends on 28 February (lag 1930:173). */
	assert_date(retention_line(D(2024, 2, 29)), 2026, 2, 28);
	assert_date(retention_line(D(2023, 12, 31)), 2025, 12, 31);
	assert_date(retention_line(D(2024, 1, 1)), 2026, 1, 1);
	/* Due only after the line: before, on, after. */
	assert_int_equal(retention_is_due(D(2024, 3, 14), D(2026, 3, 13)), 0);
	assert_int_equal(retention_is_due(D(2024, 3, 14), D(2026, 3, 14)), 0);
	assert_int_equal(retention_is_due(D(2024, 3, 14), D(2026, 3, 15)), 1);
	assert_int_equal(retention_is_due(D(2024, 2, 29), D(2026, 2, 28)), 0);
	assert_int_equal(retention_is_due(D(2024, 2, 29), D(2026, 3, 1)), 1);
	assert_int_equal(retention_is_due(D(2023, 12, 31), D(2025, 12, 31)), 0);
	assert_int_equal(retention_is_due(D(2023, 12, 31), D(2026, 1, 1)), 1);
	/* A last entry in the future (clock skew) is not due. */
	assert_int_equal(retention_is_due(D(2027, 1, 1), D(2026, 11, 22)), 0);
	/* Destroy by 31 December of the year after the line's year. */
	assert_date(retention_destroy_by(D(2024, 3, 14)), 2027, 12, 31);
	assert_date(retention_destroy_by(D(2023, 12, 31)), 2026, 12, 31);
	assert_date(retention_destroy_by(D(2024, 1, 1)), 2027, 12, 31);
	assert_date(retention_destroy_by(D(2024, 2, 29)), 2027, 12, 31);
}

static void
test_retention_entry_date_is_local_day(void **state)
{
	struct date	 d;

	(void)state;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	assert_int_equal(retention_entry_date("2024-03-14T10:00:00Z", &d), 0);
	assert_date(d, 2024, 3, 14);
	/* Winter, UTC+1: 23:30 UTC is the next day in Stockholm. */
	assert_int_equal(retention_entry_date("2024-03-14T23:30:00Z", &d), 0);
	assert_date(d, 2024, 3, 15);
	assert_int_equal(retention_entry_date("2024-03-14T22:59:59Z", &d), 0);
	assert_date(d, 2024, 3, 14);
	/* Summer, UTC+2. */
	assert_int_equal(retention_entry_date("2024-07-14T21:59:59Z", &d), 0);
	assert_date(d, 2024, 7, 14);
	assert_int_equal(retention_entry_date("2024-07-14T22:00:00Z", &d), 0);
	assert_date(d, 2024, 7, 15);
	/* New Year's Eve moves the year. */
	assert_int_equal(retention_entry_date("2023-12-31T23:00:00Z", &d), 0);
	assert_date(d, 2024, 1, 1);
	/* Anything else is unreadable. */
	assert_int_equal(retention_entry_date(NULL, &d), -1);
	assert_int_equal(retention_entry_date("", &d), -1);
	assert_int_equal(retention_entry_date("2024-03-14", &d), -1);
	assert_int_equal(retention_entry_date("2024-03-14 10:00:00Z", &d), -1);
	assert_int_equal(retention_entry_date("2024-03-14T10:00:00", &d), -1);
	assert_int_equal(retention_entry_date("2024-02-30T10:00:00Z", &d), -1);
	assert_int_equal(retention_entry_date("2024-03-14T24:00:00Z", &d), -1);
	assert_int_equal(retention_entry_date("2024-03-14T10:60:00Z", &d), -1);
	assert_int_equal(retention_entry_date("2024-03-1xT10:00:00Z", &d), -1);
	assert_int_equal(retention_entry_date("2024-03-14T10:00:00Z ", &d), -1);
}

static void
test_retention_classify_by_local_day_of_last_entry(void **state)
{
	struct retention	 r;
	const char		*no = luhn("19850316-123", 0);
	const char		*yes = luhn("19850315-123", 0);
	const char		*unk = luhn("19850300-123", 0);

	(void)state;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	/* Last entry 2024-11-22 local: the line is 2026-11-22 = today. */
	retention_classify(no, "2024-11-22T12:00:00Z", today, &r);
	assert_int_equal(r.clock_ok, 1);
	assert_int_equal(r.due, 0);
	assert_int_equal(r.cls, RET_KEEP);
	assert_date(r.line, 2026, 11, 22);
	assert_date(r.due_from, 2026, 11, 23);
	assert_date(r.destroy_by, 2027, 12, 31);
	/* One day earlier: due. */
	retention_classify(no, "2024-11-21T12:00:00Z", today, &r);
	assert_int_equal(r.cls, RET_DESTROY);
	/* 23:30 UTC on the 21st is the 22nd in Stockholm: not due. */
	retention_classify(no, "2024-11-21T23:30:00Z", today, &r);
	assert_int_equal(r.cls, RET_KEEP);
	/* One day later: kept. */
	retention_classify(no, "2024-11-23T12:00:00Z", today, &r);
	assert_int_equal(r.cls, RET_KEEP);
	/* Sample and unreadable: listed when due, kept while not. */
	retention_classify(yes, "2024-11-21T12:00:00Z", today, &r);
	assert_int_equal(r.cls, RET_HANDOVER);
	assert_int_equal(r.sample, SAMPLE_YES);
	retention_classify(yes, "2024-11-22T12:00:00Z", today, &r);
	assert_int_equal(r.cls, RET_KEEP);
	retention_classify(unk, "2024-11-21T12:00:00Z", today, &r);
	assert_int_equal(r.cls, RET_DECIDE);
	retention_classify(unk, "2024-11-23T12:00:00Z", today, &r);
	assert_int_equal(r.cls, RET_KEEP);
	/* An unreadable clock is never destroyed, sample or not. */
	retention_classify(no, "", today, &r);
	assert_int_equal(r.clock_ok, 0);
	assert_int_equal(r.cls, RET_DECIDE);
	retention_classify(no, "yesterday", today, &r);
	assert_int_equal(r.cls, RET_DECIDE);
	retention_classify(yes, "", today, &r);
	assert_int_equal(r.cls, RET_DECIDE);
	assert_string_equal(retention_class_name(RET_KEEP), "keep");
	assert_string_equal(retention_class_name(RET_DESTROY), "destroy");
	assert_string_equal(retention_class_name(RET_HANDOVER), "handover");
	assert_string_equal(retention_class_name(RET_DECIDE), "decide");
}

/*
 * The scan's bound over-approximates: in the zones furthest from UTC and
 * in Stockholm, for every today around two leap days and a year's end and
 * every hour near the line, an entry whose UTC date is on or after the
 * bound is never due, and the bound is at most two days generous.
 */
static void
test_retention_scan_bound_never_skips_a_due_entry(void **state)
{
	static const char *const zones[] = { "Europe/Stockholm",
	    "Pacific/Kiritimati", "Etc/GMT+12" };
	static const struct date from[] = { { 2026, 2, 1 }, { 2027, 12, 1 },
	    { 2028, 2, 1 } };
	struct retention	 r;
	struct date		 t, b, u;
	char			 ts[21], bs[11], us[11];
	size_t			 z, k;
	int			 day, h, seen_due;

	(void)state;
	assert_date(retention_scan_bound(D(2026, 6, 15)), 2024, 6, 17);
	assert_date(retention_scan_bound(D(2028, 2, 29)), 2026, 3, 2);
	for (z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		for (k = 0; k < sizeof(from) / sizeof(from[0]); k++)
			for (day = 0; day < 60; day++) {
				t = date_add_days(from[k], day);
				b = retention_scan_bound(t);
				date_format(b, bs);
				seen_due = 0;
				for (h = -4 * 24; h < 3 * 24; h += 1) {
					u = date_add_days(b, h >= 0 ? h / 24 :
					    -((-h + 23) / 24));
					date_format(u, us);
					snprintf(ts, sizeof(ts), "%sT%02d:30:00Z",
					    us, ((h % 24) + 24) % 24);
					retention_classify("", ts, t, &r);
					assert_int_equal(r.clock_ok, 1);
					if (!r.due)
						continue;
					/* Due: strictly before the bound. */
					assert_true(strcmp(ts, bs) < 0);
					if (date_compare(u,
					    date_add_days(b, -3)) >= 0)
						seen_due = 1;
				}
				/* Not more than 2 days beyond the exact line. */
				assert_true(seen_due);
			}
	}
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
}

/* ---- purge on a real database file --------------------------------------- */

struct fixture {
	char		 path[64];
	struct db	*db;
};

/* Runs SQL on the fixture's connection; fails the test on error. */
static void
sql(struct fixture *f, const char *s)
{
	char	*err = NULL;

	if (sqlite3_exec(f->db->conn, s, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", s, err);
}

/* Returns the integer of a one-row, one-column query. */
static long long
one(struct fixture *f, const char *q)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	assert_int_equal(sqlite3_prepare_v2(f->db->conn, q, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Adds customer id with number pnr, a placement, a document with two
 * versions, three events, a follow-up meeting and a logged read, all at
 * time at.
 */
static void
add_customer(struct fixture *f, int id, const char *pnr, const char *at)
{
	char	 q[2048];

	snprintf(q, sizeof(q),
	    "INSERT INTO customers(id, pnr, name, counsellor_id, protected,"
	    " created_at) VALUES (%d, '%s', 'Namn%d Efternamn', 2, 0,"
	    " '%s');"
	    "INSERT INTO placements(id, customer_id, code, provider_id,"
	    " start_date, end_date, created_at)"
	    " VALUES (%d, %d, 'AMI1', 1, '2020-01-01', NULL, '%s');"
	    "INSERT INTO documents(id, placement_id, kind, period, revision,"
	    " state, version, title, created_at, updated_at, submitted_at)"
	    " VALUES (%d, %d, 'plan', '', 1, 'draft', 2,"
	    " 'Plan', '%s', '%s', NULL);"
	    "INSERT INTO document_versions(document_id, version, xml, saved_by,"
	    " saved_at) VALUES (%d, 1, '<plan>Text%d-a</plan>',"
	    " 2, '%s'), (%d, 2, '<plan>Text%d-b</plan>', 2, '%s');"
	    "INSERT INTO events(document_id, placement_id, customer_id, actor_id,"
	    " at, action) VALUES (NULL, NULL, %d, 2, '%s', 'customer-create'),"
	    " (NULL, %d, %d, 2, '%s', 'placement-create'),"
	    " (%d, %d, %d, 2, '%s', 'create');"
	    /* Rows the purge must remove too (migration 9). */
	    "INSERT INTO follow_ups(placement_id, meeting_on, booked_by,"
	    " booked_at) VALUES (%d, '2020-02-01', 2, '%s');"
	    "INSERT INTO protected_reads(customer_id, user_id, at, what)"
	    " VALUES (%d, 2, '%s', 'GET /placements/%d');",
	    id, pnr, id, at, id, id, at, id, id, at, at, id, id, at, id, id, at,
	    id, at, id, id, at, id, id, id, at, id, at, id, at, id);
	sql(f, q);
}

static int
setup_db(void **state)
{
	struct fixture	*f = calloc(1, sizeof(*f));

	assert_non_null(f);
	snprintf(f->path, sizeof(f->path), "/tmp/insats-ret-%ld.db",
	    (long)getpid());
	unlink(f->path);
	assert_non_null(f->db = db_open(f->path, 1));
	assert_int_equal(db_migrate(f->db), 0);
	sql(f, "INSERT INTO organisations VALUES (1, 'Org');"
	    "INSERT INTO users VALUES (1, 'system', 'Systemet', 'admin', NULL),"
	    " (2, 'karin', 'Karin', 'counsellor', NULL);"
	    "INSERT INTO catalogue VALUES ('AMI1', 'k', 'n', 3, 100);");
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	*state = f;
	return 0;
}

static int
teardown_db(void **state)
{
	struct fixture	*f = *state;
	char		 p[80];

	db_close(f->db);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

/* Returns how many customers' stored last entry differs from RET_LAST_ENTRY. */
static int
drift(struct fixture *f)
{
	sqlite3_stmt	*st = db_stmt(f->db, STMT_RET_CLOCK_DRIFT);
	int		 n = 0, rc;

	assert_non_null(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		print_message("drift: customer %lld stored %s computed %s\n",
		    sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
		n++;
	}
	sqlite3_reset(st);
	assert_int_equal(rc, SQLITE_DONE);
	return n;
}

/* Returns customer id's stored last entry into buf ("" for NULL). */
static const char *
stored(struct fixture *f, int id, char buf[32])
{
	sqlite3_stmt	*st;
	const unsigned char *s;

	assert_int_equal(sqlite3_prepare_v2(f->db->conn, "SELECT last_entry_at"
	    " FROM customers WHERE id = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	s = sqlite3_column_text(st, 0);
	snprintf(buf, 32, "%s", s ? (const char *)s : "");
	sqlite3_finalize(st);
	return buf;
}

/* Counts notes per action. */
static void
count_note(void *arg, enum purge_action what, const struct purge_customer *c)
{
	int	*n = arg;

	(void)c;
	n[what]++;
}

static void
test_purge_exact_set(void **state)
{
	struct fixture		*f = *state;
	struct purge_opts	 o = { .today = { 2026, 6, 15 }, .actor = 1,
				    .operator = "test", .db_path = NULL };
	struct purge_result	 r;
	char			*needles[3];
	char			 no_before[16], no_on[16], no_after[16];
	char			 yes_before[16], unk_before[16];
	int			 notes[5] = { 0 };

	o.db_path = f->path;
	snprintf(no_before, sizeof(no_before), "%s", luhn("19850316-123", 0));
	snprintf(no_on, sizeof(no_on), "%s", luhn("19850317-123", 0));
	snprintf(no_after, sizeof(no_after), "%s", luhn("19850318-123", 0));
	snprintf(yes_before, sizeof(yes_before), "%s", luhn("19850315-123", 0));
	snprintf(unk_before, sizeof(unk_before), "%s", luhn("19850300-123", 0));
	/* The line for today 2026-06-15 is a last entry on 2024-06-15. */
	add_customer(f, 1, no_before, "2024-06-14T10:00:00Z");
	add_customer(f, 2, no_on, "2024-06-15T10:00:00Z");
	add_customer(f, 3, no_after, "2024-06-16T10:00:00Z");
	add_customer(f, 4, yes_before, "2024-06-14T10:00:00Z");
	add_customer(f, 5, unk_before, "2024-06-14T10:00:00Z");
	/* Customer 6: old, but one event is recent: one clock per customer. */
	add_customer(f, 6, luhn("19850319-123", 0), "2020-01-01T10:00:00Z");
	sql(f, "UPDATE events SET at = '2024-06-16T10:00:00Z'"
	    " WHERE document_id = 6");
	/* Customer 1's message (issue 13) goes with it; its read mark too. */
	sql(f, "INSERT INTO messages(placement_id, author_id, at, kind, body)"
	    " VALUES (1, 2, '2024-06-14T09:00:00Z', 'other', 'Meddelande1'),"
	    " (3, 2, '2024-06-16T09:00:00Z', 'other', 'Meddelande3');"
	    "INSERT INTO message_reads VALUES (2, 1, 1);");

	/* Dry run: lists, changes nothing. */
	o.dry_run = 1;
	assert_int_equal(purge_run(f->db, &o, count_note, notes, &r), 0);
	assert_int_equal(r.would_destroy, 1);
	assert_int_equal(r.handover, 1);
	assert_int_equal(r.decide, 1);
	assert_int_equal(r.kept, 3);
	assert_int_equal(notes[PURGE_WOULD_DESTROY], 1);
	assert_int_equal(one(f, "SELECT count(*) FROM customers"), 6);
	assert_int_equal(one(f, "SELECT count(*) FROM destruction_records"), 0);

	o.dry_run = 0;
	assert_int_equal(purge_run(f->db, &o, count_note, notes, &r), 0);
	assert_int_equal(r.destroyed, 1);
	assert_int_equal(r.placements, 1);
	assert_int_equal(r.documents, 1);
	assert_int_equal(r.versions, 2);
	assert_int_equal(r.events, 3);
	assert_int_equal(r.messages, 1);
	assert_int_equal(one(f, "SELECT count(*) FROM messages"), 1);
	assert_int_equal(one(f, "SELECT count(*) FROM message_reads"), 0);
	assert_int_equal(one(f, "SELECT sum(messages) FROM"
	    " destruction_records"), 1);
	assert_int_equal(r.checkpoint_ok, 1);
	assert_int_equal(r.traces, 0);
	assert_int_equal(one(f, "SELECT count(*) FROM customers WHERE id = 1"),
	    0);
	assert_int_equal(one(f, "SELECT count(*) FROM customers"), 5);
	assert_int_equal(one(f, "SELECT count(*) FROM placements"), 5);
	assert_int_equal(one(f, "SELECT count(*) FROM document_versions"), 10);
	assert_int_equal(one(f, "SELECT count(*) FROM events"), 15);
	assert_int_equal(one(f, "SELECT customers + documents * 10 +"
	    " versions * 100 + events * 1000 FROM destruction_records"
	    " WHERE rule = 'two-years' AND package_objid IS NULL"
	    " AND finished_at IS NOT NULL"), 3211);
	/* No trace of the number or the text in the file. */
	needles[0] = no_before;
	needles[1] = "Text1-a";
	needles[2] = "Namn1 Efternamn";
	assert_int_equal(purge_file_traces(f->path, needles, 3), 0);
	needles[0] = no_on;
	needles[1] = "Text2-b";
	assert_int_equal(purge_file_traces(f->path, needles, 2), 2);

	/* Second run: nothing more. */
	assert_int_equal(purge_run(f->db, &o, NULL, NULL, &r), 0);
	assert_int_equal(r.destroyed, 0);
	assert_int_equal(one(f, "SELECT count(*) FROM customers"), 5);
	assert_int_equal(one(f, "SELECT count(*) FROM destruction_records"), 1);
	assert_int_equal(drift(f), 0);
}

static void
test_purge_unfinished_vacuums(void **state)
{
	struct fixture		*f = *state;
	struct purge_opts	 o = { .today = { 2026, 6, 15 }, .actor = 1,
				    .operator = "test" };
	struct purge_result	 r;

	o.db_path = f->path;
	/* A record left open by a killed run makes the next run VACUUM. */
	sql(f, "INSERT INTO destruction_records(run, started_at, today,"
	    " actor_id, operator, rule, customers) VALUES ('x',"
	    " '2026-06-15T00:00:00Z', '2026-06-15', 1, 'test', 'two-years', 1)");
	assert_int_equal(purge_run(f->db, &o, NULL, NULL, &r), 0);
	assert_int_equal(r.earlier_unfinished, 1);
	assert_int_equal(r.vacuumed, 1);
	assert_int_equal(one(f, "SELECT count(*) FROM destruction_records"
	    " WHERE finished_at IS NULL"), 0);
	assert_int_equal(purge_run(f->db, &o, NULL, NULL, &r), 0);
	assert_int_equal(r.vacuumed, 0);
}

/*
 * customers.last_entry_at (migration 5) follows every kind of write: new
 * rows, timestamps moved forward and back, rows moved between customers,
 * deletions; after each step it equals the full computation the purge
 * re-reads (STMT_RET_CLOCK_DRIFT) for every customer.
 */
static void
test_last_entry_follows_writes(void **state)
{
	static const char *const steps[] = {
		/* A later comment reaching customer 1 by its document only. */
		"INSERT INTO events(document_id, actor_id, at, action, comment)"
		" VALUES (1, 2, '2025-03-01T10:00:00Z', 'comment', 'x')",
		/* Moved back: the comment no longer is the last entry. */
		"UPDATE events SET at = '2019-01-01T00:00:00Z'"
		" WHERE action = 'comment'",
		/* A new version, then its timestamp moved forward and back. */
		"INSERT INTO document_versions(document_id, version, xml,"
		" saved_by, saved_at) VALUES (2, 3, '<plan/>', 2,"
		" '2024-08-01T00:00:00Z')",
		"UPDATE document_versions SET saved_at = '2025-08-01T00:00:00Z'"
		" WHERE document_id = 2 AND version = 3",
		"UPDATE document_versions SET saved_at = '2018-08-01T00:00:00Z'"
		" WHERE document_id = 2",
		/* A save (updated_at forward), then a document moved back. */
		"UPDATE documents SET version = version + 1,"
		" updated_at = '2025-09-09T09:09:09Z' WHERE id = 3",
		"UPDATE documents SET created_at = '2018-01-01T00:00:00Z',"
		" updated_at = '2018-01-01T00:00:00Z' WHERE id = 3",
		/* Rows moved between customers. */
		"UPDATE placements SET customer_id = 2 WHERE id = 4",
		"UPDATE documents SET placement_id = 1, revision = 2 WHERE id = 2",
		"UPDATE events SET customer_id = 3, placement_id = NULL,"
		" document_id = NULL WHERE id = (SELECT max(id) FROM events"
		" WHERE customer_id = 1)",
		"UPDATE events SET document_id = 1, at = '2025-10-10T10:10:10Z'"
		" WHERE id = (SELECT min(id) FROM events WHERE customer_id = 3)",
		/* Deletions of the latest rows. */
		"DELETE FROM events WHERE at = '2025-10-10T10:10:10Z'",
		"DELETE FROM document_versions WHERE document_id = 2",
		"DELETE FROM events WHERE document_id = 2",
		"DELETE FROM documents WHERE id = 2",
		/* The customer's own creation time, both ways. */
		"UPDATE customers SET created_at = '2026-01-01T00:00:00Z'"
		" WHERE id = 4",
		"UPDATE customers SET created_at = '2017-01-01T00:00:00Z'"
		" WHERE id = 4",
		/* A customer without anything else; one with a new placement. */
		"INSERT INTO customers(id, pnr, name, counsellor_id, created_at)"
		" VALUES (9, '19700101-0011', 'N', 2, '2023-05-05T05:05:05Z')",
		"INSERT INTO placements(id, customer_id, code, provider_id,"
		" start_date, end_date, created_at) VALUES (9, 9, 'AMI1', 1,"
		" '2023-01-01', NULL, '2024-05-05T05:05:05Z')",
		/* Names and states change nothing. */
		"UPDATE customers SET name = 'M' WHERE id = 9",
		"UPDATE documents SET state = 'submitted' WHERE id = 1",
		/* A message (issue 13) is an entry: raised, kept by a
		 * recomputing trigger of migration 5 rewritten by 12, moved
		 * back, forward, to another customer, deleted. */
		"INSERT INTO messages(id, placement_id, author_id, at, kind, body)"
		" VALUES (1, 3, 2, '2025-12-01T10:00:00Z', 'other', 'x')",
		"UPDATE customers SET created_at = '2017-01-01T00:00:00Z'"
		" WHERE id = 3",
		"UPDATE messages SET at = '2019-01-01T00:00:00Z' WHERE id = 1",
		"UPDATE messages SET at = '2026-01-01T00:00:00Z' WHERE id = 1",
		"UPDATE messages SET placement_id = 1 WHERE id = 1",
		"DELETE FROM messages WHERE id = 1",
	};
	struct fixture	*f = *state;
	char		 buf[32];
	size_t		 i;

	add_customer(f, 1, luhn("19850316-123", 0), "2024-06-14T10:00:00Z");
	add_customer(f, 2, luhn("19850317-123", 0), "2024-01-01T10:00:00Z");
	add_customer(f, 3, luhn("19850318-123", 0), "2023-01-01T10:00:00Z");
	add_customer(f, 4, luhn("19850319-123", 0), "2022-01-01T10:00:00Z");
	assert_int_equal(drift(f), 0);
	assert_string_equal(stored(f, 1, buf), "2024-06-14T10:00:00Z");
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		sql(f, steps[i]);
		if (drift(f) != 0)
			fail_msg("last_entry_at drifted after: %s", steps[i]);
		if (i == 0)
			assert_string_equal(stored(f, 1, buf),
			    "2025-03-01T10:00:00Z");
		if (i == 1)
			assert_string_equal(stored(f, 1, buf),
			    "2024-06-14T10:00:00Z");
	}
	assert_int_equal(one(f, "SELECT count(*) FROM messages"), 0);
	/* Customer 4's placement went to customer 2: its own events stay. */
	assert_string_equal(stored(f, 4, buf), "2022-01-01T10:00:00Z");
	assert_string_equal(stored(f, 9, buf), "2024-05-05T05:05:05Z");
}

/* Collects the scan's customers: class per id (RET_KEEP + 1 for none). */
static int
collect(void *arg, const struct purge_customer *c)
{
	int	*cls = arg;

	assert_true(c->id > 0 && c->id < 400);
	cls[c->id] = (int)c->r.cls + 1;
	return 0;
}

/*
 * The scan by index range finds exactly the customers the full reading
 * of every clock (STMT_RET_CUSTOMER) finds due, in three time zones, for
 * last entries every 5 hours around the line, plus unreadable clocks and
 * a far-future one.
 */
static void
test_scan_matches_full_reading(void **state)
{
	static const char *const zones[] = { "Europe/Stockholm",
	    "Pacific/Kiritimati", "Etc/GMT+12" };
	static const char *const odd[] = { "2030-02-30T10:00:00Z",
	    "yesterday", "2030-01-01T25:00:00Z", "2099-01-01T10:00:00Z" };
	struct fixture	*f = *state;
	struct date	 day = { 2026, 3, 1 }, u;
	struct retention r;
	sqlite3_stmt	*st;
	char		 at[32], us[11], q[256], pnr[32];
	int		 cls[400], id, n = 0, due = 0;
	size_t		 z, i;

	for (id = 1; id <= 100; id++) {
		/* From 2024-02-25 on, 5 hours apart: across 29 February. */
		u = date_add_days((struct date){ 2024, 2, 25 }, (id * 5) / 24);
		date_format(u, us);
		snprintf(at, sizeof(at), "%sT%02d:17:00Z", us, (id * 5) % 24);
		/* In and outside the sample, a serial per customer. */
		snprintf(pnr, sizeof(pnr), "198503%s-%03d",
		    id % 2 ? "16" : "15", id);
		add_customer(f, id, luhn(pnr, 0), at);
	}
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		id = 200 + (int)i;
		snprintf(pnr, sizeof(pnr), "19850316-%03d", id);
		add_customer(f, id, luhn(pnr, 0), "2020-01-01T00:00:00Z");
		snprintf(q, sizeof(q), "UPDATE events SET at = '%s'"
		    " WHERE customer_id = %d", odd[i], id);
		sql(f, q);
	}
	assert_int_equal(drift(f), 0);
	for (z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		memset(cls, 0, sizeof(cls));
		assert_int_equal(purge_scan(f->db, day, collect, cls), 0);
		for (id = 1; id < 400; id++) {
			st = db_stmt(f->db, STMT_RET_CUSTOMER);
			assert_non_null(st);
			sqlite3_bind_int(st, 1, id);
			if (sqlite3_step(st) != SQLITE_ROW) {
				assert_int_equal(cls[id], 0);
				continue;
			}
			n++;
			retention_classify((const char *)
			    sqlite3_column_text(st, 1), (const char *)
			    sqlite3_column_text(st, 4), day, &r);
			sqlite3_reset(st);
			if (r.cls == RET_KEEP) {
				/* Not read, or read and kept. */
				assert_true(cls[id] == 0 ||
				    cls[id] == RET_KEEP + 1);
				continue;
			}
			due++;
			if (cls[id] != (int)r.cls + 1)
				fail_msg("%s: customer %d is %s, the scan "
				    "says %d", zones[z], id,
				    retention_class_name(r.cls), cls[id]);
		}
		/* The unreadable clocks are listed; the future one is not. */
		assert_int_equal(cls[200], RET_DECIDE + 1);
		assert_int_equal(cls[201], RET_DECIDE + 1);
		assert_int_equal(cls[202], RET_DECIDE + 1);
		assert_int_equal(cls[203], 0);
	}
	/* The data reach both sides of the line. */
	assert_true(due > 3 * 10 && due < n - 3 * 10);
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
}

static void
test_retention_traces_found_in_file_bytes(void **state)
{
	char	 path[] = "/tmp/insats-traces-XXXXXX";
	char	*needles[] = { "19850315-1234", "absent", "" };
	FILE	*fp;
	int	 fd = mkstemp(path);

	(void)state;
	assert_true(fd != -1);
	fp = fdopen(fd, "w");
	fputs("xx\001" "19850315-1234yy", fp);
	fclose(fp);
	assert_int_equal(purge_file_traces(path, needles, 3), 1);
	assert_int_equal(purge_file_traces(path, needles + 1, 2), 0);
	unlink(path);
	assert_int_equal(purge_file_traces(path, needles, 3), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retention_sample_days_are_handed_over),
		cmocka_unit_test(test_sample_coordination),
		cmocka_unit_test(test_sample_forms_and_centuries),
		cmocka_unit_test(test_sample_unreadable),
		cmocka_unit_test(test_retention_line_two_years_after_last_entry),
		cmocka_unit_test(test_retention_entry_date_is_local_day),
		cmocka_unit_test(test_retention_classify_by_local_day_of_last_entry),
		cmocka_unit_test(test_retention_scan_bound_never_skips_a_due_entry),
		cmocka_unit_test_setup_teardown(test_purge_exact_set,
		    setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_purge_unfinished_vacuums,
		    setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_last_entry_follows_writes,
		    setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_scan_matches_full_reading,
		    setup_db, teardown_db),
		cmocka_unit_test(test_retention_traces_found_in_file_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
