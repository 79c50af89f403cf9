/*
 * handlers_incidents: personal-data incidents (personuppgiftsincidenter,
 * README, Rules: incidents).  A provider reports what happened, when it was
 * discovered and, if known, which of its own placements it concerns.  The
 * report goes at once to the responsible counsellors of the named
 * customers, or, with none named, to the counsellors of every customer of
 * the organisation (any of them may be concerned); the admin sees every
 * report.  The report is due within 72 hours of the discovery: each one
 * shows that line and whether it was met.  The report row is its own audit
 * record (who, when); it refers to customers by placement only and holds no
 * name or number but what the provider typed.  Anyone else gets 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "database.h"
#include "incidentstore.h"
#include "messages.h"
#include "msghandlers.h"

#define CHOICES_MAX	500	/* placements offered in the form */
#define NAMED_MAX	100	/* placements named in one report */
#define START_ROWS	50	/* reports on a start page */
#define CLOCK_SLACK	300	/* seconds a discovery may lie "ahead" */

/* A list of placements being shown to the viewer. */
struct placement_list {
	struct ctx	*c;
	xmlNodePtr	 list;
	long		 others;	/* not shown: not the viewer's customers */
};

static int
add_choice(const struct placement *p, void *arg)
{
	struct placement_list	*l = arg;

	page_placement(l->list, p, &l->c->user);
	return 0;
}

/* The placements of the organisation to choose from, into root. */
static int
add_choices(struct ctx *c, xmlNodePtr root)
{
	struct placement_list	 l = { c, page_elem(root, "placements"), 0 };

	return incidentstore_choices_each(c->db, c->user.org_id, CHOICES_MAX,
	    add_choice, &l);
}

/* The form (view "incident-new"), with errs and what was typed. */
static int
send_form(struct ctx *c, const struct field_errors *errs, int status)
{
	struct page	 pg;
	xmlNodePtr	 f;
	size_t		 i;

	if (ctx_page(c, &pg, "incident-new") == -1)
		return send_error(c, 500);
	f = page_elem(pg.root, "incident-form");
	if (add_choices(c, f) == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	if (errs != NULL) {
		page_errors(&pg, errs);
		for (i = 0; i < c->form.n; i++)
			if (strcmp(c->form.fields[i].name, "csrf") != 0)
				page_attr(page_text(f, "field",
				    c->form.fields[i].value), "name",
				    c->form.fields[i].name);
	}
	return send_page(c, &pg, status);
}

/* Only a provider reports; others know the page exists (403). */
static int
is_reporter(const struct user *u)
{
	return u->role == ROLE_PROVIDER && u->org_id != 0;
}

int
h_incident_new(struct ctx *c)
{
	if (!is_reporter(&c->user))
		return send_error_code(c, 403, "incidents-by-provider", NULL);
	return send_form(c, NULL, 200);
}

/* The discovery's moment from its two fields: 0 with *t, or -1. */
static int
discovery(struct ctx *c, time_t *t, struct field_errors *errs)
{
	const char	*d = form_get(&c->form, "discovered_on");
	const char	*hm = form_get(&c->form, "discovered_time");
	struct date	 day;

	if (d == NULL || *d == '\0' || date_parse(d, &day) == -1) {
		field_errors_code(errs, "discovered_on", "date-format-example",
		    NULL);
		return -1;
	}
	if (incident_local_time(d, hm, t) == -1) {
		field_errors_code(errs, "discovered_time", "time-format", NULL);
		return -1;
	}
	if (*t > time(NULL) + CLOCK_SLACK) {
		field_errors_code(errs, "discovered_time", "discovered-future",
		    NULL);
		return -1;
	}
	return 0;
}

/*
 * The named placements (fields "placement", repeated): each must be one
 * of the organisation's.  Returns the number in ids, or -1 (error added).
 */
static int
named(struct ctx *c, long ids[NAMED_MAX], struct field_errors *errs)
{
	struct placement p;
	const char	*v;
	char		*end, max[16];
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < c->form.n; i++) {
		if (strcmp(c->form.fields[i].name, "placement") != 0)
			continue;
		v = c->form.fields[i].value;
		if (n == NAMED_MAX) {
			snprintf(max, sizeof(max), "%d", NAMED_MAX);
			field_errors_code(errs, "placement",
			    "too-many-customers", max);
			return -1;
		}
		ids[n] = strtol(v, &end, 10);
		/* Another organisation's placement reads as no placement. */
		if (*v < '1' || *v > '9' || *end != '\0' || strlen(v) > 12 ||
		    store_placement_get(c->db, ids[n], &p) != 0 ||
		    p.provider_id != c->user.org_id) {
			field_errors_code(errs, "placement",
			    "own-placements-only", NULL);
			return -1;
		}
		n++;
	}
	return n;
}

int
h_incident_create(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct incident_new	 in;
	long			 ids[NAMED_MAX], id = 0;
	const char		*what = form_get(&c->form, "what");
	char			 when[21], loc[64], max[16];
	time_t			 t = 0;
	int			 why, n, rc;

	if (!is_reporter(&c->user))
		return send_error_code(c, 403, "incidents-by-provider", NULL);
	(void)msg_text_ok(what, MSG_TEXT_MAX, &why);
	if (why == 2) {
		snprintf(max, sizeof(max), "%d", MSG_TEXT_MAX);
		field_errors_code(&errs, "what", "text-too-long-max", max);
	} else if (why == 1)
		field_errors_code(&errs, "what", "what-required", NULL);
	discovery(c, &t, &errs);
	n = named(c, ids, &errs);
	if (errs.n > 0)
		return send_form(c, &errs, 422);
	incident_utc(t, when);
	in.discovered = when;
	in.what = what;
	in.placements = ids;
	in.nplacements = (size_t)n;
	if ((rc = incident_store(c->db, &c->user, &in, &id)) == 1) {
		field_errors_code(&errs, "placement", "own-placements-only",
		    NULL);
		return send_form(c, &errs, 422);
	}
	if (rc != 0)
		return send_error(c, 500);
	snprintf(loc, sizeof(loc), "/incidents/%ld?m=reported", id);
	http_redirect(c->req, loc);
	return 303;
}

/* Discovery, the 72-hour line and its lateness onto n. */
static void
add_line(xmlNodePtr n, const char *discovered, const char *reported)
{
	time_t	 d, r;
	char	 line[21];

	page_attr_time(n, "discovered", discovered);
	page_attr_time(n, "reported", reported);
	if (incident_parse_utc(discovered, &d) == -1 ||
	    incident_parse_utc(reported, &r) == -1)
		return;
	incident_utc(incident_deadline(d), line);
	page_attr_time(n, "deadline", line);
	page_attr(n, "late", incident_late(d, r) ? "1" : "0");
}

/* 1 if u may read incident id of organisation org. */
static int
may_read(struct ctx *c, long id, long org)
{
	if (c->user.role == ROLE_ADMIN)
		return 1;
	if (c->user.role == ROLE_PROVIDER)
		return c->user.org_id == org;
	if (c->user.role != ROLE_COUNSELLOR)
		return 0;
	return incidentstore_is_recipient(c->db, id, c->user.id) == 1;
}

/*
 * The named placements of incident id under n.  A counsellor sees only
 * the own customers' ones; the rest are counted (other-customers).
 */
static int
add_named_row(const struct placement *p, void *arg)
{
	struct placement_list	*l = arg;

	if (l->c->user.role == ROLE_COUNSELLOR &&
	    p->counsellor_id != l->c->user.id)
		l->others++;
	else
		page_placement(l->list, p, &l->c->user);
	return 0;
}

static int
add_named(struct ctx *c, xmlNodePtr n, long id)
{
	struct placement_list	 l = { c, page_elem(n, "placements"), 0 };
	int			 rc;

	rc = incidentstore_placements_each(c->db, id, add_named_row, &l);
	page_attr_long(l.list, "other-customers", l.others);
	return rc;
}

/* The incident page's <incident> while it is being read. */
struct incident_view {
	xmlNodePtr	 parent;
	xmlNodePtr	 n;		/* <incident> */
	long		 org;		/* the reporting organisation */
};

/* Fills <incident> from the stored report. */
static void
incident_row(const struct incident *in, void *arg)
{
	struct incident_view	*v = arg;
	xmlNodePtr		 n = page_elem(v->parent, "incident");

	v->n = n;
	v->org = in->provider_id;
	page_attr_long(n, "id", in->id);
	page_attr(n, "provider", in->provider);
	add_line(n, in->discovered_at, in->reported_at);
	page_attr(n, "named", in->named ? "1" : "0");
	page_attr(n, "reporter-login", in->reporter_login);
	page_attr(n, "reporter-name", in->reporter_name);
	page_text(n, "what", in->what);
}

int
h_incident_view(struct ctx *c)
{
	struct page		 pg;
	struct incident_view	 v;
	xmlNodePtr		 n;
	const char		*m = form_get(&c->req->params, "m");
	int			 rc;

	if (ctx_page(c, &pg, "incident") == -1)
		return send_error(c, 500);
	v.parent = pg.root;
	if ((rc = incidentstore_get(c->db, c->id, incident_row, &v)) != 0) {
		page_free(&pg);
		return send_error(c, rc == 1 ? 404 : 500);
	}
	n = v.n;
	if (!may_read(c, c->id, v.org)) {
		page_free(&pg);
		return send_error(c, 404);
	}
	if (m != NULL && strcmp(m, "reported") == 0)
		page_attr(n, "just-reported", "1");
	if (add_named(c, n, c->id) == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	return send_page(c, &pg, 200);
}

static int
add_incident_item(const struct incident_item *it, void *list)
{
	xmlNodePtr	 n = page_elem(list, "incident");

	page_attr_long(n, "id", it->id);
	add_line(n, it->discovered_at, it->reported_at);
	page_attr(n, "named", it->named ? "1" : "0");
	page_attr_long(n, "customers", it->placements);
	page_attr(n, "provider", it->provider);
	return 0;
}

int
incidents_start(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr	 list = page_elem(root, "incidents");

	if (c->user.role == ROLE_PROVIDER)
		page_attr(list, "may-report", "1");
	return incidentstore_list_each(c->db, &c->user, START_ROWS,
	    add_incident_item, list);
}
