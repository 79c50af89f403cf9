/*
 * cmd_export: `insats export WHAT ...`, data for other systems on stdout.
 * The first argument picks the export from a small table, so another
 * export is one more row.  Exit statuses as in commands.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "demo.h"
#include "payments.h"

static const char usage_payments[] = "export payments --month YYYY-MM";

/*
 * insats export payments --month YYYY-MM: the payment basis CSV of the
 * month's payment run (the same CSV as GET /payments for an admin).  Returns the exit status.
 */
static int
export_payments(int argc, char **argv, struct cmd_common *c)
{
	struct db	*db = NULL;
	const char	*month = NULL;
	char		*csv;
	size_t		 len;
	int		 rc;

	if (argc == 3 && strcmp(argv[1], "--month") == 0)
		month = argv[2];
	else
		return cmd_usage(usage_payments);
	/* Submissions are judged on their local date, as by the server. */
	cmd_use_timezone(&c->cfg);
	if (cmd_db_open(&db, &c->cfg, 0) != 0)
		return 1;
	rc = payments_csv(db, month, 0, c->cfg.payment_cutoff_day, &csv, &len);
	db_close(db);
	if (rc == 1) {
		fprintf(stderr, "insats: --month is YYYY-MM\n");
		return 2;
	}
	if (rc != 0) {
		fprintf(stderr, "insats: cannot read the payment basis\n");
		return 1;
	}
	rc = fwrite(csv, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 1;
	free(csv);
	return rc;
}

static const struct export {
	const char	*name;
	int		(*run)(int, char **, struct cmd_common *);
	const char	*usage;
} exports[] = {
	{ "payments", export_payments, usage_payments },
	{ "archive", export_archive,
	    "export archive --out DIR [--today YYYY-MM-DD]" },
};

int
cmd_export(int argc, char **argv)
{
	struct cmd_common	 c;
	size_t			 i;

	if (cmd_common_options(&argc, argv, &c) == -1)
		return 1;
	for (i = 0; argc >= 2 && i < sizeof(exports) / sizeof(exports[0]); i++)
		if (strcmp(argv[1], exports[i].name) == 0)
			return exports[i].run(argc - 1, argv + 1, &c);
	fprintf(stderr, "usage:\n");
	for (i = 0; i < sizeof(exports) / sizeof(exports[0]); i++)
		fprintf(stderr, "  insats %s\n", exports[i].usage);
	return 2;
}
