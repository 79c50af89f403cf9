/*
 * handlers_pages: the start page of each role (a work queue: what is due
 * from a provider, what waits for a counsellor's review and the
 * providers' deficiencies), the placement page and the health check.
 * Every list is paged (?page=N, PAGE_SIZE rows) and read through indexes
 * from the viewer's own placements, so its cost follows the viewer's
 * caseload, not the size of the database.  The lists with due dates (the
 * provider's work queue, the counsellor's review queue) are sorted by due
 * date, ?sort=due (oldest first, the default) or ?sort=-due.  A malformed
 * page or sort answers 400; a page past the end is an empty list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "caseload.h"
#include "deficiency.h"
#include "doclists.h"
#include "duties.h"
#include "latefacts.h"
#include "latepage.h"
#include "localdate.h"
#include "protectedlog.h"
#include "protectedpage.h"
#include "msghandlers.h"
#include "router.h"

#define PAGE_SIZE	50
#define PAGE_MAX	10000
#define FACTS_MAX	128	/* documents of one placement looked at */
#define QUEUE_MAX	(PAGE_SIZE * 16)	/* duties of one page's placements */

/* How the start page's lists are shown: ?page=N and ?sort=. */
struct view {
	int	 page;		/* 1..PAGE_MAX */
	int	 desc;		/* due dates newest first */
};

/*
 * The ?page=N of the request: 1 when absent, else 1..PAGE_MAX written
 * with digits only and no leading zero.  Returns the page or -1.
 */
static int
page_number(struct ctx *c)
{
	const char	*s = form_get(&c->req->params, "page");
	long		 n;
	size_t		 i;

	if (s == NULL)
		return 1;
	if (*s < '1' || *s > '9' || strlen(s) > 5)
		return -1;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	n = strtol(s, NULL, 10);
	return n <= PAGE_MAX ? (int)n : -1;
}

/*
 * The ?sort= of the request, a whitelisted key: absent or "due" is 0
 * (oldest due date first), "-due" 1.  Returns 0, 1 or -1.
 */
static int
sort_desc(struct ctx *c)
{
	const char	*s = form_get(&c->req->params, "sort");

	if (s == NULL || strcmp(s, "due") == 0)
		return 0;
	return strcmp(s, "-due") == 0 ? 1 : -1;
}

/*
 * Marks a paged list with its page, sort and, when there is more, the
 * next page; the previous one only while it is not past the end.
 */
static void
page_marks(xmlNodePtr list, const struct view *v, int rows, int more)
{
	page_attr_long(list, "page", v->page);
	page_attr(list, "sort", v->desc ? "-due" : "due");
	if (more)
		page_attr_long(list, "next", v->page + 1);
	if (v->page > 1 && rows > 0)
		page_attr_long(list, "prev", v->page - 1);
}

/* One entry of the provider's work queue. */
struct due_item {
	struct duty	 duty;
	struct placement p;
};

static int
due_cmp(const void *a, const void *b)
{
	const struct due_item	*x = a, *y = b;
	int			 r = date_compare(x->duty.due, y->duty.due);

	if (r != 0)
		return r;
	return x->p.id < y->p.id ? -1 : x->p.id > y->p.id;
}

/* Appends the open duties of p to the queue q (n items, room for max). */
static void
queue_open_duties(const struct placement *p, const struct duty *d, int nd,
    struct due_item *q, size_t *n, size_t max)
{
	int	 i;

	for (i = 0; i < nd && *n < max; i++)
		if (d[i].open) {
			q[*n].duty = d[i];
			q[*n].p = *p;
			(*n)++;
		}
}

/* due_cmp the other way round: the latest due date first. */
static int
due_cmp_desc(const void *a, const void *b)
{
	return due_cmp(b, a);
}

/*
 * Writes the provider's work queue of this page's placements, in due-date
 * order (v->desc: latest first).
 */
static void
add_due_list(struct ctx *c, xmlNodePtr parent, struct due_item *q, size_t n,
    const struct view *v, int rows, int more)
{
	xmlNodePtr	 list = page_elem(parent, "due"), it;
	char		 buf[11];
	size_t		 i;

	page_marks(list, v, rows, more);
	qsort(q, n, sizeof(q[0]), v->desc ? due_cmp_desc : due_cmp);
	for (i = 0; i < n; i++) {
		it = page_elem(list, "item");
		page_attr(it, "kind", q[i].duty.kind);
		if (q[i].duty.period[0])
			page_attr(it, "period", q[i].duty.period);
		/*
		 * A plan revision the counsellor asked for (README, Rules:
		 * the plan).
		 */
		if (q[i].duty.revision > 0)
			page_attr_long(it, "revision", q[i].duty.revision);
		date_format(q[i].duty.due, buf);
		page_attr(it, "due", buf);
		page_attr(it, "late", q[i].duty.late ? "1" : "0");
		page_attr(it, "state", q[i].duty.started ?
		    state_name(q[i].duty.state) : "none");
		if (q[i].duty.doc_id)
			page_attr_long(it, "document", q[i].duty.doc_id);
		page_placement(it, &q[i].p, &c->user);
	}
}

/*
 * The column of a placement row of the kind the lists show (kind_listed(),
 * the plan): the state of its latest revision, and its duty's due date
 * and lateness (duties.c), as everywhere.
 */
static void
add_plan_status(xmlNodePtr pl, const struct kind *k,
    const struct caseload_placement *r, const struct duty *d, int nd)
{
	xmlNodePtr	 n = page_elem(pl, k->name);
	char		 buf[11];
	int		 i;

	page_attr(n, "state", r->has_plan ? state_name(r->plan_state) : "none");
	if (r->has_plan) {
		page_attr_long(n, "document", r->plan_id);
		page_attr_long(n, "revision", r->plan_revision);
	}
	for (i = 0; i < nd; i++)
		if (strcmp(d[i].kind, k->name) == 0 && d[i].revision == 0) {
			date_format(d[i].due, buf);
			page_attr(n, "due", buf);
			page_attr(n, "late", d[i].late ? "1" : "0");
			return;
		}
}

/* One page of placements as add_placements writes it. */
struct placements_page {
	struct ctx	*c;
	const struct kind *listed;	/* kind_listed() */
	xmlNodePtr	 list;
	struct date	 today;
	int		 with_due;
	struct due_item	*q;		/* ~1 MB: from the heap, per call */
	size_t		 nq;
	int		 rows;
};

/* A placement of the page, with its plan and open duties.  Returns 0. */
static int
add_placement_row(const struct caseload_placement *r, void *arg)
{
	struct placements_page	*a = arg;
	struct duty		 d[DUTIES_MAX];
	xmlNodePtr		 pl;
	int			 nd = 0;

	a->rows++;
	pl = page_placement(a->list, &r->p, &a->c->user);
	/* The facts of its documents: of the plan alone for a counsellor. */
	if (r->has_case)
		nd = (int)duties_of_placement(&r->lc, a->today, r->docs,
		    r->ndocs, d, DUTIES_MAX);
	add_plan_status(pl, a->listed, r, d, nd);
	queue_open_duties(&r->p, d, a->with_due ? nd : 0, a->q, &a->nq,
	    QUEUE_MAX);
	return 0;
}

/*
 * One page of the viewer's placements with their plan: a provider's
 * (its organisation's) also lists what is due from it for them (<due>),
 * a counsellor's not.  Returns 0 or -1.
 */
static int
add_placements(struct ctx *c, xmlNodePtr parent, struct date today,
    const struct view *v)
{
	struct placements_page	 a;
	int			 rc, more, offset = (v->page - 1) * PAGE_SIZE;

	memset(&a, 0, sizeof(a));
	a.c = c;
	a.list = page_elem(parent, "placements");
	a.today = today;
	a.with_due = c->user.role == ROLE_PROVIDER;
	if ((a.listed = kind_listed()) == NULL ||
	    (a.q = malloc(QUEUE_MAX * sizeof(*a.q))) == NULL)
		return -1;
	if (a.with_due)
		rc = store_placements_of_provider_each(c->db, c->user.org_id,
		    a.listed->name, PAGE_SIZE, offset, &more,
		    add_placement_row, &a);
	else
		rc = store_placements_of_counsellor_each(c->db, c->user.id,
		    a.listed->name, PAGE_SIZE, offset, &more,
		    add_placement_row, &a);
	if (rc != 0) {
		free(a.q);
		return -1;
	}
	page_marks(a.list, v, a.rows, more);
	if (a.with_due)
		add_due_list(c, parent, a.q, a.nq, v, a.rows, more);
	free(a.q);
	return 0;
}

/* One page of the review queue as add_queue writes it. */
struct queue_page {
	struct ctx	*c;
	xmlNodePtr	 list;
	struct date	 today;
	int		 rows;
};

/* A document of the queue with its dates and placement.  Returns 0. */
static int
add_queue_item(const struct review_item *r, void *arg)
{
	struct queue_page	*a = arg;
	struct doc_dues		 dd;
	xmlNodePtr		 n;

	a->rows++;
	n = page_document(a->list, "doc", &r->d);
	if (r->has_facts) {
		doc_dues(&r->lc, &r->f, a->today, &dd);
		late_page_attrs(n, &dd);
	}
	page_placement(n, &r->p, &a->c->user);
	return 0;
}

/*
 * One page of the documents waiting for the counsellor's review, by the
 * latest submission (the statements sort by that), each with its dates
 * (lateness.h): review by and, for a monthly report, approve by.
 */
static int
add_queue(struct ctx *c, xmlNodePtr parent, struct date today,
    const struct view *v)
{
	struct queue_page	 a;
	int			 rc, more;

	a.c = c;
	a.list = page_elem(parent, "queue");
	a.today = today;
	a.rows = 0;
	rc = store_review_queue_each(c->db, c->user.id, v->desc, PAGE_SIZE,
	    (v->page - 1) * PAGE_SIZE, &more, add_queue_item, &a);
	page_marks(a.list, v, a.rows, more);
	return rc == 0 ? 0 : -1;
}

/*
 * Per provider, the deficiencies (README, Rules: deficiencies) among the
 * counsellor's placements (deficiency.h): one aggregate statement, at most
 * PAGE_SIZE providers by name, more="1" when there are more.  Returns 0 or
 * -1.
 */
static int
add_deficiencies(struct ctx *c, xmlNodePtr parent, struct date today)
{
	struct deficiency def[PAGE_SIZE];
	xmlNodePtr	 list = page_elem(parent, "deficiencies"), n;
	int		 nd, i, more;

	nd = deficiencies_of_counsellor(c->db, c->user.id, today, def,
	    PAGE_SIZE, &more);
	if (nd == -1)
		return -1;
	if (more)
		page_attr(list, "more", "1");
	for (i = 0; i < nd; i++) {
		n = page_elem(list, "provider");
		page_attr_long(n, "id", def[i].provider_id);
		page_attr(n, "name", def[i].name);
		page_attr_long(n, "very-late", def[i].very_late);
		page_attr_long(n, "late", def[i].late);
		page_attr_long(n, "returned", def[i].returned);
	}
	return 0;
}

static int
add_summary(struct ctx *c, xmlNodePtr parent)
{
	struct totals	 t;
	xmlNodePtr	 n = page_elem(parent, "summary");

	if (store_totals(c->db, &t) == -1)
		return -1;
	page_attr_long(n, "users", t.users);
	page_attr_long(n, "customers", t.customers);
	page_attr_long(n, "placements", t.placements);
	page_attr_long(n, "documents", t.documents);
	return 0;
}

int
h_start(struct ctx *c)
{
	struct page	 pg;
	struct date	 today = local_today();
	struct view	 v;
	int		 rc = 0;

	if ((v.page = page_number(c)) == -1)
		return send_error_code(c, 400, "page-number", NULL);
	if ((v.desc = sort_desc(c)) == -1)
		return send_error_code(c, 400, "sort-key", NULL);
	if (ctx_page(c, &pg, "start") == -1)
		return send_error(c, 500);
	switch (c->user.role) {
	case ROLE_PROVIDER:
		rc = case_start_steps(c, pg.root, today);
		if (rc == 0)
			rc = add_placements(c, pg.root, today, &v);
		if (rc == 0)	/* issue 13 */
			rc = messages_start(c, pg.root) ||
			    incidents_start(c, pg.root) ? -1 : 0;
		break;
	case ROLE_LEAD:
		rc = case_lead_start(c, pg.root, today);
		break;
	case ROLE_COUNSELLOR:
		rc = case_start_steps(c, pg.root, today);
		if (rc == 0)
			rc = add_queue(c, pg.root, today, &v);
		if (rc == 0)
			rc = add_placements(c, pg.root, today, &v);
		if (rc == 0)
			rc = add_deficiencies(c, pg.root, today);
		if (rc == 0)	/* issue 13 */
			rc = messages_start(c, pg.root) ||
			    incidents_start(c, pg.root) ? -1 : 0;
		break;
	case ROLE_ARCHIVIST:
		rc = archive_start_page(c, pg.root, today);
		break;
	default:
		rc = add_summary(c, pg.root);
		if (rc == 0 && c->user.role == ROLE_ADMIN)	/* issue 13 */
			rc = incidents_start(c, pg.root);
		break;
	}
	if (rc == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	return send_page(c, &pg, 200);
}

/* What a placement already has, to offer only the documents still missing. */
struct existing {
	struct doc_slot	 docs[FACTS_MAX];
	size_t		 n;
};

/* The dates of document d (facts f, nf of them) onto its <doc> n. */
static void
add_doc_dues(xmlNodePtr n, const struct document *d,
    const struct late_case *pc, const struct doc_fact *f, int nf,
    struct date today)
{
	struct doc_dues	 dd;
	int		 i;

	for (i = 0; i < nf; i++)
		if (f[i].id == d->id) {
			doc_dues(pc, &f[i], today, &dd);
			late_page_attrs(n, &dd);
			return;
		}
}

/* A placement's documents as add_documents writes them. */
struct documents_list {
	xmlNodePtr		 list;
	const struct late_case	*pc;
	const struct doc_fact	*facts;
	int			 nf;
	struct date		 today;
	struct existing		*have;
};

/* A document with its dates; notes what the placement has.  Returns 0. */
static int
add_document_row(const struct document *d, void *arg)
{
	struct documents_list	*a = arg;
	struct existing		*have = a->have;

	add_doc_dues(page_document(a->list, "doc", d), d, a->pc, a->facts,
	    a->nf, a->today);
	if (have->n < sizeof(have->docs) / sizeof(have->docs[0])) {
		memcpy(have->docs[have->n].kind, d->kind, sizeof(d->kind));
		memcpy(have->docs[have->n++].period, d->period,
		    sizeof(d->period));
	}
	return 0;
}

static int
add_documents(struct ctx *c, xmlNodePtr parent, long placement,
    struct existing *have)
{
	struct documents_list	 a;
	struct doc_fact		 facts[FACTS_MAX];
	struct late_case	 pc;
	int			 rc, nf;

	a.list = page_elem(parent, "documents");
	if ((nf = store_doc_facts_of_placement(c->db, placement, facts,
	    FACTS_MAX)) == -1 ||
	    (rc = late_case_of(c->db, placement, &pc)) == -1)
		return -1;
	if (rc == 1)
		nf = 0;
	a.pc = &pc;
	a.facts = facts;
	a.nf = nf;
	a.today = local_today();
	a.have = have;
	memset(have, 0, sizeof(*have));
	return store_documents_of_placement_each(c->db, placement,
	    add_document_row, &a) == 0 ? 0 : -1;
}

/*
 * The documents the owning provider may start (duties_offers()): each as
 * action "new-KIND", a monthly kind's with its period.
 */
static void
add_new_actions(xmlNodePtr actions, const struct placement *p,
    const struct existing *have, struct date today)
{
	struct doc_offer o[DUTIES_MAX];
	struct date	 start, end;
	char		 name[32];
	xmlNodePtr	 a;
	size_t		 i, n;

	if (date_parse(p->start, &start) == -1)
		start = (struct date){ 0, 0, 0 };
	if (p->end[0] == '\0' || date_parse(p->end, &end) == -1)
		end = (struct date){ 0, 0, 0 };
	n = duties_offers(start, end, today, have->docs, have->n, o,
	    DUTIES_MAX);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "new-%s", o[i].kind->name);
		a = page_elem(actions, "action");
		page_attr(a, "name", name);
		if (o[i].period[0] != '\0')
			page_attr(a, "period", o[i].period);
	}
}

/* What a step's redirect says (?m=). */
static const char *const case_flashes[] = { "queued", "staffed", "assigned",
	"meeting", "revision-requested", "ended", "extended", "follow-up",
	"follow-up-outcome", "consent", NULL };

int
send_placement(struct ctx *c, const struct placement *p,
    const struct field_errors *errs, const char *step, int status)
{
	struct date	 today = local_today();
	struct existing	 have;
	struct page	 pg;
	xmlNodePtr	 pl, actions;
	size_t		 i;

	if (ctx_page(c, &pg, "placement") == -1)
		return send_error(c, 500);
	if (errs == NULL)
		ctx_flash(c, &pg, case_flashes);
	pl = page_placement(pg.root, p, &c->user);
	if (add_documents(c, pl, p->id, &have) == -1 ||
	    case_add_to_placement(c, pl, p, today) == -1 ||
	    (p->protected && protected_add_to_page(c->db, pl, p->customer_id,
	    access_reviewer(&c->user, p)) == -1)) {
		page_free(&pg);
		return send_error(c, 500);
	}
	actions = page_elem(pl, "actions");
	if (access_owner(&c->user, p))
		add_new_actions(actions, p, &have, today);
	if (errs != NULL) {
		page_errors(&pg, errs);
		pl = page_elem(pg.root, "posted");
		page_attr(pl, "step", step);
		for (i = 0; i < c->form.n; i++)
			if (strcmp(c->form.fields[i].name, "csrf") != 0)
				page_attr(page_text(pl, "field",
				    c->form.fields[i].value), "name",
				    c->form.fields[i].name);
	}
	return send_page(c, &pg, status);
}

int
h_placement(struct ctx *c)
{
	struct placement p;
	int		 rc;

	if ((rc = ctx_placement(c, c->id, &p)) != 0)
		return rc;
	return send_placement(c, &p, NULL, NULL, 200);
}

/* No identity, no personal data: the database answers and pages render. */
int
h_health(struct ctx *c)
{
	struct totals	 t;
	int		 ok = store_totals(c->db, &t) == 0 && render_ready();

	if (!ok) {
		http_send(c->req, 503, "text/plain; charset=utf-8",
		    "unavailable\n", 12);
		return 503;
	}
	http_send(c->req, 200, "text/plain; charset=utf-8", "ok\n", 3);
	return 200;
}
