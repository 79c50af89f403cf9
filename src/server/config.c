/*
 * config: parses conf/insats.conf.  Every key is declared once in a table
 * with its type and bounds; anything else is refused with file:line.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

enum key_type { KEY_STRING, KEY_INT, KEY_MODE, KEY_LEVEL };

struct key {
	const char	*name;
	enum key_type	 type;
	size_t		 offset;
	size_t		 size;		/* strings: buffer size */
	long		 min, max;	/* numbers */
};

#define STR(f)		KEY_STRING, offsetof(struct config, f), \
			sizeof(((struct config *)0)->f), 0, 0
#define NUM(f, lo, hi)	KEY_INT, offsetof(struct config, f), \
			sizeof(((struct config *)0)->f), lo, hi

static const struct key keys[] = {
	{ "database", STR(database) },
	{ "socket", STR(socket) },
	{ "socket_mode", KEY_MODE, offsetof(struct config, socket_mode), 0, 0, 0777 },
	{ "socket_group", STR(socket_group) },
	{ "workers", NUM(workers, 1, 64) },
	{ "threads", NUM(threads, 1, 64) },
	{ "xsl_dir", STR(xsl_dir) },
	{ "schema_dir", STR(schema_dir) },
	{ "catalogue", STR(catalogue) },
	{ "body_limit", NUM(body_limit, 1024, 64L * 1024 * 1024) },
	{ "memory_limit_mb", NUM(memory_limit_mb, 32, 65536) },
	{ "cpu_limit_s", NUM(cpu_limit_s, 1, 86400 * 365L) },
	{ "municipality", STR(municipality) },
	{ "municipality_orgnr", STR(municipality_orgnr) },
	{ "log_level", KEY_LEVEL, offsetof(struct config, log_level), 0, 0, 3 },
	{ "timezone", STR(timezone) },
	/* 28 at most: every month has the day. */
	{ "payment_cutoff_day", NUM(payment_cutoff_day, 1, 28) },
	{ "page_cache", NUM(page_cache, 0, 64) },
	{ "fragment_cache", NUM(fragment_cache, 0, 4096) },
};

static const char *const levels[] = { "error", "warn", "info", "debug" };

void
config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->database, sizeof(cfg->database), "/var/lib/insats/insats.db");
	snprintf(cfg->socket, sizeof(cfg->socket), "/run/insats/insats.sock");
	cfg->socket_mode = 0660;
	cfg->workers = 2;
	cfg->threads = 8;
	snprintf(cfg->xsl_dir, sizeof(cfg->xsl_dir), "/usr/local/share/insats/xsl");
	snprintf(cfg->schema_dir, sizeof(cfg->schema_dir),
	    "/usr/local/share/insats/schemas");
	snprintf(cfg->catalogue, sizeof(cfg->catalogue),
	    "/usr/local/share/insats/catalogue.tsv");
	cfg->body_limit = 1024 * 1024;
	cfg->memory_limit_mb = 256;
	cfg->cpu_limit_s = 3600;
	snprintf(cfg->municipality, sizeof(cfg->municipality), "Nacka kommun");
	snprintf(cfg->municipality_orgnr, sizeof(cfg->municipality_orgnr),
	    "212000-0167");
	cfg->log_level = 2;
	snprintf(cfg->timezone, sizeof(cfg->timezone), "Europe/Stockholm");
	cfg->payment_cutoff_day = 7;
	cfg->page_cache = 64;
	cfg->fragment_cache = 4096;
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/*
 * Stores value into the field of k.  Returns NULL, or what is wrong.
 */
static const char *
set_value(struct config *cfg, const struct key *k, const char *value)
{
	char	*field = (char *)cfg + k->offset, *end;
	long	 n;
	size_t	 i;

	switch (k->type) {
	case KEY_STRING:
		if (*value == '\0')
			return "empty value";
		if (strlen(value) >= k->size)
			return "value too long";
		memcpy(field, value, strlen(value) + 1);
		return NULL;
	case KEY_INT:
	case KEY_MODE:
		errno = 0;
		n = strtol(value, &end, k->type == KEY_MODE ? 8 : 10);
		if (errno || end == value || *end != '\0')
			return k->type == KEY_MODE ? "not an octal mode" :
			    "not a number";
		if (n < k->min || n > k->max)
			return "number out of range";
		if (k->type == KEY_MODE)
			*(mode_t *)(void *)field = (mode_t)n;
		else if (k->size == sizeof(int))
			*(int *)(void *)field = (int)n;
		else if (k->size == sizeof(long))
			*(long *)(void *)field = n;
		return NULL;
	case KEY_LEVEL:
		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			if (strcmp(value, levels[i]) == 0) {
				*(int *)(void *)field = (int)i;
				return NULL;
			}
		return "must be error, warn, info or debug";
	}
	return "unknown type";
}

static const struct key *
find_key(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/*
 * Reads the file line by line.  Returns 0, or -1 after the first error,
 * printed as "path:line: message".
 */
int
config_load(struct config *cfg, const char *path, int required)
{
	FILE		*f;
	char		 line[2048], *p, *eq, *name, *value;
	const char	*err;
	const struct key *k;
	int		 lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (!required && errno == ENOENT)
			return 0;
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			fprintf(stderr, "%s:%d: line too long\n", path, lineno);
			goto fail;
		}
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		p = trim(line);
		if (*p == '\0')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			fprintf(stderr, "%s:%d: expected \"key = value\"\n",
			    path, lineno);
			goto fail;
		}
		*eq = '\0';
		name = trim(p);
		value = trim(eq + 1);
		if ((k = find_key(name)) == NULL) {
			fprintf(stderr, "%s:%d: unknown key \"%s\"\n", path,
			    lineno, name);
			goto fail;
		}
		if ((err = set_value(cfg, k, value)) != NULL) {
			fprintf(stderr, "%s:%d: %s: %s\n", path, lineno, name,
			    err);
			goto fail;
		}
	}
	fclose(f);
	return 0;
fail:
	fclose(f);
	return -1;
}
