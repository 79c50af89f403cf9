/*
 * pagearena: the nodes of one page document (page.h), libxml2 nodes laid
 * out in an arena that is freed at once.  Each node is laid out as
 * xmlNewChild, xmlNewTextChild and xmlSetProp lay it out, so the document
 * is the one they would build and libxml2 reads it as its own (the key
 * walk of pagecache.c, xmlCopyDoc).  Nodes are only ever added or given
 * new values, never freed one by one: xmlSetProp's malloc calls and
 * xmlFreeDoc were half of a cached document view (`make bench`,
 * callgrind).  An arena is used by one thread at a time.
 *
 * Subtrees that libxml2 allocated (copies of stored content) hang from the
 * arena's elements as grafts, freed with the arena.  A graft may also be
 * lent: another document's root, linked down to but never written to, so
 * that a cached view copies nothing.  An element holding a lent root takes
 * no more children.
 *
 * The functions that take an element act on elements of an arena only;
 * given NULL or any other node they do nothing and return NULL or -1.
 */
#ifndef INSATS_PAGEARENA_H
#define INSATS_PAGEARENA_H

#include <libxml/tree.h>

struct arena;

/*
 * A new arena with its empty document and a root element name (arena_doc,
 * arena_root).  Returns it, or NULL (no memory).
 */
struct arena	*arena_new(const char *root);
/*
 * Frees the document, its nodes and the arena; a lent root is left as it
 * is to its own document.  NULL is fine.
 */
void		 arena_free(struct arena *a);
xmlDocPtr	 arena_doc(const struct arena *a);
xmlNodePtr	 arena_root(const struct arena *a);

/* A new empty element name, last child of parent.  Returns it or NULL. */
xmlNodePtr	 arena_elem(xmlNodePtr parent, const char *name);
/*
 * A new element name holding one text node text (NULL: ""), last child
 * of parent.  Returns it or NULL.
 */
xmlNodePtr	 arena_text(xmlNodePtr parent, const char *name,
		    const char *text);
/* Puts the children of parent (none lent) in the opposite order. */
void		 arena_reverse(xmlNodePtr parent);
/*
 * Sets attribute name of node to value as xmlSetProp does: a new one goes
 * last, an existing one gets the new value in its place.  Nothing when
 * value is NULL or name has the prefix "xml:" (xmlSetProp would put it in
 * a namespace).  No return: on no memory nothing is set.
 */
void		 arena_attr(xmlNodePtr node, const char *name,
		    const char *value);
/* Removes attribute name (no namespace) of node, if it has one. */
void		 arena_attr_remove(xmlNodePtr node, const char *name);
/*
 * Puts doc's root element under parent: lent when lend is 1, parent is
 * empty and the root is doc's only top node (doc must then stay unchanged
 * and alive until arena_own or arena_free), else a copy as xmlDocCopyNode
 * makes it.  Returns 0, or -1 (no root, parent holds a lent root, no
 * memory).
 */
int		 arena_graft_doc(xmlNodePtr parent, xmlDocPtr doc, int lend);
/*
 * Replaces every lent root by a copy, so that the document is a whole
 * tree of its own.  Returns 0, or -1 (no memory).
 */
int		 arena_own(struct arena *a);

#endif
