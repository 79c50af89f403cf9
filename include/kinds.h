/*
 * kinds: the document kinds.  A kind is an XSD and an empty template in
 * schemas/, a form and a view in xsl/, and this small descriptor: adding a
 * kind needs no new parsing or storage code.
 */
#ifndef INSATS_KINDS_H
#define INSATS_KINDS_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "calendar.h"
#include "xmldoc.h"

/* What the business rules may look at besides the document. */
struct rule_input {
	struct date	 placement_start;
	struct date	 placement_end;		/* year 0: open-ended */
	struct date	 today;
	int		 period_year;		/* per-month kinds: the month */
	int		 period_month;		/* 0 otherwise */
};

struct kind {
	const char		*name;		/* "plan": URL and database value */
	const char		*label;		/* "Genomförandeplan": default title */
	const char		*schema_file;	/* relative to schema_dir */
	const char		*template_file;
	const char *const	*repeatable;	/* element names that form rows */
	/* Rules an XSD cannot say, checked after validation; may be NULL. */
	void			(*rules)(xmlDocPtr, const struct rule_input *,
				    struct field_errors *);
	int			 per_month;	/* one per placement and month */
	int			 revisable;	/* approved -> new revision */
	/* Compiled once per process by kinds_load(). */
	xmlSchemaPtr		 schema;
	xmlDocPtr		 tmpl;
};

/*
 * What a final report's content states about its ending (002 §12).  The
 * deadlines themselves are lateness.h's: a recorded ending decision
 * overrides these.
 */
struct final_dates {
	enum ending	 ending;
	struct date	 end;		/* the end date the report states */
	int		 has_decision;
	struct date	 decision;	/* the decision to end, when stated */
};

/*
 * Compiles every kind's schema and template from schema_dir.  Returns 0,
 * or -1 with the failing file printed.
 */
int			 kinds_load(const char *schema_dir);
void			 kinds_free(void);
/* The kind called name, or NULL. */
struct kind		*kind_find(const char *name);
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
 * else the Swedish reason.
 */
const char		*kind_period_refusal(const struct kind *k,
			    const struct rule_input *ri);
/*
 * The title of a document: the label, and for a per-month kind the month
 * ("Månadsrapport, mars 2024") and, once submitted (ready), ", KLAR"
 * (002 §8.1).  Writes into buf (truncated to size).
 */
void			 kind_title(const struct kind *k, const char *period,
			    int ready, char *buf, size_t size);
/*
 * The ending, end date and decision a final report's content states.
 * Returns 0 with *out, or -1 if content does not state an ending and end.
 */
int			 kind_final_dates(xmlDocPtr content, struct final_dates *out);

#endif
