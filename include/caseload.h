/*
 * caseload: the lists a viewer reads from his or her own caseload, one
 * page at a time: the placements of a provider or a counsellor with their
 * plan, the counsellor's review queue and the customer search.  Each is
 * read through indexes from the viewer's own placements, so its cost
 * follows the caseload, not the size of the database.
 *
 * Each list calls fn for at most limit rows, skipping offset, and sets
 * *more when a row follows them.  fn returns 0 to go on, non-zero to stop;
 * the function returns that value, 0 at the end, -1 on a database error.
 * The rows are fixed buffers, valid only during the call of fn.
 */
#ifndef INSATS_CASELOAD_H
#define INSATS_CASELOAD_H

#include "database.h"
#include "lateness.h"
#include "store.h"

/* Documents of one placement of a list read with it; more are left out. */
#define CASELOAD_DOCS_MAX	128

/* A placement of a start page's list. */
struct caseload_placement {
	struct placement	 p;
	int			 has_plan;	/* the plan_ fields are set */
	long			 plan_id;	/* its latest revision's */
	enum doc_state		 plan_state;
	int			 plan_revision;
	int			 has_case;	/* lc is read (the start is a date) */
	struct late_case	 lc;
	/*
	 * The lateness facts of its documents (see below), by kind, period
	 * and revision, at most CASELOAD_DOCS_MAX; one of an unknown state
	 * is left out.  Borrowed, valid only during the call of fn.
	 */
	const struct doc_fact	*docs;
	size_t			 ndocs;
};

/* A document waiting for the counsellor's review, with its placement. */
struct review_item {
	struct document		 d;
	struct placement	 p;
	int			 has_facts;	/* f and lc are read */
	struct doc_fact		 f;
	struct late_case	 lc;
};

/*
 * The placements of organisation org, the latest start first, each with
 * its latest document of kind (the listed kind, kind_listed(): the plan)
 * and the facts of all its documents (the provider's work queue lists
 * every duty).  The facts of a page's placements are read in one
 * statement after the page.
 */
int	 store_placements_of_provider_each(struct db *db, long org,
	    const char *kind, int limit, int offset, int *more,
	    int (*fn)(const struct caseload_placement *, void *), void *arg);
/*
 * The same of counsellor's customers' placements, with the facts of
 * their documents of kind alone (the counsellor's list shows no other).
 */
int	 store_placements_of_counsellor_each(struct db *db, long counsellor,
	    const char *kind, int limit, int offset, int *more,
	    int (*fn)(const struct caseload_placement *, void *), void *arg);
/*
 * The submitted documents of counsellor's customers, by the latest
 * submission: the oldest first, or with newest_first the newest.
 */
int	 store_review_queue_each(struct db *db, long counsellor,
	    int newest_first, int limit, int offset, int *more,
	    int (*fn)(const struct review_item *, void *), void *arg);
/*
 * The placements whose customer matches name_fold (a folded name, found
 * in it) or pnr_digits (a prefix of the personal number's 12 digits or of
 * its 10-digit form); the other is NULL.  A provider's never show a
 * protected identity.  By customer name, then the latest start first.
 */
int	 store_search_of_provider_each(struct db *db, long org,
	    const char *name_fold, const char *pnr_digits, int limit, int *more,
	    int (*fn)(const struct placement *, void *), void *arg);
int	 store_search_of_counsellor_each(struct db *db, long counsellor,
	    const char *name_fold, const char *pnr_digits, int limit, int *more,
	    int (*fn)(const struct placement *, void *), void *arg);

#endif
