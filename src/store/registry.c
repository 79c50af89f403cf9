/*
 * registry: the register's writes of the command line and the demo, and
 * the reads of their commands (registry.h).  The checks print their
 * refusals as the commands always have; every write runs as one
 * transaction (db_transaction) whose body never commits itself.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "listrows.h"
#include "pnr.h"
#include "registry.h"
#include "regrules.h"

/* ---- small database helpers -------------------------------------------- */

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

/*
 * Looks up one row by a text key with statement which.  Returns 1 with the
 * first column in *id, 0 for none, -1 on error.
 */
static int
lookup_id(struct db *db, enum stmt which, const char *key, int64_t *id)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, which)) == NULL ||
	list_bind_text(st, 1, key) == -1)
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

/* A transaction's status as a command's: its own, or 1 when it failed. */
static int
status_of(int rc)
{
	return rc == -1 ? 1 : rc;
}

/* ---- checks ------------------------------------------------------------ */

/* Returns 0 if text is acceptable as what, else 2 with a message. */
static int
check_text(const char *what, const char *text)
{
	if (reg_text_ok(text))
		return 0;
	fprintf(stderr, "insats: %s must be 1..%d bytes of UTF-8 without "
	    "control characters\n", what, REG_TEXT_MAX);
	return 2;
}

/*
 * Parses a personal or co-ordination number (reg_pnr), printing the
 * warning of an unreadable day when warn is set.  Returns 0 with *p, or 2
 * (printed).
 */
static int
parse_pnr(const char *s, struct date today, int warn, struct pnr *p)
{
	char	 why[256];
	int	 rc = reg_pnr(s, today, p, why, sizeof(why));

	if (rc == 0 || (rc == 1 && !warn))
		return 0;
	fprintf(stderr, "insats: %s\n", why);
	return rc == 1 ? 0 : 2;
}

/* Returns 0 if login, name, role and org fit together, else 2 (printed). */
static int
check_user(const struct registry_user *u)
{
	if (!reg_login_ok(u->login)) {
		fprintf(stderr, "insats: a login is 1..64 of a-z 0-9 . _ -\n");
		return 2;
	}
	if (strcmp(u->login, REGISTRY_SYSTEM_LOGIN) == 0) {
		fprintf(stderr, "insats: the login \"%s\" is reserved for "
		    "command-line actions\n", REGISTRY_SYSTEM_LOGIN);
		return 2;
	}
	if (!reg_role_ok(u->role)) {
		fprintf(stderr, "insats: the role is provider, counsellor, "
		    "archivist or admin\n");
		return 2;
	}
	if ((strcmp(u->role, "provider") == 0) != (u->org != NULL)) {
		fprintf(stderr, "insats: --org is required for a provider "
		    "and refused for other roles\n");
		return 2;
	}
	return check_text("the name", u->name);
}

/* ---- the writes, inside their transaction ------------------------------ */

/*
 * Finds the "system" user, the actor of command-line events, creating it
 * on first use.  Returns 0 with *id, or 1 on error.
 */
static int
system_user(struct db *db, int64_t *id)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = lookup_id(db, STMT_USER_BY_LOGIN, REGISTRY_SYSTEM_LOGIN,
	    id)) != 0)
		return rc == 1 ? 0 : 1;
	if ((st = db_stmt(db, STMT_USER_INSERT)) == NULL ||
	    list_bind_text(st, 1, REGISTRY_SYSTEM_LOGIN) ||
	    list_bind_text(st, 2, "Systemet") ||
	    list_bind_text(st, 3, "admin") ||
	    list_bind_id(st, 4, 0))
		return 1;
	return insert_row(db, st, id);
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
	int64_t		 actor;
	char		 now[21];
	int		 rc;

	if ((rc = system_user(db, &actor)) != 0)
		return rc;
	db_now(now);
	if ((st = db_stmt(db, STMT_EVENT_INSERT)) == NULL)
		return 1;
	if (list_bind_id(st, 2, placement) || list_bind_id(st, 3, customer) ||
	    list_bind_id(st, 4, actor) || list_bind_text(st, 5, now) ||
	    list_bind_text(st, 6, action))
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
}

/*
 * Finds the organisation, creating it when missing if create is set.
 * Returns 0 with *id, 1 on error, 2 if missing and not created.
 */
static int
org_find(struct db *db, const char *name, int create, int64_t *id)
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
	    list_bind_text(st, 1, name) == -1)
		return 1;
	return insert_row(db, st, id);
}

/*
 * Adds a user; a provider's organisation is created when missing.
 * Returns 0 with *id, 1 on error, 2 for refused input.
 */
static int
user_add(struct db *db, const struct registry_user *u, int64_t *id)
{
	sqlite3_stmt	*st;
	int64_t		 org_id = 0, old;
	int		 rc;

	if ((rc = check_user(u)) != 0)
		return rc;
	if ((rc = lookup_id(db, STMT_USER_BY_LOGIN, u->login, &old)) != 0) {
		if (rc == 1)
			fprintf(stderr, "insats: the user %s exists\n",
			    u->login);
		return rc == 1 ? 2 : 1;
	}
	if (u->org != NULL && (rc = org_find(db, u->org, 1, &org_id)) != 0)
		return rc;
	if ((st = db_stmt(db, STMT_USER_INSERT)) == NULL ||
	    list_bind_text(st, 1, u->login) || list_bind_text(st, 2, u->name) ||
	    list_bind_text(st, 3, u->role) || list_bind_id(st, 4, org_id))
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
	    list_bind_text(st, 1, login) == -1)
		return 1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		match = strcmp(list_str(st, 3), role) == 0;
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
 * Sets the protected-identity category of customer id.  Returns 0, 1 on
 * error, 2 for an unknown category (printed).
 */
static int
customer_protection(struct db *db, int64_t id, const char *category)
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
	    list_bind_id(st, 1, id) || list_bind_text(st, 2, category))
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
}

/*
 * Adds a customer under the canonical number, starts the record's "last
 * entry" clock with a customer-create event and sets the category.
 * Returns 0 with *id, 1 on error, 2 for refused input.
 */
static int
customer_add(struct db *db, const struct registry_customer *c,
    struct date today, int64_t *id)
{
	sqlite3_stmt	*st;
	int64_t		 cid, old;
	struct pnr	 p;
	char		 now[21];
	int		 rc;

	if ((rc = parse_pnr(c->pnr, today, 1, &p)) != 0 ||
	    (rc = check_text("the name", c->name)) != 0 ||
	    (rc = user_with_role(db, c->counsellor, "counsellor", &cid)) != 0)
		return rc;
	if ((rc = lookup_id(db, STMT_CUSTOMER_BY_PNR, p.canonical,
	    &old)) != 0) {
		if (rc == 1)
			fprintf(stderr, "insats: the customer exists (id "
			    "%lld)\n", (long long)old);
		return rc == 1 ? 2 : 1;
	}
	db_now(now);
	if ((st = db_stmt(db, STMT_CUSTOMER_INSERT)) == NULL ||
	    list_bind_text(st, 1, p.canonical) ||
	    list_bind_text(st, 2, c->name) ||
	    list_bind_id(st, 3, cid) ||
	    sqlite3_bind_int(st, 4, c->protect ? 1 : 0) != SQLITE_OK ||
	    list_bind_text(st, 5, now))
		return 1;
	if ((rc = insert_row(db, st, id)) != 0 ||
	    (rc = write_event(db, 0, *id, "customer-create")) != 0)
		return rc;
	return c->protection != NULL ?
	    customer_protection(db, *id, c->protection) : 0;
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
	    list_bind_text(st, 1, code) == -1)
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
static int
placement_add(struct db *db, const struct registry_placement *pl,
    struct date today, int64_t *id)
{
	sqlite3_stmt	*st;
	int64_t		 cust, prov;
	char		 now[21], why[256];
	int		 rc, months;

	if ((rc = customer_id(db, pl->pnr, today, &cust)) != 0 ||
	    (rc = catalogue_months(db, pl->code, &months)) != 0 ||
	    (rc = org_find(db, pl->provider, 0, &prov)) != 0)
		return rc;
	if (reg_placement_dates(pl->start, pl->end, months, why,
	    sizeof(why)) != 0) {
		fprintf(stderr, "insats: %s\n", why);
		return 2;
	}
	db_now(now);
	if ((st = db_stmt(db, STMT_PLACEMENT_INSERT)) == NULL ||
	    list_bind_id(st, 1, cust) || list_bind_text(st, 2, pl->code) ||
	    list_bind_id(st, 3, prov) || list_bind_text(st, 4, pl->start) ||
	    list_bind_text(st, 5, pl->end) || list_bind_text(st, 6, now))
		return 1;
	if ((rc = insert_row(db, st, id)) != 0)
		return rc;
	return write_event(db, *id, cust, "placement-create");
}

/*
 * Records that placement id of customer cust has been started (struct
 * registry_started) with the three events, by the system user.  Returns
 * 0, or 1 on error.
 */
static int
placement_started(struct db *db, int64_t id, int64_t cust,
    const struct registry_started *s)
{
	static const char *const steps[] = { "staff", "assign",
		"start-meeting" };
	sqlite3_stmt	*st;
	char		 now[21];
	size_t		 i;

	db_now(now);
	if ((st = db_stmt(db, STMT_CASE_STARTED)) == NULL ||
	    list_bind_id(st, 1, id) || list_bind_text(st, 2, now) ||
	    list_bind_text(st, 3, s->staff) ||
	    list_bind_text(st, 4, s->assignment) ||
	    list_bind_text(st, 5, s->future_plan) || db_step_done(st) == -1 ||
	    sqlite3_changes(db->conn) != 1)
		return 1;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (write_event(db, id, cust, steps[i]) != 0)
			return 1;
	return 0;
}

/* 1 if kundval names a kundval of the catalogue, else 0. */
static int
kundval_known(struct db *db, const char *kundval)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_KUNDVAL_LIST);
	int		 found = 0;

	if (st == NULL)
		return 0;
	while (!found && sqlite3_step(st) == SQLITE_ROW)
		found = strcmp(list_str(st, 0), kundval) == 0;
	sqlite3_reset(st);
	return found;
}

/*
 * Authorises provider a->org for a->kundval from a->date.  Returns 0, 1
 * on error, 2 for refused input (printed).
 */
static int
authorise(struct db *db, const struct registry_authorisation *a)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	struct date	 d;
	int		 rc;

	if (date_parse(a->date, &d) == -1) {
		fprintf(stderr, "insats: dates are written YYYY-MM-DD\n");
		return 2;
	}
	if (!kundval_known(db, a->kundval)) {
		fprintf(stderr, "insats: no kundval \"%s\" in the catalogue\n",
		    a->kundval);
		return 2;
	}
	if ((rc = org_find(db, a->org, 0, &id)) != 0)
		return rc;
	if ((st = db_stmt(db, STMT_AUTHORISATION_PUT)) == NULL)
		return 1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, a->kundval, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, a->date, -1, SQLITE_STATIC);
	return db_step_done(st) == -1 ? 1 : 0;
}

/* ---- the demo ---------------------------------------------------------- */

/* One customer of the demo with its started placement.  0 or 1. */
static int
demo_customer(struct db *db, const struct registry_demo *d,
    const struct registry_demo_customer *c, struct date today)
{
	int64_t	 cust, id;

	if (customer_add(db, &c->customer, today, &cust) != 0 ||
	    placement_add(db, &c->placement, today, &id) != 0 ||
	    placement_started(db, id, cust, &d->started) != 0) {
		fprintf(stderr, "demo: cannot add %s\n", c->customer.name);
		return 1;
	}
	return 0;
}

/* What registry_demo()'s transaction writes. */
struct demo_args {
	const struct registry_demo	*d;
	struct date			 today;
};

static int
demo_tx(struct db *db, void *arg)
{
	const struct demo_args		*a = arg;
	const struct registry_demo	*d = a->d;
	int64_t				 id;
	size_t				 i;

	if (system_user(db, &id) != 0)
		return 1;
	for (i = 0; i < d->nusers; i++)
		if (user_add(db, &d->users[i], &id) != 0) {
			fprintf(stderr, "demo: cannot add user %s\n",
			    d->users[i].login);
			return 1;
		}
	for (i = 0; i < d->nauthorisations; i++)
		if (authorise(db, &d->authorisations[i]) != 0) {
			fprintf(stderr, "demo: cannot authorise %s\n",
			    d->authorisations[i].org);
			return 1;
		}
	for (i = 0; i < d->ncustomers; i++)
		if (demo_customer(db, d, &d->customers[i], a->today) != 0)
			return 1;
	return 0;
}

int
registry_demo(struct db *db, const struct registry_demo *d,
    struct date today)
{
	struct demo_args	 a = { d, today };

	return status_of(db_transaction(db, demo_tx, &a));
}

/* ---- one write, one transaction ---------------------------------------- */

/* The arguments and result of one registry write. */
struct write_args {
	const void	*in;
	struct date	 today;
	int64_t		*id;
};

static int
system_user_tx(struct db *db, void *arg)
{
	return system_user(db, ((struct write_args *)arg)->id);
}

static int
user_add_tx(struct db *db, void *arg)
{
	struct write_args	*a = arg;

	return user_add(db, a->in, a->id);
}

static int
customer_add_tx(struct db *db, void *arg)
{
	struct write_args	*a = arg;

	return customer_add(db, a->in, a->today, a->id);
}

static int
placement_add_tx(struct db *db, void *arg)
{
	struct write_args	*a = arg;

	return placement_add(db, a->in, a->today, a->id);
}

static int
authorise_tx(struct db *db, void *arg)
{
	return authorise(db, ((struct write_args *)arg)->in);
}

int
registry_system_user(struct db *db, int64_t *id)
{
	struct write_args	 a = { NULL, { 0, 0, 0 }, id };

	return status_of(db_transaction(db, system_user_tx, &a));
}

int
registry_user_add(struct db *db, const struct registry_user *u, int64_t *id)
{
	struct write_args	 a = { u, { 0, 0, 0 }, id };

	return status_of(db_transaction(db, user_add_tx, &a));
}

int
registry_customer_add(struct db *db, const struct registry_customer *c,
    struct date today, int64_t *id)
{
	struct write_args	 a = { c, today, id };

	return status_of(db_transaction(db, customer_add_tx, &a));
}

int
registry_placement_add(struct db *db, const struct registry_placement *p,
    struct date today, int64_t *id)
{
	struct write_args	 a = { p, today, id };

	return status_of(db_transaction(db, placement_add_tx, &a));
}

int
registry_authorise(struct db *db, const struct registry_authorisation *au)
{
	struct write_args	 a = { au, { 0, 0, 0 }, NULL };

	return status_of(db_transaction(db, authorise_tx, &a));
}

/* The setting of registry_setting_init() and how to make its value. */
struct setting_args {
	const char	*key;
	int		(*make)(char *, size_t);
};

static int
setting_tx(struct db *db, void *arg)
{
	const struct setting_args	*a = arg;
	sqlite3_stmt			*st;
	char				 value[256];
	int				 rc;

	if ((st = db_stmt(db, STMT_SETTING_GET)) == NULL ||
	    list_bind_text(st, 1, a->key) == -1)
		return 1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE || a->make(value, sizeof(value)) != 0)
		return 1;
	if ((st = db_stmt(db, STMT_SETTING_PUT)) == NULL ||
	    list_bind_text(st, 1, a->key) || list_bind_text(st, 2, value))
		return 1;
	return db_step_done(st) == -1 ? 1 : 0;
}

int
registry_setting_init(struct db *db, const char *key,
    int (*make)(char *, size_t))
{
	struct setting_args	 a = { key, make };

	return status_of(db_transaction(db, setting_tx, &a));
}
