/*
 * Unit tests of the page cache key and of the page document it is taken
 * of.  The key (pagecache.h) is a canonical walk, compared byte for byte:
 * equal documents give equal keys, a change of any name, value, text or
 * order gives another, the root's request id is left out.  The page document
 * (page.c builds it in an arena, pagearena.c) must be the document
 * libxml2's own xmlNewChild, xmlNewTextChild and xmlSetProp would build:
 * same key, same serialisation.  Run from the repository root (the last
 * test compiles xsl/page.xsl).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <libxml/parser.h>

#include "pagecache.h"
#include "pagewalk.h"
#include "render.h"

#define WALK_MAX	PAGEWALK_MAX

static xmlDocPtr
parse(const char *xml)
{
	xmlDocPtr	 doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_NOBLANKS);

	if (doc == NULL)
		fail_msg("does not parse: %s", xml);
	return doc;
}

/*
 * The key of doc, failing the test when there is none, with its walk
 * copied (the thread's buffer is reused by the next key): free_key frees.
 */
static struct pagekey
key_of(xmlDocPtr doc)
{
	struct pagekey	 k;
	unsigned char	*copy;

	assert_int_equal(pagecache_key(doc, &k), 0);
	copy = malloc(k.len + 1);
	assert_non_null(copy);
	memcpy(copy, k.walk, k.len);
	k.walk = copy;
	return k;
}

static void
free_key(struct pagekey *k)
{
	free((void *)k->walk);
	k->walk = NULL;
}

static void
assert_same_key(struct pagekey *a, struct pagekey *b)
{
	assert_true(pagecache_key_equal(a, b));
	assert_true(a->hash == b->hash);
	assert_int_equal(a->len, b->len);
	assert_memory_equal(a->walk, b->walk, a->len);
}

/* 1 when the documents a and b (XML text) have the same key. */
static int
same_key(const char *a, const char *b)
{
	xmlDocPtr	 da = parse(a), db = parse(b);
	struct pagekey	 ka = key_of(da), kb = key_of(db);
	int		 same = pagecache_key_equal(&ka, &kb);

	/* The hash only picks: equal walks must have equal hashes. */
	if (ka.len == kb.len && memcmp(ka.walk, kb.walk, ka.len) == 0)
		assert_true(same);
	free_key(&ka);
	free_key(&kb);
	xmlFreeDoc(da);
	xmlFreeDoc(db);
	return same;
}

static void
assert_keys_differ(const char *a, const char *b)
{
	if (same_key(a, b))
		fail_msg("same key:\n  %s\n  %s", a, b);
}

static void
test_key_equal_documents(void **state)
{
	(void)state;
	assert_true(same_key("<p a=\"1\" b=\"x\"><c>t</c><d/></p>",
	    "<p a=\"1\" b=\"x\"><c>t</c><d/></p>"));
	/* The same tree written otherwise. */
	assert_true(same_key("<p a='1'><c>t&amp;u</c></p>",
	    "<p a=\"1\"><c>t&#38;u</c></p>"));
}

static void
test_key_any_change(void **state)
{
	static const char	*const base = "<page view=\"v\">"
	    "<a x=\"1\" y=\"2\">text</a><b/><c>more</c></page>";
	static const char	*const changed[] = {
		"<page view=\"w\"><a x=\"1\" y=\"2\">text</a><b/><c>more</c></page>",
		"<page view=\"v\"><a x=\"1\" y=\"3\">text</a><b/><c>more</c></page>",
		"<page view=\"v\"><a x=\"1\" z=\"2\">text</a><b/><c>more</c></page>",
		"<page view=\"v\"><a y=\"2\" x=\"1\">text</a><b/><c>more</c></page>",
		"<page view=\"v\"><a x=\"1\">text</a><b/><c>more</c></page>",
		"<page view=\"v\"><a x=\"1\" y=\"2\">texT</a><b/><c>more</c></page>",
		"<page view=\"v\"><a x=\"1\" y=\"2\">text</a><B/><c>more</c></page>",
		"<page view=\"v\"><a x=\"1\" y=\"2\">text</a><c>more</c><b/></page>",
		"<page view=\"v\"><a x=\"1\" y=\"2\">text</a><b><c>more</c></b></page>",
		"<page view=\"v\"><a x=\"1\" y=\"2\">text<b/></a><c>more</c></page>",
		"<page view=\"v\"><a x=\"1\" y=\"2\"/><b/><c>more</c></page>",
		"<page view=\"v\"><a x=\"1\" y=\"2\">text</a><b/><c><!--more--></c></page>",
		"<page view=\"v\"><a x=\"1\" y=\"2\">text</a><b/><c><![CDATA[more]]></c></page>",
		"<page view=\"v\" xmlns=\"urn:x\"><a x=\"1\" y=\"2\">text</a><b/><c>more</c></page>",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(changed) / sizeof(changed[0]); i++)
		assert_keys_differ(base, changed[i]);
}

/* Text moved across a boundary: the NUL ends make each split its own. */
static void
test_key_boundaries(void **state)
{
	(void)state;
	assert_keys_differ("<p a=\"ab\" b=\"\"/>", "<p a=\"a\" b=\"b\"/>");
	assert_keys_differ("<p ab=\"c\"/>", "<p a=\"bc\"/>");
	assert_keys_differ("<p a=\"x\"/>", "<p>x</p>");
	assert_keys_differ("<p><a>xy</a><b/></p>", "<p><a>x</a><b>y</b></p>");
	assert_keys_differ("<p><ab/></p>", "<p><a><b/></a></p>");
	assert_keys_differ("<p><a/><b/></p>", "<p><a><b/></a></p>");
	assert_keys_differ("<p a=\"e\"/>", "<p><a/></p>");
}

static void
test_key_request_id(void **state)
{
	xmlDocPtr	 a = parse("<page view=\"v\" request-id=\"r-1-1\"><x/></page>");
	xmlDocPtr	 b = parse("<page request-id=\"r-2-7\" view=\"v\"><x/></page>");
	xmlDocPtr	 c = parse("<page view=\"v\"><x/></page>");
	struct pagekey	 ka = key_of(a), kb = key_of(b), kc = key_of(c);

	(void)state;
	/* The root's request id is not in the key, and is kept aside. */
	assert_same_key(&ka, &kb);
	assert_same_key(&ka, &kc);
	assert_string_equal(ka.reqid, "r-1-1");
	assert_string_equal(kb.reqid, "r-2-7");
	assert_null(kc.reqid);
	free_key(&ka);
	free_key(&kb);
	free_key(&kc);
	xmlFreeDoc(a);
	xmlFreeDoc(b);
	xmlFreeDoc(c);
	/* Anywhere else it is content like any other. */
	assert_keys_differ("<page><error request-id=\"r-1\"/></page>",
	    "<page><error request-id=\"r-2\"/></page>");
}

/* A processing instruction is not a page node: no key, never cached. */
static void
test_key_unknown_node(void **state)
{
	xmlDocPtr	 doc = parse("<p><?pi x?></p>");
	struct pagekey	 k;

	(void)state;
	assert_int_equal(pagecache_key(doc, &k), -1);
	xmlFreeDoc(doc);
}

/*
 * The walk itself, byte for byte: E name, A name, v value, a, T text, e.
 * A text of text_len bytes 't', so that the walk outgrows the thread's
 * buffer; returns the walk (malloc'd) and sets *len.
 */
static unsigned char *
expected_walk(size_t text_len, size_t *len)
{
	static const char	 head[] = "Ep\0Aa\0v1\0aT";
	unsigned char		*buf;
	size_t			 n = sizeof(head) - 1 + text_len + 2;

	buf = malloc(n);
	assert_non_null(buf);
	memcpy(buf, head, sizeof(head) - 1);
	memset(buf + sizeof(head) - 1, 't', text_len);
	memcpy(buf + sizeof(head) - 1 + text_len, "\0e", 2);
	*len = n;
	return buf;
}

static void
assert_walk(const struct pagekey *k, size_t text_len)
{
	size_t		 n;
	unsigned char	*want = expected_walk(text_len, &n);

	assert_int_equal(k->len, n);
	assert_memory_equal(k->walk, want, n);
	free(want);
}

static xmlDocPtr
doc_with_text(size_t text_len)
{
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr	 p = xmlNewDocNode(doc, NULL, (const xmlChar *)"p", NULL);
	char		*text = malloc(text_len + 1);

	assert_non_null(text);
	memset(text, 't', text_len);
	text[text_len] = '\0';
	xmlDocSetRootElement(doc, p);
	xmlSetProp(p, (const xmlChar *)"a", (const xmlChar *)"1");
	xmlAddChild(p, xmlNewDocText(doc, (const xmlChar *)text));
	free(text);
	return doc;
}

static void
test_key_of_texts_of_any_length(void **state)
{
	static const size_t	 lens[] = { 0, 1, 4000, 16370, 16384, 40000,
		100000, 10 };
	struct pagekey		 k;
	xmlDocPtr		 doc;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		doc = doc_with_text(lens[i]);
		k = key_of(doc);
		assert_walk(&k, lens[i]);
		free_key(&k);
		xmlFreeDoc(doc);
	}
}

/* A walk of up to 1 MB has a key; a longer one has none. */
static void
test_key_none_for_walk_over_1_mb(void **state)
{
	struct pagekey	 k;
	xmlDocPtr	 doc;
	size_t		 n, len;

	(void)state;
	free(expected_walk(0, &n));
	len = WALK_MAX - n;
	doc = doc_with_text(len);
	k = key_of(doc);
	assert_int_equal(k.len, WALK_MAX);
	assert_walk(&k, len);
	free_key(&k);
	xmlFreeDoc(doc);
	doc = doc_with_text(len + 1);
	assert_int_equal(pagecache_key(doc, &k), -1);
	xmlFreeDoc(doc);
}

/* The reference: the page's start built with libxml2 itself. */
static xmlDocPtr
ref_new(const struct page *pg, const char *view, const char *reqid,
    xmlNodePtr *root)
{
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlChar		*today;

	*root = xmlNewDocNode(doc, NULL, (const xmlChar *)"page", NULL);
	xmlDocSetRootElement(doc, *root);
	xmlSetProp(*root, (const xmlChar *)"view", (const xmlChar *)view);
	xmlSetProp(*root, (const xmlChar *)"request-id",
	    (const xmlChar *)reqid);
	/* The date the page holds (it may have turned since). */
	today = xmlNodeGetContent(pg->root->children);
	assert_non_null(today);
	xmlNewTextChild(*root, NULL, (const xmlChar *)"today", today);
	xmlFree(today);
	return doc;
}

static char *
dump(xmlDocPtr doc)
{
	xmlChar	*mem = NULL;
	int	 size = 0;

	xmlDocDumpMemory(doc, &mem, &size);
	assert_non_null(mem);
	return (char *)mem;
}

/* Same key, same serialisation. */
static void
assert_same_doc(xmlDocPtr page, xmlDocPtr ref)
{
	struct pagekey	 a = key_of(page), b = key_of(ref);
	char		*da = dump(page), *db = dump(ref);

	assert_same_key(&a, &b);
	free_key(&a);
	free_key(&b);
	assert_string_equal(da, db);
	xmlFree(da);
	xmlFree(db);
}

static void
ref_attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void
test_page_as_libxml(void **state)
{
	struct page	 pg;
	xmlDocPtr	 ref;
	xmlNodePtr	 r, n, m, rn, rm;
	char		 buf[32], name[16];
	static const long	 longs[] = { 0, 7, -5, 1234567890L, LONG_MAX,
		LONG_MIN };
	size_t		 i;

	(void)state;
	assert_int_equal(page_new(&pg, "start", "r-1-2"), 0);
	ref = ref_new(&pg, "start", "r-1-2", &r);

	n = page_elem(pg.root, "list");
	rn = xmlNewChild(r, NULL, (const xmlChar *)"list", NULL);
	page_attr(n, "sort", "due");
	ref_attr(rn, "sort", "due");
	page_attr(n, "page", "1");
	ref_attr(rn, "page", "1");
	/* Set again: the value changes in place, the order stays. */
	page_attr(n, "sort", "-due");
	ref_attr(rn, "sort", "-due");
	page_attr(n, "none", NULL);
	/* xmlSetProp would put it in the XML namespace: refused. */
	page_attr(n, "xml:lang", "sv");
	page_attr(n, "empty", "");
	ref_attr(rn, "empty", "");
	page_attr(n, "escaped", "<&>\"'");
	ref_attr(rn, "escaped", "<&>\"'");
	for (i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		snprintf(name, sizeof(name), "n%zu", i);
		page_attr_long(n, name, longs[i]);
		snprintf(buf, sizeof(buf), "%ld", longs[i]);
		ref_attr(rn, name, buf);
	}
	m = page_text(n, "item", "a < b & c");
	rm = xmlNewTextChild(rn, NULL, (const xmlChar *)"item",
	    (const xmlChar *)"a < b & c");
	page_attr(m, "id", "3");
	ref_attr(rm, "id", "3");
	page_text(n, "empty", NULL);
	xmlNewTextChild(rn, NULL, (const xmlChar *)"empty",
	    (const xmlChar *)"");
	page_elem(page_elem(n, "deep"), "deeper");
	xmlNewChild(xmlNewChild(rn, NULL, (const xmlChar *)"deep", NULL), NULL,
	    (const xmlChar *)"deeper", NULL);
	page_attr(pg.root, "status", "200");
	ref_attr(r, "status", "200");
	assert_same_doc(pg.doc, ref);

	/* Removed as xmlUnsetProp removes it. */
	page_attr_remove(n, "page");
	xmlUnsetProp(rn, (const xmlChar *)"page");
	page_attr_remove(n, "absent");
	assert_same_doc(pg.doc, ref);

	/* Nodes that are not the page's take nothing. */
	assert_null(page_elem(NULL, "x"));
	assert_null(page_text(NULL, "x", "y"));
	page_attr(NULL, "x", "y");
	assert_null(page_elem(r, "x"));
	page_attr(r, "x", "y");
	assert_null(xmlGetProp(r, (const xmlChar *)"x"));
	assert_same_doc(pg.doc, ref);
	page_free(&pg);
	assert_null(pg.doc);
	page_free(&pg);
	xmlFreeDoc(ref);
}

/*
 * page_reverse: a list built newest first is the one built oldest first
 * (none, one and several children, each with its own child).
 */
static void
test_page_reverse(void **state)
{
	struct page	 pg;
	xmlDocPtr	 ref;
	xmlNodePtr	 r, lists[3], rl, e;
	char		 at[12];
	int		 i, n;

	(void)state;
	assert_int_equal(page_new(&pg, "document", "r-1"), 0);
	ref = ref_new(&pg, "document", "r-1", &r);
	for (n = 0; n < 3; n++) {
		lists[n] = page_elem(pg.root, "history");
		rl = xmlNewChild(r, NULL, (const xmlChar *)"history", NULL);
		for (i = n == 2 ? 4 : n; i > 0; i--) {
			snprintf(at, sizeof(at), "%d", i);
			e = page_elem(lists[n], "event");
			page_attr(e, "at", at);
			page_text(e, "comment", at);
		}
		for (i = 1; i <= (n == 2 ? 4 : n); i++) {
			snprintf(at, sizeof(at), "%d", i);
			e = xmlNewChild(rl, NULL, (const xmlChar *)"event", NULL);
			ref_attr(e, "at", at);
			xmlNewTextChild(e, NULL, (const xmlChar *)"comment",
			    (const xmlChar *)at);
		}
		page_reverse(lists[n]);
	}
	assert_same_doc(pg.doc, ref);
	/* Not a node of the page: nothing. */
	page_reverse(NULL);
	page_reverse(r);
	page_free(&pg);
	xmlFreeDoc(ref);
}

/* page_attr_long against snprintf. */
static void
test_page_attr_long(void **state)
{
	static const long	 longs[] = { 0, 1, 9, 10, -1, -10, 99999,
		LONG_MAX, LONG_MIN, LONG_MIN + 1 };
	struct page		 pg;
	xmlChar			*v;
	char			 want[32];
	size_t			 i;

	(void)state;
	assert_int_equal(page_new(&pg, "v", "r"), 0);
	for (i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		page_attr_long(pg.root, "n", longs[i]);
		snprintf(want, sizeof(want), "%ld", longs[i]);
		v = xmlGetProp(pg.root, (const xmlChar *)"n");
		assert_string_equal((const char *)v, want);
		xmlFree(v);
	}
	page_free(&pg);
}

/* What timegm and localtime_r make of utc: "YYYY-MM-DD HH:MM". */
static void
local_of(const char *utc, char *out, size_t size)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	assert_non_null(strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm));
	t = timegm(&tm);
	assert_non_null(localtime_r(&t, &tm));
	strftime(out, size, "%Y-%m-%d %H:%M", &tm);
}

static void
test_page_attr_time(void **state)
{
	static const char	*const ok[] = {
		"2024-03-07T10:15:00Z", "2024-07-01T10:00:00Z",
		"2024-03-31T00:59:59Z", "2024-03-31T01:00:00Z",
		"2024-10-27T00:59:59Z", "2024-10-27T01:00:00Z",
		"2024-02-29T23:59:59Z", "2023-12-31T23:30:00Z",
		"2024-02-31T23:59:60Z", "1970-01-01T00:00:00Z",
		"1969-12-31T23:59:59Z", "2099-06-15T12:00:61Z",
	};
	static const char	*const bad[] = {
		"", "2024-03-07", "2024-03-07T10:15:00", "2024-13-07T10:15:00Z",
		"2024-03-00T10:15:00Z", "2024-03-07T24:15:00Z",
		"2024-03-07 10:15:00Z", "x024-03-07T10:15:00Z",
	};
	struct page		 pg;
	xmlChar			*v;
	char			 want[32];
	size_t			 i;

	(void)state;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(page_new(&pg, "v", "r"), 0);
		page_attr_time(pg.root, "at", ok[i]);
		v = xmlGetProp(pg.root, (const xmlChar *)"at");
		assert_string_equal((const char *)v, ok[i]);
		xmlFree(v);
		local_of(ok[i], want, sizeof(want));
		v = xmlGetProp(pg.root, (const xmlChar *)"at-local");
		assert_non_null(v);
		assert_string_equal((const char *)v, want);
		xmlFree(v);
		page_free(&pg);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(page_new(&pg, "v", "r"), 0);
		page_attr_time(pg.root, "at", bad[i]);
		assert_null(xmlGetProp(pg.root, (const xmlChar *)"at-local"));
		page_free(&pg);
	}
}

#define CONTENT	"<plan><goal>Eget f\xc3\xb6retag</goal><list><i n=\"1\">a</i>" \
		"<i n=\"2\">b</i></list></plan>"

/* Keeps the parser's report of a malformed test input off the output. */
static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/*
 * Stored content under a page: lent (the document's only top node) or
 * copied (a comment before it), the page is the one a copy would make,
 * and the lent document is left as it was.
 */
static void
test_page_content(void **state)
{
	static const char	*const texts[] = {
		CONTENT, "<!--c-->" CONTENT, CONTENT "<!--c-->",
	};
	struct page		 pg;
	xmlDocPtr		 content, ref, parsed;
	xmlNodePtr		 r, c, root;
	char			*before, *after;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		content = parse(texts[i]);
		root = xmlDocGetRootElement(content);
		before = dump(content);
		assert_int_equal(page_new(&pg, "document", "r-9"), 0);
		ref = ref_new(&pg, "document", "r-9", &r);
		c = page_elem(page_elem(pg.root, "document"), "content");
		assert_int_equal(page_content_doc(c, content), 0);
		/* Lent, the content element takes nothing more. */
		if (i == 0) {
			assert_int_equal(page_content_doc(c, content), -1);
			assert_null(page_elem(c, "more"));
			assert_null(page_text(c, "more", "x"));
		}
		page_attr(pg.root, "status", "200");
		xmlAddChild(xmlNewChild(xmlNewChild(r, NULL,
		    (const xmlChar *)"document", NULL), NULL,
		    (const xmlChar *)"content", NULL),
		    xmlDocCopyNode(root, ref, 1));
		ref_attr(r, "status", "200");
		assert_same_doc(pg.doc, ref);
		page_free(&pg);
		xmlFreeDoc(ref);
		/* The lent document is as it was, and whole. */
		assert_ptr_equal(root->parent, content);
		assert_ptr_equal(xmlDocGetRootElement(content), root);
		after = dump(content);
		assert_string_equal(before, after);
		xmlFree(before);
		xmlFree(after);
		xmlFreeDoc(content);
	}

	/* From text: parsed, copied and the parse freed. */
	assert_int_equal(page_new(&pg, "document", "r-9"), 0);
	ref = ref_new(&pg, "document", "r-9", &r);
	c = page_elem(pg.root, "content");
	assert_int_equal(page_content(c, CONTENT), 0);
	xmlSetGenericErrorFunc(NULL, quiet);
	assert_int_equal(page_content(page_elem(pg.root, "bad"), "<x"), -1);
	xmlSetGenericErrorFunc(NULL, NULL);
	parsed = parse(CONTENT);
	xmlAddChild(xmlNewChild(r, NULL, (const xmlChar *)"content", NULL),
	    xmlDocCopyNode(xmlDocGetRootElement(parsed), ref, 1));
	xmlNewChild(r, NULL, (const xmlChar *)"bad", NULL);
	assert_same_doc(pg.doc, ref);
	page_free(&pg);
	xmlFreeDoc(ref);
	xmlFreeDoc(parsed);
}

/* A page bigger than the arena's chunks. */
static void
test_page_bigger_than_an_arena_chunk(void **state)
{
	struct page	 pg;
	xmlDocPtr	 ref;
	xmlNodePtr	 r, n, rn;
	char		*big, name[16];
	size_t		 i, len = 100 * 1024;

	(void)state;
	big = malloc(len + 1);
	assert_non_null(big);
	memset(big, 'x', len);
	big[len] = '\0';
	assert_int_equal(page_new(&pg, "v", "r"), 0);
	ref = ref_new(&pg, "v", "r", &r);
	for (i = 0; i < 2000; i++) {
		snprintf(name, sizeof(name), "e%zu", i % 7);
		n = page_elem(pg.root, name);
		rn = xmlNewChild(r, NULL, (const xmlChar *)name, NULL);
		page_attr(n, "a", name);
		ref_attr(rn, "a", name);
		if (i % 500 == 0) {
			page_text(n, "big", big);
			xmlNewTextChild(rn, NULL, (const xmlChar *)"big",
			    (const xmlChar *)big);
		}
	}
	assert_same_doc(pg.doc, ref);
	page_free(&pg);
	xmlFreeDoc(ref);
	free(big);
}

/* A document page holding CONTENT: lent from content, or copied. */
static void
doc_page(struct page *pg, xmlDocPtr content)
{
	xmlNodePtr	 d;

	assert_int_equal(page_new(pg, "document", "r-7"), 0);
	d = page_elem(pg->root, "document");
	page_attr(d, "id", "12");
	page_attr(d, "kind", "plan");
	page_attr(d, "state", "draft");
	page_attr(d, "title", "Plan");
	if (content != NULL)
		assert_int_equal(page_content_doc(page_elem(d, "content"),
		    content), 0);
	else
		assert_int_equal(page_content(page_elem(d, "content"),
		    CONTENT), 0);
	page_attr(pg->root, "status", "200");
}

static char *
render(struct page *pg, size_t *len, unsigned long *hits)
{
	unsigned long	 misses;
	char		*html = render_page(pg, len);

	assert_non_null(html);
	page_free(pg);
	pagecache_stats(hits, &misses);
	return html;
}

/*
 * A page with lent content is rendered (a miss), its copy taken from the
 * cache, and rendered again after the cache is emptied: the same HTML.
 */
static void
test_render_lent(void **state)
{
	struct page	 pg;
	xmlDocPtr	 content = parse(CONTENT);
	char		*lent, *cached, *copied;
	size_t		 len1 = 0, len2 = 0, len3 = 0;
	unsigned long	 hits1, hits2, hits3;

	(void)state;
	pagecache_clear();
	doc_page(&pg, content);
	lent = render(&pg, &len1, &hits1);
	assert_non_null(strstr(lent, "Eget f\xc3\xb6retag"));
	doc_page(&pg, NULL);
	cached = render(&pg, &len2, &hits2);
	assert_int_equal(hits2, hits1 + 1);
	pagecache_clear();
	doc_page(&pg, NULL);
	copied = render(&pg, &len3, &hits3);
	assert_int_equal(hits3, 0);
	assert_int_equal(len1, len2);
	assert_memory_equal(lent, cached, len1);
	assert_int_equal(len1, len3);
	assert_memory_equal(lent, copied, len1);
	xmlFree(lent);
	xmlFree(cached);
	xmlFree(copied);
	xmlFreeDoc(content);
}

/*
 * One document seen by two viewers, with the page cache on: each page
 * shows its own viewer's name, CSRF token and allowed actions and none of
 * the other's, whether rendered or taken from the cache, in any order.
 * This fails if anything viewer-dependent were left out of the key.
 */
static void
viewer_page(struct page *pg, xmlDocPtr content, const char *login,
    const char *name, const char *csrf, const char *action)
{
	xmlNodePtr	 d, u, a;

	assert_int_equal(page_new(pg, "document", "r-9"), 0);
	u = page_elem(pg->root, "user");
	page_attr(u, "login", login);
	page_attr(u, "name", name);
	page_attr(u, "role", "provider");
	page_text(pg->root, "csrf", csrf);
	d = page_elem(pg->root, "document");
	page_attr(d, "id", "12");
	page_attr(d, "kind", "plan");
	page_attr(d, "state", "draft");
	page_attr(d, "revision", "1");
	page_attr(d, "version", "3");
	a = page_elem(d, "actions");
	page_attr(page_elem(a, "action"), "name", action);
	assert_int_equal(page_content_doc(page_elem(d, "content"), content),
	    0);
	page_attr(pg->root, "status", "200");
}

static void
assert_viewer(const char *html, const char *mine, const char *other)
{
	if (strstr(html, mine) == NULL)
		fail_msg("%s missing", mine);
	if (strstr(html, other) != NULL)
		fail_msg("%s shown to another viewer", other);
}

static void
test_render_viewers_apart(void **state)
{
	static const char *const	 who[2][4] = {
		{ "anna", "Anna Andersson", "aaaa1111", "submit" },
		{ "bo", "Bo Berg", "bbbb2222", "revise" },
	};
	struct page	 pg;
	xmlDocPtr	 content = parse(CONTENT);
	char		*html;
	size_t		 len;
	unsigned long	 hits, misses;
	int		 round, v, o;

	(void)state;
	pagecache_clear();
	for (round = 0; round < 3; round++) {
		for (v = 0; v < 2; v++) {
			o = 1 - v;
			viewer_page(&pg, content, who[v][0], who[v][1],
			    who[v][2], who[v][3]);
			assert_non_null(html = render_page(&pg, &len));
			page_free(&pg);
			assert_viewer(html, who[v][1], who[o][1]);
			assert_viewer(html, who[v][2], who[o][2]);
			/* Each sees the form of the action allowed to them. */
			assert_viewer(html, v == 0 ? "/documents/12/submit" :
			    "/documents/12/revise", v == 0 ?
			    "/documents/12/revise" : "/documents/12/submit");
			xmlFree(html);
		}
	}
	/* Rounds 2 and 3 came from the cache. */
	pagecache_stats(&hits, &misses);
	assert_int_equal(hits, 4);
	assert_int_equal(misses, 2);
	xmlFreeDoc(content);
}

/* page_cache = 0: every page is rendered, none is kept. */
static void
test_render_no_cache(void **state)
{
	struct page	 pg;
	char		*a, *b;
	size_t		 len1 = 0, len2 = 0;
	unsigned long	 hits, misses;

	(void)state;
	pagecache_clear();
	pagecache_set_pages(0);
	doc_page(&pg, NULL);
	a = render(&pg, &len1, &hits);
	doc_page(&pg, NULL);
	b = render(&pg, &len2, &hits);
	pagecache_stats(&hits, &misses);
	pagecache_set_pages(64);
	assert_int_equal(hits, 0);
	assert_int_equal(misses, 2);
	assert_int_equal(len1, len2);
	assert_memory_equal(a, b, len1);
	xmlFree(a);
	xmlFree(b);
}

/*
 * The stylesheet is compiled once for the render tests: after the first
 * compile, reading files is forbidden (render.c), as in the worker.
 */
static int
render_setup(void **state)
{
	(void)state;
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
		cmocka_unit_test(test_key_equal_documents),
		cmocka_unit_test(test_key_any_change),
		cmocka_unit_test(test_key_boundaries),
		cmocka_unit_test(test_key_request_id),
		cmocka_unit_test(test_key_unknown_node),
		cmocka_unit_test(test_key_of_texts_of_any_length),
		cmocka_unit_test(test_key_none_for_walk_over_1_mb),
		cmocka_unit_test(test_page_as_libxml),
		cmocka_unit_test(test_page_reverse),
		cmocka_unit_test(test_page_attr_long),
		cmocka_unit_test(test_page_attr_time),
		cmocka_unit_test(test_page_content),
		cmocka_unit_test(test_page_bigger_than_an_arena_chunk),
	};
	const struct CMUnitTest	 render_tests[] = {
		cmocka_unit_test(test_render_lent),
		cmocka_unit_test(test_render_viewers_apart),
		cmocka_unit_test(test_render_no_cache),
	};
	int	 rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rc += cmocka_run_group_tests(render_tests, render_setup,
	    render_teardown);
	xmlCleanupParser();
	return rc;
}
