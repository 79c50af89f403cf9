/*
 * duties: what a placement owes its counsellor, at a given day: the plan,
 * a monthly report for every month of the placement up to the current
 * month, the final report when the placement has ended or ends within 14
 * days; each with its due date and whether it is or was late.  Pure code:
 * the documents come in as facts, "today" is a parameter.
 */
#ifndef INSATS_DUTIES_H
#define INSATS_DUTIES_H

#include <stddef.h>

#include "calendar.h"
#include "workflow.h"

/* Days before the end from which the final report is on the list. */
#define DUTY_FINAL_AHEAD	14
/* Room for a placement of any length the catalogue allows (plus slack). */
#define DUTIES_MAX		64

/* One document of the placement, as the database knows it. */
struct doc_fact {
	long		 id;
	char		 kind[16];
	char		 period[8];	/* "YYYY-MM" or "" */
	int		 revision;
	enum doc_state	 state;
	struct date	 submitted;	/* first submission; year 0: never */
	int		 returns;	/* times returned */
};

struct duty {
	char		 kind[16];	/* plan, monthly, final */
	char		 period[8];	/* monthly: "YYYY-MM", else "" */
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
 * Fills out (up to max) with the duties of a placement from start to end
 * (NULL: open-ended) on the day today, given its documents (any order).
 * Returns the number written, in due-date order.
 */
size_t	 duties_of_placement(struct date start, const struct date *end,
	    struct date today, const struct doc_fact *docs, size_t ndocs,
	    struct duty *out, size_t max);

/*
 * The due date of duty kind/period ("YYYY-MM" for a monthly report, else
 * "") of a placement from start to end (NULL: open-ended) on the day
 * today, as duties_of_placement() lists it.  Returns 1 with *due set if
 * it is a duty that day, else 0.
 */
int	 duty_due(struct date start, const struct date *end,
	    struct date today, const char *kind, const char *period,
	    struct date *due);

/*
 * Which duties are past due on a day, as bounds that a query compares
 * with a placement's dates (deficiency.c): a duty counts as late when
 * nothing arrived by its due date, and as very late a month after it.
 */
struct duty_bounds {
	struct date	 plan_late;	/* the latest start whose plan is late */
	struct date	 plan_very;	/* ... more than a month late */
	struct date	 final_late;	/* the latest end whose final report is */
	struct date	 final_very;
	int		 month_late;	/* the latest month (duty_month()) */
	int		 month_very;	/* whose monthly report is (very) late */
};

/* Fills b for the day today. */
void	 duty_bounds(struct date today, struct duty_bounds *b);

/* The month number of d: year * 12 + month - 1. */
int	 duty_month(struct date d);

#endif
