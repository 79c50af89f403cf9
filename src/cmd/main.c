/*
 * insats: one binary, one subcommand per operation.  See README.md.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

static const struct command {
	const char	*name;
	int		(*run)(int, char **);
	const char	*usage;
} commands[] = {
	{ "serve", cmd_serve, "serve [--config PATH] [--db PATH]" },
	{ "init", cmd_init, "init [--demo] [--config PATH] [--db PATH]" },
	{ "user", cmd_user, "user add LOGIN --name NAME --role ROLE [--org ORG] | user list" },
	{ "customer", cmd_customer, "customer add --pnr PNR --name NAME --counsellor LOGIN [--protected | --protection skyddad-folkbokforing|sekretessmarkering|fingerade] | customer show PNR" },
	{ "placement", cmd_placement, "placement add --customer PNR --code CODE --provider ORG --start DATE [--end DATE]" },
	{ "catalogue", cmd_catalogue, "catalogue load FILE | catalogue list" },
	{ "calendar", cmd_calendar, "calendar YEAR" },
	{ "export", cmd_export, "export payments --month YYYY-MM | export archive --out DIR [--today YYYY-MM-DD]" },
	{ "routes", cmd_routes, "routes" },
	{ "backup", cmd_backup, "backup --out FILE" },
	{ "restore", cmd_restore, "restore FILE" },
	{ "purge", cmd_purge, "purge [--today YYYY-MM-DD] [--dry-run] | purge log" },
	{ "archive", cmd_archive, "archive list | archive confirm OBJID" },
	{ "provider", cmd_provider, "provider authorise ORG --kundval KUNDVAL --date YYYY-MM-DD | provider defaults [--today YYYY-MM-DD]" },
};

static void
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  insats %s\n", commands[i].usage);
}

int
main(int argc, char **argv)
{
	size_t	 i;

	if (argc < 2) {
		usage();
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	usage();
	return 2;
}
