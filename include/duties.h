/*
 * duties: what a placement owes its counsellor, at a given day: the plan,
 * a plan revision the counsellor asked for at a follow-up, a monthly
 * report for every month of the placement up to the current month, the
 * final report when the placement has ended, ends within 14 days or has
 * an ending decision; each with its due date and whether it is or was
 * late, as lateness.h defines it.  Pure code: the documents come in as
 * facts, "today" is a parameter.
 */
#ifndef INSATS_DUTIES_H
#define INSATS_DUTIES_H

#include <stddef.h>

#include "calendar.h"
#include "lateness.h"
#include "workflow.h"

/* Days before the end from which the final report is on the list. */
#define DUTY_FINAL_AHEAD	14
/* Room for a placement of any length the catalogue allows (plus slack). */
#define DUTIES_MAX		64

struct duty {
	char		 kind[16];	/* plan, monthly, final */
	char		 period[8];	/* monthly: "YYYY-MM", else "" */
	int		 revision;	/* a requested plan revision: 2 or more */
	struct date	 due;
	long		 doc_id;	/* the latest revision; 0 not started */
	int		 started;
	enum doc_state	 state;		/* of the latest revision */
	int		 open;		/* the provider still has to submit it */
	int		 late;		/* submitted after due, or open past it */
	int		 very_late;	/* the same, by more than a month */
	int		 returns;	/* times the first revision was returned */
};

/*
 * Fills out (up to max) with the duties of placement pc on the day today,
 * given its documents (any order).  Returns the number written: the
 * plan, the requested revision, the months in order, the final report.
 */
size_t	 duties_of_placement(const struct late_case *pc, struct date today,
	    const struct doc_fact *docs, size_t ndocs, struct duty *out,
	    size_t max);

#endif
