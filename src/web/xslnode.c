/*
 * xslnode: questions about stylesheet nodes (xslnode.h).
 */
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "xslnode.h"

int
xslnode_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, XSLT_NAMESPACE) &&
	    (name == NULL || xmlStrEqual(n->name, BAD_CAST name));
}

const xmlChar *
xslnode_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr	 a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && xmlStrEqual(a->name, BAD_CAST name))
			return a->children != NULL &&
			    a->children->type == XML_TEXT_NODE ?
			    a->children->content : BAD_CAST "";
	return NULL;
}
