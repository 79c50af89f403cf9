/*
 * handlers_search: GET /search?q=…, the customer search of the start
 * page.  A provider finds the customers placed at its organisation (never
 * a protected identity), a counsellor his or her own customers; one row
 * per placement, at most SEARCH_LIMIT.  A bad query answers 400 with the
 * form and the reason next to the field (view "search", xsl/PAGES.md).
 */
#include <stdio.h>
#include <string.h>

#include "router.h"
#include "search.h"

/*
 * Adds the placements matching q under list.  Returns the number of rows
 * read (SEARCH_LIMIT + 1 means there are more), or -1.
 */
static int
add_results(struct ctx *c, xmlNodePtr list, const struct search_query *q)
{
	sqlite3_stmt	*st;
	struct placement p;
	long		 who;
	int		 rc, rows = 0;

	if (c->user.role == ROLE_PROVIDER) {
		st = db_stmt(c->db, STMT_SEARCH_OF_PROVIDER);
		who = c->user.org_id;
	} else {
		st = db_stmt(c->db, STMT_SEARCH_OF_COUNSELLOR);
		who = c->user.id;
	}
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, who);
	if (q->digits[0] != '\0')
		sqlite3_bind_text(st, 3, q->digits, -1, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, 2, q->fold, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, SEARCH_LIMIT + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && ++rows <= SEARCH_LIMIT) {
		store_placement_row(st, 0, &p);
		/* The statement's own guard, once more where it matters. */
		if (access_placement(&c->user, &p))
			page_placement(list, &p, &c->user);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? rows : -1;
}

/* GET /search: the form, and with ?q= its results.  Returns the status. */
int
h_search(struct ctx *c)
{
	struct search_query	 q;
	struct page		 pg;
	enum search_status	 ss = SEARCH_OK;
	const char		*raw = form_get(&c->req->params, "q");
	xmlNodePtr		 n;
	int			 rows = 0;

	if (c->user.role != ROLE_PROVIDER && c->user.role != ROLE_COUNSELLOR)
		return send_error(c, 403, "Sökningen är till för anordnare "
		    "och karriärvägledare.");
	memset(&q, 0, sizeof(q));
	if (raw != NULL)
		ss = search_parse(raw, &q);
	if (ctx_page(c, &pg, "search") == -1)
		return send_error(c, 500, NULL);
	n = page_elem(pg.root, "search");
	page_attr(n, "q", q.text);
	page_attr_long(n, "min", SEARCH_MIN);
	page_attr_long(n, "max", SEARCH_MAX);
	if (raw == NULL)
		return send_page(c, &pg, 200);
	if (ss != SEARCH_OK) {
		page_attr(n, "error", search_status_code(ss));
		return send_page(c, &pg, 400);
	}
	page_attr(n, "kind", q.digits[0] != '\0' ? "pnr" : "name");
	if ((rows = add_results(c, n, &q)) == -1) {
		page_free(&pg);
		return send_error(c, 500, NULL);
	}
	page_attr_long(n, "limit", SEARCH_LIMIT);
	page_attr(n, "more", rows > SEARCH_LIMIT ? "1" : "0");
	return send_page(c, &pg, 200);
}
