/*
 * msgstore: the messages and incidents in the database (msgstore.h).
 */
#include <stdio.h>
#include <string.h>

#include "localdate.h"
#include "msgstore.h"

#define NS_MESSAGES	"urn:insats:messages:1"
#define ARCHIVE_ROWS	100000	/* messages of one placement in a package */

struct post_tx {
	const struct user	*u;
	const struct placement	*p;
	const struct msg_new	*m;
};

static int
post_tx(struct db *db, void *arg)
{
	struct post_tx	*a = arg;
	sqlite3_stmt	*st = db_stmt(db, STMT_MSG_INSERT);
	char		 now[21], from[11], to[11];

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, a->p->id);
	sqlite3_bind_int64(st, 2, a->u->id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, msg_kind_name(a->m->checked->kind), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a->m->text, -1, SQLITE_STATIC);
	if (a->m->checked->kind == MSG_ABSENCE) {
		date_format(a->m->checked->from, from);
		date_format(a->m->checked->to, to);
		sqlite3_bind_text(st, 6, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, to, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 8, a->m->contact_attempts, -1,
		    SQLITE_STATIC);
	}
	return db_step_done(st);
}

int
msgstore_post(struct db *db, const struct user *u, const struct placement *p,
    const struct msg_new *m)
{
	struct post_tx	 a = { u, p, m };

	return db_transaction(db, post_tx, &a);
}

struct read_tx {
	long	 user, placement, last;
};

static int
read_tx(struct db *db, void *arg)
{
	struct read_tx	*a = arg;
	sqlite3_stmt	*st = db_stmt(db, STMT_MSG_READ_PUT);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->user);
	sqlite3_bind_int64(st, 2, a->placement);
	sqlite3_bind_int64(st, 3, a->last);
	return db_step_done(st);
}

int
msgstore_mark_read(struct db *db, long user, long placement, long last)
{
	struct read_tx	 a = { user, placement, last };

	return db_transaction(db, read_tx, &a) == 0 ? 0 : -1;
}

long
msgstore_read_mark(struct db *db, long user, long placement)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_MSG_READ_GET);
	long		 last = 0;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int64(st, 2, placement);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		last = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? last : -1;
}

/* Runs a delete bound to the customer.  Returns rows deleted or -1. */
static int
delete_of(struct db *db, enum stmt which, int64_t customer)
{
	sqlite3_stmt	*st = db_stmt(db, which);

	if (st == NULL || sqlite3_bind_int64(st, 1, customer) != SQLITE_OK ||
	    db_step_done(st) == -1)
		return -1;
	return sqlite3_changes(db->conn);
}

int
msgstore_purge_customer(struct db *db, int64_t customer)
{
	if (delete_of(db, STMT_MSG_PURGE_READS, customer) < 0 ||
	    delete_of(db, STMT_MSG_PURGE_INCIDENT_LINKS, customer) < 0)
		return -1;
	return delete_of(db, STMT_MSG_PURGE, customer);
}

int
msgstore_count_destroyed(struct db *db, int64_t rec, int n)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_MSG_DESTRUCTION_ADD);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rec);
	sqlite3_bind_int(st, 2, n);
	return db_step_done(st);
}

/* Column i as text, "" for NULL. */
static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* The absence of row st (an absence message) under message element m. */
static void
archive_absence(xmlNodePtr m, xmlNsPtr ns, sqlite3_stmt *st)
{
	struct date	 from, sent;
	xmlNodePtr	 a = xmlNewChild(m, ns, BAD_CAST "absence", NULL);
	char		 due[11];

	xmlNewProp(a, BAD_CAST "from", BAD_CAST col(st, 4));
	xmlNewProp(a, BAD_CAST "to", BAD_CAST col(st, 5));
	if (date_parse(col(st, 4), &from) == 0 &&
	    local_date_of(col(st, 1), &sent) == 0) {
		date_format(msg_absence_due(from), due);
		xmlNewProp(a, BAD_CAST "due", BAD_CAST due);
		xmlNewProp(a, BAD_CAST "late", BAD_CAST
		    (msg_absence_late(from, sent) ? "true" : "false"));
	}
	xmlNewTextChild(m, ns, BAD_CAST "contactAttempts",
	    BAD_CAST col(st, 6));
}

/* One message row as <message> under root. */
static void
archive_message(xmlNodePtr root, xmlNsPtr ns, sqlite3_stmt *st)
{
	xmlNodePtr	 m = xmlNewChild(root, ns, BAD_CAST "message", NULL);
	char		 ref[32];

	snprintf(ref, sizeof(ref), "M-%lld",
	    (long long)sqlite3_column_int64(st, 0));
	xmlNewProp(m, BAD_CAST "ref", BAD_CAST ref);
	xmlNewProp(m, BAD_CAST "kind", BAD_CAST col(st, 2));
	xmlNewProp(m, BAD_CAST "sent", BAD_CAST col(st, 1));
	xmlNewProp(m, BAD_CAST "sentBy", BAD_CAST col(st, 7));
	xmlNewProp(m, BAD_CAST "role", BAD_CAST col(st, 9));
	if (strcmp(col(st, 2), "absence") == 0)
		archive_absence(m, ns, st);
	xmlNewTextChild(m, ns, BAD_CAST "text", BAD_CAST col(st, 3));
}

xmlDocPtr
msgstore_archive_doc(struct db *db, int64_t placement,
    int64_t customer, int *count)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_MSG_OF_PLACEMENT);
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 root = NULL;
	xmlNsPtr	 ns = NULL;
	char		 ref[32];
	int		 rc;

	*count = -1;
	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, placement);
	sqlite3_bind_int(st, 2, ARCHIVE_ROWS);
	*count = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (doc == NULL) {
			doc = xmlNewDoc(BAD_CAST "1.0");
			root = xmlNewNode(NULL, BAD_CAST "messages");
			xmlDocSetRootElement(doc, root);
			ns = xmlNewNs(root, BAD_CAST NS_MESSAGES, NULL);
			xmlSetNs(root, ns);
			snprintf(ref, sizeof(ref), "P-%lld", (long long)placement);
			xmlNewProp(root, BAD_CAST "placement", BAD_CAST ref);
			snprintf(ref, sizeof(ref), "K-%lld", (long long)customer);
			xmlNewProp(root, BAD_CAST "customer", BAD_CAST ref);
		}
		archive_message(root, ns, st);
		(*count)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		xmlFreeDoc(doc);
		*count = -1;
		return NULL;
	}
	return doc;
}

struct incident_tx {
	const struct user		*u;
	const struct incident_new	*in;
	long				 id;
};

/* Links the named placements; 1 if one is not the organisation's. */
static int
incident_links(struct db *db, struct incident_tx *a)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < a->in->nplacements; i++) {
		if ((st = db_stmt(db, STMT_INCIDENT_LINK)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, a->in->placements[i]);
		sqlite3_bind_int64(st, 3, a->u->org_id);
		if (db_step_done(st) == -1)
			return -1;
		if (sqlite3_changes(db->conn) == 0)
			return 1;
	}
	return 0;
}

static int
incident_tx(struct db *db, void *arg)
{
	struct incident_tx	*a = arg;
	sqlite3_stmt		*st = db_stmt(db, STMT_INCIDENT_INSERT);
	char			 now[21];
	int			 rc, named = a->in->nplacements > 0;

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, a->u->org_id);
	sqlite3_bind_int64(st, 2, a->u->id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, a->in->discovered, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a->in->what, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, named);
	if (db_step_done(st) == -1)
		return -1;
	a->id = (long)sqlite3_last_insert_rowid(db->conn);
	if ((rc = incident_links(db, a)) != 0)
		return rc;
	st = db_stmt(db, named ? STMT_INCIDENT_TO_NAMED :
	    STMT_INCIDENT_TO_PROVIDER);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	if (!named)
		sqlite3_bind_int64(st, 2, a->u->org_id);
	return db_step_done(st);
}

int
incident_store(struct db *db, const struct user *u,
    const struct incident_new *in, long *id)
{
	struct incident_tx	 a = { u, in, 0 };
	int			 rc;

	if (u->role != ROLE_PROVIDER || u->org_id == 0)
		return 1;
	if ((rc = db_transaction(db, incident_tx, &a)) == 0)
		*id = a.id;
	return rc;
}
