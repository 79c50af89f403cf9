/*
 * Unit tests of the render heap (renderheap.h): libxml2's allocations
 * during a render come from the thread's heap and go when it ends; before,
 * after and when the heap is full they are malloc's, and free() and
 * realloc() take either kind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "renderheap.h"

static void
test_outside_a_render(void **state)
{
	char	*p;

	(void)state;
	assert_int_equal(renderheap_used(), 0);
	assert_non_null(p = xmlMalloc(100));
	memset(p, 'x', 100);
	assert_non_null(p = xmlRealloc(p, 10000));
	assert_int_equal(p[99], 'x');
	xmlFree(p);
	assert_int_equal(renderheap_used(), 0);
	/* Nothing to pause, and ending is harmless. */
	assert_int_equal(renderheap_pause(), 0);
	renderheap_end();
}

static void
test_blocks(void **state)
{
	char		*a, *b, *c, *s;
	unsigned long	 used;

	(void)state;
	assert_int_equal(renderheap_begin(), 1);
	assert_non_null(a = xmlMalloc(24));
	assert_non_null(b = xmlMalloc(24));
	assert_true(renderheap_used() > 0);
	assert_int_equal((uintptr_t)a % 16, 0);
	assert_int_equal((uintptr_t)b % 16, 0);
	assert_true(b >= a + 24);
	memset(a, 'a', 24);
	memset(b, 'b', 24);
	/* A freed block of the same size is handed out again. */
	xmlFree(a);
	used = renderheap_used();
	assert_ptr_equal(xmlMalloc(20), a);
	assert_int_equal(renderheap_used(), used);
	assert_int_equal(b[23], 'b');
	/* Growing keeps the content. */
	assert_non_null(b = xmlRealloc(b, 5000));
	assert_int_equal(b[0], 'b');
	assert_int_equal(b[23], 'b');
	assert_non_null(s = (char *)xmlStrdup((const xmlChar *)"insats"));
	assert_string_equal(s, "insats");
	assert_non_null(c = xmlMalloc(0));
	xmlFree(c);
	assert_int_equal(renderheap_pause(), 1);
	/* Paused: malloc again, and a heap block may still be read. */
	used = renderheap_used();
	assert_non_null(c = xmlMalloc(64));
	assert_int_equal(renderheap_used(), used);
	assert_non_null(b = xmlRealloc(b, 8000));
	assert_int_equal(b[23], 'b');
	assert_int_equal(renderheap_used(), used);
	xmlFree(s);
	renderheap_end();
	assert_int_equal(renderheap_used(), 0);
	xmlFree(b);
	xmlFree(c);
	/* The next render starts at the front again. */
	assert_int_equal(renderheap_begin(), 1);
	assert_ptr_equal(xmlMalloc(24), a);
	renderheap_end();
}

/* More than the heap holds: the rest from malloc, freed as such. */
static void
test_full(void **state)
{
	void	*p[80];
	int	 i;

	(void)state;
	assert_int_equal(renderheap_begin(), 1);
	for (i = 0; i < 80; i++)
		assert_non_null(p[i] = xmlMalloc(64 * 1024));
	for (i = 0; i < 80; i++)
		xmlFree(p[i]);
	assert_int_equal(renderheap_pause(), 0);
	renderheap_end();
	/* A render that fits is whole again. */
	assert_int_equal(renderheap_begin(), 1);
	assert_non_null(xmlMalloc(100));
	assert_int_equal(renderheap_pause(), 1);
	renderheap_end();
}

static void *
render_in_thread(void *arg)
{
	char	**out = arg;

	if (renderheap_begin() != 1)
		return NULL;
	*out = xmlMalloc(32);
	renderheap_end();
	return *out;
}

/* Each thread has a heap of its own. */
static void
test_threads(void **state)
{
	pthread_t	 t;
	char		*mine, *theirs = NULL;
	void		*rv;

	(void)state;
	assert_int_equal(renderheap_begin(), 1);
	assert_non_null(mine = xmlMalloc(32));
	assert_int_equal(pthread_create(&t, NULL, render_in_thread,
	    &theirs), 0);
	assert_int_equal(pthread_join(t, &rv), 0);
	assert_non_null(rv);
	assert_true(theirs + 32 <= mine || mine + 32 <= theirs);
	renderheap_end();
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_outside_a_render),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_threads),
	};
	int	 rc;

	if (renderheap_install() != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
