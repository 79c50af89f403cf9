/*
 * messages: the rules of messages and incidents (messages.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "messages.h"

static const char *const kind_names[] = {
	[MSG_STAFFING] = "staffing",
	[MSG_ABSENCE] = "absence",
	[MSG_OTHER_PLACEMENT] = "other-placement",
	[MSG_OTHER] = "other",
};

#define NKINDS	(sizeof(kind_names) / sizeof(kind_names[0]))

int
msg_kind_parse(const char *s, enum msg_kind *out)
{
	size_t	 i;

	for (i = 0; s != NULL && i < NKINDS; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum msg_kind)i;
			return 0;
		}
	return -1;
}

const char *
msg_kind_name(enum msg_kind k)
{
	return (size_t)k < NKINDS ? kind_names[k] : "other";
}

int
msg_kind_allowed(enum msg_kind k, enum role role)
{
	if (role == ROLE_PROVIDER)
		return 1;
	return role == ROLE_COUNSELLOR && k == MSG_OTHER;
}

int
msg_text_ok(const char *s, size_t max, int *why)
{
	const char	*p;
	int		 w = 1;

	for (p = s; p != NULL && *p != '\0'; p++)
		if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') {
			w = 0;
			break;
		}
	if (w == 0 && strlen(s) > max)
		w = 2;
	if (why != NULL)
		*why = w;
	return w == 0;
}

/*
 * A required text field: adds the error (missing: the code when it is
 * empty) and returns -1 when wrong.
 */
static int
text_field(const char *s, const char *field, const char *missing,
    struct field_errors *errs)
{
	char	 max[16];
	int	 why;

	if (msg_text_ok(s, MSG_TEXT_MAX, &why))
		return 0;
	if (why == 2) {
		snprintf(max, sizeof(max), "%d", MSG_TEXT_MAX);
		field_errors_code(errs, field, "text-too-long-max", max);
	} else
		field_errors_code(errs, field, missing, NULL);
	return -1;
}

/* A date field "YYYY-MM-DD"; empty is allowed when optional (year 0). */
static int
date_field(const char *s, const char *field, int optional, struct date *d,
    struct field_errors *errs)
{
	d->year = d->month = d->day = 0;
	if (s == NULL || *s == '\0') {
		if (optional)
			return 0;
		field_errors_code(errs, field, "date-required", NULL);
		return -1;
	}
	if (strlen(s) != 10 || date_parse(s, d) == -1) {
		field_errors_code(errs, field, "date-format", NULL);
		return -1;
	}
	return 0;
}

/* The dates and contact attempts of an absence message. */
static int
check_absence(const struct msg_input *in, struct date start,
    struct date today, struct msg_checked *out, struct field_errors *errs)
{
	int	 bad = 0;

	if (date_field(in->absence_from, "absence_from", 0, &out->from,
	    errs) == 0) {
		if (date_compare(out->from, today) > 0) {
			field_errors_code(errs, "absence_from",
			    "absence-from-future", NULL);
			bad = 1;
		} else if (date_compare(out->from, start) < 0) {
			field_errors_code(errs, "absence_from",
			    "absence-from-before-start", NULL);
			bad = 1;
		}
	} else
		bad = 1;
	if (date_field(in->absence_to, "absence_to", 1, &out->to, errs) == -1)
		bad = 1;
	else if (out->to.year == 0)
		out->to = out->from;
	else if (!bad && date_compare(out->to, out->from) < 0) {
		field_errors_code(errs, "absence_to", "absence-to-before-from",
		    NULL);
		bad = 1;
	} else if (date_compare(out->to, today) > 0) {
		field_errors_code(errs, "absence_to", "absence-to-future",
		    NULL);
		bad = 1;
	}
	if (text_field(in->contact_attempts, "contact_attempts",
	    "contact-attempts-required", errs) == -1)
		bad = 1;
	return bad ? -1 : 0;
}

int
msg_check(const struct msg_input *in, enum role role, struct date start,
    struct date today, struct msg_checked *out, struct field_errors *errs)
{
	size_t	 before = errs->n;

	memset(out, 0, sizeof(*out));
	if (msg_kind_parse(in->kind, &out->kind) == -1)
		field_errors_code(errs, "kind", "msg-kind-required", NULL);
	else if (!msg_kind_allowed(out->kind, role))
		field_errors_code(errs, "kind", "msg-kind-providers", NULL);
	else if (out->kind == MSG_ABSENCE)
		check_absence(in, start, today, out, errs);
	text_field(in->text, "text", "msg-text-required", errs);
	return errs->n > before ? -1 : 0;
}

struct date
msg_absence_due(struct date first_day)
{
	return calendar_add_workdays(first_day, 1);
}

int
msg_absence_late(struct date first_day, struct date sent)
{
	return date_compare(sent, msg_absence_due(first_day)) > 0;
}

int
incident_local_time(const char *date, const char *hm, time_t *out)
{
	struct date	 d;
	struct tm	 tm;
	int		 h, m;

	if (date == NULL || hm == NULL || strlen(date) != 10 ||
	    date_parse(date, &d) == -1 || strlen(hm) != 5 || hm[2] != ':' ||
	    (h = date_digits(hm, 2)) < 0 || (m = date_digits(hm + 3, 2)) < 0 ||
	    h > 23 || m > 59)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_isdst = -1;
	if ((*out = mktime(&tm)) == (time_t)-1)
		return -1;
	/* A time skipped by the spring change is moved on by mktime. */
	if (tm.tm_hour != h || tm.tm_min != m)
		return -1;
	return 0;
}

time_t
incident_deadline(time_t discovered)
{
	return discovered + (time_t)INCIDENT_HOURS * 3600;
}

int
incident_late(time_t discovered, time_t reported)
{
	return reported > incident_deadline(discovered);
}

void
incident_utc(time_t t, char buf[21])
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
incident_parse_utc(const char *s, time_t *out)
{
	struct tm	 tm;
	struct date	 d;
	char		 day[11];

	if (s == NULL || strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z')
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (date_parse(day, &d) == -1)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	if ((tm.tm_hour = date_digits(s + 11, 2)) < 0 ||
	    (tm.tm_min = date_digits(s + 14, 2)) < 0 ||
	    (tm.tm_sec = date_digits(s + 17, 2)) < 0)
		return -1;
	*out = timegm(&tm);
	return 0;
}
