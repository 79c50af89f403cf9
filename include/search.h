/*
 * search: the customer search box.  Pure code: the bounds of a query, its
 * kind (a name or a personal number) and the case folding that makes
 * "eva", "EVA" and "Eva" the same, Swedish letters included.  The SQL
 * side of the folding is the customers.name_fold column (db.c); both fold
 * exactly the same letters, so a folded query is a substring of a folded
 * name (tests/unit/test_search.c checks that they agree).
 */
#ifndef INSATS_SEARCH_H
#define INSATS_SEARCH_H

#include <stddef.h>

#define SEARCH_MIN	2	/* characters, after trimming */
#define SEARCH_MAX	100	/* characters, after trimming */
#define SEARCH_LIMIT	50	/* rows shown */
#define SEARCH_DIGITS	12	/* at most, in a personal number */

enum search_status {
	SEARCH_OK = 0,
	SEARCH_TOO_SHORT,	/* fewer than SEARCH_MIN characters (or digits) */
	SEARCH_TOO_LONG,	/* more than SEARCH_MAX characters */
	SEARCH_BAD_CHAR,	/* a control character, or not UTF-8 */
	SEARCH_BAD_NUMBER	/* a number of more than SEARCH_DIGITS digits */
};

struct search_query {
	char	 text[SEARCH_MAX * 4 + 1];	/* trimmed, as typed */
	char	 fold[SEARCH_MAX * 4 + 1];	/* folded name; "" for a number */
	char	 digits[SEARCH_DIGITS + 1];	/* the number's digits; "" for a name */
};

/*
 * Checks and classifies raw (a query string value).  Leading and trailing
 * spaces are dropped; a query of digits, '-', '+' and spaces only is a
 * personal number (its digits kept), anything else a name (folded, runs of
 * spaces made one).  Returns SEARCH_OK with *q filled, else the reason
 * (q->text then holds what could be kept for the form, maybe "").
 */
enum search_status search_parse(const char *raw, struct search_query *q);
/* The code of a status for the page XML ("too-short", …; "" for OK). */
const char	*search_status_code(enum search_status st);
/*
 * Folds UTF-8 s into out (size bytes, at least strlen(s) + 1): A–Z and
 * À Á Ä Å Æ Ç È É Ë Í Ñ Ó Ö Ø Ú Ü to their small letters; every other
 * byte is copied.  The length in bytes does not change.  Returns 0, or -1
 * if out is too small (out then holds "").
 */
int		 search_fold(const char *s, char *out, size_t size);

#endif
