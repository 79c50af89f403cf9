/*
 * xslnode: what the load-time passes over the compiled stylesheet
 * (renderstatic.h, fragcheck.h, fragment.h) ask of a stylesheet node.
 */
#ifndef INSATS_XSLNODE_H
#define INSATS_XSLNODE_H

#include <libxml/tree.h>

/* 1 when n is the XSLT element name (any XSLT element: name NULL). */
int		 xslnode_is(xmlNodePtr n, const char *name);
/*
 * The value of n's attribute name in no namespace ("" when it is not one
 * text), or NULL when n has none.
 */
const xmlChar	*xslnode_attr(xmlNodePtr n, const char *name);

#endif
