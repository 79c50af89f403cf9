/*
 * payments: the payment basis of a month as CSV (RFC 4180, UTF-8, CRLF,
 * header row): one row per approved monthly report of that month.  Used
 * by GET /payments and `insats export payments`.
 */
#ifndef INSATS_PAYMENTS_H
#define INSATS_PAYMENTS_H

#include <stddef.h>

#include "db.h"

/*
 * Builds the CSV of month ("YYYY-MM") for the reports of counsellor's
 * customers (counsellor 0: every report).  Columns: anordnare, insats
 * (placement id), kundreferens (K-id, never a name or number), dagar,
 * belopp (kronor with öre, "3876.00"), sen ("ja" when submitted after the
 * cut-off: paid the following month).  Returns 0 with *csv malloc'd (the
 * caller frees) and *len set; 1 if month is malformed; -1 on an error.
 */
int	 payments_csv(struct db *db, const char *month, long counsellor,
	    char **csv, size_t *len);

#endif
