/*
 * handlers_messages: the messages between the provider's staff and the
 * customer's responsible counsellor on a placement (meddelarfunktionen,
 * README, Rules: case start; messages; absences).  Who may read a thread is
 * who may read the placement (ctx_placement: the owning provider, the
 * responsible counsellor, the team lead); anyone else gets 404.  Only the
 * first two write (the lead 403).  Reading the thread moves the reader's
 * mark, so the start page's unread count goes down.  A refused message shows
 * the thread again (422) with the messages and everything typed.
 */
#include <stdio.h>
#include <string.h>

#include "database.h"
#include "localdate.h"
#include "messages.h"
#include "msghandlers.h"
#include "msgstore.h"

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

/* The absence's dates, due day and lateness of message ms under m. */
static void
add_absence(xmlNodePtr m, const struct msg_stored *ms)
{
	struct date	 from, sent;
	xmlNodePtr	 a = page_elem(m, "absence");
	char		 due[11];

	page_attr(a, "from", ms->absence_from);
	page_attr(a, "to", ms->absence_to);
	if (date_parse(ms->absence_from, &from) == 0 &&
	    local_date_of(ms->at, &sent) == 0) {
		date_format(msg_absence_due(from), due);
		page_attr(a, "due", due);
		page_attr(a, "late", msg_absence_late(from, sent) ? "1" : "0");
	}
	page_text(m, "contact-attempts", ms->contact_attempts);
}

/* A thread being shown: its list and what the viewer has not read. */
struct thread {
	xmlNodePtr	 list;
	long		 viewer;
	long		 mark;		/* the viewer's read mark */
	int		 unread;	/* messages by others after it */
	long		 last;		/* the newest id */
};

static int
add_message(const struct msg_stored *ms, void *arg)
{
	struct thread	*t = arg;
	xmlNodePtr	 m;
	int		 news = ms->id > t->mark && ms->author_id != t->viewer;

	t->unread += news;
	t->last = ms->id;
	m = page_elem(t->list, "message");
	page_attr_long(m, "id", ms->id);
	page_attr_time(m, "at", ms->at);
	page_attr(m, "kind", ms->kind);
	page_attr(m, "author-login", ms->author_login);
	page_attr(m, "author-name", ms->author_name);
	page_attr(m, "author-role", ms->author_role);
	page_attr(m, "unread", news ? "1" : "0");
	page_attr(m, "mine", ms->author_id == t->viewer ? "1" : "0");
	if (ms->absence_from != NULL)
		add_absence(m, ms);
	page_text(m, "text", ms->text);
	return 0;
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
	struct thread	 t = { NULL, c->user.id, 0, 0, 0 };
	int		 writer = may_write(&c->user, p);
	const char	*m = form_get(&c->req->params, "m");

	if (writer && (t.mark = msgstore_read_mark(c->db, c->user.id,
	    p->id)) < 0)
		return send_error(c, 500);
	if (ctx_page(c, &pg, "messages") == -1)
		return send_error(c, 500);
	page_placement(pg.root, p, &c->user);
	t.list = page_elem(pg.root, "messages");
	/* The view says it itself: page.xsl's <flash> knows the case flow's. */
	if (errs == NULL && m != NULL && strcmp(m, "sent") == 0)
		page_attr(t.list, "sent", "1");
	if (msgstore_thread_each(c->db, p->id, THREAD_MAX, add_message,
	    &t) == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	page_attr_long(t.list, "unread", t.unread);
	if (writer)
		add_compose(c, pg.root);
	if (errs != NULL)
		add_posted(c, &pg, errs);
	/* Shown is read: the start page counts from here on. */
	if (writer && t.unread > 0 &&
	    msgstore_mark_read(c->db, c->user.id, p->id, t.last) == -1) {
		page_free(&pg);
		return send_error(c, 500);
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
		return send_error_code(c, 403, "messages-by-parties", NULL);
	if (date_parse(p.start, &start) == -1)
		return send_error(c, 500);
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
		return send_error(c, 500);
	snprintf(loc, sizeof(loc), "/placements/%ld/messages?m=sent", p.id);
	http_redirect(c->req, loc);
	return 303;
}

/* The start page's unread list, as it is read. */
struct unread_list {
	struct ctx	*c;
	xmlNodePtr	 list;
	long		 total;
};

/* One row of the unread list: its placement, count and newest time. */
static int
add_unread_row(const struct unread_thread *u, void *arg)
{
	struct unread_list	*l = arg;
	xmlNodePtr		 t = page_elem(l->list, "thread");

	l->total = u->total;
	page_attr_long(t, "unread", u->unread);
	page_attr_time(t, "latest", u->latest);
	page_placement(t, &u->p, &l->c->user);
	return 0;
}

int
messages_start(struct ctx *c, xmlNodePtr root)
{
	struct unread_list	 l = { c, page_elem(root, "messages"), 0 };
	int			 rc;

	rc = msgstore_unread_each(c->db, &c->user, START_THREADS,
	    add_unread_row, &l);
	page_attr_long(l.list, "unread", l.total);
	return rc;
}
