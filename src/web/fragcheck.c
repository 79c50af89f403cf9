/*
 * fragcheck: the load-time check of a fragment's body (fragcheck.h).
 *
 * Conservative by design: what it cannot tell is refused, and a refusal
 * stops the worker at start, so a stylesheet change that would make a
 * cached row read outside its node is caught by every test run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "fragcheck.h"
#include "xslnode.h"

#define SCOPE_MAX	128
#define SEEN_MAX	512

struct scope {
	const xmlChar	*names[SCOPE_MAX];
	size_t		 n;
};

struct walk {
	xsltStylesheetPtr	 sheet;
	const struct fragreads	*reads;
	const void		*seen[SEEN_MAX];	/* templates, by outer */
	int			 seen_outer[SEEN_MAX];
	size_t			 nseen;
	struct fragcheck	*r;
	int			 failed;
};

static int
refuse(struct walk *w, xmlNodePtr at, const char *rule, const xmlChar *what)
{
	if (!w->failed) {
		snprintf(w->r->why, sizeof(w->r->why), "%s: %s", rule,
		    what != NULL ? (const char *)what : "");
		w->r->where = at;
		w->failed = 1;
	}
	return -1;
}

/* ------------------------------------------------------------ XPath text */

/* Functions whose value depends only on their arguments and the context. */
static int
allowed_function(const char *name, size_t n, int positional_ok)
{
	static const char *const	 ok[] = { "boolean", "ceiling", "concat",
	    "contains", "count", "false", "floor", "local-name", "name",
	    "namespace-uri", "normalize-space", "not", "number", "round",
	    "starts-with", "string", "string-length", "substring",
	    "substring-after", "substring-before", "sum", "translate", "true",
	    "current", "format-number", "system-property",
	    "element-available", "function-available", "node", "text",
	    "comment", "processing-instruction", NULL };
	const char *const		*p;

	if (positional_ok && ((n == 8 && memcmp(name, "position", 8) == 0) ||
	    (n == 4 && memcmp(name, "last", 4) == 0)))
		return 1;
	for (p = ok; *p != NULL; p++)
		if (strlen(*p) == n && memcmp(*p, name, n) == 0)
			return 1;
	return 0;
}

static int
allowed_axis(const char *name, size_t n)
{
	static const char *const	 ok[] = { "child", "attribute", "self",
	    "descendant", "descendant-or-self", NULL };
	const char *const		*p;

	for (p = ok; *p != NULL; p++)
		if (strlen(*p) == n && memcmp(*p, name, n) == 0)
			return 1;
	return 0;
}

static int
in_scope(const char *name, size_t n, const char *const *scope, size_t ns)
{
	size_t	 i;

	for (i = 0; i < ns; i++)
		if (strlen(scope[i]) == n && memcmp(scope[i], name, n) == 0)
			return 1;
	return 0;
}

static int
name_char(int c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (c & 0x80) || (!first && ((c >= '0' && c <= '9') || c == '-' ||
	    c == '.'));
}

static int
bad(struct fragcheck *r, const char *rule, const char *expr)
{
	snprintf(r->why, sizeof(r->why), "%s: %s", rule, expr);
	return -1;
}

/* A QName at *p: its length (prefix included), *colon set when prefixed. */
static size_t
qname(const char *p, int *colon)
{
	size_t	 n = 0;

	*colon = 0;
	if (!name_char((unsigned char)p[0], 1))
		return 0;
	while (name_char((unsigned char)p[n], n == 0))
		n++;
	if (p[n] == ':' && p[n + 1] != ':' &&
	    name_char((unsigned char)p[n + 1], 1)) {
		*colon = 1;
		for (n++; name_char((unsigned char)p[n], 0); n++)
			;
	} else if (p[n] == ':' && p[n + 1] == '*') {
		*colon = 1;
		n += 2;
	}
	return n;
}

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * The length of the path of reads that p starts with (a whole name at its
 * end), or 0.
 */
static size_t
read_path(const char *p, const struct fragreads *reads)
{
	size_t	 i, n;

	for (i = 0; reads != NULL && i < reads->npaths; i++) {
		n = strlen((const char *)reads->paths[i]);
		if (strncmp(p, (const char *)reads->paths[i], n) == 0 &&
		    !name_char((unsigned char)p[n], 0) && p[n] != ':')
			return n;
	}
	return 0;
}

int
fragcheck_expr(const char *expr, const char *const *scope, size_t nscope,
    const struct fragreads *reads, int outer, int is_pattern,
    struct fragcheck *r)
{
	const char	*p = expr, *q;
	int		 operand = 0, depth = 0, colon;
	size_t		 n;

	while (*(p = skip_space(p)) != '\0') {
		if (*p == '\'' || *p == '"') {
			if ((q = strchr(p + 1, *p)) == NULL)
				return bad(r, "unterminated literal", expr);
			p = q + 1;
			operand = 1;
		} else if (*p >= '0' && *p <= '9') {
			while ((*p >= '0' && *p <= '9') || *p == '.')
				p++;
			operand = 1;
		} else if (p[0] == '.' && p[1] == '.') {
			return bad(r, "parent step", expr);
		} else if (*p == '.') {
			if (p[1] >= '0' && p[1] <= '9')
				for (p++; *p >= '0' && *p <= '9'; p++)
					;
			else
				p++;
			operand = 1;
		} else if (*p == '/' && !operand && !is_pattern &&
		    (n = read_path(p, reads)) > 0) {
			/* Into a subtree the key holds (f:nodes). */
			p += n;
			operand = 1;
		} else if (*p == '/') {
			if (!operand || (is_pattern && depth == 0))
				return bad(r, is_pattern ? "path in a pattern" :
				    "absolute path", expr);
			p += p[1] == '/' ? 2 : 1;
			operand = 0;
		} else if (*p == '$') {
			n = qname(p + 1, &colon);
			if (n == 0 || colon || !in_scope(p + 1, n, scope, nscope))
				return bad(r, "variable bound outside", expr);
			p += 1 + n;
			operand = 1;
		} else if (*p == '@') {
			p++;
			operand = 0;
		} else if (*p == '*') {
			p++;
			/* A name test unless it follows an operand (multiply). */
			operand = !operand;
		} else if (*p == '(' || *p == '[') {
			if (*p == '[')
				depth++;
			p++;
			operand = 0;
		} else if (*p == ')' || *p == ']') {
			if (*p == ']')
				depth--;
			p++;
			operand = 1;
		} else if (strchr(",|+-=<>!", *p) != NULL) {
			p += (p[1] == '=') ? 2 : 1;
			operand = 0;
		} else if (*p == ':' && p[1] == ':') {
			return bad(r, "axis without a name", expr);
		} else if ((n = qname(p, &colon)) > 0) {
			q = skip_space(p + n);
			if (operand && !colon && ((n == 3 &&
			    (memcmp(p, "and", 3) == 0 || memcmp(p, "div", 3) == 0 ||
			    memcmp(p, "mod", 3) == 0)) || (n == 2 &&
			    memcmp(p, "or", 2) == 0))) {
				operand = 0;
			} else if (q[0] == ':' && q[1] == ':') {
				if (colon || !allowed_axis(p, n))
					return bad(r, "axis outside the node",
					    expr);
				q += 2;
				operand = 0;
			} else if (*q == '(') {
				/* position() of a predicate's own list is fine. */
				if (colon || !allowed_function(p, n,
				    !is_pattern && (!outer || depth > 0)))
					return bad(r, "function not allowed",
					    expr);
				operand = 0;
			} else
				operand = 1;
			p = q;
		} else
			return bad(r, "unknown token", expr);
	}
	return 0;
}

/* --------------------------------------------------- the stylesheet tree */

/* The scope as C strings, the fragment's variables after it. */
static int
expr(struct walk *w, xmlNodePtr at, const xmlChar *e, const struct scope *sc,
    int listed, int outer, int is_pattern)
{
	const char	*names[SCOPE_MAX * 2] = { NULL };
	size_t		 n = 0, i;

	if (e == NULL || w->failed)
		return w->failed ? -1 : 0;
	for (i = 0; i < sc->n; i++)
		names[n++] = (const char *)sc->names[i];
	for (i = 0; listed && i < w->reads->nvars && n < SCOPE_MAX * 2; i++)
		names[n++] = (const char *)w->reads->vars[i];
	if (fragcheck_expr((const char *)e, names, n, w->reads, outer,
	    is_pattern, w->r) == -1) {
		w->r->where = at;
		w->failed = 1;
		return -1;
	}
	return 0;
}

/* The expressions between braces of an attribute value template. */
static int
avt(struct walk *w, xmlNodePtr at, const xmlChar *v, const struct scope *sc,
    int listed, int outer)
{
	xmlChar		 buf[1024];
	const xmlChar	*p, *end;
	size_t		 n;

	for (p = v; p != NULL && *p != '\0'; p++) {
		if (*p == '{' && p[1] == '{') {
			p++;
			continue;
		}
		if (*p != '{')
			continue;
		if ((end = xmlStrchr(p, '}')) == NULL ||
		    (n = (size_t)(end - p - 1)) >= sizeof(buf))
			return refuse(w, at, "attribute value template", v);
		memcpy(buf, p + 1, n);
		buf[n] = '\0';
		if (expr(w, at, buf, sc, listed, outer, 0) == -1)
			return -1;
		p = end;
	}
	return 0;
}

static int	seq(struct walk *, xmlNodePtr, struct scope *, int, int, int);

/* 1 when (t, outer) was checked before; else records it. */
static int
seen(struct walk *w, const void *t, int outer)
{
	size_t	 i;

	for (i = 0; i < w->nseen; i++)
		if (w->seen[i] == t && (w->seen_outer[i] || !outer))
			return 1;
	if (w->nseen < SEEN_MAX) {
		w->seen[w->nseen] = t;
		w->seen_outer[w->nseen++] = outer;
	}
	return 0;
}

/* A template's body, in its own scope: it sees none of the caller's. */
static int
template_body(struct walk *w, xsltTemplatePtr t, int outer)
{
	struct scope	 sc = { { NULL }, 0 };

	if (t->elem == NULL || seen(w, t, outer))
		return 0;
	if (w->nseen == SEEN_MAX)
		return refuse(w, t->elem, "too many templates", t->name);
	return seq(w, t->elem->children, &sc, 0, outer, 0);
}

static int
call_template(struct walk *w, xmlNodePtr n, int outer)
{
	const xmlChar	*name = xslnode_attr(n, "name");
	xsltTemplatePtr	 t;

	if (name == NULL || xmlStrchr(name, ':') != NULL)
		return refuse(w, n, "call-template name", name);
	for (t = w->sheet->templates; t != NULL; t = t->next)
		if (t->name != NULL && xmlStrEqual(t->name, name))
			return template_body(w, t, outer);
	return refuse(w, n, "no such template", name);
}

/* Every template of the mode applied: its pattern and its body. */
static int
apply_mode(struct walk *w, xmlNodePtr n)
{
	const xmlChar	*mode = xslnode_attr(n, "mode");
	struct scope	 none = { { NULL }, 0 };
	xsltTemplatePtr	 t;

	if (mode != NULL && xmlStrchr(mode, ':') != NULL)
		return refuse(w, n, "mode with a prefix", mode);
	for (t = w->sheet->templates; t != NULL && !w->failed; t = t->next) {
		if (t->match == NULL || (mode == NULL ? t->mode != NULL :
		    (t->mode == NULL || !xmlStrEqual(t->mode, mode))))
			continue;
		if (seen(w, t->elem, 0))
			continue;
		if (expr(w, t->elem, t->match, &none, 0, 0, 1) == -1)
			return -1;
		template_body(w, t, 0);
	}
	return w->failed ? -1 : 0;
}

/*
 * An XSLT instruction.  sc: the names in scope (the instruction's own
 * binding is pushed by the caller, after it); listed: the fragment's own
 * variables are visible (its body, not the templates it reaches); outer:
 * the context is the fragment's node; in_element: inside an element the
 * body writes (so xsl:attribute adds to it).
 */
static int
instruction(struct walk *w, xmlNodePtr n, struct scope *sc, int listed,
    int outer, int in_element)
{
	const xmlChar	*name = n->name;
	static const char *const	 refused[] = { "number", "apply-imports",
	    "document", "result-document", NULL };
	const char *const		*p;

	for (p = refused; *p != NULL; p++)
		if (xmlStrEqual(name, BAD_CAST *p))
			return refuse(w, n, "instruction not allowed", name);
	if (xmlStrEqual(name, BAD_CAST "variable") ||
	    xmlStrEqual(name, BAD_CAST "param") ||
	    xmlStrEqual(name, BAD_CAST "with-param")) {
		expr(w, n, xslnode_attr(n, "select"), sc, listed, outer, 0);
		return seq(w, n->children, sc, listed, outer, 1);
	}
	if (xmlStrEqual(name, BAD_CAST "for-each")) {
		expr(w, n, xslnode_attr(n, "select"), sc, listed, outer, 0);
		return seq(w, n->children, sc, listed, 0, in_element);
	}
	if (xmlStrEqual(name, BAD_CAST "apply-templates")) {
		expr(w, n, xslnode_attr(n, "select"), sc, listed, outer, 0);
		/* with-param in the caller's context; sort in the list's. */
		seq(w, n->children, sc, listed, outer, in_element);
		return apply_mode(w, n);
	}
	if (xmlStrEqual(name, BAD_CAST "call-template")) {
		seq(w, n->children, sc, listed, outer, in_element);
		return call_template(w, n, outer);
	}
	if (xmlStrEqual(name, BAD_CAST "attribute") && !in_element)
		return refuse(w, n, "xsl:attribute outside an element", name);
	if (xmlStrEqual(name, BAD_CAST "element") ||
	    xmlStrEqual(name, BAD_CAST "attribute")) {
		if (xslnode_attr(n, "use-attribute-sets") != NULL)
			return refuse(w, n, "attribute sets", name);
		avt(w, n, xslnode_attr(n, "name"), sc, listed, outer);
		avt(w, n, xslnode_attr(n, "namespace"), sc, listed, outer);
		return seq(w, n->children, sc, listed, outer, 1);
	}
	if (xmlStrEqual(name, BAD_CAST "sort")) {
		expr(w, n, xslnode_attr(n, "select"), sc, listed, 0, 0);
		avt(w, n, xslnode_attr(n, "order"), sc, listed, 0);
		avt(w, n, xslnode_attr(n, "lang"), sc, listed, 0);
		avt(w, n, xslnode_attr(n, "data-type"), sc, listed, 0);
		return avt(w, n, xslnode_attr(n, "case-order"), sc, listed, 0);
	}
	expr(w, n, xslnode_attr(n, "select"), sc, listed, outer, 0);
	expr(w, n, xslnode_attr(n, "test"), sc, listed, outer, 0);
	avt(w, n, xslnode_attr(n, "name"), sc, listed, outer);
	/* xsl:copy of an element makes one, for the attributes inside. */
	return seq(w, n->children, sc, listed, outer, in_element ||
	    xmlStrEqual(name, BAD_CAST "copy"));
}

/* A literal result element: its attribute value templates, its content. */
static int
literal(struct walk *w, xmlNodePtr n, struct scope *sc, int listed,
    int outer)
{
	xmlAttrPtr	 a;

	for (a = n->properties; a != NULL && !w->failed; a = a->next) {
		if (a->ns != NULL)
			return refuse(w, n, "namespaced attribute", a->name);
		if (a->children != NULL && a->children->type == XML_TEXT_NODE)
			avt(w, n, a->children->content, sc, listed, outer);
	}
	return seq(w, n->children, sc, listed, outer, 1);
}

/*
 * A sequence of siblings: each variable or parameter is in scope for the
 * siblings after it and their descendants, as XSLT 1.0 scopes them.
 */
static int
seq(struct walk *w, xmlNodePtr n, struct scope *sc, int listed, int outer,
    int in_element)
{
	size_t		 depth = sc->n;
	const xmlChar	*name;

	for (; n != NULL && !w->failed; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xslnode_is(n, NULL)) {
			instruction(w, n, sc, listed, outer, in_element);
			if ((xslnode_is(n, "variable") || xslnode_is(n, "param")) &&
			    (name = xslnode_attr(n, "name")) != NULL) {
				if (sc->n == SCOPE_MAX)
					return refuse(w, n, "too many variables",
					    name);
				sc->names[sc->n++] = name;
			}
		} else if (n->ns != NULL)
			refuse(w, n, "element of another namespace", n->name);
		else
			literal(w, n, sc, listed, outer);
	}
	sc->n = depth;
	return w->failed ? -1 : 0;
}

int
fragcheck_body(xsltStylesheetPtr sheet, xmlNodePtr first,
    const struct fragreads *reads, struct fragcheck *r)
{
	struct walk	*w;
	struct scope	 sc = { { NULL }, 0 };
	int		 rc;

	memset(r, 0, sizeof(*r));
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		snprintf(r->why, sizeof(r->why), "no memory");
		return -1;
	}
	w->sheet = sheet;
	w->reads = reads;
	w->r = r;
	rc = seq(w, first, &sc, 1, 1, 0);
	free(w);
	return rc;
}
