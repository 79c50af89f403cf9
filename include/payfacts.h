/*
 * payfacts: what a payment run reads of the database (payments.h; the
 * rules of which rows it pays are payments.c's and billing.c's).  The
 * "monthly report" is the document of the kind that pays a month, the
 * "final report" that of the kind that holds the end month (kinds.h:
 * pays_month, holds_end_month).  Reads return 0 found, 1 none, -1 on an
 * error; a list calls fn per row (fn's strings valid only during the
 * call; non-zero stops and is returned).
 */
#ifndef INSATS_PAYFACTS_H
#define INSATS_PAYFACTS_H

#include <stddef.h>
#include <stdint.h>

#include "database.h"

/* A placement's payment facts as stored; "" for what is not there. */
struct pay_placement {
	char		 provider[201];
	int64_t		 customer;
	char		 code[16];
	char		 start[11], end[11];
	char		 ending[16];		/* completed, early, aborted */
	char		 ending_decided_on[11];
	char		 final_first[32];	/* the final report's first
						 * submission, UTC */
	int		 final_approved;
};

/*
 * The placements that may have a row in the run of month ("YYYY-MM") for
 * counsellor's customers (0: all), by provider: an approved report on
 * the month; a monthly or final report submitted (last) on or after
 * since, the previous run's cut-off; an aborted placement ending from
 * first to last (the month's days).  fn gets each id.
 */
int	 store_pay_candidates_each(struct db *db, const char *month,
	    int64_t counsellor, const char *since, const char *first,
	    const char *last, int (*fn)(int64_t id, void *), void *arg);
int	 store_pay_placement(struct db *db, int64_t id,
	    struct pay_placement *out);
/*
 * The approved monthly reports of placement by period: fn gets the
 * period and the first submission (UTC; NULL if none is recorded).
 */
int	 store_pay_monthlies_each(struct db *db, int64_t placement,
	    int (*fn)(const char *period, const char *first, void *),
	    void *arg);
/*
 * Document id's first submission (the last one if no event has it) into
 * buf, "" if it has none.  Returns 0 or -1.
 */
int	 store_doc_first_submit(struct db *db, int64_t id, char *buf,
	    size_t size);

#endif
