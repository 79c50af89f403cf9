/*
 * Unit tests of xmldoc: untrusted parsing (no DOCTYPE, no entities, no
 * malformed or non-UTF-8 input), and validation against the real plan
 * schema with per-field error codes (their words are in xsl/texts.xsl).
 * The samples are tests/data/plan-valid*.xml and
 * tests/data/plan-invalid-*.xml; the last test also runs xmllint on every
 * sample so that the samples themselves cannot silently change sides.  Run
 * from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "kinds.h"
#include "xmldoc.h"

#define DATA	"tests/data/"

static struct kind	*plan;

static int
setup(void **state)
{
	(void)state;
	xmldoc_init();
	if (kinds_load("schemas") == -1)
		return -1;
	xmldoc_lockdown();	/* as the worker runs */
	plan = kind_find("plan");
	return plan == NULL || plan->schema == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	kinds_free();
	xmlCleanupParser();
	return 0;
}

/* The whole file at path, NUL-terminated, in a malloc'd buffer. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 size;

	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s (run from the repository root)", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = '\0';
	fclose(f);
	*len = (size_t)size;
	return buf;
}

/* Parses the file at path as untrusted input; asserts success. */
static xmlDocPtr
load(const char *path)
{
	xmlDocPtr	 doc;
	const char	*why = NULL;
	char		*buf;
	size_t		 len;

	buf = slurp(path, &len);
	doc = xmldoc_parse_untrusted(buf, len, &why);
	free(buf);
	if (doc == NULL)
		fail_msg("%s refused: %s", path, why ? why : "?");
	return doc;
}

/* Asserts that s is refused with reason why_want (if not NULL). */
static void
assert_refused(const char *s, size_t len, const char *why_want)
{
	xmlDocPtr	 doc;
	const char	*why = NULL;

	if ((doc = xmldoc_parse_untrusted(s, len, &why)) != NULL) {
		xmlFreeDoc(doc);
		fail_msg("accepted: %s", s);
	}
	assert_non_null(why);
	if (why_want != NULL)
		assert_string_equal(why, why_want);
}

#define REFUSED(s, why) assert_refused((s), strlen(s), (why))

static const char not_xml[] = "xml-invalid";
static const char doctype[] = "xml-doctype";

static void
test_xmldoc_parse_plain(void **state)
{
	static const char s[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<plan><goal>K\xc3\xa5ren &amp; &lt;m&gt; &#229; &#x2713;</goal></plan>";
	xmlDocPtr	 doc;
	xmlChar		*t;
	const char	*why;

	(void)state;
	doc = xmldoc_parse_untrusted(s, strlen(s), &why);
	assert_non_null(doc);
	assert_string_equal((const char *)xmlDocGetRootElement(doc)->name,
	    "plan");
	t = xmldoc_child_text(xmlDocGetRootElement(doc), "goal");
	assert_non_null(t);
	assert_string_equal((const char *)t,
	    "K\xc3\xa5ren & <m> \xc3\xa5 \xe2\x9c\x93");
	xmlFree(t);
	assert_null(xmldoc_child(xmlDocGetRootElement(doc), "nosuch"));
	xmlFreeDoc(doc);

	/* No declaration, no trailing newline: still a document. */
	doc = xmldoc_parse_untrusted("<a/>", 4, &why);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	/* Only len bytes are read: the rest of the buffer is not. */
	doc = xmldoc_parse_untrusted("<a/><b/>", 4, &why);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	doc = load(DATA "plan-valid.xml");
	xmlFreeDoc(doc);
}

static void
test_xmldoc_doctype_internal(void **state)
{
	(void)state;
	REFUSED("<!DOCTYPE plan [<!ELEMENT plan ANY>]><plan/>", doctype);
	REFUSED("<!DOCTYPE plan []><plan/>", doctype);
	REFUSED("<!DOCTYPE plan><plan/>", doctype);
	REFUSED("<?xml version=\"1.0\"?>\n<!DOCTYPE plan [\n"
	    "<!ATTLIST plan a CDATA \"default\">\n]>\n<plan/>", doctype);
}

static void
test_xmldoc_doctype_external(void **state)
{
	(void)state;
	REFUSED("<!DOCTYPE plan SYSTEM \"file:///etc/passwd\"><plan/>",
	    doctype);
	REFUSED("<!DOCTYPE plan SYSTEM \"schemas/plan.xsd\"><plan/>", doctype);
	REFUSED("<!DOCTYPE plan PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
	    "\"http://127.0.0.1:9/x.dtd\"><plan/>", doctype);
}

static void
test_xmldoc_doctype_entities(void **state)
{
	(void)state;
	REFUSED("<!DOCTYPE p [<!ENTITY x \"y\">]><p>&x;</p>", doctype);
	REFUSED("<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<p>&x;</p>", doctype);
	REFUSED("<!DOCTYPE p [<!ENTITY % x SYSTEM \"http://127.0.0.1:9/\">"
	    "%x;]><p/>", doctype);
	/* A billion laughs, stopped at the DOCTYPE. */
	REFUSED("<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
	    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
	    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
	    "<lolz>&lol3;</lolz>", doctype);
	/* A DOCTYPE after the root is malformed anyway. */
	REFUSED("<p/><!DOCTYPE p>", NULL);
}

static void
test_xmldoc_undefined_entities(void **state)
{
	(void)state;
	REFUSED("<p>&nbsp;</p>", not_xml);
	REFUSED("<p>&x;</p>", not_xml);
	REFUSED("<p a=\"&x;\"/>", not_xml);
	REFUSED("<p>&amp</p>", not_xml);
	REFUSED("<p>&#0;</p>", not_xml);
	REFUSED("<p>&#xD800;</p>", not_xml);
}

static void
test_xmldoc_malformed(void **state)
{
	static const char *const bad[] = {
		"<p>", "<p></q>", "not xml", "<a/><b/>", "<?xml version=\"1.0\"?>",
		"<p a=1/>", "<p a=\"1\" a=\"2\"/>", "</p>", "<p><![CDATA[x</p>",
		"<!-- only a comment -->", " ", "<p>\x01</p>", "\xef\xbb\xbf",
		"<p xmlns:a=\"u\"><b:c/></p>", "<p>x</p>trailing", NULL
	};
	size_t	 i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++)
		REFUSED(bad[i], not_xml);
}

static void
test_xmldoc_bad_utf8(void **state)
{
	(void)state;
	REFUSED("<p>\xff</p>", not_xml);
	REFUSED("<p>\xe5</p>", not_xml);			/* Latin-1 */
	REFUSED("<p>\xc3</p>", not_xml);			/* truncated */
	REFUSED("<p>\xc0\xaf</p>", not_xml);			/* overlong */
	REFUSED("<p>\xed\xa0\x80</p>", not_xml);		/* surrogate */
	REFUSED("<p a=\"\xff\"/>", not_xml);
	REFUSED("<\xff/>", not_xml);
	/* The declaration does not make Latin-1 bytes acceptable as UTF-8. */
	REFUSED("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p>\xe5</p>", not_xml);
}

static void
test_xmldoc_empty(void **state)
{
	xmlDocPtr	 doc;
	const char	*why = NULL;

	(void)state;
	doc = xmldoc_parse_untrusted("", 0, &why);
	assert_null(doc);
	assert_string_equal(why, not_xml);
	doc = xmldoc_parse_untrusted("<p/>", 0, &why);
	assert_null(doc);
}

/* XInclude is never processed: the include stays an inert element. */
static void
test_xmldoc_xinclude_inert(void **state)
{
	static const char s[] =
	    "<p xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
	    "<xi:include href=\"/etc/passwd\" parse=\"text\"/></p>";
	xmlDocPtr	 doc;
	xmlChar		*t;
	const char	*why;

	(void)state;
	doc = xmldoc_parse_untrusted(s, strlen(s), &why);
	assert_non_null(doc);
	t = xmlNodeGetContent(xmlDocGetRootElement(doc));
	assert_string_equal((const char *)t, "");
	xmlFree(t);
	xmlFreeDoc(doc);
}

static void
test_xmldoc_valid_sample(void **state)
{
	struct field_errors	 errs;
	struct rule_input	 ri;
	xmlDocPtr		 doc;

	(void)state;
	doc = load(DATA "plan-valid.xml");
	memset(&errs, 0, sizeof(errs));
	assert_int_equal(xmldoc_validate(plan->schema, doc, plan->repeatable,
	    &errs), 0);
	assert_int_equal(errs.n, 0);
	memset(&ri, 0, sizeof(ri));
	assert_non_null(plan->rules);
	plan->rules(doc, &ri, &errs);
	assert_int_equal(errs.n, 0);
	xmlFreeDoc(doc);
}

struct invalid_sample {
	const char	*file;
	const char	*field;
	const char	*code;
};

static const struct invalid_sample invalid[] = {
	{ "plan-invalid-missing-goal.xml", "goal",
	  "field-required" },
	{ "plan-invalid-missing-followup.xml", "followUp",
	  "field-required" },
	{ "plan-invalid-bad-date.xml", "followUp",
	  "date-invalid" },
	{ "plan-invalid-empty-subgoal.xml", "subgoals/subgoal[1]",
	  "field-required" },
	{ "plan-invalid-unknown-element.xml", "comment",
	  "field-unexpected" },
	{ "plan-invalid-bad-extent.xml", "scope/extent",
	  "choose-option" },
	{ "plan-invalid-missing-how.xml", "activities/activity[2]/how",
	  "field-required" },
};

#define NINVALID (sizeof(invalid) / sizeof(invalid[0]))

/* Validates one invalid sample: exactly one error, the expected one. */
static void
check_invalid(const struct invalid_sample *s)
{
	struct field_errors	 errs;
	xmlDocPtr		 doc;
	char			 path[256];
	size_t			 i;

	snprintf(path, sizeof(path), DATA "%s", s->file);
	doc = load(path);
	memset(&errs, 0, sizeof(errs));
	assert_int_equal(xmldoc_validate(plan->schema, doc, plan->repeatable,
	    &errs), 1);
	for (i = 0; i < errs.n; i++)
		print_message("%s: %s: %s\n", s->file, errs.e[i].field,
		    errs.e[i].code);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].field, s->field);
	assert_string_equal(errs.e[0].code, s->code);
	xmlFreeDoc(doc);
}

static void
test_xmldoc_invalid_samples(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < NINVALID; i++)
		check_invalid(&invalid[i]);
}

/* Every invalid sample on disk is listed above, and every listed one exists. */
static void
test_xmldoc_invalid_samples_listed(void **state)
{
	glob_t	 g;
	size_t	 i, j;
	int	 found;

	(void)state;
	assert_int_equal(glob(DATA "plan-invalid*.xml", 0, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, NINVALID);
	for (i = 0; i < g.gl_pathc; i++) {
		found = 0;
		for (j = 0; j < NINVALID; j++)
			if (strcmp(g.gl_pathv[i] + strlen(DATA),
			    invalid[j].file) == 0)
				found = 1;
		if (!found)
			fail_msg("%s has no expected error here", g.gl_pathv[i]);
	}
	globfree(&g);
}

/* Several errors at once: each field once, rows by index. */
static void
test_xmldoc_several_errors(void **state)
{
	static const char s[] = "<plan><goal> </goal>"
	    "<subgoals><subgoal>a</subgoal><subgoal/></subgoals>"
	    "<activities><activity><what>w</what><how>h</how><when>v</when>"
	    "</activity><activity><what>w</what><how>h</how><when></when>"
	    "</activity></activities><scope><extent>fulltime</extent></scope>"
	    "<followUp>15/4/2024</followUp><signatures><customer><signedBy>k"
	    "</signedBy><date>2024-03-01</date></customer></signatures></plan>";
	struct field_errors	 errs;
	xmlDocPtr		 doc;
	const char		*why;

	(void)state;
	doc = xmldoc_parse_untrusted(s, strlen(s), &why);
	assert_non_null(doc);
	memset(&errs, 0, sizeof(errs));
	assert_int_equal(xmldoc_validate(plan->schema, doc, plan->repeatable,
	    &errs), 1);
	assert_int_equal(errs.n, 5);
	assert_string_equal(errs.e[0].field, "goal");
	assert_string_equal(errs.e[0].code, "field-required");
	assert_string_equal(errs.e[1].field, "subgoals/subgoal[2]");
	assert_string_equal(errs.e[2].field, "activities/activity[2]/when");
	assert_string_equal(errs.e[3].field, "followUp");
	assert_string_equal(errs.e[3].code, "date-invalid");
	assert_string_equal(errs.e[4].field, "signatures/provider");
	assert_string_equal(errs.e[4].code, "field-required");
	xmlFreeDoc(doc);
}

/* Part-time without the reason is valid XSD but breaks the plan rule. */
static void
test_xmldoc_rule_parttime(void **state)
{
	struct field_errors	 errs;
	struct rule_input	 ri;
	xmlDocPtr		 doc;
	xmlNodePtr		 scope, reason, extent;

	(void)state;
	doc = load(DATA "plan-valid.xml");
	scope = xmldoc_child(xmlDocGetRootElement(doc), "scope");
	reason = xmldoc_child(scope, "parttimeReason");
	assert_non_null(reason);
	xmlUnlinkNode(reason);
	xmlFreeNode(reason);
	memset(&errs, 0, sizeof(errs));
	memset(&ri, 0, sizeof(ri));
	assert_int_equal(xmldoc_validate(plan->schema, doc, plan->repeatable,
	    &errs), 0);
	plan->rules(doc, &ri, &errs);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].field, "scope/parttimeReason");
	assert_string_equal(errs.e[0].code, "parttime-reason-required");

	/* Full time needs no reason. */
	extent = xmldoc_child(scope, "extent");
	xmlNodeSetContent(extent, (const xmlChar *)"fulltime");
	memset(&errs, 0, sizeof(errs));
	assert_int_equal(xmldoc_validate(plan->schema, doc, plan->repeatable,
	    &errs), 0);
	plan->rules(doc, &ri, &errs);
	assert_int_equal(errs.n, 0);
	xmlFreeDoc(doc);
}

static void
test_xmldoc_field_path(void **state)
{
	static const char s[] = "<plan><activities><activity/><activity>"
	    "<how/></activity></activities><goal/></plan>";
	static const char *const rows[] = { "activity", NULL };
	xmlDocPtr	 doc;
	xmlNodePtr	 root, act2;
	const char	*why;
	char		 buf[FIELD_NAME_MAX], small[8];

	(void)state;
	doc = xmldoc_parse_untrusted(s, strlen(s), &why);
	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	act2 = xmlLastElementChild(xmldoc_child(root, "activities"));
	assert_string_equal(xmldoc_field_path(act2->children, rows, buf,
	    sizeof(buf)), "activities/activity[2]/how");
	assert_string_equal(xmldoc_field_path(act2->children, NULL, buf,
	    sizeof(buf)), "activities/activity/how");
	assert_string_equal(xmldoc_field_path(xmldoc_child(root, "goal"), rows,
	    buf, sizeof(buf)), "goal");
	assert_string_equal(xmldoc_field_path(root, rows, buf, sizeof(buf)), "");
	/* A small buffer is truncated, never overrun. */
	xmldoc_field_path(act2->children, rows, small, sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);
	xmlFreeDoc(doc);
}

/* One error per field, at most FIELD_ERRORS_MAX. */
static void
test_xmldoc_field_errors_one_per_field(void **state)
{
	struct field_errors	 errs;
	char			 name[16];
	int			 i;

	(void)state;
	memset(&errs, 0, sizeof(errs));
	field_errors_code(&errs, "goal", "field-required", NULL);
	field_errors_code(&errs, "goal", "text-too-long", NULL);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].code, "field-required");
	assert_string_equal(errs.e[0].arg, "");
	field_errors_code2(&errs, "end", "past-max", "12", "2026-12-07");
	assert_string_equal(errs.e[1].arg, "12");
	assert_string_equal(errs.e[1].arg2, "2026-12-07");
	for (i = 0; i < FIELD_ERRORS_MAX + 5; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		field_errors_code(&errs, name, "x", "y");
	}
	assert_int_equal(errs.n, FIELD_ERRORS_MAX);
}

/*
 * xmllint on the shell: 0 if path is valid against schemas/plan.xsd,
 * 1 if not, -1 if xmllint could not run.
 */
static int
xmllint(const char *path)
{
	char	 cmd[512];
	int	 rc;

	snprintf(cmd, sizeof(cmd), "xmllint --nonet --noout --schema "
	    "schemas/plan.xsd '%s' >/dev/null 2>&1", path);
	rc = system(cmd);
	if (rc == -1 || !WIFEXITED(rc))
		return -1;
	switch (WEXITSTATUS(rc)) {
	case 0:
		return 0;
	case 3:		/* validation error */
		return 1;
	default:	/* 127: no xmllint; 1, 4, 5: cannot read */
		return -1;
	}
}

/* Runs xmllint and xmldoc_validate over every sample matching pattern. */
static void
check_samples(const char *pattern, int want_invalid)
{
	struct field_errors	 errs;
	xmlDocPtr		 doc;
	glob_t			 g;
	size_t			 i;
	int			 got;

	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 1);
	for (i = 0; i < g.gl_pathc; i++) {
		got = xmllint(g.gl_pathv[i]);
		if (got != want_invalid)
			fail_msg("xmllint on %s: %d, expected %d",
			    g.gl_pathv[i], got, want_invalid);
		doc = load(g.gl_pathv[i]);
		memset(&errs, 0, sizeof(errs));
		got = xmldoc_validate(plan->schema, doc, plan->repeatable,
		    &errs);
		xmlFreeDoc(doc);
		if (got != want_invalid)
			fail_msg("xmldoc_validate on %s: %d, expected %d",
			    g.gl_pathv[i], got, want_invalid);
	}
	globfree(&g);
}

static void
test_xmldoc_xmllint_samples(void **state)
{
	(void)state;
	check_samples(DATA "plan-valid*.xml", 0);
	check_samples(DATA "plan-invalid*.xml", 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xmldoc_parse_plain),
		cmocka_unit_test(test_xmldoc_doctype_internal),
		cmocka_unit_test(test_xmldoc_doctype_external),
		cmocka_unit_test(test_xmldoc_doctype_entities),
		cmocka_unit_test(test_xmldoc_undefined_entities),
		cmocka_unit_test(test_xmldoc_malformed),
		cmocka_unit_test(test_xmldoc_bad_utf8),
		cmocka_unit_test(test_xmldoc_empty),
		cmocka_unit_test(test_xmldoc_xinclude_inert),
		cmocka_unit_test(test_xmldoc_valid_sample),
		cmocka_unit_test(test_xmldoc_invalid_samples),
		cmocka_unit_test(test_xmldoc_invalid_samples_listed),
		cmocka_unit_test(test_xmldoc_several_errors),
		cmocka_unit_test(test_xmldoc_rule_parttime),
		cmocka_unit_test(test_xmldoc_field_path),
		cmocka_unit_test(test_xmldoc_field_errors_one_per_field),
		cmocka_unit_test(test_xmldoc_xmllint_samples),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
