/*
 * deficiency: per provider, the deficiencies that a counsellor must see
 * among the placements of his or her customers on a given day: reports
 * more than a month late, repeated late reports, and documents returned
 * again and again.  The lateness of a report is that of duties.h and
 * lateness.h (every duty the descriptors schedule: late when first
 * submitted after its due date, or still not submitted past it), the
 * same the document page shows.  The caseload is read by
 * deficiencyreads.h, whose cost follows it, not the size of the database.
 */
#ifndef INSATS_DEFICIENCY_H
#define INSATS_DEFICIENCY_H

#include <stddef.h>

#include "calendar.h"
#include "database.h"

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
