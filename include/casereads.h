/*
 * casereads: what the case flow reads (handlers_case.c): a placement's own
 * events, follow-up meetings and former plan, and the start pages' lists
 * of open steps and of placements near their max length.  The writes are
 * casestore.h's.
 *
 * A list calls fn once per row, in the order documented: fn returns 0 to
 * go on, anything else to stop, and that value is returned; 0 after the
 * last row, -1 on a database error.  A row's strings are borrowed: valid
 * only during that call of fn.
 */
#ifndef INSATS_CASEREADS_H
#define INSATS_CASEREADS_H

#include "calendar.h"
#include "database.h"
#include "store.h"

/* One of the placement's own events: queueing, a step, the ending. */
struct case_event {
	const char	*at;		/* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	const char	*login;		/* the actor's */
	const char	*name;
	const char	*role;
	const char	*action;
	const char	*comment;	/* NULL if none */
};

/* The events of placement (not of its documents), oldest first. */
int	 casereads_events_each(struct db *db, long placement,
	    int (*fn)(const struct case_event *, void *), void *arg);

/* A follow-up meeting (trepartssamtal) of a placement. */
struct follow_up {
	long		 id;
	const char	*meeting_on;	/* "YYYY-MM-DD" */
	const char	*note;		/* NULL if none */
	const char	*booked_by;	/* the booker's name */
	const char	*booked_by_role;
	const char	*booked_at;	/* UTC */
	const char	*outcome;	/* NULL until recorded */
	int		 revise_plan;	/* the outcome asked for a plan revision */
	const char	*outcome_at;	/* UTC, NULL until recorded */
};

/* The follow-up meetings of placement by date. */
int	 casereads_follow_ups_each(struct db *db, long placement,
	    int (*fn)(const struct follow_up *, void *), void *arg);

/* Where a follow-up meeting belongs. */
struct follow_up_ref {
	long		 placement_id;
	char		 meeting_on[11];	/* "YYYY-MM-DD", "" if unreadable */
};

/* Follow-up meeting id: 0 with *out, 1 if there is none, -1 on an error. */
int	 casereads_follow_up_get(struct db *db, long id,
	    struct follow_up_ref *out);

/*
 * The current plan (latest revision) of the customer's former placement,
 * the one before this at another provider: a provider change.  The plan
 * is the document of the kind shared on consent (kinds.h).
 */
struct former_plan {
	long		 document_id;
	int		 revision;
	char		 state[16];	/* the plan's state, as stored */
	long		 placement_id;	/* the former placement */
	char		 provider[201];	/* its provider's name */
};

/* The former plan of placement: 0 with *out, 1 if none, -1 on an error. */
int	 casereads_former_plan(struct db *db, long placement,
	    struct former_plan *out);

/* A placement with an open step, for a start page. */
struct case_step {
	struct placement p;
	const char	*queued_at;	/* UTC */
	const char	*staffed_at;	/* UTC, NULL: still to staff */
	const char	*assigned_at;	/* UTC, NULL: still to assign */
};

/*
 * The open steps of u's placements that have not ended before today, at
 * most limit: a provider's organisation's to staff or with an assignment
 * but no start meeting, by queueing; a counsellor's customers' staffed
 * ones without an assignment, by staffing.
 */
int	 casereads_steps_each(struct db *db, const struct user *u,
	    struct date today, int limit,
	    int (*fn)(const struct case_step *, void *), void *arg);

/*
 * The shortest max length of the catalogue in months (0 when the
 * catalogue is empty), or -1 on an error.
 */
int	 casereads_shortest_max(struct db *db);

/* A placement without an ending decision and its max length. */
struct case_open {
	struct placement p;
	int		 max_months;	/* the catalogue's */
	int		 extension_months;	/* granted so far */
};

/*
 * The placements without an ending decision that started by
 * latest_start and have not ended before today, oldest start first, at
 * most limit (caseflow.h decides which are near their max end).
 */
int	 casereads_open_each(struct db *db, struct date latest_start,
	    struct date today, int limit,
	    int (*fn)(const struct case_open *, void *), void *arg);

#endif
