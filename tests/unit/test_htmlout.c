/*
 * Unit tests of htmlout.c: for every construct it writes, the bytes must
 * be libxml2's own (htmlDocContentDumpFormatOutput, format 0, as
 * xsltSaveResultToString runs it for page.xsl), and for every construct
 * it leaves to libxml2 it must say so.  The last test renders every
 * sample page of tests/data/pages through xsl/page.xsl and compares the
 * two serialisations.  Run from the repository root.
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
#include <libxml/parserInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "htmlout.h"

/* libxml2's serialisation of doc, malloc'd. */
static char *
libxml_html(xmlDocPtr doc)
{
	xmlOutputBufferPtr	 buf = xmlAllocOutputBuffer(NULL);
	char			*s;

	assert_non_null(buf);
	htmlDocContentDumpFormatOutput(buf, doc, "UTF-8", 0);
	xmlOutputBufferFlush(buf);
	s = strdup((const char *)xmlBufContent(buf->buffer));
	xmlOutputBufferClose(buf);
	return s;
}

/* Asserts that htmlout writes doc as libxml2 does. */
static void
assert_same(xmlDocPtr doc)
{
	char	*want = libxml_html(doc), *got = NULL;
	size_t	 len = 0;

	assert_int_equal(htmlout_doc(doc, &got, &len), 0);
	assert_int_equal(len, strlen(got));
	if (strcmp(want, got) != 0)
		fail_msg("libxml2:\n%s\nhtmlout:\n%s", want, got);
	free(want);
	xmlFree(got);
}

/* An HTML result document: DOCTYPE html (about:legacy-compat) + <html>. */
static xmlDocPtr
new_doc(xmlNodePtr *body)
{
	xmlDocPtr	 doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr	 html;

	xmlCreateIntSubset(doc, BAD_CAST "html", NULL,
	    BAD_CAST "about:legacy-compat");
	html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	*body = xmlNewChild(html, NULL, BAD_CAST "body", NULL);
	return doc;
}

static xmlNodePtr
el(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr	 n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

	if (text != NULL)
		xmlAddChild(n, xmlNewText(BAD_CAST text));
	return n;
}

static void
attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

static void
test_htmlout_void_and_empty_elements(void **state)
{
	xmlNodePtr	 body, p;
	xmlDocPtr	 doc = new_doc(&body);

	(void)state;
	/* Void elements, empty elements with and without an end tag. */
	el(body, "br", NULL);
	el(body, "hr", NULL);
	attr(el(body, "input", NULL), "type", "hidden");
	el(body, "p", NULL);
	el(body, "td", NULL);
	el(body, "span", NULL);
	el(body, "textarea", NULL);
	el(body, "unknown-element", NULL);
	el(body, "li", "x");
	el(body, "tbody", NULL);
	el(body, "option", NULL);
	el(body, "colgroup", NULL);
	p = el(body, "p", "före ");
	el(p, "strong", "mitt");
	xmlAddChild(p, xmlNewText(BAD_CAST " efter"));
	xmlAddChild(body, xmlNewComment(BAD_CAST " a comment "));
	assert_same(doc);
	xmlFreeDoc(doc);
	/* An empty <html> and <body>. */
	doc = new_doc(&body);
	assert_same(doc);
	xmlFreeDoc(doc);
}

static void
test_htmlout_text_escaped_as_libxml(void **state)
{
	xmlNodePtr	 body;
	xmlDocPtr	 doc = new_doc(&body);

	(void)state;
	el(body, "p", "a < b > c & d \"e\" 'f' åäö – ▲ \t\n\r end");
	el(body, "p", "&amp; &{x} <!-- no --> ]]>");
	el(body, "p", "");
	assert_same(doc);
	xmlFreeDoc(doc);
}

static void
test_htmlout_attribute_values_escaped_as_libxml(void **state)
{
	xmlNodePtr	 body, n;
	xmlDocPtr	 doc = new_doc(&body);

	(void)state;
	n = el(body, "input", NULL);
	attr(n, "value", "plain");
	attr(n, "title", "with \"double\" quotes");
	attr(n, "alt", "with 'single' quotes");
	attr(n, "placeholder", "both \"double\" and 'single'");
	attr(n, "data-x", "a < b > c & d åäö\ttab\nnewline");
	attr(n, "data-empty", "");
	attr(n, "checked", "checked");
	attr(n, "disabled", "");
	attr(n, "required", "required");
	attr(n, "readonly", "readonly");
	n = el(body, "option", "o");
	attr(n, "selected", "selected");
	assert_same(doc);
	xmlFreeDoc(doc);
}

/* Which attributes are written bare: libxml2's list, and no other. */
static void
test_htmlout_boolean_attributes_bare_as_libxml(void **state)
{
	static const char *const	 names[] = {
		"checked", "compact", "declare", "defer", "disabled", "ismap",
		"multiple", "nohref", "noresize", "noshade", "nowrap",
		"readonly", "selected", "CHECKED", "NoWrap",
		"class", "scope", "role", "rel", "required", "id", "name",
		"method", "maxlength", "rows", "style", "dir", "deferred",
		"checkedx", "c", "s", "media", "min",
	};
	xmlNodePtr	 body, n;
	xmlDocPtr	 doc = new_doc(&body);
	size_t		 i;

	(void)state;
	n = el(body, "input", NULL);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		attr(n, names[i], "v");
	assert_same(doc);
	xmlFreeDoc(doc);
}

static void
test_htmlout_uri_attributes_as_libxml(void **state)
{
	xmlNodePtr	 body, n;
	xmlDocPtr	 doc = new_doc(&body);

	(void)state;
	n = el(body, "a", "1");
	attr(n, "href", "/?page=2&sort=-due");
	n = el(body, "a", "2");
	attr(n, "href", "  #f-activities-activity-2--how");
	attr(n, "name", "x y");
	n = el(body, "a", "3");
	attr(n, "href", "/search?q=åäö \"x\" 'y' [1] {2} |3| ^4 `5` \\6");
	n = el(body, "form", NULL);
	attr(n, "action", "/documents/12/submit");
	n = el(body, "img", NULL);
	attr(n, "src", "");
	attr(n, "name", "not a uri here");
	n = el(body, "link", NULL);
	attr(n, "HREF", "/static/x y.css");
	assert_same(doc);
	xmlFreeDoc(doc);
}

/* What libxml2 writes specially is left to it (-1), never written wrong. */
static void
test_htmlout_leaves_special_values_to_libxml(void **state)
{
	static const char *const	 values[] = {
		"&{script}", "<!--#include virtual=\"x\" -->",
	};
	xmlNodePtr	 body, n;
	xmlDocPtr	 doc;
	char		*html;
	size_t		 len, i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		doc = new_doc(&body);
		attr(el(body, "p", NULL), "title", values[i]);
		assert_int_equal(htmlout_doc(doc, &html, &len), -1);
		xmlFreeDoc(doc);
	}
	doc = new_doc(&body);
	el(body, "script", "a < b");
	assert_int_equal(htmlout_doc(doc, &html, &len), -1);
	xmlFreeDoc(doc);
	doc = new_doc(&body);
	n = el(body, "p", NULL);
	xmlNewNs(n, BAD_CAST "urn:x", BAD_CAST "x");
	assert_int_equal(htmlout_doc(doc, &html, &len), -1);
	xmlFreeDoc(doc);
	doc = new_doc(&body);
	xmlAddChild(body, xmlNewPI(BAD_CAST "pi", BAD_CAST "x"));
	assert_int_equal(htmlout_doc(doc, &html, &len), -1);
	xmlFreeDoc(doc);
}

/*
 * Text marked not to be escaped is written as it is, as libxml2 writes
 * it; an element alone is written as within its page.
 */
static void
test_htmlout_unescaped_text_and_one_element(void **state)
{
	xmlNodePtr	 body, p, t;
	xmlDocPtr	 doc;
	char		*page, *one;
	size_t		 len, n;

	(void)state;
	doc = new_doc(&body);
	p = el(body, "p", "a < b");
	t = xmlNewText(BAD_CAST "<b>&amp; raw</b>");
	t->name = xmlStringTextNoenc;
	xmlAddChild(p, t);
	attr(el(p, "a", "x"), "href", "/a b");
	assert_same(doc);
	assert_int_equal(htmlout_doc(doc, &page, &len), 0);
	assert_int_equal(htmlout_element(p, &one, &n), 0);
	assert_int_equal(n, strlen(one));
	assert_non_null(strstr(page, one));
	assert_string_equal(one,
	    "<p>a &lt; b<b>&amp; raw</b><a href=\"/a%20b\">x</a></p>");
	xmlFree(page);
	xmlFree(one);
	xmlFreeDoc(doc);
}

/* Every sample page through page.xsl: both serialisations alike. */
static void
test_htmlout_sample_pages_same_as_libxml(void **state)
{
	xsltStylesheetPtr	 sheet;
	DIR			*dir;
	struct dirent		*e;
	char			 path[512];
	xmlDocPtr		 in, out;
	xmlChar			*want;
	char			*got;
	size_t			 len;
	int			 size, n = 0;

	(void)state;
	assert_non_null(sheet = xsltParseStylesheetFile(BAD_CAST "xsl/page.xsl"));
	assert_non_null(dir = opendir("tests/data/pages"));
	while ((e = readdir(dir)) != NULL) {
		if (strstr(e->d_name, ".xml") == NULL)
			continue;
		snprintf(path, sizeof(path), "tests/data/pages/%s", e->d_name);
		assert_non_null(in = xmlReadFile(path, NULL, XML_PARSE_NONET));
		assert_non_null(out = xsltApplyStylesheet(sheet, in, NULL));
		assert_int_equal(xsltSaveResultToString(&want, &size, out,
		    sheet), 0);
		/* xsltSaveResultToString has set the meta already. */
		assert_int_equal(htmlout_doc(out, &got, &len), 0);
		assert_int_equal(len, (size_t)size);
		if (memcmp(want, got, len) != 0)
			fail_msg("%s differs", e->d_name);
		xmlFree(want);
		xmlFree(got);
		xmlFreeDoc(out);
		xmlFreeDoc(in);
		n++;
	}
	closedir(dir);
	assert_true(n >= 10);
	xsltFreeStylesheet(sheet);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_htmlout_void_and_empty_elements),
		cmocka_unit_test(test_htmlout_text_escaped_as_libxml),
		cmocka_unit_test(test_htmlout_attribute_values_escaped_as_libxml),
		cmocka_unit_test(test_htmlout_boolean_attributes_bare_as_libxml),
		cmocka_unit_test(test_htmlout_uri_attributes_as_libxml),
		cmocka_unit_test(test_htmlout_leaves_special_values_to_libxml),
		cmocka_unit_test(test_htmlout_unescaped_text_and_one_element),
		cmocka_unit_test(test_htmlout_sample_pages_same_as_libxml),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
