/*
 * router: maps a request to its handler after establishing who asks.
 * Identity is nginx's REMOTE_USER, never a client header; every POST
 * passes the same-origin and CSRF checks before a handler runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseflow.h"
#include "localdate.h"
#include "protectedlog.h"
#include "msghandlers.h"
#include "router.h"

static const struct route routes[] = {
	{ "GET",  "/healthz", h_health, 0 },
	{ "GET",  "/", h_start, 1 },
	{ "GET",  "/placements/new", h_queue_new, 1 },
	{ "POST", "/placements", h_queue_create, 1 },
	{ "GET",  "/placements/{id}", h_placement, 1 },
	{ "POST", "/placements/{id}/staff", h_case_staff, 1 },
	{ "POST", "/placements/{id}/assign", h_case_assign, 1 },
	{ "POST", "/placements/{id}/start-meeting", h_case_meeting, 1 },
	{ "POST", "/placements/{id}/request-revision", h_case_request_revision,
	    1 },
	{ "POST", "/placements/{id}/end", h_case_end, 1 },
	{ "POST", "/placements/{id}/extend", h_case_extend, 1 },
	{ "POST", "/placements/{id}/consent", h_case_consent, 1 },
	{ "POST", "/placements/{id}/follow-ups", h_follow_up_book, 1 },
	{ "POST", "/follow-ups/{id}/outcome", h_follow_up_outcome, 1 },
	{ "GET",  "/placements/{id}/messages", h_messages, 1 },
	{ "POST", "/placements/{id}/messages", h_message_post, 1 },
	{ "GET",  "/incidents/new", h_incident_new, 1 },
	{ "POST", "/incidents", h_incident_create, 1 },
	{ "GET",  "/incidents/{id}", h_incident_view, 1 },
	{ "GET",  "/documents/new", h_doc_new, 1 },
	{ "POST", "/documents", h_doc_create, 1 },
	{ "GET",  "/documents/{id}", h_doc_view, 1 },
	{ "POST", "/documents/{id}", h_doc_save, 1 },
	{ "GET",  "/documents/{id}/edit", h_doc_edit, 1 },
	{ "GET",  "/documents/{id}/history", h_doc_history, 1 },
	{ "POST", "/documents/{id}/submit", h_doc_submit, 1 },
	{ "POST", "/documents/{id}/return", h_doc_return, 1 },
	{ "POST", "/documents/{id}/approve", h_doc_approve, 1 },
	{ "POST", "/documents/{id}/revise", h_doc_revise, 1 },
	{ "GET",  "/payments", h_payments, 1 },
	{ "GET",  "/search", h_search, 1 },
	{ "POST", "/archive/packages", h_archive_export, 1 },
	{ "POST", "/archive/packages/{id}/confirm", h_archive_confirm, 1 },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* One "today" for every deadline: localdate.c's, in the configured zone. */
struct date
today_local(void)
{
	return local_today();
}

const struct route *
router_routes(size_t *n)
{
	*n = NROUTES;
	return routes;
}

/*
 * Matches path against pattern; "{id}" takes 1..12 digits.  Returns 1 with
 * *id set (0 when the pattern has none), else 0.
 */
static int
match(const char *pattern, const char *path, long *id)
{
	const char	*p = pattern, *s = path;
	int		 digits;

	*id = 0;
	while (*p != '\0') {
		if (strncmp(p, "{id}", 4) == 0) {
			for (digits = 0; s[digits] >= '0' && s[digits] <= '9';
			    digits++)
				;
			if (digits == 0 || digits > 12 || s[0] == '0')
				return 0;
			*id = strtol(s, NULL, 10);
			s += digits;
			p += 4;
			continue;
		}
		if (*p++ != *s++)
			return 0;
	}
	return *s == '\0';
}

void
ctx_flash(struct ctx *c, struct page *pg, const char *const *known)
{
	const char	*m = form_get(&c->req->params, "m");
	size_t		 i;

	for (i = 0; m != NULL && known[i] != NULL; i++)
		if (strcmp(m, known[i]) == 0) {
			page_attr(page_text(pg->root, "flash", m), "kind", "ok");
			return;
		}
}

int
ctx_page(struct ctx *c, struct page *pg, const char *view)
{
	if (page_new(pg, view, c->req->id) == -1)
		return -1;
	page_kinds(pg);
	if (c->user.id != 0)
		page_user(pg, &c->user, c->csrf);
	return 0;
}

int
send_page(struct ctx *c, struct page *pg, int status)
{
	char	*html;
	size_t	 len = 0;

	page_attr_long(pg->root, "status", status);
	html = render_page(pg, &len);
	page_free(pg);
	if (html == NULL) {
		fprintf(stderr, "level=error id=%s msg=\"render failed\"\n",
		    c->req->id);
		http_send(c->req, 500, "text/plain; charset=utf-8",
		    "Ett fel uppstod.\n", 17);
		return 500;
	}
	http_send(c->req, status, "text/html; charset=utf-8", html, len);
	xmlFree(html);
	return status;
}

int
send_error(struct ctx *c, int status)
{
	return send_error_code_link(c, status, NULL, NULL, NULL, NULL);
}

int
send_error_code(struct ctx *c, int status, const char *reason,
    const char *arg)
{
	return send_error_code_link(c, status, reason, arg, NULL, NULL);
}

int
send_error_code_link(struct ctx *c, int status, const char *reason,
    const char *arg, const char *href, const char *label)
{
	struct page	 pg;
	xmlNodePtr	 e, l;

	if (ctx_page(c, &pg, "error") == -1) {
		http_send(c->req, status, "text/plain; charset=utf-8", "", 0);
		return status;
	}
	e = page_elem(pg.root, "error");
	page_attr_long(e, "code", status);
	page_attr(e, "request-id", c->req->id);
	if (reason != NULL)
		page_attr(e, "reason", reason);
	if (reason != NULL && arg != NULL)
		page_attr(e, "arg", arg);
	/* Only a local path: the page never links elsewhere from here. */
	if (href != NULL && label != NULL && href[0] == '/' && href[1] != '/') {
		l = page_elem(e, "link");
		page_attr(l, "href", href);
		page_attr(l, "label", label);
	}
	return send_page(c, &pg, status);
}

/*
 * Loads placement id for the viewer.  One the viewer may not see answers
 * as one that does not exist, so that ids reveal nothing.  Returns 0, or
 * the status of the error page already sent (404, 500).
 */
/* Logs a read of a protected customer's record.  0, or -1 (not served). */
static int
log_read(struct ctx *c, const struct placement *p)
{
	char	 what[600];

	if (!p->protected)
		return 0;
	snprintf(what, sizeof(what), "%s %s", c->req->method, c->req->path);
	return protected_log_read(c->db, &c->user, p->customer_id, what);
}

/*
 * A former provider keeps its placement, what it wrote, until the last
 * day of its final report (14 days after the end); once the customer has
 * moved on to another provider it loses it then.  1 if so, 0, or -1.
 */
static int
moved_away(struct ctx *c, const struct placement *p)
{
	struct placement_case	 pc;
	struct date		 end, decided = { 0, 0, 0 };
	enum ending		 kind = ENDING_COMPLETED;

	if (p->end[0] == '\0' || date_parse(p->end, &end) == -1 ||
	    date_compare(today_local(), date_add_days(end, 14)) <= 0)
		return 0;
	if (store_placement_case(c->db, p->id, &pc) != 0)
		return -1;
	if (case_ending_parse(pc.ending, &kind) == 0)
		(void)date_parse(pc.ending_decided_on, &decided);
	if (date_compare(today_local(), final_submit_until(kind, end,
	    decided)) <= 0)
		return 0;
	return store_placement_moved_on(c->db, p->id);
}

int
ctx_placement(struct ctx *c, long id, struct placement *p)
{
	int	 rc = store_placement_get(c->db, id, p);

	if (rc == 1 || (rc == 0 && !access_placement(&c->user, p)))
		return send_error(c, 404);
	if (rc != 0)
		return send_error(c, 500);
	if (access_owner(&c->user, p) && (rc = moved_away(c, p)) != 0)
		return send_error(c, rc == 1 ? 404 : 500);
	if (log_read(c, p) == -1)
		return send_error(c, 500);
	return 0;
}

int
ctx_placement_by_consent(struct ctx *c, long id, struct placement *p)
{
	int	 rc = store_placement_get(c->db, id, p);

	if (rc != 0)
		return send_error(c, rc == 1 ? 404 : 500);
	if (log_read(c, p) == -1)
		return send_error(c, 500);
	return 0;
}

/*
 * Checks a POST before its handler: same origin, and for form bodies a
 * CSRF token bound to the user.  XML bodies need their content type, which
 * a browser cannot send cross-site without a preflight.  Returns 0 or the
 * status to answer.
 */
static int
check_post(struct ctx *c)
{
	struct request	*req = c->req;
	int		 rc;

	if (!auth_same_origin(req->origin, req->sec_fetch_site, req->host))
		return 403;
	if ((rc = http_read_body(req, c->cfg->body_limit)) != 0)
		return rc;
	if (http_content_type_is(req, "application/xml"))
		return 0;
	if (!http_content_type_is(req, "application/x-www-form-urlencoded"))
		return 415;
	if (form_parse(&c->form, req->body, req->body_len) == -1)
		return 400;
	if (!auth_csrf_ok(c->secret, c->user.login, form_get(&c->form, "csrf")))
		return 403;
	return 0;
}

static void
log_request(const struct request *req, const struct ctx *c)
{
	char		 when[32];
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "time=%s id=%s user=%s role=%s method=%s route=%s "
	    "status=%d us=%lld\n", when, req->id,
	    c->user.id ? c->user.login : "-",
	    c->user.id ? role_name(c->user.role) : "-", req->method,
	    req->route, req->status, http_now_us() - req->started_us);
}

/* Finds the route; sets *status 404 or 405 when none fits. */
static const struct route *
find_route(struct request *req, long *id, int *status)
{
	size_t	 i;

	*status = 404;
	for (i = 0; i < NROUTES; i++) {
		if (!match(routes[i].pattern, req->path, id))
			continue;
		if (strcmp(routes[i].method, req->method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 &&
		    strcmp(routes[i].method, "GET") == 0))
			return &routes[i];
		*status = 405;
	}
	return NULL;
}

static int
identify(struct ctx *c)
{
	if (c->req->remote_user[0] == '\0' ||
	    strlen(c->req->remote_user) > 64)
		return 403;
	switch (store_user_by_login(c->db, c->req->remote_user, &c->user)) {
	case 0:
		break;
	case 1:
		memset(&c->user, 0, sizeof(c->user));
		return 403;
	default:
		memset(&c->user, 0, sizeof(c->user));
		return 500;
	}
	if (auth_csrf_token(c->secret, c->user.login, c->csrf) == -1)
		return 500;
	return 0;
}

void
router_dispatch(struct request *req, struct db *db, const struct config *cfg,
    const char *secret)
{
	struct ctx		 c;
	const struct route	*r;
	int			 status;

	memset(&c, 0, sizeof(c));
	c.req = req;
	c.db = db;
	c.cfg = cfg;
	c.secret = secret;
	/* Without it the reads still work, each in its own transaction. */
	if (db_read_begin(db) == -1)
		fprintf(stderr, "level=warn id=%s msg=\"no read transaction\"\n",
		    req->id);
	if ((r = find_route(req, &c.id, &status)) != NULL) {
		req->route = r->pattern;
		if (r->authenticated && (status = identify(&c)) != 0)
			goto error;
		if (strcmp(r->method, "POST") == 0 &&
		    (status = check_post(&c)) != 0)
			goto error;
		r->handler(&c);
		goto out;
	}
	/* Unknown path: still say who asks, so the error page has a header. */
	if (identify(&c) != 0)
		status = 403;
error:
	send_error(&c, status);
out:
	db_read_end(db);
	log_request(req, &c);
	form_free(&c.form);
}
