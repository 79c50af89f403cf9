/*
 * handlers_pages: the start page of each role, the placement page and the
 * health check.
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "router.h"

#define LIST_LIMIT 200

/* The plan column of a placement row: state, due date, lateness. */
static void
add_plan_status(xmlNodePtr pl, sqlite3_stmt *st, int col,
    const struct placement *p, struct date today)
{
	xmlNodePtr	 n = page_elem(pl, "plan");
	struct date	 start, due;
	char		 buf[11];
	const char	*state = (const char *)sqlite3_column_text(st, col + 1);

	page_attr(n, "state", state ? state : "none");
	if (state != NULL) {
		page_attr_long(n, "document", sqlite3_column_int64(st, col));
		page_attr_long(n, "revision", sqlite3_column_int(st, col + 2));
	}
	if (date_parse(p->start, &start) == 0) {
		due = due_plan(start);
		date_format(due, buf);
		page_attr(n, "due", buf);
		page_attr(n, "late", (state == NULL ||
		    strcmp(state, "draft") == 0) && is_late(due, today) ?
		    "1" : "0");
	}
}

static int
add_placements(struct ctx *c, xmlNodePtr parent, enum stmt which, long who,
    struct date today)
{
	sqlite3_stmt	*st = db_stmt(c->db, which);
	xmlNodePtr	 list = page_elem(parent, "placements"), pl;
	struct placement p;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, who);
	sqlite3_bind_int(st, 2, LIST_LIMIT);
	sqlite3_bind_int(st, 3, 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_placement_row(st, 0, &p);
		pl = page_placement(list, &p, &c->user);
		add_plan_status(pl, st, 15, &p, today);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
add_queue(struct ctx *c, xmlNodePtr parent, struct date today)
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_QUEUE_OF_COUNSELLOR);
	xmlNodePtr	 list = page_elem(parent, "queue"), n;
	struct document	 d;
	struct placement p;
	struct date	 sub, due;
	char		 buf[11];
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c->user.id);
	sqlite3_bind_int(st, 2, LIST_LIMIT);
	sqlite3_bind_int(st, 3, 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_document_row(st, 0, &d);
		store_placement_row(st, 11, &p);
		n = page_document(list, "doc", &d);
		snprintf(buf, sizeof(buf), "%.10s", d.submitted_at);
		if (date_parse(buf, &sub) == 0) {
			due = due_review(sub);
			date_format(due, buf);
			page_attr(n, "review-due", buf);
			page_attr(n, "review-late", is_late(due, today) ?
			    "1" : "0");
		}
		page_placement(n, &p, &c->user);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
add_summary(struct ctx *c, xmlNodePtr parent)
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_SUMMARY);
	xmlNodePtr	 n = page_elem(parent, "summary");

	if (st == NULL || sqlite3_step(st) != SQLITE_ROW)
		return -1;
	page_attr_long(n, "users", sqlite3_column_int64(st, 0));
	page_attr_long(n, "customers", sqlite3_column_int64(st, 1));
	page_attr_long(n, "placements", sqlite3_column_int64(st, 2));
	page_attr_long(n, "documents", sqlite3_column_int64(st, 3));
	sqlite3_reset(st);
	return 0;
}

int
h_start(struct ctx *c)
{
	struct page	 pg;
	struct date	 today = today_local();
	int		 rc = 0;

	if (ctx_page(c, &pg, "start") == -1)
		return send_error(c, 500, NULL);
	switch (c->user.role) {
	case ROLE_PROVIDER:
		rc = add_placements(c, pg.root, STMT_PLACEMENTS_OF_PROVIDER,
		    c->user.org_id, today);
		break;
	case ROLE_COUNSELLOR:
		rc = add_queue(c, pg.root, today);
		if (rc == 0)
			rc = add_placements(c, pg.root,
			    STMT_PLACEMENTS_OF_COUNSELLOR, c->user.id, today);
		break;
	case ROLE_ARCHIVIST:
		page_elem(pg.root, "handover");
		break;
	default:
		rc = add_summary(c, pg.root);
		break;
	}
	if (rc == -1) {
		page_free(&pg);
		return send_error(c, 500, NULL);
	}
	return send_page(c, &pg, 200);
}

static int
add_documents(struct ctx *c, xmlNodePtr parent, long placement)
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_DOCS_OF_PLACEMENT);
	xmlNodePtr	 list = page_elem(parent, "documents");
	struct document	 d;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, placement);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_document_row(st, 0, &d);
		page_document(list, "doc", &d);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
h_placement(struct ctx *c)
{
	struct placement p;
	struct page	 pg;
	xmlNodePtr	 pl, actions;
	sqlite3_stmt	*st;
	int		 has_plan;

	switch (store_placement_get(c->db, c->id, &p)) {
	case 0:
		break;
	case 1:
		return send_error(c, 404, NULL);
	default:
		return send_error(c, 500, NULL);
	}
	if (!access_placement(&c->user, &p))
		return send_error(c, 404, NULL);
	if (ctx_page(c, &pg, "placement") == -1)
		return send_error(c, 500, NULL);
	pl = page_placement(pg.root, &p, &c->user);
	if (add_documents(c, pl, p.id) == -1) {
		page_free(&pg);
		return send_error(c, 500, NULL);
	}
	actions = page_elem(pl, "actions");
	if ((st = db_stmt(c->db, STMT_DOC_LATEST_OF_KIND)) == NULL) {
		page_free(&pg);
		return send_error(c, 500, NULL);
	}
	sqlite3_bind_int64(st, 1, p.id);
	sqlite3_bind_text(st, 2, "plan", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "", -1, SQLITE_STATIC);
	has_plan = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!has_plan && access_owner(&c->user, &p))
		page_attr(page_elem(actions, "action"), "name", "new-plan");
	return send_page(c, &pg, 200);
}

/* No identity, no personal data: the database answers and pages render. */
int
h_health(struct ctx *c)
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_SUMMARY);
	int		 ok = st != NULL && sqlite3_step(st) == SQLITE_ROW &&
			    render_ready();

	if (st != NULL)
		sqlite3_reset(st);
	if (!ok) {
		http_send(c->req, 503, "text/plain; charset=utf-8",
		    "unavailable\n", 12);
		return 503;
	}
	http_send(c->req, 200, "text/plain; charset=utf-8", "ok\n", 3);
	return 200;
}
