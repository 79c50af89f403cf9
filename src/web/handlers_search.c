/*
 * handlers_search: GET /search?q=…, the customer search of the start
 * page.  A provider finds the customers placed at its organisation (never
 * a protected identity), a counsellor his or her own customers; one row
 * per placement, at most SEARCH_LIMIT.  A bad query answers 400 with the
 * form and the reason next to the field (view "search", xsl/PAGES.md).
 */
#include <stdio.h>
#include <string.h>

#include "caseload.h"
#include "router.h"
#include "search.h"

/* The results as add_results writes them. */
struct results {
	struct ctx	*c;
	xmlNodePtr	 list;
};

/* A placement found.  Returns 0. */
static int
add_result(const struct placement *p, void *arg)
{
	struct results	*r = arg;

	/* The statement's own guard, once more where it matters. */
	if (access_placement(&r->c->user, p))
		page_placement(r->list, p, &r->c->user);
	return 0;
}

/*
 * Adds the placements matching q under list (at most SEARCH_LIMIT), *more
 * when there are more.  Returns 0 or -1.
 */
static int
add_results(struct ctx *c, xmlNodePtr list, const struct search_query *q,
    int *more)
{
	struct results	 r = { c, list };
	const char	*name = q->digits[0] != '\0' ? NULL : q->fold;
	const char	*pnr = q->digits[0] != '\0' ? q->digits : NULL;
	int		 rc;

	if (c->user.role == ROLE_PROVIDER)
		rc = store_search_of_provider_each(c->db, c->user.org_id, name,
		    pnr, SEARCH_LIMIT, more, add_result, &r);
	else
		rc = store_search_of_counsellor_each(c->db, c->user.id, name,
		    pnr, SEARCH_LIMIT, more, add_result, &r);
	return rc == 0 ? 0 : -1;
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
	int			 more = 0;

	if (c->user.role != ROLE_PROVIDER && c->user.role != ROLE_COUNSELLOR)
		return send_error_code(c, 403, "search-by-role", NULL);
	memset(&q, 0, sizeof(q));
	if (raw != NULL)
		ss = search_parse(raw, &q);
	if (ctx_page(c, &pg, "search") == -1)
		return send_error(c, 500);
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
	if (add_results(c, n, &q, &more) == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	page_attr_long(n, "limit", SEARCH_LIMIT);
	page_attr(n, "more", more ? "1" : "0");
	return send_page(c, &pg, 200);
}
