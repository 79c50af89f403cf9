/*
 * page: builds the small page XML of a request (xsl/PAGES.md) that
 * render.h runs through the stylesheet.
 */
#ifndef INSATS_PAGE_H
#define INSATS_PAGE_H

#include <stddef.h>
#include <libxml/tree.h>

#include "store.h"
#include "xmldoc.h"

struct arena;

/*
 * A page document.  Its nodes live in an arena (pagearena.h): build and
 * change them only with the page_* functions below, never with libxml2's
 * tree functions (xmlSetProp, xmlUnlinkNode, xmlFreeNode ...).  Reading
 * the tree is fine, but for what page_content_doc put in: that may be
 * lent, for render_page and the key walk only.
 */
struct page {
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	struct arena	*arena;
};

/* Starts a page of the given view.  Returns 0 or -1. */
int		 page_new(struct page *pg, const char *view, const char *reqid);
void		 page_free(struct page *pg);
/*
 * <kinds>: every document kind's descriptor (kinds.h), for the
 * stylesheet's kind labels and "new" buttons (xsl/PAGES.md).
 */
void		 page_kinds(struct page *pg);
/* The user, role, organisation and CSRF token of the viewer. */
void		 page_user(struct page *pg, const struct user *u,
		    const char *csrf);
/*
 * The functions below add to a page element (one they made, or the root);
 * given NULL or any other node they add nothing (and return NULL).
 *
 * Adds <name>text</name> (text escaped) under parent.
 */
xmlNodePtr	 page_text(xmlNodePtr parent, const char *name, const char *text);
/* Adds an empty <name/> under parent.  Returns it, or NULL (no memory). */
xmlNodePtr	 page_elem(xmlNodePtr parent, const char *name);
/* Puts parent's children in the opposite order (a list read newest first). */
void		 page_reverse(xmlNodePtr parent);
/*
 * Sets attribute name (a name without prefix) of node to value, as
 * xmlSetProp does; nothing when value is NULL.
 */
void		 page_attr(xmlNodePtr node, const char *name, const char *value);
/* Removes attribute name of node, if it has one. */
void		 page_attr_remove(xmlNodePtr node, const char *name);
void		 page_attr_long(xmlNodePtr node, const char *name, long value);
/* "2024-03-07T10:15:00Z" as name and name-local (Europe/Stockholm). */
void		 page_attr_time(xmlNodePtr node, const char *name,
		    const char *utc);
/*
 * A <placement> with its <customer> (name and number only when the viewer
 * may see them) and <counsellor>.
 */
xmlNodePtr	 page_placement(xmlNodePtr parent, const struct placement *p,
		    const struct user *viewer);
/* A <doc>/<document> element with the document's attributes. */
xmlNodePtr	 page_document(xmlNodePtr parent, const char *name,
		    const struct document *d);
/*
 * Copies the root element of xml (trusted, stored) under parent.  Returns
 * 0 or -1.
 */
int		 page_content(xmlNodePtr parent, const char *xml);
/*
 * Puts doc's root element under parent, as a copy would.  The page may
 * borrow it rather than copy it: doc must stay as it is, unchanged and not
 * freed, until the page is rendered or freed; parent, then, takes no more
 * children.  Returns 0 or -1.
 */
int		 page_content_doc(xmlNodePtr parent, xmlDocPtr doc);
void		 page_errors(struct page *pg, const struct field_errors *errs);
/*
 * The page document itself for the stylesheet to read, borrowed content
 * copied in (the page then borrows nothing more): its nodes are laid out
 * as libxml2's and only read by XSLT, which writes nothing to its input
 * but the document order of elements (xmlXPathOrderDocElems, in a field
 * no page function reads) unless the stylesheet strips white space
 * (render.c checks).  Returns it (owned by the page) or NULL.
 */
xmlDocPtr	 page_doc_for_xslt(struct page *pg);
/*
 * A copy of the whole page document made by libxml2, borrowed content
 * copied too (the page then borrows nothing more), for the stylesheet to
 * read.  Returns it (xmlFreeDoc) or NULL.
 */
xmlDocPtr	 page_copy(struct page *pg);

#endif
