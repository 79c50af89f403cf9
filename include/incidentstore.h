/*
 * incidentstore: the personal-data incidents in the database (issue 13,
 * migration 10; handlers_incidents.c).  A report and its recipients are
 * stored in one transaction (group-committed in a worker).  Functions
 * return 0, 1 as documented, -1 on a database error.  A list calls fn
 * once per row: fn returns 0 to go on, anything else to stop, and that
 * value is returned; 0 after the last row.  A row's strings are borrowed:
 * valid only during that call of fn.
 */
#ifndef INSATS_INCIDENTSTORE_H
#define INSATS_INCIDENTSTORE_H

#include <stddef.h>

#include "database.h"
#include "store.h"

/* An incident as the provider reports it. */
struct incident_new {
	const char	*discovered;	/* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	const char	*what;
	const long	*placements;	/* the named ones, may be 0 */
	size_t		 nplacements;
};

/*
 * Stores u's incident: the named placements (only the organisation's
 * own), and its recipients: the responsible counsellors of the named
 * customers, or with none named, of every customer of the organisation.
 * Returns 0 with *id, 1 if a named placement is not the organisation's
 * (nothing stored), -1.
 */
int	 incident_store(struct db *db, const struct user *u,
	    const struct incident_new *in, long *id);

/* A stored report. */
struct incident {
	long		 id;
	long		 provider_id;	/* the reporting organisation */
	const char	*provider;	/* its name */
	const char	*reported_at;	/* UTC */
	const char	*discovered_at;	/* UTC */
	const char	*what;
	int		 named;		/* it named placements */
	const char	*reporter_login;
	const char	*reporter_name;
};

/*
 * Calls fn once with incident id, its strings valid during the call: 0,
 * 1 if there is none, -1 on an error.
 */
int	 incidentstore_get(struct db *db, long id,
	    void (*fn)(const struct incident *, void *), void *arg);
/* 1 if counsellor received incident id, 0 if not, -1 on an error. */
int	 incidentstore_is_recipient(struct db *db, long id, long counsellor);
/* The placements incident id names, by id. */
int	 incidentstore_placements_each(struct db *db, long id,
	    int (*fn)(const struct placement *, void *), void *arg);
/*
 * The placements a report of organisation may name, latest start first,
 * at most limit.
 */
int	 incidentstore_choices_each(struct db *db, long organisation,
	    int limit, int (*fn)(const struct placement *, void *), void *arg);

/* A report in a start page's list. */
struct incident_item {
	long		 id;
	const char	*reported_at;	/* UTC */
	const char	*discovered_at;	/* UTC */
	int		 named;
	long		 placements;	/* the number it names */
	const char	*provider;	/* the reporting organisation's name */
};

/*
 * The reports u sees, newest first, at most limit: a provider's
 * organisation's own, the ones a counsellor received, every one for
 * anyone else (the admin).
 */
int	 incidentstore_list_each(struct db *db, const struct user *u,
	    int limit, int (*fn)(const struct incident_item *, void *),
	    void *arg);

#endif
