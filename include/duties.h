/*
 * duties: what a placement owes its counsellor, at a given day, kind by
 * kind as each descriptor's schedule says (kinds.h): a kind due once (the
 * plan), and a revision of it the counsellor asked for at a follow-up; a
 * kind due monthly for every month of the placement up to the current
 * month; a kind due at the end once the placement has ended, ends within
 * DUTY_FINAL_AHEAD days or has an ending decision.  Each with its due date
 * and whether it is or was late, as lateness.h defines it.  Also what the
 * owning provider may start on the placement page.  Pure code: the
 * documents come in as facts, "today" is a parameter.
 */
#ifndef INSATS_DUTIES_H
#define INSATS_DUTIES_H

#include <stddef.h>

#include "calendar.h"
#include "kinds.h"
#include "lateness.h"
#include "workflow.h"

/* Days before the end from which a kind due at the end is on the list. */
#define DUTY_FINAL_AHEAD	14
/* Room for a placement of any length the catalogue allows (plus slack). */
#define DUTIES_MAX		64
/* Months from the start a monthly kind is offered for (the "new" actions). */
#define OFFER_MONTHS_MAX	36

struct duty {
	char		 kind[16];	/* a kind's name */
	char		 period[8];	/* monthly: "YYYY-MM", else "" */
	int		 revision;	/* a requested revision: 2 or more */
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
 * given its documents (any order).  Returns the number written: kind by
 * kind in the order of the table (kind_at()), each kind's in order: the
 * plan and its requested revision, the months in order, the final report.
 */
size_t	 duties_of_placement(const struct late_case *pc, struct date today,
	    const struct doc_fact *docs, size_t ndocs, struct duty *out,
	    size_t max);

/* A document of a placement: its kind's name and its period ("" none). */
struct doc_slot {
	char		 kind[16];
	char		 period[8];
};

/* A document the owning provider may start: a "new" action. */
struct doc_offer {
	const struct kind *kind;
	char		 period[8];	/* a monthly kind's month, else "" */
};

/*
 * Fills out (up to max) with the documents the owning provider may start
 * on today, given those the placement has (have, n of them), for each
 * kind the owner starts (owner_starts), in the order of the table: a kind
 * due once or at the end when it has none; a monthly kind for every month
 * from the start's (at most OFFER_MONTHS_MAX) up to this one and not past
 * the end's that has none.  A kind on the calendar (monthly, at the end)
 * needs the start (year 0: unknown, nothing offered); end year 0 is
 * open-ended.  Returns the number written.
 */
size_t	 duties_offers(struct date start, struct date end, struct date today,
	    const struct doc_slot *have, size_t n, struct doc_offer *out,
	    size_t max);

#endif
