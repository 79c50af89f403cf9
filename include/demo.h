/*
 * demo: the demonstration data of `insats init --demo`, and the write
 * operations it shares with the admin commands, so that the demo goes
 * through exactly the checks of the command line.
 *
 * Status returns follow commands.h: 0 done, 1 failure, 2 refused input;
 * a message is printed on stderr for 1 and 2.  The admin_* operations
 * never begin or commit: the caller holds the transaction.
 *
 * Command-line writes are recorded in the events table with the actor
 * "system" (role admin, name "Systemet"), created on first use: the
 * command line has no logged-in user, and events.actor_id is NOT NULL.
 * The login "system" is reserved; `insats user add system` is refused.
 */
#ifndef INSATS_DEMO_H
#define INSATS_DEMO_H

#include <stdint.h>

#include <sqlite3.h>

#include "calendar.h"
#include "config.h"
#include "db.h"

#define ADMIN_SYSTEM_LOGIN	"system"

/* Seeds the demo (DOMAIN.md roles, customers, placements) in the caller's
 * transaction.  Returns 0, or -1 with a message. */
int		 demo_seed(struct db *db);

/* cmd_common.c */
/* Opens cfg->database and migrates it.  Returns 0, or 1 (closed, printed). */
int		 cmd_db_open(struct db **db, const struct config *cfg, int create);
/* Today's date in the process's local time (TZ). */
struct date	 cmd_today(void);

/* cmd_admin.c */
/* 1 if s is 1..200 bytes of UTF-8 without control characters, else 0. */
int		 admin_text_ok(const char *s);
/* The organisation's id; created when missing if create is set. */
int		 admin_org(struct db *db, const char *name, int create,
		    int64_t *id);
/* The "system" user's id, created on first use. */
int		 admin_system_user(struct db *db, int64_t *id);
/* org: required for role provider (created if missing), else NULL. */
int		 admin_user_add(struct db *db, const char *login,
		    const char *name, const char *role, const char *org,
		    int64_t *id);
/* Stores the canonical number; writes the "customer-create" event. */
int		 admin_customer_add(struct db *db, const char *pnr,
		    const char *name, const char *counsellor, int protect,
		    struct date today, int64_t *id);
/*
 * Records that placement id has been started: staffed by staff, the
 * assignment (full time) and future plan attached, the start meeting held
 * on the start date; with the three events, by the system user.  For a
 * demo whose placements began before the case flow was in the web app.
 * Returns 0, or 1 on error.
 */
int		 admin_placement_started(struct db *db, int64_t id,
		    const char *staff, const char *assignment,
		    const char *future_plan);
/*
 * Authorises provider org for kundval from date (YYYY-MM-DD): its place on
 * the default-provider list.  Returns 0, 1 on error, 2 for refused input
 * (printed).  cmd_provider.c.
 */
int		 provider_authorise(struct db *db, const char *org,
		    const char *kundval, const char *date);
/*
 * Sets the protected-identity category of customer id: skyddad-folkbokforing,
 * sekretessmarkering or fingerade.  Returns 0, 1 on error, 2 for an
 * unknown category (printed).
 */
int		 admin_customer_protection(struct db *db, int64_t id,
		    const char *category);
/* end may be NULL; writes the "placement-create" event. */
int		 admin_placement_add(struct db *db, const char *pnr,
		    const char *code, const char *provider, const char *start,
		    const char *end, struct date today, int64_t *id);
/*
 * Upserts every row of the TSV file (code, names, months, valid_from,
 * amount); an amount valid from today or earlier is refused once the code
 * has amounts, so no month that has begun is re-priced.  *count gets the
 * number of rows.
 */
int		 admin_catalogue_load(struct db *db, const char *path,
		    struct date today, int *count);

#endif
