/*
 * commands: the subcommands of the insats binary.  Each returns the process
 * exit status: 0 success, 1 failure, 2 bad usage or refused input.
 */
#ifndef INSATS_COMMANDS_H
#define INSATS_COMMANDS_H

#include "config.h"
#include "db.h"

/* Options every command takes, parsed by cmd_common_options(). */
struct cmd_common {
	struct config	 cfg;		/* defaults, then --config file, then --db */
	const char	*config_path;	/* NULL: CONFIG_DEFAULT_PATH, optional */
};

/*
 * Removes --config PATH and --db PATH from argv (compacting it, updating
 * *argc), loads the configuration and applies --db.  Returns 0, or -1 with
 * a message printed.
 */
int	 cmd_common_options(int *argc, char **argv, struct cmd_common *c);

int	 cmd_serve(int argc, char **argv);	/* server.c */
int	 cmd_init(int argc, char **argv);	/* cmd_admin.c */
int	 cmd_user(int argc, char **argv);
int	 cmd_customer(int argc, char **argv);
int	 cmd_placement(int argc, char **argv);
int	 cmd_catalogue(int argc, char **argv);
int	 cmd_calendar(int argc, char **argv);
int	 cmd_export(int argc, char **argv);	/* cmd_export.c */
int	 cmd_routes(int argc, char **argv);	/* cmd_routes.c */
int	 cmd_backup(int argc, char **argv);	/* cmd_backup.c */
int	 cmd_restore(int argc, char **argv);
int	 cmd_purge(int argc, char **argv);	/* cmd_retention.c */
int	 cmd_archive(int argc, char **argv);
/* `export archive`, a row of cmd_export.c's table (c: options parsed). */
int	 export_archive(int argc, char **argv, struct cmd_common *c);

#endif
