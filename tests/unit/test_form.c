/*
 * Unit tests of form: url-encoded parsing (escapes, CRLF, limits, text
 * checks) and the generic form -> XML mapping on the real plan template
 * (schemas/templates/plan.xml; run from the repository root).  Results
 * are checked with XPath, independently of form.c's own path walker.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/xpath.h>

#include "form.h"
#include "xmldoc.h"

#define TEMPLATE "schemas/templates/plan.xml"

static xmlDocPtr	 tmpl;

static int
setup(void **state)
{
	(void)state;
	xmldoc_init();
	tmpl = xmldoc_parse_file(TEMPLATE);
	return tmpl == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	xmlFreeDoc(tmpl);
	xmlCleanupParser();
	return 0;
}

/* form_parse over a C string; returns its result. */
static int
parse(struct form *f, const char *s)
{
	return form_parse(f, s, strlen(s));
}

/* Asserts that s is refused and leaves the form empty; no return. */
static void
assert_refused(const char *s, size_t len)
{
	struct form	 f;

	memset(&f, 0xa5, sizeof(f));
	if (form_parse(&f, s, len) != -1)
		fail_msg("accepted: \"%.*s\"", (int)(len > 80 ? 80 : len), s);
	assert_int_equal(f.n, 0);
	assert_null(f.fields);
	form_free(&f);	/* harmless on an empty form */
}

#define REFUSED(s) assert_refused((s), strlen(s))

/* Asserts that s parses to exactly one field name=value; no return. */
static void
assert_one(const char *s, const char *name, const char *value)
{
	struct form	 f;

	if (parse(&f, s) != 0)
		fail_msg("refused: \"%s\"", s);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.fields[0].name, name);
	assert_string_equal(f.fields[0].value, value);
	form_free(&f);
}

/* Number of nodes xpath selects in doc. */
static int
count(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr	 ctx;
	xmlXPathObjectPtr	 obj;
	int			 n;

	ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	obj = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	assert_non_null(obj);
	n = obj->nodesetval ? obj->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return n;
}

/*
 * Asserts that xpath selects exactly one element and that its text is
 * want; no return.
 */
static void
assert_text(xmlDocPtr doc, const char *xpath, const char *want)
{
	xmlXPathContextPtr	 ctx;
	xmlXPathObjectPtr	 obj;
	xmlChar			*got;

	ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	obj = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	assert_non_null(obj);
	if (obj->nodesetval == NULL || obj->nodesetval->nodeNr != 1)
		fail_msg("%s selects %d nodes", xpath,
		    obj->nodesetval ? obj->nodesetval->nodeNr : 0);
	got = xmlNodeGetContent(obj->nodesetval->nodeTab[0]);
	if (got == NULL || strcmp((const char *)got, want) != 0)
		fail_msg("%s is \"%s\", want \"%s\"", xpath,
		    got ? (const char *)got : "(null)", want);
	xmlFree(got);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
}

/* form_to_xml on the template for body; the document or NULL. */
static xmlDocPtr
build(const char *body, const char *const *skip)
{
	struct form	 f;
	xmlDocPtr	 doc;

	if (parse(&f, body) != 0)
		fail_msg("form refused: %s", body);
	doc = form_to_xml(&f, tmpl, skip);
	form_free(&f);
	return doc;
}

static void
test_form_parse_pairs(void **state)
{
	struct form	 f;

	(void)state;
	assert_int_equal(parse(&f, "goal=Arbete&followUp=2024-04-15"), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.fields[0].name, "goal");
	assert_string_equal(f.fields[0].value, "Arbete");
	assert_string_equal(f.fields[1].name, "followUp");
	assert_string_equal(f.fields[1].value, "2024-04-15");
	assert_string_equal(form_get(&f, "followUp"), "2024-04-15");
	assert_null(form_get(&f, "nosuch"));
	assert_null(form_get(&f, "goa"));
	form_free(&f);
	assert_int_equal(f.n, 0);
	assert_null(f.fields);

	/* form_get answers the first of repeated names. */
	assert_int_equal(parse(&f, "a=1&a=2&b=3"), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(form_get(&f, "a"), "1");
	form_free(&f);
}

static void
test_form_parse_plus_and_escapes(void **state)
{
	(void)state;
	assert_one("a+b=c+d++e", "a b", "c d  e");
	assert_one("n=%2B%26%3D%25", "n", "+&=%");
	assert_one("n=%41%62%7e%7E", "n", "Ab~~");
	assert_one("%67oal=x", "goal", "x");
	/* UTF-8 written as escapes and as raw bytes. */
	assert_one("n=K%C3%A5ren+%E2%82%AC", "n", "K\xc3\xa5ren \xe2\x82\xac");
	assert_one("n=\xc3\xa4\xf0\x9f\x98\x80", "n", "\xc3\xa4\xf0\x9f\x98\x80");
	/* '=' after the first one belongs to the value. */
	assert_one("n=a=b", "n", "a=b");
	/* An escaped '&' does not split the pair. */
	assert_one("n=a%26b=c", "n", "a&b=c");
}

static void
test_form_parse_crlf(void **state)
{
	(void)state;
	assert_one("t=a%0D%0Ab%0D%0A%0D%0Ac", "t", "a\nb\n\nc");
	assert_one("t=a\r\nb", "t", "a\nb");
	assert_one("t=a%0Ab%09c", "t", "a\nb\tc");
	/* A lone CR is a control character. */
	REFUSED("t=a%0Db");
	REFUSED("t=a%0D");
	REFUSED("t=%0D%0D%0A");
	/* A newline in a name is refused. */
	REFUSED("a%0Ab=1");
	REFUSED("a%0D%0Ab=1");
}

static void
test_form_parse_empty(void **state)
{
	struct form	 f;

	(void)state;
	assert_int_equal(parse(&f, ""), 0);
	assert_int_equal(f.n, 0);
	form_free(&f);
	assert_int_equal(parse(&f, "&&&"), 0);
	assert_int_equal(f.n, 0);
	form_free(&f);

	assert_int_equal(parse(&f, "&a=&&b=2&"), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.fields[0].name, "a");
	assert_string_equal(f.fields[0].value, "");
	assert_string_equal(form_get(&f, "b"), "2");
	form_free(&f);

	/* A name without '=' has an empty value. */
	assert_one("_add", "_add", "");
	assert_int_equal(parse(&f, "x&y=1&z"), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(form_get(&f, "x"), "");
	assert_string_equal(form_get(&f, "z"), "");
	form_free(&f);

	/* An empty name is not. */
	REFUSED("=value");
	REFUSED("a=1&=2");
	REFUSED("=");
}

/*
 * An empty input (every GET without a query) allocates nothing, and the
 * empty form behaves as any form without fields.
 */
static void
test_form_parse_empty_free(void **state)
{
	struct form		 f;
	struct mallinfo2	 before, after;
	xmlDocPtr		 doc;
	xmlChar			*a, *b;
	int			 na, nb;

	(void)state;
	memset(&f, 0xa5, sizeof(f));
	/* malloc's own count (ASan's allocator leaves it as it is). */
	before = mallinfo2();
	assert_int_equal(form_parse(&f, "", 0), 0);
	after = mallinfo2();
	assert_int_equal(after.uordblks, before.uordblks);
	assert_null(f.fields);
	assert_int_equal(f.n, 0);
	assert_null(form_get(&f, "a"));
	assert_null(form_get(&f, ""));
	/* No field: the template as it is. */
	doc = form_to_xml(&f, tmpl, NULL);
	assert_non_null(doc);
	xmlDocDumpMemory(doc, &a, &na);
	xmlDocDumpMemory(tmpl, &b, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, (size_t)na);
	xmlFree(a);
	xmlFree(b);
	xmlFreeDoc(doc);
	form_free(&f);
	form_free(&f);
	assert_null(f.fields);

	/* A request without a body passes NULL. */
	memset(&f, 0xa5, sizeof(f));
	assert_int_equal(form_parse(&f, NULL, 0), 0);
	assert_null(f.fields);
	assert_int_equal(f.n, 0);
	form_free(&f);

	/* The next input after an empty one is parsed as ever. */
	assert_int_equal(parse(&f, "a=1"), 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(form_get(&f, "a"), "1");
	form_free(&f);
	assert_null(f.fields);
	assert_int_equal(f.n, 0);
}

/*
 * The table is as large as the input needs (ASan reads past a short one):
 * one field, fields after and between empty pairs, and the limit reached
 * after more '&' than fields.
 */
static void
test_form_parse_table_size(void **state)
{
	struct form	 f;
	char		*s, *amps;
	size_t		 i;

	(void)state;
	assert_one("a=1", "a", "1");
	assert_int_equal(parse(&f, "a=1&b=2&c=3"), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.fields[2].name, "c");
	assert_string_equal(f.fields[2].value, "3");
	form_free(&f);
	assert_int_equal(parse(&f, "&&&a=1&&b&"), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.fields[1].name, "b");
	form_free(&f);

	/* FORM_FIELDS_MAX + 100 empty pairs, then the fields. */
	amps = malloc(FORM_FIELDS_MAX + 101);
	assert_non_null(amps);
	memset(amps, '&', FORM_FIELDS_MAX + 100);
	amps[FORM_FIELDS_MAX + 100] = '\0';
	s = malloc(strlen(amps) + FORM_FIELDS_MAX * 5 + 1);
	assert_non_null(s);
	strcpy(s, amps);
	for (i = 0; i < FORM_FIELDS_MAX; i++)
		strcat(s, i == 0 ? "a=1" : "&a=1");
	assert_int_equal(parse(&f, s), 0);
	assert_int_equal(f.n, FORM_FIELDS_MAX);
	assert_string_equal(f.fields[FORM_FIELDS_MAX - 1].value, "1");
	form_free(&f);
	strcat(s, "&b=2");
	REFUSED(s);
	free(s);
	free(amps);
}

static void
test_form_parse_bad_escapes(void **state)
{
	(void)state;
	REFUSED("n=%zz");
	REFUSED("n=%g1");
	REFUSED("n=%1g");
	REFUSED("n=%");
	REFUSED("n=%0");
	REFUSED("n=a%");
	REFUSED("n=a%4");
	REFUSED("%=1");
	REFUSED("n%=1");
	REFUSED("n%4=1");
	REFUSED("n=%%41");
	REFUSED("n=% 41");
	REFUSED("ok=1&n=%x");
}

static void
test_form_parse_nul(void **state)
{
	static const char raw[] = "a=1&b=x\0y";

	(void)state;
	REFUSED("n=%00");
	REFUSED("n=a%00b");
	REFUSED("%00=1");
	/* A raw NUL byte inside the body. */
	assert_refused(raw, sizeof(raw) - 1);
	assert_refused("\0", 1);
}

static void
test_form_parse_controls(void **state)
{
	char	 buf[32];
	int	 c;

	(void)state;
	for (c = 1; c < 0x20; c++) {
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		snprintf(buf, sizeof(buf), "n=a%%%02Xb", c);
		REFUSED(buf);
		snprintf(buf, sizeof(buf), "n%%%02X=1", c);
		REFUSED(buf);
		snprintf(buf, sizeof(buf), "n=a%cb", c);	/* raw */
		REFUSED(buf);
	}
	REFUSED("n=%7F");
	REFUSED("n=\x7f");
	REFUSED("n%09=1x%7F");
	/* Tab is fine in a value. */
	assert_one("n=%09", "n", "\t");
}

static void
test_form_parse_bad_utf8(void **state)
{
	(void)state;
	REFUSED("n=%C3");		/* truncated */
	REFUSED("n=%C3x");
	REFUSED("n=%E2%82");
	REFUSED("n=%FF");
	REFUSED("n=%FE");
	REFUSED("n=%80");		/* lone continuation */
	REFUSED("n=\xe5");		/* Latin-1 'å' */
	REFUSED("%E5=1");
	REFUSED("n=%C0%AF");		/* overlong '/' */
	REFUSED("n=%C0%BC");		/* overlong '<' */
	REFUSED("n=%C1%BF");
	REFUSED("n=%E0%80%80");
	REFUSED("n=%F0%80%80%80");
	REFUSED("n=%ED%A0%80");		/* UTF-16 surrogate */
	REFUSED("n=%ED%BF%BF");
	REFUSED("n=%EF%BF%BE");		/* U+FFFE, not an XML character */
	REFUSED("n=%EF%BF%BF");
	REFUSED("n=%F4%90%80%80");	/* beyond U+10FFFF */
	REFUSED("n=%F8%88%80%80%80");
	/* The edges that are valid. */
	assert_one("n=%C2%80", "n", "\xc2\x80");
	assert_one("n=%ED%9F%BF", "n", "\xed\x9f\xbf");
	assert_one("n=%EE%80%80", "n", "\xee\x80\x80");
	assert_one("n=%EF%BF%BD", "n", "\xef\xbf\xbd");
	assert_one("n=%F4%8F%BF%BF", "n", "\xf4\x8f\xbf\xbf");
	assert_int_equal(form_text_ok("K\xc3\xa5ren\n\t"), 1);
	assert_int_equal(form_text_ok("\xc3"), 0);
	assert_int_equal(form_text_ok(""), 1);
}

/* A malloc'd body "prefix" followed by n times unit; caller frees. */
static char *
repeat(const char *prefix, const char *unit, size_t n)
{
	size_t	 plen = strlen(prefix), ulen = strlen(unit), i;
	char	*s;

	s = malloc(plen + ulen * n + 1);
	assert_non_null(s);
	memcpy(s, prefix, plen);
	for (i = 0; i < n; i++)
		memcpy(s + plen + i * ulen, unit, ulen);
	s[plen + ulen * n] = '\0';
	return s;
}

static void
test_form_parse_limits(void **state)
{
	struct form	 f;
	char		*s, *name;

	(void)state;
	/* A name of FORM_NAME_MAX bytes passes, one more does not. */
	name = repeat("", "a", FORM_NAME_MAX);
	s = repeat(name, "=1", 1);
	assert_int_equal(parse(&f, s), 0);
	assert_int_equal(strlen(f.fields[0].name), FORM_NAME_MAX);
	form_free(&f);
	free(s);
	s = repeat(name, "b=1", 1);
	REFUSED(s);
	free(s);
	free(name);
	/* Escapes count after decoding. */
	s = repeat("", "%61", FORM_NAME_MAX + 1);
	REFUSED(s);
	free(s);

	/* Values: FORM_VALUE_MAX bytes, raw or escaped. */
	s = repeat("v=", "x", FORM_VALUE_MAX);
	assert_int_equal(parse(&f, s), 0);
	assert_int_equal(strlen(f.fields[0].value), FORM_VALUE_MAX);
	form_free(&f);
	free(s);
	s = repeat("v=", "%78", FORM_VALUE_MAX);
	assert_int_equal(parse(&f, s), 0);
	assert_int_equal(strlen(f.fields[0].value), FORM_VALUE_MAX);
	form_free(&f);
	free(s);
	s = repeat("v=", "x", FORM_VALUE_MAX + 1);
	REFUSED(s);
	free(s);
	s = repeat("v=", "%78", FORM_VALUE_MAX + 1);
	REFUSED(s);
	free(s);
	s = repeat("v=", "x", FORM_VALUE_MAX * 3 + 1);
	REFUSED(s);
	free(s);
}

static void
test_form_parse_too_many(void **state)
{
	struct form	 f;
	char		*s;

	(void)state;
	s = repeat("a=1", "&a=1", FORM_FIELDS_MAX - 1);
	assert_int_equal(parse(&f, s), 0);
	assert_int_equal(f.n, FORM_FIELDS_MAX);
	form_free(&f);
	free(s);
	s = repeat("a=1", "&a=1", FORM_FIELDS_MAX);
	REFUSED(s);
	free(s);
	/* Empty pairs are not fields and do not count. */
	s = repeat("a=1", "&&a", FORM_FIELDS_MAX - 1);
	assert_int_equal(parse(&f, s), 0);
	assert_int_equal(f.n, FORM_FIELDS_MAX);
	form_free(&f);
	free(s);
}

static void
test_form_xml_simple(void **state)
{
	xmlDocPtr	 doc;

	(void)state;
	doc = build("goal=Ett+jobb&scope/extent=parttime&"
	    "scope/parttimeReason=H%C3%A4lsa&followUp=2024-04-15&"
	    "signatures/provider/signedBy=Anna", NULL);
	assert_non_null(doc);
	assert_text(doc, "/plan/goal", "Ett jobb");
	assert_text(doc, "/plan/scope/extent", "parttime");
	assert_text(doc, "/plan/scope/parttimeReason", "H\xc3\xa4lsa");
	assert_text(doc, "/plan/followUp", "2024-04-15");
	assert_text(doc, "/plan/signatures/provider/signedBy", "Anna");
	/* Untouched fields keep the template's content. */
	assert_text(doc, "/plan/signatures/customer/signedBy", "");
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 1);
	assert_int_equal(count(doc, "/plan/activities/activity"), 1);
	xmlFreeDoc(doc);
	/* The template itself is not changed. */
	assert_text(tmpl, "/plan/goal", "");
	assert_text(tmpl, "/plan/scope/extent", "fulltime");
	/* A later value for the same field replaces the earlier one. */
	doc = build("goal=a&goal=b", NULL);
	assert_non_null(doc);
	assert_text(doc, "/plan/goal", "b");
	assert_int_equal(count(doc, "/plan/goal/text()"), 1);
	xmlFreeDoc(doc);
	/* An empty value empties the template's text. */
	doc = build("scope/extent=", NULL);
	assert_non_null(doc);
	assert_text(doc, "/plan/scope/extent", "");
	xmlFreeDoc(doc);
}

static void
test_form_xml_rows(void **state)
{
	xmlDocPtr	 doc;

	(void)state;
	doc = build("subgoals/subgoal[1]=A&subgoals/subgoal[2]=B&"
	    "subgoals/subgoal[3]=C&activities/activity[1]/what=W1&"
	    "activities/activity[1]/how=H1&activities/activity[1]/when=V1&"
	    "activities/activity[2]/how=H2", NULL);
	assert_non_null(doc);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 3);
	assert_text(doc, "/plan/subgoals/subgoal[1]", "A");
	assert_text(doc, "/plan/subgoals/subgoal[2]", "B");
	assert_text(doc, "/plan/subgoals/subgoal[3]", "C");
	/* Row 2 is a clone of row 1 with its text cleared. */
	assert_int_equal(count(doc, "/plan/activities/activity"), 2);
	assert_int_equal(count(doc, "/plan/activities/activity[2]/*"), 3);
	assert_text(doc, "/plan/activities/activity[2]/what", "");
	assert_text(doc, "/plan/activities/activity[2]/how", "H2");
	assert_text(doc, "/plan/activities/activity[2]/when", "");
	assert_text(doc, "/plan/activities/activity[1]/what", "W1");
	assert_text(doc, "/plan/activities/activity[1]/when", "V1");
	/* Rows stay in place: activities come before scope. */
	assert_int_equal(count(doc,
	    "/plan/scope/preceding-sibling::activities"), 1);
	xmlFreeDoc(doc);

	/* Rows in any order of the fields. */
	doc = build("subgoals/subgoal[2]=B&subgoals/subgoal[1]=A", NULL);
	assert_non_null(doc);
	assert_text(doc, "/plan/subgoals/subgoal[1]", "A");
	assert_text(doc, "/plan/subgoals/subgoal[2]", "B");
	xmlFreeDoc(doc);
}

static void
test_form_xml_index_gap(void **state)
{
	xmlDocPtr	 doc;

	(void)state;
	doc = build("subgoals/subgoal[1]=A&subgoals/subgoal[4]=D&"
	    "activities/activity[3]/what=W3", NULL);
	assert_non_null(doc);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 4);
	assert_text(doc, "/plan/subgoals/subgoal[2]", "");
	assert_text(doc, "/plan/subgoals/subgoal[3]", "");
	assert_text(doc, "/plan/subgoals/subgoal[4]", "D");
	assert_int_equal(count(doc, "/plan/activities/activity"), 3);
	assert_int_equal(count(doc, "/plan/activities/activity/what"), 3);
	assert_text(doc, "/plan/activities/activity[1]/what", "");
	assert_text(doc, "/plan/activities/activity[3]/what", "W3");
	xmlFreeDoc(doc);
}

static void
test_form_xml_unknown(void **state)
{
	static const char *const bad[] = {
		"nosuch=1", "plan=1", "plan/goal=1", "subgoals/nosuch=1",
		"goal/x=1", "goal/=1", "/goal=1", "goal//x=1",
		"subgoals//subgoal=1", "subgoals/subgoal[0]=1",
		"subgoals/subgoal[101]=1", "subgoals/subgoal[x]=1",
		"subgoals/subgoal[]=1", "subgoals/subgoal[1=1",
		"subgoals/subgoal1]=1", "subgoals/subgoal[-1]=1",
		"subgoals/subgoal[99999999999999999999]=1",
		"sub+goals/subgoal=1", "1goal=1", "go-al=1", "g%C3%B6al=1",
		"activities/activity[1]/what/x=1", "followup=1", "GOAL=1",
		"goal=ok&nosuch=1", NULL
	};
	size_t		 i;
	xmlDocPtr	 doc;

	(void)state;
	for (i = 0; bad[i] != NULL; i++)
		if ((doc = build(bad[i], NULL)) != NULL) {
			xmlFreeDoc(doc);
			fail_msg("accepted %s", bad[i]);
		}
}

static void
test_form_xml_non_leaf(void **state)
{
	static const char *const bad[] = {
		"subgoals=1", "activities=1", "activities/activity=1",
		"activities/activity[1]=1", "activities/activity[2]=1",
		"scope=1", "signatures=1", "signatures/customer=1", NULL
	};
	size_t		 i;
	xmlDocPtr	 doc;

	(void)state;
	for (i = 0; bad[i] != NULL; i++)
		if ((doc = build(bad[i], NULL)) != NULL) {
			xmlFreeDoc(doc);
			fail_msg("accepted %s", bad[i]);
		}
}

static void
test_form_xml_literal_text(void **state)
{
	static const char want[] =
	    "a & b <c>&amp; &lt;/goal> <![CDATA[x]]> <!-- y --> &#65;";
	xmlDocPtr	 doc, again;
	const char	*why;
	char		*xml;
	size_t		 len;

	(void)state;
	doc = build("goal=a+%26+b+%3Cc%3E%26amp%3B+%26lt%3B%2Fgoal%3E+"
	    "%3C!%5BCDATA%5Bx%5D%5D%3E+%3C!--+y+--%3E+%26%2365%3B", NULL);
	assert_non_null(doc);
	assert_text(doc, "/plan/goal", want);
	/* One text node, no markup made of it. */
	assert_int_equal(count(doc, "/plan/goal/node()"), 1);
	assert_int_equal(count(doc, "/plan/goal/text()"), 1);
	assert_int_equal(count(doc, "//c"), 0);
	/* Serialised and read back, it is the same text. */
	xml = xmldoc_serialize(doc, &len);
	assert_non_null(xml);
	assert_null(strstr(xml, "<c>"));
	again = xmldoc_parse_untrusted(xml, len, &why);
	assert_non_null(again);
	assert_text(again, "/plan/goal", want);
	assert_int_equal(count(again, "/plan/*"), count(tmpl, "/plan/*"));
	xmlFreeDoc(again);
	free(xml);
	xmlFreeDoc(doc);
}

static void
test_form_xml_skips_control_fields(void **state)
{
	static const char *const skip[] = { "title", "comment", NULL };
	xmlDocPtr	 doc;

	(void)state;
	doc = build("_csrf=abc&_action=save&_add=subgoals%2Fsubgoal&"
	    "title=Plan&comment=hej&goal=G", skip);
	assert_non_null(doc);
	assert_text(doc, "/plan/goal", "G");
	assert_int_equal(count(doc, "//title|//comment|//_csrf"), 0);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 1);
	xmlFreeDoc(doc);
	/* Without the skip list a control-free unknown name is refused. */
	assert_null(build("title=Plan&goal=G", NULL));
	/* Only a leading '_' marks a control field. */
	assert_null(build("goal_=1", skip));
}

/* A copy of the template with the first subgoal and activity filled. */
static xmlDocPtr
filled(void)
{
	xmlDocPtr	 doc;

	doc = build("subgoals/subgoal[1]=S1&activities/activity[1]/what=W1&"
	    "activities/activity[2]/what=W2&activities/activity[3]/what=W3",
	    NULL);
	assert_non_null(doc);
	return doc;
}

static void
test_form_add_row(void **state)
{
	xmlDocPtr	 doc = filled();

	(void)state;
	assert_int_equal(form_add_row(doc, "subgoals/subgoal", 3), 0);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 2);
	assert_text(doc, "/plan/subgoals/subgoal[1]", "S1");
	assert_text(doc, "/plan/subgoals/subgoal[2]", "");
	assert_int_equal(form_add_row(doc, "subgoals/subgoal", 3), 0);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 3);
	/* At the maximum nothing more is added. */
	assert_int_equal(form_add_row(doc, "subgoals/subgoal", 3), 0);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 3);
	assert_int_equal(form_add_row(doc, "subgoals/subgoal", 1), 0);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 3);

	/* A row with children: cleared clone after the last row. */
	assert_int_equal(form_add_row(doc, "activities/activity", 30), 0);
	assert_int_equal(count(doc, "/plan/activities/activity"), 4);
	assert_int_equal(count(doc, "/plan/activities/activity[4]/*"), 3);
	assert_text(doc, "/plan/activities/activity[4]", "");
	assert_text(doc, "/plan/activities/activity[3]/what", "W3");

	assert_int_equal(form_add_row(doc, "nosuch/row", 30), -1);
	assert_int_equal(form_add_row(doc, "subgoals/nosuch", 30), -1);
	assert_int_equal(form_add_row(doc, "subgoals/", 30), -1);
	assert_int_equal(form_add_row(doc, "", 30), -1);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 3);
	xmlFreeDoc(doc);
}

static void
test_form_remove_row(void **state)
{
	xmlDocPtr	 doc = filled();

	(void)state;
	assert_int_equal(count(doc, "/plan/activities/activity"), 3);
	assert_int_equal(form_remove_row(doc, "activities/activity[2]"), 0);
	assert_int_equal(count(doc, "/plan/activities/activity"), 2);
	assert_text(doc, "/plan/activities/activity[1]/what", "W1");
	assert_text(doc, "/plan/activities/activity[2]/what", "W3");
	assert_int_equal(form_remove_row(doc, "activities/activity[3]"), -1);
	assert_int_equal(form_remove_row(doc, "activities/activity[1]"), 0);
	assert_text(doc, "/plan/activities/activity/what", "W3");
	/* The last row is cleared, not removed. */
	assert_int_equal(form_remove_row(doc, "activities/activity[1]"), 0);
	assert_int_equal(count(doc, "/plan/activities/activity"), 1);
	assert_int_equal(count(doc, "/plan/activities/activity/*"), 3);
	assert_text(doc, "/plan/activities/activity", "");
	assert_int_equal(form_remove_row(doc, "subgoals/subgoal"), 0);
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 1);
	assert_text(doc, "/plan/subgoals/subgoal", "");

	assert_int_equal(form_remove_row(doc, "nosuch[1]"), -1);
	assert_int_equal(form_remove_row(doc, "subgoals/subgoal[2]"), -1);
	assert_int_equal(form_remove_row(doc, ""), -1);	/* the root */
	assert_int_equal(count(doc, "/plan"), 1);
	xmlFreeDoc(doc);
}

static void
test_form_prune_drops_blank_rows(void **state)
{
	xmlDocPtr	 doc;

	(void)state;
	doc = build("goal=G&subgoals/subgoal[1]=S1&subgoals/subgoal[2]=+%0A%09&"
	    "subgoals/subgoal[3]=S3&activities/activity[2]/how=+", NULL);
	assert_non_null(doc);
	form_prune(doc);
	assert_text(doc, "/plan/goal", "G");
	/* Blank rows go, filled ones stay in order. */
	assert_int_equal(count(doc, "/plan/subgoals/subgoal"), 2);
	assert_text(doc, "/plan/subgoals/subgoal[1]", "S1");
	assert_text(doc, "/plan/subgoals/subgoal[2]", "S3");
	/* Containers left empty go too. */
	assert_int_equal(count(doc, "/plan/activities"), 0);
	assert_int_equal(count(doc, "/plan/signatures"), 0);
	assert_int_equal(count(doc, "/plan/followUp"), 0);
	assert_int_equal(count(doc, "/plan/scope/parttimeReason"), 0);
	assert_text(doc, "/plan/scope/extent", "fulltime");
	xmlFreeDoc(doc);

	/* Everything empty: only the root is left. */
	doc = build("scope/extent=", NULL);
	assert_non_null(doc);
	form_prune(doc);
	assert_int_equal(count(doc, "/plan"), 1);
	assert_int_equal(count(doc, "/plan/*"), 0);
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_parse_pairs),
		cmocka_unit_test(test_form_parse_plus_and_escapes),
		cmocka_unit_test(test_form_parse_crlf),
		cmocka_unit_test(test_form_parse_empty),
		cmocka_unit_test(test_form_parse_empty_free),
		cmocka_unit_test(test_form_parse_table_size),
		cmocka_unit_test(test_form_parse_bad_escapes),
		cmocka_unit_test(test_form_parse_nul),
		cmocka_unit_test(test_form_parse_controls),
		cmocka_unit_test(test_form_parse_bad_utf8),
		cmocka_unit_test(test_form_parse_limits),
		cmocka_unit_test(test_form_parse_too_many),
		cmocka_unit_test(test_form_xml_simple),
		cmocka_unit_test(test_form_xml_rows),
		cmocka_unit_test(test_form_xml_index_gap),
		cmocka_unit_test(test_form_xml_unknown),
		cmocka_unit_test(test_form_xml_non_leaf),
		cmocka_unit_test(test_form_xml_literal_text),
		cmocka_unit_test(test_form_xml_skips_control_fields),
		cmocka_unit_test(test_form_add_row),
		cmocka_unit_test(test_form_remove_row),
		cmocka_unit_test(test_form_prune_drops_blank_rows),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
