/*
 * kinds: the table of document kinds (kinds.h) and their business rules:
 * the rules an XSD cannot express, checked after schema validation and
 * reported per field as codes (xsl/texts.xsl).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "billing.h"
#include "kinds.h"

/* A sick or vab period needs a certificate from this day on. */
#define CERTIFICATE_DAY	8

static const char *const plan_rows[] = { "subgoal", "activity", NULL };
static const char *const monthly_rows[] = { "absence", NULL };

/* 1 if the element child name of parent has a non-blank text, else 0. */
static int
has_text(xmlNodePtr parent, const char *name)
{
	xmlChar		*t = xmldoc_child_text(parent, name);
	const xmlChar	*p;
	int		 yes = 0;

	for (p = t; p != NULL && *p && !yes; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			yes = 1;
	xmlFree(t);
	return yes;
}

/* 1 if the text of child name of parent is exactly value, else 0. */
static int
text_is(xmlNodePtr parent, const char *name, const char *value)
{
	xmlChar	*t = xmldoc_child_text(parent, name);
	int	 yes = t != NULL && xmlStrEqual(t, (const xmlChar *)value);

	xmlFree(t);
	return yes;
}

/* Parses the date in child name of parent.  Returns 0, or -1 if absent. */
static int
child_date(xmlNodePtr parent, const char *name, struct date *d)
{
	xmlChar	*t = xmldoc_child_text(parent, name);
	int	 rc = t == NULL ? -1 : date_parse((const char *)t, d);

	xmlFree(t);
	return rc;
}

/* A part-time plan states the reason the counsellor gave. */
static void
plan_rules(xmlDocPtr doc, const struct rule_input *in,
    struct field_errors *errs)
{
	xmlNodePtr	 scope = xmldoc_child(xmlDocGetRootElement(doc), "scope");

	(void)in;
	if (text_is(scope, "extent", "parttime") &&
	    xmldoc_child(scope, "parttimeReason") == NULL)
		field_errors_code(errs, "scope/parttimeReason",
		    "parttime-reason-required", NULL);
}

/*
 * A section is answered with text, or "Ej aktuellt" with a short
 * motivation; never left empty.  The message is at the section.
 */
static void
section_rule(xmlNodePtr root, const char *name, struct field_errors *errs)
{
	xmlNodePtr	 s = xmldoc_child(root, name);

	if (s == NULL || has_text(s, "text"))
		return;
	if (text_is(s, "applicable", "no"))
		field_errors_code(errs, name, "section-motivation-required",
		    NULL);
	else
		field_errors_code(errs, name, "section-empty", NULL);
}

/*
 * One absence row (index i, 1-based): from <= to, the period ends inside
 * the report's month, and a sick or vab period that reaches its 8th day
 * without a certificate is flagged: the provider must then say in the
 * note how the certificate is followed up.
 */
static void
absence_rule(xmlNodePtr a, int i, const struct rule_input *in,
    struct field_errors *errs)
{
	struct date	 from, to;
	char		 field[FIELD_NAME_MAX], day[8];
	long		 days;

	if (child_date(a, "from", &from) == -1 ||
	    child_date(a, "to", &to) == -1)
		return;		/* the schema has said so */
	snprintf(field, sizeof(field), "absences/absence[%d]/to", i);
	if (date_compare(from, to) > 0) {
		field_errors_code(errs, field, "absence-end-before-start",
		    NULL);
		return;
	}
	if (in->period_month != 0 && (to.year != in->period_year ||
	    to.month != in->period_month)) {
		field_errors_code(errs, field, "absence-outside-month", NULL);
		return;
	}
	days = date_to_days(to) - date_to_days(from) + 1;
	if ((text_is(a, "reason", "sjuk") || text_is(a, "reason", "vab")) &&
	    days >= CERTIFICATE_DAY && text_is(a, "certificate", "no") &&
	    !has_text(a, "note")) {
		snprintf(field, sizeof(field),
		    "absences/absence[%d]/certificate", i);
		snprintf(day, sizeof(day), "%d", CERTIFICATE_DAY);
		field_errors_code(errs, field, "certificate-day", day);
	}
}

/* Absences: rows with dates and reasons, or "Ej aktuellt". */
static void
absences_rule(xmlNodePtr root, const struct rule_input *in,
    struct field_errors *errs)
{
	xmlNodePtr	 s = xmldoc_child(root, "absences"), n;
	int		 i = 0;

	if (s == NULL)
		return;
	for (n = s->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)"absence"))
			absence_rule(n, ++i, in, errs);
	if (text_is(s, "applicable", "no")) {
		if (i > 0)
			field_errors_code(errs, "absences",
			    "absences-not-applicable-rows", NULL);
		else if (!has_text(s, "text"))
			field_errors_code(errs, "absences",
			    "section-motivation-required", NULL);
	} else if (i == 0)
		field_errors_code(errs, "absences", "absences-required", NULL);
}

/*
 * Returns NULL if ri's month has a day inside the placement and has begun
 * by today (one report per month of the placement), else the code of why
 * not (xsl/texts.xsl).
 */
static const char *
month_refusal(const struct rule_input *ri)
{
	const struct date *end = ri->placement_end.year ? &ri->placement_end :
	    NULL;

	if (ri->period_month == 0)
		return "report-month-required";
	if (billing_month(ri->placement_start, end, ri->period_year,
	    ri->period_month, 0, NULL) == -1)
		return "month-outside-placement";
	if (ri->period_year * 12 + ri->period_month >
	    ri->today.year * 12 + ri->today.month)
		return "month-not-begun";
	return NULL;
}

/* The monthly report's rules. */
static void
monthly_rules(xmlDocPtr doc, const struct rule_input *in,
    struct field_errors *errs)
{
	static const char *const sections[] = { "progression", "adjustments",
	    "deviations", "otherPlacement", NULL };
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	const char	*why = month_refusal(in);
	size_t		 i;

	if (why != NULL)
		field_errors_code(errs, "", why, NULL);
	for (i = 0; sections[i] != NULL; i++) {
		section_rule(root, sections[i], errs);
		if (i == 1)
			absences_rule(root, in, errs);
	}
}

/* The final report's rules. */
static void
final_rules(xmlDocPtr doc, const struct rule_input *in,
    struct field_errors *errs)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	struct date	 end, decision;
	char		 buf[11];
	int		 has_end = child_date(root, "endDate", &end) == 0;
	int		 has_decision = child_date(root, "decisionDate",
			    &decision) == 0;

	if (!text_is(root, "ending", "completed") && !has_decision)
		field_errors_code(errs, "decisionDate",
		    "decision-date-required", NULL);
	if (has_end && date_compare(end, in->placement_start) < 0)
		field_errors_code(errs, "endDate", "end-before-placement-start",
		    NULL);
	else if (has_end && text_is(root, "ending", "completed") &&
	    in->placement_end.year != 0 &&
	    date_compare(end, in->placement_end) != 0) {
		date_format(in->placement_end, buf);
		field_errors_code(errs, "endDate", "completed-ends-on-decided",
		    buf);
	}
	if (has_end && has_decision && date_compare(decision, end) > 0)
		field_errors_code(errs, "decisionDate", "decision-after-end",
		    NULL);
	if ((text_is(root, "selfSupporting", "no") ||
	    text_is(root, "goalReached", "no")) && !has_text(root, "nextStep"))
		field_errors_code(errs, "nextStep", "next-step-required", NULL);
}

static int final_ending(xmlNodePtr, struct final_dates *);

static struct kind builtin[] = {
	{ .name = "plan", .label = "Genomförandeplan",
	  .schema_file = "plan.xsd", .template_file = "templates/plan.xml",
	  .repeatable = plan_rows, .rules = plan_rules,
	  .schedule = SCHEDULE_ONCE, .dues = dues_from_start,
	  .revisable = 1, .follow_up_revision = 1, .owner_starts = 1,
	  .listed = 1, .follows_assignment = 1, .shared_on_consent = 1 },
	{ .name = "monthly", .label = "Månadsrapport",
	  .schema_file = "monthly.xsd", .template_file = "templates/monthly.xml",
	  .repeatable = monthly_rows, .rules = monthly_rules,
	  .schedule = SCHEDULE_MONTHLY, .dues = dues_of_month,
	  .owner_starts = 1, .pays_month = 1 },
	{ .name = "final", .label = "Slutrapport",
	  .schema_file = "final.xsd", .template_file = "templates/final.xml",
	  .repeatable = NULL, .rules = final_rules,
	  .schedule = SCHEDULE_AT_END, .dues = dues_at_end,
	  .ending = final_ending, .owner_starts = 1, .late_refused = 1,
	  .holds_end_month = 1 },
};

#define NBUILTIN (sizeof(builtin) / sizeof(builtin[0]))

/* The built-in kinds, then kinds_add()'s, in the order duties list them. */
static struct kind *kinds[KINDS_MAX] = { &builtin[0], &builtin[1],
	&builtin[2] };
static size_t nkinds = NBUILTIN;

int
kinds_load(const char *schema_dir)
{
	char	 path[PATH_MAX];
	size_t	 i;

	for (i = 0; i < nkinds; i++) {
		if (kinds[i]->schema_file == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", schema_dir,
		    kinds[i]->schema_file);
		if ((kinds[i]->schema = xmldoc_schema_load(path)) == NULL) {
			fprintf(stderr, "level=error msg=\"cannot compile %s\"\n",
			    path);
			return -1;
		}
		snprintf(path, sizeof(path), "%s/%s", schema_dir,
		    kinds[i]->template_file);
		if ((kinds[i]->tmpl = xmldoc_parse_file(path)) == NULL) {
			fprintf(stderr, "level=error msg=\"cannot read %s\"\n",
			    path);
			return -1;
		}
	}
	return 0;
}

void
kinds_free(void)
{
	size_t	 i;

	for (i = 0; i < nkinds; i++) {
		xmlSchemaFree(kinds[i]->schema);
		xmlFreeDoc(kinds[i]->tmpl);
		kinds[i]->schema = NULL;
		kinds[i]->tmpl = NULL;
	}
}

struct kind *
kind_find(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < nkinds; i++)
		if (strcmp(kinds[i]->name, name) == 0)
			return kinds[i];
	return NULL;
}

struct kind *
kind_at(size_t i)
{
	return i < nkinds ? kinds[i] : NULL;
}

const struct kind *
kind_listed(void)
{
	size_t	 i;

	for (i = 0; i < nkinds; i++)
		if (kinds[i]->listed)
			return kinds[i];
	return NULL;
}

const char *
kind_schedule_name(enum kind_schedule s)
{
	switch (s) {
	case SCHEDULE_MONTHLY:
		return "monthly";
	case SCHEDULE_AT_END:
		return "end";
	default:
		return "once";
	}
}

int
kinds_add(struct kind *k)
{
	if (nkinds == KINDS_MAX || k->name == NULL || kind_find(k->name))
		return -1;
	kinds[nkinds++] = k;
	return 0;
}

/* Returns 0 with year and month of "YYYY-MM", or -1. */
int
kind_period_parse(const char *s, int *year, int *month)
{
	size_t	 i;

	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*month = (s[5] - '0') * 10 + (s[6] - '0');
	return *month >= 1 && *month <= 12 && *year >= 1800 ? 0 : -1;
}

/* Returns 0 with ri filled, or -1 for a malformed date or period. */
int
kind_rule_input(struct rule_input *ri, const char *start, const char *end,
    struct date today, const char *period)
{
	memset(ri, 0, sizeof(*ri));
	ri->today = today;
	if (date_parse(start, &ri->placement_start) == -1)
		return -1;
	if (end != NULL && end[0] != '\0' &&
	    date_parse(end, &ri->placement_end) == -1)
		return -1;
	if (period != NULL && period[0] != '\0' &&
	    kind_period_parse(period, &ri->period_year, &ri->period_month) == -1)
		return -1;
	return 0;
}

/* Returns NULL if the period suits the kind and placement, else a code. */
const char *
kind_period_refusal(const struct kind *k, const struct rule_input *ri)
{
	if (k->schedule != SCHEDULE_MONTHLY)
		return ri->period_month == 0 ? NULL : "kind-not-monthly";
	return month_refusal(ri);
}

void
kind_title(const struct kind *k, const char *period, int ready, char *buf,
    size_t size)
{
	int	 y, m;

	if (k->schedule != SCHEDULE_MONTHLY ||
	    kind_period_parse(period, &y, &m) == -1) {
		snprintf(buf, size, "%s", k->label);
		return;
	}
	snprintf(buf, size, "%s, %s %d%s", k->label, month_name_sv(m), y,
	    ready ? ", KLAR" : "");
}

/* Returns the ending named by s, or -1. */
static int
ending_parse(const xmlChar *s, enum ending *e)
{
	if (s == NULL)
		return -1;
	if (xmlStrEqual(s, (const xmlChar *)"completed"))
		*e = ENDING_COMPLETED;
	else if (xmlStrEqual(s, (const xmlChar *)"early"))
		*e = ENDING_EARLY;
	else if (xmlStrEqual(s, (const xmlChar *)"aborted"))
		*e = ENDING_ABORTED;
	else
		return -1;
	return 0;
}

/* The final report's ending: its ending, endDate and decisionDate. */
static int
final_ending(xmlNodePtr root, struct final_dates *out)
{
	xmlChar		*ending;
	int		 rc;

	ending = xmldoc_child_text(root, "ending");
	rc = ending_parse(ending, &out->ending);
	xmlFree(ending);
	if (rc == -1 || child_date(root, "endDate", &out->end) == -1)
		return -1;
	out->has_decision = child_date(root, "decisionDate",
	    &out->decision) == 0;
	return 0;
}

int
kind_final_dates(xmlDocPtr content, struct final_dates *out)
{
	xmlNodePtr	 root = content ? xmlDocGetRootElement(content) : NULL;
	const struct kind *k;

	memset(out, 0, sizeof(*out));
	if (root == NULL ||
	    (k = kind_find((const char *)root->name)) == NULL ||
	    k->ending == NULL || k->ending(root, out) == -1) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return 0;
}
