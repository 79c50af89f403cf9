/*
 * purge: the secure destruction of the records of every customer whose
 * two years have passed (retention.h), and the scan that lists the
 * customers to hand over to the archive or to decide on by hand.
 *
 * Each customer is destroyed in its own transaction (BEGIN IMMEDIATE)
 * that re-reads the clock, deletes every row about them with
 * PRAGMA secure_delete on, and adds them to the run's destruction record
 * (gallringsprotokoll: when, by whom, how many, under which rule, which
 * package; no personal data).  A run killed at any point leaves every
 * customer whole or gone; the next run finishes the work.  Afterwards the
 * WAL is checkpointed and truncated and the database file is searched for
 * the destroyed numbers; VACUUM runs when one is still found or when an
 * earlier run was killed before it could check.
 */
#ifndef INSATS_PURGE_H
#define INSATS_PURGE_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "database.h"
#include "retention.h"

#define PURGE_OBJID_MAX	64

/* One customer as the scan sees it. */
struct purge_customer {
	int64_t		 id;
	char			 pnr[32];	/* as stored */
	char			 name[201];
	int			 protected;
	char			 last_entry[32];	/* UTC timestamp as stored */
	struct retention	 r;
	/* A confirmed package holding everything up to the last entry. */
	char			 covered[PURGE_OBJID_MAX];
	/* An exported package not yet confirmed, else "". */
	char			 pending[PURGE_OBJID_MAX];
};

/* What happened to a customer in a run (for the report). */
enum purge_action {
	PURGE_LISTED_HANDOVER,	/* due, in the sample, not yet handed over */
	PURGE_LISTED_DECIDE,	/* due, unreadable: a person decides */
	PURGE_WOULD_DESTROY,	/* --dry-run */
	PURGE_DESTROYED,
	PURGE_SKIPPED		/* changed since the scan: kept this time */
};

/* Called for each customer listed or acted on; returns 0 to go on. */
typedef void	(*purge_note)(void *arg, enum purge_action what,
		    const struct purge_customer *c);
/* Called by purge_scan() for every candidate; non-zero stops the scan. */
typedef int	(*purge_visit)(void *arg, const struct purge_customer *c);

struct purge_opts {
	struct date	 today;
	int		 dry_run;
	int64_t	 actor;		/* users.id: who runs the purge */
	const char	*operator;	/* OS account, for the record */
	const char	*db_path;	/* the database file, for the check */
};

struct purge_result {
	int	 destroyed;		/* customers */
	int	 placements, documents, versions, events;
	int	 messages;		/* issue 13 */
	int	 would_destroy;		/* --dry-run */
	int	 handover, decide, skipped;
	int	 kept;			/* candidates not due (near the line) */
	int	 earlier_unfinished;	/* a killed run's records were open */
	int	 vacuumed;
	int	 checkpoint_ok;		/* the WAL is empty afterwards */
	int	 traces;		/* numbers still found after VACUUM */
};

/*
 * Reads the candidates (every customer that can be due at today: the
 * stored last entry lies before retention_scan_bound() or cannot be
 * read, found by index) with their clock, class and packages and calls
 * visit for each, in id order.  Returns 0, -1 on a database error, or visit's
 * non-zero value.
 */
int	 purge_scan(struct db *db, struct date today, purge_visit visit,
	    void *arg);
/*
 * The purge (or with dry_run set, what it would do: nothing is written).
 * note (may be NULL) hears of every customer listed or acted on.
 * Returns 0, or -1 on an error (printed); what was committed stays.
 */
int	 purge_run(struct db *db, const struct purge_opts *o, purge_note note,
	    void *arg, struct purge_result *res);
/*
 * One destruction record (gallringsprotokoll); finished and package are
 * NULL while the run is open and for the two-years rule.
 */
struct destruction_record {
	int64_t		 id;
	const char	*run, *started, *finished, *today;
	const char	*actor;			/* the login */
	const char	*operator, *rule, *package;
	int64_t		 customers, placements, documents, versions, events;
};

/*
 * Every destruction record, oldest first; fn's strings are valid only
 * during the call, non-zero stops.  Returns 0, fn's value, or -1.
 */
int	 purge_records_each(struct db *db,
	    int (*fn)(const struct destruction_record *, void *), void *arg);
/*
 * Searches the file at path for each of the n NUL-terminated needles.
 * Returns the number of needles found, 0 when the file is missing, or -1
 * if it cannot be read.
 */
int	 purge_file_traces(const char *path, char *const *needles, size_t n);

#endif
