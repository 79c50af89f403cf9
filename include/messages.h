/*
 * messages: the rules of the messages between a provider and the
 * responsible counsellor (meddelarfunktionen, README, Rules: case start;
 * messages; absences) and of personal-data incidents (README, Rules:
 * incidents).  Pure code: the kinds, who may send which, the checks of every
 * field, the absence message's due date and the 72-hour line of an
 * incident.  "today" and "now" are parameters.
 */
#ifndef INSATS_MESSAGES_H
#define INSATS_MESSAGES_H

#include <time.h>

#include "calendar.h"
#include "workflow.h"
#include "xmldoc.h"

#define MSG_TEXT_MAX		4000	/* bytes of any text field */
#define INCIDENT_HOURS		72	/* reported within 72 h of discovery */

enum msg_kind {
	MSG_STAFFING,		/* bemanning klar (README, Rules: case start) */
	MSG_ABSENCE,		/* ogiltig frånvaro (README, Rules: absences) */
	MSG_OTHER_PLACEMENT,	/* behov av annan insats (Rules: messages) */
	MSG_OTHER		/* övrigt, e.g. a deviation from the plan */
};

/* "staffing", "absence", "other-placement", "other".  0 or -1. */
int		 msg_kind_parse(const char *s, enum msg_kind *out);
const char	*msg_kind_name(enum msg_kind k);
/*
 * 1 if a user of role may send kind k: the provider reports all four;
 * the counsellor answers with "other" (staffing, absences and the need
 * of another placement are the provider's to report).
 */
int		 msg_kind_allowed(enum msg_kind k, enum role role);

/* A message as typed (any field may be NULL: not sent). */
struct msg_input {
	const char	*kind;
	const char	*text;
	const char	*absence_from;	/* absence: first day, required */
	const char	*absence_to;	/* absence: last day, "" = one day */
	const char	*contact_attempts;	/* absence: required */
};

/* What msg_check() read from a message it accepted. */
struct msg_checked {
	enum msg_kind	 kind;
	struct date	 from, to;	/* absence only */
};

/*
 * Checks every field of in for a sender of role on a placement that
 * started on start, on today: the kind known and the sender's, the text
 * present and at most MSG_TEXT_MAX bytes; for an absence the dates
 * "YYYY-MM-DD", from not before the start and neither after today, to
 * not before from, and the contact attempts present.  Adds one error
 * code (xsl/texts.xsl) per wrong field to errs (field names: kind, text,
 * absence_from, absence_to, contact_attempts).  Returns 0 with *out, or -1.
 */
int		 msg_check(const struct msg_input *in, enum role role,
		    struct date start, struct date today,
		    struct msg_checked *out, struct field_errors *errs);
/*
 * 1 if the text of a required field counts as written: at most max
 * bytes and something but spaces.  *why (may be NULL) says what is
 * wrong: 0 fine, 1 empty, 2 too long.
 */
int		 msg_text_ok(const char *s, size_t max, int *why);

/*
 * An unexcused absence is told to the counsellor the same or the next
 * working day (README, Rules: absences): the working day after the
 * absence's first day.
 */
struct date	 msg_absence_due(struct date first_day);
/* 1 if an absence message sent on sent (local date) is late. */
int		 msg_absence_late(struct date first_day, struct date sent);

/*
 * The moment of "YYYY-MM-DD" and "HH:MM" in the process's local time
 * (TZ).  Returns 0 with *out, or -1 if either is malformed or the local
 * time does not exist.
 */
int		 incident_local_time(const char *date, const char *hm,
		    time_t *out);
/* The 72-hour line: discovered + INCIDENT_HOURS hours. */
time_t		 incident_deadline(time_t discovered);
/* 1 if a report made at reported is past the line of discovered. */
int		 incident_late(time_t discovered, time_t reported);
/* "YYYY-MM-DDTHH:MM:SSZ" of t into buf (21 bytes). */
void		 incident_utc(time_t t, char buf[21]);
/* The inverse: 0 with *out, or -1 if s is not that form. */
int		 incident_parse_utc(const char *s, time_t *out);

#endif
