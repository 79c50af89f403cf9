/*
 * caseflow: the rules of a placement's case flow, from queueing to the
 * ending decision (the routines' case start, extension and ending
 * sections): the due date of each step, the longest a placement may
 * last, and which ending decisions and extensions are allowed.  Pure
 * code: dates in, dates and verdicts out; "today" is a parameter.
 */
#ifndef INSATS_CASEFLOW_H
#define INSATS_CASEFLOW_H

#include "calendar.h"

/* The team lead extends a placement one month at a time, twice at most. */
#define CASE_EXTENSION_MAX	2
/* The start meeting is held within a week of the assignment. */
#define CASE_MEETING_DAYS	7

/*
 * The provider staffs the case the same or the next working day after
 * the counsellor queued the customer.
 */
struct date	 case_staff_due(struct date queued);
/*
 * The counsellor attaches the assignment and the future plan the working
 * day after the staffing (day 2-3 of the case).
 */
struct date	 case_assign_due(struct date staffed);
/* The start meeting: within a week of the assignment. */
struct date	 case_meeting_due(struct date assigned);

/*
 * The last day a placement from start may last: the catalogue's maximum
 * length plus the team lead's extensions (months).
 */
struct date	 case_max_end(struct date start, int max_months,
		    int extension_months);

/* Why a placement's dates are refused; CASE_OK when they are not. */
enum case_refusal {
	CASE_OK = 0,
	CASE_END_BEFORE_START,	/* the end is before the start */
	CASE_PAST_MAX,		/* the end is after case_max_end() */
	CASE_DECISION_FUTURE,	/* an ending decided after today */
	CASE_END_BEFORE_DECISION, /* an end before the decision to end */
	CASE_COMPLETED_NOT_PLANNED, /* "completed" but not on the planned end */
	CASE_EARLY_NOT_EARLY,	/* early / aborted, but not before the plan */
	CASE_ALREADY_ENDED,	/* an ending decision exists */
	CASE_EXTENSIONS_USED,	/* CASE_EXTENSION_MAX extensions granted */
	CASE_NOT_NEAR_MAX	/* an extension while far from the max end */
};

/* The planned dates when the customer is queued: end within the max. */
enum case_refusal case_check_queue(struct date start, struct date end,
		    struct date max_end);

/* An ending decision as the counsellor records it. */
struct case_ending {
	enum ending	 kind;
	struct date	 decided;	/* the decision's date */
	struct date	 end;		/* the actual last day */
};

/*
 * Checks an ending decision for a placement from start, planned to end on
 * planned (year 0: open-ended), at most until max_end, on today.
 */
enum case_refusal case_check_ending(const struct case_ending *e,
		    struct date start, struct date planned,
		    struct date max_end, struct date today);

/*
 * Whether the team lead may extend by one more month today: the
 * placement has no ending decision, fewer than CASE_EXTENSION_MAX
 * extensions were granted, and today is within a month of the max end or
 * past it (an extension is for a customer who can reach the goal in that
 * month, decided when the time runs out, not in advance).
 */
enum case_refusal case_check_extension(int extension_months, int ended,
		    struct date max_end, struct date today);

/* Parses "completed", "early", "aborted".  Returns 0 or -1. */
int		 case_ending_parse(const char *s, enum ending *out);
const char	*case_ending_name(enum ending e);

#endif
