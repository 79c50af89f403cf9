/*
 * handlers_queue: the counsellor queues a customer at a provider for a
 * placement (aktualisering, day 1 of the case): GET /placements/new is
 * the form (view "queue"), POST /placements creates the placement with
 * its planned dates, which must lie within the catalogue's maximum
 * length.  Only the customer's responsible counsellor may queue; the
 * customer is chosen from his or her own customers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow.h"
#include "casestore.h"
#include "database.h"
#include "defaultlist.h"
#include "queuechoices.h"
#include "router.h"

#define CUSTOMERS_MAX	500

static int
add_customer(const struct customer_choice *cc, void *list)
{
	xmlNodePtr	 n = page_elem(list, "customer");

	page_attr_long(n, "id", cc->id);
	page_attr(n, "name", cc->name);
	page_attr(n, "pnr", cc->pnr);
	page_attr(n, "protected", cc->protected ? "1" : "0");
	return 0;
}

/* The counsellor's customers, as the form's choices. */
static int
add_customers(struct ctx *c, xmlNodePtr parent)
{
	return queuechoices_customers_each(c->db, c->user.id, CUSTOMERS_MAX,
	    add_customer, page_elem(parent, "customers"));
}

static int
add_provider(const struct provider_choice *pc, void *list)
{
	xmlNodePtr	 n = page_elem(list, "provider");

	page_attr_long(n, "id", pc->id);
	page_attr(n, "name", pc->name);
	return 0;
}

static int
add_providers(struct ctx *c, xmlNodePtr parent)
{
	return queuechoices_providers_each(c->db, add_provider,
	    page_elem(parent, "providers"));
}

static int
add_code(const struct code_choice *cc, void *list)
{
	xmlNodePtr	 n = page_elem(list, "code");

	page_attr(n, "code", cc->code);
	page_attr(n, "kundval", cc->kundval);
	page_attr(n, "name", cc->name);
	page_attr_long(n, "max-months", cc->max_months);
	return 0;
}

static int
add_codes(struct ctx *c, xmlNodePtr parent)
{
	return queuechoices_codes_each(c->db, add_code,
	    page_elem(parent, "codes"));
}

/* Row want of a default-provider list, found by walking it. */
struct list_pick {
	size_t		 want, n;
	long		 id;
	char		 name[201];
};

static int
count_row(const struct authorised_provider *ap, void *arg)
{
	struct list_pick	*lp = arg;

	(void)ap;
	lp->n++;
	return 0;
}

static int
pick_row(const struct authorised_provider *ap, void *arg)
{
	struct list_pick	*lp = arg;

	if (lp->n++ < lp->want)
		return 0;
	lp->id = ap->id;
	snprintf(lp->name, sizeof(lp->name), "%s", ap->name);
	return 1;
}

/*
 * The default provider of kundval today (defaultlist.h): 0 with *id and
 * name (201 bytes), 1 when the kundval has no list, -1 on an error.
 */
static int
default_provider(struct ctx *c, const char *kundval, struct date today,
    long *id, char *name)
{
	struct list_pick	 lp = { 0, 0, 0, "" };

	if (queuechoices_default_list_each(c->db, kundval, count_row,
	    &lp) == -1)
		return -1;
	if (lp.n == 0)
		return 1;
	lp.want = default_index(today, lp.n);
	lp.n = 0;
	if (queuechoices_default_list_each(c->db, kundval, pick_row,
	    &lp) != 1)
		return -1;
	*id = lp.id;
	snprintf(name, 201, "%s", lp.name);
	return 0;
}

/* The first KUNDVALS_MAX kundvals of the catalogue. */
#define KUNDVALS_MAX	16
struct kundvals {
	char		 kv[KUNDVALS_MAX][201];
	size_t		 n;
};

static int
keep_kundval(const char *kundval, void *arg)
{
	struct kundvals	*k = arg;

	snprintf(k->kv[k->n++], sizeof(k->kv[0]), "%s", kundval);
	return k->n == KUNDVALS_MAX;
}

/* Today's default provider of every kundval, with the period. */
static int
add_defaults(struct ctx *c, xmlNodePtr parent, struct date today)
{
	struct default_period	 per;
	struct kundvals		 k;
	xmlNodePtr		 list = page_elem(parent, "defaults"), n;
	char			 name[201], buf[11];
	size_t			 i;
	long			 id;
	int			 rc;

	k.n = 0;
	if (queuechoices_kundvals_each(c->db, keep_kundval, &k) == -1)
		return -1;
	default_period(today, &per);
	date_format(per.from, buf);
	page_attr(list, "from", buf);
	date_format(per.to, buf);
	page_attr(list, "to", buf);
	for (i = 0; i < k.n; i++) {
		if ((rc = default_provider(c, k.kv[i], today, &id, name)) == -1)
			return -1;
		n = page_elem(list, "default");
		page_attr(n, "kundval", k.kv[i]);
		if (rc == 0) {
			page_attr_long(n, "provider-id", id);
			page_attr(n, "provider", name);
		}
	}
	return 0;
}

/* The queue form, with errors and what was typed when refused. */
static int
send_queue_form(struct ctx *c, const struct field_errors *errs, int status)
{
	static const char *const fields[] = { "customer", "provider", "code",
		"start", "end", "default_provider", NULL };
	struct page	 pg;
	xmlNodePtr	 q;
	const char	*v;
	size_t		 i;

	if (ctx_page(c, &pg, "queue") == -1)
		return send_error(c, 500);
	q = page_elem(pg.root, "queue-form");
	if (add_customers(c, q) == -1 || add_providers(c, q) == -1 ||
	    add_codes(c, q) == -1 || add_defaults(c, q, today_local()) == -1) {
		page_free(&pg);
		return send_error(c, 500);
	}
	for (i = 0; fields[i] != NULL; i++)
		if ((v = form_get(&c->form, fields[i])) != NULL)
			page_attr(page_text(q, "field", v), "name", fields[i]);
	if (errs != NULL)
		page_errors(&pg, errs);
	return send_page(c, &pg, status);
}

int
h_queue_new(struct ctx *c)
{
	if (c->user.role != ROLE_COUNSELLOR)
		return send_error_code(c, 403, "queue-by-counsellor", NULL);
	return send_queue_form(c, NULL, 200);
}

/* A positive row id written in digits, or 0. */
static long
id_field(struct ctx *c, const char *name)
{
	const char	*s = form_get(&c->form, name);
	size_t		 i;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 12)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return strtol(s, NULL, 10);
}

/*
 * The catalogue's max length of code: months, or 0 if unknown; its
 * kundval into kundval (201 bytes).
 */
static int
code_months(struct ctx *c, const char *code, char *kundval)
{
	struct code_limits	 cl;

	kundval[0] = '\0';
	if (code == NULL || queuechoices_code_limits(c->db, code, &cl) != 0)
		return 0;
	snprintf(kundval, 201, "%s", cl.kundval);
	return cl.max_months;
}

/* 1 if the form says the customer did not choose a provider. */
static int
wants_default(struct ctx *c)
{
	const char	*v = form_get(&c->form, "default_provider");

	return v != NULL && strcmp(v, "1") == 0;
}

/*
 * The provider: the one chosen, or, for a customer who did not choose,
 * the default provider of the code's kundval today.  Adds the errors.
 */
static long
chosen_provider(struct ctx *c, const char *kundval, struct field_errors *errs)
{
	char	 name[201];
	long	 id = 0;
	int	 rc;

	if (!wants_default(c)) {
		if ((id = id_field(c, "provider")) == 0 ||
		    queuechoices_provider_exists(c->db, id) != 1) {
			field_errors_code(errs, "provider", "provider-required",
			    NULL);
			return 0;
		}
		return id;
	}
	if (kundval[0] == '\0')
		return 0;	/* the code's own error says it */
	if ((rc = default_provider(c, kundval, today_local(), &id, name)) != 0)
		field_errors_code(errs, "default_provider", rc == 1 ?
		    "no-default-list" : "default-list-unreadable", NULL);
	return rc == 0 ? id : 0;
}

/*
 * The planned dates: a start, and an end that defaults to the longest
 * the catalogue allows.  Fills end (11 bytes).  Adds the errors.
 */
static void
check_dates(struct ctx *c, int months, char end[11],
    struct field_errors *errs)
{
	const char	*s = form_get(&c->form, "start");
	const char	*e = form_get(&c->form, "end");
	struct date	 start, stop, max;
	char		 day[11], n[16];

	end[0] = '\0';
	if (s == NULL || date_parse(s, &start) == -1) {
		field_errors_code(errs, "start", "start-date-format", NULL);
		return;
	}
	if (months == 0)
		return;
	max = case_max_end(start, months, 0);
	if (e == NULL || *e == '\0')
		stop = max;
	else if (date_parse(e, &stop) == -1) {
		field_errors_code(errs, "end", "end-date-format", NULL);
		return;
	}
	switch (case_check_queue(start, stop, max)) {
	case CASE_END_BEFORE_START:
		field_errors_code(errs, "end", "end-before-start", NULL);
		return;
	case CASE_PAST_MAX:
		date_format(max, day);
		snprintf(n, sizeof(n), "%d", months);
		field_errors_code2(errs, "end", "past-max-months", n, day);
		return;
	default:
		date_format(stop, end);
	}
}

int
h_queue_create(struct ctx *c)
{
	struct field_errors	 errs = { .n = 0 };
	struct case_queue	 q;
	char			 end[11], loc[64], kundval[201];
	long			 id;
	int			 months;

	if (c->user.role != ROLE_COUNSELLOR)
		return send_error_code(c, 403, "queue-by-counsellor", NULL);
	memset(&q, 0, sizeof(q));
	if ((q.customer_id = id_field(c, "customer")) == 0 ||
	    queuechoices_customer_is_own(c->db, q.customer_id,
	    c->user.id) != 1)
		field_errors_code(&errs, "customer", "customer-required", NULL);
	q.code = form_get(&c->form, "code");
	if ((months = code_months(c, q.code, kundval)) == 0)
		field_errors_code(&errs, "code", "code-required", NULL);
	q.provider_id = chosen_provider(c, kundval, &errs);
	check_dates(c, months, end, &errs);
	if (errs.n > 0)
		return send_queue_form(c, &errs, 422);
	q.start = form_get(&c->form, "start");
	q.by_default = wants_default(c);
	q.end = end;
	if (casestore_queue(c->db, &c->user, &q, &id) != 0)
		return send_error(c, 500);
	snprintf(loc, sizeof(loc), "/placements/%ld?m=queued", id);
	http_redirect(c->req, loc);
	return 303;
}
