/*
 * cmd_admin: the administrative subcommands (init, user, customer,
 * placement, catalogue, calendar) and the write operations they share with
 * the demo (demo.h).  Exit statuses as in commands.h: 0 success, 1 failure,
 * 2 bad usage or refused input.  Every write runs in one transaction.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "commands.h"
#include "demo.h"
#include "pnr.h"

#define NAME_MAX_BYTES	200
#define LOGIN_MAX	64
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

/* ---- small database helpers ---------------------------------------------- */

/*
 * Steps st for at most one row, then resets it.  Returns 1 with the first
 * column in *id, 0 when there is no row, -1 on error (printed).
 */
static int
step_id(sqlite3_stmt *st, int64_t *id)
{
	int	 rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		fprintf(stderr, "insats: sqlite: %s\n",
		    sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Binds text (NULL binds NULL).  Returns 0 or -1. */
static int
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) ==
	    SQLITE_OK ? 0 : -1;
}

/* Binds an id; 0 binds NULL.  Returns 0 or -1. */
static int
bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	int	 rc;

	rc = id == 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, id);
	return rc == SQLITE_OK ? 0 : -1;
}

/*
 * Looks up one row by a text key with statement which.  Returns 1 with the
 * first column in *id, 0 for none, -1 on error.
 */
static int
lookup_id(struct db *db, enum stmt which, const char *key, int64_t *id)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, which)) == NULL || bind_text(st, 1, key) == -1)
		return -1;
	return step_id(st, id);
}

/*
 * Inserts with a prepared and bound statement and gives the new row id.
 * Returns 0, or 1 on error (printed).
 */
static int
insert_row(struct db *db, sqlite3_stmt *st, int64_t *id)
{
	if (db_step_done(st) == -1)
		return 1;
	*id = sqlite3_last_insert_rowid(db->conn);
	return 0;
}

/*
 * Records a command-line action in events, by the system user.  Returns 0,
 * or 1 on error.
 */
static int
write_event(struct db *db, int64_t placement, int64_t customer,
    const char *action)
{
	sqlite3_stmt	*st;
	int64_t	 actor;
	char		 now[21];
	int		 rc;

	if ((rc = admin_system_user(db, &actor)) != 0)
		return rc;
	db_now(now);
	if ((st = db_stmt(db, STMT_EVENT_INSERT)) == NULL)
		return 1;
	if (bind_id(st, 2, placement) || bind_id(st, 3, customer) ||
	    bind_id(st, 4, actor) || bind_text(st, 5, now) ||
	    bind_text(st, 6, action))
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
}

/* ---- validation ------------------------------------------------------------ */

/*
 * Returns the length of the UTF-8 sequence at s if it is well formed,
 * shortest, a scalar value and not a C1 control; else 0.
 */
static size_t
utf8_char(const unsigned char *s)
{
	unsigned long	 cp, min;
	size_t		 n, i;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2, cp = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3, cp = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4, cp = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp <= 0x9f)
		return 0;
	return n;
}

/* Returns 1 if s is 1..200 bytes of UTF-8 without control characters. */
int
admin_text_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	if (s == NULL || *s == '\0' || strlen(s) > NAME_MAX_BYTES)
		return 0;
	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f || (n = utf8_char(p)) == 0)
			return 0;
		p += n;
	}
	return 1;
}

/* Returns 0 if text is acceptable as what, else 2 with a message. */
static int
check_text(const char *what, const char *text)
{
	if (admin_text_ok(text))
		return 0;
	fprintf(stderr, "insats: %s must be 1..%d bytes of UTF-8 without "
	    "control characters\n", what, NAME_MAX_BYTES);
	return 2;
}

/* Returns 1 if login matches [a-z0-9._-]{1,64}, else 0. */
static int
login_ok(const char *login)
{
	size_t	 n = strlen(login);

	return n >= 1 && n <= LOGIN_MAX &&
	    strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* English for pnr_status_text(), so that operators get both. */
static const char *
pnr_status_en(enum pnr_status st)
{
	switch (st) {
	case PNR_OK:
		return "the number is valid";
	case PNR_BAD_FORMAT:
		return "write it as YYYYMMDD-NNNN or YYMMDD-NNNN";
	case PNR_BAD_CHECKSUM:
		return "the check digit is wrong";
	case PNR_BAD_DATE:
		return "the birth date in the number does not exist";
	case PNR_BAD_SERIAL:
		return "birth number 000 is never issued";
	case PNR_UNREADABLE_DAY:
		return "the birth day cannot be read (day 00 or 60)";
	}
	return "the number cannot be read";
}

/*
 * Parses a personal or co-ordination number.  An unreadable day is
 * accepted (a real number can have one) with a warning when warn is set.
 * Returns 0 with *p filled, or 2 with the reason in Swedish and English.
 * The number itself is not echoed: messages end up in logs.
 */
static int
parse_pnr(const char *s, struct date today, int warn, struct pnr *p)
{
	enum pnr_status	 st = pnr_parse(s, today, p);

	if (st == PNR_OK)
		return 0;
	if (st == PNR_UNREADABLE_DAY) {
		if (warn)
			fprintf(stderr, "insats: varning: %s / warning: %s; "
			    "the record is kept for a person to decide on "
			    "destruction\n", pnr_status_text(st),
			    pnr_status_en(st));
		return 0;
	}
	fprintf(stderr, "insats: ogiltigt personnummer: %s / invalid "
	    "personal identity number: %s\n", pnr_status_text(st),
	    pnr_status_en(st));
	return 2;
}

/* ---- shared write operations (demo.h) ---------------------------------------- */

/*
 * Finds the organisation, creating it when missing if create is set.
 * Returns 0 with *id, 1 on error, 2 if missing and not created.
 */
int
admin_org(struct db *db, const char *name, int create, int64_t *id)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = check_text("the organisation name", name)) != 0)
		return rc;
	if ((rc = lookup_id(db, STMT_ORG_BY_NAME, name, id)) != 0)
		return rc == 1 ? 0 : 1;
	if (!create) {
		fprintf(stderr, "insats: no organisation \"%s\"\n", name);
		return 2;
	}
	if ((st = db_stmt(db, STMT_ORG_INSERT)) == NULL ||
	    bind_text(st, 1, name) == -1)
		return 1;
	return insert_row(db, st, id);
}

/*
 * Finds the "system" user, the actor of command-line events, creating it
 * on first use.  Returns 0 with *id, or 1 on error.
 */
int
admin_system_user(struct db *db, int64_t *id)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = lookup_id(db, STMT_USER_BY_LOGIN, ADMIN_SYSTEM_LOGIN,
	    id)) != 0)
		return rc == 1 ? 0 : 1;
	if ((st = db_stmt(db, STMT_USER_INSERT)) == NULL ||
	    bind_text(st, 1, ADMIN_SYSTEM_LOGIN) || bind_text(st, 2, "Systemet") ||
	    bind_text(st, 3, "admin") || bind_id(st, 4, 0))
		return 1;
	return insert_row(db, st, id);
}

/* Returns 1 if role is one of the schema's roles, else 0. */
static int
role_ok(const char *role)
{
	return strcmp(role, "provider") == 0 ||
	    strcmp(role, "counsellor") == 0 ||
	    strcmp(role, "archivist") == 0 || strcmp(role, "admin") == 0 ||
	    strcmp(role, "lead") == 0;
}

/* Returns 0 if login, name, role and org fit together, else 2 (printed). */
static int
check_user(const char *login, const char *name, const char *role,
    const char *org)
{
	if (!login_ok(login)) {
		fprintf(stderr, "insats: a login is 1..64 of a-z 0-9 . _ -\n");
		return 2;
	}
	if (strcmp(login, ADMIN_SYSTEM_LOGIN) == 0) {
		fprintf(stderr, "insats: the login \"%s\" is reserved for "
		    "command-line actions\n", ADMIN_SYSTEM_LOGIN);
		return 2;
	}
	if (!role_ok(role)) {
		fprintf(stderr, "insats: the role is provider, counsellor, "
		    "archivist or admin\n");
		return 2;
	}
	if ((strcmp(role, "provider") == 0) != (org != NULL)) {
		fprintf(stderr, "insats: --org is required for a provider "
		    "and refused for other roles\n");
		return 2;
	}
	return check_text("the name", name);
}

/*
 * Adds a user; a provider's organisation is created when missing.
 * Returns 0 with *id, 1 on error, 2 for refused input.
 */
int
admin_user_add(struct db *db, const char *login, const char *name,
    const char *role, const char *org, int64_t *id)
{
	sqlite3_stmt	*st;
	int64_t	 org_id = 0, old;
	int		 rc;

	if ((rc = check_user(login, name, role, org)) != 0)
		return rc;
	if ((rc = lookup_id(db, STMT_USER_BY_LOGIN, login, &old)) != 0) {
		if (rc == 1)
			fprintf(stderr, "insats: the user %s exists\n", login);
		return rc == 1 ? 2 : 1;
	}
	if (org != NULL && (rc = admin_org(db, org, 1, &org_id)) != 0)
		return rc;
	if ((st = db_stmt(db, STMT_USER_INSERT)) == NULL ||
	    bind_text(st, 1, login) || bind_text(st, 2, name) ||
	    bind_text(st, 3, role) || bind_id(st, 4, org_id))
		return 1;
	return insert_row(db, st, id);
}

/*
 * Finds a user who must have the given role.  Returns 0 with *id, 1 on
 * error, 2 if there is no such user or the role differs.
 */
static int
user_with_role(struct db *db, const char *login, const char *role,
    int64_t *id)
{
	sqlite3_stmt	*st;
	int		 rc, match = 0;

	if ((st = db_stmt(db, STMT_USER_BY_LOGIN)) == NULL ||
	    bind_text(st, 1, login) == -1)
		return 1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		match = strcmp((const char *)sqlite3_column_text(st, 3),
		    role) == 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return 1;
	if (!match) {
		fprintf(stderr, "insats: no user %s with role %s\n", login,
		    role);
		return 2;
	}
	return 0;
}

/*
 * Adds a customer under the canonical number and starts the record's
 * "last entry" clock with a customer-create event.  Returns 0 with *id,
 * 1 on error, 2 for refused input.
 */
int
admin_customer_add(struct db *db, const char *pnr, const char *name,
    const char *counsellor, int protect, struct date today,
    int64_t *id)
{
	sqlite3_stmt	*st;
	int64_t	 cid, old;
	struct pnr	 p;
	char		 now[21];
	int		 rc;

	if ((rc = parse_pnr(pnr, today, 1, &p)) != 0 ||
	    (rc = check_text("the name", name)) != 0 ||
	    (rc = user_with_role(db, counsellor, "counsellor", &cid)) != 0)
		return rc;
	if ((rc = lookup_id(db, STMT_CUSTOMER_BY_PNR, p.canonical, &old)) != 0) {
		if (rc == 1)
			fprintf(stderr, "insats: the customer exists (id %lld)\n",
			    (long long)old);
		return rc == 1 ? 2 : 1;
	}
	db_now(now);
	if ((st = db_stmt(db, STMT_CUSTOMER_INSERT)) == NULL ||
	    bind_text(st, 1, p.canonical) || bind_text(st, 2, name) ||
	    bind_id(st, 3, cid) ||
	    sqlite3_bind_int(st, 4, protect ? 1 : 0) != SQLITE_OK ||
	    bind_text(st, 5, now))
		return 1;
	if ((rc = insert_row(db, st, id)) != 0)
		return rc;
	return write_event(db, 0, *id, "customer-create");
}

/*
 * Reads the catalogue's maximum length of code.  Returns 0 with *months,
 * 1 on error, 2 for an unknown code.
 */
static int
catalogue_months(struct db *db, const char *code, int *months)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, STMT_CATALOGUE_GET)) == NULL ||
	    bind_text(st, 1, code) == -1)
		return 1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*months = sqlite3_column_int(st, 3);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		fprintf(stderr, "insats: no placement code %s in the "
		    "catalogue\n", code);
		return 2;
	}
	return rc == SQLITE_ROW ? 0 : 1;
}

/*
 * Checks the dates of a placement of at most months months: strict
 * YYYY-MM-DD, end (optional) not before start nor after start + months.
 * Returns 0, or 2 with a message.
 */
static int
check_dates(const char *start, const char *end, int months)
{
	struct date	 s, e, last;
	char		 buf[11];

	if (date_parse(start, &s) == -1 || (end && date_parse(end, &e) == -1)) {
		fprintf(stderr, "insats: dates are written YYYY-MM-DD\n");
		return 2;
	}
	if (end == NULL)
		return 0;
	if (date_compare(e, s) < 0) {
		fprintf(stderr, "insats: the end date is before the start\n");
		return 2;
	}
	last = date_add_months(s, months);
	if (date_compare(e, last) > 0) {
		date_format(last, buf);
		fprintf(stderr, "insats: the placement may last at most %d "
		    "months: end on %s at the latest (an extension is decided "
		    "by the team lead)\n", months, buf);
		return 2;
	}
	return 0;
}

/*
 * Finds a customer by any written form of the number.  Returns 0 with
 * *id, 1 on error, 2 if invalid or unknown.
 */
static int
customer_id(struct db *db, const char *pnr, struct date today,
    int64_t *id)
{
	struct pnr	 p;
	int		 rc;

	if ((rc = parse_pnr(pnr, today, 0, &p)) != 0)
		return rc;
	if ((rc = lookup_id(db, STMT_CUSTOMER_BY_PNR, p.canonical, id)) == 0)
		fprintf(stderr, "insats: no such customer\n");
	return rc == 1 ? 0 : rc == 0 ? 2 : 1;
}

/*
 * Adds a placement and its placement-create event.  Returns 0 with *id,
 * 1 on error, 2 for refused input.
 */
int
admin_placement_add(struct db *db, const char *pnr, const char *code,
    const char *provider, const char *start, const char *end,
    struct date today, int64_t *id)
{
	sqlite3_stmt	*st;
	int64_t	 cust, prov;
	char		 now[21];
	int		 rc, months;

	if ((rc = customer_id(db, pnr, today, &cust)) != 0 ||
	    (rc = catalogue_months(db, code, &months)) != 0 ||
	    (rc = admin_org(db, provider, 0, &prov)) != 0 ||
	    (rc = check_dates(start, end, months)) != 0)
		return rc;
	db_now(now);
	if ((st = db_stmt(db, STMT_PLACEMENT_INSERT)) == NULL ||
	    bind_id(st, 1, cust) || bind_text(st, 2, code) ||
	    bind_id(st, 3, prov) || bind_text(st, 4, start) ||
	    bind_text(st, 5, end) || bind_text(st, 6, now))
		return 1;
	if ((rc = insert_row(db, st, id)) != 0)
		return rc;
	return write_event(db, *id, cust, "placement-create");
}

int
admin_placement_started(struct db *db, int64_t id, const char *staff,
    const char *assignment, const char *future_plan)
{
	static const char *const steps[] = { "staff", "assign",
		"start-meeting" };
	sqlite3_stmt	*st;
	int64_t	 cust;
	char		 now[21];
	size_t		 i;

	db_now(now);
	if ((st = db_stmt(db, STMT_CASE_STARTED)) == NULL ||
	    bind_id(st, 1, id) || bind_text(st, 2, now) ||
	    bind_text(st, 3, staff) || bind_text(st, 4, assignment) ||
	    bind_text(st, 5, future_plan) || db_step_done(st) == -1 ||
	    sqlite3_changes(db->conn) != 1)
		return 1;
	if ((st = db_stmt(db, STMT_PLACEMENT_GET)) == NULL || bind_id(st, 1, id))
		return 1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 1;
	}
	cust = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (write_event(db, id, cust, steps[i]) != 0)
			return 1;
	return 0;
}

/* ---- the catalogue file ------------------------------------------------------ */

struct cat_row {
	char		*code, *kundval, *name, *valid_from;
	int		 months;
	int64_t	 ore;
};

#define CAT_FIELDS	6
#define CAT_FORMAT	"code TAB kundval TAB name TAB max_months TAB " \
			"valid_from TAB monthly_amount_sek"

/*
 * Parses an amount in SEK ("8160", "8160.50", "8160,5") into öre, at most
 * 10 000 000 SEK.  Returns 0, or -1.
 */
static int
parse_sek(const char *s, int64_t *ore)
{
	int64_t	 kr = 0, frac = 0;
	size_t		 n = strspn(s, "0123456789"), d;

	if (n == 0 || n > 8)
		return -1;
	for (d = 0; d < n; d++)
		kr = kr * 10 + (s[d] - '0');
	s += n;
	if (*s == '.' || *s == ',') {
		d = strspn(++s, "0123456789");
		if (d == 0 || d > 2 || s[d] != '\0')
			return -1;
		frac = (s[0] - '0') * 10 + (d == 2 ? s[1] - '0' : 0);
	} else if (*s != '\0')
		return -1;
	if (kr > 10000000)
		return -1;
	*ore = kr * 100 + frac;
	return 0;
}

/* Returns 1 if code is 1..16 of A-Z 0-9, else 0. */
static int
code_ok(const char *code)
{
	size_t	 n = strlen(code);

	return n >= 1 && n <= 16 &&
	    strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n;
}

/*
 * Splits line at tabs into exactly n fields in place.  Returns 0, or -1
 * for another number of fields.
 */
static int
split_tabs(char *line, char **f, int n)
{
	int	 i;

	for (i = 0; i < n - 1; i++) {
		f[i] = line;
		if ((line = strchr(line, '\t')) == NULL)
			return -1;
		*line++ = '\0';
	}
	f[n - 1] = line;
	return strchr(line, '\t') == NULL ? 0 : -1;
}

/*
 * Splits a data line (CAT_FORMAT) in place.  Returns NULL with *r filled,
 * or what is wrong.  The format before migration 11 (no valid_from) is
 * refused, not read as "valid from long ago": that would re-price every
 * month already paid.
 */
static const char *
parse_cat_line(char *line, struct cat_row *r)
{
	char		*f[CAT_FIELDS], *end;
	struct date	 from;
	long		 months;

	if (split_tabs(line, f, CAT_FIELDS) == -1)
		return "expected 6 tab-separated fields: " CAT_FORMAT
		    " (amounts are dated: add the valid_from column)";
	if (!code_ok(f[0]))
		return "the code is 1..16 of A-Z 0-9";
	if (!admin_text_ok(f[1]) || !admin_text_ok(f[2]))
		return "kundval and name are 1..200 bytes of UTF-8 text";
	errno = 0;
	months = strtol(f[3], &end, 10);
	if (errno || end == f[3] || *end != '\0' || months < 1 || months > 120)
		return "max_months is a whole number 1..120";
	if (date_parse(f[4], &from) == -1)
		return "valid_from is a date YYYY-MM-DD";
	if (parse_sek(f[5], &r->ore) == -1)
		return "the monthly amount is SEK, e.g. 8160 or 8160.50";
	r->code = f[0], r->kundval = f[1], r->name = f[2], r->valid_from = f[4];
	r->months = (int)months;
	return NULL;
}

/*
 * Upserts one catalogue row (code, names, months; the legacy amount
 * column keeps the file's last amount, read by nothing: migration 11).
 * Returns 0, or 1 on error.
 */
static int
put_cat_row(struct db *db, const struct cat_row *r)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, STMT_CATALOGUE_PUT)) == NULL ||
	    bind_text(st, 1, r->code) || bind_text(st, 2, r->kundval) ||
	    bind_text(st, 3, r->name) ||
	    sqlite3_bind_int(st, 4, r->months) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, r->ore) != SQLITE_OK)
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
}

/*
 * Reads statement st (bound) for one integer.  Returns 0 with *v, 1 if
 * there is no row, -1.
 */
static int
one_int(sqlite3_stmt *st, int64_t *v)
{
	int	 rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/*
 * Whether r's amount may be stored: one that equals the amount already in
 * force on its valid_from changes no price (the same file loaded again,
 * or the 2024 file over amounts migrated as valid from 2000); a code's
 * first amounts price nothing yet; otherwise only an amount valid from
 * after today, so that no month that has begun changes its price (a
 * month's amount is the one valid on its 1st).  Returns 0 to store, 1 on
 * error, 2 if refused (printed).
 */
static int
amount_allowed(struct db *db, const struct cat_row *r, struct date today,
    const char *path, int lineno)
{
	sqlite3_stmt	*st;
	int64_t	 v;
	struct date	 from;
	int		 rc;

	if ((st = db_stmt(db, STMT_AMOUNT_OF_MONTH)) == NULL ||
	    bind_text(st, 1, r->code) || bind_text(st, 2, r->valid_from) ||
	    (rc = one_int(st, &v)) == -1)
		return 1;
	if (rc == 0 && v == r->ore)
		return 0;
	if ((st = db_stmt(db, STMT_AMOUNT_COUNT)) == NULL ||
	    bind_text(st, 1, r->code) || one_int(st, &v) != 0)
		return 1;
	if (v == 0 || (date_parse(r->valid_from, &from) == 0 &&
	    date_compare(from, today) > 0))
		return 0;
	fprintf(stderr, "%s:%d: %s valid from %s: a new amount valid from "
	    "today or earlier would re-price months already begun; give it a "
	    "later valid_from\n", path, lineno, r->code, r->valid_from);
	return 2;
}

/* Stores r's dated amount.  Returns 0, or 1 on error. */
static int
put_amount(struct db *db, const struct cat_row *r)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, STMT_AMOUNT_PUT)) == NULL ||
	    bind_text(st, 1, r->code) || bind_text(st, 2, r->valid_from) ||
	    sqlite3_bind_int64(st, 3, r->ore) != SQLITE_OK)
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
}

/*
 * Handles one line of the catalogue file: comments, blank lines and the
 * header ("code" first) are skipped.  Returns 0 (*count raised for a row),
 * 1 on error, 2 for a bad line (printed as path:line).
 */
static int
cat_line(struct db *db, char *line, const char *path, int lineno,
    struct date today, int *count)
{
	struct cat_row	 r;
	const char	*err;
	int		 rc;

	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '#' || line[0] == '\0' ||
	    strncmp(line, "code\t", 5) == 0)
		return 0;
	if ((err = parse_cat_line(line, &r)) != NULL) {
		fprintf(stderr, "%s:%d: %s\n", path, lineno, err);
		return 2;
	}
	(*count)++;
	if ((rc = put_cat_row(db, &r)) != 0)
		return rc;
	if ((rc = amount_allowed(db, &r, today, path, lineno)) != 0)
		return rc;
	return put_amount(db, &r);
}

/*
 * Reads the TSV catalogue file and upserts each row, in the caller's
 * transaction.  Returns 0 with *count, 1 if unreadable, 2 if malformed,
 * empty or re-pricing a month that has begun (nothing is kept then: the
 * caller rolls back).
 */
int
admin_catalogue_load(struct db *db, const char *path, struct date today,
    int *count)
{
	FILE	*f;
	char	 line[2048];
	int	 lineno = 0, rc = 0;

	*count = 0;
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "insats: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			fprintf(stderr, "%s:%d: line too long\n", path, lineno);
			rc = 2;
		} else
			rc = cat_line(db, line, path, lineno, today, count);
	}
	if (rc == 0 && ferror(f)) {
		fprintf(stderr, "insats: %s: read error\n", path);
		rc = 1;
	}
	fclose(f);
	if (rc == 0 && *count == 0) {
		fprintf(stderr, "insats: %s: no placements in the file\n", path);
		rc = 2;
	}
	return rc;
}

/* ---- init --------------------------------------------------------------------- */

/*
 * Fills hex (2 * SECRET_BYTES + 1) from /dev/urandom.  Returns 0, or 1
 * with a message.
 */
static int
random_hex(char *hex)
{
	unsigned char	 b[SECRET_BYTES];
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd, i;

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
 * Stores a new csrf_secret unless there is one: running init again must
 * not invalidate the forms of logged-in users.  Returns 0, or 1.
 */
static int
ensure_secret(struct db *db)
{
	sqlite3_stmt	*st;
	char		 hex[2 * SECRET_BYTES + 1];
	int		 rc;

	if ((st = db_stmt(db, STMT_SETTING_GET)) == NULL ||
	    bind_text(st, 1, "csrf_secret") == -1)
		return 1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE || random_hex(hex) != 0)
		return 1;
	if ((st = db_stmt(db, STMT_SETTING_PUT)) == NULL ||
	    bind_text(st, 1, "csrf_secret") || bind_text(st, 2, hex))
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
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
	sqlite3_stmt	*st;
	int64_t	 users;
	int		 rc;

	if ((st = db_stmt(db, STMT_SUMMARY)) == NULL)
		return 1;
	if ((rc = step_id(st, &users)) != 1)
		return 1;
	if (users > 0) {
		fprintf(stderr, "insats: the database already has users: "
		    "refusing to seed the demo into it\n");
		return 1;
	}
	return 0;
}

/*
 * The work of init inside its transaction: secret, catalogue, demo.
 * Returns 0, 1 or 2 like a command.
 */
static int
init_contents(struct db *db, const struct config *cfg, int demo)
{
	const char	*cat;
	int		 rc, count;

	if (demo && (rc = demo_allowed(db)) != 0)
		return rc;
	if ((rc = ensure_secret(db)) != 0)
		return rc;
	if ((cat = catalogue_path(cfg)) == NULL)
		return 1;
	if ((rc = admin_catalogue_load(db, cat, cmd_today(), &count)) != 0)
		return rc;
	printf("catalogue: %d rows from %s\n", count, cat);
	if (demo && demo_seed(db) != 0)
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
	if (db_begin(db) == -1) {
		db_close(db);
		return 1;
	}
	if ((rc = init_contents(db, &c.cfg, demo)) == 0 &&
	    db_commit(db) == -1)
		rc = 1;
	if (rc != 0)
		db_rollback(db);
	else
		printf("database %s ready (schema version %d)\n",
		    c.cfg.database, DB_SCHEMA_VERSION);
	db_close(db);
	return rc;
}

/* ---- user ------------------------------------------------------------------- */

/* What a subcommand's transaction needs: its arguments and today. */
struct tx_args {
	int		 argc;
	char		**argv;
	struct date	 today;
};

/*
 * Runs op in a transaction on the open database, committing on 0 and
 * rolling back otherwise; closes the database.  Returns op's status, or 1
 * if the transaction fails.
 */
static int
in_transaction(struct db *db, int (*op)(struct db *, const struct tx_args *),
    const struct tx_args *a)
{
	int	 rc;

	if (db_begin(db) == -1) {
		db_close(db);
		return 1;
	}
	if ((rc = op(db, a)) == 0 && db_commit(db) == -1)
		rc = 1;
	if (rc != 0)
		db_rollback(db);
	db_close(db);
	return rc;
}

/* user add: the transaction's work.  Returns the exit status. */
static int
user_add_op(struct db *db, const struct tx_args *a)
{
	const char	*name = NULL, *role = NULL, *org = NULL, *pos[1];
	const struct cmd_opt opts[] = { { "--name", &name, NULL },
			    { "--role", &role, NULL }, { "--org", &org, NULL },
			    { NULL, NULL, NULL } };
	int64_t	 id;
	int		 npos, rc;

	if (cmd_parse_opts(a->argc, a->argv, 2, opts, pos, 1, &npos) != 0 ||
	    npos != 1 || name == NULL || role == NULL)
		return cmd_usage(usage_user);
	if ((rc = admin_user_add(db, pos[0], name, role, org, &id)) == 0)
		printf("%lld\n", (long long)id);
	return rc;
}

/* Returns column i of st as text, "" for NULL. */
static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* user list: login, role, organisation, name.  Returns the exit status. */
static int
user_list(struct db *db)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, STMT_USER_LIST)) == NULL)
		return 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		printf("%s\t%s\t%s\t%s\n", col(st, 1), col(st, 3), col(st, 5),
		    col(st, 2));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : 1;
}

/* Closes the database after a read-only command.  Returns status. */
static int
read_and_close(struct db *db, int status)
{
	db_close(db);
	return status;
}

/* insats user add|list.  Returns the exit status. */
int
cmd_user(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	struct tx_args		 a;
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
		return read_and_close(db, user_list(db));
	a = (struct tx_args){ argc, argv, cmd_today() };
	return in_transaction(db, user_add_op, &a);
}

/* ---- customer ------------------------------------------------------------- */

/* customer add: the transaction's work.  Returns the exit status. */
static int
customer_add_op(struct db *db, const struct tx_args *a)
{
	const char	*pnr = NULL, *name = NULL, *couns = NULL, *pos[1];
	const char	*category = NULL;
	int		 protect = 0, npos, rc;
	const struct cmd_opt opts[] = { { "--pnr", &pnr, NULL },
			    { "--name", &name, NULL },
			    { "--counsellor", &couns, NULL },
			    { "--protected", NULL, &protect },
			    { "--protection", &category, NULL },
			    { NULL, NULL, NULL } };
	int64_t	 id;

	if (cmd_parse_opts(a->argc, a->argv, 2, opts, pos, 0, &npos) != 0 ||
	    pnr == NULL || name == NULL || couns == NULL)
		return cmd_usage(usage_customer);
	rc = admin_customer_add(db, pnr, name, couns, protect || category,
	    a->today, &id);
	if (rc == 0 && category != NULL)
		rc = admin_customer_protection(db, id, category);
	if (rc == 0)
		printf("%lld\n", (long long)id);
	return rc;
}

int
admin_customer_protection(struct db *db, int64_t id,
    const char *category)
{
	sqlite3_stmt	*st;

	if (strcmp(category, "skyddad-folkbokforing") != 0 &&
	    strcmp(category, "sekretessmarkering") != 0 &&
	    strcmp(category, "fingerade") != 0) {
		fprintf(stderr, "insats: the protection is one of "
		    "skyddad-folkbokforing, sekretessmarkering, fingerade\n");
		return 2;
	}
	if ((st = db_stmt(db, STMT_CUSTOMER_SET_PROTECTION)) == NULL ||
	    bind_id(st, 1, id) || bind_text(st, 2, category))
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
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
	sqlite3_stmt	*st;
	struct pnr	 p;
	int		 rc;

	if ((rc = parse_pnr(arg, today, 0, &p)) != 0)
		return rc;
	if ((st = db_stmt(db, STMT_CUSTOMER_BY_PNR)) == NULL ||
	    bind_text(st, 1, p.canonical) == -1)
		return 1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		printf("id: %lld\npersonnummer: %s\nnamn: %s\n"
		    "skyddad identitet: %s\nkundansvarig: %s\nskapad: %s\n",
		    (long long)sqlite3_column_int64(st, 0), col(st, 1),
		    col(st, 2), sqlite3_column_int(st, 3) ? "ja" : "nej",
		    col(st, 4), col(st, 5));
		print_birth(p.canonical, today);
	} else if (rc == SQLITE_DONE)
		fprintf(stderr, "insats: no such customer\n");
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : 1;
}

/* insats customer add|show.  Returns the exit status. */
int
cmd_customer(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	struct tx_args		 a;
	int			 rc, add;

	if (setup(&argc, argv, &c) != 0)
		return 1;
	if (argc < 2 || (strcmp(argv[1], "add") != 0 &&
	    (strcmp(argv[1], "show") != 0 || argc != 3)))
		return cmd_usage(usage_customer);
	add = strcmp(argv[1], "add") == 0;
	if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
		return rc;
	a = (struct tx_args){ argc, argv, cmd_today() };
	if (!add)
		return read_and_close(db, customer_show(db, argv[2], a.today));
	return in_transaction(db, customer_add_op, &a);
}

/* ---- placement ------------------------------------------------------------ */

/* placement add: the transaction's work.  Returns the exit status. */
static int
placement_add_op(struct db *db, const struct tx_args *a)
{
	const char	*pnr = NULL, *code = NULL, *prov = NULL, *start = NULL;
	const char	*end = NULL, *pos[1];
	const struct cmd_opt opts[] = { { "--customer", &pnr, NULL },
			    { "--code", &code, NULL },
			    { "--provider", &prov, NULL },
			    { "--start", &start, NULL },
			    { "--end", &end, NULL }, { NULL, NULL, NULL } };
	int64_t	 id;
	int		 npos, rc;

	if (cmd_parse_opts(a->argc, a->argv, 2, opts, pos, 0, &npos) != 0 ||
	    pnr == NULL || code == NULL || prov == NULL || start == NULL)
		return cmd_usage(usage_placement);
	rc = admin_placement_add(db, pnr, code, prov, start, end, a->today,
	    &id);
	if (rc == 0)
		printf("%lld\n", (long long)id);
	return rc;
}

/* insats placement add.  Returns the exit status. */
int
cmd_placement(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	struct tx_args		 a;
	int			 rc;

	if (setup(&argc, argv, &c) != 0)
		return 1;
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return cmd_usage(usage_placement);
	if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
		return rc;
	a = (struct tx_args){ argc, argv, cmd_today() };
	return in_transaction(db, placement_add_op, &a);
}

/* ---- catalogue ------------------------------------------------------------ */

/* catalogue load FILE: the transaction's work.  Returns the exit status. */
static int
catalogue_load_op(struct db *db, const struct tx_args *a)
{
	int	 rc, count;

	if ((rc = admin_catalogue_load(db, a->argv[2], a->today, &count)) == 0)
		printf("catalogue: %d rows from %s\n", count, a->argv[2]);
	return rc;
}

/*
 * catalogue list: the catalogue in the format of the file it is loaded
 * from, header included.  Returns the exit status.
 */
static int
catalogue_list(struct db *db)
{
	sqlite3_stmt	*st;
	int64_t	 ore;
	int		 rc;

	if ((st = db_stmt(db, STMT_CATALOGUE_LIST)) == NULL)
		return 1;
	printf("code\tkundval\tname\tmax_months\tvalid_from\t"
	    "monthly_amount_sek\n");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ore = sqlite3_column_int64(st, 5);
		printf("%s\t%s\t%s\t%d\t%s\t%lld", col(st, 0), col(st, 1),
		    col(st, 2), sqlite3_column_int(st, 3), col(st, 4),
		    (long long)(ore / 100));
		if (ore % 100 != 0)
			printf(".%02lld", (long long)(ore % 100));
		printf("\n");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : 1;
}

/* insats catalogue load|list.  Returns the exit status. */
int
cmd_catalogue(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	struct tx_args		 a;
	int			 rc, load;

	if (setup(&argc, argv, &c) != 0)
		return 1;
	load = argc == 3 && strcmp(argv[1], "load") == 0;
	if (!load && (argc != 2 || strcmp(argv[1], "list") != 0))
		return cmd_usage(usage_catalogue);
	if ((rc = cmd_db_open(&db, &c.cfg, 0)) != 0)
		return rc;
	if (!load)
		return read_and_close(db, catalogue_list(db));
	a = (struct tx_args){ argc, argv, cmd_today() };
	return in_transaction(db, catalogue_load_op, &a);
}

/* ---- calendar ------------------------------------------------------------- */

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
