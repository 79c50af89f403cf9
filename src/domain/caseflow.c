/*
 * caseflow: the case flow's rules (caseflow.h).
 */
#include <string.h>

#include "caseflow.h"

static const char *const ending_names[] = { "completed", "early", "aborted" };

struct date
case_staff_due(struct date queued)
{
	/* "samma dag eller vardagen därpå": the next working day. */
	return calendar_add_workdays(queued, 1);
}

struct date
case_assign_due(struct date staffed)
{
	return calendar_add_workdays(staffed, 1);
}

struct date
case_meeting_due(struct date assigned)
{
	return date_add_days(assigned, CASE_MEETING_DAYS);
}

struct date
case_max_end(struct date start, int max_months, int extension_months)
{
	return date_add_months(start, max_months + extension_months);
}

enum case_refusal
case_check_queue(struct date start, struct date end, struct date max_end)
{
	if (date_compare(end, start) < 0)
		return CASE_END_BEFORE_START;
	if (date_compare(end, max_end) > 0)
		return CASE_PAST_MAX;
	return CASE_OK;
}

enum case_refusal
case_check_ending(const struct case_ending *e, struct date start,
    struct date planned, struct date max_end, struct date today)
{
	enum case_refusal r;

	if ((r = case_check_queue(start, e->end, max_end)) != CASE_OK)
		return r;
	if (date_compare(e->decided, today) > 0)
		return CASE_DECISION_FUTURE;
	/* The decision names the end (as the final report states them). */
	if (date_compare(e->end, e->decided) < 0)
		return CASE_END_BEFORE_DECISION;
	if (planned.year == 0)
		return CASE_OK;
	if (e->kind == ENDING_COMPLETED && date_compare(e->end, planned) != 0)
		return CASE_COMPLETED_NOT_PLANNED;
	if (e->kind != ENDING_COMPLETED && date_compare(e->end, planned) >= 0)
		return CASE_EARLY_NOT_EARLY;
	return CASE_OK;
}

enum case_refusal
case_check_extension(int extension_months, int ended, struct date max_end,
    struct date today)
{
	if (ended)
		return CASE_ALREADY_ENDED;
	if (extension_months >= CASE_EXTENSION_MAX)
		return CASE_EXTENSIONS_USED;
	if (date_compare(date_add_months(today, 1), max_end) < 0)
		return CASE_NOT_NEAR_MAX;
	return CASE_OK;
}

int
case_ending_parse(const char *s, enum ending *out)
{
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(ending_names) /
	    sizeof(ending_names[0]); i++)
		if (strcmp(s, ending_names[i]) == 0) {
			*out = (enum ending)i;
			return 0;
		}
	return -1;
}

const char *
case_ending_name(enum ending e)
{
	return (unsigned)e < sizeof(ending_names) / sizeof(ending_names[0]) ?
	    ending_names[e] : "?";
}
