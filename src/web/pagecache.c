/*
 * pagecache: rendered pages of this worker process, keyed by a canonical
 * walk of their page document (see pagecache.h for why that is sound).
 * Measured by `make bench`: XSLT and the HTML serialiser are four fifths
 * of a document view; a hit replaces them with a walk of ~300 nodes.
 *
 * A page is found by comparing walks byte for byte, so two page documents
 * share a page only when they are equal: no digest whose collisions would
 * have to be argued away.  A 64-bit hash of the walk only picks which walks
 * to compare.  The SHA-256 digest this replaced was a fifth of the
 * counsellor's start page (1.2 M instructions over a 31 KB walk).
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "pagecache.h"
#include "pagewalk.h"

#define SLOTS		64
#define BYTES_MAX	(4 * 1024 * 1024)	/* of HTML and walks, per worker */
#define PAGE_MAX	(256 * 1024)		/* larger pages are not kept */

struct slot {
	uint64_t	 hash;			/* of walk */
	unsigned char	*walk;			/* NULL: free slot */
	size_t		 walk_len;
	char		*html;			/* in the walk's allocation */
	size_t		 len;
	unsigned long	 used;			/* LRU clock */
};

/* Parsed stored XML (pagecache_content), per thread. */
#define CONTENT_SLOTS	8
#define CONTENT_MAX	(64 * 1024)		/* larger: parsed, not kept */

struct content {
	long		 id;
	int		 version;
	char		*xml;			/* NULL: free slot */
	size_t		 len;
	xmlDocPtr	 doc;
	unsigned long	 used;
};

/*
 * The pages are shared by the threads of the worker (under lock: a hit
 * copies the page out); a parsed document is handed out by pointer, so
 * each thread keeps its own, and so does each thread its walk buffer.
 */
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot	 slots[SLOTS];
static int		 pages_max = SLOTS;	/* slots in use */
static size_t		 bytes;
static unsigned long	 clock_now, hits, misses;
static _Thread_local struct content	 contents[CONTENT_SLOTS];
static _Thread_local xmlDocPtr		 uncached;	/* too large to keep */
static _Thread_local unsigned long	 content_clock;
static _Thread_local struct walkbuf	 walk_buf;

int
pagecache_key(xmlDocPtr doc, struct pagekey *key)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);

	memset(key, 0, sizeof(*key));
	if (root == NULL || root->next != NULL || root->prev != NULL ||
	    pagewalk_node(&walk_buf, root, 1, &key->reqid) == -1)
		return -1;
	key->walk = walk_buf.p;
	key->len = walk_buf.len;
	key->hash = pagewalk_hash(walk_buf.p, walk_buf.len);
	return 0;
}

int
pagecache_key_equal(const struct pagekey *a, const struct pagekey *b)
{
	return a->hash == b->hash && a->len == b->len &&
	    memcmp(a->walk, b->walk, a->len) == 0;
}

static struct slot *
find(const struct pagekey *key)
{
	size_t	 i;

	for (i = 0; i < (size_t)pages_max; i++)
		if (slots[i].walk != NULL && slots[i].hash == key->hash &&
		    slots[i].walk_len == key->len &&
		    memcmp(slots[i].walk, key->walk, key->len) == 0)
			return &slots[i];
	return NULL;
}

char *
pagecache_get(const struct pagekey *key, size_t *len)
{
	struct slot	*s;
	char		*out = NULL;

	pthread_mutex_lock(&lock);
	if ((s = find(key)) != NULL && (out = xmlMalloc(s->len + 1)) != NULL) {
		memcpy(out, s->html, s->len);
		out[s->len] = '\0';
		s->used = ++clock_now;
		*len = s->len;
		hits++;
	} else
		misses++;
	pthread_mutex_unlock(&lock);
	return out;
}

static void
evict(struct slot *s)
{
	bytes -= s->walk_len + s->len;
	free(s->walk);
	s->walk = NULL;
	s->html = NULL;
	s->walk_len = s->len = 0;
}

/* The free slot, else the least recently used one, emptied. */
static struct slot *
victim(void)
{
	struct slot	*v = &slots[0];
	size_t		 i;

	for (i = 0; i < (size_t)pages_max; i++) {
		if (slots[i].walk == NULL)
			return &slots[i];
		if (slots[i].used < v->used)
			v = &slots[i];
	}
	evict(v);
	return v;
}

/* Empties the least recently used slots until len more bytes fit. */
static void
make_room(size_t len)
{
	struct slot	*v;
	size_t		 i;

	while (bytes + len > BYTES_MAX) {
		v = NULL;
		for (i = 0; i < SLOTS; i++)
			if (slots[i].walk != NULL &&
			    (v == NULL || slots[i].used < v->used))
				v = &slots[i];
		if (v == NULL)
			return;
		evict(v);
	}
}

void
pagecache_put(const struct pagekey *key, const char *html, size_t len)
{
	struct slot	*s;
	unsigned char	*copy;
	size_t		 size = key->len + len;

	if (len > PAGE_MAX || pages_max == 0 || key->walk == NULL)
		return;
	/* A page that prints the request id is this request's alone. */
	if (key->reqid != NULL && key->reqid[0] != '\0' &&
	    memmem(html, len, key->reqid, strlen(key->reqid)) != NULL)
		return;
	/* The walk and the page in one allocation, the walk first. */
	if ((copy = malloc(size)) == NULL)
		return;
	memcpy(copy, key->walk, key->len);
	memcpy(copy + key->len, html, len);
	pthread_mutex_lock(&lock);
	if (find(key) != NULL) {
		pthread_mutex_unlock(&lock);
		free(copy);
		return;
	}
	make_room(size);
	s = victim();
	s->hash = key->hash;
	s->walk = copy;
	s->walk_len = key->len;
	s->html = (char *)copy + key->len;
	s->len = len;
	s->used = ++clock_now;
	bytes += size;
	pthread_mutex_unlock(&lock);
}

static void
content_evict(struct content *c)
{
	free(c->xml);
	xmlFreeDoc(c->doc);
	memset(c, 0, sizeof(*c));
}

xmlDocPtr
pagecache_content(long id, int version, const char *xml)
{
	struct content	*c, *v = &contents[0];
	xmlDocPtr	 doc;
	char		*copy;
	size_t		 i, len = strlen(xml);

	xmlFreeDoc(uncached);
	uncached = NULL;
	for (i = 0; i < CONTENT_SLOTS; i++) {
		c = &contents[i];
		/* The text itself decides: an id may be reused after a purge. */
		if (c->xml != NULL && c->id == id && c->version == version &&
		    c->len == len && memcmp(c->xml, xml, len) == 0) {
			c->used = ++content_clock;
			return c->doc;
		}
		if (v->xml != NULL && (c->xml == NULL || c->used < v->used))
			v = c;
	}
	if (len > INT_MAX || (doc = xmlReadMemory(xml, (int)len, NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS)) == NULL)
		return NULL;
	if (len > CONTENT_MAX || (copy = malloc(len)) == NULL) {
		uncached = doc;
		return doc;
	}
	if (v->xml != NULL)
		content_evict(v);
	memcpy(copy, xml, len);
	v->xml = copy;
	v->len = len;
	v->id = id;
	v->version = version;
	v->doc = doc;
	v->used = ++content_clock;
	return doc;
}

void
pagecache_set_pages(int n)
{
	pthread_mutex_lock(&lock);
	pages_max = n < 0 ? 0 : n > SLOTS ? SLOTS : n;
	pthread_mutex_unlock(&lock);
}

void
pagecache_stats(unsigned long *h, unsigned long *m)
{
	pthread_mutex_lock(&lock);
	*h = hits;
	*m = misses;
	pthread_mutex_unlock(&lock);
}

void
pagecache_thread_clear(void)
{
	size_t	 i;

	for (i = 0; i < CONTENT_SLOTS; i++)
		if (contents[i].xml != NULL)
			content_evict(&contents[i]);
	xmlFreeDoc(uncached);
	uncached = NULL;
	content_clock = 0;
	pagewalk_free(&walk_buf);
}

void
pagecache_clear(void)
{
	size_t	 i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < SLOTS; i++)
		if (slots[i].walk != NULL)
			evict(&slots[i]);
	clock_now = hits = misses = 0;
	pthread_mutex_unlock(&lock);
	pagecache_thread_clear();
}
