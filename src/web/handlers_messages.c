/*
 * handlers_messages: the messages between the provider's staff and the
 * customer's responsible counsellor on a placement (meddelarfunktionen,
 * 002 §6.2, §8.4, §9.1, §10.4).  Who may read a thread is who may read
 * the placement (ctx_placement: the owning provider, the responsible
 * counsellor, the team lead); anyone else gets 404.  Only the first two
 * write (the lead 403).  Reading the thread moves the reader's mark, so
 * the start page's unread count goes down.  A refused message shows the
 * thread again (422) with the messages and everything typed.
 */
#include <stdio.h>
#include <string.h>

#include "localdate.h"
#include "messages.h"
#include "msghandlers.h"
#include "msgstore.h"
#include "../store/rows.h"	/* until these reads move to src/store */

#define THREAD_MAX	1000	/* messages shown on one thread page */
#define START_THREADS	50	/* placements on the start page's list */

static const char *const posted_fields[] = { "kind", "text", "absence_from",
	"absence_to", "contact_attempts", NULL };

/* 1 if u writes on p's thread: the owning provider or the counsellor. */
static int
may_write(const struct user *u, const struct placement *p)
{
	return access_owner(u, p) || access_reviewer(u, p);
}

/* The absence's dates, due day and lateness of row st under m. */
static void
add_absence(xmlNodePtr m, sqlite3_stmt *st)
{
	struct date	 from, sent;
	xmlNodePtr	 a = page_elem(m, "absence");
	const char	*at = (const char *)sqlite3_column_text(st, 1);
	char		 due[11];

	page_attr(a, "from", (const char *)sqlite3_column_text(st, 4));
	page_attr(a, "to", (const char *)sqlite3_column_text(st, 5));
	if (date_parse((const char *)sqlite3_column_text(st, 4), &from) == 0 &&
	    local_date_of(at, &sent) == 0) {
		date_format(msg_absence_due(from), due);
		page_attr(a, "due", due);
		page_attr(a, "late", msg_absence_late(from, sent) ? "1" : "0");
	}
	page_text(m, "contact-attempts",
	    (const char *)sqlite3_column_text(st, 6));
}

/*
 * The thread of p into list; *unread counts the messages by others after
 * mark, *last the newest id.  Returns 0 or -1.
 */
static int
add_thread(struct ctx *c, xmlNodePtr list, long placement, long mark,
    int *unread, long *last)
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_MSG_OF_PLACEMENT);
	xmlNodePtr	 m;
	long		 id, author;
	int		 rc, news;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	sqlite3_bind_int(st, 2, THREAD_MAX);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = (long)sqlite3_column_int64(st, 0);
		author = (long)sqlite3_column_int64(st, 10);
		news = id > mark && author != c->user.id;
		*unread += news;
		*last = id;
		m = page_elem(list, "message");
		page_attr_long(m, "id", id);
		page_attr_time(m, "at", (const char *)sqlite3_column_text(st, 1));
		page_attr(m, "kind", (const char *)sqlite3_column_text(st, 2));
		page_attr(m, "author-login",
		    (const char *)sqlite3_column_text(st, 7));
		page_attr(m, "author-name",
		    (const char *)sqlite3_column_text(st, 8));
		page_attr(m, "author-role",
		    (const char *)sqlite3_column_text(st, 9));
		page_attr(m, "unread", news ? "1" : "0");
		page_attr(m, "mine", author == c->user.id ? "1" : "0");
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			add_absence(m, st);
		page_text(m, "text", (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The kinds the viewer may send, as <compose><kind name="…"/>. */
static void
add_compose(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr	 n = page_elem(root, "compose");
	enum msg_kind	 k;

	for (k = MSG_STAFFING; k <= MSG_OTHER; k++)
		if (msg_kind_allowed(k, c->user.role))
			page_attr(page_elem(n, "kind"), "name", msg_kind_name(k));
}

/* The refused message's errors and typed fields (<posted>). */
static void
add_posted(struct ctx *c, struct page *pg, const struct field_errors *errs)
{
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	page_errors(pg, errs);
	n = page_elem(pg->root, "posted");
	for (i = 0; posted_fields[i] != NULL; i++)
		if ((v = form_get(&c->form, posted_fields[i])) != NULL)
			page_attr(page_text(n, "field", v), "name",
			    posted_fields[i]);
}

/*
 * The thread page of p (view "messages"), with errs (may be NULL) of a
 * refused message, sent with status.  The owner's or counsellor's read
 * mark moves to the newest message shown.
 */
static int
send_messages(struct ctx *c, const struct placement *p,
    const struct field_errors *errs, int status)
{
	struct page	 pg;
	xmlNodePtr	 list;
	long		 mark = 0, last = 0;
	int		 unread = 0, writer = may_write(&c->user, p);
	const char	*m = form_get(&c->req->params, "m");

	if (writer && (mark = msgstore_read_mark(c->db, c->user.id,
	    p->id)) < 0)
		return send_error(c, 500, NULL);
	if (ctx_page(c, &pg, "messages") == -1)
		return send_error(c, 500, NULL);
	page_placement(pg.root, p, &c->user);
	list = page_elem(pg.root, "messages");
	/* The view says it itself: page.xsl's <flash> knows the case flow's. */
	if (errs == NULL && m != NULL && strcmp(m, "sent") == 0)
		page_attr(list, "sent", "1");
	if (add_thread(c, list, p->id, mark, &unread, &last) == -1) {
		page_free(&pg);
		return send_error(c, 500, NULL);
	}
	page_attr_long(list, "unread", unread);
	if (writer)
		add_compose(c, pg.root);
	if (errs != NULL)
		add_posted(c, &pg, errs);
	/* Shown is read: the start page counts from here on. */
	if (writer && unread > 0 &&
	    msgstore_mark_read(c->db, c->user.id, p->id, last) == -1) {
		page_free(&pg);
		return send_error(c, 500, NULL);
	}
	return send_page(c, &pg, status);
}

int
h_messages(struct ctx *c)
{
	struct placement p;
	int		 rc;

	if ((rc = ctx_placement(c, c->id, &p)) != 0)
		return rc;
	return send_messages(c, &p, NULL, 200);
}

int
h_message_post(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct msg_input	 in;
	struct msg_checked	 ok;
	struct msg_new		 m;
	struct date		 start;
	char			 loc[96];
	int			 rc;

	if ((rc = ctx_placement(c, c->id, &p)) != 0)
		return rc;
	if (!may_write(&c->user, &p))
		return send_error(c, 403, "Meddelanden skrivs av anordnaren "
		    "och kundens karriärvägledare.");
	if (date_parse(p.start, &start) == -1)
		return send_error(c, 500, NULL);
	in.kind = form_get(&c->form, "kind");
	in.text = form_get(&c->form, "text");
	in.absence_from = form_get(&c->form, "absence_from");
	in.absence_to = form_get(&c->form, "absence_to");
	in.contact_attempts = form_get(&c->form, "contact_attempts");
	if (msg_check(&in, c->user.role, start, today_local(), &ok,
	    &errs) == -1)
		return send_messages(c, &p, &errs, 422);
	m.checked = &ok;
	m.text = in.text;
	m.contact_attempts = in.contact_attempts;
	if (msgstore_post(c->db, &c->user, &p, &m) != 0)
		return send_error(c, 500, NULL);
	snprintf(loc, sizeof(loc), "/placements/%ld/messages?m=sent", p.id);
	http_redirect(c->req, loc);
	return 303;
}

/* One row of the unread list: its placement, count and newest time. */
static void
add_unread_row(struct ctx *c, xmlNodePtr list, sqlite3_stmt *st)
{
	struct placement	 p;
	xmlNodePtr		 t = page_elem(list, "thread");

	store_placement_row(st, 0, &p);
	page_attr_long(t, "unread", sqlite3_column_int(st, 15));
	page_attr_time(t, "latest", (const char *)sqlite3_column_text(st, 16));
	page_placement(t, &p, &c->user);
}

int
messages_start(struct ctx *c, xmlNodePtr root)
{
	int		 provider = c->user.role == ROLE_PROVIDER;
	sqlite3_stmt	*st = db_stmt(c->db, provider ?
			    STMT_MSG_UNREAD_OF_PROVIDER :
			    STMT_MSG_UNREAD_OF_COUNSELLOR);
	xmlNodePtr	 list = page_elem(root, "messages");
	long		 total = 0;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, provider ? c->user.org_id : c->user.id);
	sqlite3_bind_int64(st, 2, c->user.id);
	sqlite3_bind_int(st, 3, START_THREADS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		total = (long)sqlite3_column_int64(st, 17);
		add_unread_row(c, list, st);
	}
	sqlite3_reset(st);
	page_attr_long(list, "unread", total);
	return rc == SQLITE_DONE ? 0 : -1;
}
