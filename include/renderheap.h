/*
 * renderheap: the memory of one transformation.  While a thread renders
 * a page, what libxml2 and libxslt allocate (the transform context, the
 * XPath values, the result tree) comes from the thread's own heap, handed
 * out from the front and kept on free lists by size, and all of it goes
 * at once when the render ends.  malloc and free were a third of a fresh
 * document view (callgrind, README "Performance"), and freeing the result
 * tree node by node a twentieth more.
 *
 * Installed as libxml2's allocator (xmlMemSetup) for the whole process:
 * outside a render, and for any block the heap has no room for, it is
 * plain malloc, realloc and free.  Nothing allocated during a render may
 * outlive it: render.c pauses the heap before it allocates what it
 * returns, and renderheap_end clears libxml2's record of the last error
 * (a copy of its message may be in the heap).
 */
#ifndef INSATS_RENDERHEAP_H
#define INSATS_RENDERHEAP_H

/*
 * Makes the heap libxml2's allocator.  Call once per process, before any
 * thread starts and before anything libxml2 allocates is kept; what was
 * allocated before is freed with free() as before.  Returns 0 or -1.
 */
int	 renderheap_install(void);
/*
 * Starts a render on this thread: libxml2's allocations come from the
 * thread's heap (made on first use) until renderheap_pause or
 * renderheap_end.  Returns 1, or 0 when there is no heap (not installed,
 * or no memory for it): allocations then stay with malloc.
 */
int	 renderheap_begin(void);
/*
 * Allocations go to malloc again; freeing a block of the heap does
 * nothing until renderheap_end.  Returns 1 when everything allocated
 * since renderheap_begin is in the heap, else 0 (some went to malloc for
 * want of room, or there is no heap): only then may a tree built in the
 * render be left to renderheap_end instead of freed.
 */
int	 renderheap_pause(void);
/* Ends the render: every block of the heap is free again. */
void	 renderheap_end(void);
/* Bytes of this thread's heap in use now (tests). */
unsigned long	 renderheap_used(void);

#endif
