/*
 * regrules: what the register accepts from the command line and the demo
 * (registry.h, catalogue.h): names, logins, roles, personal numbers,
 * placement dates and the lines of the catalogue file.  Pure code: each
 * check answers with the reason, in the words the commands print after
 * "insats: ".
 */
#ifndef INSATS_REGRULES_H
#define INSATS_REGRULES_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "pnr.h"

#define REG_TEXT_MAX	200	/* bytes of a name */

/* 1 if s is 1..200 bytes of UTF-8 without control characters, else 0. */
int		 reg_text_ok(const char *s);
/* 1 if login matches [a-z0-9._-]{1,64}, else 0. */
int		 reg_login_ok(const char *login);
/* 1 if role is one of the schema's roles, else 0. */
int		 reg_role_ok(const char *role);
/* The Swedish sentence about a personal number's status, for operators. */
const char	*pnr_status_sv(enum pnr_status st);
/*
 * Parses a personal or co-ordination number.  Returns 0 with *p filled;
 * 1 with *p filled and a warning in why (an unreadable day: a real number
 * can have one, and a person decides on its destruction); 2 with the
 * reason in why, in Swedish and English.  why never holds the number
 * itself: messages end up in logs.
 */
int		 reg_pnr(const char *s, struct date today, struct pnr *p,
		    char *why, size_t size);
/*
 * Checks the dates of a placement of at most months months: strict
 * YYYY-MM-DD, end (optional) not before start nor after start + months.
 * Returns 0, or 2 with the reason in why.
 */
int		 reg_placement_dates(const char *start, const char *end,
		    int months, char *why, size_t size);

/* One data line of the catalogue file (CATALOGUE_FORMAT). */
struct catalogue_row {
	char		*code, *kundval, *name, *valid_from;
	int		 months;
	int64_t		 ore;			/* the monthly amount */
};

#define CATALOGUE_FORMAT	"code TAB kundval TAB name TAB max_months " \
				"TAB valid_from TAB monthly_amount_sek"

/*
 * Splits a data line of the catalogue file in place.  Returns NULL with
 * *r filled (pointing into line), or what is wrong.  The format before
 * migration 11 (no valid_from) is refused, not read as "valid from long
 * ago": that would re-price every month already paid.
 */
const char	*reg_catalogue_line(char *line, struct catalogue_row *r);

#endif
