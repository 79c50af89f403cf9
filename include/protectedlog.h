/*
 * protectedlog: every read of a protected customer's record (skyddad
 * identitet: skyddad folkbokföring, sekretessmarkering, fingerade
 * personuppgifter) is logged, who and when, in the same database as the
 * record, before the record is shown; a read that cannot be logged is not
 * served.  The log is purged with the customer.
 */
#ifndef INSATS_PROTECTEDLOG_H
#define INSATS_PROTECTEDLOG_H

#include <libxml/tree.h>

#include "database.h"
#include "store.h"

/*
 * Logs that u read customer's record by request what ("GET /placements/3":
 * the method and path, which hold ids only).  Returns 0 or -1.
 */
int	 protected_log_read(struct db *db, const struct user *u,
	    long customer, const char *what);
/*
 * Adds <protection category="…"> to parent for customer, and for a viewer
 * who may see the identity the latest reads (<read at login name role
 * what/>).  Returns 0 or -1.
 */
int	 protected_add_to_page(struct db *db, xmlNodePtr parent, long customer,
	    int with_reads);

#endif
