/*
 * commands: the subcommands of the insats binary.  Each returns the process
 * exit status: 0 success, 1 failure, 2 bad usage or refused input.
 */
#ifndef INSATS_COMMANDS_H
#define INSATS_COMMANDS_H

#include "calendar.h"
#include "config.h"
#include "database.h"

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
/* Prints "usage: insats " and the usage line u on stderr.  Returns 2. */
int	 cmd_usage(const char *u);
/* Sets TZ to cfg->timezone when one is configured; no return value. */
void	 cmd_use_timezone(const struct config *cfg);
/*
 * Creates the directory dir and its missing parents with mode (as mkdir
 * -p: an existing directory is fine and keeps its mode).  Returns 0, or -1
 * with a message.
 */
int	 cmd_mkdirs(const char *dir, mode_t mode);

/* A command's own option, for cmd_parse_opts(). */
struct cmd_opt {
	const char	 *name;		/* "--name" */
	const char	**value;	/* the option's argument; NULL for a flag */
	int		 *flag;		/* set to 1 when the flag is present */
};

/*
 * Parses argv[from..argc): options from opts (terminated by a NULL name;
 * each value at most once, the slots NULL on entry) and up to npos
 * positional arguments into pos (*got counts them).  Returns 0, or 2 with
 * a message printed.
 */
int	 cmd_parse_opts(int argc, char **argv, int from,
	    const struct cmd_opt *opts, const char **pos, int npos, int *got);
/* Opens cfg->database and migrates it.  Returns 0, or 1 (closed, printed). */
int	 cmd_db_open(struct db **db, const struct config *cfg, int create);
/* Today's date in the process's local time (TZ). */
struct date cmd_today(void);

int	 cmd_serve(int argc, char **argv);	/* master.c */
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
int	 cmd_provider(int argc, char **argv);	/* cmd_provider.c */
/* `export archive`, a row of cmd_export.c's table (c: options parsed). */
int	 export_archive(int argc, char **argv, struct cmd_common *c);

#endif
