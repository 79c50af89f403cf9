/*
 * config: the one configuration file (conf/insats.conf).  "key = value"
 * lines; unknown keys and bad values stop start-up with file:line.
 */
#ifndef INSATS_CONFIG_H
#define INSATS_CONFIG_H

#include <stddef.h>
#include <sys/types.h>

#define CONFIG_PATH_MAX 1024

struct config {
	char	 database[CONFIG_PATH_MAX];
	char	 socket[108];		/* sun_path limit */
	mode_t	 socket_mode;
	char	 socket_group[64];
	int	 workers;
	int	 threads;		/* per worker */
	char	 xsl_dir[CONFIG_PATH_MAX];
	char	 schema_dir[CONFIG_PATH_MAX];
	char	 catalogue[CONFIG_PATH_MAX];
	size_t	 body_limit;
	long	 memory_limit_mb;
	long	 cpu_limit_s;
	char	 municipality[200];
	char	 municipality_orgnr[32];
	int	 log_level;		/* 0 error, 1 warn, 2 info, 3 debug */
	char	 timezone[64];
	int	 payment_cutoff_day;	/* 1..28: day of M+1 (Rules: payments) */
	int	 page_cache;		/* rendered pages kept per worker */
	int	 fragment_cache;	/* rendered rows kept per worker */
};

#define CONFIG_DEFAULT_PATH "/etc/insats/insats.conf"

/* Fills cfg with the built-in defaults. */
void	 config_defaults(struct config *cfg);
/*
 * Reads path over the values already in cfg.  Returns 0, or -1 after
 * printing "path:line: what is wrong" to stderr.  A missing file is an
 * error only when required is set.
 */
int	 config_load(struct config *cfg, const char *path, int required);

#endif
