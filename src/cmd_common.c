/*
 * cmd_common: what the subcommands share: the --config and --db options,
 * opening the database at the current schema, and today's date.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "demo.h"

/*
 * Takes the value of option argv[*i] (--config or --db) into *slot,
 * advancing *i past it.  Returns 0, or -1 with a message if the value is
 * missing or empty or the option was given before.
 */
static int
take_value(int argc, char **argv, int *i, const char **slot)
{
	const char	*opt = argv[*i];

	if (*i + 1 >= argc || argv[*i + 1][0] == '\0') {
		fprintf(stderr, "insats: %s needs a path\n", opt);
		return -1;
	}
	if (*slot != NULL) {
		fprintf(stderr, "insats: %s given twice\n", opt);
		return -1;
	}
	*slot = argv[++*i];
	return 0;
}

/*
 * Removes --config PATH and --db PATH from argv, keeping argv[0] (the
 * subcommand) and the order of the rest; argv stays NULL-terminated.
 * Returns 0, or -1 with a message.
 */
static int
strip_options(int *argc, char **argv, const char **config, const char **db)
{
	int	 i, out;

	for (i = out = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--config") == 0) {
			if (take_value(*argc, argv, &i, config) == -1)
				return -1;
		} else if (strcmp(argv[i], "--db") == 0) {
			if (take_value(*argc, argv, &i, db) == -1)
				return -1;
		} else
			argv[out++] = argv[i];
	}
	if (*argc > 0) {
		argv[out] = NULL;
		*argc = out;
	}
	return 0;
}

/*
 * Defaults, then the configuration file (--config PATH must exist; the
 * default path is optional), then --db.  Returns 0, or -1 with a message.
 */
int
cmd_common_options(int *argc, char **argv, struct cmd_common *c)
{
	const char	*db = NULL;

	memset(c, 0, sizeof(*c));
	config_defaults(&c->cfg);
	if (strip_options(argc, argv, &c->config_path, &db) == -1)
		return -1;
	if (c->config_path != NULL) {
		if (config_load(&c->cfg, c->config_path, 1) == -1)
			return -1;
	} else if (config_load(&c->cfg, CONFIG_DEFAULT_PATH, 0) == -1)
		return -1;
	if (db != NULL) {
		if (strlen(db) >= sizeof(c->cfg.database)) {
			fprintf(stderr, "insats: --db: path too long\n");
			return -1;
		}
		memcpy(c->cfg.database, db, strlen(db) + 1);
	}
	return 0;
}

/*
 * Opens the configured database (creating the file only when create is
 * set) and brings its schema up to date.  Returns 0, or 1 with a message
 * and the database closed.
 */
int
cmd_db_open(struct db *db, const struct config *cfg, int create)
{
	if (db_open(db, cfg->database, create) == -1)
		return 1;
	if (db_migrate(db) == -1) {
		fprintf(stderr, "insats: cannot bring %s to schema version %d\n",
		    cfg->database, DB_SCHEMA_VERSION);
		db_close(db);
		return 1;
	}
	return 0;
}

/* Returns the current date in local time (the TZ of the process). */
struct date
cmd_today(void)
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	localtime_r(&t, &tm);
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}
