/*
 * cmd_common: what the subcommands share: the --config and --db options
 * (with xsl/ and schemas/ of the source tree when the configured ones are
 * missing), their own options, the usage line, the configured time zone,
 * opening the database at the current schema, making a directory, and
 * today's date.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "localdate.h"

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
 * Replaces the directory dir (of the configuration key key) by the
 * working directory's fallback when dir cannot be read and fallback can:
 * a command run from the source tree finds xsl/ and schemas/ as `insats
 * init` finds conf/catalogue.tsv, with the same notice.  When neither
 * can be read dir stays, for the command that needs it to name it.
 */
static void
use_source_tree_dir(char *dir, size_t size, const char *fallback,
    const char *key)
{
	char	 full[PATH_MAX];

	if (access(dir, R_OK | X_OK) == 0 ||
	    access(fallback, R_OK | X_OK) != 0 ||
	    realpath(fallback, full) == NULL || strlen(full) >= size)
		return;
	fprintf(stderr, "insats: %s not readable; using %s (%s)\n", dir,
	    full, key);
	memcpy(dir, full, strlen(full) + 1);
}

/*
 * Defaults, then the configuration file (--config PATH must exist; the
 * default path is optional), then --db, then the source tree's xsl/ and
 * schemas/ for missing directories.  Returns 0, or -1 with a message.
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
	use_source_tree_dir(c->cfg.xsl_dir, sizeof(c->cfg.xsl_dir), "xsl",
	    "xsl_dir");
	use_source_tree_dir(c->cfg.schema_dir, sizeof(c->cfg.schema_dir),
	    "schemas", "schema_dir");
	return 0;
}

/*
 * As commands.h says: mkdir(2) on each leading part of dir, an existing
 * one being no error, then dir must be a directory.
 */
int
cmd_mkdirs(const char *dir, mode_t mode)
{
	char		 path[CONFIG_PATH_MAX];
	char		*p;
	struct stat	 st;
	int		 last;

	if (*dir == '\0' || strlen(dir) >= sizeof(path)) {
		fprintf(stderr, "insats: \"%s\": not a directory name\n", dir);
		return -1;
	}
	memcpy(path, dir, strlen(dir) + 1);
	/* Each leading part in turn, then the whole. */
	for (p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		last = *p == '\0';
		*p = '\0';
		if (mkdir(path, mode) == -1 && errno != EEXIST) {
			fprintf(stderr, "insats: %s: %s\n", path,
			    strerror(errno));
			return -1;
		}
		if (last)
			break;
		*p = '/';
	}
	if (stat(dir, &st) == -1) {
		fprintf(stderr, "insats: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "insats: %s: not a directory\n", dir);
		return -1;
	}
	return 0;
}

/* Prints "usage: insats " and the usage line u.  Returns 2. */
int
cmd_usage(const char *u)
{
	fprintf(stderr, "usage: insats %s\n", u);
	return 2;
}

/* Uses the configured time zone (if any) for "today" and entry dates. */
void
cmd_use_timezone(const struct config *cfg)
{
	if (cfg->timezone[0] != '\0') {
		setenv("TZ", cfg->timezone, 1);
		tzset();
	}
}

/* Returns the entry of opts named arg, or NULL. */
static const struct cmd_opt *
find_opt(const struct cmd_opt *opts, const char *arg)
{
	for (; opts->name != NULL; opts++)
		if (strcmp(opts->name, arg) == 0)
			return opts;
	return NULL;
}

/*
 * Parses argv[from..argc): options from opts (NULL-name terminated) and up
 * to npos positional arguments into pos (*got counts them).  Returns 0, or
 * 2 with a message.
 */
int
cmd_parse_opts(int argc, char **argv, int from, const struct cmd_opt *opts,
    const char **pos, int npos, int *got)
{
	const struct cmd_opt	*o;
	int			 i;

	*got = 0;
	for (i = from; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0) {
			if (*got >= npos) {
				fprintf(stderr, "insats: unexpected argument "
				    "\"%s\"\n", argv[i]);
				return 2;
			}
			pos[(*got)++] = argv[i];
			continue;
		}
		if ((o = find_opt(opts, argv[i])) == NULL) {
			fprintf(stderr, "insats: unknown option %s\n", argv[i]);
			return 2;
		}
		if (o->value == NULL) {
			*o->flag = 1;
			continue;
		}
		if (i + 1 >= argc || *o->value != NULL) {
			fprintf(stderr, "insats: %s needs one value\n", argv[i]);
			return 2;
		}
		*o->value = argv[++i];
	}
	return 0;
}

/*
 * Opens the configured database (creating the file only when create is
 * set) and brings its schema up to date.  Returns 0, or 1 with a message
 * and the database closed.
 */
int
cmd_db_open(struct db **db, const struct config *cfg, int create)
{
	if ((*db = db_open(cfg->database, create)) == NULL)
		return 1;
	if (db_migrate(*db) == -1) {
		fprintf(stderr, "insats: cannot bring %s to schema version %d\n",
		    cfg->database, DB_SCHEMA_VERSION);
		db_close(*db);
		*db = NULL;
		return 1;
	}
	return 0;
}

/* Returns the current date in local time (the TZ of the process). */
struct date
cmd_today(void)
{
	/* The same "today" as the server's deadlines (localdate.c). */
	return local_today();
}
