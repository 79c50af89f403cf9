/*
 * xmldoc: safe parsing of untrusted XML, schema validation with errors
 * mapped to form fields, and the process-wide lock-down of libxml2's
 * external loaders once everything trusted is compiled.
 */
#ifndef INSATS_XMLDOC_H
#define INSATS_XMLDOC_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#define FIELD_NAME_MAX	 256
#define FIELD_CODE_MAX	 48
#define FIELD_ARG_MAX	 64
#define FIELD_ERRORS_MAX 64
#define XMLDOC_ATTRS_MAX 64	/* attributes of one element in untrusted XML */

/*
 * One error: a language-neutral code ("text-too-long") whose words are in
 * xsl/texts.xsl, with up to two values they show ("2026-12-07"), or ""
 * for none.
 */
struct field_error {
	char	 field[FIELD_NAME_MAX];		/* "activities/activity[2]/how" */
	char	 code[FIELD_CODE_MAX];
	char	 arg[FIELD_ARG_MAX];
	char	 arg2[FIELD_ARG_MAX];
};

struct field_errors {
	struct field_error	 e[FIELD_ERRORS_MAX];
	size_t			 n;
};

/*
 * Each adds an error unless the field already has one or the list is
 * full: code with arg (may be NULL), or with two values.
 */
void		 field_errors_code(struct field_errors *errs, const char *field,
		    const char *code, const char *arg);
void		 field_errors_code2(struct field_errors *errs,
		    const char *field, const char *code, const char *arg,
		    const char *arg2);

/* Initialises libxml2 (call once, before fork and before any thread). */
void		 xmldoc_init(void);
/* libxml2's per-thread settings: first thing in every new thread. */
void		 xmldoc_thread_init(void);
/*
 * From now on every external entity, DTD, XInclude or document() load is
 * refused, whatever asks for it.  Call once schemas and stylesheets are
 * compiled.
 */
void		 xmldoc_lockdown(void);
/*
 * Parses untrusted bytes: no DOCTYPE at all, no entities, no network, no
 * XInclude, default (not huge) limits.  Returns the document, or NULL with
 * *why set to the code of the reason (xsl/texts.xsl).
 */
xmlDocPtr	 xmldoc_parse_untrusted(const char *buf, size_t len,
		    const char **why);
/* Parses a trusted file (schemas' templates).  NULL on error. */
xmlDocPtr	 xmldoc_parse_file(const char *path);
/* Compiles an XSD file.  NULL on error (printed). */
xmlSchemaPtr	 xmldoc_schema_load(const char *path);
/*
 * Validates doc against schema.  Each error is mapped to the form field it
 * belongs to (repeatable names get an index) with a code (xsl/texts.xsl).
 * Returns 0 valid, 1 invalid (errs filled), -1 internal error.
 */
int		 xmldoc_validate(xmlSchemaPtr schema, xmlDocPtr doc,
		    const char *const *repeatable, struct field_errors *errs);
/*
 * Writes the form path of node relative to the root element into buf:
 * steps joined by '/', "[n]" after names listed in repeatable.
 * Returns buf.
 */
char		*xmldoc_field_path(xmlNodePtr node, const char *const *repeatable,
		    char *buf, size_t size);
/* Text of the first element child named name, or NULL.  Caller frees (xmlFree). */
xmlChar		*xmldoc_child_text(xmlNodePtr parent, const char *name);
/* Element child by name, or NULL. */
xmlNodePtr	 xmldoc_child(xmlNodePtr parent, const char *name);
/* Serialises doc to a malloc'd UTF-8 string.  NULL on error. */
char		*xmldoc_serialize(xmlDocPtr doc, size_t *len);

#endif
