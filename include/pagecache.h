/*
 * pagecache: the rendered pages of one worker, keyed by the page document.
 *
 * The stylesheet is compiled once per process and may load nothing at run
 * time, so its output is a pure function of the page document: a page
 * whose document equals one rendered before gets the same HTML.  The key
 * is a canonical walk of the document, without the root's request id (new
 * on every request), and pages are found by comparing walks byte for byte
 * (a 64-bit hash picks which to compare); an output that contains the
 * request id (error pages print it) is never kept.  Bounded in entries and
 * bytes (pages and their walks); the least recently used page goes first.
 */
#ifndef INSATS_PAGECACHE_H
#define INSATS_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>

struct pagekey {
	uint64_t		 hash;	/* of the walk */
	const unsigned char	*walk;	/* this thread's, until its next key */
	size_t			 len;
	const char		*reqid;	/* the root's request id, or NULL */
};

/*
 * Computes the key of doc into this thread's walk buffer, valid until the
 * thread's next call.  Returns 0, or -1 when the document holds a node the
 * walk does not know or walks to more than 1 MB (such a page is rendered,
 * never cached).
 */
int		 pagecache_key(xmlDocPtr doc, struct pagekey *key);
/* 1 when the keys are of equal documents, else 0. */
int		 pagecache_key_equal(const struct pagekey *a,
		    const struct pagekey *b);
/*
 * The cached HTML of key, copied with xmlMalloc (*len set), or NULL.
 */
char		*pagecache_get(const struct pagekey *key, size_t *len);
/* Keeps a copy of html for key, unless it shows the request id. */
void		 pagecache_put(const struct pagekey *key, const char *html,
		    size_t len);
/*
 * The parsed document of the stored XML of document id, version: each
 * thread keeps the last 8 it parsed, found again only when the stored
 * text is byte for byte the text parsed before (a purged document's id may
 * be reused).  Returns a document owned by the cache, valid until the next
 * call and never to be changed or freed by the caller, or NULL when xml
 * does not parse.
 */
xmlDocPtr	 pagecache_content(long id, int version, const char *xml);
/*
 * Keeps at most n pages (0..64, 64 by default); 0 renders every page
 * (make bench measures fresh pages so).  Call before the threads start.
 */
void		 pagecache_set_pages(int n);
/* Hits and misses so far, for the log and the benchmark. */
void		 pagecache_stats(unsigned long *hits, unsigned long *misses);
/* Frees this thread's parsed documents and walk buffer (before it ends). */
void		 pagecache_thread_clear(void);
/* Empties the pages and this thread's parsed documents. */
void		 pagecache_clear(void);

#endif
