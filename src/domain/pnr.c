/*
 * pnr: Swedish personal identity numbers and co-ordination numbers, read
 * as pnr.h describes (README, Rules: personal numbers).  Pure code.
 */
#include <stddef.h>
#include <string.h>

#include "calendar.h"
#include "pnr.h"

/* The number split into its parts, before any meaning is given to them. */
struct pnr_raw {
	int	 century;	/* 19, 20 ... or -1 for the 10-digit forms */
	int	 yy, mm, dd;
	char	 sep;		/* '-', '+' or '\0' */
	char	 ten[10];	/* YYMMDDNNNC, the digits the check digit covers */
};

/* Returns 1 if the n characters at s are all ASCII digits, else 0. */
static int
all_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Returns the two-digit number at s (both known to be digits). */
static int
two(const char *s)
{

	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * Returns 0 with *r filled if s has one of the six written forms, else -1.
 * The forms are told apart by length alone.
 */
static int
split(const char *s, struct pnr_raw *r)
{
	size_t	 len;

	memset(r, 0, sizeof(*r));
	r->century = -1;
	len = strlen(s);
	if (len == 13 || len == 12) {
		if (!all_digits(s, 8))
			return -1;
		if (len == 13 && s[8] != '-' && s[8] != '+')
			return -1;
		if (!all_digits(s + len - 4, 4))
			return -1;
		r->century = two(s);
		r->sep = len == 13 ? s[8] : '\0';
		memcpy(r->ten, s + 2, 6);
		memcpy(r->ten + 6, s + len - 4, 4);
	} else if (len == 11 || len == 10) {
		if (!all_digits(s, 6))
			return -1;
		if (len == 11 && s[6] != '-' && s[6] != '+')
			return -1;
		if (!all_digits(s + len - 4, 4))
			return -1;
		r->sep = len == 11 ? s[6] : '\0';
		memcpy(r->ten, s, 6);
		memcpy(r->ten + 6, s + len - 4, 4);
	} else
		return -1;
	r->yy = two(r->ten);
	r->mm = two(r->ten + 2);
	r->dd = two(r->ten + 4);
	return 0;
}

/* Returns 1 if the Luhn check digit (the tenth digit) is right, else 0. */
static int
luhn_ok(const char ten[10])
{
	int	 i, v, sum = 0;

	for (i = 0; i < 9; i++) {
		v = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	return (10 - sum % 10) % 10 == ten[9] - '0';
}

/*
 * Returns the full birth year of a 10-digit form.  '-' or none: the
 * latest year ending in yy whose month and day are not after today (under
 * 100 years old); '+': a hundred years before that.  An unknown day (0)
 * sorts first in its month, so a birth this month counts as past.
 */
static int
full_year(const struct pnr_raw *r, int day, struct date today)
{
	int	 y;

	y = today.year - ((today.year % 100 - r->yy + 100) % 100);
	if (date_compare((struct date){ y, r->mm, day }, today) > 0)
		y -= 100;
	if (r->sep == '+')
		y -= 100;
	return y;
}

/*
 * Returns 1 if a '+' written with the century agrees with it: the person
 * is 100 or older on today (an unknown day sorts first, as in
 * full_year), else 0.  Without a '+' there is nothing to agree with.
 */
static int
plus_agrees(const struct pnr_raw *r, int year, int day, struct date today)
{

	if (r->sep != '+' || r->century < 0)
		return 1;
	return date_compare((struct date){ year + 100, r->mm, day },
	    today) <= 0;
}

/* Writes "YYYYMMDD-NNNC" with the day as written; no return. */
static void
make_canonical(char out[14], int year, const char ten[10])
{
	int	 i;

	for (i = 3; i >= 0; i--) {
		out[i] = (char)('0' + year % 10);
		year /= 10;
	}
	memcpy(out + 4, ten + 2, 4);
	out[8] = '-';
	memcpy(out + 9, ten + 6, 4);
	out[13] = '\0';
}

/*
 * Returns PNR_OK or PNR_UNREADABLE_DAY with *out filled, else the error
 * (*out then zeroed).  The check digit is tried before the serial and the
 * date: a wrong one means the digits themselves cannot be trusted.
 */
enum pnr_status
pnr_parse(const char *s, struct date today, struct pnr *out)
{
	struct pnr_raw	 r;
	struct pnr	 p;
	int		 day, year, unknown;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if (s == NULL || split(s, &r) == -1)
		return PNR_BAD_FORMAT;
	if (!luhn_ok(r.ten))
		return PNR_BAD_CHECKSUM;
	/* Birth numbers run from 001: 000 is never given to anyone. */
	if (memcmp(r.ten + 6, "000", 3) == 0)
		return PNR_BAD_SERIAL;

	memset(&p, 0, sizeof(p));
	p.coordination = r.dd >= 60;
	day = p.coordination ? r.dd - 60 : r.dd;
	unknown = day == 0;
	year = r.century >= 0 ? r.century * 100 + r.yy :
	    full_year(&r, day, today);

	/* Day 1 stands in for an unknown day when checking month and year. */
	if (!date_valid(year, r.mm, unknown ? 1 : day))
		return PNR_BAD_DATE;
	if (date_compare((struct date){ year, r.mm, day }, today) > 0)
		return PNR_BAD_DATE;
	if (!plus_agrees(&r, year, day, today))
		return PNR_BAD_FORMAT;

	p.birth = (struct date){ year, r.mm, day };
	p.day_known = !unknown;
	make_canonical(p.canonical, year, r.ten);
	if (out != NULL)
		*out = p;
	return unknown ? PNR_UNREADABLE_DAY : PNR_OK;
}

/*
 * Returns SAMPLE_YES for a birth on the 5th, 15th or 25th, SAMPLE_NO for
 * another known day and SAMPLE_UNCERTAIN for anything else: a record is
 * never destroyed on a number we cannot read.
 */
enum sample
pnr_sample(const char *s, struct date today)
{
	struct pnr	 p;

	if (pnr_parse(s, today, &p) != PNR_OK)
		return SAMPLE_UNCERTAIN;
	if (p.birth.day == 5 || p.birth.day == 15 || p.birth.day == 25)
		return SAMPLE_YES;
	return SAMPLE_NO;
}
