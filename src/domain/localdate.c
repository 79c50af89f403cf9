/*
 * localdate: UTC timestamps to local dates (localdate.h).
 */
#include <string.h>
#include <time.h>

#include "localdate.h"

/*
 * Returns 0 with *out the local date of the UTC timestamp, or -1 when it
 * is not exactly "YYYY-MM-DDTHH:MM:SSZ" with a real date and time.
 */
int
local_date_of(const char *utc, struct date *out)
{
	struct tm	 loc;
	time_t		 t;
	int		 y, mo, d, h, mi, s;

	if (utc == NULL || strlen(utc) != 20 || utc[4] != '-' ||
	    utc[7] != '-' || utc[10] != 'T' || utc[13] != ':' ||
	    utc[16] != ':' || utc[19] != 'Z')
		return -1;
	y = date_digits(utc, 4);
	mo = date_digits(utc + 5, 2);
	d = date_digits(utc + 8, 2);
	h = date_digits(utc + 11, 2);
	mi = date_digits(utc + 14, 2);
	s = date_digits(utc + 17, 2);
	if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 ||
	    !date_valid(y, mo, d) || h > 23 || mi > 59 || s > 60)
		return -1;
	/* What timegm() gives, by arithmetic: timegm was half the cost. */
	t = (time_t)date_to_days((struct date){ y, mo, d }) * 86400 +
	    h * 3600 + mi * 60 + s;
	if (localtime_r(&t, &loc) == NULL)
		return -1;
	out->year = loc.tm_year + 1900;
	out->month = loc.tm_mon + 1;
	out->day = loc.tm_mday;
	return 0;
}

struct date
local_today(void)
{
	time_t		 t = time(NULL);
	struct tm	 tm;
	struct date	 d = { 0, 0, 0 };

	if (localtime_r(&t, &tm) == NULL)
		return d;
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}
