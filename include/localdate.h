/*
 * localdate: the local calendar date of a moment.  Stored times are UTC
 * ("YYYY-MM-DDTHH:MM:SSZ"); every deadline and lateness is judged on the
 * date in the configured time zone (TZ, set from `timezone` at start-up),
 * so a submission at 00:30 Stockholm time on the 8th is on the 8th, not
 * on the 7th as the first ten characters of its UTC time would say.
 */
#ifndef INSATS_LOCALDATE_H
#define INSATS_LOCALDATE_H

#include "calendar.h"

/*
 * Returns 0 with *out the local date of the UTC timestamp, or -1 when it
 * is not exactly "YYYY-MM-DDTHH:MM:SSZ" with a real date and time.
 */
int		 local_date_of(const char *utc, struct date *out);
/* Today's date in the process's local time. */
struct date	 local_today(void);

#endif
