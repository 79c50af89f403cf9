/*
 * pagecache: rendered pages of this worker process, keyed by the SHA-256
 * of their page document (see pagecache.h for why that is sound).
 * Measured by `make bench`: XSLT and the HTML serialiser are four fifths
 * of a document view; a hit replaces them with a walk of ~300 nodes and
 * one hash.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "pagecache.h"

#define SLOTS		64
#define BYTES_MAX	(4 * 1024 * 1024)	/* of HTML, per worker */
#define PAGE_MAX	(256 * 1024)		/* larger pages are not kept */
#define WALK_MAX	(1024 * 1024)		/* larger documents: no key */

struct slot {
	unsigned char	 sha[PAGECACHE_KEY_LEN];
	char		*html;			/* NULL: free slot */
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
 * each thread keeps its own.
 */
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot	 slots[SLOTS];
static int		 pages_max = SLOTS;	/* slots in use */
static size_t		 bytes;
static unsigned long	 clock_now, hits, misses;
static _Thread_local struct content	 contents[CONTENT_SLOTS];
static _Thread_local xmlDocPtr		 uncached;	/* too large to keep */
static _Thread_local unsigned long	 content_clock;

/*
 * The walk goes through a small buffer into the digest: no allocation,
 * and the same bytes hashed as if they were gathered first.
 */
struct walk {
	EVP_MD_CTX	*md;
	size_t		 len;			/* bytes in buf */
	size_t		 total;			/* bytes walked */
	const char	*reqid;
	unsigned char	 buf[4096];
};

/* Hashes the bytes in the buffer.  Returns 0, or -1. */
static int
flush(struct walk *w)
{
	if (w->len > 0 && EVP_DigestUpdate(w->md, w->buf, w->len) != 1)
		return -1;
	w->len = 0;
	return 0;
}

/* Appends n bytes.  Returns 0, or -1 past WALK_MAX or when hashing fails. */
static int
put(struct walk *w, const void *p, size_t n)
{
	const unsigned char	*s = p;
	size_t			 k;

	if (n > WALK_MAX - w->total)
		return -1;
	w->total += n;
	while (n > sizeof(w->buf) - w->len) {
		k = sizeof(w->buf) - w->len;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (flush(w) == -1)
			return -1;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	return 0;
}

/* Appends one byte.  Returns 0 or -1, as put. */
static int
put_byte(struct walk *w, char c)
{
	if (w->len < sizeof(w->buf) && w->total < WALK_MAX) {
		w->buf[w->len++] = (unsigned char)c;
		w->total++;
		return 0;
	}
	return put(w, &c, 1);
}

/*
 * A tag byte and a string with its NUL: names and values hold no NUL, so
 * the encoding of a tree is unambiguous.
 */
static int
put_str(struct walk *w, char tag, const xmlChar *s)
{
	size_t	 n;

	if (s == NULL)
		s = (const xmlChar *)"";
	n = strlen((const char *)s) + 1;
	/* Most strings fit in the buffer as they are. */
	if (n < sizeof(w->buf) - w->len && n < WALK_MAX - w->total) {
		w->buf[w->len] = (unsigned char)tag;
		memcpy(w->buf + w->len + 1, s, n);
		w->len += n + 1;
		w->total += n + 1;
		return 0;
	}
	return put_byte(w, tag) == -1 || put(w, s, n) == -1 ? -1 : 0;
}

/* An attribute's value: its text children in order. */
static int
put_attr(struct walk *w, xmlAttrPtr a)
{
	xmlNodePtr	 t;

	if (put_str(w, 'A', a->name) == -1 ||
	    (a->ns != NULL && put_str(w, 'N', a->ns->href) == -1))
		return -1;
	for (t = a->children; t != NULL; t = t->next) {
		if (t->type != XML_TEXT_NODE || put_str(w, 'v', t->content) == -1)
			return -1;
	}
	return put_byte(w, 'a');
}

/* Returns 0, or -1 for a node type a page never holds. */
static int
put_node(struct walk *w, xmlNodePtr n, int is_root)
{
	xmlAttrPtr	 a;
	xmlNodePtr	 c;

	switch (n->type) {
	case XML_TEXT_NODE:
		return put_str(w, 'T', n->content);
	case XML_CDATA_SECTION_NODE:
		return put_str(w, 'C', n->content);
	case XML_COMMENT_NODE:
		return put_str(w, 'M', n->content);
	case XML_ELEMENT_NODE:
		break;
	default:
		return -1;
	}
	if (put_str(w, 'E', n->name) == -1 ||
	    (n->ns != NULL && put_str(w, 'N', n->ns->href) == -1))
		return -1;
	for (a = n->properties; a != NULL; a = a->next) {
		/* The request id is new on every request: not in the key. */
		if (is_root && a->ns == NULL && xmlStrEqual(a->name,
		    (const xmlChar *)"request-id") && a->children != NULL &&
		    a->children->type == XML_TEXT_NODE && a->children->next == NULL) {
			w->reqid = (const char *)a->children->content;
			continue;
		}
		if (put_attr(w, a) == -1)
			return -1;
	}
	for (c = n->children; c != NULL; c = c->next)
		if (put_node(w, c, 0) == -1)
			return -1;
	return put_byte(w, 'e');
}

/*
 * SHA-256, looked up once: EVP_sha256() makes every EVP_DigestInit_ex
 * look the implementation up again.
 */
static EVP_MD			*sha256;
static pthread_once_t		 sha256_once = PTHREAD_ONCE_INIT;

static void
fetch_sha256(void)
{
	sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
}

int
pagecache_key(xmlDocPtr doc, struct pagekey *key)
{
	struct walk	 w;
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	unsigned int	 n = 0;
	int		 rc = -1;

	w.len = w.total = 0;
	w.reqid = NULL;
	memset(key, 0, sizeof(*key));
	if (pthread_once(&sha256_once, fetch_sha256) != 0 || sha256 == NULL ||
	    (w.md = EVP_MD_CTX_new()) == NULL)
		return -1;
	if (root != NULL && root->next == NULL && root->prev == NULL &&
	    EVP_DigestInit_ex(w.md, sha256, NULL) == 1 &&
	    put_node(&w, root, 1) == 0 && flush(&w) == 0 &&
	    EVP_DigestFinal_ex(w.md, key->sha, &n) == 1 &&
	    n == PAGECACHE_KEY_LEN) {
		key->reqid = w.reqid;
		rc = 0;
	}
	EVP_MD_CTX_free(w.md);
	return rc;
}

static struct slot *
find(const struct pagekey *key)
{
	size_t	 i;

	for (i = 0; i < (size_t)pages_max; i++)
		if (slots[i].html != NULL &&
		    memcmp(slots[i].sha, key->sha, PAGECACHE_KEY_LEN) == 0)
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
	bytes -= s->len;
	free(s->html);
	s->html = NULL;
	s->len = 0;
}

/* The free slot, else the least recently used one, emptied. */
static struct slot *
victim(void)
{
	struct slot	*v = &slots[0];
	size_t		 i;

	for (i = 0; i < (size_t)pages_max; i++) {
		if (slots[i].html == NULL)
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
			if (slots[i].html != NULL &&
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
	char		*copy;

	if (len > PAGE_MAX || pages_max == 0)
		return;
	/* A page that prints the request id is this request's alone. */
	if (key->reqid != NULL && key->reqid[0] != '\0' &&
	    memmem(html, len, key->reqid, strlen(key->reqid)) != NULL)
		return;
	if ((copy = malloc(len)) == NULL)
		return;
	memcpy(copy, html, len);
	pthread_mutex_lock(&lock);
	if (find(key) != NULL) {
		pthread_mutex_unlock(&lock);
		free(copy);
		return;
	}
	make_room(len);
	s = victim();
	memcpy(s->sha, key->sha, PAGECACHE_KEY_LEN);
	s->html = copy;
	s->len = len;
	s->used = ++clock_now;
	bytes += len;
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
}

void
pagecache_clear(void)
{
	size_t	 i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < SLOTS; i++)
		if (slots[i].html != NULL)
			evict(&slots[i]);
	clock_now = hits = misses = 0;
	pthread_mutex_unlock(&lock);
	pagecache_thread_clear();
}
