/*
 * Unit tests of kinds: the descriptors, the monthly and final reports'
 * business rules ("Ej aktuellt" needs a motivation, the certificate from
 * the 8th day of a sick or vab period, one report per month of the
 * placement, the next step of a final report), titles, and what a final
 * report states of its ending (the due dates are test_lateness.c's, the
 * duties test_duties.c's).  And a fourth kind defined here alone: its
 * duties, due dates, lateness and "new" actions come from its descriptor
 * with no other code, and so does its place in the payment rules, shown
 * in a :memory: SQLite database.  Real schemas from schemas/ and samples
 * from tests/data/ (run from the repository root, as tests/run.sh does).
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
#include "duties.h"
#include "kinds.h"
#include "payments.h"
#include "store.h"
#include "helpers.h"

/* The rule input of Eva Ek's demo placement, today 2026-11-22. */
static struct rule_input
eva(const char *period)
{
	struct rule_input	 ri;

	assert_int_equal(kind_rule_input(&ri, "2026-10-05", "2027-10-04",
	    ymd("2026-11-22"), period), 0);
	return ri;
}

/* The code of the error at field, or NULL. */
static const char *
error_at(const struct field_errors *e, const char *field)
{
	size_t	 i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->e[i].field, field) == 0)
			return e->e[i].code;
	return NULL;
}

/*
 * Validates the sample file against its kind and runs the rules with ri.
 * Returns the schema result (0 valid); errs holds every message.
 */
static int
check_file(const char *kind, const char *file, const struct rule_input *ri,
    struct field_errors *errs)
{
	struct kind	*k = kind_find(kind);
	char		 path[256];
	xmlDocPtr	 doc;
	int		 rc;

	assert_non_null(k);
	snprintf(path, sizeof(path), "tests/data/%s", file);
	doc = xmldoc_parse_file(path);
	assert_non_null(doc);
	memset(errs, 0, sizeof(*errs));
	rc = xmldoc_validate(k->schema, doc, k->repeatable, errs);
	if (rc == 0)
		k->rules(doc, ri, errs);
	xmlFreeDoc(doc);
	return rc;
}

/* Runs the monthly rules on a document built from one absence row. */
static void
absence_case(const char *reason, const char *from, const char *to,
    const char *cert, const char *note, struct field_errors *errs)
{
	struct rule_input	 ri = eva("2026-10");
	char			 xml[2048];
	xmlDocPtr		 doc;

	snprintf(xml, sizeof(xml), "<monthly>"
	    "<progression><applicable>yes</applicable><text>Bra.</text></progression>"
	    "<adjustments><applicable>no</applicable><text>Inga.</text></adjustments>"
	    "<absences><applicable>yes</applicable><absence><from>%s</from>"
	    "<to>%s</to><reason>%s</reason><certificate>%s</certificate>%s%s%s"
	    "</absence></absences>"
	    "<deviations><applicable>no</applicable><text>Inga.</text></deviations>"
	    "<otherPlacement><applicable>no</applicable><text>Nej.</text></otherPlacement>"
	    "</monthly>", from, to, reason, cert, note ? "<note>" : "",
	    note ? note : "", note ? "</note>" : "");
	doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);
	assert_non_null(doc);
	memset(errs, 0, sizeof(*errs));
	assert_int_equal(xmldoc_validate(kind_find("monthly")->schema, doc,
	    kind_find("monthly")->repeatable, errs), 0);
	kind_find("monthly")->rules(doc, &ri, errs);
	xmlFreeDoc(doc);
}

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	xmldoc_init();
	return kinds_load("schemas");
}

static int
teardown(void **state)
{
	(void)state;
	kinds_free();
	return 0;
}

static void
test_kinds_descriptors_of_plan_monthly_final(void **state)
{
	(void)state;
	assert_ptr_equal(kind_at(0), kind_find("plan"));
	assert_ptr_equal(kind_at(1), kind_find("monthly"));
	assert_ptr_equal(kind_at(2), kind_find("final"));
	assert_int_equal(kind_find("plan")->schedule, SCHEDULE_ONCE);
	assert_int_equal(kind_find("monthly")->schedule, SCHEDULE_MONTHLY);
	assert_int_equal(kind_find("final")->schedule, SCHEDULE_AT_END);
	assert_string_equal(kind_schedule_name(SCHEDULE_AT_END), "end");
	assert_true(kind_find("plan")->revisable);
	assert_false(kind_find("monthly")->revisable);
	assert_ptr_equal(kind_listed(), kind_find("plan"));
	assert_true(kind_find("final")->late_refused);
	assert_non_null(kind_find("final")->ending);
	assert_null(kind_find("plan")->ending);
	/* The payment rules' kinds (payments.h), and the provider change's. */
	assert_true(kind_find("monthly")->pays_month);
	assert_false(kind_find("final")->pays_month);
	assert_true(kind_find("final")->holds_end_month);
	assert_false(kind_find("monthly")->holds_end_month);
	assert_true(kind_find("plan")->shared_on_consent);
	assert_true(kind_find("plan")->follows_assignment);
	assert_null(kind_find("weekly"));
	assert_null(kind_find(NULL));
}

static void
test_kinds_monthly_valid(void **state)
{
	struct field_errors	 e;
	struct rule_input	 ri = eva("2026-10");

	(void)state;
	assert_int_equal(check_file("monthly", "monthly-valid.xml", &ri, &e), 0);
	assert_int_equal(e.n, 0);
	assert_int_equal(check_file("monthly", "monthly-valid-ej-aktuellt.xml",
	    &ri, &e), 0);
	assert_int_equal(e.n, 0);
}

/* An empty section, and "Ej aktuellt" without a motivation. */
static void
test_kinds_bad_ej_aktuellt(void **state)
{
	struct field_errors	 e;
	struct rule_input	 ri = eva("2026-10");
	const char		*m;

	(void)state;
	assert_int_equal(check_file("monthly", "monthly-rule-empty-section.xml",
	    &ri, &e), 0);
	assert_non_null(m = error_at(&e, "progression"));
	assert_string_equal(m, "section-empty");
	assert_non_null(m = error_at(&e, "adjustments"));
	assert_string_equal(m, "section-motivation-required");
	assert_null(error_at(&e, "deviations"));
	assert_null(error_at(&e, "otherPlacement"));
}

/* A sick or vab period reaching its 8th day needs a certificate or a note. */
static void
test_kinds_certificate_flag(void **state)
{
	struct field_errors	 e;
	const char		*f = "absences/absence[1]/certificate";

	(void)state;
	absence_case("sjuk", "2026-10-12", "2026-10-18", "no", NULL, &e);
	assert_int_equal(e.n, 0);			/* 7 days */
	absence_case("sjuk", "2026-10-12", "2026-10-19", "no", NULL, &e);
	assert_non_null(error_at(&e, f));		/* the 8th day */
	assert_string_equal(error_at(&e, f), "certificate-day");
	assert_string_equal(e.e[0].arg, "8");
	absence_case("vab", "2026-10-01", "2026-10-20", "no", NULL, &e);
	assert_non_null(error_at(&e, f));
	absence_case("vab", "2026-10-01", "2026-10-20", "yes", NULL, &e);
	assert_int_equal(e.n, 0);
	absence_case("sjuk", "2026-10-12", "2026-10-19", "no",
	    "Intyg begärt.", &e);
	assert_int_equal(e.n, 0);
	absence_case("annan", "2026-10-01", "2026-10-20", "no", NULL, &e);
	assert_int_equal(e.n, 0);
	absence_case("ogiltig", "2026-10-01", "2026-10-20", "no", NULL, &e);
	assert_int_equal(e.n, 0);
	/* Dates: reversed, and ending outside the report's month. */
	absence_case("sjuk", "2026-10-12", "2026-10-10", "yes", NULL, &e);
	assert_string_equal(error_at(&e, "absences/absence[1]/to"),
	    "absence-end-before-start");
	absence_case("sjuk", "2026-10-30", "2026-11-02", "yes", NULL, &e);
	assert_string_equal(error_at(&e, "absences/absence[1]/to"),
	    "absence-outside-month");
}

/* One report per month of the placement, none outside it. */
static void
test_kinds_bad_month_outside_placement(void **state)
{
	struct kind		*m = kind_find("monthly"), *p = kind_find("plan");
	struct rule_input	 ri;
	struct field_errors	 e;

	(void)state;
	ri = eva("2026-10");
	assert_null(kind_period_refusal(m, &ri));
	ri = eva("2026-11");
	assert_null(kind_period_refusal(m, &ri));
	ri = eva("2026-09");
	assert_non_null(kind_period_refusal(m, &ri));
	assert_string_equal(kind_period_refusal(m, &ri),
	    "month-outside-placement");
	ri = eva("2026-12");				/* not begun */
	assert_string_equal(kind_period_refusal(m, &ri), "month-not-begun");
	ri = eva("");
	assert_string_equal(kind_period_refusal(m, &ri),
	    "report-month-required");
	assert_null(kind_period_refusal(p, &ri));
	ri = eva("2026-10");
	assert_string_equal(kind_period_refusal(p, &ri), "kind-not-monthly");
	/* After the end of a closed placement. */
	assert_int_equal(kind_rule_input(&ri, "2024-01-17", "2024-03-09",
	    ymd("2024-06-01"), "2024-04"), 0);
	assert_non_null(kind_period_refusal(m, &ri));
	assert_int_equal(kind_rule_input(&ri, "2024-01-17", "2024-03-09",
	    ymd("2024-06-01"), "2024-03"), 0);
	assert_null(kind_period_refusal(m, &ri));
	/* The rules say so too, for a report posted as XML. */
	ri = eva("2026-09");
	assert_int_equal(check_file("monthly", "monthly-valid.xml", &ri, &e), 0);
	assert_string_equal(error_at(&e, ""), "month-outside-placement");
	/* Malformed periods. */
	assert_int_equal(kind_rule_input(&ri, "2026-10-05", "", ymd("2026-11-22"),
	    "2026-13"), -1);
	assert_int_equal(kind_rule_input(&ri, "2026-10-05", "", ymd("2026-11-22"),
	    "2026-1"), -1);
}

static void
test_kinds_final_next_step(void **state)
{
	struct field_errors	 e;
	struct rule_input	 ri = eva("");

	(void)state;
	assert_int_equal(check_file("final", "final-valid-early.xml", &ri, &e), 0);
	assert_int_equal(e.n, 0);
	assert_int_equal(check_file("final", "final-rule-no-next-step.xml", &ri,
	    &e), 0);
	assert_string_equal(error_at(&e, "nextStep"), "next-step-required");
	assert_string_equal(error_at(&e, "decisionDate"),	/* early */
	    "decision-date-required");
	/* completed must end on the planned end date (2027-10-04). */
	assert_int_equal(check_file("final", "final-valid.xml", &ri, &e), 0);
	assert_int_equal(e.n, 0);
	assert_int_equal(kind_rule_input(&ri, "2026-10-05", "2027-09-30",
	    ymd("2026-11-22"), ""), 0);
	assert_int_equal(check_file("final", "final-valid.xml", &ri, &e), 0);
	assert_string_equal(error_at(&e, "endDate"),
	    "completed-ends-on-decided");
	assert_string_equal(e.e[0].arg, "2027-09-30");
}

static void
test_kinds_schema_refusals(void **state)
{
	struct field_errors	 e;
	struct rule_input	 ri = eva("2026-10");

	(void)state;
	assert_int_equal(check_file("monthly", "monthly-invalid-reason.xml",
	    &ri, &e), 1);
	assert_string_equal(error_at(&e, "absences/absence[1]/reason"),
	    "choose-option");
	assert_int_equal(check_file("final", "final-invalid-outcome.xml", &ri,
	    &e), 1);
	assert_non_null(error_at(&e, "outcome"));
}

static void
test_kinds_title_names_month_and_klar(void **state)
{
	char	 buf[200];

	(void)state;
	kind_title(kind_find("monthly"), "2024-03", 1, buf, sizeof(buf));
	assert_string_equal(buf, "Månadsrapport, mars 2024, KLAR");
	kind_title(kind_find("monthly"), "2024-03", 0, buf, sizeof(buf));
	assert_string_equal(buf, "Månadsrapport, mars 2024");
	kind_title(kind_find("plan"), "", 1, buf, sizeof(buf));
	assert_string_equal(buf, "Genomförandeplan");
	kind_title(kind_find("final"), "", 0, buf, sizeof(buf));
	assert_string_equal(buf, "Slutrapport");
}

/*
 * What a final report's content states about its ending.  The due dates
 * themselves moved to lateness.c (test_lateness.c), where a recorded
 * ending decision overrides the content; kind_due() is gone.
 */
static void
test_kinds_final_dates(void **state)
{
	struct final_dates	 fd;
	xmlDocPtr		 doc;

	(void)state;
	doc = xmldoc_parse_file("tests/data/final-valid-early.xml");
	assert_non_null(doc);
	assert_int_equal(kind_final_dates(doc, &fd), 0);
	assert_int_equal(fd.ending, ENDING_EARLY);
	assert_date_is(fd.end, "2026-11-20");
	assert_true(fd.has_decision);
	assert_date_is(fd.decision, "2026-11-10");
	xmlFreeDoc(doc);
	doc = xmldoc_parse_file("tests/data/final-valid.xml");
	assert_non_null(doc);
	assert_int_equal(kind_final_dates(doc, &fd), 0);
	assert_int_equal(fd.ending, ENDING_COMPLETED);
	assert_date_is(fd.end, "2027-10-04");
	xmlFreeDoc(doc);
	/* Not a final report: nothing stated. */
	doc = xmldoc_parse_file("tests/data/plan-valid.xml");
	assert_non_null(doc);
	assert_int_equal(kind_final_dates(doc, &fd), -1);
	xmlFreeDoc(doc);
}

/*
 * The test kind's due-date rule: a timesheet on month M is due the 3rd of
 * M+1 and reviewed by the 10th, each judged by doc_is_late().
 */
static void
timesheet_dues(const struct late_case *pc, const struct doc_fact *d,
    struct date today, struct doc_dues *out)
{
	int	 y, m;

	(void)pc;
	if (kind_period_parse(d->period, &y, &m) == -1)
		return;
	out->has_due = 1;
	out->due = date_add_months((struct date){ y, m, 3 }, 1);
	out->late = doc_is_late(out->due, d->submitted, today);
	out->very_late = doc_is_late(date_add_months(out->due, 1),
	    d->submitted, today);
	out->has_review = d->submitted.year != 0;
	out->review_by = date_add_months((struct date){ y, m, 10 }, 1);
	out->review_late = out->has_review &&
	    doc_is_late(out->review_by, d->reviewed, today);
}

/*
 * The fourth kind: a descriptor and nothing else (no schema needed here).
 * It pays no month while the monthly report does (one kind does, kinds.h);
 * test_kinds_added_kind_pays_month lets it take the flag over.
 */
static struct kind timesheet = {
	.name = "timesheet", .label = "Tidrapport",
	.schedule = SCHEDULE_MONTHLY, .dues = timesheet_dues,
	.owner_starts = 1, .pays_month = 0,
};

/* A doc_fact of kind/period first submitted at utc (NULL: never). */
static struct doc_fact
fact(const char *kind, const char *period, const char *utc)
{
	struct doc_fact	 f;

	memset(&f, 0, sizeof(f));
	f.id = 1;
	snprintf(f.kind, sizeof(f.kind), "%s", kind);
	snprintf(f.period, sizeof(f.period), "%s", period);
	f.revision = 1;
	f.state = utc != NULL ? STATE_SUBMITTED : STATE_DRAFT;
	f.submitted = late_day_of(utc);
	return f;
}

/* The duty of kind/period among d (n of them), failing if none. */
static const struct duty *
duty_of(const struct duty *d, size_t n, const char *kind, const char *period)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(d[i].kind, kind) == 0 &&
		    strcmp(d[i].period, period) == 0)
			return &d[i];
	fail_msg("no duty %s %s", kind, period);
	return NULL;
}

static void
test_kinds_added_kind(void **state)
{
	struct late_case	 pc;
	struct duty		 d[DUTIES_MAX];
	struct doc_fact		 f;
	struct doc_dues		 dd;
	struct doc_offer	 o[DUTIES_MAX];
	struct doc_slot		 have = { "timesheet", "2026-10" };
	const struct duty	*t;
	size_t			 n, i, offered = 0;

	(void)state;
	if (kind_find("timesheet") == NULL)
		assert_int_equal(kinds_add(&timesheet), 0);
	assert_int_equal(kinds_add(&timesheet), -1);	/* the name is taken */
	assert_ptr_equal(kind_at(3), &timesheet);
	assert_null(kind_at(4));

	/* Due dates and lateness: doc_dues() asks the descriptor. */
	memset(&pc, 0, sizeof(pc));
	pc.start = ymd("2026-10-05");
	f = fact("timesheet", "2026-10", "2026-11-03T22:30:00Z");
	doc_dues(&pc, &f, ymd("2026-11-22"), &dd);
	assert_true(dd.has_due);
	assert_date_is(dd.due, "2026-11-03");
	assert_false(dd.late);		/* 23:30 on the 3rd, Stockholm time */
	assert_date_is(dd.review_by, "2026-11-10");
	assert_true(dd.review_late);	/* not reviewed, today past the 10th */
	f = fact("timesheet", "2026-10", "2026-11-03T23:30:00Z");
	doc_dues(&pc, &f, ymd("2026-11-22"), &dd);
	assert_true(dd.late);		/* 00:30 on the 4th */
	assert_false(dd.very_late);

	/* Duties: after the built-in kinds', one per month up to today. */
	n = duties_of_placement(&pc, ymd("2026-11-22"), &f, 1, d, DUTIES_MAX);
	assert_int_equal(n, 5);		/* plan, monthly x 2, timesheet x 2 */
	assert_string_equal(d[3].kind, "timesheet");
	t = duty_of(d, n, "timesheet", "2026-10");
	assert_true(t->started);
	assert_false(t->open);
	assert_true(t->late);
	t = duty_of(d, n, "timesheet", "2026-11");
	assert_false(t->started);
	assert_true(t->open);
	assert_date_is(t->due, "2026-12-03");
	assert_false(t->late);
	/* The month's lateness grows with today, as every kind's. */
	n = duties_of_placement(&pc, ymd("2027-01-04"), NULL, 0, d, DUTIES_MAX);
	t = duty_of(d, n, "timesheet", "2026-11");
	assert_true(t->late);
	assert_true(t->very_late);

	/* The "new" actions: the month it has not yet, the other kinds'. */
	n = duties_offers(pc.start, (struct date){ 0, 0, 0 }, ymd("2026-11-22"),
	    &have, 1, o, DUTIES_MAX);
	for (i = 0; i < n; i++)
		if (o[i].kind == &timesheet) {
			assert_string_equal(o[i].period, "2026-11");
			offered++;
		}
	assert_int_equal(offered, 1);
	assert_ptr_equal(o[0].kind, kind_find("plan"));
	assert_int_equal(n, 5);		/* plan, monthly x 2, final, timesheet */
}

/*
 * A placement from 1 October at 3876 kronor a month, with an approved
 * monthly report on October and an approved timesheet on November, each
 * first submitted before its month's cut-off (the 7th).
 */
static const char pay_fixture[] =
    "INSERT INTO organisations(id, name) VALUES (1, 'Framtid AB');"
    "INSERT INTO users(id, login, name, role, organisation_id) VALUES"
    " (1, 'karin', 'Karin', 'counsellor', NULL),"
    " (3, 'anna', 'Anna', 'provider', 1);"
    "INSERT INTO catalogue VALUES ('AMI2', 'A', 'Arbetsträning', 12, 1);"
    "INSERT INTO catalogue_amounts VALUES ('AMI2', '2000-01-01', 387600);"
    "INSERT INTO customers(id, pnr, name, counsellor_id, created_at) VALUES"
    " (5, '19850312-2387', 'Eva Ek', 1, 'x');"
    "INSERT INTO placements(id, customer_id, code, provider_id, start_date,"
    " created_at) VALUES (10, 5, 'AMI2', 1, '2026-10-01', 'x');"
    "INSERT INTO documents(id, placement_id, kind, period, revision, state,"
    " title, created_at, updated_at, submitted_at) VALUES"
    " (100, 10, 'monthly', '2026-10', 1, 'approved', 't', 'x', 'x',"
    "  '2026-11-03T10:00:00Z'),"
    " (101, 10, 'timesheet', '2026-11', 1, 'approved', 't', 'x', 'x',"
    "  '2026-12-02T10:00:00Z');"
    "INSERT INTO events(document_id, actor_id, at, action) VALUES"
    " (100, 3, '2026-11-03T10:00:00Z', 'submit'),"
    " (101, 3, '2026-12-02T10:00:00Z', 'submit');";

#define PAY_HEADER "anordnare,insats,kundreferens,avser,underlag,dagar," \
		"belopp,sen,orsak\r\n"

/* Asserts the payment CSV of run month (cut-off the 7th) is want. */
static void
assert_run(struct db *db, const char *month, const char *want)
{
	char	*csv;
	size_t	 len;

	assert_int_equal(payments_csv(db, month, 0, 7, &csv, &len), 0);
	assert_string_equal(csv, want);
	free(csv);
}

/*
 * What a kind needs to be a month's payment basis: to be a per-month kind
 * and to have pays_month, which the monthly report then gives up (a month
 * is paid once).  The payment run and a document's payment follow the
 * flag; no payment code names a kind.
 */
static void
test_kinds_added_kind_pays_month(void **state)
{
	struct kind	*monthly = kind_find("monthly");
	struct db	*db;
	struct document	 d;
	struct pay_row	 r;

	(void)state;
	if (kind_find("timesheet") == NULL)
		assert_int_equal(kinds_add(&timesheet), 0);
	assert_non_null(db = db_open(":memory:", 1));
	assert_int_equal(db_migrate(db), 0);
	assert_int_equal(db_exec(db, pay_fixture), 0);
	memset(&d, 0, sizeof(d));
	d.id = 101;
	d.placement_id = 10;
	snprintf(d.kind, sizeof(d.kind), "timesheet");
	snprintf(d.period, sizeof(d.period), "2026-11");

	/* The built-in rules: the monthly report pays, the timesheet not. */
	assert_run(db, "2026-10", PAY_HEADER
	    "Framtid AB,10,K-5,2026-10,månadsrapport,31,3876.00,nej,\r\n");
	assert_run(db, "2026-11", PAY_HEADER);
	assert_int_equal(payments_of_document(db, 7, &d, &r), 1);

	/* The timesheet takes the flag over: its month is paid instead. */
	monthly->pays_month = 0;
	timesheet.pays_month = 1;
	assert_run(db, "2026-10", PAY_HEADER);
	assert_run(db, "2026-11", PAY_HEADER
	    "Framtid AB,10,K-5,2026-11,månadsrapport,30,3876.00,nej,\r\n");
	assert_int_equal(payments_of_document(db, 7, &d, &r), 0);
	assert_int_equal(r.amount_ore, 387600);
	assert_true(r.submitted && !r.late);
	d.id = 100;
	snprintf(d.kind, sizeof(d.kind), "monthly");
	snprintf(d.period, sizeof(d.period), "2026-10");
	assert_int_equal(payments_of_document(db, 7, &d, &r), 1);

	monthly->pays_month = 1;
	timesheet.pays_month = 0;
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_descriptors_of_plan_monthly_final),
		cmocka_unit_test(test_kinds_monthly_valid),
		cmocka_unit_test(test_kinds_bad_ej_aktuellt),
		cmocka_unit_test(test_kinds_certificate_flag),
		cmocka_unit_test(test_kinds_bad_month_outside_placement),
		cmocka_unit_test(test_kinds_final_next_step),
		cmocka_unit_test(test_kinds_schema_refusals),
		cmocka_unit_test(test_kinds_title_names_month_and_klar),
		cmocka_unit_test(test_kinds_final_dates),
		cmocka_unit_test(test_kinds_added_kind),
		cmocka_unit_test(test_kinds_added_kind_pays_month),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
