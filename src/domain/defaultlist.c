/*
 * defaultlist: the default-provider list's rotation (defaultlist.h).
 */
#include "defaultlist.h"

struct date
iso_week1_monday(int year)
{
	/* Week 1 is the week with 4 January in it. */
	struct date	 jan4 = { year, 1, 4 };

	return date_add_days(jan4, 1 - date_weekday(jan4));
}

void
iso_week(struct date d, int *year, int *week)
{
	struct date	 monday = iso_week1_monday(d.year + 1);
	int		 y = d.year + 1;

	/* The ISO year is d's year, the next one or the one before. */
	if (date_compare(d, monday) < 0) {
		y = d.year;
		monday = iso_week1_monday(y);
		if (date_compare(d, monday) < 0) {
			y = d.year - 1;
			monday = iso_week1_monday(y);
		}
	}
	*year = y;
	*week = (int)((date_to_days(d) - date_to_days(monday)) / 7) + 1;
}

void
default_period(struct date d, struct default_period *out)
{
	int	 year, week, weeks;

	iso_week(d, &year, &week);
	out->number = (week - 1) / 2;
	out->from = date_add_days(iso_week1_monday(year), out->number * 14);
	/* A year of 53 weeks ends with a period of one week. */
	iso_week(date_add_days(iso_week1_monday(year + 1), -1), &year, &weeks);
	out->to = date_add_days(out->from,
	    out->number * 2 + 2 > weeks ? 6 : 13);
}

size_t
default_index(struct date d, size_t n)
{
	struct default_period	 p;

	default_period(d, &p);
	return (size_t)p.number % n;
}
