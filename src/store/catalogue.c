/*
 * catalogue: the placement catalogue and its dated amounts (catalogue.h).
 * The file is read and every row stored inside one transaction, so a
 * refused line keeps nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "db.h"
#include "listrows.h"
#include "regrules.h"

/*
 * Upserts one catalogue row (code, names, months; the legacy amount
 * column keeps the file's last amount, read by nothing: migration 11).
 * Returns 0, or 1 on error.
 */
static int
put_cat_row(struct db *db, const struct catalogue_row *r)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, STMT_CATALOGUE_PUT)) == NULL ||
	    list_bind_text(st, 1, r->code) ||
	    list_bind_text(st, 2, r->kundval) ||
	    list_bind_text(st, 3, r->name) ||
	    sqlite3_bind_int(st, 4, r->months) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, r->ore) != SQLITE_OK)
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
}

/*
 * Reads statement st (bound) for one integer.  Returns 0 with *v, 1 if
 * there is no row, -1.
 */
static int
one_int(sqlite3_stmt *st, int64_t *v)
{
	int	 rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/*
 * Whether r's amount may be stored: one that equals the amount already in
 * force on its valid_from changes no price (the same file loaded again,
 * or the 2024 file over amounts migrated as valid from 2000); a code's
 * first amounts price nothing yet; otherwise only an amount valid from
 * after today, so that no month that has begun changes its price (a
 * month's amount is the one valid on its 1st).  Returns 0 to store, 1 on
 * error, 2 if refused (printed).
 */
static int
amount_allowed(struct db *db, const struct catalogue_row *r,
    struct date today, const char *path, int lineno)
{
	sqlite3_stmt	*st;
	int64_t		 v;
	struct date	 from;
	int		 rc;

	if ((st = db_stmt(db, STMT_AMOUNT_OF_MONTH)) == NULL ||
	    list_bind_text(st, 1, r->code) ||
	    list_bind_text(st, 2, r->valid_from) ||
	    (rc = one_int(st, &v)) == -1)
		return 1;
	if (rc == 0 && v == r->ore)
		return 0;
	if ((st = db_stmt(db, STMT_AMOUNT_COUNT)) == NULL ||
	    list_bind_text(st, 1, r->code) || one_int(st, &v) != 0)
		return 1;
	if (v == 0 || (date_parse(r->valid_from, &from) == 0 &&
	    date_compare(from, today) > 0))
		return 0;
	fprintf(stderr, "%s:%d: %s valid from %s: a new amount valid from "
	    "today or earlier would re-price months already begun; give it a "
	    "later valid_from\n", path, lineno, r->code, r->valid_from);
	return 2;
}

/* Stores r's dated amount.  Returns 0, or 1 on error. */
static int
put_amount(struct db *db, const struct catalogue_row *r)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, STMT_AMOUNT_PUT)) == NULL ||
	    list_bind_text(st, 1, r->code) ||
	    list_bind_text(st, 2, r->valid_from) ||
	    sqlite3_bind_int64(st, 3, r->ore) != SQLITE_OK)
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
}

/*
 * Handles one line of the catalogue file: comments, blank lines and the
 * header ("code" first) are skipped.  Returns 0 (*count raised for a row),
 * 1 on error, 2 for a bad line (printed as path:line).
 */
static int
cat_line(struct db *db, char *line, const char *path, int lineno,
    struct date today, int *count)
{
	struct catalogue_row	 r;
	const char		*err;
	int			 rc;

	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '#' || line[0] == '\0' ||
	    strncmp(line, "code\t", 5) == 0)
		return 0;
	if ((err = reg_catalogue_line(line, &r)) != NULL) {
		fprintf(stderr, "%s:%d: %s\n", path, lineno, err);
		return 2;
	}
	(*count)++;
	if ((rc = put_cat_row(db, &r)) != 0)
		return rc;
	if ((rc = amount_allowed(db, &r, today, path, lineno)) != 0)
		return rc;
	return put_amount(db, &r);
}

/* What catalogue_load()'s transaction reads and counts. */
struct load_args {
	const char	*path;
	struct date	 today;
	int		*count;
};

/* Reads the file and stores each row.  Returns 0, 1 or 2. */
static int
load_tx(struct db *db, void *arg)
{
	struct load_args	*a = arg;
	FILE			*f;
	char			 line[2048];
	int			 lineno = 0, rc = 0;

	*a->count = 0;
	if ((f = fopen(a->path, "r")) == NULL) {
		fprintf(stderr, "insats: %s: %s\n", a->path, strerror(errno));
		return 1;
	}
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			fprintf(stderr, "%s:%d: line too long\n", a->path,
			    lineno);
			rc = 2;
		} else
			rc = cat_line(db, line, a->path, lineno, a->today,
			    a->count);
	}
	if (rc == 0 && ferror(f)) {
		fprintf(stderr, "insats: %s: read error\n", a->path);
		rc = 1;
	}
	fclose(f);
	if (rc == 0 && *a->count == 0) {
		fprintf(stderr, "insats: %s: no placements in the file\n",
		    a->path);
		rc = 2;
	}
	return rc;
}

int
catalogue_load(struct db *db, const char *path, struct date today,
    int *count)
{
	struct load_args	 a = { path, today, count };
	int			 rc = db_transaction(db, load_tx, &a);

	return rc == -1 ? 1 : rc;
}

int
catalogue_each(struct db *db,
    int (*fn)(const struct catalogue_entry *, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct catalogue_entry	 e;
	int			 rc, stop = 0;

	if ((st = db_stmt(db, STMT_CATALOGUE_LIST)) == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.code = list_str(st, 0);
		e.kundval = list_str(st, 1);
		e.name = list_str(st, 2);
		e.max_months = sqlite3_column_int(st, 3);
		e.valid_from = list_str(st, 4);
		e.monthly_amount_ore = sqlite3_column_int64(st, 5);
		stop = fn(&e, arg);
	}
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}

int
catalogue_amount(struct db *db, const char *code, const char *day,
    int64_t *ore)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, STMT_AMOUNT_OF_MONTH)) == NULL ||
	    list_bind_text(st, 1, code) || list_bind_text(st, 2, day))
		return -1;
	return one_int(st, ore);
}
