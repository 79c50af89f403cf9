/*
 * protectedpage: a protected customer's part of the placement page
 * (xsl/PAGES.md): the category and, for a viewer who may see the
 * identity, the latest reads of the record (protectedlog.h).
 */
#ifndef INSATS_PROTECTEDPAGE_H
#define INSATS_PROTECTEDPAGE_H

#include <libxml/tree.h>

#include "database.h"

/*
 * Adds <protection category="…"> to parent for customer, and with_reads
 * its latest reads (<read at login name role what/>).  Returns 0 or -1.
 */
int	 protected_add_to_page(struct db *db, xmlNodePtr parent, long customer,
	    int with_reads);

#endif
