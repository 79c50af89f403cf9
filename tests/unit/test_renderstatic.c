/*
 * Unit tests of renderstatic.c: a stylesheet whose static subtrees were
 * written once gives the same bytes as the stylesheet as compiled, and
 * nothing is replaced where the output becomes a string.  The last test
 * renders every sample page of tests/data/pages through xsl/page.xsl both
 * ways.  Run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "htmlout.h"
#include "renderstatic.h"

static const char	 sheet_xsl[] =
    "<xsl:stylesheet version='1.0'"
    " xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
    "<xsl:output method='html' encoding='UTF-8' indent='no'"
    " doctype-system='about:legacy-compat'/>"
    "<xsl:template match='/'>"
    "<html><head><meta http-equiv='Content-Type'"
    " content='text/html; charset=UTF-8'/><title>t</title></head><body>"
    "<table class='x'><thead><tr><th scope='col'>A &amp; B &lt;</th>"
    "</tr></thead></table>"
    "<xsl:variable name='v'><b>bold</b><xsl:call-template name='called'/>"
    "</xsl:variable>"
    "<p id='v'><xsl:value-of select='$v'/></p>"
    "<p title='{r/@a}'><i>static in dynamic</i><xsl:value-of select='r/@a'/>"
    "<a href='/x y?q=1&amp;r=2'>link</a><input type='checkbox'"
    " checked='checked'/><br/></p>"
    "<xsl:apply-templates select='r' mode='list'/>"
    "<a><xsl:attribute name='title'><xsl:apply-templates select='r'"
    " mode='in-attr'/></xsl:attribute>x</a>"
    "</body></html>"
    "</xsl:template>"
    "<xsl:template name='called'><em>called</em></xsl:template>"
    "<xsl:template match='r' mode='list'><ul><li>one</li><li>two</li></ul>"
    "</xsl:template>"
    "<xsl:template match='r' mode='in-attr'><span>in attr</span>"
    "</xsl:template>"
    "</xsl:stylesheet>";

static xsltStylesheetPtr
sheet_of(const char *xsl)
{
	xmlDocPtr		 doc;
	xsltStylesheetPtr	 s;

	assert_non_null(doc = xmlReadMemory(xsl, (int)strlen(xsl), "t.xsl",
	    NULL, 0));
	assert_non_null(s = xsltParseStylesheetDoc(doc));
	return s;
}

/* The page of in through sheet, as render.c serialises it. */
static char *
render(xsltStylesheetPtr sheet, xmlDocPtr in, size_t *len)
{
	xmlDocPtr	 out;
	char		*html;

	assert_non_null(out = xsltApplyStylesheet(sheet, in, NULL));
	htmlSetMetaEncoding(out, BAD_CAST "UTF-8");
	assert_int_equal(htmlout_doc(out, &html, len), 0);
	xmlFreeDoc(out);
	return html;
}

static void
test_same_bytes_strings_kept(void **state)
{
	xsltStylesheetPtr	 plain = sheet_of(sheet_xsl);
	xsltStylesheetPtr	 fast = sheet_of(sheet_xsl);
	xmlDocPtr		 in = xmlReadMemory("<r a='1'/>", 10, NULL, NULL, 0);
	char			*a, *b;
	size_t			 la, lb;

	(void)state;
	/* title, the table, the i, a and br in the dynamic p, the list. */
	assert_int_equal(renderstatic_rewrite(fast), 7);
	a = render(plain, in, &la);
	b = render(fast, in, &lb);
	if (la != lb || memcmp(a, b, la) != 0)
		fail_msg("compiled:\n%s\nrewritten:\n%s", a, b);
	/* The variable's string and the attribute kept their text only. */
	assert_non_null(strstr(b, "<p id=\"v\">boldcalled</p>"));
	assert_non_null(strstr(b, "title=\"in attr\""));
	xmlFree(a);
	xmlFree(b);
	xmlFreeDoc(in);
	xsltFreeStylesheet(plain);
	xsltFreeStylesheet(fast);
}

/* Every sample page through page.xsl, as compiled and rewritten. */
static void
test_sample_pages(void **state)
{
	xsltStylesheetPtr	 plain, fast;
	DIR			*dir;
	struct dirent		*e;
	char			 path[512], *a, *b;
	xmlDocPtr		 in;
	size_t			 la, lb;
	int			 n = 0;

	(void)state;
	assert_non_null(plain = xsltParseStylesheetFile(BAD_CAST "xsl/page.xsl"));
	assert_non_null(fast = xsltParseStylesheetFile(BAD_CAST "xsl/page.xsl"));
	assert_true(renderstatic_rewrite(fast) > 100);
	assert_non_null(dir = opendir("tests/data/pages"));
	while ((e = readdir(dir)) != NULL) {
		if (strstr(e->d_name, ".xml") == NULL)
			continue;
		snprintf(path, sizeof(path), "tests/data/pages/%s", e->d_name);
		assert_non_null(in = xmlReadFile(path, NULL, XML_PARSE_NONET));
		a = render(plain, in, &la);
		b = render(fast, in, &lb);
		if (la != lb || memcmp(a, b, la) != 0)
			fail_msg("%s differs", e->d_name);
		xmlFree(a);
		xmlFree(b);
		xmlFreeDoc(in);
		n++;
	}
	closedir(dir);
	assert_true(n >= 10);
	xsltFreeStylesheet(plain);
	xsltFreeStylesheet(fast);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_bytes_strings_kept),
		cmocka_unit_test(test_sample_pages),
	};
	int	 rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
