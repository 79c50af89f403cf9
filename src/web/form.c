/*
 * form: url-encoded input and the generic form <-> XML mapping.  Field
 * names are element paths relative to the document root; this file knows
 * no document kind.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>

#include "form.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes s[0..len) into a new string, CRLF folded to LF.  Returns NULL on
 * a bad escape, an encoded NUL or allocation failure.
 */
static char *
decode(const char *s, size_t len)
{
	char	*out, *o;
	size_t	 i;
	int	 hi, lo;

	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	for (i = 0, o = out; i < len; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= len || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0 || (hi == 0 && lo == 0)) {
				free(out);
				return NULL;
			}
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	/* Fold CRLF (browsers send it for textareas) to LF. */
	for (o = out; (o = strstr(o, "\r\n")) != NULL; )
		memmove(o, o + 1, strlen(o + 1) + 1);
	return out;
}

/*
 * 1 if s is valid UTF-8 with no control characters except tab and newline.
 * Strict (no overlong forms, surrogates, U+FFFE/U+FFFF or beyond U+10FFFF):
 * libxml2 keeps such bytes in a tree but refuses them when the stored
 * document is parsed again, which would make the document unreadable.
 */
int
form_text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long	 c;
	int		 more, i;

	while (*p != '\0') {
		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t' && *p != '\n') ||
			    *p == 0x7f)
				return 0;
			p++;
			continue;
		}
		/* Lead byte: 0xc0, 0xc1 and 0xf5.. only start invalid forms. */
		if (*p >= 0xc2 && *p <= 0xdf)
			more = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			more = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			more = 3;
		else
			return 0;
		c = *p & (0x3f >> more);
		for (i = 1; i <= more; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i] & 0x3f);
		}
		if ((more == 2 && c < 0x800) || (more == 3 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
		    c == 0xfffe || c == 0xffff)
			return 0;
		p += more + 1;
	}
	return 1;
}

void
form_free(struct form *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++) {
		free(f->fields[i].name);
		free(f->fields[i].value);
	}
	free(f->fields);
	f->fields = NULL;
	f->n = 0;
}

static int
add_pair(struct form *f, const char *s, size_t len)
{
	const char	*eq = memchr(s, '=', len);
	size_t		 nlen = eq ? (size_t)(eq - s) : len;
	size_t		 vlen = eq ? len - nlen - 1 : 0;
	char		*name, *value;

	if (nlen == 0 || nlen > FORM_NAME_MAX * 3 || vlen > FORM_VALUE_MAX * 3)
		return -1;
	name = decode(s, nlen);
	value = decode(eq ? eq + 1 : "", vlen);
	if (name == NULL || value == NULL || strlen(name) > FORM_NAME_MAX ||
	    strlen(value) > FORM_VALUE_MAX || !form_text_ok(name) ||
	    !form_text_ok(value) || strchr(name, '\n') != NULL) {
		free(name);
		free(value);
		return -1;
	}
	f->fields[f->n].name = name;
	f->fields[f->n].value = value;
	f->n++;
	return 0;
}

/*
 * The most fields s (len bytes, no NUL) can hold: one more than its '&',
 * at most FORM_FIELDS_MAX.
 */
static size_t
max_fields(const char *s, size_t len)
{
	const char	*p, *end = s + len;
	size_t		 n = 1;

	for (p = s; n < FORM_FIELDS_MAX &&
	    (p = memchr(p, '&', (size_t)(end - p))) != NULL; p++)
		n++;
	return n;
}

/*
 * Returns 0 or -1 (see form.h).  An empty input (every GET without a
 * query) allocates nothing: fields stays NULL.  Otherwise the table holds
 * as many fields as s can, not FORM_FIELDS_MAX zeroed ones.
 */
int
form_parse(struct form *f, const char *s, size_t len)
{
	size_t	 start = 0, i, max;

	f->fields = NULL;
	f->n = 0;
	if (len == 0)
		return 0;
	if (memchr(s, '\0', len) != NULL)
		return -1;
	max = max_fields(s, len);
	if ((f->fields = malloc(max * sizeof(*f->fields))) == NULL)
		return -1;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '&')
			continue;
		if (i > start) {
			if (f->n >= max || add_pair(f, s + start, i - start) == -1)
				goto fail;
		}
		start = i + 1;
	}
	return 0;
fail:
	form_free(f);
	return -1;
}

const char *
form_get(const struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

/*
 * Splits one step "name[3]" into name and a 1-based index (1 when absent).
 * Returns 0, or -1 if the step is not an XML name of letters and digits
 * with an index of 1..100.
 */
static int
parse_step(const char *s, size_t len, char *name, size_t size, int *idx)
{
	size_t	 n = 0;
	int	 i = 0;

	while (n < len && ((s[n] >= 'a' && s[n] <= 'z') ||
	    (s[n] >= 'A' && s[n] <= 'Z') || (n > 0 && s[n] >= '0' && s[n] <= '9')))
		n++;
	if (n == 0 || n >= size)
		return -1;
	memcpy(name, s, n);
	name[n] = '\0';
	*idx = 1;
	if (n == len)
		return 0;
	if (s[n] != '[' || s[len - 1] != ']' || len - n < 3)
		return -1;
	for (n++; n < len - 1; n++) {
		if (s[n] < '0' || s[n] > '9' || i > 100)
			return -1;
		i = i * 10 + (s[n] - '0');
	}
	if (i < 1 || i > 100)
		return -1;
	*idx = i;
	return 0;
}

static xmlNodePtr
nth_child(xmlNodePtr parent, const char *name, int idx, int *count,
    xmlNodePtr *last)
{
	xmlNodePtr	 n, found = NULL;

	*count = 0;
	*last = NULL;
	for (n = parent->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(n->name, (const xmlChar *)name))
			continue;
		if (++*count == idx)
			found = n;
		*last = n;
	}
	return found;
}

/* Empties every text node below node, keeping the elements. */
static void
clear_text(xmlNodePtr node)
{
	xmlNodePtr	 n, next;

	for (n = node->children; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_ELEMENT_NODE)
			clear_text(n);
	}
}

static xmlNodePtr
append_clone(xmlNodePtr first, xmlNodePtr last)
{
	xmlNodePtr	 copy = xmlDocCopyNode(first, first->doc, 1);

	if (copy == NULL)
		return NULL;
	clear_text(copy);
	return xmlAddNextSibling(last, copy);
}

/*
 * Walks path from the root, cloning repeated rows that do not exist yet
 * (up to the index asked for).  Returns the element or NULL.
 */
static xmlNodePtr
walk(xmlDocPtr doc, const char *path, int create)
{
	xmlNodePtr	 cur = xmlDocGetRootElement(doc), n, last;
	const char	*p = path, *slash;
	char		 name[FORM_NAME_MAX];
	int		 idx, count;

	while (cur != NULL && *p != '\0') {
		slash = strchr(p, '/');
		if (slash != NULL && slash[1] == '\0')	/* "goal/" */
			return NULL;
		if (parse_step(p, slash ? (size_t)(slash - p) : strlen(p), name,
		    sizeof(name), &idx) == -1)
			return NULL;
		n = nth_child(cur, name, idx, &count, &last);
		while (n == NULL && create && count > 0 && count < idx) {
			if ((last = append_clone(nth_child(cur, name, 1, &count,
			    &n), last)) == NULL)
				return NULL;
			n = nth_child(cur, name, idx, &count, &last);
		}
		if (n == NULL)
			return NULL;
		cur = n;
		p = slash ? slash + 1 : p + strlen(p);
	}
	return *p == '\0' ? cur : NULL;
}

static int
has_element_child(xmlNodePtr node)
{
	xmlNodePtr	 n;

	for (n = node->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

static int
skipped(const char *name, const char *const *skip)
{
	if (name[0] == '_')
		return 1;
	for (; skip != NULL && *skip != NULL; skip++)
		if (strcmp(name, *skip) == 0)
			return 1;
	return 0;
}

xmlDocPtr
form_to_xml(const struct form *f, xmlDocPtr tmpl, const char *const *skip)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 el, text;
	size_t		 i;

	if ((doc = xmlCopyDoc(tmpl, 1)) == NULL)
		return NULL;
	for (i = 0; i < f->n; i++) {
		if (skipped(f->fields[i].name, skip))
			continue;
		el = walk(doc, f->fields[i].name, 1);
		if (el == NULL || has_element_child(el))
			goto fail;
		clear_text(el);
		/* A text node, never parsed: '&' stays '&', not an entity. */
		text = xmlNewDocText(doc, (const xmlChar *)f->fields[i].value);
		if (text == NULL || xmlAddChild(el, text) == NULL)
			goto fail;
	}
	return doc;
fail:
	xmlFreeDoc(doc);
	return NULL;
}

int
form_add_row(xmlDocPtr doc, const char *path, int max)
{
	xmlNodePtr	 first, last, parent;
	int		 count;
	const char	*slash = strrchr(path, '/');
	char		 parent_path[FORM_NAME_MAX], name[FORM_NAME_MAX];
	int		 idx;

	if (strlen(path) >= sizeof(parent_path))
		return -1;
	if (slash) {
		memcpy(parent_path, path, (size_t)(slash - path));
		parent_path[slash - path] = '\0';
		parent = walk(doc, parent_path, 0);
	} else
		parent = xmlDocGetRootElement(doc);
	if (parent == NULL || parse_step(slash ? slash + 1 : path,
	    strlen(slash ? slash + 1 : path), name, sizeof(name), &idx) == -1)
		return -1;
	if ((first = nth_child(parent, name, 1, &count, &last)) == NULL)
		return -1;
	if (count >= max)
		return 0;
	return append_clone(first, last) ? 0 : -1;
}

int
form_remove_row(xmlDocPtr doc, const char *path)
{
	xmlNodePtr	 row = walk(doc, path, 0), n;
	int		 siblings = 0;

	if (row == NULL || row->parent == NULL ||
	    row->parent->type != XML_ELEMENT_NODE)
		return -1;
	for (n = row->parent->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, row->name))
			siblings++;
	if (siblings <= 1) {
		clear_text(row);
		return 0;
	}
	xmlUnlinkNode(row);
	xmlFreeNode(row);
	return 0;
}

static int
blank(const xmlChar *s)
{
	for (; s != NULL && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Returns 1 if node was removed. */
static int
prune_node(xmlNodePtr node)
{
	xmlNodePtr	 n, next;
	xmlChar		*text;
	int		 empty;

	for (n = node->children; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_ELEMENT_NODE)
			prune_node(n);
	}
	if (has_element_child(node) || node->parent == NULL ||
	    node->parent->type != XML_ELEMENT_NODE)
		return 0;
	text = xmlNodeGetContent(node);
	empty = blank(text);
	xmlFree(text);
	if (!empty)
		return 0;
	xmlUnlinkNode(node);
	xmlFreeNode(node);
	return 1;
}

void
form_prune(xmlDocPtr doc)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);

	if (root != NULL)
		prune_node(root);
}
