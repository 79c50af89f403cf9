/*
 * doclists: what the placement and document pages read of documents: a
 * placement's documents and their lateness facts, a document's revisions
 * and history, the latest revision of a kind, and whether a consent
 * shares a former placement's plan.
 *
 * Each _each function calls fn per row in order; fn returns 0 to go on,
 * non-zero to stop, and the function returns that value, 0 at the end, or
 * -1 on a database error.
 */
#ifndef INSATS_DOCLISTS_H
#define INSATS_DOCLISTS_H

#include <stddef.h>

#include "database.h"
#include "lateness.h"
#include "store.h"

/*
 * One entry of a document's history: an event, or a save (action "save",
 * from and to its state).  The strings are borrowed, valid only during
 * the call of fn.
 */
struct doc_event {
	const char	*at;		/* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	const char	*actor;		/* login */
	const char	*actor_name;
	const char	*action;
	const char	*from;		/* the state before, or NULL */
	const char	*to;		/* the state after, or NULL */
	const char	*comment;	/* or NULL */
};

/* One revision of a document (plan revision 1, 2, ...). */
struct doc_revision {
	long		 id;
	int		 revision;
	enum doc_state	 state;
};

/*
 * The documents of placement (fixed buffers, valid during fn), by kind,
 * period and revision.
 */
int	 store_documents_of_placement_each(struct db *db, long placement,
	    int (*fn)(const struct document *, void *), void *arg);
/*
 * The lateness facts of placement's documents into f (at most max), in
 * the order above; a row of an unknown state is left out.  Returns the
 * number read, or -1.  (The start pages' lists read theirs with their
 * rows, caseload.h.)
 */
int	 store_doc_facts_of_placement(struct db *db, long placement,
	    struct doc_fact *f, size_t max);
/* The events and saves of document doc, each save after its event. */
int	 store_doc_history_each(struct db *db, long doc,
	    int (*fn)(const struct doc_event *, void *), void *arg);
/*
 * The latest limit entries of that history (all of it when it has no
 * more), newest first: what a document's view shows of it.  The cost
 * follows limit, not the length of the history.
 */
int	 store_doc_history_latest_each(struct db *db, long doc, int limit,
	    int (*fn)(const struct doc_event *, void *), void *arg);
/*
 * How many entries the history of doc has, into *n, from a count kept on
 * the document (cheap, whatever the history).  Returns 0, 1 when there is
 * no such document, or -1.
 */
int	 store_doc_history_count(struct db *db, long doc, long *n);
/*
 * The latest return of doc (action "return", with its comment, if any):
 * fn is called once with it.  Returns what fn returns, 1 when doc was
 * never returned, or -1.
 */
int	 store_doc_latest_return(struct db *db, long doc,
	    int (*fn)(const struct doc_event *, void *), void *arg);
/* Every revision of placement's document of kind and period, in order. */
int	 store_doc_revisions_each(struct db *db, long placement,
	    const char *kind, const char *period,
	    int (*fn)(const struct doc_revision *, void *), void *arg);
/*
 * The latest revision of placement's document of kind and period ("" for
 * none).  Returns 0 with *id (0: there is none), or -1.
 */
int	 store_doc_latest(struct db *db, long placement, const char *kind,
	    const char *period, long *id);
/*
 * Whether document doc is the current plan of a former placement of a
 * customer whose written consent is recorded on a later placement at
 * organisation org (a provider change): 1 yes, 0 no, -1 on an error.
 */
int	 store_plan_shared_by_consent(struct db *db, long doc, long org);

#endif
