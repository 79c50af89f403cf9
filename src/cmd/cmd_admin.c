/*
 * cmd_admin: the administrative subcommands (init, user, customer,
 * placement, catalogue, calendar): their arguments and output.  What they
 * write goes through the register (registry.h, catalogue.h), each write
 * in one transaction.  Exit statuses as in commands.h: 0 success, 1
 * failure, 2 bad usage or refused input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "catalogue.h"
#include "commands.h"
#include "demo.h"
#include "pnr.h"
#include "registry.h"
#include "regrules.h"

#define SECRET_BYTES	32
#define FALLBACK_CATALOGUE "conf/catalogue.tsv"

static const char usage_init[] = "init [--demo] [--config PATH] [--db PATH]";
static const char usage_user[] =
    "user add LOGIN --name NAME --role ROLE [--org ORG] | user list";
static const char usage_customer[] = "customer add --pnr PNR --name NAME "
    "--counsellor LOGIN [--protected | --protection CATEGORY] |"
    " customer show PNR";
static const char usage_placement[] = "placement add --customer PNR "
    "--code CODE --provider ORG --start DATE [--end DATE]";
static const char usage_catalogue[] = "catalogue load FILE | catalogue list";
static const char usage_calendar[] = "calendar YEAR";

/*
 * Common start of every admin command: the options, and the configured
 * time zone as the local time of "today".  Returns 0, or 1 with a message.
 */
static int
setup(int *argc, char **argv, struct cmd_common *c)
{
	if (cmd_common_options(argc, argv, c) == -1)
		return 1;
	cmd_use_timezone(&c->cfg);
	return 0;
}

/* Closes the database after a command.  Returns status. */
static int
closed(struct db *db, int status)
{
	db_close(db);
	return status;
}

/* ---- init -------------------------------------------------------------- */

/*
 * Fills hex (2 * SECRET_BYTES + 1 of size) from /dev/urandom.  Returns 0,
 * or 1 with a message.
 */
static int
random_hex(char *hex, size_t size)
{
	unsigned char	 b[SECRET_BYTES];
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd, i;

	if (size < 2 * SECRET_BYTES + 1)
		return 1;
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) == -1) {
		fprintf(stderr, "insats: /dev/urandom: %s\n", strerror(errno));
		return 1;
	}
	while (got < sizeof(b)) {
		n = read(fd, b + got, sizeof(b) - got);
		if (n <= 0 && !(n == -1 && errno == EINTR))
			break;
		got += n > 0 ? (size_t)n : 0;
	}
	close(fd);
	if (got < sizeof(b)) {
		fprintf(stderr, "insats: /dev/urandom: short read\n");
		return 1;
	}
	for (i = 0; i < SECRET_BYTES; i++)
		snprintf(hex + 2 * i, 3, "%02x", b[i]);
	return 0;
}

/*
 * The configured catalogue, or conf/catalogue.tsv of the working
 * directory when that is missing.  Returns the path, or NULL (printed).
 */
static const char *
catalogue_path(const struct config *cfg)
{
	if (access(cfg->catalogue, R_OK) == 0)
		return cfg->catalogue;
	if (access(FALLBACK_CATALOGUE, R_OK) == 0) {
		fprintf(stderr, "insats: %s not readable; using %s\n",
		    cfg->catalogue, FALLBACK_CATALOGUE);
		return FALLBACK_CATALOGUE;
	}
	fprintf(stderr, "insats: no placement catalogue: neither %s (the "
	    "catalogue key of the configuration) nor ./%s can be read\n",
	    cfg->catalogue, FALLBACK_CATALOGUE);
	return NULL;
}

/*
 * Refuses the demo on a database that has users.  Returns 0 if empty,
 * 1 if it has users or on error (printed).
 */
static int
demo_allowed(struct db *db)
{
	int64_t	 users;

	if (registry_user_count(db, &users) == -1)
		return 1;
	if (users > 0) {
		fprintf(stderr, "insats: the database already has users: "
		    "refusing to seed the demo into it\n");
		return 1;
	}
	return 0;
}

/*
 * The work of init: the CSRF secret, the catalogue, the demo.  Returns 0,
 * 1 or 2 like a command.
 */
static int
init_contents(struct db *db, const struct config *cfg, int demo)
{
	const char	*cat;
	int		 rc, count;

	if (demo && (rc = demo_allowed(db)) != 0)
		return rc;
	if ((rc = registry_setting_init(db, "csrf_secret", random_hex)) != 0)
		return rc;
	if ((cat = catalogue_path(cfg)) == NULL)
		return 1;
	if ((rc = catalogue_load(db, cat, cmd_today(), &count)) != 0)
		return rc;
	printf("catalogue: %d rows from %s\n", count, cat);
	if (demo && demo_load(db, cmd_today()) != 0)
		return 1;
	if (demo)
		printf("demo data seeded\n");
	return 0;
}

/*
 * insats init [--demo]: creates or migrates the database, keeps or makes
 * the CSRF secret, loads the catalogue and optionally seeds the demo.
 * Returns the exit status.
 */
int
cmd_init(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	const char		*pos[1];
	int			 demo = 0, npos, rc;
	const struct cmd_opt	 opts[] = { { "--demo", NULL, &demo },
				    { NULL, NULL, NULL } };

	if (setup(&argc, argv, &c) != 0)
		return 1;
	if (cmd_parse_opts(argc, argv, 1, opts, pos, 0, &npos) != 0)
		return cmd_usage(usage_init);
	if ((rc = cmd_db_open(&db, &c.cfg, 1)) != 0)
		return rc;
	if ((rc = init_contents(db, &c.cfg, demo)) == 0)
		printf("database %s ready (schema version %d)\n",
		    c.cfg.database, DB_SCHEMA_VERSION);
	return closed(db, rc);
}

/* ---- user -------------------------------------------------------------- */

/* user add LOGIN --name NAME --role ROLE [--org ORG].  The exit status. */
static int
user_add(struct db *db, int argc, char **argv)
{
	struct registry_user	 u;
	const char		*pos[1];
	const struct cmd_opt	 opts[] = { { "--name", &u.name, NULL },
				    { "--role", &u.role, NULL },
				    { "--org", &u.org, NULL },
				    { NULL, NULL, NULL } };
	int64_t			 id;
	int			 npos, rc;

	memset(&u, 0, sizeof(u));
	if (cmd_parse_opts(argc, argv, 2, opts, pos, 1, &npos) != 0 ||
	    npos != 1 || u.name == NULL || u.role == NULL)
		return cmd_usage(usage_user);
	u.login = pos[0];
	if ((rc = registry_user_add(db, &u, &id)) == 0)
		printf("%lld\n", (long long)id);
	return rc;
}

/* Prints one user: login, role, organisation, name. */
static int
print_user(const struct registry_user *u, void *arg)
{
	(void)arg;
	printf("%s\t%s\t%s\t%s\n", u->login, u->role, u->org, u->name);
	return 0;
}

/* insats user add|list.  Returns the exit status. */
int
cmd_user(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	int			 rc, add;

	if (setup(&argc, argv, &c) != 0)
		return 1;
	if (argc < 2 || (strcmp(argv[1], "add") != 0 &&
	    (strcmp(argv[1], "list") != 0 || argc != 2)))
		return cmd_usage(usage_user);
	add = strcmp(argv[1], "add") == 0;
	if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
		return rc;
	if (!add)
		return closed(db, registry_users_each(db, print_user, NULL) ==
		    0 ? 0 : 1);
	return closed(db, user_add(db, argc, argv));
}

/* ---- customer ---------------------------------------------------------- */

/* customer add: the customer and its category.  The exit status. */
static int
customer_add(struct db *db, int argc, char **argv, struct date today)
{
	struct registry_customer c;
	const char		*pos[1];
	const struct cmd_opt	 opts[] = { { "--pnr", &c.pnr, NULL },
				    { "--name", &c.name, NULL },
				    { "--counsellor", &c.counsellor, NULL },
				    { "--protected", NULL, &c.protect },
				    { "--protection", &c.protection, NULL },
				    { NULL, NULL, NULL } };
	int64_t			 id;
	int			 npos, rc;

	memset(&c, 0, sizeof(c));
	if (cmd_parse_opts(argc, argv, 2, opts, pos, 0, &npos) != 0 ||
	    c.pnr == NULL || c.name == NULL || c.counsellor == NULL)
		return cmd_usage(usage_customer);
	c.protect = c.protect || c.protection != NULL;
	if ((rc = registry_customer_add(db, &c, today, &id)) == 0)
		printf("%lld\n", (long long)id);
	return rc;
}

/* Prints the birth date and research sample of the canonical number. */
static void
print_birth(const char *canonical, struct date today)
{
	struct pnr	 p;
	enum pnr_status	 st = pnr_parse(canonical, today, &p);
	enum sample	 s = pnr_sample(canonical, today);
	char		 buf[11];

	if (st == PNR_OK) {
		date_format(p.birth, buf);
		printf("födelsedatum: %s\n", buf);
	} else
		printf("födelsedatum: okänt\n");
	printf("forskningsurval: %s\n", s == SAMPLE_YES ? "ja" :
	    s == SAMPLE_NO ? "nej" : "osäker");
}

/*
 * customer show PNR: every stored field, the birth date and the research
 * sample.  Returns 0, 1 if not found or on error, 2 for a bad number.
 */
static int
customer_show(struct db *db, const char *arg, struct date today)
{
	struct registry_customer_row	 c;
	struct pnr			 p;
	char				 why[256];
	int				 rc;

	if (reg_pnr(arg, today, &p, why, sizeof(why)) == 2) {
		fprintf(stderr, "insats: %s\n", why);
		return 2;
	}
	if ((rc = registry_customer_by_pnr(db, p.canonical, &c)) == 0) {
		printf("id: %lld\npersonnummer: %s\nnamn: %s\n"
		    "skyddad identitet: %s\nkundansvarig: %s\nskapad: %s\n",
		    (long long)c.id, c.pnr, c.name, c.protected ? "ja" : "nej",
		    c.counsellor, c.created);
		print_birth(p.canonical, today);
	} else if (rc == 1)
		fprintf(stderr, "insats: no such customer\n");
	return rc == 0 ? 0 : 1;
}

/* insats customer add|show.  Returns the exit status. */
int
cmd_customer(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	int			 rc, add;

	if (setup(&argc, argv, &c) != 0)
		return 1;
	if (argc < 2 || (strcmp(argv[1], "add") != 0 &&
	    (strcmp(argv[1], "show") != 0 || argc != 3)))
		return cmd_usage(usage_customer);
	add = strcmp(argv[1], "add") == 0;
	if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
		return rc;
	if (!add)
		return closed(db, customer_show(db, argv[2], cmd_today()));
	return closed(db, customer_add(db, argc, argv, cmd_today()));
}

/* ---- placement --------------------------------------------------------- */

/* placement add: the placement.  Returns the exit status. */
static int
placement_add(struct db *db, int argc, char **argv, struct date today)
{
	struct registry_placement p;
	const char		*pos[1];
	const struct cmd_opt	 opts[] = { { "--customer", &p.pnr, NULL },
				    { "--code", &p.code, NULL },
				    { "--provider", &p.provider, NULL },
				    { "--start", &p.start, NULL },
				    { "--end", &p.end, NULL },
				    { NULL, NULL, NULL } };
	int64_t			 id;
	int			 npos, rc;

	memset(&p, 0, sizeof(p));
	if (cmd_parse_opts(argc, argv, 2, opts, pos, 0, &npos) != 0 ||
	    p.pnr == NULL || p.code == NULL || p.provider == NULL ||
	    p.start == NULL)
		return cmd_usage(usage_placement);
	if ((rc = registry_placement_add(db, &p, today, &id)) == 0)
		printf("%lld\n", (long long)id);
	return rc;
}

/* insats placement add.  Returns the exit status. */
int
cmd_placement(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	int			 rc;

	if (setup(&argc, argv, &c) != 0)
		return 1;
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return cmd_usage(usage_placement);
	if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
		return rc;
	return closed(db, placement_add(db, argc, argv, cmd_today()));
}

/* ---- catalogue --------------------------------------------------------- */

/* Prints one catalogue line in the format of the file. */
static int
print_entry(const struct catalogue_entry *e, void *arg)
{
	int64_t	 ore = e->monthly_amount_ore;

	(void)arg;
	printf("%s\t%s\t%s\t%d\t%s\t%lld", e->code, e->kundval, e->name,
	    e->max_months, e->valid_from, (long long)(ore / 100));
	if (ore % 100 != 0)
		printf(".%02lld", (long long)(ore % 100));
	printf("\n");
	return 0;
}

/*
 * catalogue list: the catalogue in the format of the file it is loaded
 * from, header included.  Returns the exit status.
 */
static int
catalogue_list(struct db *db)
{
	printf("code\tkundval\tname\tmax_months\tvalid_from\t"
	    "monthly_amount_sek\n");
	return catalogue_each(db, print_entry, NULL) == 0 ? 0 : 1;
}

/* insats catalogue load|list.  Returns the exit status. */
int
cmd_catalogue(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	int			 rc, load, count;

	if (setup(&argc, argv, &c) != 0)
		return 1;
	load = argc == 3 && strcmp(argv[1], "load") == 0;
	if (!load && (argc != 2 || strcmp(argv[1], "list") != 0))
		return cmd_usage(usage_catalogue);
	if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
		return rc;
	if (!load)
		return closed(db, catalogue_list(db));
	if ((rc = catalogue_load(db, argv[2], cmd_today(), &count)) == 0)
		printf("catalogue: %d rows from %s\n", count, argv[2]);
	return closed(db, rc);
}

/* ---- calendar ---------------------------------------------------------- */

/*
 * insats calendar YEAR: the year's public holidays and non-working
 * weekdays, "YYYY-MM-DD Name" one per line.  Returns the exit status.
 */
int
cmd_calendar(int argc, char **argv)
{
	struct cmd_common	 c;
	struct holiday		 h[32];
	char			 buf[11];
	size_t			 i, n;
	int			 year;

	if (setup(&argc, argv, &c) != 0)
		return 1;
	if (argc != 2 || strlen(argv[1]) != 4 ||
	    strspn(argv[1], "0123456789") != 4)
		return cmd_usage(usage_calendar);
	year = atoi(argv[1]);
	if (year < 1900 || year > 2200) {
		fprintf(stderr, "insats: the year is 1900..2200\n");
		return 2;
	}
	n = calendar_nonworking_days(year, h, sizeof(h) / sizeof(h[0]));
	for (i = 0; i < n; i++) {
		date_format(h[i].date, buf);
		printf("%s %s\n", buf, h[i].name);
	}
	return 0;
}
