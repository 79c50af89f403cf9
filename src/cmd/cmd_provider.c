/*
 * insats provider authorise ORG --kundval KUNDVAL --date YYYY-MM-DD
 * insats provider defaults [--today YYYY-MM-DD]
 *
 * A provider's authorisation for a kundval, with its date, puts it on
 * that kundval's default-provider list (defaultlist.h); `defaults` prints
 * each list in order with today's default marked.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "defaultlist.h"
#include "demo.h"

static const char usage_provider[] =
    "provider authorise ORG --kundval KUNDVAL --date YYYY-MM-DD |"
    " provider defaults [--today YYYY-MM-DD]";

/* 1 if kundval names a kundval of the catalogue, else 0. */
static int
kundval_known(struct db *db, const char *kundval)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_KUNDVAL_LIST);
	int		 found = 0;

	if (st == NULL)
		return 0;
	while (!found && sqlite3_step(st) == SQLITE_ROW)
		found = strcmp((const char *)sqlite3_column_text(st, 0),
		    kundval) == 0;
	sqlite3_reset(st);
	return found;
}

int
provider_authorise(struct db *db, const char *org, const char *kundval,
    const char *date)
{
	sqlite3_stmt	*st;
	int64_t	 id;
	struct date	 d;
	int		 rc;

	if (date_parse(date, &d) == -1) {
		fprintf(stderr, "insats: dates are written YYYY-MM-DD\n");
		return 2;
	}
	if (!kundval_known(db, kundval)) {
		fprintf(stderr, "insats: no kundval \"%s\" in the catalogue\n",
		    kundval);
		return 2;
	}
	if ((rc = admin_org(db, org, 0, &id)) != 0)
		return rc;
	if ((st = db_stmt(db, STMT_AUTHORISATION_PUT)) == NULL)
		return 1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, kundval, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
	return db_step_done(st) == -1 ? 1 : 0;
}

/* Prints one kundval's list: "KUNDVAL\tN\tPROVIDER\tDATE[\tdefault]". */
static int
print_list(struct db *db, const char *kundval, struct date today)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_AUTHORISATIONS_OF_KUNDVAL);
	char		 rows[64][2][201];
	size_t		 n = 0, i, def;

	if (st == NULL)
		return 1;
	sqlite3_bind_text(st, 1, kundval, -1, SQLITE_TRANSIENT);
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(rows[n][0], sizeof(rows[n][0]), "%s",
		    (const char *)sqlite3_column_text(st, 1));
		snprintf(rows[n][1], sizeof(rows[n][1]), "%s",
		    (const char *)sqlite3_column_text(st, 2));
		n++;
	}
	sqlite3_reset(st);
	if (n == 0)
		return 0;
	def = default_index(today, n);
	for (i = 0; i < n; i++)
		printf("%s\t%zu\t%s\t%s%s\n", kundval, i + 1, rows[i][0],
		    rows[i][1], i == def ? "\tdefault" : "");
	return 0;
}

static int
provider_defaults(struct db *db, struct date today)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_KUNDVAL_LIST);
	char		 kv[64][201];
	size_t		 n = 0, i;

	if (st == NULL)
		return 1;
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(kv[n], sizeof(kv[n]), "%s",
		    (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		if (print_list(db, kv[i], today) != 0)
			return 1;
	return 0;
}

int
cmd_provider(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	const char		*kundval = NULL, *date = NULL, *when = NULL;
	const char		*pos[1] = { NULL };
	const struct cmd_opt	 auth_opts[] = { { "--kundval", &kundval, NULL },
				    { "--date", &date, NULL }, { NULL, NULL, NULL } };
	const struct cmd_opt	 list_opts[] = { { "--today", &when, NULL },
				    { NULL, NULL, NULL } };
	struct date		 today;
	int			 rc, got = 0;

	if (cmd_common_options(&argc, argv, &c) == -1)
		return 1;
	cmd_use_timezone(&c.cfg);
	today = cmd_today();
	if (argc >= 2 && strcmp(argv[1], "authorise") == 0) {
		if ((rc = cmd_parse_opts(argc, argv, 2, auth_opts, pos, 1,
		    &got)) != 0)
			return rc;
		if (got != 1 || kundval == NULL || date == NULL)
			return cmd_usage(usage_provider);
		if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
			return rc;
		if (db_begin(db) == -1) {
			db_close(db);
			return 1;
		}
		if ((rc = provider_authorise(db, pos[0], kundval, date)) == 0 &&
		    db_commit(db) == -1)
			rc = 1;
		if (rc != 0)
			db_rollback(db);
		db_close(db);
		return rc;
	}
	if (argc < 2 || strcmp(argv[1], "defaults") != 0)
		return cmd_usage(usage_provider);
	if ((rc = cmd_parse_opts(argc, argv, 2, list_opts, pos, 0, &got)) != 0)
		return rc;
	if (when != NULL && date_parse(when, &today) == -1)
		return cmd_usage(usage_provider);
	if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
		return rc;
	rc = provider_defaults(db, today);
	db_close(db);
	return rc;
}
