/*
 * protectedlog: every read of a protected customer's record (skyddad
 * identitet: skyddad folkbokföring, sekretessmarkering, fingerade
 * personuppgifter) is logged, who and when, in the same database as the
 * record, before the record is shown; a read that cannot be logged is not
 * served.  The log is purged with the customer.
 */
#ifndef INSATS_PROTECTEDLOG_H
#define INSATS_PROTECTEDLOG_H

#include <stddef.h>

#include "database.h"
#include "store.h"

/*
 * Logs that u read customer's record by request what ("GET /placements/3":
 * the method and path, which hold ids only).  Returns 0 or -1.
 */
int	 protected_log_read(struct db *db, const struct user *u,
	    long customer, const char *what);
/* A logged read; the strings are valid during the callback only. */
struct protected_read {
	const char	*at;		/* UTC */
	const char	*login, *name, *role;
	const char	*what;		/* "GET /placements/3" */
};

/*
 * Calls fn for the latest reads of customer's record, the newest first,
 * at most limit.  Returns 0, fn's non-zero value, or -1.
 */
int	 protected_reads_each(struct db *db, long customer, int limit,
	    int (*fn)(const struct protected_read *, void *), void *arg);
/*
 * The protection category of customer ("skyddad-folkbokforing",
 * "sekretessmarkering", "fingerade"; "" when the column is empty) into
 * buf.  Returns 0, or -1 when there is no such customer or on an error.
 */
int	 protected_category(struct db *db, long customer, char *buf,
	    size_t size);

#endif
