/*
 * defaultlist: the default-provider list (förvalslista) of a kundval.
 * Customers who do not choose a provider get the default one.  The list
 * is the providers authorised for the kundval in order of authorisation
 * date (a new provider is added last), and each is the default for a
 * two-week period in turn, the periods running through the year: ISO
 * weeks 1-2 are the first provider's, 3-4 the second's, and so on round
 * the list; a 53rd week is a period of its own.  Each year starts again
 * with the first provider at week 1.  Pure code.
 */
#ifndef INSATS_DEFAULTLIST_H
#define INSATS_DEFAULTLIST_H

#include <stddef.h>

#include "calendar.h"

/* The ISO 8601 week of d: *week 1..53 of ISO year *year. */
void	 iso_week(struct date d, int *year, int *week);
/* The Monday of ISO week 1 of year. */
struct date	 iso_week1_monday(int year);

/* The two-week period d falls in: its number in the year (0 = weeks 1-2)
 * and its first and last day. */
struct default_period {
	int		 number;
	struct date	 from, to;
};
void	 default_period(struct date d, struct default_period *out);

/*
 * The index, in a list of n providers ordered by authorisation date, of
 * the default provider on d.  n must be > 0.
 */
size_t	 default_index(struct date d, size_t n);

#endif
