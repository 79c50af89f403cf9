/*
 * pagearena: libxml2 nodes of a page document laid out in chunks, as
 * libxml2's tree functions lay them out (see pagearena.h for why).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>	/* xmlStringText */
#include <libxml/tree.h>

#include "pagearena.h"

#define CHUNK_SIZE	(32 * 1024)
#define ALIGN		_Alignof(max_align_t)
#define ROUND(n)	(((n) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

struct chunk {
	struct chunk	*next;
	max_align_t	 data[];
};

/* A subtree of the page that libxml2 allocated, or one lent to it. */
struct graft {
	struct graft	*next;
	xmlNodePtr	 parent;	/* the page's element */
	xmlNodePtr	 node;
	int		 lent;		/* node is another document's root */
};

struct arena {
	struct chunk	*chunks;	/* the newest first */
	char		*p;		/* free space of the newest, aligned */
	size_t		 left;
	struct graft	*grafts;
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
};

/* n bytes, aligned for any node, or NULL (no memory). */
static void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c;
	void		*p;

	n = ROUND(n);
	if (n > a->left) {
		if ((c = malloc(sizeof(*c) + (n > CHUNK_SIZE ? n :
		    CHUNK_SIZE))) == NULL)
			return NULL;
		c->next = a->chunks;
		a->chunks = c;
		a->p = (char *)c->data;
		a->left = n > CHUNK_SIZE ? n : CHUNK_SIZE;
	}
	p = a->p;
	a->p += n;
	a->left -= n;
	return p;
}

/*
 * The arena of an element it made (its _private), or NULL for any other
 * node.
 */
static struct arena *
arena_of(xmlNodePtr n)
{
	struct arena	*a;

	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    (a = n->_private) == NULL || a->doc != n->doc)
		return NULL;
	return a;
}

/*
 * A text node holding text (n bytes with its NUL), not yet linked, or
 * NULL.  As xmlNewDocText makes it.
 */
static xmlNodePtr
new_text(struct arena *a, const char *text, size_t n)
{
	xmlNodePtr	 t;

	if ((t = arena_alloc(a, sizeof(*t) + n)) == NULL)
		return NULL;
	*t = (xmlNode){ .type = XML_TEXT_NODE, .name = xmlStringText,
	    .doc = a->doc, .content = (xmlChar *)(t + 1) };
	memcpy(t + 1, text, n);
	return t;
}

/* Makes n the last child of parent; no return. */
static void
link_child(xmlNodePtr parent, xmlNodePtr n)
{
	n->parent = parent;
	if (parent->last == NULL)
		parent->children = n;
	else {
		parent->last->next = n;
		n->prev = parent->last;
	}
	parent->last = n;
}

/* 1 when parent holds a lent root: it takes no more; else 0. */
static int
lent_to(xmlNodePtr parent)
{
	/* A lent root's parent is in its own document, not parent. */
	return parent->last != NULL && parent->last->parent != parent;
}

/*
 * A new element name under parent (NULL: none yet), in parent's namespace
 * as xmlNewChild puts it, or NULL.
 */
static xmlNodePtr
new_element(struct arena *a, xmlNodePtr parent, const char *name)
{
	xmlNodePtr	 n;
	size_t		 len = strlen(name) + 1;

	if ((parent != NULL && lent_to(parent)) ||
	    (n = arena_alloc(a, sizeof(*n) + len)) == NULL)
		return NULL;
	*n = (xmlNode){ ._private = a, .type = XML_ELEMENT_NODE,
	    .name = (xmlChar *)(n + 1), .doc = a->doc };
	memcpy(n + 1, name, len);
	if (parent != NULL) {
		n->ns = parent->ns;
		link_child(parent, n);
	}
	return n;
}

/* Unlinks what the page borrowed and frees what libxml2 allocated. */
static void
drop_grafts(struct arena *a)
{
	struct graft	*g;
	xmlNodePtr	 n;

	for (g = a->grafts; g != NULL; g = g->next) {
		n = g->node;
		if (g->lent) {
			g->parent->children = g->parent->last = NULL;
			continue;
		}
		if (n->prev == NULL)
			g->parent->children = n->next;
		else
			n->prev->next = n->next;
		if (n->next == NULL)
			g->parent->last = n->prev;
		else
			n->next->prev = n->prev;
		n->parent = n->prev = n->next = NULL;
		xmlFreeNode(n);
	}
	a->grafts = NULL;
}

struct arena *
arena_new(const char *root)
{
	struct arena	 first, *a;

	memset(&first, 0, sizeof(first));
	if ((first.doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	/* The arena keeps its own header in its first chunk. */
	if ((a = arena_alloc(&first, sizeof(*a))) == NULL) {
		xmlFreeDoc(first.doc);
		return NULL;
	}
	*a = first;
	if ((a->root = new_element(a, NULL, root)) == NULL) {
		arena_free(a);
		return NULL;
	}
	a->root->parent = (xmlNodePtr)a->doc;
	a->doc->children = a->doc->last = a->root;
	return a;
}

void
arena_free(struct arena *a)
{
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	drop_grafts(a);
	/* The nodes are the arena's: xmlFreeDoc frees the document only. */
	a->doc->children = a->doc->last = NULL;
	xmlFreeDoc(a->doc);
	/* The header lives in the oldest chunk: read nothing after it. */
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

/* The arena's document. */
xmlDocPtr
arena_doc(const struct arena *a)
{
	return a->doc;
}

/* The document element made by arena_new. */
xmlNodePtr
arena_root(const struct arena *a)
{
	return a->root;
}

/* The new element or NULL. */
xmlNodePtr
arena_elem(xmlNodePtr parent, const char *name)
{
	struct arena	*a = arena_of(parent);

	return a == NULL ? NULL : new_element(a, parent, name);
}

/* The new element or NULL. */
xmlNodePtr
arena_text(xmlNodePtr parent, const char *name, const char *text)
{
	struct arena	*a = arena_of(parent);
	xmlNodePtr	 n, t;

	if (text == NULL)
		text = "";
	if (a == NULL || (t = new_text(a, text, strlen(text) + 1)) == NULL ||
	    (n = new_element(a, parent, name)) == NULL)
		return NULL;
	link_child(n, t);
	return n;
}

void
arena_reverse(xmlNodePtr parent)
{
	xmlNodePtr	 n, next;

	if (arena_of(parent) == NULL || lent_to(parent))
		return;
	for (n = parent->children; n != NULL; n = next) {
		next = n->next;
		n->next = n->prev;
		n->prev = next;
	}
	n = parent->children;
	parent->children = parent->last;
	parent->last = n;
}

/*
 * The attribute name of node without namespace, or NULL; *last, when
 * given, is set to the last attribute.
 */
static xmlAttrPtr
find_attr(xmlNodePtr node, const char *name, xmlAttrPtr *last)
{
	xmlAttrPtr	 at, prev = NULL;

	for (at = node->properties; at != NULL; prev = at, at = at->next)
		if (at->name[0] == (xmlChar)name[0] && at->ns == NULL &&
		    strcmp((const char *)at->name, name) == 0)
			return at;
	if (last != NULL)
		*last = prev;
	return NULL;
}

/* No return (see pagearena.h). */
void
arena_attr(xmlNodePtr node, const char *name, const char *value)
{
	struct arena	*a = arena_of(node);
	xmlAttrPtr	 at, last;
	xmlNodePtr	 t;
	size_t		 len;

	if (a == NULL || value == NULL ||
	    (name[0] == 'x' && strncmp(name, "xml:", 4) == 0) ||
	    (t = new_text(a, value, strlen(value) + 1)) == NULL)
		return;
	if ((at = find_attr(node, name, &last)) == NULL) {
		len = strlen(name) + 1;
		if ((at = arena_alloc(a, sizeof(*at) + len)) == NULL)
			return;
		*at = (xmlAttr){ .type = XML_ATTRIBUTE_NODE,
		    .name = (xmlChar *)(at + 1), .parent = node,
		    .prev = last, .doc = a->doc };
		memcpy(at + 1, name, len);
		if (last == NULL)
			node->properties = at;
		else
			last->next = at;
	}
	/* The old value, if any, stays in the arena until it is freed. */
	t->parent = (xmlNodePtr)at;
	at->children = at->last = t;
}

/* No return. */
void
arena_attr_remove(xmlNodePtr node, const char *name)
{
	xmlAttrPtr	 at;

	if (arena_of(node) == NULL ||
	    (at = find_attr(node, name, NULL)) == NULL)
		return;
	if (at->prev == NULL)
		node->properties = at->next;
	else
		at->prev->next = at->next;
	if (at->next != NULL)
		at->next->prev = at->prev;
}

/*
 * Hangs node (a subtree libxml2 allocated, or doc's root when lent) under
 * parent.  Returns 0, or -1 (no memory).
 */
static int
graft(struct arena *a, xmlNodePtr parent, xmlNodePtr node, int lent)
{
	struct graft	*g;

	if ((g = arena_alloc(a, sizeof(*g))) == NULL)
		return -1;
	g->parent = parent;
	g->node = node;
	g->lent = lent;
	g->next = a->grafts;
	a->grafts = g;
	if (lent)
		parent->children = parent->last = node;
	else
		link_child(parent, node);
	return 0;
}

/*
 * 0 or -1 (see pagearena.h).  A lent root is linked down to only: nothing
 * links back or writes to it.  The key walk reads it as it would read a
 * copy (the parser leaves no adjacent texts for a copy to merge).
 */
int
arena_graft_doc(xmlNodePtr parent, xmlDocPtr doc, int lend)
{
	struct arena	*a = arena_of(parent);
	xmlNodePtr	 root = xmlDocGetRootElement(doc), copy;

	if (a == NULL || root == NULL || lent_to(parent))
		return -1;
	if (lend && parent->children == NULL && root->prev == NULL &&
	    root->next == NULL)
		return graft(a, parent, root, 1);
	if ((copy = xmlDocCopyNode(root, a->doc, 1)) == NULL)
		return -1;
	if (graft(a, parent, copy, 0) == -1) {
		xmlFreeNode(copy);
		return -1;
	}
	return 0;
}

/* 0 or -1 (see pagearena.h). */
int
arena_own(struct arena *a)
{
	struct graft	*g;
	xmlNodePtr	 copy;

	for (g = a->grafts; g != NULL; g = g->next) {
		if (!g->lent)
			continue;
		if ((copy = xmlDocCopyNode(g->node, a->doc, 1)) == NULL)
			return -1;
		copy->parent = g->parent;
		g->parent->children = g->parent->last = copy;
		g->node = copy;
		g->lent = 0;
	}
	return 0;
}
