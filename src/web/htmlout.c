/*
 * htmlout: libxml2's HTML serialisation of a result tree (htmlout.h), by
 * hand.  Every rule below is one of libxml2 2.9's, named where it is:
 *   HTMLtree.c htmlDtdDumpOutput, htmlAttrDumpOutput and
 *     htmlNodeDumpFormatOutput with format 0 (no added white space);
 *   entities.c xmlEncodeEntitiesInternal in HTML mode (text and attribute
 *     values: &, < and > escaped, every other byte as it is);
 *   buf.c xmlBufWriteQuotedString (the quotes around a value);
 *   uri.c xmlURIEscapeStr (href, action, src, and name on <a>).
 * Where libxml2 has a special case that the pages never need (server-side
 * includes and &{...} in attributes, disable-output-escaping, script and
 * style, namespaces), this gives up and the caller uses libxml2: the
 * output is the same either way.  tests/unit/test_htmlout.c compares the
 * two on every construct.
 */
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>	/* xmlStringTextNoenc */
#include <libxml/xmlmemory.h>

#include "htmlout.h"

struct out {
	char	*p;
	size_t	 len, cap;
	int	 err;		/* no memory, or a tree libxml2 must write */
};

/* Makes room for n more bytes.  Returns 0, or -1 (out->err set). */
static int
grow_slow(struct out *o, size_t n)
{
	size_t	 cap = o->cap;
	char	*p;

	if (o->err)
		return -1;
	while (cap <= o->len + n)
		cap *= 2;
	if ((p = xmlRealloc(o->p, cap)) == NULL) {
		o->err = 1;
		return -1;
	}
	o->p = p;
	o->cap = cap;
	return 0;
}

static inline int
grow(struct out *o, size_t n)
{
	return o->len + n < o->cap && !o->err ? 0 : grow_slow(o, n);
}

static void
put(struct out *o, const char *s, size_t n)
{
	if (grow(o, n) == -1)
		return;
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

static void
puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void
putc_(struct out *o, char c)
{
	if (grow(o, 1) == 0)
		o->p[o->len++] = c;
}

/* 1 for the bytes put_escaped stops at: NUL, &, <, > and controls. */
static const unsigned char	 stops[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['&'] = 1, ['<'] = 1, ['>'] = 1,
};

/*
 * Text or an attribute value as xmlEncodeEntitiesInternal encodes it in an
 * HTML document: only &, < and > change.  A control byte other than tab,
 * newline and return (libxml2 writes &#N;) cannot come from XML; in an
 * attribute, "<!--...-->" and "&{...}" are copied as they are by libxml2:
 * all three are left to it.
 */
static void
put_escaped(struct out *o, const unsigned char *s, int attr)
{
	const unsigned char	*run = s;

	for (;; s++) {
		if (!stops[*s])
			continue;
		put(o, (const char *)run, (size_t)(s - run));
		run = s + 1;
		switch (*s) {
		case '\0':
			return;
		case '&':
			if (attr && s[1] == '{')
				o->err = 1;
			puts_(o, "&amp;");
			break;
		case '<':
			if (attr && s[1] == '!')
				o->err = 1;
			puts_(o, "&lt;");
			break;
		case '>':
			puts_(o, "&gt;");
			break;
		default:
			o->err = 1;
			return;
		}
	}
}

/* uri.c IS_UNRESERVED, plus xmlURIEscapeStr's list "@/:=?;#%&,+<>". */
static int
uri_keeps(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("-_.!~*'()@/:=?;#%&,+<>", c) != NULL);
}

/*
 * xmlBufWriteQuotedString of the first n bytes of v (no NUL inside):
 * "v", or 'v' when v holds a " but no ', else "v" with &quot;.
 */
static void
put_quoted(struct out *o, const char *v, size_t n)
{
	const char	*dq = memchr(v, '"', n), *run;
	size_t		 i;

	if (dq == NULL || memchr(v, '\'', n) == NULL) {
		putc_(o, dq == NULL ? '"' : '\'');
		put(o, v, n);
		putc_(o, dq == NULL ? '"' : '\'');
		return;
	}
	putc_(o, '"');
	for (run = v, i = 0; i < n; i++) {
		if (v[i] != '"')
			continue;
		put(o, run, (size_t)(v + i - run));
		puts_(o, "&quot;");
		run = v + i + 1;
	}
	put(o, run, (size_t)(v + n - run));
	putc_(o, '"');
}

/*
 * libxml2 2.9's htmlBooleanAttrs (HTMLparser.c), written as a bare name:
 * htmlIsBooleanAttr compares the name with each in turn, case-blind, and
 * was a fifth of this serialiser on the start page.  test_htmlout.c
 * checks every one of them, and common names that are not, against it.
 */
static int
is_boolean_attr(const xmlChar *n)
{
	static const char *const	 c[] = { "checked", "compact", NULL };
	static const char *const	 d[] = { "declare", "defer", "disabled",
					    NULL };
	static const char *const	 i[] = { "ismap", NULL };
	static const char *const	 m[] = { "multiple", NULL };
	static const char *const	 no[] = { "nohref", "noresize",
					    "noshade", "nowrap", NULL };
	static const char *const	 r[] = { "readonly", NULL };
	static const char *const	 s[] = { "selected", NULL };
	const char *const		*names;

	/* By the first letter, case-blind as libxml2's. */
	switch (n[0] | 0x20) {
	case 'c': names = c; break;
	case 'd': names = d; break;
	case 'i': names = i; break;
	case 'm': names = m; break;
	case 'n': names = no; break;
	case 'r': names = r; break;
	case 's': names = s; break;
	default: return 0;
	}
	for (; *names != NULL; names++)
		if (xmlStrcasecmp(n, BAD_CAST *names) == 0)
			return 1;
	return 0;
}

/* An attribute of libxml2's URI kind (htmlAttrDumpOutput). */
static int
is_uri_attr(xmlAttrPtr a)
{
	const xmlChar	*n = a->name;

	/* Most attributes are none of these: their first letter says so. */
	if (strchr("hasnHASN", n[0]) == NULL)
		return 0;
	return xmlStrcasecmp(n, BAD_CAST "href") == 0 ||
	    xmlStrcasecmp(n, BAD_CAST "action") == 0 ||
	    xmlStrcasecmp(n, BAD_CAST "src") == 0 ||
	    (xmlStrcasecmp(n, BAD_CAST "name") == 0 &&
	    xmlStrcasecmp(a->parent->name, BAD_CAST "a") == 0);
}

/*
 * A URI value: the encoded value from its first non-blank byte, every
 * byte outside uri_keeps as %XX, then quoted.  Written after the encoded
 * value at the end of the buffer, then moved over it.
 */
static void
put_uri_value(struct out *o, size_t start)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i, n, from, at;
	unsigned char		 c;

	from = start;
	while (from < o->len && (o->p[from] == ' ' || o->p[from] == '\t' ||
	    o->p[from] == '\n' || o->p[from] == '\r'))
		from++;
	n = o->len - from;
	if (grow(o, 3 * n + 2) == -1)
		return;
	at = o->len;
	for (i = from; i < from + n; i++) {
		c = (unsigned char)o->p[i];
		if (uri_keeps(c))
			o->p[o->len++] = (char)c;
		else {
			o->p[o->len++] = '%';
			o->p[o->len++] = hex[c >> 4];
			o->p[o->len++] = hex[c & 15];
		}
	}
	n = o->len - at;
	memmove(o->p + start, o->p + at, n);
	o->len = start + n;
	/* Quote in place: the value holds no " (it would be %22). */
	if (grow(o, 2) == -1)
		return;
	memmove(o->p + start + 1, o->p + start, n);
	o->p[start] = '"';
	o->p[start + n + 1] = '"';
	o->len = start + n + 2;
}

static void
put_attr(struct out *o, xmlAttrPtr a)
{
	xmlNodePtr	 t;
	size_t		 start, n;
	const char	*v;

	if (a->ns != NULL) {
		o->err = 1;
		return;
	}
	putc_(o, ' ');
	puts_(o, (const char *)a->name);
	if (a->children == NULL || is_boolean_attr(a->name))
		return;
	putc_(o, '=');
	/* The encoded value goes to the buffer first, then is quoted. */
	start = o->len;
	for (t = a->children; t != NULL; t = t->next) {
		if (t->type != XML_TEXT_NODE || t->content == NULL) {
			o->err = 1;
			return;
		}
		put_escaped(o, t->content, 1);
	}
	if (o->err)
		return;
	if (a->parent != NULL && a->parent->ns == NULL && is_uri_attr(a)) {
		put_uri_value(o, start);
		return;
	}
	/* Mostly no quote inside: the quotes go around it in place. */
	n = o->len - start;
	if (memchr(o->p + start, '"', n) == NULL) {
		if (grow(o, 2) == -1)
			return;
		memmove(o->p + start + 1, o->p + start, n);
		o->p[start] = '"';
		o->p[start + n + 1] = '"';
		o->len = start + n + 2;
		return;
	}
	/* Else quoting needs the value apart: it is copied out of the buffer. */
	if ((v = (const char *)xmlStrndup(BAD_CAST (o->p + start), (int)n)) == NULL) {
		o->err = 1;
		return;
	}
	o->len = start;
	put_quoted(o, v, n);
	xmlFree((void *)v);
}

/*
 * htmlTagLookup is a binary search with case-blind compares; a page has
 * a few dozen different element names, so each thread keeps what it
 * found per name.
 */
#define TAGS	64
struct tag {
	char			 name[16];
	const htmlElemDesc	*info;
	int			 set;
};
static _Thread_local struct tag	 tags[TAGS];

static const htmlElemDesc *
tag_info(const xmlChar *name)
{
	size_t		 n = strlen((const char *)name);
	struct tag	*t;

	if (n >= sizeof(t->name))
		return htmlTagLookup(name);
	t = &tags[(n * 31 + name[0] * 7 + name[n - 1]) % TAGS];
	if (!t->set || strcmp(t->name, (const char *)name) != 0) {
		memcpy(t->name, name, n + 1);
		t->info = htmlTagLookup(name);
		t->set = 1;
	}
	return t->info;
}

static void put_nodes(struct out *o, xmlNodePtr n);

static void
put_element(struct out *o, xmlNodePtr e)
{
	const htmlElemDesc	*info;
	xmlAttrPtr		 a;

	if (e->ns != NULL || e->nsDef != NULL) {
		o->err = 1;
		return;
	}
	info = tag_info(e->name);
	putc_(o, '<');
	puts_(o, (const char *)e->name);
	for (a = e->properties; a != NULL && !o->err; a = a->next)
		put_attr(o, a);
	if (info != NULL && info->empty) {
		putc_(o, '>');
		return;
	}
	if (e->children == NULL) {
		if (info != NULL && info->saveEndTag &&
		    strcmp(info->name, "html") != 0 &&
		    strcmp(info->name, "body") != 0) {
			putc_(o, '>');
			return;
		}
		puts_(o, "></");
		puts_(o, (const char *)e->name);
		putc_(o, '>');
		return;
	}
	/* Their text is written raw by libxml2: none on our pages. */
	if ((e->name[0] == 's' || e->name[0] == 'S') &&
	    (xmlStrcasecmp(e->name, BAD_CAST "script") == 0 ||
	    xmlStrcasecmp(e->name, BAD_CAST "style") == 0)) {
		o->err = 1;
		return;
	}
	putc_(o, '>');
	put_nodes(o, e->children);
	puts_(o, "</");
	puts_(o, (const char *)e->name);
	putc_(o, '>');
}

static void
put_nodes(struct out *o, xmlNodePtr n)
{
	for (; n != NULL && !o->err; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			put_element(o, n);
			break;
		case XML_TEXT_NODE:
			if (n->name == xmlStringTextNoenc)
				o->err = 1;
			else if (n->content != NULL)
				put_escaped(o, n->content, 0);
			break;
		case XML_COMMENT_NODE:
			if (n->content != NULL) {
				puts_(o, "<!--");
				puts_(o, (const char *)n->content);
				puts_(o, "-->");
			}
			break;
		case XML_DTD_NODE:
			break;
		default:
			o->err = 1;
		}
	}
}

/* htmlDtdDumpOutput: the HTML5 "about:legacy-compat" is left out. */
static void
put_dtd(struct out *o, xmlDtdPtr d)
{
	puts_(o, "<!DOCTYPE ");
	puts_(o, (const char *)d->name);
	if (d->ExternalID != NULL) {
		puts_(o, " PUBLIC ");
		put_quoted(o, (const char *)d->ExternalID,
		    strlen((const char *)d->ExternalID));
		if (d->SystemID != NULL) {
			putc_(o, ' ');
			put_quoted(o, (const char *)d->SystemID,
			    strlen((const char *)d->SystemID));
		}
	} else if (d->SystemID != NULL &&
	    xmlStrcmp(d->SystemID, BAD_CAST "about:legacy-compat") != 0) {
		puts_(o, " SYSTEM ");
		put_quoted(o, (const char *)d->SystemID,
		    strlen((const char *)d->SystemID));
	}
	puts_(o, ">\n");
}

int
htmlout_doc(xmlDocPtr doc, char **html, size_t *len)
{
	struct out	 o = { NULL, 0, 16 * 1024, 0 };

	if (doc == NULL || (o.p = xmlMalloc(o.cap)) == NULL)
		return -1;
	if (doc->intSubset != NULL && doc->intSubset->name != NULL)
		put_dtd(&o, doc->intSubset);
	put_nodes(&o, doc->children);
	putc_(&o, '\n');
	putc_(&o, '\0');
	if (o.err) {
		xmlFree(o.p);
		return -1;
	}
	*html = o.p;
	*len = o.len - 1;
	return 0;
}
