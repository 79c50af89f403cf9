/*
 * The rules of messages and incidents (messages.c): the kinds and who may
 * send them, every field check with its message, the absence message's
 * due date around weekends and holidays, and the 72-hour line of an
 * incident across a change to summer time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "calendar.h"
#include "messages.h"
#include "helpers.h"

/* The code of the error for field, or NULL. */
static const char *
code_at(const struct field_errors *errs, const char *field)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0)
			return errs->e[i].code;
	return NULL;
}

/* 1 if errs has an error for field. */
static int
has_error(const struct field_errors *errs, const char *field)
{
	return code_at(errs, field) != NULL;
}

static void
test_msg_kind_names_round_trip(void **state)
{
	static const char *const names[] = { "staffing", "absence",
		"other-placement", "other" };
	enum msg_kind	 k;
	size_t		 i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(msg_kind_parse(names[i], &k), 0);
		assert_string_equal(msg_kind_name(k), names[i]);
	}
	assert_int_equal(msg_kind_parse("Absence", &k), -1);
	assert_int_equal(msg_kind_parse("", &k), -1);
	assert_int_equal(msg_kind_parse(NULL, &k), -1);
}

/* The provider reports everything; the counsellor answers ("other"). */
static void
test_msg_kinds_allowed_by_role(void **state)
{
	(void)state;
	assert_true(msg_kind_allowed(MSG_ABSENCE, ROLE_PROVIDER));
	assert_true(msg_kind_allowed(MSG_STAFFING, ROLE_PROVIDER));
	assert_true(msg_kind_allowed(MSG_OTHER, ROLE_COUNSELLOR));
	assert_false(msg_kind_allowed(MSG_ABSENCE, ROLE_COUNSELLOR));
	assert_false(msg_kind_allowed(MSG_OTHER_PLACEMENT, ROLE_COUNSELLOR));
	assert_false(msg_kind_allowed(MSG_OTHER, ROLE_LEAD));
	assert_false(msg_kind_allowed(MSG_OTHER, ROLE_ADMIN));
}

static void
test_msg_text_limit_in_bytes(void **state)
{
	char	*big = malloc(MSG_TEXT_MAX + 2);
	int	 why;

	(void)state;
	assert_non_null(big);
	memset(big, 'a', MSG_TEXT_MAX);
	big[MSG_TEXT_MAX] = '\0';
	assert_true(msg_text_ok(big, MSG_TEXT_MAX, &why));
	big[MSG_TEXT_MAX] = 'a';
	big[MSG_TEXT_MAX + 1] = '\0';
	assert_false(msg_text_ok(big, MSG_TEXT_MAX, &why));
	assert_int_equal(why, 2);
	assert_false(msg_text_ok(" \n\t ", MSG_TEXT_MAX, &why));
	assert_int_equal(why, 1);
	assert_false(msg_text_ok(NULL, MSG_TEXT_MAX, &why));
	assert_int_equal(why, 1);
	/* Bytes, not characters: 2000 "ä" are 4000 bytes. */
	for (why = 0; why < 2000; why++)
		memcpy(big + 2 * why, "\xc3\xa4", 2);
	big[4000] = '\0';
	assert_true(msg_text_ok(big, MSG_TEXT_MAX, NULL));
	free(big);
}

static void
test_check_plain_message(void **state)
{
	struct field_errors	 errs = { .n = 0 };
	struct msg_checked	 ok;
	struct msg_input	 in = { "staffing", "Bemanning klar: Bertil.",
				    NULL, NULL, NULL };

	(void)state;
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, ymd("2026-10-01"),
	    ymd("2026-12-02"), &ok, &errs), 0);
	assert_int_equal(ok.kind, MSG_STAFFING);
	assert_int_equal(errs.n, 0);
	/* The absence fields of another kind are not looked at. */
	in.kind = "other";
	in.absence_from = "nonsense";
	assert_int_equal(msg_check(&in, ROLE_COUNSELLOR, ymd("2026-10-01"),
	    ymd("2026-12-02"), &ok, &errs), 0);
}

static void
test_msg_check_refuses_bad_kind_and_text(void **state)
{
	struct field_errors	 errs = { .n = 0 };
	struct msg_checked	 ok;
	struct msg_input	 in = { "bogus", "", NULL, NULL, NULL };

	(void)state;
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, ymd("2026-10-01"),
	    ymd("2026-12-02"), &ok, &errs), -1);
	assert_string_equal(code_at(&errs, "kind"), "msg-kind-required");
	assert_string_equal(code_at(&errs, "text"), "msg-text-required");
	errs.n = 0;
	in.kind = "absence";
	in.text = "Uteblev.";
	assert_int_equal(msg_check(&in, ROLE_COUNSELLOR, ymd("2026-10-01"),
	    ymd("2026-12-02"), &ok, &errs), -1);
	assert_string_equal(code_at(&errs, "kind"), "msg-kind-providers");
}

/* Too long: the limit goes with the code, for the words to show. */
static void
test_msg_too_long_names_the_limit(void **state)
{
	struct field_errors	 errs = { .n = 0 };
	struct msg_checked	 ok;
	struct msg_input	 in = { "other", NULL, NULL, NULL, NULL };
	char			*big = malloc(MSG_TEXT_MAX + 2);

	(void)state;
	assert_non_null(big);
	memset(big, 'a', MSG_TEXT_MAX + 1);
	big[MSG_TEXT_MAX + 1] = '\0';
	in.text = big;
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, ymd("2026-10-01"),
	    ymd("2026-12-02"), &ok, &errs), -1);
	assert_string_equal(code_at(&errs, "text"), "text-too-long-max");
	assert_string_equal(errs.e[0].arg, "4000");
	free(big);
}

/* The absence needs its first day (a real date, not ahead, not before
 * the start), a last day not before it, and the contact attempts. */
static void
test_check_absence(void **state)
{
	struct field_errors	 errs = { .n = 0 };
	struct msg_checked	 ok;
	struct msg_input	 in = { "absence", "Uteblev från praktiken.",
				    "2026-11-30", "", "Ringde 9, 11 och 14." };
	struct date		 start = ymd("2026-10-01"), today = ymd("2026-12-02");

	(void)state;
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, start, today, &ok,
	    &errs), 0);
	assert_date_is(ok.from, "2026-11-30");
	assert_date_is(ok.to, "2026-11-30");
	in.absence_to = "2026-12-01";
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, start, today, &ok,
	    &errs), 0);
	assert_date_is(ok.to, "2026-12-01");

	in.absence_from = "2026-02-30";
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, start, today, &ok,
	    &errs), -1);
	assert_string_equal(code_at(&errs, "absence_from"), "date-format");
	errs.n = 0;
	in.absence_from = "2026-12-03";
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, start, today, &ok,
	    &errs), -1);
	assert_string_equal(code_at(&errs, "absence_from"),
	    "absence-from-future");
	errs.n = 0;
	in.absence_from = "2026-09-30";
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, start, today, &ok,
	    &errs), -1);
	assert_string_equal(code_at(&errs, "absence_from"),
	    "absence-from-before-start");
	errs.n = 0;
	in.absence_from = "2026-12-01";
	in.absence_to = "2026-11-30";
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, start, today, &ok,
	    &errs), -1);
	assert_string_equal(code_at(&errs, "absence_to"),
	    "absence-to-before-from");
	errs.n = 0;
	in.absence_to = "";
	in.contact_attempts = "  ";
	in.absence_from = "";
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, start, today, &ok,
	    &errs), -1);
	assert_string_equal(code_at(&errs, "contact_attempts"),
	    "contact-attempts-required");
	assert_string_equal(code_at(&errs, "absence_from"), "date-required");
	assert_false(has_error(&errs, "text"));
	errs.n = 0;
	in.absence_from = "2026-1-30";
	assert_int_equal(msg_check(&in, ROLE_PROVIDER, start, today, &ok,
	    &errs), -1);
	assert_true(has_error(&errs, "absence_from"));
}

/* Same day or the next working day (README, Rules: absences). */
static void
test_absence_due(void **state)
{
	(void)state;
	/* Monday: by Tuesday; Friday: by Monday; Saturday: by Monday. */
	assert_date_is(msg_absence_due(ymd("2026-11-30")), "2026-12-01");
	assert_date_is(msg_absence_due(ymd("2026-12-04")), "2026-12-07");
	assert_date_is(msg_absence_due(ymd("2026-12-05")), "2026-12-07");
	/* 23 December: julafton to annandag jul, then the weekend. */
	assert_date_is(msg_absence_due(ymd("2026-12-23")), "2026-12-28");
	assert_false(msg_absence_late(ymd("2026-11-30"), ymd("2026-11-30")));
	assert_false(msg_absence_late(ymd("2026-11-30"), ymd("2026-12-01")));
	assert_true(msg_absence_late(ymd("2026-11-30"), ymd("2026-12-02")));
	assert_false(msg_absence_late(ymd("2026-12-04"), ymd("2026-12-07")));
	assert_true(msg_absence_late(ymd("2026-12-04"), ymd("2026-12-08")));
}

/* 72 hours to the second; local times across the spring change. */
static void
test_incident_line(void **state)
{
	time_t	 t, r;
	char	 buf[21];

	(void)state;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	assert_int_equal(incident_local_time("2026-11-28", "09:15", &t), 0);
	incident_utc(t, buf);
	assert_string_equal(buf, "2026-11-28T08:15:00Z");
	incident_utc(incident_deadline(t), buf);
	assert_string_equal(buf, "2026-12-01T08:15:00Z");
	assert_int_equal(incident_parse_utc("2026-12-01T08:15:00Z", &r), 0);
	assert_false(incident_late(t, r));
	assert_true(incident_late(t, r + 1));
	/* Summer time from 02:00 on 29 March 2026: 72 h, not 3 local days. */
	assert_int_equal(incident_local_time("2026-03-28", "12:00", &t), 0);
	incident_utc(incident_deadline(t), buf);
	assert_string_equal(buf, "2026-03-31T11:00:00Z");
	/* 02:30 that night never happened on a Stockholm clock. */
	assert_int_equal(incident_local_time("2026-03-29", "02:30", &t), -1);
	assert_int_equal(incident_local_time("2026-11-28", "24:00", &t), -1);
	assert_int_equal(incident_local_time("2026-11-28", "9:15", &t), -1);
	assert_int_equal(incident_local_time("2026-11-31", "09:15", &t), -1);
	assert_int_equal(incident_local_time("2026-11-28", NULL, &t), -1);
	assert_int_equal(incident_parse_utc("2026-12-01 08:15:00", &r), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msg_kind_names_round_trip),
		cmocka_unit_test(test_msg_kinds_allowed_by_role),
		cmocka_unit_test(test_msg_text_limit_in_bytes),
		cmocka_unit_test(test_check_plain_message),
		cmocka_unit_test(test_msg_check_refuses_bad_kind_and_text),
		cmocka_unit_test(test_msg_too_long_names_the_limit),
		cmocka_unit_test(test_check_absence),
		cmocka_unit_test(test_absence_due),
		cmocka_unit_test(test_incident_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
