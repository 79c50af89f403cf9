/*
 * Unit tests of the fragment cache (fragment.h): which list bodies may be
 * kept (the load-time check, fragcheck.h), and that a page whose rows come
 * from the cache is byte for byte the page rendered without it, with each
 * row keyed by everything it reads.  Run from the repository root (the
 * render tests compile xsl/page.xsl).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>

#include "fragcheck.h"
#include "fragment.h"
#include "pagecache.h"
#include "render.h"

static const xmlChar	*const path_kinds[] = { BAD_CAST "/page/kinds" };
static const struct fragreads	 kinds_read = { NULL, 0, path_kinds, 1 };

/* 0 when expr passes with v in scope and /page/kinds readable. */
static int
expr_ok(const char *expr, int outer, int is_pattern)
{
	static const char *const	 scope[] = { "v", "show-provider" };
	struct fragcheck		 r;

	return fragcheck_expr(expr, scope, 2, &kinds_read, outer, is_pattern,
	    &r);
}

static void
test_expressions_that_read_only_the_node(void **state)
{
	static const char *const	 ok[] = {
		"@id", "concat(customer/@name, ' (', customer/@ref, ')')",
		"string(@x) != ''", "plan[@state != 'approved']", "$v",
		"a/b/c", "count(x)", "x[position() = 1]", "2 * 3", "@a * @b",
		"/page/kinds/kind[@name = $v]", "self::x", "descendant::y",
		"'/page in a literal'", "\"..\"", "not(@a)", "a | b", "-1",
		"a-b", "$show-provider and @x", ".//x", "*", "@*", "x/*",
		"text()", "substring('none', 1, 4 * not(plan/@state))",
		"current()/@name", "@a div 2", "1.5 mod 2", "x[last()]",
		"format-number(@n, '00')", "/page/kinds",
	};
	size_t				 i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (expr_ok(ok[i], 1, 0) != 0)
			fail_msg("refused: %s", ok[i]);
}

static void
test_expressions_that_read_outside(void **state)
{
	static const char *const	 bad[] = {
		"/page/user/@role", "//x", "..", "../x", "x/..",
		"parent::x", "ancestor::p", "ancestor-or-self::p",
		"following-sibling::x", "preceding::x", "namespace::*",
		"$g", "$v2", "position()", "last()", "position() = 1",
		"key('k', .)", "document('x')", "id('a')", "generate-id()",
		"lang('sv')", "exsl:node-set($v)", "foo:bar()", "(/page)",
		"x | /page", "concat('a', /page/today)", "/page/kindsX",
		"/page/kinds-x", "/page/kinds:x", "/", "'unterminated",
		"@a = /page/x", "x[/page]",
	};
	size_t				 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (expr_ok(bad[i], 1, 0) == 0)
			fail_msg("allowed: %s", bad[i]);
}

/* position() and last() of a list the body makes itself are fine. */
static void
test_position_only_of_the_outer_list(void **state)
{
	(void)state;
	assert_int_equal(expr_ok("position()", 0, 0), 0);
	assert_int_equal(expr_ok("last() - 1", 0, 0), 0);
	assert_int_equal(expr_ok("position()", 1, 0), -1);
}

static void
test_patterns_of_one_step(void **state)
{
	(void)state;
	assert_int_equal(expr_ok("kind[@name = 'plan']", 0, 1), 0);
	assert_int_equal(expr_ok("kind | doc", 0, 1), 0);
	assert_int_equal(expr_ok("kinds/kind", 0, 1), -1);
	assert_int_equal(expr_ok("/", 0, 1), -1);
	assert_int_equal(expr_ok("kind[1]", 0, 1), 0);
	assert_int_equal(expr_ok("kind[position() = 1]", 0, 1), -1);
}

/*
 * A stylesheet whose one list has the body body (and more templates):
 * fragment_prepare's answer.
 */
static int
prepare(const char *vars, const char *body, const char *more)
{
	char			 xsl[4096];
	xmlDocPtr		 doc;
	xsltStylesheetPtr	 sheet;
	int			 n;

	snprintf(xsl, sizeof(xsl),
	    "<xsl:stylesheet version='1.0'"
	    " xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
	    " xmlns:f='urn:insats:fragment' exclude-result-prefixes='f'>"
	    "<xsl:param name='g' select='1'/>"
	    "<xsl:template match='/'><xsl:variable name='outer' select='2'/>"
	    "<ul><xsl:for-each select='page/item' %s>%s</xsl:for-each></ul>"
	    "</xsl:template>%s</xsl:stylesheet>", vars, body, more);
	doc = xmlReadMemory(xsl, (int)strlen(xsl), "test.xsl", NULL, 0);
	assert_non_null(doc);
	sheet = xsltParseStylesheetDoc(doc);
	assert_non_null(sheet);
	n = fragment_prepare(sheet);
	xsltFreeStylesheet(sheet);
	return n;
}

static void
test_bodies_kept_or_refused(void **state)
{
	(void)state;
	assert_int_equal(prepare("f:vars=''", "<li><xsl:value-of select='@n'/>"
	    "</li>", ""), 1);
	/* A variable of its own, in scope after its binding. */
	assert_int_equal(prepare("f:vars=''", "<xsl:variable name='x' "
	    "select='@n'/><li><xsl:value-of select='$x'/></li>", ""), 1);
	/* The outer variable, named or not. */
	assert_int_equal(prepare("f:vars='outer'", "<li><xsl:value-of "
	    "select='$outer'/></li>", ""), 1);
	assert_int_equal(prepare("f:vars=''", "<li><xsl:value-of "
	    "select='$outer'/></li>", ""), -1);
	/* A global parameter is outside too. */
	assert_int_equal(prepare("f:vars=''", "<li><xsl:value-of "
	    "select='$g'/></li>", ""), -1);
	/* Bound in a sibling branch: out of scope where it is read. */
	assert_int_equal(prepare("f:vars=''", "<xsl:if test='@a'><xsl:variable"
	    " name='outer' select='3'/></xsl:if><li><xsl:value-of "
	    "select='$outer'/></li>", ""), -1);
	/* A template it calls reads the page, or the caller's variable. */
	assert_int_equal(prepare("f:vars=''", "<li><xsl:call-template "
	    "name='t'/></li>", "<xsl:template name='t'><xsl:value-of "
	    "select='/page/@x'/></xsl:template>"), -1);
	assert_int_equal(prepare("f:vars='outer'", "<li><xsl:call-template "
	    "name='t'/></li>", "<xsl:template name='t'><xsl:value-of "
	    "select='$outer'/></xsl:template>"), -1);
	assert_int_equal(prepare("f:vars=''", "<li><xsl:call-template "
	    "name='t'><xsl:with-param name='p' select='@n'/>"
	    "</xsl:call-template></li>", "<xsl:template name='t'><xsl:param "
	    "name='p'/><xsl:value-of select='$p'/></xsl:template>"), 1);
	/* Templates it applies, their patterns too. */
	assert_int_equal(prepare("f:vars=''", "<li><xsl:apply-templates "
	    "select='x' mode='m'/></li>", "<xsl:template match='x' mode='m'>"
	    "<xsl:value-of select='../@n'/></xsl:template>"), -1);
	assert_int_equal(prepare("f:vars=''", "<li><xsl:apply-templates "
	    "select='x' mode='m'/></li>", "<xsl:template match='item/x' "
	    "mode='m'>x</xsl:template>"), -1);
	assert_int_equal(prepare("f:vars=''", "<li><xsl:apply-templates "
	    "select='x' mode='m'/></li>", "<xsl:template match='x' mode='m'>"
	    "<xsl:value-of select='@n'/></xsl:template>"), 1);
	/* Instructions that read outside or write outside. */
	assert_int_equal(prepare("f:vars=''", "<li><xsl:number/></li>", ""),
	    -1);
	assert_int_equal(prepare("f:vars=''", "<xsl:attribute name='class'>"
	    "x</xsl:attribute><li/>", ""), -1);
	assert_int_equal(prepare("f:vars=''", "<li><xsl:attribute "
	    "name='class'>x</xsl:attribute></li>", ""), 1);
	assert_int_equal(prepare("f:vars=''", "<li><xsl:value-of "
	    "select='position()'/></li>", ""), -1);
	assert_int_equal(prepare("f:vars=''", "<li><a href='/x/{../@id}'/>"
	    "</li>", ""), -1);
	/* Only /page or /page/NAME as f:nodes. */
	assert_int_equal(prepare("f:nodes='/page/kinds'", "<li><xsl:value-of "
	    "select='/page/kinds/kind/@label'/></li>", ""), 1);
	assert_int_equal(prepare("f:nodes='//kinds'", "<li/>", ""), -1);
}

/* -------------------------------------------------- the rows of a page */

/* A start page of role with three placements of provider prov. */
static void
start_page(struct page *pg, const char *role, const char *prov,
    const char *first_name)
{
	static const char *const	 names[] = { NULL, "Bo Berg", "Cia Dahl" };
	xmlNodePtr			 u, ps, p, k;
	char				 id[8];
	int				 i;

	assert_int_equal(page_new(pg, "start", "r-1"), 0);
	u = page_elem(pg->root, "user");
	page_attr(u, "login", "x");
	page_attr(u, "name", "X");
	page_attr(u, "role", role);
	page_text(pg->root, "csrf", "c");
	k = page_elem(page_elem(pg->root, "kinds"), "kind");
	page_attr(k, "name", "plan");
	page_attr(k, "label", "Genomf\xc3\xb6randeplan");
	ps = page_elem(pg->root, "placements");
	for (i = 0; i < 3; i++) {
		p = page_elem(ps, "placement");
		snprintf(id, sizeof(id), "%d", 10 + i);
		page_attr(p, "id", id);
		page_attr(p, "code", "AMI2");
		page_attr(p, "start", "2026-01-10");
		page_attr(p, "provider", prov);
		u = page_elem(p, "customer");
		page_attr(u, "name", i == 0 ? first_name : names[i]);
		page_attr(u, "ref", "K-1");
		u = page_elem(p, "plan");
		page_attr(u, "state", i == 2 ? "draft" : "submitted");
		page_attr(u, "document", id);
		page_attr(u, "due", "2026-02-01");
	}
	page_attr(pg->root, "status", "200");
}

static char *
render(struct page *pg, size_t *len)
{
	char	*html = render_page(pg, len);

	assert_non_null(html);
	page_free(pg);
	return html;
}

static void
test_rows_kept_are_the_rows_rendered(void **state)
{
	struct page	 pg;
	char		*plain, *first, *again;
	size_t		 l0, l1, l2;
	unsigned long	 h0, m0, h1, m1, h2, m2;

	(void)state;
	fragment_set_rows(0);
	start_page(&pg, "counsellor", "Leverant\xc3\xb6r Q", "Eva Ek");
	plain = render(&pg, &l0);
	fragment_set_rows(4096);
	fragment_stats(&h0, &m0);
	start_page(&pg, "counsellor", "Leverant\xc3\xb6r Q", "Eva Ek");
	first = render(&pg, &l1);
	fragment_stats(&h1, &m1);
	start_page(&pg, "counsellor", "Leverant\xc3\xb6r Q", "Eva Ek");
	again = render(&pg, &l2);
	fragment_stats(&h2, &m2);
	/* The three rows were made, then found. */
	assert_int_equal(h1 - h0, 0);
	assert_int_equal(m1 - m0, 3);
	assert_int_equal(h2 - h1, 3);
	assert_int_equal(l0, l1);
	assert_memory_equal(plain, first, l0);
	assert_int_equal(l0, l2);
	assert_memory_equal(plain, again, l0);
	assert_non_null(strstr(plain, "Leverant\xc3\xb6r Q"));
	xmlFree(plain);
	xmlFree(first);
	xmlFree(again);
}

/* One row changed: that row is made again, the others found. */
static void
test_changed_row_rendered_again(void **state)
{
	struct page	 pg;
	char		*a, *b;
	size_t		 la, lb;
	unsigned long	 h0, m0, h1, m1;

	(void)state;
	fragment_clear();
	start_page(&pg, "counsellor", "Leverant\xc3\xb6r Q", "Eva Ek");
	a = render(&pg, &la);
	fragment_stats(&h0, &m0);
	start_page(&pg, "counsellor", "Leverant\xc3\xb6r Q", "Eva Eklund");
	b = render(&pg, &lb);
	fragment_stats(&h1, &m1);
	assert_int_equal(h1 - h0, 2);
	assert_int_equal(m1 - m0, 1);
	assert_non_null(strstr(b, "Eva Eklund"));
	assert_non_null(strstr(a, "Eva Ek<"));
	assert_null(strstr(b, "Eva Ek<"));
	xmlFree(a);
	xmlFree(b);
}

/*
 * The same placements on a counsellor's page (with the provider column)
 * and a provider's (without, and with "start the plan" links): the rows
 * differ by the variables the list names, so neither takes the other's.
 */
static void
test_rows_of_two_roles_apart(void **state)
{
	struct page	 pg;
	char		*c, *p, *c2, *p0;
	size_t		 lc, lp, lc2, lp0;
	int		 round;

	(void)state;
	fragment_set_rows(0);
	start_page(&pg, "provider", "Leverant\xc3\xb6r Q", "Eva Ek");
	p0 = render(&pg, &lp0);
	fragment_set_rows(4096);
	for (round = 0; round < 2; round++) {
		start_page(&pg, "counsellor", "Leverant\xc3\xb6r Q", "Eva Ek");
		c = render(&pg, &lc);
		start_page(&pg, "provider", "Leverant\xc3\xb6r Q", "Eva Ek");
		p = render(&pg, &lp);
		assert_non_null(strstr(c, "<td>Leverant\xc3\xb6r Q</td>"));
		assert_null(strstr(p, "<td>Leverant\xc3\xb6r Q</td>"));
		assert_int_equal(lp, lp0);
		assert_memory_equal(p, p0, lp0);
		if (round == 1) {
			start_page(&pg, "counsellor", "Leverant\xc3\xb6r Q",
			    "Eva Ek");
			c2 = render(&pg, &lc2);
			assert_int_equal(lc, lc2);
			assert_memory_equal(c, c2, lc);
			xmlFree(c2);
		}
		xmlFree(c);
		xmlFree(p);
	}
	xmlFree(p0);
}

static int
render_setup(void **state)
{
	(void)state;
	pagecache_set_pages(0);
	return render_load("xsl");
}

static int
render_teardown(void **state)
{
	(void)state;
	render_free();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_expressions_that_read_only_the_node),
		cmocka_unit_test(test_expressions_that_read_outside),
		cmocka_unit_test(test_position_only_of_the_outer_list),
		cmocka_unit_test(test_patterns_of_one_step),
		cmocka_unit_test(test_bodies_kept_or_refused),
	};
	const struct CMUnitTest	 render_tests[] = {
		cmocka_unit_test(test_rows_kept_are_the_rows_rendered),
		cmocka_unit_test(test_changed_row_rendered_again),
		cmocka_unit_test(test_rows_of_two_roles_apart),
	};
	int	 rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rc += cmocka_run_group_tests(render_tests, render_setup,
	    render_teardown);
	fragment_thread_clear();
	pagecache_thread_clear();
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
