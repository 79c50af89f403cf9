/*
 * renderheap: libxml2's allocator, with a heap per thread for the length
 * of a render (renderheap.h).
 *
 * A heap is one mapping of HEAP_BYTES, its pages touched only as they are
 * used.  Blocks are handed out from the front, each after a head that
 * holds its size; a freed block of up to CLASSES * GRAIN bytes goes on
 * the free list of its size and is handed out again, a larger one stays
 * where it is.  The end of a render puts the front back at the start.
 * A block is known as the heap's by its address alone, so free() and
 * realloc() of any other pointer go to libc as before.  Under
 * AddressSanitizer every byte not handed out is poisoned, so a read after
 * the end of a render, or past a block, is reported as with malloc.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include "renderheap.h"

/* gcc says __SANITIZE_ADDRESS__, clang __has_feature(address_sanitizer). */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAP_ASAN	1
#endif
#endif

#if defined(HEAP_ASAN)
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n)	do { (void)(p); (void)(n); } while (0)
#define UNPOISON(p, n)	do { (void)(p); (void)(n); } while (0)
#endif

#define HEAP_BYTES	(4UL << 20)	/* address space per thread */
/*
 * Pages kept between renders: a document view touches about 150 KB, a
 * counsellor's start page 750 KB; past this, the pages go back after the
 * render (RSS: a worker's eight threads would keep 6 MB more otherwise).
 */
#define KEEP_BYTES	(256UL << 10)
#define GRAIN		16		/* alignment and step of sizes */
#define CLASSES		64		/* blocks up to 1 KB are reused */

struct head {
	size_t		 size;		/* of the block, a multiple of GRAIN */
	size_t		 pad;		/* keeps the block GRAIN-aligned */
};

struct heap {
	char		*base;		/* first block */
	char		*top;		/* where the next new block goes */
	char		*end;
	char		*touched;	/* highest top since pages went back */
	void		*free[CLASSES];	/* by size / GRAIN */
	int		 on;		/* allocating from the heap */
	int		 whole;		/* nothing went to malloc */
};

static pthread_key_t		 heap_key;
static int			 installed;
static _Thread_local struct heap	*heap;

static int
in_heap(const struct heap *h, const void *p)
{
	return h != NULL && (const char *)p >= h->base &&
	    (const char *)p < h->end;
}

static size_t
block_size(void *p)
{
	struct head	*hd = (struct head *)p - 1;
	size_t		 size;

	UNPOISON(hd, sizeof(*hd));
	size = hd->size;
	POISON(hd, sizeof(*hd));
	return size;
}

static void *
pop_free(struct heap *h, size_t c)
{
	void	*p = h->free[c];

	UNPOISON(p, sizeof(void *));
	h->free[c] = *(void **)p;
	return p;
}

static void *
heap_malloc(size_t n)
{
	struct heap	*h = heap;
	struct head	*hd;
	size_t		 size, c;

	if (h == NULL || !h->on)
		return malloc(n);
	size = n == 0 ? GRAIN : (n + GRAIN - 1) & ~(size_t)(GRAIN - 1);
	c = size / GRAIN;
	if (c < CLASSES && h->free[c] != NULL) {
		void	*p = pop_free(h, c);

		UNPOISON(p, n);
		return p;
	}
	if (size < n || size + sizeof(*hd) > (size_t)(h->end - h->top)) {
		h->whole = 0;
		return malloc(n);
	}
	hd = (struct head *)h->top;
	UNPOISON(hd, sizeof(*hd));
	hd->size = size;
	POISON(hd, sizeof(*hd));
	h->top += sizeof(*hd) + size;
	UNPOISON(hd + 1, n);
	return hd + 1;
}

static void
heap_free(void *p)
{
	struct heap	*h = heap;
	size_t		 size, c;

	if (!in_heap(h, p)) {
		free(p);
		return;
	}
	if (!h->on)
		return;
	size = block_size(p);
	POISON(p, size);
	if ((c = size / GRAIN) >= CLASSES)
		return;
	UNPOISON(p, sizeof(void *));
	*(void **)p = h->free[c];
	POISON(p, sizeof(void *));
	h->free[c] = p;
}

static void *
heap_realloc(void *p, size_t n)
{
	struct heap	*h = heap;
	struct head	*hd;
	size_t		 size, grown;
	void		*q;

	if (p == NULL)
		return heap_malloc(n);
	if (!in_heap(h, p))
		return realloc(p, n);
	if (n <= (size = block_size(p))) {
		UNPOISON(p, n);
		return p;
	}
	/* The last block grows where it is (buffers, node sets). */
	grown = (n + GRAIN - 1) & ~(size_t)(GRAIN - 1);
	if (h->on && (char *)p + size == h->top && grown >= n &&
	    grown - size <= (size_t)(h->end - h->top)) {
		hd = (struct head *)p - 1;
		UNPOISON(hd, sizeof(*hd));
		hd->size = grown;
		POISON(hd, sizeof(*hd));
		h->top += grown - size;
		UNPOISON(p, n);
		return p;
	}
	if ((q = heap_malloc(n)) == NULL)
		return NULL;
	UNPOISON(p, size);
	memcpy(q, p, size);
	heap_free(p);
	return q;
}

static char *
heap_strdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p;

	if ((p = heap_malloc(n)) != NULL)
		memcpy(p, s, n);
	return p;
}

static void
heap_unmap(void *arg)
{
	struct heap	*h = arg;

	if (h == heap)
		heap = NULL;
	UNPOISON(h, HEAP_BYTES);
	munmap(h, HEAP_BYTES);
}

int
renderheap_install(void)
{
	if (installed)
		return 0;
	if (pthread_key_create(&heap_key, heap_unmap) != 0)
		return -1;
	if (xmlMemSetup(heap_free, heap_malloc, heap_realloc,
	    heap_strdup) != 0)
		return -1;
	installed = 1;
	return 0;
}

/* This thread's heap, mapped on first use (the struct at its start). */
static struct heap *
heap_get(void)
{
	struct heap	*h;
	void		*m;

	if (heap != NULL || !installed)
		return heap;
	m = mmap(NULL, HEAP_BYTES, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	h = m;
	memset(h, 0, sizeof(*h));
	h->base = (char *)m + ((sizeof(*h) + GRAIN - 1) & ~(size_t)(GRAIN - 1));
	h->top = h->touched = h->base;
	h->end = (char *)m + HEAP_BYTES;
	if (pthread_setspecific(heap_key, h) != 0) {
		munmap(m, HEAP_BYTES);
		return NULL;
	}
	POISON(h->base, (size_t)(h->end - h->base));
	return heap = h;
}

int
renderheap_begin(void)
{
	struct heap	*h;

	if ((h = heap_get()) == NULL)
		return 0;
	h->on = 1;
	h->whole = 1;
	return 1;
}

int
renderheap_pause(void)
{
	struct heap	*h = heap;

	if (h == NULL || !h->on)
		return 0;
	h->on = 0;
	return h->whole;
}

void
renderheap_end(void)
{
	struct heap	*h = heap;
	char		*keep = (char *)heap + KEEP_BYTES;	/* page-aligned */

	if (h == NULL)
		return;
	/* Its message may be a copy in the heap: nothing may point in. */
	xmlResetLastError();
	h->on = 0;
	if (h->top > h->touched)
		h->touched = h->top;
	POISON(h->base, (size_t)(h->top - h->base));
	memset(h->free, 0, sizeof(h->free));
	h->top = h->base;
	/* A page far larger than the others gives its pages back. */
	if (h->touched > keep) {
		madvise(keep, (size_t)(h->touched - keep), MADV_DONTNEED);
		h->touched = keep;
	}
}

unsigned long
renderheap_used(void)
{
	return heap == NULL ? 0 : (unsigned long)(heap->top - heap->base);
}
