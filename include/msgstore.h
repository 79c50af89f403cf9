/*
 * msgstore: the messages between a placement's provider and counsellor in
 * the database (issue 13, migration 10).  Every write runs in one
 * transaction (group-committed in a worker).  Functions return 0, 1 as
 * documented, -1 on a database error.  A list calls fn once per row: fn
 * returns 0 to go on, anything else to stop, and that value is returned;
 * 0 after the last row.  A row's strings are borrowed: valid only during
 * that call of fn.  The incidents are incidentstore.h's.
 */
#ifndef INSATS_MSGSTORE_H
#define INSATS_MSGSTORE_H

#include <stdint.h>

#include <libxml/tree.h>

#include "database.h"
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

/* A stored message. */
struct msg_stored {
	long		 id;		/* in the order sent */
	const char	*at;		/* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	const char	*kind;		/* msg_kind_name() */
	const char	*text;
	const char	*absence_from;	/* "YYYY-MM-DD", NULL unless an absence */
	const char	*absence_to;
	const char	*contact_attempts;
	long		 author_id;
	const char	*author_login;
	const char	*author_name;
	const char	*author_role;
};

/* The messages of placement in the order sent, at most limit. */
int		 msgstore_thread_each(struct db *db, long placement, int limit,
		    int (*fn)(const struct msg_stored *, void *), void *arg);

/* A placement with messages that its viewer has not read. */
struct unread_thread {
	struct placement p;
	long		 unread;	/* messages by others after the mark */
	const char	*latest;	/* UTC of the newest of them */
	long		 total;		/* unread over all the viewer's threads */
};

/*
 * The viewer's threads with messages by others after the viewer's read
 * mark, newest first, at most limit (at least 1): of a provider's
 * organisation, or of a counsellor's customers.
 */
int		 msgstore_unread_each(struct db *db, const struct user *viewer,
		    int limit, int (*fn)(const struct unread_thread *, void *),
		    void *arg);

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

#endif
