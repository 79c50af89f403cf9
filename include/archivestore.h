/*
 * archivestore: what the hand-over package (archive.h) reads of the
 * database for its METS, PREMIS and description, and the records of the
 * packages themselves (archive_packages and their customers, with their
 * audit events).
 *
 * Reads return 0 found, 1 none, -1 on an error.  A list calls fn for
 * each row, in order; fn returns 0 to go on, non-zero to stop (that value
 * is returned); its strings are valid only during the call ("" for
 * NULL unless said otherwise).  A list may be read inside another's
 * callback.
 */
#ifndef INSATS_ARCHIVESTORE_H
#define INSATS_ARCHIVESTORE_H

#include <stddef.h>
#include <stdint.h>

#include "database.h"

#define PACKAGE_OBJID_MAX	64

/* A customer as the package describes them. */
struct archive_customer {
	int64_t		 id;
	char		 pnr[32];
	char		 name[201];
	int		 protected;
	char		 created[21];
	char		 counsellor_login[65];
	char		 counsellor_name[201];
};

struct archive_placement {
	int64_t		 id;
	const char	*code, *code_name, *provider;
	const char	*start, *end, *created;
};

struct archive_document {
	int64_t		 id;
	const char	*kind, *period;
	int		 revision;
	const char	*state, *title, *created;
};

/* One saved version of a document: its XML exactly as stored. */
struct archive_version {
	int		 version;
	const char	*xml;
	size_t		 len;
	const char	*saved_at, *saved_by;	/* the login */
};

/*
 * One entry of a customer's history: an event ("event-ID") or a save
 * ("save-DOCUMENT-VERSION", migration 8).
 */
struct archive_event {
	const char	*ident;
	int64_t		 document_id;		/* 0: not about a document */
	int64_t		 placement_id;		/* 0: not about a placement */
	const char	*at, *login, *action;
	const char	*from_state, *to_state, *comment;
};

/* A login that acted, as a PREMIS agent. */
struct archive_agent {
	char		 name[201];
	char		 role[16];
	char		 org[201];		/* "" unless a provider */
};

int	 store_archive_customer(struct db *db, int64_t id,
	    struct archive_customer *out);
/* The customer's placements, by id. */
int	 store_archive_placements_each(struct db *db, int64_t customer,
	    int (*fn)(const struct archive_placement *, void *), void *arg);
/* The placement's documents, by kind, period and revision. */
int	 store_archive_documents_each(struct db *db, int64_t placement,
	    int (*fn)(const struct archive_document *, void *), void *arg);
/* The document's saved versions, in order. */
int	 store_archive_versions_each(struct db *db, int64_t document,
	    int (*fn)(const struct archive_version *, void *), void *arg);
/* The customer's events and saves, by time. */
int	 store_archive_events_each(struct db *db, int64_t customer,
	    int (*fn)(const struct archive_event *, void *), void *arg);
int	 store_archive_agent(struct db *db, const char *login,
	    struct archive_agent *out);

/* A package as recorded. */
struct package_record {
	const char	*objid;
	const char	*created;		/* UTC timestamp */
	const char	*today;			/* the date it was made for */
	int64_t		 customers, documents, files;
};

/* A customer of a package, with its last entry as at the export. */
struct package_member {
	int64_t		 id;
	char		 last_entry[32];
};

/*
 * Runs fn(db, arg) as one write transaction on db's own connection, not
 * through a worker's group commit (writer.h): a package is selected,
 * built, recorded and delivered (written to disk, made a tar) inside it,
 * too long to hold up a batch of saves.  Commits when fn returns 0;
 * returns 0, fn's non-zero value (rolled back), or -1.
 */
int	 store_package_transaction(struct db *db,
	    int (*fn)(struct db *, void *), void *arg);
/*
 * Records package r with its n members and the "archive-export" event by
 * actor, inside the caller's transaction (store_package_transaction).
 * Returns 0 or -1.
 */
int	 store_package_record(struct db *db, const struct package_record *r,
	    const struct package_member *members, size_t n, int64_t actor);
/*
 * Confirms receipt of package objid by actor with its "archive-confirm"
 * event, inside the caller's transaction (store_package_transaction).
 * Returns 0, 1 if there is no such package, 2 if it was confirmed
 * before, -1 on an error.
 */
int	 store_package_confirm(struct db *db, const char *objid,
	    int64_t actor);
/* The OBJID of package id into objid.  0, 1 none, -1. */
int	 store_package_objid(struct db *db, int64_t id,
	    char objid[PACKAGE_OBJID_MAX]);

/* A package as listed; confirmed and confirmed_by are NULL until then. */
struct package_row {
	int64_t		 id;
	const char	*objid, *created, *created_by, *today;
	int64_t		 customers, documents, files;
	const char	*confirmed, *confirmed_by;
};

/* The packages, newest first, at most limit. */
int	 store_packages_each(struct db *db, int limit,
	    int (*fn)(const struct package_row *, void *), void *arg);

#endif
