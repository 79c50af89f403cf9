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

#include "caseflow.h"
#include "casestore.h"
#include "localdate.h"
#include "router.h"
#include "../store/rows.h"	/* until these reads move to src/store */

#define NAME_MAX_BYTES		200
#define TEXT_MAX_BYTES		4000
#define REASON_MAX_BYTES	1000
#define CHOICES_MAX		500	/* customers in the queue form */

/*
 * The value of a required field, if it has a visible character and at
 * most max bytes; single-line values may not hold a newline.  Adds the
 * error otherwise (missing: what to write).  Returns the value or NULL.
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
		field_errors_add(errs, name, missing);
		return NULL;
	}
	if (strlen(s) > max) {
		field_errors_add(errs, name, "Texten är för lång.");
		return NULL;
	}
	if (!multiline && strchr(s, '\n') != NULL) {
		field_errors_add(errs, name, "Texten ska stå på en rad.");
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
		field_errors_add(errs, name, "Ange ett datum.");
		return -1;
	}
	if (date_parse(s, d) == -1) {
		field_errors_add(errs, name, "Skriv datumet som ÅÅÅÅ-MM-DD, "
		    "till exempel 2026-12-07.");
		return -1;
	}
	return 0;
}

/* The Swedish message of a refused date rule, for the field it names. */
static void
add_refusal(struct field_errors *errs, enum case_refusal r,
    const char *field, struct date max_end, struct date planned)
{
	char	 buf[160], day[11];

	switch (r) {
	case CASE_OK:
		return;
	case CASE_END_BEFORE_START:
		field_errors_add(errs, field, "Slutdatumet är före startdatumet.");
		return;
	case CASE_PAST_MAX:
		date_format(max_end, day);
		snprintf(buf, sizeof(buf), "Insatsen får pågå till och med %s "
		    "(maxtiden). Förlängning beslutas av arbetsledaren.", day);
		field_errors_add(errs, field, buf);
		return;
	case CASE_DECISION_FUTURE:
		field_errors_add(errs, "decided_on", "Beslutsdatumet kan inte "
		    "vara senare än i dag.");
		return;
	case CASE_END_BEFORE_DECISION:
		field_errors_add(errs, field, "Insatsens sista dag kan inte vara "
		    "före beslutet om avslut.");
		return;
	case CASE_COMPLETED_NOT_PLANNED:
		date_format(planned, day);
		snprintf(buf, sizeof(buf), "En fullföljd insats slutar på det "
		    "planerade slutdatumet, %s. Välj avslut i förtid eller "
		    "avbrott för ett annat datum.", day);
		field_errors_add(errs, field, buf);
		return;
	case CASE_EARLY_NOT_EARLY:
		date_format(planned, day);
		snprintf(buf, sizeof(buf), "Ett avslut i förtid eller ett "
		    "avbrott slutar före det planerade slutdatumet, %s.", day);
		field_errors_add(errs, field, buf);
		return;
	default:
		field_errors_add(errs, field, "Det går inte att göra nu.");
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

/* The placement's own events (queue, steps, ending) into <case>. */
static int
add_case_history(struct ctx *c, xmlNodePtr n, long id)
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_CASE_EVENTS_OF_PLACEMENT);
	xmlNodePtr	 h = page_elem(n, "history"), e;
	const char	*s;
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e = page_elem(h, "event");
		page_attr_time(e, "at", (const char *)sqlite3_column_text(st, 0));
		page_attr(e, "login", (const char *)sqlite3_column_text(st, 1));
		page_attr(e, "name", (const char *)sqlite3_column_text(st, 2));
		page_attr(e, "role", (const char *)sqlite3_column_text(st, 3));
		page_attr(e, "action", (const char *)sqlite3_column_text(st, 4));
		if ((s = (const char *)sqlite3_column_text(st, 5)) != NULL)
			page_text(e, "comment", s);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The follow-up meetings, with the outcome form where it is due. */
static int
add_follow_ups(struct ctx *c, xmlNodePtr n, const struct placement *p,
    struct date today)
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_FOLLOWUPS_OF_PLACEMENT);
	xmlNodePtr	 list = page_elem(n, "follow-ups"), f;
	const char	*s;
	struct date	 d;
	int		 rc, reviewer = may_act(&c->user, p, CASE_FOLLOW_UP_OUTCOME);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		f = page_elem(list, "follow-up");
		page_attr_long(f, "id", sqlite3_column_int64(st, 0));
		s = (const char *)sqlite3_column_text(st, 1);
		page_attr(f, "meeting-on", s);
		if ((s = (const char *)sqlite3_column_text(st, 2)) != NULL)
			page_text(f, "note", s);
		page_attr(f, "booked-by", (const char *)sqlite3_column_text(st, 3));
		page_attr(f, "booked-by-role",
		    (const char *)sqlite3_column_text(st, 4));
		page_attr_time(f, "booked", (const char *)sqlite3_column_text(st, 5));
		if ((s = (const char *)sqlite3_column_text(st, 6)) != NULL) {
			page_text(f, "outcome", s);
			page_attr(f, "revise-plan", sqlite3_column_int(st, 7) ?
			    "1" : "0");
			page_attr_time(f, "outcome-at",
			    (const char *)sqlite3_column_text(st, 8));
		} else if (reviewer && date_parse((const char *)
		    sqlite3_column_text(st, 1), &d) == 0 &&
		    date_compare(d, today) <= 0)
			page_attr(f, "may-record", "1");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
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
	sqlite3_stmt	*st = db_stmt(c->db, STMT_FORMER_PLAN);
	xmlNodePtr	 f;
	int		 rc;

	*has = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*has = 1;
		f = page_elem(n, "former-plan");
		page_attr(f, "provider", (const char *)sqlite3_column_text(st, 4));
		page_attr(f, "consent", pc->consent_at[0] ? "1" : "0");
		page_attr(f, "consent-on", pc->consent_on);
		if (pc->consent_at[0] || access_reviewer(&c->user, p)) {
			page_attr_long(f, "document", sqlite3_column_int64(st, 0));
			page_attr_long(f, "revision", sqlite3_column_int(st, 1));
			page_attr(f, "state",
			    (const char *)sqlite3_column_text(st, 2));
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
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
		return send_error_link(c, 409, "Steget kan inte tas nu: "
		    "insatsen har ändrats eller avslutats. Öppna den igen.",
		    "/", "Till startsidan");
	if (rc != 0)
		return send_error(c, 500, NULL);
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
		return send_error(c, 403, "Du kan inte ta det här steget för "
		    "insatsen.");
	if (store_placement_case(c->db, p->id, pc) != 0)
		return send_error(c, 500, NULL);
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
	    "Ange vem som ansvarar för kunden.", &errs);
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
		return send_error(c, 409, "Uppdraget läggs in när anordnaren "
		    "har bemannat ärendet.");
	text = text_field(c, "assignment", TEXT_MAX_BYTES, 1,
	    "Skriv uppdragsbeskrivningen.", &errs);
	extent = form_get(&c->form, "extent");
	if (extent == NULL || (strcmp(extent, "fulltime") != 0 &&
	    strcmp(extent, "parttime") != 0))
		field_errors_add(&errs, "extent", "Välj heltid eller deltid.");
	else if (strcmp(extent, "parttime") == 0)
		reason = text_field(c, "part_time_reason", REASON_MAX_BYTES, 1,
		    "Skriv skälet till deltid.", &errs);
	future = text_field(c, "future_plan", TEXT_MAX_BYTES, 1,
	    "Skriv kundens framtidsplan.", &errs);
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
		return send_error(c, 409, "Uppstartsmötet registreras när "
		    "uppdraget har kommit.");
	if (date_field(c, "meeting_on", &d, &errs) == 0 &&
	    date_parse(p.start, &start) == 0 &&
	    date_compare(d, date_add_days(start, -31)) < 0)
		field_errors_add(&errs, "meeting_on", "Mötet kan inte ligga "
		    "långt före insatsens start.");
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
	    "Skriv vad som ska ändras i planen.", &errs);
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
		return send_error(c, 409, "Insatsen har redan ett beslut om "
		    "avslut.");
	if (case_ending_parse(form_get(&c->form, "ending"), &e.kind) == -1) {
		field_errors_add(&errs, "ending", "Välj hur insatsen avslutas.");
		ok = 0;
	}
	ok &= date_field(c, "decided_on", &e.decided, &errs) == 0;
	ok &= date_field(c, "end_date", &e.end, &errs) == 0;
	if (date_parse(p.start, &start) == -1)
		return send_error(c, 500, NULL);
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
		return send_error(c, 500, NULL);
	max = case_max_end(start, pc.max_months, pc.extension_months);
	switch (case_check_extension(pc.extension_months, pc.ending[0] != '\0',
	    max, today_local())) {
	case CASE_OK:
		break;
	case CASE_EXTENSIONS_USED:
		return send_error(c, 409, "Insatsen har redan förlängts två "
		    "gånger, det längsta som går.");
	case CASE_NOT_NEAR_MAX:
		return send_error(c, 409, "En förlängning beslutas tidigast en "
		    "månad före maxtidens slut.");
	default:
		return send_error(c, 409, "Insatsen är avslutad.");
	}
	reason = text_field(c, "reason", TEXT_MAX_BYTES, 1,
	    "Skriv varför insatsen förlängs.", &errs);
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
	struct date		 d;
	int			 rc;

	if ((rc = load_step(c, CASE_CONSENT, &p, &pc)) != 0)
		return rc;
	/* Only a placement that follows one at another provider. */
	if ((rc = db_exists(c->db, STMT_FORMER_PLAN, p.id, 0)) == -1)
		return send_error(c, 500, NULL);
	if (rc == 0)
		return send_error(c, 409, "Kunden har ingen tidigare "
		    "genomförandeplan hos en annan anordnare.");
	if (date_field(c, "consent_on", &d, &errs) == 0 &&
	    date_compare(d, today_local()) > 0)
		field_errors_add(&errs, "consent_on", "Samtycket kan inte "
		    "vara givet senare än i dag.");
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
		field_errors_add(&errs, "follow_up_on", "Mötet kan inte ligga "
		    "långt före insatsens start.");
	if (note != NULL && *note == '\0')
		note = NULL;
	else if (note != NULL && strlen(note) > TEXT_MAX_BYTES)
		field_errors_add(&errs, "note", "Texten är för lång.");
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
	sqlite3_stmt		*st = db_stmt(c->db, STMT_FOLLOWUP_GET);
	const char		*outcome, *s;
	struct date		 held;
	long			 placement = 0;
	int			 rc, when = -1;

	if (st == NULL)
		return send_error(c, 500, NULL);
	sqlite3_bind_int64(st, 1, c->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		placement = sqlite3_column_int64(st, 0);
		s = (const char *)sqlite3_column_text(st, 1);
		when = s != NULL ? date_parse(s, &held) : -1;
	}
	sqlite3_reset(st);
	if (placement == 0)
		return send_error(c, 404, NULL);
	if ((rc = ctx_placement(c, placement, &p)) != 0)
		return rc;
	if (!may_act(&c->user, &p, CASE_FOLLOW_UP_OUTCOME))
		return send_error(c, 403, "Utfallet av ett uppföljningsmöte "
		    "registreras av karriärvägledaren.");
	if (when == -1 || date_compare(held, today_local()) > 0)
		return send_error(c, 409, "Utfallet registreras när mötet har "
		    "hållits.");
	outcome = text_field(c, "outcome", TEXT_MAX_BYTES, 1,
	    "Skriv vad mötet kom fram till.", &errs);
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

/* One open step of a placement on a start page. */
static void
add_step_row(struct ctx *c, xmlNodePtr list, sqlite3_stmt *st,
    struct date today)
{
	struct placement	 p;
	struct date		 d, due;
	const char		*queued, *staffed, *assigned, *name;
	xmlNodePtr		 n;
	char			 buf[11];

	store_placement_row(st, 0, &p);
	queued = (const char *)sqlite3_column_text(st, 15);
	staffed = (const char *)sqlite3_column_text(st, 16);
	assigned = (const char *)sqlite3_column_text(st, 17);
	if (staffed == NULL) {
		name = "staff";
		if (local_date_of(queued, &d) == -1)
			return;
		due = case_staff_due(d);
	} else if (assigned == NULL) {
		name = "assign";
		if (local_date_of(staffed, &d) == -1)
			return;
		due = case_assign_due(d);
	} else {
		name = "start-meeting";
		if (local_date_of(assigned, &d) == -1)
			return;
		due = case_meeting_due(d);
	}
	n = page_elem(list, "step");
	page_attr(n, "name", name);
	date_format(due, buf);
	page_attr(n, "due", buf);
	page_attr(n, "late", date_compare(today, due) > 0 ? "1" : "0");
	page_placement(n, &p, &c->user);
}

int
case_start_steps(struct ctx *c, xmlNodePtr root, struct date today)
{
	enum stmt	 which = c->user.role == ROLE_PROVIDER ?
			    STMT_CASE_STEPS_OF_PROVIDER :
			    STMT_CASE_STEPS_OF_COUNSELLOR;
	sqlite3_stmt	*st = db_stmt(c->db, which);
	xmlNodePtr	 list = page_elem(root, "steps");
	char		 day[11];
	int		 rc;

	if (st == NULL)
		return -1;
	date_format(today, day);
	sqlite3_bind_int64(st, 1, c->user.role == ROLE_PROVIDER ?
	    c->user.org_id : c->user.id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, STEPS_MAX);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_step_row(c, list, st, today);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The latest start whose shortest max length ends within a month. */
static int
near_max_bound(struct ctx *c, struct date today, char out[11])
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_CASE_SHORTEST_MAX);
	int		 months = 0;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		months = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (months <= 0)
		return -1;
	date_format(date_add_months(date_add_months(today, 1), -months), out);
	return 0;
}

/*
 * The team lead's start page: the placements without an ending decision
 * whose max length (with extensions) runs out within a month or has run
 * out, oldest first, at most STEPS_MAX.
 */
int
case_lead_start(struct ctx *c, xmlNodePtr root, struct date today)
{
	sqlite3_stmt	*st = db_stmt(c->db, STMT_CASE_NEAR_MAX);
	xmlNodePtr	 list = page_elem(root, "near-max"), n;
	struct placement p;
	struct date	 start, max, soon = date_add_months(today, 1);
	char		 bound[11], day[11];
	int		 rc, rows = 0;

	if (st == NULL || near_max_bound(c, today, bound) == -1)
		return st == NULL ? -1 : 0;
	date_format(today, day);
	sqlite3_bind_text(st, 1, bound, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, NEAR_MAX_SCAN);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && rows < STEPS_MAX) {
		store_placement_row(st, 0, &p);
		if (date_parse(p.start, &start) == -1)
			continue;
		max = case_max_end(start, sqlite3_column_int(st, 15),
		    sqlite3_column_int(st, 16));
		if (date_compare(max, soon) > 0)
			continue;
		n = page_placement(list, &p, &c->user);
		date_format(max, day);
		page_attr(n, "max-end", day);
		page_attr_long(n, "extensions", sqlite3_column_int(st, 16));
		page_attr(n, "past-max", date_compare(today, max) > 0 ?
		    "1" : "0");
		rows++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}
