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
#include "registry.h"

static const char usage_provider[] =
    "provider authorise ORG --kundval KUNDVAL --date YYYY-MM-DD |"
    " provider defaults [--today YYYY-MM-DD]";

/* The rows of one kundval's list, in order. */
struct list {
	char	 rows[64][2][201];	/* provider, authorised on */
	size_t	 n;
};

static int
list_row(const struct registry_authorisation *a, void *arg)
{
	struct list	*l = arg;

	snprintf(l->rows[l->n][0], sizeof(l->rows[l->n][0]), "%s", a->org);
	snprintf(l->rows[l->n][1], sizeof(l->rows[l->n][1]), "%s", a->date);
	return ++l->n == 64;
}

/* Prints one kundval's list: "KUNDVAL\tN\tPROVIDER\tDATE[\tdefault]". */
static int
print_list(struct db *db, const char *kundval, struct date today)
{
	static struct list	 l;
	size_t			 i, def;

	l.n = 0;
	if (registry_authorisations_each(db, kundval, list_row, &l) == -1)
		return 1;
	if (l.n == 0)
		return 0;
	def = default_index(today, l.n);
	for (i = 0; i < l.n; i++)
		printf("%s\t%zu\t%s\t%s%s\n", kundval, i + 1, l.rows[i][0],
		    l.rows[i][1], i == def ? "\tdefault" : "");
	return 0;
}

/* The kundvals of the catalogue, in order. */
struct kundvals {
	char	 kv[64][201];
	size_t	 n;
};

static int
kundval_row(const char *kundval, void *arg)
{
	struct kundvals	*k = arg;

	snprintf(k->kv[k->n], sizeof(k->kv[k->n]), "%s", kundval);
	return ++k->n == 64;
}

static int
provider_defaults(struct db *db, struct date today)
{
	static struct kundvals	 k;
	size_t			 i;

	k.n = 0;
	if (registry_kundvals_each(db, kundval_row, &k) == -1)
		return 1;
	for (i = 0; i < k.n; i++)
		if (print_list(db, k.kv[i], today) != 0)
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
		rc = registry_authorise(db, &(struct registry_authorisation){
		    pos[0], kundval, date });
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
