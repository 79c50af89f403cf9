/*
 * payments: the CSV of the payment basis (DOMAIN.md, 002 §14).  Amounts
 * come from billing.c in öre and are written once, as kronor with öre.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing.h"
#include "kinds.h"
#include "payments.h"

struct buf {
	char	*s;
	size_t	 len, size;
	int	 failed;
};

/* Appends n bytes.  On failure the buffer is marked failed. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	char	*p;
	size_t	 size;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->size) {
		size = b->size ? b->size : 1024;
		while (size < b->len + n + 1)
			size *= 2;
		if ((p = realloc(b->s, size)) == NULL) {
			b->failed = 1;
			return;
		}
		b->s = p;
		b->size = size;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends one field, quoted (RFC 4180) when it holds , " CR or LF. */
static void
buf_field(struct buf *b, const char *s, int last)
{
	const char	*p;

	if (strpbrk(s, ",\"\r\n") == NULL)
		buf_add(b, s, strlen(s));
	else {
		buf_add(b, "\"", 1);
		for (p = s; *p; p++) {
			if (*p == '"')
				buf_add(b, "\"", 1);	/* doubled */
			buf_add(b, p, 1);
		}
		buf_add(b, "\"", 1);
	}
	if (last)
		buf_add(b, "\r\n", 2);
	else
		buf_add(b, ",", 1);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/*
 * Appends the row of one approved report.  Returns 0, or -1 if the
 * placement's dates do not give a payment for the month.
 */
static int
add_row(struct buf *b, sqlite3_stmt *st, int year, int month)
{
	struct payment	 pay;
	struct date	 start, end, sub;
	char		 day[11], f[32];
	int		 has_end, late;

	if (date_parse(col(st, 3), &start) == -1)
		return -1;
	has_end = date_parse(col(st, 4), &end) == 0;
	if (billing_month(start, has_end ? &end : NULL, year, month,
	    (long)sqlite3_column_int64(st, 5), &pay) == -1)
		return -1;
	snprintf(day, sizeof(day), "%.10s", col(st, 6));
	late = date_parse(day, &sub) == 0 &&
	    is_late(billing_cutoff(year, month), sub);
	buf_field(b, col(st, 0), 0);
	snprintf(f, sizeof(f), "%lld", (long long)sqlite3_column_int64(st, 1));
	buf_field(b, f, 0);
	snprintf(f, sizeof(f), "K-%lld",
	    (long long)sqlite3_column_int64(st, 2));
	buf_field(b, f, 0);
	snprintf(f, sizeof(f), "%d", pay.days);
	buf_field(b, f, 0);
	snprintf(f, sizeof(f), "%ld.%02ld", pay.amount_ore / 100,
	    pay.amount_ore % 100);
	buf_field(b, f, 0);
	buf_field(b, late ? "ja" : "nej", 1);
	return 0;
}

int
payments_csv(struct db *db, const char *month, long counsellor, char **csv,
    size_t *len)
{
	struct buf	 b = { NULL, 0, 0, 0 };
	sqlite3_stmt	*st;
	int		 year, mon, rc;

	*csv = NULL;
	*len = 0;
	if (kind_period_parse(month, &year, &mon) == -1)
		return 1;
	if ((st = db_stmt(db, STMT_PAYMENTS_OF_MONTH)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, counsellor);
	buf_add(&b, "anordnare,insats,kundreferens,dagar,belopp,sen\r\n", 48);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add_row(&b, st, year, mon) == -1) {
			fprintf(stderr, "level=error msg=\"payments: placement "
			    "%lld has no day in %s\"\n",
			    (long long)sqlite3_column_int64(st, 1), month);
			rc = SQLITE_ERROR;
			break;
		}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || b.failed) {
		free(b.s);
		return -1;
	}
	*csv = b.s;
	*len = b.len;
	return 0;
}
