/*
 * msgstore: the messages in the database (msgstore.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "rows.h"
#include "listrows.h"
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

/* Fills *m from a row of STMT_MSG_OF_PLACEMENT. */
static void
msg_row(sqlite3_stmt *st, struct msg_stored *m)
{
	m->id = (long)sqlite3_column_int64(st, 0);
	m->at = list_text(st, 1);
	m->kind = list_text(st, 2);
	m->text = list_text(st, 3);
	m->absence_from = list_text(st, 4);
	m->absence_to = list_text(st, 5);
	m->contact_attempts = list_text(st, 6);
	m->author_login = list_text(st, 7);
	m->author_name = list_text(st, 8);
	m->author_role = list_text(st, 9);
	m->author_id = (long)sqlite3_column_int64(st, 10);
}

int
msgstore_thread_each(struct db *db, long placement, int limit,
    int (*fn)(const struct msg_stored *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_MSG_OF_PLACEMENT);
	struct msg_stored	 m;
	int			 rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	sqlite3_bind_int(st, 2, limit);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		msg_row(st, &m);
		stop = fn(&m, arg);
	}
	return list_end(st, rc, stop);
}

/*
 * A provider's unread list is found in C (issue 15): the messages of the
 * organisation not by the viewer come placement by placement from one
 * index range, the viewer's read marks in the same order beside them, so
 * that each message costs an index entry and each read mark a row,
 * instead of an index search per placement of the organisation (most
 * have no message) and per message.  The definition is that of the
 * counsellor's statement: per placement, the messages by others after
 * the viewer's mark; the placements newest first by their newest such
 * message (ids are unique: no ties), the total over all of them.
 */

/* A placement with unread messages, as the merge finds it. */
struct unread_pick {
	int64_t		 placement;
	long		 n;		/* messages by others after the mark */
	int64_t		 newest;	/* the newest of them: the order */
};

/* The newest max placements of the list, newest first, and the total. */
struct unread_top {
	struct unread_pick	*v;
	int			 n, max;
	long			 total;
};

/* Counts t and keeps it if it is among the newest max. */
static void
top_offer(struct unread_top *top, const struct unread_pick *t)
{
	int	 i;

	top->total += t->n;
	if (top->max == 0 || (top->n == top->max &&
	    top->v[top->n - 1].newest > t->newest))
		return;
	if (top->n < top->max)
		top->n++;
	/* The last slot is the new one, or the oldest kept: dropped. */
	for (i = top->n - 1; i > 0 && top->v[i - 1].newest < t->newest; i--)
		top->v[i] = top->v[i - 1];
	top->v[i] = *t;
}

/* The viewer's read marks in placement order, read as they are needed. */
struct marks {
	struct db	*db;
	int64_t		 viewer;
	sqlite3_stmt	*st;		/* NULL until the first message */
	int		 rc;		/* SQLITE_ROW while a mark is at hand */
	int64_t		 placement, last;
};

/*
 * The viewer's mark on placement, 0 when there is none; the marks of the
 * placements before it are passed.  Placements come in ascending order.
 */
static int64_t
mark_of(struct marks *mk, int64_t placement)
{
	if (mk->st == NULL) {
		mk->st = db_stmt(mk->db, STMT_MSG_READS_OF_USER);
		if (mk->st == NULL) {
			mk->rc = SQLITE_ERROR;
			return 0;
		}
		sqlite3_bind_int64(mk->st, 1, mk->viewer);
	}
	while (mk->rc == SQLITE_ROW && mk->placement < placement)
		if ((mk->rc = sqlite3_step(mk->st)) == SQLITE_ROW) {
			mk->placement = sqlite3_column_int64(mk->st, 0);
			mk->last = sqlite3_column_int64(mk->st, 1);
		}
	return mk->rc == SQLITE_ROW && mk->placement == placement ?
	    mk->last : 0;
}

/* The provider viewer's unread placements into *top.  Returns 0 or -1. */
static int
provider_unread(struct db *db, const struct user *viewer,
    struct unread_top *top)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_MSG_OF_PROVIDER);
	struct marks		 mk = { db, viewer->id, NULL, SQLITE_ROW,
				    INT64_MIN, 0 };
	struct unread_pick	 t = { 0, 0, 0 };
	int64_t			 placement, id, mark = 0;
	int			 rc, any = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, viewer->org_id);
	sqlite3_bind_int64(st, 2, viewer->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		placement = sqlite3_column_int64(st, 0);
		id = sqlite3_column_int64(st, 1);
		if (!any || placement != t.placement) {
			if (t.n > 0)
				top_offer(top, &t);
			t.placement = placement;
			t.n = 0;
			t.newest = 0;
			mark = mark_of(&mk, placement);
			any = 1;
		}
		if (id > mark) {
			t.n++;
			if (id > t.newest)
				t.newest = id;
		}
	}
	if (t.n > 0)
		top_offer(top, &t);
	sqlite3_reset(st);
	if (mk.st != NULL)
		sqlite3_reset(mk.st);
	return rc == SQLITE_DONE && (mk.rc == SQLITE_ROW ||
	    mk.rc == SQLITE_DONE) ? 0 : -1;
}

/* The kept placements' ids, newest first, as a JSON array into buf. */
static void
top_json(const struct unread_top *top, char *buf)
{
	char	*o = buf;
	int	 i;

	*o++ = '[';
	for (i = 0; i < top->n; i++)
		o += sprintf(o, "%s%lld", i ? "," : "",
		    (long long)top->v[i].placement);
	*o++ = ']';
	*o = '\0';
}

/* Gives fn the rows of the kept placements, newest first. */
static int
provider_rows(struct db *db, const struct user *viewer,
    const struct unread_top *top,
    int (*fn)(const struct unread_thread *, void *), void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_MSG_UNREAD_ROWS);
	struct unread_thread	 t;
	char			*ids;
	int			 rc, stop = 0, k = 0;

	/* 20 digits and a comma per id, the brackets and the NUL. */
	if (st == NULL || (ids = malloc((size_t)top->n * 21 + 3)) == NULL)
		return -1;
	top_json(top, ids);
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, viewer->id);
	sqlite3_bind_int64(st, 3, viewer->org_id);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_placement_row(st, 0, &t.p);
		/* Rows come in the kept order; one not the viewer's is not. */
		while (k < top->n && top->v[k].placement != t.p.id)
			k++;
		if (k == top->n) {
			rc = SQLITE_ERROR;
			break;
		}
		t.unread = top->v[k].n;
		t.latest = list_text(st, PLACEMENT_NCOLS);
		t.total = top->total;
		stop = fn(&t, arg);
	}
	rc = list_end(st, rc, stop);
	sqlite3_clear_bindings(st);
	free(ids);
	return rc;
}

/* The counsellor's list, in one statement (by his or her placements). */
static int
counsellor_unread_each(struct db *db, const struct user *viewer, int limit,
    int (*fn)(const struct unread_thread *, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct unread_thread	 t;
	int			 rc = SQLITE_DONE, stop = 0;

	if ((st = db_stmt(db, STMT_MSG_UNREAD_OF_COUNSELLOR)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, viewer->id);
	sqlite3_bind_int64(st, 2, viewer->id);
	sqlite3_bind_int(st, 3, limit);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_placement_row(st, 0, &t.p);
		t.unread = sqlite3_column_int(st, PLACEMENT_NCOLS);
		t.latest = list_text(st, PLACEMENT_NCOLS + 1);
		t.total = (long)sqlite3_column_int64(st, PLACEMENT_NCOLS + 2);
		stop = fn(&t, arg);
	}
	return list_end(st, rc, stop);
}

int
msgstore_unread_each(struct db *db, const struct user *viewer, int limit,
    int (*fn)(const struct unread_thread *, void *), void *arg)
{
	struct unread_top	 top = { NULL, 0, limit > 0 ? limit : 0, 0 };
	int			 rc;

	if (viewer->role != ROLE_PROVIDER)
		return counsellor_unread_each(db, viewer, limit, fn, arg);
	/* At least one: no calloc of nothing. */
	if ((top.v = calloc(top.max > 0 ? (size_t)top.max : 1,
	    sizeof(*top.v))) == NULL)
		return -1;
	rc = provider_unread(db, viewer, &top);
	if (rc == 0 && top.n > 0)
		rc = provider_rows(db, viewer, &top, fn, arg);
	free(top.v);
	return rc;
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

/* s, or "" for NULL. */
static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* The absence of message m under its element e. */
static void
archive_absence(xmlNodePtr e, xmlNsPtr ns, const struct msg_stored *m)
{
	struct date	 from, sent;
	xmlNodePtr	 a = xmlNewChild(e, ns, BAD_CAST "absence", NULL);
	char		 due[11];

	xmlNewProp(a, BAD_CAST "from", BAD_CAST or_empty(m->absence_from));
	xmlNewProp(a, BAD_CAST "to", BAD_CAST or_empty(m->absence_to));
	if (date_parse(or_empty(m->absence_from), &from) == 0 &&
	    local_date_of(or_empty(m->at), &sent) == 0) {
		date_format(msg_absence_due(from), due);
		xmlNewProp(a, BAD_CAST "due", BAD_CAST due);
		xmlNewProp(a, BAD_CAST "late", BAD_CAST
		    (msg_absence_late(from, sent) ? "true" : "false"));
	}
	xmlNewTextChild(e, ns, BAD_CAST "contactAttempts",
	    BAD_CAST or_empty(m->contact_attempts));
}

/* The archive's XML file of one placement's messages, as it grows. */
struct archive_file {
	xmlDocPtr	 doc;		/* NULL until the first message */
	xmlNodePtr	 root;
	xmlNsPtr	 ns;
	int64_t		 placement, customer;
	int		 count;
};

/* The file's root element <messages>, made for its first message. */
static void
archive_start(struct archive_file *f)
{
	char	 ref[32];

	f->doc = xmlNewDoc(BAD_CAST "1.0");
	f->root = xmlNewNode(NULL, BAD_CAST "messages");
	xmlDocSetRootElement(f->doc, f->root);
	f->ns = xmlNewNs(f->root, BAD_CAST NS_MESSAGES, NULL);
	xmlSetNs(f->root, f->ns);
	snprintf(ref, sizeof(ref), "P-%lld", (long long)f->placement);
	xmlNewProp(f->root, BAD_CAST "placement", BAD_CAST ref);
	snprintf(ref, sizeof(ref), "K-%lld", (long long)f->customer);
	xmlNewProp(f->root, BAD_CAST "customer", BAD_CAST ref);
}

/* One message as <message> of the file. */
static int
archive_message(const struct msg_stored *m, void *arg)
{
	struct archive_file	*f = arg;
	xmlNodePtr		 e;
	char			 ref[32];

	if (f->doc == NULL)
		archive_start(f);
	e = xmlNewChild(f->root, f->ns, BAD_CAST "message", NULL);
	snprintf(ref, sizeof(ref), "M-%lld", (long long)m->id);
	xmlNewProp(e, BAD_CAST "ref", BAD_CAST ref);
	xmlNewProp(e, BAD_CAST "kind", BAD_CAST or_empty(m->kind));
	xmlNewProp(e, BAD_CAST "sent", BAD_CAST or_empty(m->at));
	xmlNewProp(e, BAD_CAST "sentBy", BAD_CAST or_empty(m->author_login));
	xmlNewProp(e, BAD_CAST "role", BAD_CAST or_empty(m->author_role));
	if (strcmp(or_empty(m->kind), "absence") == 0)
		archive_absence(e, f->ns, m);
	xmlNewTextChild(e, f->ns, BAD_CAST "text", BAD_CAST or_empty(m->text));
	f->count++;
	return 0;
}

xmlDocPtr
msgstore_archive_doc(struct db *db, int64_t placement,
    int64_t customer, int *count)
{
	struct archive_file	 f = { NULL, NULL, NULL, placement, customer,
				    0 };

	if (msgstore_thread_each(db, (long)placement, ARCHIVE_ROWS,
	    archive_message, &f) != 0) {
		xmlFreeDoc(f.doc);
		*count = -1;
		return NULL;
	}
	*count = f.count;
	return f.doc;
}
