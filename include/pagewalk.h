/*
 * pagewalk: the canonical walk of a page document's subtree, the bytes
 * that stand for it in the page cache (pagecache.h) and the fragment
 * cache (fragment.h).  A tag byte and a NUL-ended string for each name,
 * value and text, an end byte for each element and attribute: equal
 * trees walk to equal bytes, and any change of a name, value, text or
 * order to other bytes (names and values hold no NUL).
 */
#ifndef INSATS_PAGEWALK_H
#define INSATS_PAGEWALK_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>

#define PAGEWALK_MAX	(1024 * 1024)	/* longer walks are refused */

/* A growing buffer; zero it before the first use. */
struct walkbuf {
	unsigned char	*p;
	size_t		 len;
	size_t		 cap;
};

/*
 * Walks n and its subtree into b, from its start (b->len set).  With
 * is_root, an attribute request-id of n itself is left out and *reqid
 * set to its value (else NULL).  Returns 0, or -1 for a node type a page
 * never holds (processing instructions, entity references), a walk
 * longer than PAGEWALK_MAX, or no memory.
 */
int		 pagewalk_node(struct walkbuf *b, xmlNodePtr n, int is_root,
		    const char **reqid);
/* Appends n bytes to b.  Returns 0, or -1 as pagewalk_node. */
int		 pagewalk_put(struct walkbuf *b, const void *p, size_t n);
/* A 64-bit hash of p: it only chooses which walks to compare. */
uint64_t	 pagewalk_hash(const unsigned char *p, size_t n);
void		 pagewalk_free(struct walkbuf *b);

#endif
