/*
 * pagewalk: the canonical walk of a subtree (pagewalk.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "pagewalk.h"

#define WALK_FIRST	(16 * 1024)	/* the buffer's first size */

/* Makes room for n more bytes.  Returns 0, or -1 past PAGEWALK_MAX. */
static int
reserve(struct walkbuf *b, size_t n)
{
	unsigned char	*p;
	size_t		 cap;

	if (n > PAGEWALK_MAX - b->len)
		return -1;
	if (b->len + n <= b->cap)
		return 0;
	for (cap = b->cap ? b->cap : WALK_FIRST; cap < b->len + n; )
		cap *= 2;
	if (cap > PAGEWALK_MAX)
		cap = PAGEWALK_MAX;
	if ((p = realloc(b->p, cap)) == NULL)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

int
pagewalk_put(struct walkbuf *b, const void *p, size_t n)
{
	if (reserve(b, n) == -1)
		return -1;
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

/*
 * The buffer never grows past PAGEWALK_MAX, so what fits in it needs no
 * other check: the common case of put_byte and put_str (a walk is
 * thousands of short strings; the call to reserve was a third of it).
 */
static int
put_byte(struct walkbuf *b, char c)
{
	if (b->len >= b->cap && reserve(b, 1) == -1)
		return -1;
	b->p[b->len++] = (unsigned char)c;
	return 0;
}

/* A tag byte and a string with its NUL. */
static int
put_str(struct walkbuf *b, char tag, const xmlChar *s)
{
	size_t	 n;

	if (s == NULL)
		s = (const xmlChar *)"";
	n = strlen((const char *)s) + 1;
	if (b->cap - b->len <= n &&
	    (n >= PAGEWALK_MAX || reserve(b, n + 1) == -1))
		return -1;
	b->p[b->len] = (unsigned char)tag;
	memcpy(b->p + b->len + 1, s, n);
	b->len += n + 1;
	return 0;
}

/* An attribute's value: its text children in order. */
static int
put_attr(struct walkbuf *b, xmlAttrPtr a)
{
	xmlNodePtr	 t;

	if (put_str(b, 'A', a->name) == -1 ||
	    (a->ns != NULL && put_str(b, 'N', a->ns->href) == -1))
		return -1;
	for (t = a->children; t != NULL; t = t->next) {
		if (t->type != XML_TEXT_NODE || put_str(b, 'v', t->content) == -1)
			return -1;
	}
	return put_byte(b, 'a');
}

/* The request id of a page root: its own attribute, one text. */
static int
is_reqid(xmlAttrPtr a)
{
	return a->ns == NULL && xmlStrEqual(a->name,
	    (const xmlChar *)"request-id") && a->children != NULL &&
	    a->children->type == XML_TEXT_NODE && a->children->next == NULL;
}

static int
put_node(struct walkbuf *b, xmlNodePtr n, int is_root, const char **reqid)
{
	xmlAttrPtr	 a;
	xmlNodePtr	 c;

	switch (n->type) {
	case XML_TEXT_NODE:
		return put_str(b, 'T', n->content);
	case XML_CDATA_SECTION_NODE:
		return put_str(b, 'C', n->content);
	case XML_COMMENT_NODE:
		return put_str(b, 'M', n->content);
	case XML_ELEMENT_NODE:
		break;
	default:
		return -1;
	}
	if (put_str(b, 'E', n->name) == -1 ||
	    (n->ns != NULL && put_str(b, 'N', n->ns->href) == -1))
		return -1;
	for (a = n->properties; a != NULL; a = a->next) {
		/* The request id is new on every request: not in the key. */
		if (is_root && is_reqid(a)) {
			*reqid = (const char *)a->children->content;
			continue;
		}
		if (put_attr(b, a) == -1)
			return -1;
	}
	for (c = n->children; c != NULL; c = c->next)
		if (put_node(b, c, 0, reqid) == -1)
			return -1;
	return put_byte(b, 'e');
}

int
pagewalk_node(struct walkbuf *b, xmlNodePtr n, int is_root,
    const char **reqid)
{
	const char	*unused;

	b->len = 0;
	if (reqid == NULL)
		reqid = &unused;
	*reqid = NULL;
	return n == NULL ? -1 : put_node(b, n, is_root, reqid);
}

/*
 * Eight bytes at a time, multiplied and folded: a collision costs one
 * memcmp, never a wrong page.
 */
uint64_t
pagewalk_hash(const unsigned char *p, size_t n)
{
	uint64_t	 h = 0x9e3779b97f4a7c15ULL ^ n, v;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&v, p, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	v = 0;
	memcpy(&v, p, n);
	h = (h ^ v) * 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

void
pagewalk_free(struct walkbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
