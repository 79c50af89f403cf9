/*
 * catalogue: the placement catalogue (codes, kundval, names, maximum
 * lengths) and its dated monthly amounts, loaded from a TSV file of
 * CATALOGUE_FORMAT (regrules.h) and listed in the same format.
 */
#ifndef INSATS_CATALOGUE_H
#define INSATS_CATALOGUE_H

#include <stdint.h>

#include "calendar.h"
#include "database.h"

/*
 * Upserts every row of the TSV file at path in one transaction; an
 * amount valid from today or earlier is refused once the code has
 * amounts, so no month that has begun is re-priced.  Returns 0 with
 * *count rows, 1 if unreadable or on an error, 2 if malformed, empty or
 * re-pricing a month that has begun (printed as path:line; nothing is
 * kept then).
 */
int	 catalogue_load(struct db *db, const char *path, struct date today,
	    int *count);

/* One code at one validity, as a line of the file. */
struct catalogue_entry {
	const char	*code, *kundval, *name;
	int		 max_months;
	const char	*valid_from;		/* YYYY-MM-DD */
	int64_t		 monthly_amount_ore;
};

/*
 * Every code and validity, by code and date; fn's strings are valid only
 * during the call, non-zero stops.  Returns 0, fn's value, or -1.
 */
int	 catalogue_each(struct db *db,
	    int (*fn)(const struct catalogue_entry *, void *), void *arg);
/*
 * The monthly amount of code valid on day (YYYY-MM-DD; a month's is the
 * one valid on its 1st).  Returns 0 with *ore, 1 if none, -1.
 */
int	 catalogue_amount(struct db *db, const char *code, const char *day,
	    int64_t *ore);

#endif
