/*
 * render: the page XML and the one compiled stylesheet.  XSLT runs with
 * every file and network operation forbidden.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int
page_new(struct page *pg, const char *view, const char *reqid)
{
	time_t		 t = time(NULL);
	struct tm	 tm;
	char		 today[11];

	if ((pg->doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return -1;
	pg->root = xmlNewDocNode(pg->doc, NULL, (const xmlChar *)"page", NULL);
	xmlDocSetRootElement(pg->doc, pg->root);
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
	xmlFreeDoc(pg->doc);
	pg->doc = NULL;
}

xmlNodePtr
page_elem(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

xmlNodePtr
page_text(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)(text ? text : ""));
}

void
page_attr(xmlNodePtr node, const char *name, const char *value)
{
	if (node != NULL && value != NULL)
		xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)value);
}

void
page_attr_long(xmlNodePtr node, const char *name, long value)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "%ld", value);
	page_attr(node, name, buf);
}

/*
 * Parses "YYYY-MM-DDTHH:MM:SSZ" by hand: strptime and strftime were a
 * tenth of a cached document view (`make bench`, callgrind).  Returns 0,
 * or -1 for any other text.
 */
static int
parse_utc(const char *utc, struct tm *tm)
{
	memset(tm, 0, sizeof(*tm));
	if (strlen(utc) != 20 || utc[4] != '-' || utc[7] != '-' ||
	    utc[10] != 'T' || utc[13] != ':' || utc[16] != ':' ||
	    utc[19] != 'Z' ||
	    (tm->tm_year = date_digits(utc, 4)) < 0 ||
	    (tm->tm_mon = date_digits(utc + 5, 2)) < 1 || tm->tm_mon > 12 ||
	    (tm->tm_mday = date_digits(utc + 8, 2)) < 1 || tm->tm_mday > 31 ||
	    (tm->tm_hour = date_digits(utc + 11, 2)) < 0 || tm->tm_hour > 23 ||
	    (tm->tm_min = date_digits(utc + 14, 2)) < 0 || tm->tm_min > 59 ||
	    (tm->tm_sec = date_digits(utc + 17, 2)) < 0 || tm->tm_sec > 61)
		return -1;
	tm->tm_year -= 1900;
	tm->tm_mon -= 1;
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
	if (parse_utc(utc, &tm) == -1)
		return;
	t = timegm(&tm);
	if (localtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 0)
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

int
page_content_doc(xmlNodePtr parent, xmlDocPtr doc)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc), copy;

	if (root == NULL ||
	    (copy = xmlDocCopyNode(root, parent->doc, 1)) == NULL)
		return -1;
	xmlAddChild(parent, copy);
	return 0;
}

int
page_content(xmlNodePtr parent, const char *xml)
{
	xmlDocPtr	 doc;
	int		 rc;

	if (xml == NULL || (doc = xmlReadMemory(xml, (int)strlen(xml), NULL,
	    "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS)) == NULL)
		return -1;
	rc = page_content_doc(parent, doc);
	xmlFreeDoc(doc);
	return rc;
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
 * an equal page document (pagecache.h).  Returns the HTML (xmlMalloc'd,
 * *len set) or NULL.
 */
char *
render_page(struct page *pg, size_t *len)
{
	xsltTransformContextPtr	 tctxt;
	xmlDocPtr		 out;
	xmlChar			*html = NULL;
	struct pagekey		 key;
	char			*cached;
	int			 size = 0, keyed;

	if (sheet == NULL)
		return NULL;
	keyed = pagecache_key(pg->doc, &key) == 0;
	if (keyed && (cached = pagecache_get(&key, len)) != NULL)
		return cached;
	if ((tctxt = xsltNewTransformContext(sheet, pg->doc)) == NULL)
		return NULL;
	xsltSetCtxtSecurityPrefs(prefs, tctxt);
	out = xsltApplyStylesheetUser(sheet, pg->doc, NULL, NULL, NULL, tctxt);
	xsltFreeTransformContext(tctxt);
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
