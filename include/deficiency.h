/*
 * deficiency: per provider, the deficiencies of 002 §13.5 that a
 * counsellor must see among the placements of his or her customers on a
 * given day: reports more than a month late, repeated late reports, and
 * documents returned again and again.  The lateness of a report is that
 * of duties.c and lateness.h (the plan and a requested revision, each
 * monthly report up to the current month, the final report near the end
 * or once decided; late when first submitted after its due date, or
 * still not submitted past it), the same the document page shows; read
 * with two statements (db.c, STMT_DEFICIENCY_PLACEMENTS and _DOCS) whose
 * cost follows the counsellor's caseload, not the size of the database.
 */
#ifndef INSATS_DEFICIENCY_H
#define INSATS_DEFICIENCY_H

#include <stddef.h>

#include "calendar.h"
#include "db.h"

/* One provider with a deficiency. */
struct deficiency {
	long	 provider_id;
	char	 name[201];
	int	 very_late;	/* reports more than a month late */
	int	 late;		/* late reports, the very late included */
	int	 returned;	/* documents returned twice or more */
};

/*
 * Fills out (up to max, by provider name) with the providers that have a
 * deficiency among counsellor's placements on today: very_late > 0,
 * late >= 2 (repeated) or returned > 0.  Sets *more when there are
 * more such providers than max.  Returns the number written, or -1.
 */
int	 deficiencies_of_counsellor(struct db *db, long counsellor,
	    struct date today, struct deficiency *out, size_t max, int *more);

#endif
