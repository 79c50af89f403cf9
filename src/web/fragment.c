/*
 * fragment: rows rendered once per input (fragment.h).
 *
 * At load, the body of each marked xsl:for-each (after its xsl:sort) is
 * checked (fragcheck.h) and moved under one new element of the fragment
 * namespace whose precomputed data names fragment_run: libxslt runs such
 * an element as an extension instruction, once per node of the list.
 * fragment_run looks the row up by its key and either writes the bytes
 * it has (one text node, written as it is) or runs the body into a
 * detached element, keeps the bytes htmlout.h writes for what it made,
 * and moves the nodes to where they belong.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>	/* xmlStringTextNoenc */
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxslt/extensions.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>

#include "fragcheck.h"
#include "fragment.h"
#include "htmlout.h"
#include "pagewalk.h"
#include "xslnode.h"

#define VARS_MAX	8
#define SLOTS		4096			/* rows per worker, at most */
#define BYTES_MAX	(4 * 1024 * 1024)	/* of keys and rows: RSS < 32 MB */
#define ROW_MAX		(16 * 1024)		/* larger rows are not kept */

/* The precomputed data of one marked body: libxslt's part first. */
struct fragcomp {
	xsltElemPreComp	 comp;
	xmlChar		*vars[VARS_MAX];
	size_t		 nvars;
	xmlChar		*paths[VARS_MAX];	/* "/page/kinds" */
	size_t		 npaths;
};

struct slot {
	uint64_t	 hash;
	unsigned char	*key;			/* NULL: empty */
	size_t		 klen;
	char		*html;			/* in key's allocation */
	size_t		 hlen;
};

/* Shared by the worker's threads, under lock; a hit copies the row out. */
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot	 slots[SLOTS];
static size_t		 nslots = SLOTS;	/* in use: 0 keeps none */
static size_t		 bytes;
static unsigned long	 hits, misses;
static _Thread_local struct walkbuf	 keybuf;
static _Thread_local struct walkbuf	 pathbuf;	/* a path's walk */

/* ---------------------------------------------------------------- cache */

static void
slot_empty(struct slot *s)
{
	if (s->key == NULL)
		return;
	bytes -= s->klen + s->hlen;
	free(s->key);
	memset(s, 0, sizeof(*s));
}

/* The row of key, copied with xmlMalloc (the render heap), or NULL. */
static char *
lookup(uint64_t hash, const unsigned char *key, size_t klen, size_t *len)
{
	struct slot	*s;
	char		*out = NULL;

	pthread_mutex_lock(&lock);
	if (nslots > 0) {
		s = &slots[hash % nslots];
		if (s->key != NULL && s->hash == hash && s->klen == klen &&
		    memcmp(s->key, key, klen) == 0 &&
		    (out = xmlMalloc(s->hlen + 1)) != NULL) {
			memcpy(out, s->html, s->hlen);
			out[s->hlen] = '\0';
			*len = s->hlen;
			hits++;
		} else
			misses++;
	}
	pthread_mutex_unlock(&lock);
	return out;
}

/* Keeps html for key in its slot, in place of what was there. */
static void
keep(uint64_t hash, const unsigned char *key, size_t klen, const char *html,
    size_t hlen)
{
	unsigned char	*copy;
	struct slot	*s;

	if (hlen > ROW_MAX || (copy = malloc(klen + hlen)) == NULL)
		return;
	memcpy(copy, key, klen);
	memcpy(copy + klen, html, hlen);
	pthread_mutex_lock(&lock);
	if (nslots > 0) {
		s = &slots[hash % nslots];
		slot_empty(s);
		if (bytes + klen + hlen <= BYTES_MAX) {
			s->hash = hash;
			s->key = copy;
			s->klen = klen;
			s->html = (char *)copy + klen;
			s->hlen = hlen;
			bytes += klen + hlen;
			copy = NULL;
		}
	}
	pthread_mutex_unlock(&lock);
	free(copy);
}

void
fragment_set_rows(int n)
{
	size_t	 i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < SLOTS; i++)
		slot_empty(&slots[i]);
	nslots = n <= 0 ? 0 : n > SLOTS ? SLOTS : (size_t)n;
	pthread_mutex_unlock(&lock);
}

void
fragment_stats(unsigned long *h, unsigned long *m)
{
	pthread_mutex_lock(&lock);
	*h = hits;
	*m = misses;
	pthread_mutex_unlock(&lock);
}

void
fragment_clear(void)
{
	size_t	 i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < SLOTS; i++)
		slot_empty(&slots[i]);
	hits = misses = 0;
	pthread_mutex_unlock(&lock);
}

void
fragment_thread_clear(void)
{
	pagewalk_free(&keybuf);
	pagewalk_free(&pathbuf);
}

/* ------------------------------------------------------------ rendering */

/*
 * Walks into the key every element of node's document at path ("/a/b":
 * the root a, its children b), each after a 'P' byte.  Returns 0 or -1.
 */
static int
walk_path(xmlNodePtr node, const xmlChar *path, struct walkbuf *tmp)
{
	xmlNodePtr	 at = xmlDocGetRootElement(node->doc), c;
	const xmlChar	*p = path + 1, *end;
	int		 n;

	end = xmlStrchr(p, '/');
	n = end != NULL ? (int)(end - p) : xmlStrlen(p);
	if (at == NULL || xmlStrncmp(at->name, p, n) != 0 || at->name[n] != 0)
		return 0;
	if (end == NULL)
		return pagewalk_put(&keybuf, "P", 1) == -1 ||
		    pagewalk_node(tmp, at, 0, NULL) == -1 ||
		    pagewalk_put(&keybuf, tmp->p, tmp->len) == -1 ? -1 : 0;
	/* Only two steps are used: /page/NAME. */
	p = end + 1;
	for (c = at->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, p) &&
		    (pagewalk_put(&keybuf, "P", 1) == -1 ||
		    pagewalk_node(tmp, c, 0, NULL) == -1 ||
		    pagewalk_put(&keybuf, tmp->p, tmp->len) == -1))
			return -1;
	return 0;
}

/*
 * The key of the row of node: its walk, which body, the string value of
 * each variable named (only strings, numbers and booleans: a node-set
 * would stand for more than its string), and the subtrees at its paths.
 * Returns 0, or -1 when the row is to be rendered without the cache.
 */
static int
row_key(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    const struct fragcomp *fc)
{
	xmlXPathObjectPtr	 v;
	xmlChar			*s;
	size_t			 i;
	int			 rc = 0;

	if (node->type != XML_ELEMENT_NODE ||
	    pagewalk_node(&keybuf, node, 0, NULL) == -1 ||
	    pagewalk_put(&keybuf, &inst, sizeof(inst)) == -1)
		return -1;
	for (i = 0; i < fc->nvars && rc == 0; i++) {
		if ((v = xsltVariableLookup(ctxt, fc->vars[i], NULL)) == NULL)
			return -1;
		if ((v->type != XPATH_STRING && v->type != XPATH_NUMBER &&
		    v->type != XPATH_BOOLEAN) ||
		    (s = xmlXPathCastToString(v)) == NULL)
			rc = -1;
		else {
			rc = pagewalk_put(&keybuf, s, (size_t)xmlStrlen(s) + 1);
			xmlFree(s);
		}
		xmlXPathFreeObject(v);
	}
	for (i = 0; i < fc->npaths && rc == 0; i++)
		rc = walk_path(node, fc->paths[i], &pathbuf);
	return rc;
}

/* Links n as the last child of parent, merging with no text node. */
static void
append(xmlNodePtr parent, xmlNodePtr n)
{
	n->parent = parent;
	n->next = NULL;
	n->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->children = n;
	parent->last = n;
}

/* The kept bytes as one text node written as it is.  Returns 0 or -1. */
static int
write_kept(xsltTransformContextPtr ctxt, char *html)
{
	xmlNodePtr	 t;

	if ((t = xmlNewDocText(ctxt->output, NULL)) == NULL) {
		xmlFree(html);
		return -1;
	}
	t->content = (xmlChar *)html;
	t->name = xmlStringTextNoenc;
	append(ctxt->insert, t);
	return 0;
}

/*
 * Runs the body into a detached element, keeps what htmlout.h writes for
 * it (when the key is good and the transformation went well), and moves
 * the nodes made to the place of the instruction.
 */
static void
render_row(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    int keyed)
{
	xmlNodePtr	 insert = ctxt->insert, box, c, next;
	char		*html;
	size_t		 len;

	if ((box = xmlNewDocNode(ctxt->output, NULL, BAD_CAST "fragment",
	    NULL)) == NULL) {
		xsltApplyOneTemplate(ctxt, node, inst->children, NULL, NULL);
		return;
	}
	ctxt->insert = box;
	xsltApplyOneTemplate(ctxt, node, inst->children, NULL, NULL);
	ctxt->insert = insert;
	if (keyed && ctxt->state == XSLT_STATE_OK && box->children != NULL &&
	    htmlout_nodes(box->children, &html, &len) == 0) {
		keep(pagewalk_hash(keybuf.p, keybuf.len), keybuf.p, keybuf.len,
		    html, len);
		xmlFree(html);
	}
	for (c = box->children; c != NULL; c = next) {
		next = c->next;
		append(insert, c);
	}
	box->children = box->last = NULL;
	xmlFreeNode(box);
}

static void
fragment_run(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    xsltElemPreCompPtr comp)
{
	const struct fragcomp	*fc = (const struct fragcomp *)comp;
	char			*html;
	size_t			 len;
	int			 keyed;

	/* Text libxslt appends to in place must be found again, not ours. */
	ctxt->lasttext = NULL;
	keyed = nslots > 0 && row_key(ctxt, node, inst, fc) == 0;
	if (keyed && (html = lookup(pagewalk_hash(keybuf.p, keybuf.len),
	    keybuf.p, keybuf.len, &len)) != NULL)
		(void)write_kept(ctxt, html);
	else
		render_row(ctxt, node, inst, keyed);
	ctxt->lasttext = NULL;
}

/* ----------------------------------------------------------------- load */

static void
fragcomp_free(xsltElemPreCompPtr comp)
{
	struct fragcomp	*fc = (struct fragcomp *)comp;
	size_t		 i;

	for (i = 0; i < fc->nvars; i++)
		xmlFree(fc->vars[i]);
	for (i = 0; i < fc->npaths; i++)
		xmlFree(fc->paths[i]);
	xmlFree(fc);
}

/* The words of list, split at white space, into out.  Returns 0 or -1. */
static int
split(xmlChar **out, size_t *n, const xmlChar *list)
{
	const xmlChar	*p = list, *q;

	while (list != NULL && *p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		for (q = p; *q != '\0' && *q != ' ' && *q != '\t' && *q != '\n';
		    q++)
			;
		if (q == p)
			break;
		if (*n == VARS_MAX ||
		    (out[*n] = xmlStrndup(p, (int)(q - p))) == NULL)
			return -1;
		(*n)++;
		p = q;
	}
	return 0;
}

/* "/page" or "/page/NAME": what walk_path can follow. */
static int
plain_path(const xmlChar *p)
{
	int	 steps = 0;

	while (*p == '/') {
		if (!((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z')))
			return 0;
		for (p++; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'; p++)
			;
		steps++;
	}
	return *p == '\0' && steps >= 1 && steps <= 2;
}

static const char *
file_of(xmlNodePtr n)
{
	return n != NULL && n->doc != NULL && n->doc->URL != NULL ?
	    (const char *)n->doc->URL : "?";
}

/* Why the list at fe (its rows: at) cannot be kept. */
static void
report(xmlNodePtr fe, xmlNodePtr at, const char *why)
{
	if (at == NULL)
		at = fe;
	fprintf(stderr, "level=error msg=\"fragment of the list at %s:%ld: "
	    "%s (%s:%ld)\"\n", file_of(fe), xmlGetLineNo(fe), why, file_of(at),
	    xmlGetLineNo(at));
}

/* The body of for-each fe, after its sorts, under one new instruction. */
static int
wrap(xsltStylesheetPtr sheet, xmlNodePtr fe, const xmlChar *list,
    const xmlChar *nodes)
{
	struct fragcomp		*fc;
	struct fragcheck	 r;
	struct fragreads	 reads;
	xmlNodePtr		 first, e, c, next;
	xmlNsPtr		 ns;
	size_t			 i;

	for (first = fe->children; first != NULL; first = first->next)
		if (first->type == XML_ELEMENT_NODE &&
		    !xslnode_is(first, "sort"))
			break;
	if ((fc = xmlMalloc(sizeof(*fc))) == NULL)
		return -1;
	memset(fc, 0, sizeof(*fc));
	if (split(fc->vars, &fc->nvars, list) == -1 ||
	    split(fc->paths, &fc->npaths, nodes) == -1) {
		fragcomp_free((xsltElemPreCompPtr)fc);
		report(fe, NULL, "too many variables or paths");
		return -1;
	}
	for (i = 0; i < fc->npaths; i++)
		if (!plain_path(fc->paths[i])) {
			report(fe, NULL, "f:nodes: only /page or /page/NAME");
			fragcomp_free((xsltElemPreCompPtr)fc);
			return -1;
		}
	reads.vars = (const xmlChar *const *)fc->vars;
	reads.nvars = fc->nvars;
	reads.paths = (const xmlChar *const *)fc->paths;
	reads.npaths = fc->npaths;
	if (fragcheck_body(sheet, first, &reads, &r) == -1) {
		fragcomp_free((xsltElemPreCompPtr)fc);
		report(fe, r.where, r.why);
		return -1;
	}
	if ((e = xmlNewDocNode(fe->doc, NULL, BAD_CAST "row", NULL)) == NULL ||
	    (ns = xmlNewNs(e, BAD_CAST FRAGMENT_NS, BAD_CAST "f")) == NULL) {
		xmlFreeNode(e);
		fragcomp_free((xsltElemPreCompPtr)fc);
		return -1;
	}
	e->ns = ns;
	/* Linked, not added: xmlAddChild would merge adjacent text nodes. */
	for (c = first; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		append(e, c);
	}
	e->doc = fe->doc;
	append(fe, e);
	xsltInitElemPreComp((xsltElemPreCompPtr)fc, sheet, e, fragment_run,
	    fragcomp_free);
	e->psvi = fc;
	return 0;
}

/* The marked for-each elements under n.  Returns the number, or -1. */
static int
mark(xsltStylesheetPtr sheet, xmlNodePtr n)
{
	xmlChar	*list, *nodes;
	int	 done = 0, k, fe;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		list = xmlGetNsProp(n, BAD_CAST "vars", BAD_CAST FRAGMENT_NS);
		nodes = xmlGetNsProp(n, BAD_CAST "nodes", BAD_CAST FRAGMENT_NS);
		if (list != NULL || nodes != NULL) {
			fe = xslnode_is(n, "for-each");
			k = fe ? wrap(sheet, n, list, nodes) : -1;
			if (!fe)
				report(n, NULL, "f:vars on something not a for-each");
			xmlFree(list);
			xmlFree(nodes);
			if (k == -1)
				return -1;
			done++;
			continue;
		}
		if ((k = mark(sheet, n->children)) == -1)
			return -1;
		done += k;
	}
	return done;
}

int
fragment_prepare(xsltStylesheetPtr sheet)
{
	xsltTemplatePtr	 t;
	int		 done = 0, k;

	for (t = sheet->templates; t != NULL; t = t->next) {
		if (t->elem == NULL)
			continue;
		if ((k = mark(sheet, t->elem->children)) == -1)
			return -1;
		done += k;
	}
	return done;
}
