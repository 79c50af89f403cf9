/*
 * cmd_retention: the retention commands.
 *
 *   insats purge [--today YYYY-MM-DD] [--dry-run]   destroy due customers
 *   insats purge log                                the destruction records
 *   insats export archive --out DIR [--today ...]   the hand-over package
 *   insats archive list | archive confirm OBJID     packages and receipts
 *
 * Output lines are tab-separated "what<TAB>ref<TAB>..." for scripts; a
 * destroyed customer is named only by its reference (K-12), which is no
 * longer anyone's data.  --today may lie in the past (to re-check a
 * date) but never after the real date: the purge must not run early.
 * Exit statuses as in commands.h.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "commands.h"
#include "purge.h"
#include "registry.h"
#include "retention.h"

static const char usage_purge[] =
    "purge [--today YYYY-MM-DD] [--dry-run] | purge log";
static const char usage_archive[] = "archive list | archive confirm OBJID";
static const char usage_export[] =
    "export archive --out DIR [--today YYYY-MM-DD]";

/*
 * The date to run at: --today (not after the real date) or the real
 * date.  Returns 0, or 2 with a message.
 */
static int
run_date(const char *arg, struct date *today)
{
	struct date	 real = cmd_today();
	char		 buf[11];

	if (arg == NULL) {
		*today = real;
		return 0;
	}
	if (date_parse(arg, today) == -1) {
		fprintf(stderr, "insats: --today is YYYY-MM-DD\n");
		return 2;
	}
	if (date_compare(*today, real) > 0) {
		date_format(real, buf);
		fprintf(stderr, "insats: --today may not be after today (%s): "
		    "records must not be destroyed early\n", buf);
		return 2;
	}
	return 0;
}

/* The operating-system account running the command, for the record. */
static void
operator_name(char *buf, size_t size)
{
	struct passwd	*pw = getpwuid(geteuid());

	if (pw != NULL && pw->pw_name != NULL)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "uid %lu", (unsigned long)geteuid());
}

/* ---- purge ------------------------------------------------------------- */

/* Prints one listed or acted-on customer (purge_note). */
static void
print_note(void *arg, enum purge_action what, const struct purge_customer *c)
{
	static const char *const words[] = {
		[PURGE_LISTED_HANDOVER] = "handover",
		[PURGE_LISTED_DECIDE] = "decide",
		[PURGE_WOULD_DESTROY] = "would-destroy",
		[PURGE_DESTROYED] = "destroyed",
		[PURGE_SKIPPED] = "skipped",
	};
	char	 last[11] = "?", by[11] = "?";

	(void)arg;
	if (c->r.clock_ok) {
		date_format(c->r.last, last);
		date_format(c->r.destroy_by, by);
	}
	printf("%s\tK-%lld", words[what], (long long)c->id);
	if (what == PURGE_LISTED_HANDOVER || what == PURGE_LISTED_DECIDE) {
		/* Kept records: the person who acts must find them. */
		printf("\t%s", c->protected ? "skyddad-identitet" : c->pnr);
		printf("\tlast-entry=%s\tdestroy-by=%s", last, by);
		if (what == PURGE_LISTED_DECIDE)
			printf("\treason=%s", !c->r.clock_ok ? "clock" :
			    "birth-day");
		if (c->pending[0] != '\0')
			printf("\tawaiting-confirmation=%s", c->pending);
	} else if (what == PURGE_DESTROYED && c->covered[0] != '\0')
		printf("\tpackage=%s", c->covered);
	printf("\n");
}

/* Prints the run's summary line. */
static void
print_summary(const struct purge_result *r, int dry_run)
{
	if (dry_run)
		printf("summary\tdry-run\twould-destroy=%d\thandover=%d\t"
		    "decide=%d\tkept=%d\n", r->would_destroy, r->handover,
		    r->decide, r->kept);
	else
		printf("summary\tdestroyed=%d\tplacements=%d\tdocuments=%d\t"
		    "versions=%d\tevents=%d\tmessages=%d\thandover=%d\t"
		    "decide=%d\tkept=%d\tskipped=%d\tvacuum=%s\twal=%s\n",
		    r->destroyed, r->placements, r->documents, r->versions,
		    r->events, r->messages, r->handover, r->decide, r->kept, r->skipped,
		    r->vacuumed ? "yes" : "no",
		    r->checkpoint_ok ? "truncated" : "NOT-TRUNCATED");
}

/* Prints text, "-" for NULL, after a tab unless first. */
static void
field(const char *s, int first)
{
	printf("%s%s", first ? "" : "\t", s != NULL ? s : "-");
}

/* Prints one destruction record. */
static int
print_record(const struct destruction_record *r, void *arg)
{
	(void)arg;
	printf("%lld", (long long)r->id);
	field(r->run, 0);
	field(r->started, 0);
	field(r->finished, 0);
	field(r->today, 0);
	field(r->actor, 0);
	field(r->operator, 0);
	field(r->rule, 0);
	field(r->package, 0);
	printf("\t%lld\t%lld\t%lld\t%lld\t%lld\n", (long long)r->customers,
	    (long long)r->placements, (long long)r->documents,
	    (long long)r->versions, (long long)r->events);
	return 0;
}

/* purge log: every destruction record.  Returns the exit status. */
static int
purge_log(struct db *db)
{
	printf("id\trun\tstarted\tfinished\ttoday\tactor\toperator\trule\t"
	    "package\tcustomers\tplacements\tdocuments\tversions\tevents\n");
	return purge_records_each(db, print_record, NULL) == 0 ? 0 : 1;
}

/* insats purge.  Returns the exit status. */
int
cmd_purge(int argc, char **argv)
{
	struct cmd_common	 c;
	struct purge_opts	 po;
	struct purge_result	 res;
	struct db		*db = NULL;
	const char		*today = NULL, *pos[1];
	char			 op[64];
	int			 rc, dry_run = 0, npos;
	const struct cmd_opt	 opts[] = { { "--today", &today, NULL },
				    { "--dry-run", NULL, &dry_run },
				    { NULL, NULL, NULL } };

	if (cmd_common_options(&argc, argv, &c) == -1)
		return 1;
	cmd_use_timezone(&c.cfg);
	if (argc == 2 && strcmp(argv[1], "log") == 0) {
		if (cmd_db_open(&db, &c.cfg, 0) != 0)
			return 1;
		rc = purge_log(db);
		db_close(db);
		return rc;
	}
	if (cmd_parse_opts(argc, argv, 1, opts, pos, 0, &npos) != 0)
		return cmd_usage(usage_purge);
	memset(&po, 0, sizeof(po));
	if ((rc = run_date(today, &po.today)) != 0)
		return rc;
	if (cmd_db_open(&db, &c.cfg, 0) != 0)
		return 1;
	operator_name(op, sizeof(op));
	po.dry_run = dry_run;
	po.operator = op;
	po.db_path = c.cfg.database;
	if (!dry_run && registry_system_user(db, &po.actor) != 0) {
		db_close(db);
		return 1;
	}
	rc = purge_run(db, &po, print_note, NULL, &res);
	print_summary(&res, dry_run);
	db_close(db);
	return rc == 0 ? 0 : 1;
}

/* ---- export archive ----------------------------------------------------- */

/* Writes the package under the directory arg (archive_export). */
static int
write_out(const struct archive_pkg *pkg, void *arg)
{
	if (cmd_mkdirs(arg, 0750) == -1)
		return -1;
	return archive_write_dir(pkg, arg);
}

/* insats export archive --out DIR [--today D].  Returns the status. */
int
export_archive(int argc, char **argv, struct cmd_common *c)
{
	struct archive_pkg	 pkg;
	struct db		*db = NULL;
	const char		*today = NULL, *out = NULL, *pos[1];
	int64_t			 actor;
	int			 rc, npos;
	const struct cmd_opt	 opts[] = { { "--today", &today, NULL },
				    { "--out", &out, NULL },
				    { NULL, NULL, NULL } };

	cmd_use_timezone(&c->cfg);
	if (cmd_parse_opts(argc, argv, 1, opts, pos, 0, &npos) != 0 ||
	    out == NULL)
		return cmd_usage(usage_export);
	memset(&pkg, 0, sizeof(pkg));
	if ((rc = run_date(today, &pkg.today)) != 0)
		return rc;
	if (cmd_db_open(&db, &c->cfg, 0) != 0)
		return 1;
	/*
	 * The record is committed only once every file is on disk; the
	 * system user, its actor, is created on first use.
	 */
	if (registry_system_user(db, &actor) != 0)
		rc = 1;
	else if ((rc = archive_export(db, &c->cfg, pkg.today, actor,
	    write_out, (void *)out, &pkg)) == 1)
		fprintf(stderr, "insats: no customer is due for hand-over\n");
	rc = rc == 0 ? 0 : 1;
	if (rc == 0)
		printf("package\t%s\t%s/%s\tcustomers=%zu\tdocuments=%d\t"
		    "versions=%d\tfiles=%zu\n", pkg.objid, out, pkg.objid,
		    pkg.nmembers, pkg.documents, pkg.versions, pkg.nfiles);
	archive_free(&pkg);
	db_close(db);
	return rc;
}

/* ---- archive list | confirm --------------------------------------------- */

/* Prints one package: its columns after the id. */
static int
print_package(const struct package_row *p, void *arg)
{
	(void)arg;
	field(p->objid, 1);
	field(p->created, 0);
	field(p->created_by, 0);
	field(p->today, 0);
	printf("\t%lld\t%lld\t%lld", (long long)p->customers,
	    (long long)p->documents, (long long)p->files);
	field(p->confirmed, 0);
	field(p->confirmed_by, 0);
	printf("\n");
	return 0;
}

/* archive list: the packages, newest first.  Returns the exit status. */
static int
archive_list(struct db *db)
{
	printf("objid\tcreated\tby\ttoday\tcustomers\tdocuments\tfiles\t"
	    "confirmed\tconfirmed-by\n");
	return store_packages_each(db, 1000, print_package, NULL) == 0 ? 0 : 1;
}

/* archive confirm OBJID.  Returns the exit status. */
static int
archive_confirm_cmd(struct db *db, const char *objid)
{
	int64_t	 actor;
	int	 rc;

	if (registry_system_user(db, &actor) != 0)
		return 1;
	rc = archive_confirm_receipt(db, objid, actor);
	if (rc != 0) {
		if (rc == 1)
			fprintf(stderr, "insats: no package %s\n", objid);
		else if (rc == 2)
			fprintf(stderr, "insats: package %s was confirmed "
			    "before\n", objid);
		return rc == -1 ? 1 : 2;
	}
	printf("confirmed\t%s\n", objid);
	return 0;
}

/* insats archive list | confirm OBJID.  Returns the exit status. */
int
cmd_archive(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	int			 rc;

	if (cmd_common_options(&argc, argv, &c) == -1)
		return 1;
	if (!(argc == 2 && strcmp(argv[1], "list") == 0) &&
	    !(argc == 3 && strcmp(argv[1], "confirm") == 0 &&
	    strlen(argv[2]) < ARCHIVE_OBJID_MAX))
		return cmd_usage(usage_archive);
	if (cmd_db_open(&db, &c.cfg, 0) != 0)
		return 1;
	rc = argc == 2 ? archive_list(db) : archive_confirm_cmd(db, argv[2]);
	db_close(db);
	return rc;
}
