/*
 * handlers_case: the placement's case flow in the web app.  The counsellor
 * queues a customer at a provider (aktualisering), the provider staffs the
 * case (bemanning), the counsellor attaches the assignment and the future
 * plan (uppdrag), the provider records the start meeting, the counsellor
 * asks for a plan revision or records the ending decision
 * (avbrottsdokument), and the team lead extends a placement past its
 * maximum length.  Each step is one POST with a CSRF token (router.c), is
 * allowed by may_act() alone, checked by caseflow.c's rules, and written
 * with its event in one transaction (casestore.c).  A refused step shows
 * the placement page again (422) with the messages and what was typed.
 */
#include <stdio.h>
#include <string.h>

#include "casereads.h"
#include "caseflow.h"
#include "casestore.h"
#include "database.h"
#include "localdate.h"
#include "router.h"

#define NAME_MAX_BYTES		200
#define TEXT_MAX_BYTES		4000
#define REASON_MAX_BYTES	1000
#define CHOICES_MAX		500	/* customers in the queue form */

/*
 * The value of a required field, if it has a visible character and at
 * most max bytes; single-line values may not hold a newline.  Adds the
 * error otherwise (missing: the code of what to write).  Returns the value
 * or NULL.
 */
static const char *
text_field(struct ctx *c, const char *name, size_t max, int multiline,
    const char *missing, struct field_errors *errs)
{
	const char	*s = form_get(&c->form, name), *p;

	for (p = s; p != NULL && *p != '\0'; p++)
		if (*p != ' ' && *p != '\n' && *p != '\t')
			break;
	if (p == NULL || *p == '\0') {
		field_errors_code(errs, name, missing, NULL);
		return NULL;
	}
	if (strlen(s) > max) {
		field_errors_code(errs, name, "text-too-long", NULL);
		return NULL;
	}
	if (!multiline && strchr(s, '\n') != NULL) {
		field_errors_code(errs, name, "text-one-line", NULL);
		return NULL;
	}
	return s;
}

/* A required date field "YYYY-MM-DD": 0 with *d, or -1 (error added). */
static int
date_field(struct ctx *c, const char *name, struct date *d,
    struct field_errors *errs)
{
	const char	*s = form_get(&c->form, name);

	if (s == NULL || *s == '\0') {
		field_errors_code(errs, name, "date-required", NULL);
		return -1;
	}
	if (date_parse(s, d) == -1) {
		field_errors_code(errs, name, "date-format", NULL);
		return -1;
	}
	return 0;
}

/* The error of a refused date rule, for the field it names. */
static void
add_refusal(struct field_errors *errs, enum case_refusal r,
    const char *field, struct date max_end, struct date planned)
{
	char	 day[11];

	switch (r) {
	case CASE_OK:
		return;
	case CASE_END_BEFORE_START:
		field_errors_code(errs, field, "end-before-start", NULL);
		return;
	case CASE_PAST_MAX:
		date_format(max_end, day);
		field_errors_code(errs, field, "past-max-extend", day);
		return;
	case CASE_DECISION_FUTURE:
		field_errors_code(errs, "decided_on", "decision-future", NULL);
		return;
	case CASE_END_BEFORE_DECISION:
		field_errors_code(errs, field, "end-before-decision", NULL);
		return;
	case CASE_COMPLETED_NOT_PLANNED:
		date_format(planned, day);
		field_errors_code(errs, field, "completed-ends-on-planned",
		    day);
		return;
	case CASE_EARLY_NOT_EARLY:
		date_format(planned, day);
		field_errors_code(errs, field, "early-ends-before-planned",
		    day);
		return;
	default:
		field_errors_code(errs, field, "not-now", NULL);
		return;
	}
}

/* The placement's max end with its extensions; year 0 if unreadable. */
static struct date
max_end_of(const struct placement *p, const struct placement_case *pc)
{
	struct date	 start, none = { 0, 0, 0 };

	if (date_parse(p->start, &start) == -1)
		return none;
	return case_max_end(start, pc->max_months, pc->extension_months);
}

/* Adds a step's due date (from the UTC time it follows) and lateness. */
static void
add_due(xmlNodePtr n, const char *name, struct date due, const char *done,
    struct date today)
{
	char	 buf[11], attr[32];
	struct date d;
	int	 late;

	date_format(due, buf);
	page_attr(n, name, buf);
	if (done != NULL && done[0] != '\0')
		late = local_date_of(done, &d) == 0 && date_compare(d, due) > 0;
	else
		late = date_compare(today, due) > 0;
	snprintf(attr, sizeof(attr), "%s-late", name);
	page_attr(n, attr, late ? "1" : "0");
}

/* The start meeting is late when held, or still not held, after due. */
static void
add_meeting_due(xmlNodePtr n, struct date due, const char *held,
    struct date today)
{
	struct date	 m;
	char		 buf[11];
	int		 late;

	date_format(due, buf);
	page_attr(n, "meeting-due", buf);
	if (held[0] != '\0')
		late = date_parse(held, &m) == 0 && date_compare(m, due) > 0;
	else
		late = date_compare(today, due) > 0;
	page_attr(n, "meeting-due-late", late ? "1" : "0");
}

/* The steps' times, dues and texts into <case>. */
static void
add_case_steps(xmlNodePtr n, const struct placement_case *pc,
    struct date today)
{
	struct date	 d;

	page_attr_time(n, "queued", pc->queued_at);
	if (local_date_of(pc->queued_at, &d) == 0)
		add_due(n, "staff-due", case_staff_due(d), pc->staffed_at,
		    today);
	page_attr_time(n, "staffed", pc->staffed_at);
	page_attr(n, "staff-name", pc->staff_name);
	if (local_date_of(pc->staffed_at, &d) == 0)
		add_due(n, "assign-due", case_assign_due(d), pc->assigned_at,
		    today);
	page_attr_time(n, "assigned", pc->assigned_at);
	page_attr(n, "extent", pc->extent);
	if (pc->assignment[0])
		page_text(n, "assignment", pc->assignment);
	if (pc->part_time_reason[0])
		page_text(n, "part-time-reason", pc->part_time_reason);
	if (pc->future_plan[0])
		page_text(n, "future-plan", pc->future_plan);
	if (local_date_of(pc->assigned_at, &d) == 0)
		add_meeting_due(n, case_meeting_due(d), pc->start_meeting_on,
		    today);
	page_attr(n, "meeting", pc->start_meeting_on);
	page_attr_time(n, "revision-requested", pc->revision_requested_at);
}

/* The ending, the max length and the extensions into <case>. */
static void
add_case_end(xmlNodePtr n, const struct placement *p,
    const struct placement_case *pc, struct date today)
{
	struct date	 max = max_end_of(p, pc), end;
	char		 buf[11];

	page_attr(n, "planned-end", pc->planned_end);
	page_attr(n, "ending", pc->ending);
	page_attr(n, "decided", pc->ending_decided_on);
	page_attr_time(n, "ended", pc->ended_at);
	page_attr_long(n, "extensions", pc->extension_months);
	page_attr_long(n, "extensions-max", CASE_EXTENSION_MAX);
	if (max.year == 0)
		return;
	date_format(max, buf);
	page_attr(n, "max-end", buf);
	/* Past the max: an open-ended one today, or an end beyond it. */
	if (pc->ending[0] == '\0' && ((p->end[0] == '\0' &&
	    date_compare(today, max) > 0) || (p->end[0] != '\0' &&
	    date_parse(p->end, &end) == 0 && date_compare(end, max) > 0)))
		page_attr(n, "past-max", "1");
}

/* The steps the viewer may take now, as <may name="…"/>. */
static void
add_case_actions(xmlNodePtr n, const struct user *u,
    const struct placement *p, const struct placement_case *pc,
    struct date today)
{
	int	 open = pc->ending[0] == '\0';

	if (open && may_act(u, p, CASE_STAFF))
		page_attr(page_elem(n, "may"), "name", "staff");
	if (open && pc->staffed_at[0] && may_act(u, p, CASE_ASSIGN))
		page_attr(page_elem(n, "may"), "name", "assign");
	if (open && pc->assigned_at[0] && may_act(u, p, CASE_MEETING))
		page_attr(page_elem(n, "may"), "name", "start-meeting");
	if (open && may_act(u, p, CASE_BOOK_FOLLOW_UP))
		page_attr(page_elem(n, "may"), "name", "book-follow-up");
	if (open && may_act(u, p, CASE_REQUEST_REVISION))
		page_attr(page_elem(n, "may"), "name", "request-revision");
	if (open && may_act(u, p, CASE_END))
		page_attr(page_elem(n, "may"), "name", "end");
	if (may_act(u, p, CASE_EXTEND) && case_check_extension(
	    pc->extension_months, !open, max_end_of(p, pc), today) == CASE_OK)
		page_attr(page_elem(n, "may"), "name", "extend");
}

/* One of the placement's own events into <history>. */
static int
add_event(const struct case_event *ev, void *arg)
{
	xmlNodePtr	 e = page_elem(arg, "event");

	page_attr_time(e, "at", ev->at);
	page_attr(e, "login", ev->login);
	page_attr(e, "name", ev->name);
	page_attr(e, "role", ev->role);
	page_attr(e, "action", ev->action);
	if (ev->comment != NULL)
		page_text(e, "comment", ev->comment);
	return 0;
}

/* The placement's own events (queue, steps, ending) into <case>. */
static int
add_case_history(struct ctx *c, xmlNodePtr n, long id)
{
	return casereads_events_each(c->db, id, add_event,
	    page_elem(n, "history"));
}

/* What a follow-up row needs besides itself. */
struct follow_up_list {
	xmlNodePtr	 list;
	struct date	 today;
	int		 reviewer;	/* may record an outcome */
};

/* One follow-up meeting, with the outcome form where it is due. */
static int
add_follow_up(const struct follow_up *fu, void *arg)
{
	struct follow_up_list	*l = arg;
	xmlNodePtr		 f = page_elem(l->list, "follow-up");
	struct date		 d;

	page_attr_long(f, "id", fu->id);
	page_attr(f, "meeting-on", fu->meeting_on);
	if (fu->note != NULL)
		page_text(f, "note", fu->note);
	page_attr(f, "booked-by", fu->booked_by);
	page_attr(f, "booked-by-role", fu->booked_by_role);
	page_attr_time(f, "booked", fu->booked_at);
	if (fu->outcome != NULL) {
		page_text(f, "outcome", fu->outcome);
		page_attr(f, "revise-plan", fu->revise_plan ? "1" : "0");
		page_attr_time(f, "outcome-at", fu->outcome_at);
	} else if (l->reviewer && date_parse(fu->meeting_on, &d) == 0 &&
	    date_compare(d, l->today) <= 0)
		page_attr(f, "may-record", "1");
	return 0;
}

/* The follow-up meetings, with the outcome form where it is due. */
static int
add_follow_ups(struct ctx *c, xmlNodePtr n, const struct placement *p,
    struct date today)
{
	struct follow_up_list	 l;

	l.list = page_elem(n, "follow-ups");
	l.today = today;
	l.reviewer = may_act(&c->user, p, CASE_FOLLOW_UP_OUTCOME);
	return casereads_follow_ups_each(c->db, p->id, add_follow_up, &l);
}

/*
 * The current plan of the customer's former placement at another
 * provider (a provider change): its link once the customer's consent is
 * recorded, and the consent form for the counsellor until then.  Sets
 * *has when there is one.  Returns 0 or -1.
 */
static int
add_former_plan(struct ctx *c, xmlNodePtr n, const struct placement *p,
    const struct placement_case *pc, int *has)
{
	struct former_plan	 fp;
	xmlNodePtr		 f;
	int			 rc;

	*has = 0;
	if ((rc = casereads_former_plan(c->db, p->id, &fp)) != 0)
		return rc == 1 ? 0 : -1;
	*has = 1;
	f = page_elem(n, "former-plan");
	page_attr(f, "provider", fp.provider);
	page_attr(f, "consent", pc->consent_at[0] ? "1" : "0");
	page_attr(f, "consent-on", pc->consent_on);
	if (pc->consent_at[0] || access_reviewer(&c->user, p)) {
		page_attr_long(f, "document", fp.document_id);
		page_attr_long(f, "revision", fp.revision);
		page_attr(f, "state", fp.state);
	}
	return 0;
}

int
case_add_to_placement(struct ctx *c, xmlNodePtr pl, const struct placement *p,
    struct date today)
{
	struct placement_case	 pc;
	xmlNodePtr		 n;
	int			 former;

	if (store_placement_case(c->db, p->id, &pc) != 0)
		return -1;
	n = page_elem(pl, "case");
	add_case_steps(n, &pc, today);
	add_case_end(n, p, &pc, today);
	add_case_actions(n, &c->user, p, &pc, today);
	if (add_follow_ups(c, n, p, today) == -1 ||
	    add_former_plan(c, n, p, &pc, &former) == -1)
		return -1;
	if (former && pc.consent_at[0] == '\0' && pc.ending[0] == '\0' &&
	    may_act(&c->user, p, CASE_CONSENT))
		page_attr(page_elem(n, "may"), "name", "consent");
	return add_case_history(c, n, p->id);
}

/*
 * The placement page again with the step's errors and what was typed
 * (422), or the answer to a step that cannot be taken now (409).
 */
static int
refused(struct ctx *c, const struct placement *p, const char *step,
    const struct field_errors *errs)
{
	return send_placement(c, p, errs, step, 422);
}

static int
store_answer(struct ctx *c, const struct placement *p, int rc,
    const char *flash)
{
	char	 loc[96];

	if (rc == 1)
		return send_error_code_link(c, 409, "step-stale", NULL, "/",
		    "to-start");
	if (rc != 0)
		return send_error(c, 500);
	snprintf(loc, sizeof(loc), "/placements/%ld?m=%s", p->id, flash);
	http_redirect(c->req, loc);
	return 303;
}

/*
 * Loads the placement of the path and checks that the viewer may take
 * step a on it.  Returns 0 with *p and *pc, or the status already sent.
 */
static int
load_step(struct ctx *c, enum case_action a, struct placement *p,
    struct placement_case *pc)
{
	int	 rc;

	if ((rc = ctx_placement(c, c->id, p)) != 0)
		return rc;
	if (!may_act(&c->user, p, a))
		return send_error_code(c, 403, "step-not-yours", NULL);
	if (store_placement_case(c->db, p->id, pc) != 0)
		return send_error(c, 500);
	return 0;
}

int
h_case_staff(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct placement_case	 pc;
	const char		*name;
	int			 rc;

	if ((rc = load_step(c, CASE_STAFF, &p, &pc)) != 0)
		return rc;
	name = text_field(c, "staff_name", NAME_MAX_BYTES, 0,
	    "responsible-required", &errs);
	if (errs.n > 0)
		return refused(c, &p, "staff", &errs);
	return store_answer(c, &p, casestore_staff(c->db, &c->user, &p, name),
	    "staffed");
}

int
h_case_assign(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct placement_case	 pc;
	const char		*text, *extent, *reason = NULL, *future;
	int			 rc;

	if ((rc = load_step(c, CASE_ASSIGN, &p, &pc)) != 0)
		return rc;
	if (pc.staffed_at[0] == '\0')
		return send_error_code(c, 409, "assign-before-staffed", NULL);
	text = text_field(c, "assignment", TEXT_MAX_BYTES, 1,
	    "assignment-required", &errs);
	extent = form_get(&c->form, "extent");
	if (extent == NULL || (strcmp(extent, "fulltime") != 0 &&
	    strcmp(extent, "parttime") != 0))
		field_errors_code(&errs, "extent", "extent-required", NULL);
	else if (strcmp(extent, "parttime") == 0)
		reason = text_field(c, "part_time_reason", REASON_MAX_BYTES, 1,
		    "parttime-reason-write", &errs);
	future = text_field(c, "future_plan", TEXT_MAX_BYTES, 1,
	    "future-plan-required", &errs);
	if (errs.n > 0)
		return refused(c, &p, "assign", &errs);
	return store_answer(c, &p, casestore_assign(c->db, &c->user, &p, text,
	    extent, reason, future), "assigned");
}

int
h_case_meeting(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct placement_case	 pc;
	struct date		 d, start;
	const char		*s;
	int			 rc;

	if ((rc = load_step(c, CASE_MEETING, &p, &pc)) != 0)
		return rc;
	if (pc.assigned_at[0] == '\0')
		return send_error_code(c, 409, "meeting-before-assigned", NULL);
	if (date_field(c, "meeting_on", &d, &errs) == 0 &&
	    date_parse(p.start, &start) == 0 &&
	    date_compare(d, date_add_days(start, -31)) < 0)
		field_errors_code(&errs, "meeting_on",
		    "meeting-long-before-start", NULL);
	if (errs.n > 0)
		return refused(c, &p, "start-meeting", &errs);
	s = form_get(&c->form, "meeting_on");
	return store_answer(c, &p, casestore_meeting(c->db, &c->user, &p, s),
	    "meeting");
}

int
h_case_request_revision(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct placement_case	 pc;
	const char		*comment;
	int			 rc;

	if ((rc = load_step(c, CASE_REQUEST_REVISION, &p, &pc)) != 0)
		return rc;
	comment = text_field(c, "comment", TEXT_MAX_BYTES, 1,
	    "revision-what-required", &errs);
	if (errs.n > 0)
		return refused(c, &p, "request-revision", &errs);
	return store_answer(c, &p, casestore_request_revision(c->db, &c->user,
	    &p, comment), "revision-requested");
}

int
h_case_end(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct placement_case	 pc;
	struct case_ending	 e;
	struct date		 start, planned = { 0, 0, 0 }, max;
	int			 rc, ok = 1;

	if ((rc = load_step(c, CASE_END, &p, &pc)) != 0)
		return rc;
	if (pc.ending[0] != '\0')
		return send_error_code(c, 409, "ending-exists", NULL);
	if (case_ending_parse(form_get(&c->form, "ending"), &e.kind) == -1) {
		field_errors_code(&errs, "ending", "ending-required", NULL);
		ok = 0;
	}
	ok &= date_field(c, "decided_on", &e.decided, &errs) == 0;
	ok &= date_field(c, "end_date", &e.end, &errs) == 0;
	if (date_parse(p.start, &start) == -1)
		return send_error(c, 500);
	if (p.end[0] != '\0')
		date_parse(p.end, &planned);
	max = case_max_end(start, pc.max_months, pc.extension_months);
	if (ok)
		add_refusal(&errs, case_check_ending(&e, start, planned, max,
		    today_local()), "end_date", max, planned);
	if (errs.n > 0)
		return refused(c, &p, "end", &errs);
	return store_answer(c, &p, casestore_end(c->db, &c->user, &p,
	    case_ending_name(e.kind), form_get(&c->form, "decided_on"),
	    form_get(&c->form, "end_date")), "ended");
}

int
h_case_extend(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct placement_case	 pc;
	struct date		 start, end, max;
	const char		*reason;
	char			 new_end[11];
	int			 rc;

	if ((rc = load_step(c, CASE_EXTEND, &p, &pc)) != 0)
		return rc;
	if (date_parse(p.start, &start) == -1)
		return send_error(c, 500);
	max = case_max_end(start, pc.max_months, pc.extension_months);
	switch (case_check_extension(pc.extension_months, pc.ending[0] != '\0',
	    max, today_local())) {
	case CASE_OK:
		break;
	case CASE_EXTENSIONS_USED:
		return send_error_code(c, 409, "extended-twice", NULL);
	case CASE_NOT_NEAR_MAX:
		return send_error_code(c, 409, "extend-too-early", NULL);
	default:
		return send_error_code(c, 409, "placement-ended", NULL);
	}
	reason = text_field(c, "reason", TEXT_MAX_BYTES, 1,
	    "extend-reason-required", &errs);
	if (errs.n > 0)
		return refused(c, &p, "extend", &errs);
	/* The end in force moves one month with the max (never past it). */
	new_end[0] = '\0';
	if (p.end[0] != '\0' && date_parse(p.end, &end) == 0) {
		end = date_add_months(end, 1);
		max = case_max_end(start, pc.max_months,
		    pc.extension_months + 1);
		date_format(date_compare(end, max) > 0 ? max : end, new_end);
	}
	return store_answer(c, &p, casestore_extend(c->db, &c->user, &p,
	    pc.extension_months, new_end[0] ? new_end : NULL, reason),
	    "extended");
}

int
h_case_consent(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct placement_case	 pc;
	struct former_plan	 fp;
	struct date		 d;
	int			 rc;

	if ((rc = load_step(c, CASE_CONSENT, &p, &pc)) != 0)
		return rc;
	/* Only a placement that follows one at another provider. */
	if ((rc = casereads_former_plan(c->db, p.id, &fp)) == -1)
		return send_error(c, 500);
	if (rc == 1)
		return send_error_code(c, 409, "no-former-plan", NULL);
	if (date_field(c, "consent_on", &d, &errs) == 0 &&
	    date_compare(d, today_local()) > 0)
		field_errors_code(&errs, "consent_on", "consent-future", NULL);
	if (errs.n > 0)
		return refused(c, &p, "consent", &errs);
	return store_answer(c, &p, casestore_consent(c->db, &c->user, &p,
	    form_get(&c->form, "consent_on")), "consent");
}

int
h_follow_up_book(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct placement_case	 pc;
	struct date		 d, start;
	const char		*note = form_get(&c->form, "note");
	long			 id;
	int			 rc;

	if ((rc = load_step(c, CASE_BOOK_FOLLOW_UP, &p, &pc)) != 0)
		return rc;
	if (date_field(c, "follow_up_on", &d, &errs) == 0 &&
	    date_parse(p.start, &start) == 0 &&
	    date_compare(d, date_add_days(start, -31)) < 0)
		field_errors_code(&errs, "follow_up_on",
		    "meeting-long-before-start", NULL);
	if (note != NULL && *note == '\0')
		note = NULL;
	else if (note != NULL && strlen(note) > TEXT_MAX_BYTES)
		field_errors_code(&errs, "note", "text-too-long", NULL);
	if (errs.n > 0)
		return refused(c, &p, "book-follow-up", &errs);
	return store_answer(c, &p, casestore_follow_up_book(c->db, &c->user,
	    &p, form_get(&c->form, "follow_up_on"), note, &id), "follow-up");
}

int
h_follow_up_outcome(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct placement	 p;
	struct follow_up_ref	 fu;
	const char		*outcome;
	struct date		 held;
	int			 rc, when;

	if ((rc = casereads_follow_up_get(c->db, c->id, &fu)) == -1)
		return send_error(c, 500);
	if (rc == 1 || fu.placement_id == 0)
		return send_error(c, 404);
	when = date_parse(fu.meeting_on, &held);
	if ((rc = ctx_placement(c, fu.placement_id, &p)) != 0)
		return rc;
	if (!may_act(&c->user, &p, CASE_FOLLOW_UP_OUTCOME))
		return send_error_code(c, 403, "outcome-by-counsellor", NULL);
	if (when == -1 || date_compare(held, today_local()) > 0)
		return send_error_code(c, 409, "outcome-before-held", NULL);
	outcome = text_field(c, "outcome", TEXT_MAX_BYTES, 1,
	    "outcome-required", &errs);
	if (errs.n > 0) {
		char	 step[32];

		snprintf(step, sizeof(step), "outcome-%ld", c->id);
		return refused(c, &p, step, &errs);
	}
	return store_answer(c, &p, casestore_follow_up_outcome(c->db,
	    &c->user, &p, c->id, outcome,
	    form_get(&c->form, "revise_plan") != NULL), "follow-up-outcome");
}

#define STEPS_MAX	50	/* rows of a start page's step list */
#define NEAR_MAX_SCAN	2000	/* open placements the lead's list reads */

/* What a start page's list row needs besides the row. */
struct start_list {
	struct ctx	*c;
	xmlNodePtr	 list;
	struct date	 today;
	int		 rows;
};

/* One open step of a placement on a start page. */
static int
add_step_row(const struct case_step *s, void *arg)
{
	struct start_list	*l = arg;
	struct date		 d, due;
	const char		*name;
	enum case_action	 a;
	xmlNodePtr		 n;
	char			 buf[11];

	if (s->staffed_at == NULL) {
		name = "staff";
		a = CASE_STAFF;
		if (local_date_of(s->queued_at, &d) == -1)
			return 0;
		due = case_staff_due(d);
	} else if (s->assigned_at == NULL) {
		name = "assign";
		a = CASE_ASSIGN;
		if (local_date_of(s->staffed_at, &d) == -1)
			return 0;
		due = case_assign_due(d);
	} else {
		name = "start-meeting";
		a = CASE_MEETING;
		if (local_date_of(s->assigned_at, &d) == -1)
			return 0;
		due = case_meeting_due(d);
	}
	/* The statements pick the viewer's steps; who may is may_act()'s. */
	if (!may_act(&l->c->user, &s->p, a))
		return 0;
	n = page_elem(l->list, "step");
	page_attr(n, "name", name);
	date_format(due, buf);
	page_attr(n, "due", buf);
	page_attr(n, "late", date_compare(l->today, due) > 0 ? "1" : "0");
	page_placement(n, &s->p, &l->c->user);
	return 0;
}

int
case_start_steps(struct ctx *c, xmlNodePtr root, struct date today)
{
	struct start_list	 l = { c, page_elem(root, "steps"), today, 0 };

	return casereads_steps_each(c->db, &c->user, today, STEPS_MAX,
	    add_step_row, &l);
}

/*
 * One open placement on the lead's list if its max end (with extensions)
 * is within a month; stops after STEPS_MAX rows.
 */
static int
add_near_max_row(const struct case_open *o, void *arg)
{
	struct start_list	*l = arg;
	struct date		 start, max;
	xmlNodePtr		 n;
	char			 day[11];

	if (date_parse(o->p.start, &start) == -1)
		return 0;
	max = case_max_end(start, o->max_months, o->extension_months);
	if (date_compare(max, date_add_months(l->today, 1)) > 0)
		return 0;
	n = page_placement(l->list, &o->p, &l->c->user);
	date_format(max, day);
	page_attr(n, "max-end", day);
	page_attr_long(n, "extensions", o->extension_months);
	page_attr(n, "past-max", date_compare(l->today, max) > 0 ? "1" : "0");
	return ++l->rows == STEPS_MAX;
}

/*
 * The team lead's start page: the placements without an ending decision
 * whose max length (with extensions) runs out within a month or has run
 * out, oldest first, at most STEPS_MAX.
 */
int
case_lead_start(struct ctx *c, xmlNodePtr root, struct date today)
{
	struct start_list	 l = { c, page_elem(root, "near-max"), today, 0 };
	int			 months;

	/* The latest start whose shortest max length ends within a month. */
	if ((months = casereads_shortest_max(c->db)) <= 0)
		return 0;
	return casereads_open_each(c->db, date_add_months(date_add_months(
	    today, 1), -months), today, NEAR_MAX_SCAN, add_near_max_row,
	    &l) == -1 ? -1 : 0;
}
