/*
 * renderstatic: the static subtrees of the compiled stylesheet written
 * once, as text not to be escaped (renderstatic.h).
 *
 * libxslt keeps a template as the tree of its xsl:template element and
 * copies each literal result element it meets (xsltShallowCopyElem, then
 * xsltAttrListTemplateProcess); a text node of the stylesheet is copied
 * as one text node, its kind kept (xsltCopyText).  So a static subtree may
 * stand as one text node, as long as the compiled template holds nothing
 * that points into it: a template's content pointer, updated here, and
 * the precomputed data (psvi) that only XSLT instructions and attribute
 * value templates carry, which a static subtree has none of.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>	/* xmlStringTextNoenc */
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <libxslt/xsltInternals.h>

#include "htmlout.h"
#include "renderstatic.h"
#include "xslnode.h"

/*
 * What the output of a string-valued instruction can run: the named
 * templates called and the modes applied ("" the default mode); all when
 * that cannot be told (xsl:apply-imports, a prefixed name, too many).
 */
#define REACH_MAX	256
struct reach {
	const xmlChar	*names[REACH_MAX];
	size_t		 nnames;
	const xmlChar	*modes[REACH_MAX];
	size_t		 nmodes;
	int		 all;
};

/* An instruction whose content becomes a string or a value. */
static int
is_value(xmlNodePtr n)
{
	static const char *const	 names[] = { "variable", "param",
	    "with-param", "attribute", "comment", "processing-instruction",
	    "message", NULL };
	const char *const		*p;

	if (!xslnode_is(n, NULL))
		return 0;
	for (p = names; *p != NULL; p++)
		if (xmlStrEqual(n->name, BAD_CAST *p))
			return 1;
	return 0;
}

static int
in_list(const xmlChar *const *list, size_t n, const xmlChar *s)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (xmlStrEqual(list[i], s))
			return 1;
	return 0;
}

/* Adds s to the list; 1 when it is new. */
static int
add(struct reach *r, const xmlChar **list, size_t *n, const xmlChar *s)
{
	if (s == NULL || xmlStrchr(s, ':') != NULL || *n == REACH_MAX) {
		r->all = 1;
		return 0;
	}
	if (in_list(list, *n, s))
		return 0;
	list[(*n)++] = s;
	return 1;
}

/* Everything n's subtree can call or apply.  Returns 1 when r grew. */
static int
collect(xmlNodePtr n, struct reach *r)
{
	const xmlChar	*mode;
	int		 grew = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xslnode_is(n, "call-template"))
			grew |= add(r, r->names, &r->nnames,
			    xslnode_attr(n, "name"));
		else if (xslnode_is(n, "apply-templates")) {
			mode = xslnode_attr(n, "mode");
			grew |= add(r, r->modes, &r->nmodes,
			    mode == NULL ? BAD_CAST "" : mode);
		} else if (xslnode_is(n, "apply-imports"))
			r->all = 1;
		grew |= collect(n->children, r);
	}
	return grew;
}

/* What the string-valued instructions of n's subtree can run. */
static int
collect_values(xmlNodePtr n, struct reach *r)
{
	int	 grew = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_value(n))
			grew |= collect(n->children, r);
		else
			grew |= collect_values(n->children, r);
	}
	return grew;
}

/* A template that may run inside a string-valued instruction. */
static int
reached(const xsltTemplate *t, const struct reach *r)
{
	return r->all ||
	    (t->name != NULL && in_list(r->names, r->nnames, t->name)) ||
	    (t->match != NULL && in_list(r->modes, r->nmodes,
	    t->mode == NULL ? BAD_CAST "" : t->mode));
}

/*
 * The templates of sheet that may run inside a string-valued instruction
 * (1 in marked, one per template in list order): those its global
 * variables and parameters and the other templates' values reach, and on
 * from there.  Returns 0.
 */
static int
mark_reached(xsltStylesheetPtr sheet, char *marked)
{
	struct reach	*r;
	xsltTemplatePtr	 t;
	xmlNodePtr	 top;
	size_t		 i;
	int		 grew;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return -1;
	for (t = sheet->templates; t != NULL; t = t->next) {
		if (t->elem == NULL)
			continue;
		collect_values(t->elem->children, r);
		/* The global variables and parameters beside it. */
		if ((top = t->elem->parent) != NULL)
			for (top = top->children; top != NULL; top = top->next)
				if (xslnode_is(top, "variable") ||
				    xslnode_is(top, "param"))
					collect(top->children, r);
	}
	do {
		grew = 0;
		for (t = sheet->templates, i = 0; t != NULL; t = t->next, i++)
			if (!marked[i] && reached(t, r)) {
				marked[i] = 1;
				if (t->elem != NULL)
					collect(t->elem->children, r);
				grew = 1;
			}
	} while (grew);
	free(r);
	return 0;
}

/* Elements htmlSetMetaEncoding looks for, or htmlout.c leaves to libxml2. */
static int
kept_element(const xmlChar *name)
{
	static const char *const	 names[] = { "html", "head", "meta",
	    "body", "script", "style", NULL };
	const char *const		*p;

	for (p = names; *p != NULL; p++)
		if (xmlStrcasecmp(name, BAD_CAST *p) == 0)
			return 1;
	return 0;
}

/*
 * A literal result element with literal attributes (no attribute value
 * template, no xsl: attribute) and only such elements and text inside,
 * in no namespace.
 */
static int
is_static(xmlNodePtr e)
{
	xmlAttrPtr	 a;
	xmlNodePtr	 c;
	const xmlChar	*v;

	if (e->type != XML_ELEMENT_NODE || e->ns != NULL ||
	    e->nsDef != NULL || e->psvi != NULL || kept_element(e->name))
		return 0;
	for (a = e->properties; a != NULL; a = a->next) {
		if (a->ns != NULL || a->psvi != NULL)
			return 0;
		if ((c = a->children) == NULL)
			continue;
		if (c->type != XML_TEXT_NODE || c->next != NULL)
			return 0;
		v = c->content;
		if (v != NULL && (xmlStrchr(v, '{') || xmlStrchr(v, '}')))
			return 0;
	}
	for (c = e->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE) {
			if (c->name == xmlStringTextNoenc)
				return 0;
		} else if (!is_static(c))
			return 0;
	return 1;
}

/*
 * Replaces static element e by its bytes, and in the template whose
 * content began with it (sheet's list: each xsl:template is one entry,
 * but the walk does not rely on it).  Returns 0 or -1.
 */
static int
replace(xsltStylesheetPtr sheet, xmlNodePtr e)
{
	xsltTemplatePtr	 t;
	xmlDocPtr	 doc = e->doc;
	xmlNodePtr	 text;
	char		*html;
	size_t		 len;

	if (htmlout_element(e, &html, &len) == -1)
		return -1;
	if ((text = xmlNewDocText(doc, NULL)) == NULL) {
		xmlFree(html);
		return -1;
	}
	/* In the dictionary: the copy in each page shares it. */
	text->content = doc->dict != NULL && len < INT32_MAX ?
	    (xmlChar *)xmlDictLookup(doc->dict, BAD_CAST html, (int)len) :
	    xmlStrndup(BAD_CAST html, (int)len);
	xmlFree(html);
	if (text->content == NULL) {
		xmlFreeNode(text);
		return -1;
	}
	text->name = xmlStringTextNoenc;
	xmlReplaceNode(e, text);
	for (t = sheet->templates; t != NULL; t = t->next)
		if (t->content == e)
			t->content = text;
	xmlFreeNode(e);
	return 0;
}

/*
 * Replaces the static subtrees among n and its siblings, outside
 * string-valued instructions and literal text.  Returns the number
 * replaced.
 */
static int
rewrite(xsltStylesheetPtr sheet, xmlNodePtr n)
{
	xmlNodePtr	 next;
	int		 done = 0;

	for (; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns != NULL) {
			/* Into XSLT instructions; not into other namespaces. */
			if (xslnode_is(n, NULL) && !is_value(n) &&
			    !xslnode_is(n, "text") && !xslnode_is(n, "fallback"))
				done += rewrite(sheet, n->children);
			continue;
		}
		if (is_static(n) && replace(sheet, n) == 0)
			done++;
		else
			done += rewrite(sheet, n->children);
	}
	return done;
}

int
renderstatic_rewrite(xsltStylesheetPtr sheet)
{
	xsltTemplatePtr	 t;
	char		*marked;
	size_t		 n = 0, i;
	int		 done = 0;

	for (t = sheet->templates; t != NULL; t = t->next)
		n++;
	if ((marked = calloc(n + 1, 1)) == NULL ||
	    mark_reached(sheet, marked) == -1) {
		free(marked);
		return -1;
	}
	for (t = sheet->templates, i = 0; t != NULL; t = t->next, i++)
		if (!marked[i] && t->inheritedNsNr == 0 && t->elem != NULL)
			done += rewrite(sheet, t->elem->children);
	free(marked);
	return done;
}
