/*
 * render: the one compiled stylesheet, run over a page document (page.h)
 * or the HTML cached for an equal one (pagecache.h).  XSLT runs with
 * every file and network operation forbidden.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#include <libxml/HTMLtree.h>
#include <libxml/valid.h>
#include <libxslt/documents.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "fragment.h"
#include "htmlout.h"
#include "pagecache.h"
#include "render.h"
#include "renderheap.h"
#include "renderstatic.h"

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

	if (renderheap_install() == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/page.xsl", xsl_dir);
	if ((sheet = xsltParseStylesheetFile((const xmlChar *)path)) == NULL) {
		fprintf(stderr, "level=error msg=\"cannot compile %s\"\n", path);
		return -1;
	}
	/* An optimisation: on no memory the stylesheet is as compiled. */
	(void)renderstatic_rewrite(sheet);
	/* A row that could read outside its node stops the start here. */
	if (fragment_prepare(sheet) == -1) {
		fprintf(stderr, "level=error msg=\"cannot prepare %s\"\n", path);
		xsltFreeStylesheet(sheet);
		sheet = NULL;
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
	fragment_clear();
	xsltFreeStylesheet(sheet);
	sheet = NULL;
}

int
render_ready(void)
{
	return sheet != NULL;
}

/*
 * The result as HTML: htmlout.c writes the bytes libxml2 would (for
 * method="html", encoding UTF-8, no indent: page.xsl's output), else
 * libxml2 writes them (*whole then 0: that may add to the tree).
 * Returns the HTML (xmlMalloc'd, *len set) or NULL.
 */
static char *
serialise(xmlDocPtr out, size_t *len, int *whole)
{
	xmlChar	*s = NULL;
	char	*html;
	int	 size = 0;

	if (htmlout_doc(out, &html, len) == 0)
		return html;
	*whole = 0;
	if (xsltSaveResultToString(&s, &size, out, sheet) != 0 || s == NULL)
		return NULL;
	*len = (size_t)size;
	return (char *)s;
}

/*
 * A transform context over in, the page document itself, or over a copy
 * made by libxml2 (*in and *copy set, for the caller to free) when the
 * stylesheet strips white space: that frees text nodes of its input, and
 * the page's live in its arena.  Copying cost a tenth of a fresh document
 * view (callgrind), so it is done only when needed.
 */
static xsltTransformContextPtr
context_for(struct page *pg, xmlDocPtr *in, xmlDocPtr *copy)
{
	xsltTransformContextPtr	 tctxt;

	*copy = NULL;
	if ((tctxt = xsltNewTransformContext(sheet, *in)) == NULL)
		return NULL;
	if (!xsltNeedElemSpaceHandling(tctxt))
		return tctxt;
	xsltFreeTransformContext(tctxt);
	if ((*in = *copy = page_copy(pg)) == NULL)
		return NULL;
	if ((tctxt = xsltNewTransformContext(sheet, *in)) == NULL) {
		xmlFreeDoc(*copy);
		*copy = NULL;
	}
	return tctxt;
}

/*
 * What of a result tree in the heap points out of it, freed as xmlFreeDoc
 * would: its dictionary, a child of the stylesheet's, and the tables of
 * ids and refs, which hold references to the dictionary.  The nodes go
 * with the heap.
 */
static void
let_go(xmlDocPtr out)
{
	if (out->ids != NULL)
		xmlFreeIDTable(out->ids);
	if (out->refs != NULL)
		xmlFreeRefTable(out->refs);
	if (out->dict != NULL)
		xmlDictFree(out->dict);
}

/*
 * The stylesheet over in, in the render heap (renderheap.h): the
 * transformation allocates there, the HTML after the pause, so that only
 * the HTML outlives the heap.  When the whole result tree is in the heap
 * it goes with it (let_go): freeing it node by node was a twentieth of a
 * fresh document view.  Returns the HTML (xmlMalloc'd, *len set) or NULL.
 */
static char *
transform(struct page *pg, xmlDocPtr in, size_t *len)
{
	xsltTransformContextPtr	 tctxt;
	xmlDocPtr		 copy, out = NULL;
	char			*html = NULL;
	int			 whole;

	renderheap_begin();
	if ((tctxt = context_for(pg, &in, &copy)) != NULL) {
		xsltSetCtxtSecurityPrefs(prefs, tctxt);
		out = xsltApplyStylesheetUser(sheet, in, NULL, NULL, NULL,
		    tctxt);
		xsltFreeTransformContext(tctxt);
		xmlFreeDoc(copy);
	}
	/* As xsltSaveResultTo does first. */
	if (out != NULL)
		htmlSetMetaEncoding(out, (const xmlChar *)"UTF-8");
	whole = renderheap_pause();
	if (out != NULL) {
		html = serialise(out, len, &whole);
		if (whole)
			let_go(out);
		else
			xmlFreeDoc(out);
	}
	renderheap_end();
	return html;
}

/*
 * Runs the stylesheet, or takes the HTML this worker rendered before for
 * an equal page document (pagecache.h).  Returns the HTML (xmlMalloc'd,
 * *len set) or NULL.
 */
char *
render_page(struct page *pg, size_t *len)
{
	xmlDocPtr		 in;
	char			*html;
	struct pagekey		 key;
	char			*cached;
	int			 keyed;

	if (sheet == NULL || pg->arena == NULL)
		return NULL;
	keyed = pagecache_key(pg->doc, &key) == 0;
	if (keyed && (cached = pagecache_get(&key, len)) != NULL)
		return cached;
	/* Before the heap: the copies of lent content stay with the page. */
	if ((in = page_doc_for_xslt(pg)) == NULL)
		return NULL;
	if ((html = transform(pg, in, len)) != NULL && keyed)
		pagecache_put(&key, html, *len);
	return html;
}
