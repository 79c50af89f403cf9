/*
 * page: the page document of a request (xsl/PAGES.md), built in an arena
 * (pagearena.h) once and read by the key walk and, on a cache miss, by a
 * copy for the stylesheet (render.c).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "auth.h"
#include "calendar.h"
#include "kinds.h"
#include "localdate.h"
#include "page.h"
#include "pagearena.h"

int
page_new(struct page *pg, const char *view, const char *reqid)
{
	char		 today[11];

	memset(pg, 0, sizeof(*pg));
	if ((pg->arena = arena_new("page")) == NULL)
		return -1;
	pg->doc = arena_doc(pg->arena);
	pg->root = arena_root(pg->arena);
	page_attr(pg->root, "view", view);
	page_attr(pg->root, "request-id", reqid);
	date_format(local_today(), today);
	page_text(pg->root, "today", today);
	return 0;
}

void
page_kinds(struct page *pg)
{
	xmlNodePtr	 list = page_elem(pg->root, "kinds"), n;
	const struct kind *k;
	size_t		 i;

	for (i = 0; (k = kind_at(i)) != NULL; i++) {
		n = page_elem(list, "kind");
		page_attr(n, "name", k->name);
		page_attr(n, "label", k->label);
		page_attr(n, "schedule", kind_schedule_name(k->schedule));
		page_attr(n, "new", k->owner_starts ? "1" : "0");
	}
}

void
page_free(struct page *pg)
{
	if (pg->arena == NULL)
		return;
	arena_free(pg->arena);
	pg->arena = NULL;
	pg->doc = NULL;
	pg->root = NULL;
}

xmlNodePtr
page_elem(xmlNodePtr parent, const char *name)
{
	return arena_elem(parent, name);
}

xmlNodePtr
page_text(xmlNodePtr parent, const char *name, const char *text)
{
	return arena_text(parent, name, text);
}

void
page_reverse(xmlNodePtr parent)
{
	arena_reverse(parent);
}

void
page_attr(xmlNodePtr node, const char *name, const char *value)
{
	arena_attr(node, name, value);
}

void
page_attr_remove(xmlNodePtr node, const char *name)
{
	arena_attr_remove(node, name);
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
	char		 ref[32], *r = ref + sizeof(ref) - 1;
	unsigned long	 id = p->customer_id < 0 ?
			    0UL - (unsigned long)p->customer_id :
			    (unsigned long)p->customer_id;

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
	/* "K-<id>" by hand, as page_attr_long: snprintf cost more than the rest. */
	*r = '\0';
	do {
		*--r = (char)('0' + id % 10);
		id /= 10;
	} while (id != 0);
	if (p->customer_id < 0)
		*--r = '-';
	*--r = '-';
	*--r = 'K';
	page_attr(c, "ref", r);
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
 * doc's root lent to the page when it can be (pagearena.h): a cached view
 * then copies nothing (the copy and its free were a tenth of one,
 * callgrind).  render_page copies it before the stylesheet runs.
 */
int
page_content_doc(xmlNodePtr parent, xmlDocPtr doc)
{
	return arena_graft_doc(parent, doc, 1);
}

/* 0 or -1; the parsed document goes at once, so its root is copied. */
int
page_content(xmlNodePtr parent, const char *xml)
{
	xmlDocPtr	 doc;
	int		 rc;

	if (xml == NULL ||
	    (doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS)) == NULL)
		return -1;
	rc = arena_graft_doc(parent, doc, 0);
	xmlFreeDoc(doc);
	return rc;
}

/* <error field=".." code=".." arg=".." arg2=".."/>: xsl/texts.xsl words it. */
void
page_errors(struct page *pg, const struct field_errors *errs)
{
	xmlNodePtr		 list = page_elem(pg->root, "errors"), e;
	const struct field_error *fe;
	size_t			 i;

	for (i = 0; i < errs->n; i++) {
		fe = &errs->e[i];
		e = page_elem(list, "error");
		page_attr(e, "field", fe->field);
		page_attr(e, "code", fe->code);
		if (fe->arg[0] != '\0')
			page_attr(e, "arg", fe->arg);
		if (fe->arg2[0] != '\0')
			page_attr(e, "arg2", fe->arg2);
	}
}

xmlDocPtr
page_doc_for_xslt(struct page *pg)
{
	if (pg->arena == NULL || arena_own(pg->arena) == -1)
		return NULL;
	return pg->doc;
}

/* The copy or NULL. */
xmlDocPtr
page_copy(struct page *pg)
{
	if (pg->arena == NULL || arena_own(pg->arena) == -1)
		return NULL;
	return xmlCopyDoc(pg->doc, 1);
}
