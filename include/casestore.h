/*
 * casestore: the case flow's writes (issue 12; its reads are
 * casereads.h's).  Each step changes the placement and writes its event
 * (who, when, what) in one transaction (group-committed in a worker).  A
 * step is guarded in SQL by the steps it needs and by the absence of an
 * ending decision, so a step that raced another changes nothing.
 */
#ifndef INSATS_CASESTORE_H
#define INSATS_CASESTORE_H

#include "database.h"
#include "store.h"

/* A new placement, as the counsellor queues it (aktualisering). */
struct case_queue {
	long		 customer_id;
	const char	*code;
	long		 provider_id;
	const char	*start;		/* "YYYY-MM-DD" */
	const char	*end;		/* the planned end, "YYYY-MM-DD" */
	int		 by_default;	/* the default provider: no choice made */
};

/*
 * Each returns 0 done, 1 not possible any more (a step it needs is
 * missing, or the placement has ended, or another change came first),
 * -1 on an error.  Texts are stored as given (checked by the caller).
 */
int	 casestore_queue(struct db *db, const struct user *u,
	    const struct case_queue *q, long *id);
int	 casestore_staff(struct db *db, const struct user *u,
	    const struct placement *p, const char *staff_name);
int	 casestore_assign(struct db *db, const struct user *u,
	    const struct placement *p, const char *assignment,
	    const char *extent, const char *part_time_reason,
	    const char *future_plan);
int	 casestore_meeting(struct db *db, const struct user *u,
	    const struct placement *p, const char *date);
int	 casestore_end(struct db *db, const struct user *u,
	    const struct placement *p, const char *ending, const char *decided,
	    const char *end);
/*
 * One month more, if the placement still has seen_extensions; new_end
 * (may be NULL: open-ended) becomes the planned end and the end in force.
 */
int	 casestore_extend(struct db *db, const struct user *u,
	    const struct placement *p, int seen_extensions,
	    const char *new_end, const char *reason);
int	 casestore_request_revision(struct db *db, const struct user *u,
	    const struct placement *p, const char *comment);

/*
 * The customer's written consent, given on date, that the provider of p
 * may read the current plan of the former placement (a provider change).
 */
int	 casestore_consent(struct db *db, const struct user *u,
	    const struct placement *p, const char *date);
/*
 * A follow-up meeting (trepartssamtal) on date, booked by u with an
 * optional note: 0 with *id, 1 after the ending, -1 on an error.
 */
int	 casestore_follow_up_book(struct db *db, const struct user *u,
	    const struct placement *p, const char *date, const char *note,
	    long *id);
/*
 * The outcome of follow-up id, once; revise_plan also asks for a plan
 * revision (its five working days start now).  0, 1 if it has one
 * already, -1 on an error.
 */
int	 casestore_follow_up_outcome(struct db *db, const struct user *u,
	    const struct placement *p, long id, const char *outcome,
	    int revise_plan);

#endif
