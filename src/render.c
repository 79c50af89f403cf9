/*
 * render: the page XML and the one compiled stylesheet.  XSLT runs with
 * every file and network operation forbidden.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parserInternals.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "auth.h"
#include "calendar.h"
#include "pagecache.h"
#include "render.h"

static xsltStylesheetPtr	 sheet;
static xsltSecurityPrefsPtr	 prefs;

static xmlDocPtr
refuse_doc_loader(const xmlChar *uri, xmlDictPtr dict, int options,
    void *ctxt, xsltLoadType type)
{
	(void)uri;
	(void)dict;
	(void)options;
	(void)ctxt;
	(void)type;
	return NULL;
}

int
render_load(const char *xsl_dir)
{
	char	 path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/page.xsl", xsl_dir);
	if ((sheet = xsltParseStylesheetFile((const xmlChar *)path)) == NULL) {
		fprintf(stderr, "level=error msg=\"cannot compile %s\"\n", path);
		return -1;
	}
	if ((prefs = xsltNewSecurityPrefs()) == NULL)
		return -1;
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	xsltSetDefaultSecurityPrefs(prefs);
	/* After compiling: document() and friends load nothing at run time. */
	xsltSetLoaderFunc(refuse_doc_loader);
	return 0;
}

void
render_free(void)
{
	pagecache_clear();
	xsltFreeStylesheet(sheet);
	sheet = NULL;
}

int
render_ready(void)
{
	return sheet != NULL;
}

/*
 * The nodes of a page are libxml2 nodes, laid out in an arena that
 * page_free drops at once: a page is built once, only through the page_*
 * functions, and read by the key walk (pagecache.c) and, on a miss, by
 * xmlCopyDoc before the stylesheet runs.  xmlSetProp's malloc calls and
 * xmlFreeDoc were half of a cached document view (`make bench`,
 * callgrind).  Each node is laid out as xmlNewChild, xmlNewTextChild and
 * xmlSetProp lay it out, so the page document is the one they would
 * build.  The xmlDoc itself and the stored content a page copies (see
 * page_content_doc) are libxml2's own, freed by page_free.
 */
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

/* The arena of a page element (its _private), or NULL for any other node. */
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

/* 1 when parent holds a lent root (see page_content_doc): it takes no more. */
static int
lent_to(xmlNodePtr parent)
{
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

int
page_new(struct page *pg, const char *view, const char *reqid)
{
	time_t		 t = time(NULL);
	struct tm	 tm;
	struct arena	 first, *a;
	char		 today[11];

	memset(pg, 0, sizeof(*pg));
	memset(&first, 0, sizeof(first));
	if ((first.doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return -1;
	/* The arena keeps its own header in its first chunk. */
	if ((a = arena_alloc(&first, sizeof(*a))) == NULL) {
		xmlFreeDoc(first.doc);
		return -1;
	}
	*a = first;
	pg->doc = a->doc;
	pg->arena = a;
	if ((pg->root = new_element(a, NULL, "page")) == NULL) {
		page_free(pg);
		return -1;
	}
	pg->root->parent = (xmlNodePtr)pg->doc;
	pg->doc->children = pg->doc->last = pg->root;
	page_attr(pg->root, "view", view);
	page_attr(pg->root, "request-id", reqid);
	localtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	page_text(pg->root, "today", today);
	return 0;
}

void
page_free(struct page *pg)
{
	struct arena	*a = pg->arena;
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	drop_grafts(a);
	a->doc->children = a->doc->last = NULL;
	xmlFreeDoc(a->doc);
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	pg->arena = NULL;
	pg->doc = NULL;
	pg->root = NULL;
}

xmlNodePtr
page_elem(xmlNodePtr parent, const char *name)
{
	struct arena	*a = arena_of(parent);

	return a == NULL ? NULL : new_element(a, parent, name);
}

xmlNodePtr
page_text(xmlNodePtr parent, const char *name, const char *text)
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

/*
 * As xmlSetProp(node, name, value): a new attribute goes last, an
 * existing one gets the new value in its place.  A name with the prefix
 * "xml:" is the one xmlSetProp would put in a namespace: not set.
 */
void
page_attr(xmlNodePtr node, const char *name, const char *value)
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
	t->parent = (xmlNodePtr)at;
	at->children = at->last = t;
}

void
page_attr_remove(xmlNodePtr node, const char *name)
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

void
page_attr_long(xmlNodePtr node, const char *name, long value)
{
	char		 buf[32], *p = buf + sizeof(buf) - 1;
	unsigned long	 v = value < 0 ? 0UL - (unsigned long)value :
			    (unsigned long)value;

	/* By hand: snprintf was a twentieth of a cached document view. */
	*p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (value < 0)
		*--p = '-';
	page_attr(node, name, p);
}

/*
 * Parses "YYYY-MM-DDTHH:MM:SSZ" into *t by hand: strptime, strftime and
 * then timegm were a tenth of a cached document view (`make bench`,
 * callgrind).  The sum is timegm's for these fields (a day 29-31 past the
 * month's end or second 60 or 61 runs on, as there).  Returns 0, or -1
 * for any other text.
 */
static int
parse_utc(const char *utc, time_t *t)
{
	struct date	 d;
	int		 hour, min, sec;

	if (strlen(utc) != 20 || utc[4] != '-' || utc[7] != '-' ||
	    utc[10] != 'T' || utc[13] != ':' || utc[16] != ':' ||
	    utc[19] != 'Z' ||
	    (d.year = date_digits(utc, 4)) < 0 ||
	    (d.month = date_digits(utc + 5, 2)) < 1 || d.month > 12 ||
	    (d.day = date_digits(utc + 8, 2)) < 1 || d.day > 31 ||
	    (hour = date_digits(utc + 11, 2)) < 0 || hour > 23 ||
	    (min = date_digits(utc + 14, 2)) < 0 || min > 59 ||
	    (sec = date_digits(utc + 17, 2)) < 0 || sec > 61)
		return -1;
	*t = (time_t)date_to_days(d) * 86400 + hour * 3600 + min * 60 + sec;
	return 0;
}

void
page_attr_time(xmlNodePtr node, const char *name, const char *utc)
{
	struct tm	 tm;
	time_t		 t;
	char		 local[17], lname[64];
	size_t		 n;

	if (utc == NULL || *utc == '\0')
		return;
	page_attr(node, name, utc);
	if (parse_utc(utc, &t) == -1 || localtime_r(&t, &tm) == NULL ||
	    tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0)
		return;
	/* "YYYY-MM-DD HH:MM" */
	date_put_digits(local, tm.tm_year + 1900, 4);
	local[4] = '-';
	date_put_digits(local + 5, tm.tm_mon + 1, 2);
	local[7] = '-';
	date_put_digits(local + 8, tm.tm_mday, 2);
	local[10] = ' ';
	date_put_digits(local + 11, tm.tm_hour, 2);
	local[13] = ':';
	date_put_digits(local + 14, tm.tm_min, 2);
	local[16] = '\0';
	if ((n = strlen(name)) + sizeof("-local") > sizeof(lname))
		return;
	memcpy(lname, name, n);
	memcpy(lname + n, "-local", sizeof("-local"));
	page_attr(node, lname, local);
}

void
page_user(struct page *pg, const struct user *u, const char *csrf)
{
	xmlNodePtr	 n = page_elem(pg->root, "user");

	page_attr(n, "login", u->login);
	page_attr(n, "name", u->name);
	page_attr(n, "role", role_name(u->role));
	if (u->org[0])
		page_attr(n, "organisation", u->org);
	if (csrf != NULL)
		page_text(pg->root, "csrf", csrf);
}

xmlNodePtr
page_placement(xmlNodePtr parent, const struct placement *p,
    const struct user *viewer)
{
	xmlNodePtr	 n = page_elem(parent, "placement"), c;
	char		 ref[32];

	page_attr_long(n, "id", p->id);
	page_attr(n, "code", p->code);
	page_attr(n, "code-name", p->code_name);
	page_attr(n, "start", p->start);
	if (p->end[0])
		page_attr(n, "end", p->end);
	page_attr(n, "provider", p->provider);
	page_attr_long(n, "provider-id", p->provider_id);
	c = page_elem(n, "customer");
	page_attr_long(c, "id", p->customer_id);
	snprintf(ref, sizeof(ref), "K-%ld", p->customer_id);
	page_attr(c, "ref", ref);
	page_attr(c, "protected", p->protected ? "1" : "0");
	if (access_identity(viewer, p)) {
		page_attr(c, "name", p->customer_name);
		page_attr(c, "pnr", p->pnr);
	}
	c = page_elem(n, "counsellor");
	page_attr(c, "login", p->counsellor_login);
	page_attr(c, "name", p->counsellor_name);
	return n;
}

xmlNodePtr
page_document(xmlNodePtr parent, const char *name, const struct document *d)
{
	xmlNodePtr	 n = page_elem(parent, name);

	page_attr_long(n, "id", d->id);
	page_attr(n, "kind", d->kind);
	page_attr(n, "state", state_name(d->state));
	page_attr_long(n, "revision", d->revision);
	page_attr_long(n, "version", d->version);
	page_attr(n, "title", d->title);
	page_attr(n, "period", d->period);
	page_attr_time(n, "created", d->created_at);
	page_attr_time(n, "updated", d->updated_at);
	page_attr_time(n, "submitted", d->submitted_at);
	return n;
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
 * The root of doc, lent to the page when it is doc's only top node and
 * parent is empty: the page links down to it, nothing links back or
 * writes to it, and a cached view copies nothing (the copy and its free
 * were a tenth of one, callgrind).  The key walks the lent tree: the
 * names, namespaces, values and texts a copy holds (the parser leaves no
 * adjacent texts for a copy to merge); render_page copies it before the
 * stylesheet runs.  Otherwise a copy, as xmlDocCopyNode makes it.
 */
int
page_content_doc(xmlNodePtr parent, xmlDocPtr doc)
{
	struct arena	*a = arena_of(parent);
	xmlNodePtr	 root = xmlDocGetRootElement(doc), copy;

	if (a == NULL || root == NULL || lent_to(parent))
		return -1;
	if (parent->children == NULL && root->prev == NULL &&
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

int
page_content(xmlNodePtr parent, const char *xml)
{
	struct arena	*a = arena_of(parent);
	xmlDocPtr	 doc;
	xmlNodePtr	 root, copy;
	int		 rc = -1;

	if (a == NULL || lent_to(parent) || xml == NULL ||
	    (doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS)) == NULL)
		return -1;
	/* doc goes now: a copy, never lent. */
	if ((root = xmlDocGetRootElement(doc)) != NULL &&
	    (copy = xmlDocCopyNode(root, a->doc, 1)) != NULL) {
		if ((rc = graft(a, parent, copy, 0)) == -1)
			xmlFreeNode(copy);
	}
	xmlFreeDoc(doc);
	return rc;
}

/*
 * Replaces every lent root by a copy, so that the page is a whole tree of
 * its own.  Returns 0, or -1 (no memory).
 */
static int
own_grafts(struct arena *a)
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

void
page_errors(struct page *pg, const struct field_errors *errs)
{
	xmlNodePtr	 list = page_elem(pg->root, "errors"), e;
	size_t		 i;

	for (i = 0; i < errs->n; i++) {
		e = page_text(list, "error", errs->e[i].message);
		page_attr(e, "field", errs->e[i].field);
	}
}

/*
 * Runs the stylesheet, or takes the HTML this worker rendered before for
 * an equal page document (pagecache.h).  The stylesheet reads a copy of
 * the page made by libxml2, never the arena.  Returns the HTML
 * (xmlMalloc'd, *len set) or NULL.
 */
char *
render_page(struct page *pg, size_t *len)
{
	xsltTransformContextPtr	 tctxt;
	xmlDocPtr		 in, out;
	xmlChar			*html = NULL;
	struct pagekey		 key;
	char			*cached;
	int			 size = 0, keyed;

	if (sheet == NULL || pg->arena == NULL)
		return NULL;
	keyed = pagecache_key(pg->doc, &key) == 0;
	if (keyed && (cached = pagecache_get(&key, len)) != NULL)
		return cached;
	if (own_grafts(pg->arena) == -1 ||
	    (in = xmlCopyDoc(pg->doc, 1)) == NULL)
		return NULL;
	if ((tctxt = xsltNewTransformContext(sheet, in)) == NULL) {
		xmlFreeDoc(in);
		return NULL;
	}
	xsltSetCtxtSecurityPrefs(prefs, tctxt);
	out = xsltApplyStylesheetUser(sheet, in, NULL, NULL, NULL, tctxt);
	xsltFreeTransformContext(tctxt);
	xmlFreeDoc(in);
	if (out == NULL)
		return NULL;
	if (xsltSaveResultToString(&html, &size, out, sheet) != 0)
		html = NULL;
	xmlFreeDoc(out);
	*len = (size_t)size;
	if (html != NULL && keyed)
		pagecache_put(&key, (const char *)html, *len);
	return (char *)html;
}
