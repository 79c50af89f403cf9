/*
 * handlers_doc: documents of every kind — new, view, edit, save, history,
 * and the workflow actions.  A provider or counsellor who may not know a
 * document exists gets 404; one who may see it but not do this, 403.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing.h"
#include "calendar.h"
#include "caseflow.h"
#include "doclists.h"
#include "kinds.h"
#include "latefacts.h"
#include "latepage.h"
#include "localdate.h"
#include "pagecache.h"
#include "planscope.h"
#include "payments.h"
#include "router.h"

#define ROWS_MAX	50
#define COMMENT_MAX	4000
/*
 * How many of its latest history entries a document's view shows.  Every
 * form save is an entry, so a draft saved 300 times had 300 rows on its
 * view, each read, built and rendered on every view; ten hold the latest
 * round of work (the saves around the latest submission and return), and
 * the history page (h_doc_history), one link away, keeps every entry.
 */
#define VIEW_HISTORY_ENTRIES	10

/* Form fields that are not document content. */
static const char *const control_fields[] = {
	"csrf", "version", "placement", "kind", "period", "comment", NULL };

/* Parses 1..12 digits.  Returns the number, or 0 if s is not one. */
static long
parse_id(const char *s)
{
	size_t	 n;

	if (s == NULL || s[0] < '1' || s[0] > '9')
		return 0;
	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++)
		;
	return s[n] == '\0' && n <= 12 ? strtol(s, NULL, 10) : 0;
}

static int
is_xml_request(const struct ctx *c)
{
	return http_content_type_is(c->req, "application/xml");
}

/*
 * A provider change: the new provider may read the current plan (a kind
 * shared on consent, kinds.h) of the customer's former placement once the
 * customer's written consent is recorded on its own placement.  1 if d is
 * such a plan for the viewer, 0 if not, -1 on an error.
 */
static int
consent_grants(struct ctx *c, const struct document *d)
{
	const struct kind *k = kind_find(d->kind);

	if (c->user.role != ROLE_PROVIDER || k == NULL ||
	    !k->shared_on_consent)
		return 0;
	return store_plan_shared_by_consent(c->db, d->id, c->user.org_id);
}

/*
 * Loads document {id} and its placement for a viewer who may see it.
 * Returns 0, or the status of the error page already sent.
 */
static int
load_doc(struct ctx *c, struct document *d, struct placement *p)
{
	int	 rc = store_document_get(c->db, c->id, d);

	if (rc == 1)
		return send_error(c, 404);
	if (rc != 0)
		return send_error(c, 500);
	if ((rc = consent_grants(c, d)) == -1)
		return send_error(c, 500);
	if (rc == 1)
		return ctx_placement_by_consent(c, d->placement_id, p);
	return ctx_placement(c, d->placement_id, p);
}

/* Loads the placement named by a query or form parameter, as load_doc. */
static int
load_placement(struct ctx *c, const char *id, struct placement *p)
{
	long	 pid = parse_id(id);

	if (pid == 0)
		return send_error_code(c, 400, "placement-invalid", NULL);
	return ctx_placement(c, pid, p);
}

/*
 * What the business rules see of placement p and the month period ("" or
 * NULL for none).  Returns 0, or -1 if period is malformed.
 */
static int
rule_input(const struct placement *p, const char *period,
    struct rule_input *ri)
{
	return kind_rule_input(ri, p->start, p->end, local_today(), period);
}

/* The code (xsl/texts.xsl) of why the end month is not paid. */
static const char *
hold_code(enum final_hold h)
{
	switch (h) {
	case FINAL_MISSING:
		return "hold-final-missing";
	case FINAL_UNAPPROVED:
		return "hold-final-unapproved";
	case FINAL_LATE:
		return "hold-final-late";
	case FINAL_PAID:
		break;
	}
	return "";
}

/*
 * The payment basis of a monthly report (README, Rules: payments;
 * payments.h): the placement days of the month, the amount valid for that
 * month, the cut-off, whether the first submission missed it and which run
 * pays it, and why the end month is held.
 */
static void
add_payment(struct ctx *c, xmlNodePtr parent, const struct document *d)
{
	struct pay_row	 r;
	xmlNodePtr	 n;
	char		 buf[40];

	if (payments_of_document(c->db, c->cfg->payment_cutoff_day, d,
	    &r) != 0 || !r.priced)
		return;
	n = page_elem(parent, "payment");
	page_attr_long(n, "days", r.days);
	page_attr_long(n, "month-days", days_in_month(r.year, r.month));
	page_attr(n, "whole", r.days == days_in_month(r.year, r.month) ?
	    "1" : "0");
	page_attr_long(n, "amount-ore", r.amount_ore);
	billing_format_sek(r.amount_ore, buf, sizeof(buf));
	page_attr(n, "amount", buf);
	billing_format_sek(r.monthly_amount_ore, buf, sizeof(buf));
	page_attr(n, "monthly-amount", buf);
	date_format(r.cutoff, buf);
	page_attr(n, "cutoff", buf);
	if (r.submitted) {
		page_attr(n, "late", r.late ? "1" : "0");
		snprintf(buf, sizeof(buf), "%04d-%02d", r.run_year,
		    r.run_month);
		page_attr(n, "paid-in", buf);
	}
	if (r.hold != FINAL_PAID) {
		page_attr(n, "held", hold_code(r.hold));
		date_format(r.paid_until, buf);
		page_attr(n, "held-until", buf);
	}
}

/*
 * The lateness facts of d (0: a new document of its kind and period) and
 * of its placement.  content, when known, is what the page shows: for a
 * kind whose content states the ending (a final report), the fallback
 * for its ending.  Returns 0, or -1 when the facts cannot be read.
 */
static int
doc_facts(struct ctx *c, const struct document *d, const struct placement *p,
    xmlDocPtr content, struct late_case *pc, struct doc_fact *f)
{
	if (late_case_of(c->db, p->id, pc) != 0)
		return -1;
	memset(f, 0, sizeof(*f));
	if (d->id != 0 && late_fact_of(c->db, p->id, d->id, f) != 0)
		return -1;
	if (d->id == 0) {
		snprintf(f->kind, sizeof(f->kind), "%s", d->kind);
		snprintf(f->period, sizeof(f->period), "%s", d->period);
		f->revision = d->revision;
	}
	if (content != NULL)
		late_final_of(content, &f->final);
	return 0;
}

/*
 * The <document> element with its deadlines (lateness.h, the same the
 * start pages and the deficiencies use), payment basis and placement.
 * content is the document's XML when known, else NULL.
 */
static xmlNodePtr
doc_element(struct ctx *c, struct page *pg, const struct document *d,
    const struct placement *p, xmlDocPtr content)
{
	xmlNodePtr	 n = page_document(pg->root, "document", d);
	struct late_case pc;
	struct doc_fact	 f;
	struct doc_dues	 dd;
	struct kind	*k = kind_find(d->kind);

	if (doc_facts(c, d, p, content, &pc, &f) == 0) {
		doc_dues(&pc, &f, local_today(), &dd);
		late_page_attrs(n, &dd);
	}
	if (k != NULL && k->schedule == SCHEDULE_MONTHLY)
		add_payment(c, n, d);
	page_placement(n, p, &c->user);
	return n;
}

/* An entry of the history under its list.  Returns 0. */
static int
add_event(const struct doc_event *ev, void *arg)
{
	xmlNodePtr	 e = page_elem(arg, "event");

	page_attr_time(e, "at", ev->at);
	page_attr(e, "actor", ev->actor);
	page_attr(e, "actor-name", ev->actor_name);
	page_attr(e, "action", ev->action);
	page_attr(e, "from", ev->from);
	page_attr(e, "to", ev->to);
	if (ev->comment != NULL)
		page_text(e, "comment", ev->comment);
	return 0;
}

static int
add_history(struct ctx *c, xmlNodePtr parent, long id)
{
	return store_doc_history_each(c->db, id, add_event,
	    page_elem(parent, "history")) == 0 ? 0 : -1;
}

/* The view's entries of the history, counted as they come. */
struct latest_list {
	xmlNodePtr	 list;
	int		 n;
};

static int
add_latest_event(const struct doc_event *ev, void *arg)
{
	struct latest_list	*a = arg;

	a->n++;
	return add_event(ev, a->list);
}

/*
 * The view's history: its latest VIEW_HISTORY_ENTRIES entries and, when
 * it has more, how many it has in all (<history total>, xsl/PAGES.md).
 * Read so even when it is short: the two lists merged in C cost less
 * than the whole history's statement, which sorts.
 */
static int
add_history_latest(struct ctx *c, xmlNodePtr parent, long id)
{
	struct latest_list	 a = { page_elem(parent, "history"), 0 };
	long			 total;

	if (store_doc_history_latest_each(c->db, id, VIEW_HISTORY_ENTRIES,
	    add_latest_event, &a) != 0)
		return -1;
	/* They came newest first; the page lists them oldest first. */
	page_reverse(a.list);
	/* Fewer than asked for: that is the whole history. */
	if (a.n < VIEW_HISTORY_ENTRIES)
		return 0;
	if (store_doc_history_count(c->db, id, &total) != 0)
		return -1;
	if (total > a.n)
		page_attr_long(a.list, "total", total);
	return 0;
}

/* <return>: the latest return, as its entry of the history has it. */
static int
add_return_event(const struct doc_event *ev, void *arg)
{
	xmlNodePtr	 r = page_elem(arg, "return");

	page_attr_time(r, "at", ev->at);
	page_attr(r, "actor", ev->actor);
	page_attr(r, "actor-name", ev->actor_name);
	if (ev->comment != NULL)
		page_text(r, "comment", ev->comment);
	return 0;
}

/*
 * While d is returned, its latest return, which the view shows at the top
 * whether or not it is among the latest entries of the history.
 */
static int
add_latest_return(struct ctx *c, xmlNodePtr parent, const struct document *d)
{
	if (d->state != STATE_RETURNED)
		return 0;
	return store_doc_latest_return(c->db, d->id, add_return_event,
	    parent) == -1 ? -1 : 0;
}

/* The revisions as add_revisions writes them. */
struct revisions_list {
	xmlNodePtr	 list;
	long		*latest;
};

/* A revision under its list; they come in order, the latest last. */
static int
add_revision(const struct doc_revision *rev, void *arg)
{
	struct revisions_list	*a = arg;
	xmlNodePtr		 r = page_elem(a->list, "rev");

	*a->latest = rev->id;
	page_attr_long(r, "id", rev->id);
	page_attr_long(r, "revision", rev->revision);
	page_attr(r, "state", state_name(rev->state));
	return 0;
}

/* Every revision of the same document (plan revision 1, 2, ...). */
static int
add_revisions(struct ctx *c, xmlNodePtr parent, const struct document *d,
    long *latest)
{
	struct revisions_list	 a = { page_elem(parent, "revisions"), latest };

	return store_doc_revisions_each(c->db, d->placement_id, d->kind,
	    d->period, add_revision, &a) == 0 ? 0 : -1;
}

static void
add_action(xmlNodePtr actions, const char *name)
{
	page_attr(page_elem(actions, "action"), "name", name);
}

/* The actions the viewer may take now, as the workflow table says. */
static void
add_actions(struct ctx *c, xmlNodePtr parent, const struct document *d,
    const struct placement *p, int is_latest)
{
	xmlNodePtr	 a = page_elem(parent, "actions");
	enum doc_state	 to;
	int		 owner = access_owner(&c->user, p);
	int		 reviewer = access_reviewer(&c->user, p);
	int		 may_act = owner || reviewer;
	const struct kind *k = kind_find(d->kind);

	if (may_act && workflow_apply(d->state, ACTION_SAVE, c->user.role, 1,
	    &to) == WF_OK && owner)
		add_action(a, "edit");
	if (owner && workflow_apply(d->state, ACTION_SUBMIT, c->user.role, 1,
	    &to) == WF_OK)
		add_action(a, "submit");
	if (reviewer && workflow_apply(d->state, ACTION_RETURN, c->user.role,
	    1, &to) == WF_OK)
		add_action(a, "return");
	if (reviewer && workflow_apply(d->state, ACTION_APPROVE, c->user.role,
	    1, &to) == WF_OK)
		add_action(a, "approve");
	if (owner && is_latest && k != NULL && k->revisable &&
	    workflow_apply(d->state, ACTION_REVISE,
	    c->user.role, 1, &to) == WF_OK)
		add_action(a, "revise");
	add_action(a, "history");
	add_action(a, "xml");
}

/* What a document's redirect says (?m=). */
static const char *const doc_flashes[] = { "saved", "submitted", "returned",
	"approved", "revised", NULL };

/*
 * The read-only document page, optionally with errors (a refused
 * comment).  Returns the status sent.
 */
static int
send_view(struct ctx *c, const struct document *d, const struct placement *p,
    const struct field_errors *errs, int status)
{
	struct page	 pg;
	xmlNodePtr	 n;
	xmlDocPtr	 content;
	char		*xml;
	long		 latest = d->id;

	/* Parsed once per worker while the stored text stays the same. */
	xml = store_document_xml(c->db, d->id, d->version);
	content = xml == NULL ? NULL : pagecache_content(d->id, d->version, xml);
	free(xml);
	if (content == NULL || ctx_page(c, &pg, "document") == -1)
		return send_error(c, 500);
	ctx_flash(c, &pg, doc_flashes);
	n = doc_element(c, &pg, d, p, content);
	if (page_content_doc(page_elem(n, "content"), content) == -1 ||
	    add_latest_return(c, n, d) == -1 ||
	    add_history_latest(c, n, d->id) == -1 ||
	    add_revisions(c, n, d, &latest) == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	add_actions(c, n, d, p, latest == d->id);
	if (errs != NULL)
		page_errors(&pg, errs);
	return send_page(c, &pg, status);
}

/* The stored XML itself, for integrations. */
static int
send_xml(struct ctx *c, const struct document *d)
{
	char	*xml = store_document_xml(c->db, d->id, d->version);

	if (xml == NULL)
		return send_error(c, 500);
	http_send(c->req, 200, "application/xml; charset=utf-8", xml,
	    strlen(xml));
	free(xml);
	return 200;
}

static int
wants_xml(const struct ctx *c)
{
	const char	*f = form_get(&c->req->params, "format");

	if (f != NULL)
		return strcmp(f, "xml") == 0;
	return strstr(c->req->accept, "application/xml") != NULL &&
	    strstr(c->req->accept, "text/html") == NULL;
}

int
h_doc_view(struct ctx *c)
{
	struct document	 d;
	struct placement p;
	int		 rc;

	if ((rc = load_doc(c, &d, &p)) != 0)
		return rc;
	return wants_xml(c) ? send_xml(c, &d) : send_view(c, &d, &p, NULL, 200);
}

int
h_doc_history(struct ctx *c)
{
	struct document	 d;
	struct placement p;
	struct page	 pg;
	xmlNodePtr	 n;
	int		 rc;

	if ((rc = load_doc(c, &d, &p)) != 0)
		return rc;
	if (ctx_page(c, &pg, "history") == -1)
		return send_error(c, 500);
	n = doc_element(c, &pg, &d, &p, NULL);
	if (add_history(c, n, d.id) == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	return send_page(c, &pg, 200);
}

/*
 * A plan (a kind that follows the assignment, kinds.h) follows the
 * counsellor's assignment: its scope (full or part time, the reason) is
 * the assignment's once one is recorded.  Returns 0, or -1 on an error.
 */
static int
follow_assignment(struct ctx *c, const struct kind *k,
    const struct placement *p, xmlDocPtr doc)
{
	struct placement_case	 pc;

	if (doc == NULL || !k->follows_assignment)
		return 0;
	if (store_placement_case(c->db, p->id, &pc) != 0)
		return -1;
	if (pc.assigned_at[0] == '\0')
		return 0;
	return planscope_apply(doc, pc.extent, pc.part_time_reason);
}

/* The assignment the plan must follow, on the plan's form. */
static int
add_assignment(struct ctx *c, xmlNodePtr parent, const struct kind *k,
    const struct placement *p)
{
	struct placement_case	 pc;
	xmlNodePtr		 n;

	if (!k->follows_assignment)
		return 0;
	if (store_placement_case(c->db, p->id, &pc) != 0)
		return -1;
	if (pc.assigned_at[0] == '\0')
		return 0;
	n = page_elem(parent, "assignment");
	page_attr(n, "extent", pc.extent);
	page_text(n, "text", pc.assignment);
	if (pc.part_time_reason[0])
		page_text(n, "part-time-reason", pc.part_time_reason);
	page_text(n, "future-plan", pc.future_plan);
	return 0;
}

/*
 * The edit form: for a new document d is NULL and period its month ("" if
 * none).  formdoc holds what the user typed (or the stored/empty
 * document).  Returns the status sent.
 */
static int
send_form(struct ctx *c, const struct document *d, const char *period,
    const struct placement *p, const struct kind *k, xmlDocPtr formdoc,
    const struct field_errors *errs, int status)
{
	struct page	 pg;
	struct document	 blank;
	xmlNodePtr	 n;

	if (ctx_page(c, &pg, "edit") == -1)
		return send_error(c, 500);
	if (d == NULL) {
		memset(&blank, 0, sizeof(blank));
		snprintf(blank.kind, sizeof(blank.kind), "%s", k->name);
		snprintf(blank.period, sizeof(blank.period), "%s", period);
		kind_title(k, period, 0, blank.title, sizeof(blank.title));
		blank.revision = 1;
		d = &blank;
	}
	n = doc_element(c, &pg, d, p, formdoc);
	page_attr(n, "new", d == &blank ? "1" : "0");
	page_attr_long(n, "placement-id", p->id);
	if (d == &blank)
		page_attr_remove(n, "id");
	if (page_content_doc(page_elem(n, "content"), formdoc) == -1 ||
	    add_assignment(c, n, k, p) == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	if (errs != NULL && errs->n > 0)
		page_errors(&pg, errs);
	return send_page(c, &pg, status);
}

/* Errors of an XML request, as XML. */
static int
send_xml_errors(struct ctx *c, int status, const struct field_errors *errs)
{
	struct page	 pg;
	char		*xml;
	size_t		 len = 0;

	if (page_new(&pg, "errors", c->req->id) == -1)
		return send_error(c, 500);
	page_errors(&pg, errs);
	xml = xmldoc_serialize(pg.doc, &len);
	page_free(&pg);
	if (xml == NULL)
		return send_error(c, 500);
	http_send(c->req, status, "application/xml; charset=utf-8", xml, len);
	free(xml);
	return status;
}

enum built { BUILT_OK, BUILT_ROWS, BUILT_INVALID, BUILT_BAD };


/*
 * Turns the request body (form or XML) into a document of kind k.
 * BUILT_OK: *valid holds the document to store.  BUILT_ROWS: a row was
 * added or removed, show *formdoc again.  BUILT_INVALID: errs says why.
 * BUILT_BAD: the request itself is malformed (*why: the code of why).
 */
static enum built
build_document(struct ctx *c, const struct kind *k, const struct placement *p,
    const char *period, xmlDocPtr *formdoc, xmlDocPtr *valid,
    struct field_errors *errs, const char **why)
{
	struct rule_input ri;
	const char	*add = form_get(&c->form, "_add");
	const char	*rm = form_get(&c->form, "_remove");
	xmlNodePtr	 root;

	*formdoc = *valid = NULL;
	*why = "form-unknown-field";
	if (is_xml_request(c)) {
		if ((*valid = xmldoc_parse_untrusted(c->req->body,
		    c->req->body_len, why)) == NULL)
			return BUILT_BAD;
		root = xmlDocGetRootElement(*valid);
		if (!xmlStrEqual(root->name, xmlDocGetRootElement(k->tmpl)->name)) {
			*why = "xml-wrong-root";
			return BUILT_BAD;
		}
	} else {
		if ((*formdoc = form_to_xml(&c->form, k->tmpl,
		    control_fields)) == NULL)
			return BUILT_BAD;
		if (add != NULL || rm != NULL) {
			if ((add && form_add_row(*formdoc, add, ROWS_MAX) == -1) ||
			    (rm && form_remove_row(*formdoc, rm) == -1))
				return BUILT_BAD;
			return BUILT_ROWS;
		}
		if ((*valid = xmlCopyDoc(*formdoc, 1)) == NULL)
			return BUILT_BAD;
		form_prune(*valid);
	}
	if (follow_assignment(c, k, p, *valid) == -1 ||
	    follow_assignment(c, k, p, *formdoc) == -1)
		return BUILT_BAD;
	if (xmldoc_validate(k->schema, *valid, k->repeatable, errs) == -1)
		return BUILT_BAD;
	if (errs->n == 0 && k->rules != NULL) {
		if (rule_input(p, period, &ri) == -1) {
			*why = "month-format";
			return BUILT_BAD;
		}
		k->rules(*valid, &ri, errs);
	}
	return errs->n > 0 ? BUILT_INVALID : BUILT_OK;
}

/*
 * Answers a build that did not end in BUILT_OK.  Returns the status sent.
 */
static int
send_build_failure(struct ctx *c, enum built b, const struct document *d,
    const char *period, const struct placement *p, const struct kind *k,
    xmlDocPtr formdoc, const struct field_errors *errs, const char *why)
{
	struct field_errors	 one;

	if (b == BUILT_BAD) {
		if (!is_xml_request(c))
			return send_error_code(c, 400, why, NULL);
		one.n = 0;
		field_errors_code(&one, "", why, NULL);
		return send_xml_errors(c, 400, &one);
	}
	if (is_xml_request(c))
		return send_xml_errors(c, 422, errs);
	return send_form(c, d, period, p, k, formdoc, errs,
	    b == BUILT_ROWS ? 200 : 422);
}

/*
 * The latest revision of the placement's document of kind and period (""
 * for none): a plan and a final report are one per placement, a monthly
 * report one per month.  Returns 0 with *id (0: none) or -1.
 */
static int
existing_document(struct ctx *c, const struct placement *p, const char *kind,
    const char *period, long *id)
{
	return store_doc_latest(c->db, p->id, kind, period, id);
}

static void
redirect_doc(struct ctx *c, long id, const char *suffix, const char *flash)
{
	char	 loc[128];

	snprintf(loc, sizeof(loc), "/documents/%ld%s%s%s", id, suffix,
	    flash ? "?m=" : "", flash ? flash : "");
	http_redirect(c->req, loc);
}

/*
 * Common checks of GET /documents/new and POST /documents: the kind, the
 * placement, the owner, the month (period, "YYYY-MM") of a monthly report,
 * which must lie in the placement.  period (8 bytes) gets the month or "".
 * Returns 0, or the status already sent (303 to an existing document).
 */
/*
 * The maximum length holds for a placement without an end date too: a
 * month that begins after the max end (with the team lead's extensions)
 * is not reported.  Returns 0, 1 if the month is past it, -1 on an error.
 */
static int
month_past_max(struct ctx *c, const struct kind *k, const struct placement *p,
    const struct rule_input *ri)
{
	struct placement_case	 pc;
	struct date		 first, max;

	if (k->schedule != SCHEDULE_MONTHLY || p->end[0] != '\0' ||
	    ri->period_month == 0)
		return 0;
	if (store_placement_case(c->db, p->id, &pc) != 0)
		return -1;
	max = case_max_end(ri->placement_start, pc.max_months,
	    pc.extension_months);
	first = (struct date){ ri->period_year, ri->period_month, 1 };
	return date_compare(first, max) > 0 ? 1 : 0;
}

static int
new_document_checks(struct ctx *c, const struct form *f, struct kind **k,
    struct placement *p, char period[8])
{
	struct rule_input ri;
	const char	*per = form_get(f, "period"), *why;
	long		 existing;
	int		 rc;

	period[0] = '\0';
	if ((rc = load_placement(c, form_get(f, "placement"), p)) != 0)
		return rc;
	if ((*k = kind_find(form_get(f, "kind"))) == NULL)
		return send_error(c, 404);
	if (!access_owner(&c->user, p))
		return send_error_code(c, 403, "provider-writes", NULL);
	if (per != NULL && per[0] != '\0' && strlen(per) != 7)
		return send_error_code(c, 400, "month-format", NULL);
	if (per != NULL)
		snprintf(period, 8, "%s", per);
	if (rule_input(p, period, &ri) == -1)
		return send_error_code(c, 400, "month-format", NULL);
	if ((why = kind_period_refusal(*k, &ri)) != NULL)
		return send_error_code(c, 422, why, NULL);
	if ((rc = month_past_max(c, *k, p, &ri)) != 0)
		return rc == 1 ?
		    send_error_code(c, 422, "month-past-max", NULL) :
		    send_error(c, 500);
	if (existing_document(c, p, (*k)->name, period, &existing) == -1)
		return send_error(c, 500);
	if (existing != 0) {
		redirect_doc(c, existing, "", NULL);
		return 303;
	}
	return 0;
}

int
h_doc_new(struct ctx *c)
{
	struct placement p;
	struct kind	*k;
	xmlDocPtr	 doc;
	char		 period[8];
	int		 rc;

	if ((rc = new_document_checks(c, &c->req->params, &k, &p,
	    period)) != 0)
		return rc;
	if ((doc = xmlCopyDoc(k->tmpl, 1)) == NULL)
		return send_error(c, 500);
	rc = send_form(c, NULL, period, &p, k, doc, NULL, 200);
	xmlFreeDoc(doc);
	return rc;
}

int
h_doc_create(struct ctx *c)
{
	struct field_errors errs;
	struct placement p;
	struct kind	*k;
	xmlDocPtr	 formdoc, valid;
	const char	*why;
	char		*xml = NULL, period[8], title[200];
	enum built	 b;
	long		 id;
	int		 rc;

	errs.n = 0;	/* 32 KB of entries: each is written when added */
	if ((rc = new_document_checks(c, is_xml_request(c) ? &c->req->params :
	    &c->form, &k, &p, period)) != 0)
		return rc;
	b = build_document(c, k, &p, period, &formdoc, &valid, &errs, &why);
	if (b != BUILT_OK) {
		rc = send_build_failure(c, b, NULL, period, &p, k, formdoc,
		    &errs, why);
		goto out;
	}
	if ((xml = xmldoc_serialize(valid, NULL)) == NULL) {
		rc = send_error(c, 500);
		goto out;
	}
	kind_title(k, period, 0, title, sizeof(title));
	switch (store_document_create(c->db, &c->user, &p, k->name, period, 1,
	    title, xml, &id)) {
	case 0:
		redirect_doc(c, id, "", "saved");
		rc = 303;
		break;
	case 1:
		rc = send_error_code(c, 409, "doc-exists", NULL);
		break;
	default:
		rc = send_error(c, 500);
		break;
	}
out:
	free(xml);
	xmlFreeDoc(formdoc);
	xmlFreeDoc(valid);
	return rc;
}

/*
 * The workflow and ownership checks of an action on d.  Returns 0 with
 * *to set, or the status already sent.
 */
static int
check_action(struct ctx *c, const struct document *d,
    const struct placement *p, enum wf_action a, int has_comment,
    enum doc_state *to)
{
	switch (workflow_apply(d->state, a, c->user.role, has_comment, to)) {
	case WF_OK:
		break;
	case WF_WRONG_ROLE:
		return send_error_code(c, 403, "role-may-not", NULL);
	case WF_COMMENT_REQUIRED:
		return 422;
	case WF_WRONG_STATE:
		return send_error_code(c, 409, "wrong-state",
		    state_name(d->state));
	}
	if (c->user.role == ROLE_PROVIDER ? !access_owner(&c->user, p) :
	    !access_reviewer(&c->user, p))
		return send_error(c, 403);
	return 0;
}

int
h_doc_edit(struct ctx *c)
{
	struct document	 d;
	struct placement p;
	struct kind	*k;
	enum doc_state	 to;
	xmlDocPtr	 doc;
	char		*xml;
	int		 rc;

	if ((rc = load_doc(c, &d, &p)) != 0)
		return rc;
	if ((rc = check_action(c, &d, &p, ACTION_SAVE, 1, &to)) != 0)
		return rc;
	if ((k = kind_find(d.kind)) == NULL ||
	    (xml = store_document_xml(c->db, d.id, d.version)) == NULL)
		return send_error(c, 500);
	doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(xml);
	if (doc == NULL)
		return send_error(c, 500);
	rc = send_form(c, &d, d.period, &p, k, doc, NULL, 200);
	xmlFreeDoc(doc);
	return rc;
}

int
h_doc_save(struct ctx *c)
{
	struct field_errors errs;
	struct document	 d;
	struct placement p;
	struct kind	*k;
	enum doc_state	 to;
	xmlDocPtr	 formdoc = NULL, valid = NULL;
	const char	*why, *v;
	char		*xml = NULL;
	enum built	 b;
	long		 version;
	int		 rc;

	errs.n = 0;
	if ((rc = load_doc(c, &d, &p)) != 0)
		return rc;
	if ((rc = check_action(c, &d, &p, ACTION_SAVE, 1, &to)) != 0)
		return rc;
	v = form_get(is_xml_request(c) ? &c->req->params : &c->form, "version");
	version = v == NULL && is_xml_request(c) ? d.version : parse_id(v);
	if (version == 0)
		return send_error_code(c, 400, "version-missing", NULL);
	if ((k = kind_find(d.kind)) == NULL)
		return send_error(c, 500);
	b = build_document(c, k, &p, d.period, &formdoc, &valid, &errs, &why);
	if (b != BUILT_OK) {
		rc = send_build_failure(c, b, &d, d.period, &p, k, formdoc,
		    &errs, why);
		goto out;
	}
	if ((xml = xmldoc_serialize(valid, NULL)) == NULL) {
		rc = send_error(c, 500);
		goto out;
	}
	switch (store_document_save(c->db, &c->user, &d, (int)version, xml)) {
	case 0:
		redirect_doc(c, d.id, "", "saved");
		rc = 303;
		break;
	case 1: {
		/* Lost update refused: link to the newer version. */
		char	 href[40];

		snprintf(href, sizeof(href), "/documents/%ld", d.id);
		rc = send_error_code_link(c, 409, "doc-changed", NULL, href,
		    "open-document");
		break;
	}
	default:
		rc = send_error(c, 500);
		break;
	}
out:
	free(xml);
	xmlFreeDoc(formdoc);
	xmlFreeDoc(valid);
	return rc;
}

/* A comment with at least one visible character, or NULL. */
static const char *
comment_of(struct ctx *c)
{
	const char	*s = form_get(&c->form, "comment");
	const char	*p;

	for (p = s; p != NULL && *p; p++)
		if (*p != ' ' && *p != '\n' && *p != '\t')
			return s;
	return NULL;
}

/*
 * The refusal of a final report that comes in too late: an error page
 * whose reason the stylesheet words (xsl/error.xsl), with the dates and
 * the way back to the draft, which is kept as it is.  Returns 409.
 */
static int
send_final_refused(struct ctx *c, const struct document *d,
    const struct doc_dues *dd)
{
	struct page	 pg;
	xmlNodePtr	 e;
	char		 buf[11];

	if (ctx_page(c, &pg, "error") == -1)
		return send_error(c, 409);
	e = page_elem(pg.root, "error");
	page_attr_long(e, "code", 409);
	page_attr(e, "request-id", c->req->id);
	page_attr(e, "reason", "final-too-late");
	page_attr_long(e, "document", d->id);
	date_format(dd->end, buf);
	page_attr(e, "end", buf);
	date_format(dd->submit_until, buf);
	page_attr(e, "submit-until", buf);
	return send_page(c, &pg, 409);
}

/*
 * A final report (a kind whose late submission is refused, kinds.h) may
 * come in, unpaid, up to 14 days after the end; a first submission later
 * is refused.  Returns 0, or the status of the page sent.
 */
static int
check_final_window(struct ctx *c, const struct document *d,
    const struct placement *p)
{
	const struct kind *k = kind_find(d->kind);
	struct late_case pc;
	struct doc_fact	 f;
	struct doc_dues	 dd;

	if (k == NULL || !k->late_refused)
		return 0;
	if (doc_facts(c, d, p, NULL, &pc, &f) == -1)
		return send_error(c, 500);
	doc_dues(&pc, &f, local_today(), &dd);
	return dd.refused ? send_final_refused(c, d, &dd) : 0;
}

static int
do_transition(struct ctx *c, enum wf_action a, const char *flash)
{
	struct field_errors errs;
	struct document	 d;
	struct placement p;
	enum doc_state	 to;
	struct kind	*k;
	const char	*comment = comment_of(c);
	char		 title[200];
	int		 rc;

	if ((rc = load_doc(c, &d, &p)) != 0)
		return rc;
	if (comment != NULL && strlen(comment) > COMMENT_MAX)
		return send_error_code(c, 413, "comment-too-long", NULL);
	rc = check_action(c, &d, &p, a, comment != NULL, &to);
	if (rc == 422) {
		errs.n = 0;	/* 32 KB of entries: each is written when added */
		field_errors_code(&errs, "comment", "comment-required", NULL);
		return send_view(c, &d, &p, &errs, 422);
	}
	if (rc != 0)
		return rc;
	if (a == ACTION_SUBMIT && (rc = check_final_window(c, &d, &p)) != 0)
		return rc;
	/*
	 * A monthly report says in its title that it is ready (README,
	 * Rules: monthly reports).
	 */
	k = kind_find(d.kind);
	if (k != NULL && k->schedule == SCHEDULE_MONTHLY)
		kind_title(k, d.period, to == STATE_SUBMITTED ||
		    to == STATE_APPROVED, title, sizeof(title));
	switch (store_document_transition(c->db, &c->user, &d, &p, a, to,
	    comment, k != NULL && k->schedule == SCHEDULE_MONTHLY ? title :
	    NULL)) {
	case 0:
		redirect_doc(c, d.id, "", flash);
		return 303;
	case 1:
		return send_error_code(c, 409, "doc-changed-meanwhile", NULL);
	default:
		return send_error(c, 500);
	}
}

int
h_doc_submit(struct ctx *c)
{
	return do_transition(c, ACTION_SUBMIT, "submitted");
}

int
h_doc_return(struct ctx *c)
{
	return do_transition(c, ACTION_RETURN, "returned");
}

int
h_doc_approve(struct ctx *c)
{
	return do_transition(c, ACTION_APPROVE, "approved");
}

/*
 * An approved document never changes: a new revision starts as a draft
 * copy of it.
 */
int
h_doc_revise(struct ctx *c)
{
	struct document	 d;
	struct placement p;
	enum doc_state	 to;
	struct kind	*k;
	long		 latest, id;
	char		*xml;
	int		 rc;

	if ((rc = load_doc(c, &d, &p)) != 0)
		return rc;
	if ((rc = check_action(c, &d, &p, ACTION_REVISE, 1, &to)) != 0)
		return rc;
	if ((k = kind_find(d.kind)) == NULL || !k->revisable)
		return send_error_code(c, 409, "kind-not-revisable", NULL);
	if (existing_document(c, &p, d.kind, d.period, &latest) == -1)
		return send_error(c, 500);
	if (latest != d.id)
		return send_error_code(c, 409, "newer-revision", NULL);
	if ((xml = store_document_xml(c->db, d.id, d.version)) == NULL)
		return send_error(c, 500);
	rc = store_document_create(c->db, &c->user, &p, d.kind, d.period,
	    d.revision + 1, d.title, xml, &id);
	free(xml);
	if (rc == 1)
		return send_error_code(c, 409, "newer-revision", NULL);
	if (rc != 0)
		return send_error(c, 500);
	redirect_doc(c, id, "/edit", NULL);
	return 303;
}
