/*
 * htmlout: libxml2's HTML serialisation of a result tree (htmlout.h), by
 * hand.  Every rule below is one of libxml2 2.9's, named where it is:
 *   HTMLtree.c htmlDtdDumpOutput, htmlAttrDumpOutput and
 *     htmlNodeDumpFormatOutput with format 0 (no added white space);
 *   entities.c xmlEncodeEntitiesInternal in HTML mode (text and attribute
 *     values: &, < and > escaped, every other byte as it is);
 *   buf.c xmlBufWriteQuotedString (the quotes around a value);
 *   uri.c xmlURIEscapeStr (href, action, src, and name on <a>);
 *   text not to be escaped (xmlStringTextNoenc) as it is.
 * Where libxml2 has a special case that the pages never need (server-side
 * includes and &{...} in attributes, script and style, namespaces), this
 * gives up and the caller uses libxml2: the output is the same either way.  tests/unit/test_htmlout.c compares the
 * two on every construct.
 */
#include <stdint.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>	/* xmlStringTextNoenc */
#include <libxml/xmlmemory.h>

#include "htmlout.h"

/*
 * What the serialiser looks up per element or attribute name, found once
 * per document: its names are the stylesheet's dictionary strings, so one
 * pointer is one name for as long as the document lives.  A slot is good
 * for the document it was filled for only (its generation): a later one
 * could hold another string at the same address.
 */
#define NAMES	128
#define NAME_BYTES	24	/* longer names are written piece by piece */
struct name {
	const xmlChar		*name;
	unsigned long		 gen;		/* of the document; 0: free */
	size_t			 len;
	const htmlElemDesc	*info;		/* element: htmlTagLookup's */
	int			 raw;		/* element: script or style */
	int			 boolean;	/* attribute: written bare */
	int			 uri;		/* attribute: 1 URI, 2 on <a> */
	/* "<name" and "</name>"; of an attribute ' name="'. */
	char			 open[NAME_BYTES + 4], close[NAME_BYTES + 4];
	size_t			 openlen, closelen;	/* 0: too long */
};

struct out {
	char		*p;
	size_t		 len, cap;
	int		 err;	/* no memory, or a tree libxml2 must write */
	unsigned long	 gen;	/* this document's */
	struct name	*elems, *attrs;
};

static _Thread_local struct name	 elem_names[NAMES], attr_names[NAMES];
static _Thread_local unsigned long	 generation;

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

/*
 * The bytes put_escaped stops at: NUL, &, <, > and controls (1), and in
 * an attribute a double quote too (2: kept, but the quoting changes).
 */
static const unsigned char	 stops[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 2,
};

/*
 * Text or an attribute value as xmlEncodeEntitiesInternal encodes it in an
 * HTML document: only &, < and > change.  A control byte other than tab,
 * newline and return (libxml2 writes &#N;) cannot come from XML; in an
 * attribute, "<!--...-->" and "&{...}" are copied as they are by libxml2:
 * all three are left to it.
 */
static void
put_escaped(struct out *o, const unsigned char *s, int attr, int *dq)
{
	const unsigned char	*run = s;

	for (;; s++) {
		if (!stops[*s])
			continue;
		if (stops[*s] == 2) {
			*dq = 1;
			continue;
		}
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

/*
 * Whether an attribute is of libxml2's URI kind (htmlAttrDumpOutput):
 * 1 href, action and src, 2 name (only on <a>), else 0.
 */
static int
uri_kind(const xmlChar *n)
{
	/* Most attributes are none of these: their first letter says so. */
	if (strchr("hasnHASN", n[0]) == NULL)
		return 0;
	if (xmlStrcasecmp(n, BAD_CAST "href") == 0 ||
	    xmlStrcasecmp(n, BAD_CAST "action") == 0 ||
	    xmlStrcasecmp(n, BAD_CAST "src") == 0)
		return 1;
	return xmlStrcasecmp(n, BAD_CAST "name") == 0 ? 2 : 0;
}

/*
 * The slot of name among NAMES, by its address (dictionary strings lie a
 * few bytes apart: the product spreads them).  Returns the slot, filled
 * for this document (1 in *known) or to be filled.
 */
static struct name *
slot_of(struct out *o, struct name *names, const xmlChar *name, int *known)
{
	uint64_t	 a = (uint64_t)(uintptr_t)name;
	struct name	*n = &names[(a * 0x9E3779B97F4A7C15ULL) >> 57];

	*known = n->gen == o->gen && n->name == name;
	n->gen = o->gen;
	n->name = name;
	return n;
}

/*
 * An element name with its length and htmlTagLookup's entry (a binary
 * search with case-blind compares), looked up once per document.
 */
static const struct name *
elem_name(struct out *o, const xmlChar *name)
{
	int		 known;
	struct name	*n = slot_of(o, o->elems, name, &known);

	if (!known) {
		n->len = strlen((const char *)name);
		n->info = htmlTagLookup(name);
		n->raw = xmlStrcasecmp(name, BAD_CAST "script") == 0 ||
		    xmlStrcasecmp(name, BAD_CAST "style") == 0;
		n->openlen = n->closelen = 0;
		if (n->len <= NAME_BYTES) {
			n->open[0] = '<';
			memcpy(n->open + 1, name, n->len);
			n->openlen = n->len + 1;
			memcpy(n->close, "</", 2);
			memcpy(n->close + 2, name, n->len);
			n->close[n->len + 2] = '>';
			n->closelen = n->len + 3;
		}
	}
	return n;
}

/* An attribute name with its length and kind, looked up once. */
static const struct name *
attr_name(struct out *o, const xmlChar *name)
{
	int		 known;
	struct name	*n = slot_of(o, o->attrs, name, &known);

	if (!known) {
		n->len = strlen((const char *)name);
		n->boolean = is_boolean_attr(name);
		n->uri = uri_kind(name);
		n->openlen = 0;
		if (n->len <= NAME_BYTES) {
			n->open[0] = ' ';
			memcpy(n->open + 1, name, n->len);
			memcpy(n->open + 1 + n->len, "=\"", 2);
			n->openlen = n->len + 3;
		}
	}
	return n;
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

/* The escaped text children of attribute a.  Returns 0 or -1. */
static int
put_value(struct out *o, xmlAttrPtr a, int *dq)
{
	xmlNodePtr	 t;

	for (t = a->children; t != NULL; t = t->next) {
		if (t->type != XML_TEXT_NODE || t->content == NULL) {
			o->err = 1;
			return -1;
		}
		put_escaped(o, t->content, 1, dq);
	}
	return o->err ? -1 : 0;
}

/*
 * The first len bytes of ' name="': ' name' (len + 1), ' name=' before a
 * URI (+ 2), ' name="' before any other value (+ 3).
 */
static void
put_attr_name(struct out *o, const struct name *an, size_t len)
{
	if (an->openlen != 0) {
		put(o, an->open, len);
		return;
	}
	putc_(o, ' ');
	put(o, (const char *)an->name, an->len);
	put(o, "=\"", len - an->len - 1);
}

static void
put_attr(struct out *o, xmlAttrPtr a, size_t parent_len)
{
	const struct name	*an;
	size_t			 start, n;
	const char		*v;
	int			 dq = 0;

	if (a->ns != NULL) {
		o->err = 1;
		return;
	}
	an = attr_name(o, a->name);
	if (a->children == NULL || an->boolean) {
		put_attr_name(o, an, an->len + 1);
		return;
	}
	if (an->uri == 1 || (an->uri == 2 && parent_len == 1 &&
	    (a->parent->name[0] | 0x20) == 'a')) {
		put_attr_name(o, an, an->len + 2);
		start = o->len;
		if (put_value(o, a, &dq) == 0)
			put_uri_value(o, start);
		return;
	}
	/* Mostly no double quote inside: ' name="', the value, '"'. */
	put_attr_name(o, an, an->len + 3);
	start = o->len;
	if (put_value(o, a, &dq) == -1)
		return;
	if (!dq) {
		putc_(o, '"');
		return;
	}
	/* Else quoting needs the value apart: it is copied out of the buffer. */
	n = o->len - start;
	if ((v = (const char *)xmlStrndup(BAD_CAST (o->p + start), (int)n)) == NULL) {
		o->err = 1;
		return;
	}
	o->len = start - 1;
	put_quoted(o, v, n);
	xmlFree((void *)v);
}

static void put_nodes(struct out *o, xmlNodePtr n);

/* "</name>" (looked up again: the children's names may take the slot). */
static void
put_end_tag(struct out *o, const xmlChar *name)
{
	const struct name	*en = elem_name(o, name);

	if (en->closelen != 0) {
		put(o, en->close, en->closelen);
		return;
	}
	put(o, "</", 2);
	put(o, (const char *)name, en->len);
	putc_(o, '>');
}

static void
put_element(struct out *o, xmlNodePtr e)
{
	const struct name	*en;
	const htmlElemDesc	*info;
	xmlAttrPtr		 a;
	size_t			 len;
	int			 raw;

	if (e->ns != NULL || e->nsDef != NULL) {
		o->err = 1;
		return;
	}
	en = elem_name(o, e->name);
	info = en->info;
	len = en->len;
	raw = en->raw;
	if (en->openlen != 0)
		put(o, en->open, en->openlen);
	else {
		putc_(o, '<');
		put(o, (const char *)e->name, len);
	}
	for (a = e->properties; a != NULL && !o->err; a = a->next)
		put_attr(o, a, len);
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
		putc_(o, '>');
		put_end_tag(o, e->name);
		return;
	}
	/* Their text is written raw by libxml2: none on our pages. */
	if (raw) {
		o->err = 1;
		return;
	}
	putc_(o, '>');
	put_nodes(o, e->children);
	put_end_tag(o, e->name);
}

static void
put_nodes(struct out *o, xmlNodePtr n)
{
	int	 dq;

	for (; n != NULL && !o->err; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			put_element(o, n);
			break;
		case XML_TEXT_NODE:
			/* Written as it is, as libxml2 does (renderstatic.h). */
			if (n->name == xmlStringTextNoenc) {
				if (n->content != NULL)
					puts_(o, (const char *)n->content);
			} else if (n->content != NULL)
				put_escaped(o, n->content, 0, &dq);
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

/* A buffer of cap bytes and this document's name slots.  Returns 0 or -1. */
static int
out_start(struct out *o, size_t cap)
{
	memset(o, 0, sizeof(*o));
	o->cap = cap;
	o->gen = ++generation;
	o->elems = elem_names;
	o->attrs = attr_names;
	return (o->p = xmlMalloc(o->cap)) == NULL ? -1 : 0;
}

/* The output, NUL-terminated, or -1 (and nothing) after an error. */
static int
out_end(struct out *o, char **html, size_t *len)
{
	putc_(o, '\0');
	if (o->err) {
		xmlFree(o->p);
		return -1;
	}
	*html = o->p;
	*len = o->len - 1;
	return 0;
}

int
htmlout_doc(xmlDocPtr doc, char **html, size_t *len)
{
	struct out	 o;

	if (doc == NULL || out_start(&o, 16 * 1024) == -1)
		return -1;
	if (doc->intSubset != NULL && doc->intSubset->name != NULL)
		put_dtd(&o, doc->intSubset);
	put_nodes(&o, doc->children);
	putc_(&o, '\n');
	return out_end(&o, html, len);
}

int
htmlout_element(xmlNodePtr e, char **html, size_t *len)
{
	struct out	 o;

	if (e == NULL || e->type != XML_ELEMENT_NODE ||
	    out_start(&o, 16 * 1024) == -1)
		return -1;
	put_element(&o, e);
	return out_end(&o, html, len);
}

int
htmlout_nodes(xmlNodePtr first, char **html, size_t *len)
{
	struct out	 o;

	/* A row of a list: a small first buffer, it grows as needed. */
	if (out_start(&o, 2 * 1024) == -1)
		return -1;
	put_nodes(&o, first);
	return out_end(&o, html, len);
}
