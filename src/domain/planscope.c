/*
 * planscope: a plan's scope from the assignment (planscope.h).
 */
#include <string.h>

#include "kinds.h"
#include "planscope.h"
#include "xmldoc.h"

/* Removes every child element called name. */
static void
drop_children(xmlNodePtr parent, const char *name)
{
	xmlNodePtr	 n, next;

	for (n = parent->children; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)name)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
}

/*
 * 1 if root, a content's root element, is of a kind that follows the
 * assignment (the root element is named for its kind, kinds.h), else 0.
 */
static int
follows_assignment(xmlNodePtr root)
{
	const struct kind	*k;

	if (root == NULL ||
	    (k = kind_find((const char *)root->name)) == NULL)
		return 0;
	return k->follows_assignment;
}

int
planscope_apply(xmlDocPtr doc, const char *extent, const char *reason)
{
	xmlNodePtr	 root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr	 scope;
	int		 part;

	if (!follows_assignment(root) ||
	    (scope = xmldoc_child(root, "scope")) == NULL || extent == NULL)
		return -1;
	if (strcmp(extent, "parttime") == 0)
		part = 1;
	else if (strcmp(extent, "fulltime") == 0)
		part = 0;
	else
		return -1;
	drop_children(scope, "extent");
	drop_children(scope, "parttimeReason");
	/* The schema's order: extent, then the reason. */
	xmlNewTextChild(scope, NULL, (const xmlChar *)"extent",
	    (const xmlChar *)extent);
	if (part && reason != NULL && *reason != '\0')
		xmlNewTextChild(scope, NULL, (const xmlChar *)"parttimeReason",
		    (const xmlChar *)reason);
	return 0;
}
