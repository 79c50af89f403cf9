/*
 * latefacts: the facts of lateness.h read from the database, every stored
 * UTC time turned into its local day.  The storage code reads them from
 * its own statements' rows (src/store/latefacts_rows.h).
 */
#ifndef INSATS_LATEFACTS_H
#define INSATS_LATEFACTS_H

#include <libxml/tree.h>

#include "database.h"
#include "lateness.h"

/* Fills *f with what a final report's content states (nothing if NULL). */
void	 late_final_of(xmlDocPtr content, struct late_final *f);
/* The facts of placement id.  Returns 0, 1 if there is none, or -1. */
int	 late_case_of(struct db *db, long id, struct late_case *pc);
/*
 * The facts of document doc of placement placement.  Returns 0, 1 if
 * there is none, or -1.
 */
int	 late_fact_of(struct db *db, long placement, long doc,
	    struct doc_fact *f);

#endif
