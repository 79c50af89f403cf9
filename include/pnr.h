/*
 * pnr: Swedish personal identity numbers (personnummer) and co-ordination
 * numbers (samordningsnummer).  Pure code.
 */
#ifndef INSATS_PNR_H
#define INSATS_PNR_H

#include "calendar.h"

enum pnr_status {
	PNR_OK = 0,
	PNR_BAD_FORMAT,		/* none of the forms of pnr_parse(), or a '+'
				 * with the century of someone under 100 */
	PNR_BAD_CHECKSUM,	/* Luhn check digit wrong */
	PNR_BAD_DATE,		/* month or day impossible, or in the future */
	PNR_UNREADABLE_DAY,	/* day 00 or 60: valid number, birth day unknown */
	PNR_BAD_SERIAL		/* birth number 000: never issued */
};

/*
 * One stored and shown form for everyone: "YYYYMMDD-NNNC", also for a
 * number written with '+' (a person 100 or older).  The full year says
 * all the '+' says, and one form per person lets a number typed either
 * way find the same customer; the canonical form parses to itself.
 */
struct pnr {
	char		 canonical[14];	/* "YYYYMMDD-NNNC" (day as written, +60 kept) */
	struct date	 birth;		/* birth date; day 0 when unreadable */
	int		 coordination;	/* 1 for a samordningsnummer (day + 60) */
	int		 day_known;	/* 0 when the day is 00/60 */
};

/*
 * Parses s in any of the forms YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC,
 * YYYYMMDD-NNNC, YYYYMMDD+NNNC, YYYYMMDDNNNC.  For the 10-digit forms the
 * century is chosen from today: '-' or none means under 100 years old, '+'
 * 100 or older.  The 12-digit forms carry their century; a '+' there must
 * agree with it (100 or older on today), a '-' or none is taken at any age.
 * The birth number NNN is 001..999.
 * Returns PNR_OK or PNR_UNREADABLE_DAY with *out filled, otherwise an error.
 */
enum pnr_status	 pnr_parse(const char *s, struct date today, struct pnr *out);

enum sample {
	SAMPLE_NO = 0,		/* may be destroyed */
	SAMPLE_YES,		/* born on the 5th, 15th or 25th: keep, hand over */
	SAMPLE_UNCERTAIN	/* birth day unreadable: a person decides */
};
/* Research sample membership of a canonical or any parseable number. */
enum sample	 pnr_sample(const char *s, struct date today);

#endif
