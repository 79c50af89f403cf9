/*
 * kinds: the document kinds.  A kind is an XSD and an empty template in
 * schemas/, a form and a view in xsl/, and this small descriptor: adding a
 * kind needs no new parsing or storage code.
 */
#ifndef INSATS_KINDS_H
#define INSATS_KINDS_H

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "calendar.h"
#include "xmldoc.h"

/* What the business rules may look at besides the document. */
struct rule_input {
	struct date	 placement_start;
	struct date	 placement_end;		/* year 0: open-ended */
	struct date	 today;
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

#endif
