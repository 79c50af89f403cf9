/*
 * regrules: what the register accepts (regrules.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regrules.h"

#define LOGIN_MAX	64
#define CAT_FIELDS	6

/*
 * Returns the length of the UTF-8 sequence at s if it is well formed,
 * shortest, a scalar value and not a C1 control; else 0.
 */
static size_t
utf8_char(const unsigned char *s)
{
	unsigned long	 cp, min;
	size_t		 n, i;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2, cp = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3, cp = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4, cp = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp <= 0x9f)
		return 0;
	return n;
}

int
reg_text_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	if (s == NULL || *s == '\0' || strlen(s) > REG_TEXT_MAX)
		return 0;
	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f || (n = utf8_char(p)) == 0)
			return 0;
		p += n;
	}
	return 1;
}

int
reg_login_ok(const char *login)
{
	size_t	 n = strlen(login);

	return n >= 1 && n <= LOGIN_MAX &&
	    strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

int
reg_role_ok(const char *role)
{
	return strcmp(role, "provider") == 0 ||
	    strcmp(role, "counsellor") == 0 ||
	    strcmp(role, "archivist") == 0 || strcmp(role, "admin") == 0 ||
	    strcmp(role, "lead") == 0;
}

/*
 * The Swedish sentence about st for the operator commands, which print it
 * beside the English (pnr_status_en); never NULL.  The web interface has
 * its own words, in xsl/.
 */
const char *
pnr_status_sv(enum pnr_status st)
{
	switch (st) {
	case PNR_OK:
		return "Personnumret är giltigt.";
	case PNR_BAD_FORMAT:
		return "Ange personnumret som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.";
	case PNR_BAD_CHECKSUM:
		return "Kontrollsiffran stämmer inte.";
	case PNR_BAD_DATE:
		return "Födelsedatumet i numret finns inte.";
	case PNR_BAD_SERIAL:
		return "Födelsenumret 000 finns inte.";
	case PNR_UNREADABLE_DAY:
		return "Födelsedagen kan inte läsas ut (dag 00 eller 60).";
	}
	return "Personnumret kunde inte tolkas.";
}

/* English for pnr_status_sv(), so that operators get both. */
static const char *
pnr_status_en(enum pnr_status st)
{
	switch (st) {
	case PNR_OK:
		return "the number is valid";
	case PNR_BAD_FORMAT:
		return "write it as YYYYMMDD-NNNN or YYMMDD-NNNN";
	case PNR_BAD_CHECKSUM:
		return "the check digit is wrong";
	case PNR_BAD_DATE:
		return "the birth date in the number does not exist";
	case PNR_BAD_SERIAL:
		return "birth number 000 is never issued";
	case PNR_UNREADABLE_DAY:
		return "the birth day cannot be read (day 00 or 60)";
	}
	return "the number cannot be read";
}

int
reg_pnr(const char *s, struct date today, struct pnr *p, char *why,
    size_t size)
{
	enum pnr_status	 st = pnr_parse(s, today, p);

	if (st == PNR_OK)
		return 0;
	if (st == PNR_UNREADABLE_DAY) {
		snprintf(why, size, "varning: %s / warning: %s; the record is "
		    "kept for a person to decide on destruction",
		    pnr_status_sv(st), pnr_status_en(st));
		return 1;
	}
	snprintf(why, size, "ogiltigt personnummer: %s / invalid personal "
	    "identity number: %s", pnr_status_sv(st), pnr_status_en(st));
	return 2;
}

int
reg_placement_dates(const char *start, const char *end, int months,
    char *why, size_t size)
{
	struct date	 s, e, last;
	char		 buf[11];

	if (date_parse(start, &s) == -1 || (end && date_parse(end, &e) == -1)) {
		snprintf(why, size, "dates are written YYYY-MM-DD");
		return 2;
	}
	if (end == NULL)
		return 0;
	if (date_compare(e, s) < 0) {
		snprintf(why, size, "the end date is before the start");
		return 2;
	}
	last = date_add_months(s, months);
	if (date_compare(e, last) > 0) {
		date_format(last, buf);
		snprintf(why, size, "the placement may last at most %d months: "
		    "end on %s at the latest (an extension is decided by the "
		    "team lead)", months, buf);
		return 2;
	}
	return 0;
}

/*
 * Parses an amount in SEK ("8160", "8160.50", "8160,5") into öre, at most
 * 10 000 000 SEK.  Returns 0, or -1.
 */
static int
parse_sek(const char *s, int64_t *ore)
{
	int64_t	 kr = 0, frac = 0;
	size_t	 n = strspn(s, "0123456789"), d;

	if (n == 0 || n > 8)
		return -1;
	for (d = 0; d < n; d++)
		kr = kr * 10 + (s[d] - '0');
	s += n;
	if (*s == '.' || *s == ',') {
		d = strspn(++s, "0123456789");
		if (d == 0 || d > 2 || s[d] != '\0')
			return -1;
		frac = (s[0] - '0') * 10 + (d == 2 ? s[1] - '0' : 0);
	} else if (*s != '\0')
		return -1;
	if (kr > 10000000)
		return -1;
	*ore = kr * 100 + frac;
	return 0;
}

/* Returns 1 if code is 1..16 of A-Z 0-9, else 0. */
static int
code_ok(const char *code)
{
	size_t	 n = strlen(code);

	return n >= 1 && n <= 16 &&
	    strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n;
}

/*
 * Splits line at tabs into exactly n fields in place.  Returns 0, or -1
 * for another number of fields.
 */
static int
split_tabs(char *line, char **f, int n)
{
	int	 i;

	for (i = 0; i < n - 1; i++) {
		f[i] = line;
		if ((line = strchr(line, '\t')) == NULL)
			return -1;
		*line++ = '\0';
	}
	f[n - 1] = line;
	return strchr(line, '\t') == NULL ? 0 : -1;
}

const char *
reg_catalogue_line(char *line, struct catalogue_row *r)
{
	char		*f[CAT_FIELDS], *end;
	struct date	 from;
	long		 months;

	if (split_tabs(line, f, CAT_FIELDS) == -1)
		return "expected 6 tab-separated fields: " CATALOGUE_FORMAT
		    " (amounts are dated: add the valid_from column)";
	if (!code_ok(f[0]))
		return "the code is 1..16 of A-Z 0-9";
	if (!reg_text_ok(f[1]) || !reg_text_ok(f[2]))
		return "kundval and name are 1..200 bytes of UTF-8 text";
	errno = 0;
	months = strtol(f[3], &end, 10);
	if (errno || end == f[3] || *end != '\0' || months < 1 || months > 120)
		return "max_months is a whole number 1..120";
	if (date_parse(f[4], &from) == -1)
		return "valid_from is a date YYYY-MM-DD";
	if (parse_sek(f[5], &r->ore) == -1)
		return "the monthly amount is SEK, e.g. 8160 or 8160.50";
	r->code = f[0], r->kundval = f[1], r->name = f[2], r->valid_from = f[4];
	r->months = (int)months;
	return NULL;
}
