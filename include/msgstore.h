/*
 * msgstore: the messages and incidents in the database (issue 13,
 * migration 10).  Every write runs in one transaction (db_transaction:
 * group-committed in a worker).  Functions return 0, 1 as documented,
 * -1 on a database error.
 */
#ifndef INSATS_MSGSTORE_H
#define INSATS_MSGSTORE_H

#include <stdint.h>

#include <libxml/tree.h>

#include "db.h"
#include "messages.h"
#include "store.h"

/* A message to store: checked by msg_check(), texts as typed. */
struct msg_new {
	const struct msg_checked *checked;
	const char	*text;
	const char	*contact_attempts;	/* absence only */
};

/* Stores u's message on p with the time now.  0 or -1. */
int		 msgstore_post(struct db *db, const struct user *u,
		    const struct placement *p, const struct msg_new *m);
/* Moves u's read mark on placement forward to message last.  0 or -1. */
int		 msgstore_mark_read(struct db *db, long user, long placement,
		    long last);
/* u's read mark on placement (0: nothing read).  -1 on error. */
long		 msgstore_read_mark(struct db *db, long user, long placement);

/*
 * The purge of customer (purge.c), in the caller's transaction and before
 * its placements go: the read marks, the incidents' links to them and
 * the messages.  Returns the number of messages deleted, or -1.
 */
int		 msgstore_purge_customer(struct db *db, int64_t customer);
/* Adds n destroyed messages to destruction record rec.  0 or -1. */
int		 msgstore_count_destroyed(struct db *db, int64_t rec,
		    int n);

/*
 * The messages of placement as the archive's XML file (schemas/
 * messages.xsd), or NULL with *count 0 when it has none (or on error:
 * *count -1).
 */
xmlDocPtr	 msgstore_archive_doc(struct db *db, int64_t placement,
		    int64_t customer, int *count);

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
int		 incident_store(struct db *db, const struct user *u,
		    const struct incident_new *in, long *id);

#endif
