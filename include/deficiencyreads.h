/*
 * deficiencyreads: what the deficiencies (deficiency.h) read of a
 * counsellor's caseload: every placement of his or her customers with its
 * provider and lateness facts, and the facts of its documents, in one
 * statement whose rows come placement by placement: no query per
 * placement, memory for one placement's documents at a time, and a cost
 * that follows the caseload, not the size of the database.  The names of
 * the providers are read only for those the page shows.
 */
#ifndef INSATS_DEFICIENCYREADS_H
#define INSATS_DEFICIENCYREADS_H

#include <stddef.h>

#include "database.h"
#include "lateness.h"

/* Documents of one placement looked at; more are left out. */
#define DEFICIENCY_DOCS_MAX	256

/* One placement of the counsellor's, as the callback sees it. */
struct deficiency_placement {
	long			 id;
	long			 provider_id;
	struct late_case	 facts;
	const struct doc_fact	*docs;		/* borrowed: valid during the
						 * callback only */
	size_t			 ndocs;
};

/*
 * Calls fn for each placement of counsellor's customers (by customer, then
 * placement id), its documents with it (a placement whose facts cannot be
 * read, a start that is not a date, is left out; so is a document of an
 * unknown state).  fn returns 0 to go on, non-zero to stop (that value is
 * returned).  Returns 0 when done, or -1 on a database error or no memory
 * (logged).
 */
int	 store_deficiency_placements_each(struct db *db, long counsellor,
	    int (*fn)(const struct deficiency_placement *, void *), void *arg);
/*
 * The name of organisation id into buf (cut to size).  Returns 0, 1 when
 * there is none, or -1.
 */
int	 store_provider_name(struct db *db, long id, char *buf, size_t size);

#endif
