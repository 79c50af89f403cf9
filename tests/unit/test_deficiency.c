/*
 * Unit tests of deficiency: the providers' deficiencies on a counsellor's
 * start page.  A real :memory: SQLite database at the current schema is
 * filled with generated placements, documents (revisions, monthly reports
 * outside the placement, final reports far ahead) and their submit and
 * return events at 23:30 UTC (the next day in Stockholm), ending
 * decisions and plan revision requests; on every third day of three years
 * the deficiency statement must give exactly what duties_of_placement()
 * counts placement by placement from local days, for each counsellor, and
 * only his or her own customers.  Plus a small hand-made case.
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
#include "deficiency.h"
#include "duties.h"
#include "helpers.h"

#define NPLACEMENTS	60
#define NPROVIDERS	3
#define DOCS_MAX	24

struct gen_doc {
	char		 kind[16];
	char		 period[8];
	int		 revision;
	struct date	 submitted;	/* first submission; year 0: none */
	int		 returns;
};

struct gen_placement {
	long		 id;
	int		 counsellor;	/* 1 or 2 */
	int		 provider;	/* 1..NPROVIDERS */
	struct date	 start, end;
	int		 has_end;
	int		 decided;	/* an ending decision is recorded */
	enum ending	 ending;
	struct date	 decided_on;
	struct date	 revision_requested;	/* year 0: none */
	struct gen_doc	 docs[DOCS_MAX];
	size_t		 ndocs;
};

static struct gen_placement	 gp[NPLACEMENTS];
static unsigned long long	 rng = 88172645463325252ULL;
/* Provider 1 is "Cirkeln", 2 "Arbetsvägen", 3 "Bron": not in id order. */
static const char *const provider_names[NPROVIDERS + 1] = {
	"", "Cirkeln AB", "Arbetsvägen AB", "Bron AB" };

static struct db	*db = NULL;

static unsigned long
rnd(unsigned long n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)(rng % n);
}


static void
exec_ok(const char *sql)
{
	assert_int_equal(db_exec(db, sql), 0);
}

/* Adds a document with a first submission around due (or none). */
static void
gen_doc(struct gen_placement *p, const char *kind, const char *period,
    int revision, struct date due)
{
	struct gen_doc	*d;

	if (p->ndocs == DOCS_MAX)
		return;
	d = &p->docs[p->ndocs++];
	memset(d, 0, sizeof(*d));
	snprintf(d->kind, sizeof(d->kind), "%s", kind);
	snprintf(d->period, sizeof(d->period), "%s", period);
	d->revision = revision;
	if (rnd(10) < 7)
		d->submitted = date_add_days(due, (long)rnd(90) - 25);
	d->returns = d->submitted.year != 0 ? (int)rnd(4) : 0;
}

/* The placements and their documents, 2023-2025. */
static void
generate(void)
{
	struct gen_placement	*p;
	struct date		 m;
	char			 period[8];
	size_t			 i;
	int			 k;

	for (i = 0; i < NPLACEMENTS; i++) {
		p = &gp[i];
		memset(p, 0, sizeof(*p));
		p->id = (long)i + 1;
		p->counsellor = 1 + (int)rnd(2);
		p->provider = 1 + (int)rnd(NPROVIDERS);
		p->start = date_add_days(ymd("2023-01-01"), (long)rnd(800));
		/* Month ends, for the clamped "a month later". */
		if (rnd(5) == 0)
			p->start = date_add_days((struct date){ p->start.year,
			    p->start.month, 1 }, -1);
		if ((p->has_end = rnd(5) != 0))
			p->end = date_add_days(p->start, 20 + (long)rnd(380));
		/* Some ended by a decision, some asked for a plan revision. */
		if (p->has_end && (p->decided = rnd(4) == 0)) {
			p->ending = (enum ending)rnd(3);
			p->decided_on = date_add_days(p->end, -(long)rnd(20));
		}
		if (rnd(6) == 0)
			p->revision_requested = date_add_days(p->start, 60);
		if (rnd(10) < 9)
			gen_doc(p, "plan", "", 1, due_plan(p->start));
		if (p->ndocs && rnd(3) == 0)
			gen_doc(p, "plan", "", 2, date_add_days(p->start, 90));
		/* Monthly reports from the month before the start (outside)
		 * to well after the end. */
		m = date_add_months((struct date){ p->start.year,
		    p->start.month, 1 }, -1);
		for (k = 0; k < 16; k++, m = date_add_months(m, 1)) {
			struct monthly_dues md;

			if (rnd(4) == 0)
				continue;
			snprintf(period, sizeof(period), "%04d-%02d", m.year,
			    m.month);
			due_monthly(m.year, m.month, &md);
			gen_doc(p, "monthly", period, 1, md.ready_by);
			if (rnd(8) == 0)
				gen_doc(p, "monthly", period, 2, md.approve_by);
		}
		if (rnd(2))
			gen_doc(p, "final", "", 1, p->has_end ? p->end :
			    date_add_days(p->start, 200));
	}
}

/*
 * The stored UTC time of an event on day d: 23:30 UTC, the next day in
 * Stockholm (summer and winter), so the deficiencies must read local
 * days (late_day_of) to agree with the reference below.
 */
static void
event_at(struct date d, char at[32])
{
	char	 day[11];

	date_format(d, day);
	snprintf(at, 32, "%sT23:30:00Z", day);
}

static void
insert_event(sqlite3_stmt *ev, long doc, const char *action, struct date d)
{
	char	 at[32];

	event_at(d, at);
	sqlite3_bind_int64(ev, 1, doc);
	sqlite3_bind_text(ev, 2, action, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ev, 3, at, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(ev), SQLITE_DONE);
	sqlite3_reset(ev);
}

/* Binds the ending decision and revision request of p (?5..?7). */
static void
bind_case(sqlite3_stmt *pl, const struct gen_placement *p)
{
	static const char *const names[] = { "completed", "early", "aborted" };
	char	 day[11], at[32];

	sqlite3_bind_null(pl, 5);
	sqlite3_bind_null(pl, 6);
	sqlite3_bind_null(pl, 7);
	if (p->decided) {
		date_format(p->decided_on, day);
		sqlite3_bind_text(pl, 5, names[p->ending], -1, SQLITE_STATIC);
		sqlite3_bind_text(pl, 6, day, -1, SQLITE_TRANSIENT);
	}
	if (p->revision_requested.year != 0) {
		event_at(p->revision_requested, at);
		sqlite3_bind_text(pl, 7, at, -1, SQLITE_TRANSIENT);
	}
}

/* The lateness facts of p, as the reference sees them. */
static struct late_case
case_of(const struct gen_placement *p)
{
	struct late_case	 pc;
	char			 at[32];

	memset(&pc, 0, sizeof(pc));
	pc.start = p->start;
	if (p->has_end)
		pc.end = p->end;
	pc.decided = p->decided;
	pc.ending = p->ending;
	if (p->decided)
		pc.decided_on = p->decided_on;
	if (p->revision_requested.year != 0) {
		event_at(p->revision_requested, at);
		pc.revision_requested = late_day_of(at);
	}
	return pc;
}

/* Writes the generated rows; customer i+1 holds placement i+1. */
static void
store(void)
{
	sqlite3_stmt	*cu, *pl, *doc, *ev;
	struct gen_doc	*d;
	char		 day[11], pnr[16];
	size_t		 i, j;
	int		 r;
	long		 id;

	assert_int_equal(sqlite3_prepare_v2(db->conn, "INSERT INTO customers("
	    "id, pnr, name, counsellor_id, created_at) VALUES (?1, ?2, 'K', ?3,"
	    " 'x')", -1, &cu, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db->conn, "INSERT INTO placements("
	    "id, customer_id, code, provider_id, start_date, end_date,"
	    " created_at, ending, ending_decided_on, revision_requested_at)"
	    " VALUES (?1, ?1, 'AMI2', ?2, ?3, ?4, 'x', ?5, ?6, ?7)", -1, &pl,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db->conn, "INSERT INTO documents("
	    "placement_id, kind, period, revision, state, title, created_at,"
	    " updated_at) VALUES (?1, ?2, ?3, ?4, 'submitted', 't', 'x', 'x')",
	    -1, &doc, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db->conn, "INSERT INTO events("
	    "document_id, actor_id, at, action) VALUES (?1, 1, ?3, ?2)", -1,
	    &ev, NULL), SQLITE_OK);
	for (i = 0; i < NPLACEMENTS; i++) {
		snprintf(pnr, sizeof(pnr), "P%zu", i);
		sqlite3_bind_int64(cu, 1, gp[i].id);
		sqlite3_bind_text(cu, 2, pnr, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(cu, 3, gp[i].counsellor);
		assert_int_equal(sqlite3_step(cu), SQLITE_DONE);
		sqlite3_reset(cu);
		sqlite3_bind_int64(pl, 1, gp[i].id);
		sqlite3_bind_int(pl, 2, gp[i].provider);
		date_format(gp[i].start, day);
		sqlite3_bind_text(pl, 3, day, -1, SQLITE_TRANSIENT);
		if (gp[i].has_end) {
			date_format(gp[i].end, day);
			sqlite3_bind_text(pl, 4, day, -1, SQLITE_TRANSIENT);
		} else
			sqlite3_bind_null(pl, 4);
		bind_case(pl, &gp[i]);
		assert_int_equal(sqlite3_step(pl), SQLITE_DONE);
		sqlite3_reset(pl);
		for (j = 0; j < gp[i].ndocs; j++) {
			d = &gp[i].docs[j];
			sqlite3_bind_int64(doc, 1, gp[i].id);
			sqlite3_bind_text(doc, 2, d->kind, -1, SQLITE_STATIC);
			sqlite3_bind_text(doc, 3, d->period, -1, SQLITE_STATIC);
			sqlite3_bind_int(doc, 4, d->revision);
			assert_int_equal(sqlite3_step(doc), SQLITE_DONE);
			sqlite3_reset(doc);
			id = (long)sqlite3_last_insert_rowid(db->conn);
			insert_event(ev, id, "create", gp[i].start);
			if (d->submitted.year == 0)
				continue;
			/* Later submissions do not move the first. */
			insert_event(ev, id, "submit",
			    date_add_days(d->submitted, 9));
			insert_event(ev, id, "submit", d->submitted);
			for (r = 0; r < d->returns; r++)
				insert_event(ev, id, "return",
				    date_add_days(d->submitted, r + 1));
		}
	}
	sqlite3_finalize(cu);
	sqlite3_finalize(pl);
	sqlite3_finalize(doc);
	sqlite3_finalize(ev);
}

static int
setup(void **state)
{
	char	 sql[256];
	int	 i;

	(void)state;
	/* The deficiencies read local days in the configured zone. */
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	if ((db = db_open(":memory:", 1)) == NULL || db_migrate(db) == -1)
		return -1;
	if (db_exec(db, "INSERT INTO users(id, login, name, role) VALUES"
	    " (1, 'karin', 'Karin', 'counsellor'),"
	    " (2, 'kalle', 'Kalle', 'counsellor');"
	    "INSERT INTO catalogue VALUES ('AMI2', 'A', 'Arbetsträning', 12,"
	    " 387600);") == -1)
		return -1;
	for (i = 1; i <= NPROVIDERS; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO organisations(id, name)"
		    " VALUES (%d, '%s')", i, provider_names[i]);
		if (db_exec(db, sql) == -1)
			return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(db);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct deficiency *)a)->name,
	    ((const struct deficiency *)b)->name);
}

/*
 * What duties_of_placement() says for counsellor's placements on today,
 * into out by name (providers with a deficiency only).  Returns the number.
 */
static size_t
reference(int counsellor, struct date today, struct deficiency *out)
{
	struct deficiency	 all[NPROVIDERS + 1];
	struct doc_fact		 f[DOCS_MAX];
	struct duty		 d[DUTIES_MAX];
	struct gen_placement	*p;
	struct late_case	 pc;
	char			 at[32];
	size_t			 i, j, nd, n = 0;
	int			 k;

	memset(all, 0, sizeof(all));
	for (i = 0; i < NPLACEMENTS; i++) {
		p = &gp[i];
		if (p->counsellor != counsellor)
			continue;
		for (j = 0; j < p->ndocs; j++) {
			memset(&f[j], 0, sizeof(f[j]));
			f[j].id = (long)j + 1;
			snprintf(f[j].kind, sizeof(f[j].kind), "%s",
			    p->docs[j].kind);
			memcpy(f[j].period, p->docs[j].period,
			    sizeof(f[j].period));
			f[j].revision = p->docs[j].revision;
			f[j].state = STATE_SUBMITTED;
			if (p->docs[j].submitted.year != 0) {
				event_at(p->docs[j].submitted, at);
				f[j].submitted = late_day_of(at);
			}
			f[j].returns = p->docs[j].returns;
			/* Returned again and again: any document. */
			all[p->provider].returned += f[j].returns >= 2;
		}
		pc = case_of(p);
		nd = duties_of_placement(&pc, today, f, p->ndocs, d,
		    DUTIES_MAX);
		for (j = 0; j < nd; j++) {
			all[p->provider].late += d[j].late;
			all[p->provider].very_late += d[j].very_late;
		}
	}
	for (k = 1; k <= NPROVIDERS; k++) {
		if (all[k].very_late == 0 && all[k].late < 2 &&
		    all[k].returned == 0)
			continue;
		all[k].provider_id = k;
		snprintf(all[k].name, sizeof(all[k].name), "%s",
		    provider_names[k]);
		out[n++] = all[k];
	}
	qsort(out, n, sizeof(out[0]), by_name);
	return n;
}

/* Day by day, both counsellors: the statement agrees with duties.c. */
static void
test_deficiency_matches_duties(void **state)
{
	struct deficiency	 got[8], want[8];
	struct date		 today = ymd("2023-01-01");
	char			 day[11];
	size_t			 nw, i;
	int			 n, more, c, days, seen = 0;

	(void)state;
	generate();
	store();
	for (days = 0; days < 3 * 366; days += 3) {
		today = date_add_days(ymd("2023-01-01"), days);
		date_format(today, day);
		for (c = 1; c <= 2; c++) {
			n = deficiencies_of_counsellor(db, c, today, got, 8,
			    &more);
			nw = reference(c, today, want);
			if ((size_t)n != nw)
				fail_msg("%s counsellor %d: %d providers, "
				    "want %zu", day, c, n, nw);
			assert_false(more);
			for (i = 0; i < nw; i++) {
				if (got[i].provider_id != want[i].provider_id ||
				    got[i].late != want[i].late ||
				    got[i].very_late != want[i].very_late ||
				    got[i].returned != want[i].returned)
					fail_msg("%s counsellor %d %s: "
					    "late %d/%d very %d/%d returned "
					    "%d/%d", day, c, want[i].name,
					    got[i].late, want[i].late,
					    got[i].very_late,
					    want[i].very_late,
					    got[i].returned,
					    want[i].returned);
				assert_string_equal(got[i].name,
				    want[i].name);
				seen += got[i].very_late > 0;
			}
		}
	}
	/* The data gives the comparison something to compare. */
	assert_true(seen > 100);
}

/* At most max providers; more is set when one is left out. */
static void
test_deficiency_at_most_max_providers_sets_more(void **state)
{
	struct deficiency	 got[3];
	int			 more;

	(void)state;
	assert_int_equal(deficiencies_of_counsellor(db, 1, ymd("2025-06-01"),
	    got, 1, &more), 1);
	assert_true(more);
	assert_string_equal(got[0].name, "Arbetsvägen AB");
	assert_int_equal(deficiencies_of_counsellor(db, 99, ymd("2025-06-01"),
	    got, 3, &more), 0);
	assert_false(more);
}

/* Hand-made: one late plan, one on time, a report returned twice. */
static void
test_deficiency_late_plan_and_plan_returned_twice(void **state)
{
	struct deficiency	 got[4];
	int			 more;

	(void)state;
	exec_ok("INSERT INTO users(id, login, name, role) VALUES"
	    " (3, 'vera', 'Vera', 'counsellor');"
	    "INSERT INTO customers(id, pnr, name, counsellor_id, created_at)"
	    " VALUES (900, 'S1', 'K', 3, 'x'), (901, 'S2', 'K', 3, 'x');"
	    "INSERT INTO placements(id, customer_id, code, provider_id,"
	    " start_date, end_date, created_at) VALUES"
	    " (9900, 900, 'AMI2', 2, '2024-03-01', '2024-05-31', 'x'),"
	    " (9901, 901, 'AMI2', 3, '2024-03-01', NULL, 'x');"
	    "INSERT INTO documents(id, placement_id, kind, period, revision,"
	    " state, title, created_at, updated_at) VALUES"
	    " (9900, 9900, 'plan', '', 1, 'approved', 't', 'x', 'x'),"
	    " (9901, 9901, 'plan', '', 1, 'approved', 't', 'x', 'x'),"
	    " (9902, 9901, 'monthly', '2024-03', 1, 'approved', 't', 'x', 'x');"
	    "INSERT INTO events(document_id, actor_id, at, action) VALUES"
	    " (9900, 1, '2024-03-20T09:00:00Z', 'submit'),"
	    " (9901, 1, '2024-03-15T09:00:00Z', 'submit'),"
	    " (9902, 1, '2024-04-05T09:00:00Z', 'submit'),"
	    " (9902, 1, '2024-04-06T09:00:00Z', 'return'),"
	    " (9902, 1, '2024-04-08T09:00:00Z', 'return');");
	/* 2024-04-10: 900's plan was due 03-15, came 03-20: late once, and
	 * its March report (due 04-07) is missing: twice.  901: on time,
	 * its report returned twice. */
	assert_int_equal(deficiencies_of_counsellor(db, 3, ymd("2024-04-10"),
	    got, 4, &more), 2);
	assert_string_equal(got[0].name, "Arbetsvägen AB");
	assert_int_equal(got[0].late, 2);
	assert_int_equal(got[0].very_late, 0);
	assert_int_equal(got[0].returned, 0);
	assert_string_equal(got[1].name, "Bron AB");
	assert_int_equal(got[1].late, 0);
	assert_int_equal(got[1].returned, 1);
	/* 2024-04-07: the report is not due until the end of the day. */
	assert_int_equal(deficiencies_of_counsellor(db, 3, ymd("2024-04-07"),
	    got, 4, &more), 1);
	assert_string_equal(got[0].name, "Bron AB");
	/* 2024-05-08: March a month late; April late; the plan late. */
	assert_int_equal(deficiencies_of_counsellor(db, 3, ymd("2024-05-08"),
	    got, 4, &more), 2);
	assert_int_equal(got[0].late, 3);
	assert_int_equal(got[0].very_late, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deficiency_matches_duties),
		cmocka_unit_test(test_deficiency_at_most_max_providers_sets_more),
		cmocka_unit_test(test_deficiency_late_plan_and_plan_returned_twice),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
