/*
 * registry: the register as the command line and the demo write it:
 * organisations, users, customers, placements and the providers'
 * authorisations (the catalogue is catalogue.h).  The demo goes through
 * exactly the checks of the commands.
 *
 * Each write checks its input (regrules.h and the rows it needs), runs in
 * one transaction of its own with its audit event, and returns as a
 * command does (commands.h): 0 done, 1 failure, 2 refused input; a
 * message is printed on stderr for 1 and 2.  Reads return 0 found, 1
 * none, -1 on an error; a list calls fn per row (non-zero stops it and is
 * returned), its strings valid only during the call.
 *
 * Command-line writes are recorded in the events table with the actor
 * "system" (role admin, name "Systemet"), created on first use: the
 * command line has no logged-in user, and events.actor_id is NOT NULL.
 * The login "system" is reserved; `insats user add system` is refused.
 */
#ifndef INSATS_REGISTRY_H
#define INSATS_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "database.h"

#define REGISTRY_SYSTEM_LOGIN	"system"

struct registry_user {
	const char	*login, *name, *role;
	const char	*org;		/* a provider's; NULL for other roles */
};

struct registry_customer {
	const char	*pnr, *name;
	const char	*counsellor;	/* login */
	int		 protect;	/* a protected identity */
	/* skyddad-folkbokforing, sekretessmarkering or fingerade; NULL */
	const char	*protection;
};

struct registry_placement {
	const char	*pnr;		/* the customer's, any written form */
	const char	*code, *provider, *start;
	const char	*end;		/* NULL: open-ended */
};

/* A provider's authorisation for a kundval: its default-list place. */
struct registry_authorisation {
	const char	*org, *kundval;
	const char	*date;		/* YYYY-MM-DD */
};

/*
 * How the demo's placements were started, before the case flow was in
 * the web app: staffed by staff, the assignment (full time) and future
 * plan attached, the start meeting held on the start date.
 */
struct registry_started {
	const char	*staff, *assignment, *future_plan;
};

struct registry_demo_customer {
	struct registry_customer	 customer;
	struct registry_placement	 placement;
};

/* The demo's data (demo.h), written by registry_demo(). */
struct registry_demo {
	const struct registry_user		*users;
	size_t					 nusers;
	const struct registry_authorisation	*authorisations;
	size_t					 nauthorisations;
	const struct registry_demo_customer	*customers;
	size_t					 ncustomers;
	struct registry_started			 started;
};

/* The "system" user's id, created on first use. */
int	 registry_system_user(struct db *db, int64_t *id);
/* A user; a provider's organisation is created when missing. */
int	 registry_user_add(struct db *db, const struct registry_user *u,
	    int64_t *id);
/*
 * A customer under the canonical number, its protection category when
 * given, and the customer-create event that starts the record's "last
 * entry" clock.
 */
int	 registry_customer_add(struct db *db,
	    const struct registry_customer *c, struct date today,
	    int64_t *id);
/* A placement and its placement-create event. */
int	 registry_placement_add(struct db *db,
	    const struct registry_placement *p, struct date today,
	    int64_t *id);
/* An authorisation (a kundval of the catalogue, a known organisation). */
int	 registry_authorise(struct db *db,
	    const struct registry_authorisation *a);
/*
 * Makes sure setting key has a value: when it has none, stores what make
 * writes into value (at most size bytes; make returns 0, or 1 with a
 * message).  Running init again must not replace the CSRF secret: the
 * forms of logged-in users would stop working.
 */
int	 registry_setting_init(struct db *db, const char *key,
	    int (*make)(char *value, size_t size));
/*
 * The demo, in one transaction: the system user, the users (and with
 * them the providers), the authorisations, then each customer with its
 * placement, started as d->started says.
 */
int	 registry_demo(struct db *db, const struct registry_demo *d,
	    struct date today);

/* How many users there are.  0 or -1. */
int	 registry_user_count(struct db *db, int64_t *n);
/* Every user by login (org "" unless a provider). */
int	 registry_users_each(struct db *db,
	    int (*fn)(const struct registry_user *, void *), void *arg);

/* A customer as stored. */
struct registry_customer_row {
	int64_t		 id;
	char		 pnr[32];
	char		 name[201];
	int		 protected;
	char		 counsellor[65];	/* login */
	char		 created[21];
};

/* The customer of canonical number pnr: 0, 1 none, -1. */
int	 registry_customer_by_pnr(struct db *db, const char *pnr,
	    struct registry_customer_row *out);
/* Every kundval of the catalogue, in order. */
int	 registry_kundvals_each(struct db *db,
	    int (*fn)(const char *kundval, void *), void *arg);
/* Kundval's authorisations by date: its default-provider list. */
int	 registry_authorisations_each(struct db *db, const char *kundval,
	    int (*fn)(const struct registry_authorisation *, void *),
	    void *arg);

#endif
