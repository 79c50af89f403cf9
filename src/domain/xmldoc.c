/*
 * xmldoc: libxml2 used defensively.  Untrusted input never gets a DTD,
 * an entity, a network fetch or an XInclude; schema validation maps each
 * error to the form field a person can fix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include "xmldoc.h"

/* The slot for field's error, or NULL if it has one or the list is full. */
static struct field_error *
field_errors_slot(struct field_errors *errs, const char *field)
{
	struct field_error	*e;
	size_t			 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0)
			return NULL;
	if (errs->n >= FIELD_ERRORS_MAX)
		return NULL;
	e = &errs->e[errs->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->field, sizeof(e->field), "%s", field);
	return e;
}

void
field_errors_code2(struct field_errors *errs, const char *field,
    const char *code, const char *arg, const char *arg2)
{
	struct field_error	*e;

	if ((e = field_errors_slot(errs, field)) == NULL)
		return;
	snprintf(e->code, sizeof(e->code), "%s", code);
	if (arg != NULL)
		snprintf(e->arg, sizeof(e->arg), "%s", arg);
	if (arg2 != NULL)
		snprintf(e->arg2, sizeof(e->arg2), "%s", arg2);
}

void
field_errors_code(struct field_errors *errs, const char *field,
    const char *code, const char *arg)
{
	field_errors_code2(errs, field, code, arg, NULL);
}

/* libxml2 prints parse errors of hostile input to stderr: keep logs clean. */
static void
quiet_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
quiet_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/*
 * libxml2 keeps these settings per thread (a new thread starts from the
 * library's defaults), so every thread that parses sets them.
 */
void
xmldoc_thread_init(void)
{
	xmlSetGenericErrorFunc(NULL, quiet_error);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	xmlLoadExtDtdDefaultValue = 0;
	xmlSubstituteEntitiesDefault(0);
	xmlLineNumbersDefault(1);
}

void
xmldoc_init(void)
{
	xmlInitParser();
	xmldoc_thread_init();
}

static xmlParserInputPtr
refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void
xmldoc_lockdown(void)
{
	xmlSetExternalEntityLoader(refuse_loader);
}

/* SAX hook: a DOCTYPE stops the parser before its internal subset is read. */
static void
refuse_doctype(void *vctxt, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = vctxt;

	(void)name;
	(void)ext;
	(void)sys;
	ctxt->_private = (void *)1;
	xmlStopParser(ctxt);
}

static void
refuse_entity_decl(void *vctxt, const xmlChar *name, int type,
    const xmlChar *pub, const xmlChar *sys, xmlChar *content)
{
	(void)name;
	(void)type;
	(void)pub;
	(void)sys;
	(void)content;
	refuse_doctype(vctxt, NULL, NULL, NULL);
}

/* Skips from buf[i] past the first end after it; len when there is none. */
static size_t
skip_past(const char *buf, size_t len, size_t i, const char *end)
{
	const char	*p = memmem(buf + i, len - i, end, strlen(end));

	return p == NULL ? len : (size_t)(p - buf) + strlen(end);
}

/*
 * libxml2 2.9 compares an element's attributes pairwise for duplicates:
 * 30 000 attributes in one tag cost seconds of CPU.  Counts the '=' outside
 * quotes in each tag (comments, CDATA and processing instructions
 * skipped), in one pass.  Returns 1 if a tag has more than max.
 */
static int
too_many_attributes(const char *buf, size_t len, int max)
{
	size_t	 i = 0;
	int	 n;
	char	 quote;

	while (i < len) {
		if (buf[i] != '<') {
			i++;
			continue;
		}
		if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0)
			i = skip_past(buf, len, i + 4, "-->");
		else if (len - i >= 9 && memcmp(buf + i, "<![CDATA[", 9) == 0)
			i = skip_past(buf, len, i + 9, "]]>");
		else if (len - i >= 2 && memcmp(buf + i, "<?", 2) == 0)
			i = skip_past(buf, len, i + 2, "?>");
		else {
			for (i++, n = 0, quote = 0; i < len; i++) {
				if (quote != 0) {
					if (buf[i] == quote)
						quote = 0;
				} else if (buf[i] == '"' || buf[i] == '\'')
					quote = buf[i];
				else if (buf[i] == '=' && ++n > max)
					return 1;
				else if (buf[i] == '>')
					break;
			}
		}
	}
	return 0;
}

/*
 * Returns the parsed document or NULL.  Any DOCTYPE, entity declaration,
 * or parse error refuses the whole input; a partial tree is freed.
 */
xmlDocPtr
xmldoc_parse_untrusted(const char *buf, size_t len, const char **why)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	 doc = NULL;
	int		 refused, wellformed;

	*why = "xml-invalid";
	if (len == 0 || len > 4 * 1024 * 1024)
		return NULL;
	if (too_many_attributes(buf, len, XMLDOC_ATTRS_MAX)) {
		*why = "xml-too-many-attributes";
		return NULL;
	}
	if ((ctxt = xmlCreateMemoryParserCtxt(buf, (int)len)) == NULL)
		return NULL;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->externalSubset = refuse_doctype;
	ctxt->sax->entityDecl = refuse_entity_decl;
	ctxt->sax->getEntity = NULL;
	ctxt->sax->getParameterEntity = NULL;
	ctxt->sax->resolveEntity = NULL;
	ctxt->replaceEntities = 0;
	ctxt->loadsubset = 0;
	ctxt->validate = 0;
	xmlParseDocument(ctxt);
	refused = ctxt->_private != NULL;
	wellformed = ctxt->wellFormed && ctxt->nsWellFormed;
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);
	if (refused)
		*why = "xml-doctype";
	if (refused || !wellformed || doc == NULL || doc->intSubset != NULL ||
	    doc->extSubset != NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlDocPtr
xmldoc_parse_file(const char *path)
{
	return xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
}

static void
schema_load_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	fprintf(stderr, "level=error msg=\"schema %s:%d: %s\"\n",
	    err->file ? err->file : "?", err->line,
	    err->message ? err->message : "?");
}

xmlSchemaPtr
xmldoc_schema_load(const char *path)
{
	xmlSchemaParserCtxtPtr	 pctxt;
	xmlSchemaPtr		 schema;

	if ((pctxt = xmlSchemaNewParserCtxt(path)) == NULL)
		return NULL;
	xmlSchemaSetParserStructuredErrors(pctxt, schema_load_error, NULL);
	schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	return schema;
}

static int
is_repeatable(const xmlChar *name, const char *const *repeatable)
{
	for (; repeatable != NULL && *repeatable != NULL; repeatable++)
		if (xmlStrEqual(name, (const xmlChar *)*repeatable))
			return 1;
	return 0;
}

static int
sibling_index(xmlNodePtr node)
{
	xmlNodePtr	 n;
	int		 i = 1;

	for (n = node->prev; n != NULL; n = n->prev)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, node->name))
			i++;
	return i;
}

char *
xmldoc_field_path(xmlNodePtr node, const char *const *repeatable, char *buf,
    size_t size)
{
	char		 tmp[FIELD_NAME_MAX], step[128];
	xmlNodePtr	 n;

	buf[0] = '\0';
	for (n = node; n != NULL && n->type == XML_ELEMENT_NODE &&
	    n->parent != NULL && n->parent->type == XML_ELEMENT_NODE;
	    n = n->parent) {
		if (is_repeatable(n->name, repeatable))
			snprintf(step, sizeof(step), "%s[%d]",
			    (const char *)n->name, sibling_index(n));
		else
			snprintf(step, sizeof(step), "%s", (const char *)n->name);
		if (buf[0] != '\0')
			snprintf(tmp, sizeof(tmp), "%s/%s", step, buf);
		else
			snprintf(tmp, sizeof(tmp), "%s", step);
		snprintf(buf, size, "%s", tmp);
	}
	return buf;
}

struct validation {
	const char *const	*repeatable;
	struct field_errors	*errs;
};

/* The first name in libxml2's "Expected is ( a, b )" text, into buf. */
static int
expected_name(const char *msg, char *buf, size_t size)
{
	const char	*p = strstr(msg, "Expected is");
	size_t		 n = 0;

	if (p == NULL || (p = strchr(p, '(')) == NULL)
		return 0;
	for (p++; *p == ' '; p++)
		;
	while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
	    (p[n] >= '0' && p[n] <= '9'))
		n++;
	if (n == 0 || n >= size)
		return 0;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return 1;
}

/* The code (xsl/texts.xsl) of a value the schema refused. */
static const char *
value_code(const char *msg)
{
	if (strstr(msg, "xs:date") || strstr(msg, "'date'"))
		return "date-invalid";
	if (strstr(msg, "gYearMonth") || strstr(msg, "'month'"))
		return "month-invalid";
	if (strstr(msg, "maxLength"))
		return "text-too-long";
	if (strstr(msg, "enumeration"))
		return "choose-option";
	if (strstr(msg, "minLength") || strstr(msg, "'pattern'"))
		return "field-required";
	if (strstr(msg, "xs:integer") || strstr(msg, "xs:nonNegativeInteger") ||
	    strstr(msg, "xs:positiveInteger"))
		return "integer-required";
	if (strstr(msg, "xs:boolean"))
		return "choose-yes-no";
	return "value-invalid";
}

/* 1 if an element called name follows node among its siblings. */
static int
later_sibling(xmlNodePtr node, const char *name)
{
	for (node = node->next; node != NULL; node = node->next)
		if (node->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(node->name, (const xmlChar *)name))
			return 1;
	return 0;
}

static void
validation_error(void *vctx, xmlErrorPtr err)
{
	struct validation	*v = vctx;
	xmlNodePtr		 node = err->node;
	const char		*msg = err->message ? err->message : "";
	char			 path[FIELD_NAME_MAX], name[64];
	char			 field[FIELD_NAME_MAX + 80];

	if (node == NULL || node->type != XML_ELEMENT_NODE) {
		field_errors_code(v->errs, "", "doc-not-valid", NULL);
		return;
	}
	/*
	 * "Expected is ( x )" with x further on: node is an extra element,
	 * not a sign that x is missing.
	 */
	if (expected_name(msg, name, sizeof(name)) &&
	    (strstr(msg, "Missing child") || !later_sibling(node, name))) {
		/* "Missing child": node is the parent; "not expected": a sibling. */
		xmlNodePtr base = strstr(msg, "Missing child") ? node :
		    node->parent;
		xmldoc_field_path(base, v->repeatable, path, sizeof(path));
		snprintf(field, sizeof(field), "%s%s%s", path,
		    path[0] ? "/" : "", name);
		if (is_repeatable((const xmlChar *)name, v->repeatable))
			strncat(field, "[1]", sizeof(field) - strlen(field) - 1);
		field_errors_code(v->errs, field, "field-required", NULL);
		return;
	}
	xmldoc_field_path(node, v->repeatable, path, sizeof(path));
	if (strstr(msg, "not expected"))
		field_errors_code(v->errs, path, "field-unexpected", NULL);
	else
		field_errors_code(v->errs, path, value_code(msg), NULL);
}

int
xmldoc_validate(xmlSchemaPtr schema, xmlDocPtr doc,
    const char *const *repeatable, struct field_errors *errs)
{
	xmlSchemaValidCtxtPtr	 vctxt;
	struct validation	 v = { repeatable, errs };
	int			 rc;

	if ((vctxt = xmlSchemaNewValidCtxt(schema)) == NULL)
		return -1;
	xmlSchemaSetValidStructuredErrors(vctxt, validation_error, &v);
	rc = xmlSchemaValidateDoc(vctxt, doc);
	xmlSchemaFreeValidCtxt(vctxt);
	if (rc < 0)
		return -1;
	if (rc > 0 && errs->n == 0)
		field_errors_code(errs, "", "doc-not-valid", NULL);
	return rc == 0 ? 0 : 1;
}

xmlNodePtr
xmldoc_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr	 n;

	for (n = parent ? parent->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)name))
			return n;
	return NULL;
}

xmlChar *
xmldoc_child_text(xmlNodePtr parent, const char *name)
{
	xmlNodePtr	 n = xmldoc_child(parent, name);

	return n ? xmlNodeGetContent(n) : NULL;
}

char *
xmldoc_serialize(xmlDocPtr doc, size_t *len)
{
	xmlChar	*mem = NULL;
	char	*out;
	int	 size = 0;

	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (mem == NULL)
		return NULL;
	if ((out = malloc((size_t)size + 1)) != NULL) {
		memcpy(out, mem, (size_t)size);
		out[size] = '\0';
		if (len)
			*len = (size_t)size;
	}
	xmlFree(mem);
	return out;
}
