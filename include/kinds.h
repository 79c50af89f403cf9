/*
 * kinds: the document kinds.  A kind is an XSD and an empty template in
 * schemas/, a form and a view in xsl/, and this descriptor, which says
 * everything the rest of the program asks of a kind: its business rules,
 * its due dates (lateness.h), when a placement owes one (duties.h), what
 * its pages show besides the document, and its label.  Adding a kind needs
 * no new parsing, storage, duty, lateness or page code: the page carries
 * the descriptors as <kinds> (xsl/PAGES.md).
 */
#ifndef INSATS_KINDS_H
#define INSATS_KINDS_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "calendar.h"
#include "lateness.h"
#include "xmldoc.h"

/* At most this many kinds (the built-in ones and kinds_add()'s). */
#define KINDS_MAX	8

/* What the business rules may look at besides the document. */
struct rule_input {
	struct date	 placement_start;
	struct date	 placement_end;		/* year 0: open-ended */
	struct date	 today;
	int		 period_year;		/* per-month kinds: the month */
	int		 period_month;		/* 0 otherwise */
};

/* When a placement owes a document of the kind (duties.h). */
enum kind_schedule {
	SCHEDULE_ONCE,		/* one, from the start */
	SCHEDULE_MONTHLY,	/* one per month of the placement, by period
				 * (a per-month kind) */
	SCHEDULE_AT_END		/* one near or after the end (DUTY_FINAL_AHEAD) */
};

/*
 * What a final report's content states about its ending.  The deadlines
 * themselves are lateness.h's: a recorded ending decision overrides these.
 */
struct final_dates {
	enum ending	 ending;
	struct date	 end;		/* the end date the report states */
	int		 has_decision;
	struct date	 decision;	/* the decision to end, when stated */
};

struct kind {
	const char		*name;		/* "plan": URL and database value,
						 * and the content's root element */
	const char		*label;		/* "Genomförandeplan": default title
						 * and the pages' name of the kind */
	const char		*schema_file;	/* relative to schema_dir */
	const char		*template_file;
	const char *const	*repeatable;	/* element names that form rows */
	/* Rules an XSD cannot say, checked after validation; may be NULL. */
	void			(*rules)(xmlDocPtr, const struct rule_input *,
				    struct field_errors *);
	enum kind_schedule	 schedule;
	/*
	 * The due-date rule: fills a document's deadlines (one of
	 * lateness.h's dues_* or the kind's own); NULL: none.
	 */
	void			(*dues)(const struct late_case *,
				    const struct doc_fact *, struct date,
				    struct doc_dues *);
	/*
	 * What the content states of the placement's ending, for the due-date
	 * rule (struct late_final); NULL when it states nothing.  Returns 0,
	 * or -1 if the content does not state an ending and end.
	 */
	int			(*ending)(xmlNodePtr root, struct final_dates *);
	int			 revisable;	/* approved -> new revision */
	int			 follow_up_revision; /* a follow-up may ask for a
						 * new revision (a duty of its own) */
	int			 owner_starts;	/* the owning provider starts one
						 * from the placement page ("new") */
	int			 listed;	/* the placement lists show its state
						 * and due date (one kind: the plan) */
	int			 follows_assignment; /* its scope is set from the
						 * counsellor's assignment: its content
						 * has the plan's <scope> (planscope.h) */
	int			 shared_on_consent; /* a new provider may read the
						 * former placement's current one once
						 * the customer consents; one kind */
	/*
	 * The payment rules (payments.h) ask for two kinds, one each, by
	 * these flags; the store binds their names into its statements.
	 * pays_month: the kind whose approved document on a month is that
	 * month's payment basis, a per-month kind (SCHEDULE_MONTHLY).
	 * holds_end_month: the kind whose approved document, first submitted
	 * by final_paid_until() (calendar.h), releases the end month's
	 * payment and an aborted placement's two weeks, one per placement
	 * (SCHEDULE_AT_END).  Any other kind is paid for by neither: since a
	 * month is paid once, on one document, a new kind joins the payment
	 * rules only by taking a flag over from the kind that has it
	 * (test_kinds.c's test kind does).
	 */
	int			 pays_month;
	int			 holds_end_month;
	int			 late_refused;	/* a first submission after its last
						 * day (doc_dues' submit_until) is
						 * refused */
	/* Compiled once per process by kinds_load(). */
	xmlSchemaPtr		 schema;
	xmlDocPtr		 tmpl;
};

/*
 * Compiles every kind's schema and template from schema_dir.  Returns 0,
 * or -1 with the failing file printed.
 */
int			 kinds_load(const char *schema_dir);
void			 kinds_free(void);
/* The kind called name, or NULL. */
struct kind		*kind_find(const char *name);
/* The i-th kind (0, 1, ...) in the order of the table, or NULL past the end. */
struct kind		*kind_at(size_t i);
/* The kind the placement lists show (listed), or NULL. */
const struct kind	*kind_listed(void);
/* "once", "monthly" or "end": the schedule's name on the page. */
const char		*kind_schedule_name(enum kind_schedule s);
/*
 * Adds a kind defined outside kinds.c (the unit tests' test kind), after
 * the built-in ones, before any thread starts; kinds_load() compiles it
 * only if it has a schema_file.  Returns 0, or -1 when the table is full
 * or the name is taken.
 */
int			 kinds_add(struct kind *k);
/*
 * Fills ri from the placement's dates ("YYYY-MM-DD", end "" when open),
 * today and the period ("YYYY-MM", or "" / NULL).  Returns 0, or -1 if a
 * date or the period is malformed.
 */
int			 kind_rule_input(struct rule_input *ri, const char *start,
			    const char *end, struct date today,
			    const char *period);
/* Parses exactly "YYYY-MM" (month 01-12).  Returns 0 or -1. */
int			 kind_period_parse(const char *s, int *year, int *month);
/*
 * Whether a document of kind k may exist for the period of ri: a per-month
 * kind needs a month that has at least one day inside the placement and
 * has begun by today; other kinds no period.  Returns NULL when it may,
 * else the code of the reason (xsl/texts.xsl).
 */
const char		*kind_period_refusal(const struct kind *k,
			    const struct rule_input *ri);
/*
 * The title of a document: the label, and for a per-month kind the month
 * ("Månadsrapport, mars 2024") and, once submitted (ready), ", KLAR".
 * Writes into buf (truncated to size).
 */
void			 kind_title(const struct kind *k, const char *period,
			    int ready, char *buf, size_t size);
/*
 * The ending, end date and decision a document's content states, by the
 * ending rule of the kind its root element names.  Returns 0 with *out,
 * or -1 if content does not state an ending and end (or its kind states
 * none).
 */
int			 kind_final_dates(xmlDocPtr content, struct final_dates *out);

#endif
