/*
 * schematron: a small ISO Schematron evaluator (XPath 1.0, libxml2) for the
 * E-ARK CSIP/SIP 2.1.0 rule files (tests/data/eark/schematron/, copied from
 * eark-validator, see tests/data/eark/SOURCES.md).
 *
 *   schematron [-v] [-q] [--literal] [--vocabs DIR] METS.xml RULES.xml...
 *
 * Reads every rules file (namespace http://purl.oclc.org/dsdl/schematron:
 * ns, let, pattern, rule, assert, report; value-of and name in messages),
 * then, pattern by pattern, evaluates each rule's context on METS.xml; a
 * node is taken by the FIRST rule of its pattern whose context matches it
 * (Schematron semantics), and that rule's asserts and reports are tested
 * with the node as the context node.  Prints
 *   FAIL id role: message (node path)     for a failed assert,
 *   REPORT id role: message (node path)   for a report that fired,
 * and a summary line.  -v prints, for every assert and report, on how many
 * nodes it ran and how often it failed ("RAN ...").  -q leaves out INFO.
 * Exit: 0, 1 when an ERROR-role (or role-less) assert failed or an
 * ERROR-role report fired, 2 on any error of the tool itself: unreadable
 * input, an XPath that libxml2 cannot compile or evaluate, a function that
 * is not XPath 1.0 (XPath 2.0 is never silently passed), an unknown
 * placeholder or vocabulary.
 *
 * XPath 2.0: none of the CSIP/SIP/local tests or contexts uses an XPath 2.0
 * construct, so there is no translation table: every test is evaluated as
 * written (after the placeholders and patches below).  Any function name
 * outside the XPath 1.0 core library and this tool's two extension
 * functions is refused before evaluation (check_functions()).
 *
 * Placeholders, as eark-validator's SchematronTests expands them (textual
 * "(@X = 'term1') or (@X = 'term2') ..."): "@X_vocabulary_test" is true
 * when the attribute exists and its value is a <Term> of X's vocabulary in
 * --vocabs (default: "vocabs" beside the first rules file's
 * "schematron" folder, i.e. tests/data/eark/vocabs); "@MIMETYPE_IANA_test" the same
 * over the lines of IANA.txt (CRLF stripped).  They are rewritten to
 * sx:in-vocabulary(@X, 'FILE'); the attribute-to-file map is vocab_map[].
 *
 * Patches (not with --literal): SOURCES.md lists the changes its checker
 * applies at load time to the V2.1.0 files; its PATCHES table itself is
 * not available here, so patches[] below restates each change as this tool
 * applies it, keyed by rule set (the folder, CSIP or SIP) and assert id:
 *  - every rule of a V2.1.0 file runs in its own pattern (the published
 *    files put overlapping rules in one pattern, which disabled CSIP83,
 *    CSIP84, SIP9, SIP11-13 under first-match semantics); the local files
 *    already have one rule per pattern and are evaluated as written;
 *  - an entry may replace an assert's test, role, id or context (a new
 *    context puts the assert in a pattern of its own) or drop it.
 * Decisions where the literal rules conflict (documented for the lead):
 *  - SIP11 vs CSIP12: the software agent is the CREATOR agent with
 *    TYPE="OTHER" or OTHERTYPE="SOFTWARE"; CSIP12-16 apply to it only, and
 *    SIP11-14 to the other CREATOR agents (the submitting agent), so the
 *    package keeps TYPE="OTHER" OTHERTYPE="SOFTWARE" for the software and
 *    TYPE="ORGANIZATION" for the municipality.  CSIP10 then asks that such
 *    a software agent exists (its text says so; any agent passed before).
 *  - SIP14 tests csip:NOTETYPE (the DILCIS schema has no plain NOTETYPE on
 *    note: the published test could never pass on a schema-valid METS).
 *  - CSIP91/92 are errors, but only when there is something to reference:
 *    "@ADMID or not(amdSec/any)", "@DMDID or not(dmdSec)" (a representation
 *    METS without metadata sections has nothing to point at).
 *  - CSIP62: a Representations file group must state its content
 *    information type whatever the package's type (the MIXED branch made
 *    it pass everything).
 *  - CSIP81 applies to the CSIP structMap; CSIP82 asks at the root that a
 *    structMap with LABEL="CSIP" exists (on that map it would be trivial).
 *  - CSIP105 becomes a file-system check, sx:missing-representation-divs():
 *    every folder under representations/ beside METS.xml has its
 *    "Representations/<name>" division (package files are resolved
 *    relative to the METS file's directory).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#define NS_SCH		"http://purl.oclc.org/dsdl/schematron"
#define NS_SX		"urn:insats:schematron"
#define NS_METS		"http://www.loc.gov/METS/"
#define NS_VOCAB	"https://DILCIS.eu/XML/Vocabularies/IP"

/* ---- patches (see the header comment) ------------------------------------ */

#define HDR	"/mets:mets/mets:metsHdr"
#define SOFTWARE_AGENT \
	"(@TYPE = 'OTHER' or @OTHERTYPE = 'SOFTWARE')"
#define CSIPMAP	"/mets:mets/mets:structMap[@LABEL = 'CSIP']"
#define REPDIV	CSIPMAP "/mets:div/mets:div[starts-with(@LABEL, 'Representations/')]"

struct patch {
	const char	*set;		/* "CSIP" or "SIP": the rules' folder */
	const char	*id;
	const char	*newid;		/* NULL: keep */
	const char	*role;		/* NULL: keep; "" drops the assert */
	const char	*context;	/* NULL: keep */
	const char	*test;		/* NULL: keep */
};

static const struct patch patches[] = {
	/* logic fixes */
	{ "CSIP", "CSIP2", NULL, NULL, NULL,
	  "(@TYPE_vocabulary_test or @TYPE = 'OTHER') and "
	  "(not(@TYPE = 'Other' or @TYPE = 'OTHER') or @csip:OTHERTYPE != '')" },
	{ "CSIP", "CSIP3", NULL, NULL, NULL,
	  "not(@TYPE = 'Other' or @TYPE = 'OTHER') or @csip:OTHERTYPE" },
	{ "CSIP", "CSIP4", NULL, NULL, NULL,
	  "not(@csip:CONTENTINFORMATIONTYPE) or "
	  "((@csip:CONTENTINFORMATIONTYPE_vocabulary_test) and "
	  "(@csip:CONTENTINFORMATIONTYPE != 'OTHER' or "
	  "@csip:OTHERCONTENTINFORMATIONTYPE != ''))" },
	{ "CSIP", "CSIP5", NULL, NULL, NULL,
	  "not(@csip:CONTENTINFORMATIONTYPE = 'OTHER') or "
	  "@csip:OTHERCONTENTINFORMATIONTYPE" },
	{ "CSIP", "CSIP62", NULL, NULL, NULL,
	  "not(starts-with(@USE, 'Representations')) or "
	  "@csip:CONTENTINFORMATIONTYPE" },
	{ "CSIP", "CSIP63", NULL, NULL, NULL,
	  "not(@csip:CONTENTINFORMATIONTYPE = 'OTHER') or "
	  "@csip:OTHERCONTENTINFORMATIONTYPE" },
	{ "SIP", "SIP4", NULL, NULL, NULL, "@csip:OAISPACKAGETYPE = 'SIP'" },
	/* scope fixes: the software agent and the other creators */
	{ "CSIP", "CSIP10", NULL, NULL, NULL,
	  "mets:agent[@ROLE = 'CREATOR' and " SOFTWARE_AGENT "]" },
	{ "CSIP", "CSIP12", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and " SOFTWARE_AGENT "]", NULL },
	{ "CSIP", "CSIP13", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and " SOFTWARE_AGENT "]", NULL },
	{ "CSIP", "CSIP14", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and " SOFTWARE_AGENT "]", NULL },
	{ "CSIP", "CSIP15", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and " SOFTWARE_AGENT "]", NULL },
	{ "CSIP", "CSIP16", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and " SOFTWARE_AGENT "]", NULL },
	{ "SIP", "SIP11", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and not" SOFTWARE_AGENT "]",
	  NULL },
	{ "SIP", "SIP12", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and not" SOFTWARE_AGENT "]",
	  NULL },
	{ "SIP", "SIP13", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and not" SOFTWARE_AGENT "]",
	  NULL },
	{ "SIP", "SIP14", NULL, NULL,
	  HDR "/mets:agent[@ROLE = 'CREATOR' and not" SOFTWARE_AGENT
	  "]/mets:note", "@csip:NOTETYPE = 'IDENTIFICATIONCODE'" },
	/* scope fixes: the CSIP structMap and its representation divisions */
	{ "CSIP", "CSIP81", NULL, NULL, CSIPMAP, NULL },
	{ "CSIP", "CSIP82", NULL, NULL, "/mets:mets",
	  "mets:structMap[@LABEL = 'CSIP']" },
	{ "CSIP", "CSIP106", NULL, NULL, REPDIV, NULL },
	{ "CSIP", "CSIP107", NULL, NULL, REPDIV, NULL },
	{ "CSIP", "CSIP109", NULL, NULL, REPDIV, NULL },
	{ "CSIP", "CSIP108", NULL, NULL, REPDIV "/mets:mptr", NULL },
	{ "CSIP", "CSIP110", NULL, NULL, REPDIV "/mets:mptr", NULL },
	{ "CSIP", "CSIP111", NULL, NULL, REPDIV "/mets:mptr", NULL },
	{ "CSIP", "CSIP112", NULL, NULL, REPDIV "/mets:mptr", NULL },
	/* severity */
	{ "CSIP", "CSIP60", NULL, "WARN", NULL, NULL },
	{ "CSIP", "CSIP113", NULL, "WARN", NULL, NULL },
	{ "CSIP", "CSIP114", NULL, "WARN", NULL, NULL },
	{ "CSIP", "CSIP91", NULL, "ERROR", NULL,
	  "@ADMID or not(/mets:mets/mets:amdSec/*)" },
	{ "CSIP", "CSIP92", NULL, "ERROR", NULL,
	  "@DMDID or not(/mets:mets/mets:dmdSec)" },
	{ "CSIP", "CSIP95", NULL, "", NULL, NULL },
	{ "CSIP", "CSIP99", NULL, "", NULL, NULL },
	{ "CSIP", "CSIP103", NULL, "", NULL, NULL },
	{ "CSIP", "CSIP105", NULL, NULL, NULL,
	  "sx:missing-representation-divs() = ''" },
	{ "CSIP", "CSIP53", NULL, NULL, NULL, "@MIMETYPE_IANA_test" },
	{ "CSIP", "CSIP68", NULL, NULL, NULL, "@MIMETYPE_IANA_test" },
	{ "SIP", "CSIP73", "SIP32", NULL, NULL, NULL },
	{ "SIP", "CSIP74", "SIP33", NULL, NULL, NULL },
	{ "SIP", "CSIP75", "SIP34", NULL, NULL, NULL },
	{ "SIP", "CSIP76", "SIP35", NULL, NULL, NULL },
};

/* The placeholder "@ATTR_vocabulary_test" and the vocabulary file of ATTR. */
struct vocab_ref {
	const char	*attr;
	const char	*file;
};

static const struct vocab_ref vocab_map[] = {
	{ "@TYPE", "CSIPVocabularyContentCategory.xml" },
	{ "@csip:OTHERTYPE", "CSIPVocabularyContentCategory.xml" },
	{ "@csip:CONTENTINFORMATIONTYPE",
	  "CSIPVocabularyContentInformationType.xml" },
	{ "@csip:OTHERCONTENTINFORMATIONTYPE",
	  "CSIPVocabularyContentInformationType.xml" },
	{ "@csip:OAISPACKAGETYPE", "CSIPVocabularyOAISPackageType.xml" },
	{ "@STATUS", "CSIPVocabularyStatus.xml" },
	{ "@RECORDSTATUS", "SIPVocabularyRecordStatus.xml" },
};

/* XPath 1.0 core functions, node tests, operators, and this tool's own. */
static const char *const xpath1_names[] = {
	"last", "position", "count", "id", "local-name", "namespace-uri",
	"name", "string", "concat", "starts-with", "contains",
	"substring-before", "substring-after", "substring", "string-length",
	"normalize-space", "translate", "boolean", "not", "true", "false",
	"lang", "number", "sum", "floor", "ceiling", "round",
	"node", "text", "comment", "processing-instruction",
	"and", "or", "div", "mod",
	"sx:in-vocabulary", "sx:missing-representation-divs",
};

/* ---- the loaded rules ---------------------------------------------------- */

struct sch_assert {
	char		*id, *role, *test;
	xmlNodePtr	 el;		/* the assert/report: its message */
	xmlXPathCompExprPtr comp;
	int		 report;	/* <report>: fires when true */
	size_t		 rule;
	long		 nodes, fails;
};

struct sch_rule {
	char		*context;
	xmlNodePtr	 el;		/* the rule: its <let>s */
	xmlXPathCompExprPtr comp;
	size_t		 pattern;
};

struct sch_let {
	char		*name;
	xmlXPathCompExprPtr comp;
	int		 global;	/* schema or pattern level */
};

struct vocab {
	char		*file;
	char		**terms;
	size_t		 n;
};

static struct {
	struct sch_assert *a;
	size_t		 na;
	struct sch_rule	*r;
	size_t		 nr;
	size_t		 np;		/* patterns: 0 .. np-1 */
	struct sch_let	*lets;
	size_t		 nlets;
	xmlDocPtr	*docs;
	size_t		 ndocs;
	struct vocab	*vocabs;
	size_t		 nvocabs;
	const char	*vocab_dir;
	char		*mets_dir;
	xmlXPathContextPtr xp;
	int		 literal, verbose, quiet;
} S;

/* Prints a tool error and exits 2. */
static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list	 ap;

	fputs("schematron: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* realloc that exits on failure; returns the new block. */
static void *
xgrow(void *p, size_t n, size_t size)
{
	if ((p = reallocarray(p, n, size)) == NULL)
		die("out of memory");
	return p;
}

/* strdup that exits on failure. */
static char *
xstrdup(const char *s)
{
	char	*d = strdup(s);

	if (d == NULL)
		die("out of memory");
	return d;
}

/* Returns attribute name of el as a new string, or NULL. */
static char *
attr_of(xmlNodePtr el, const char *name)
{
	xmlChar	*v = xmlGetProp(el, BAD_CAST name);
	char	*s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Returns 1 when n is the Schematron element name, else 0. */
static int
is_sch(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST NS_SCH) &&
	    xmlStrEqual(n->name, BAD_CAST name);
}

/* ---- vocabularies --------------------------------------------------------- */

/* Reads the terms of one vocabulary file (XML <Term>s or a text list). */
static struct vocab *
vocab_load(const char *file)
{
	struct vocab	*v;
	char		 path[4096];
	size_t		 i;

	for (i = 0; i < S.nvocabs; i++)
		if (strcmp(S.vocabs[i].file, file) == 0)
			return &S.vocabs[i];
	S.vocabs = xgrow(S.vocabs, S.nvocabs + 1, sizeof(*S.vocabs));
	v = &S.vocabs[S.nvocabs++];
	memset(v, 0, sizeof(*v));
	v->file = xstrdup(file);
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", S.vocab_dir,
	    file) >= sizeof(path))
		die("vocabulary path too long");
	if (strstr(file, ".txt") != NULL) {
		FILE	*f = fopen(path, "r");
		char	 line[1024];

		if (f == NULL)
			die("%s: %s", path, strerror(errno));
		while (fgets(line, sizeof(line), f) != NULL) {
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0] == '\0')
				continue;
			v->terms = xgrow(v->terms, v->n + 1, sizeof(char *));
			v->terms[v->n++] = xstrdup(line);
		}
		fclose(f);
	} else {
		xmlDocPtr	 d = xmlReadFile(path, NULL, XML_PARSE_NONET);
		xmlXPathContextPtr c;
		xmlXPathObjectPtr o;
		int		 k;

		if (d == NULL)
			die("%s: not readable XML", path);
		c = xmlXPathNewContext(d);
		xmlXPathRegisterNs(c, BAD_CAST "v", BAD_CAST NS_VOCAB);
		o = xmlXPathEvalExpression(BAD_CAST "//v:Term", c);
		if (o == NULL || o->nodesetval == NULL)
			die("%s: no terms", path);
		for (k = 0; k < o->nodesetval->nodeNr; k++) {
			xmlChar	*t = xmlNodeGetContent(o->nodesetval->nodeTab[k]);

			v->terms = xgrow(v->terms, v->n + 1, sizeof(char *));
			v->terms[v->n++] = xstrdup(t ? (const char *)t : "");
			xmlFree(t);
		}
		xmlXPathFreeObject(o);
		xmlXPathFreeContext(c);
		xmlFreeDoc(d);
	}
	if (v->n == 0)
		die("%s: empty vocabulary", path);
	return v;
}

/*
 * sx:in-vocabulary(node-set, 'file'): true when the node-set holds a node
 * whose string value is a term of the file (as the expanded
 * "(@X = 'a') or (@X = 'b') ..." would be).
 */
static void
fn_in_vocabulary(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar			*file;
	xmlXPathObjectPtr	 set;
	struct vocab		*v;
	int			 k, found = 0;
	size_t			 i;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	file = xmlXPathPopString(ctxt);
	set = valuePop(ctxt);
	if (file == NULL || set == NULL || set->type != XPATH_NODESET) {
		xmlFree(file);
		xmlXPathFreeObject(set);
		xmlXPathSetTypeError(ctxt);
		return;
	}
	v = vocab_load((const char *)file);
	for (k = 0; set->nodesetval != NULL && k < set->nodesetval->nodeNr &&
	    !found; k++) {
		xmlChar	*s = xmlXPathCastNodeToString(set->nodesetval->nodeTab[k]);

		for (i = 0; i < v->n && !found; i++)
			found = strcmp(v->terms[i], (const char *)s) == 0;
		xmlFree(s);
	}
	xmlFree(file);
	xmlXPathFreeObject(set);
	valuePush(ctxt, xmlXPathNewBoolean(found));
}

/* Returns 1 when div (the package division) describes representation name. */
static int
has_rep_div(xmlNodePtr div, const char *name)
{
	char		 want[1024];
	xmlNodePtr	 c, g;

	snprintf(want, sizeof(want), "Representations/%s", name);
	for (c = div->children; c != NULL; c = c->next) {
		xmlChar	*l;
		int	 hit = 0;

		if (c->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(c->name, BAD_CAST "div"))
			continue;
		l = xmlGetProp(c, BAD_CAST "LABEL");
		if (l != NULL && xmlStrEqual(l, BAD_CAST want))
			hit = 1;
		else if (l != NULL && xmlStrEqual(l, BAD_CAST "Representations"))
			for (g = c->children; g != NULL && !hit; g = g->next) {
				xmlChar	*gl = xmlGetProp(g, BAD_CAST "LABEL");

				hit = gl != NULL && (xmlStrEqual(gl,
				    BAD_CAST want) || xmlStrEqual(gl,
				    BAD_CAST name));
				xmlFree(gl);
			}
		xmlFree(l);
		if (hit)
			return 1;
	}
	return 0;
}

/*
 * sx:missing-representation-divs(): the names (space-separated) of the
 * folders under representations/ beside the METS file that have no
 * division under the context node; "" when none is missing.
 */
static void
fn_missing_rep_divs(xmlXPathParserContextPtr ctxt, int nargs)
{
	char		 path[4096], out[4096] = "";
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;

	if (nargs != 0) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	snprintf(path, sizeof(path), "%s/representations", S.mets_dir);
	if ((d = opendir(path)) == NULL) {
		if (errno != ENOENT)
			die("%s: %s", path, strerror(errno));
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char	 sub[4096 + 256];

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (stat(sub, &st) == -1 || !S_ISDIR(st.st_mode))
			continue;
		if (!has_rep_div(ctxt->context->node, e->d_name)) {
			if (out[0] != '\0')
				strncat(out, " ", sizeof(out) - strlen(out) - 1);
			strncat(out, e->d_name, sizeof(out) - strlen(out) - 1);
		}
	}
	closedir(d);
	valuePush(ctxt, xmlXPathNewCString(out));
}

/* ---- loading ------------------------------------------------------------- */

/*
 * Rewrites every "@X_vocabulary_test" and "@MIMETYPE_IANA_test" of test to
 * an sx:in-vocabulary() call.  Returns a new string; exits 2 on a
 * placeholder whose attribute has no vocabulary.
 */
static char *
expand_placeholders(const char *test, const char *id)
{
	static const char *const suffix[] = { "_vocabulary_test", "_IANA_test" };
	char	*out = xstrdup(test), *hit;
	size_t	 k;

	for (k = 0; k < 2; k++) {
		while ((hit = strstr(out, suffix[k])) != NULL) {
			char	*at = hit, *n;
			const char *file = NULL;
			size_t	 i, alen;

			while (at > out && *at != '@')
				at--;
			if (*at != '@')
				die("%s: placeholder without attribute", id);
			alen = (size_t)(hit - at);
			if (k == 1 && alen == 9 && strncmp(at, "@MIMETYPE", 9) == 0)
				file = "IANA.txt";
			for (i = 0; k == 0 && i < sizeof(vocab_map) /
			    sizeof(vocab_map[0]); i++)
				if (strlen(vocab_map[i].attr) == alen &&
				    strncmp(vocab_map[i].attr, at, alen) == 0)
					file = vocab_map[i].file;
			if (file == NULL)
				die("%s: no vocabulary for placeholder %.*s%s",
				    id, (int)alen, at, suffix[k]);
			vocab_load(file);	/* fails now, not on first use */
			if (asprintf(&n, "%.*ssx:in-vocabulary(%.*s, '%s')%s",
			    (int)(at - out), out, (int)alen, at, file,
			    hit + strlen(suffix[k])) == -1)
				die("out of memory");
			free(out);
			out = n;
		}
	}
	return out;
}

/*
 * Refuses (exit 2) an expression that calls a function outside XPath 1.0
 * and this tool's extensions (matches(), if/for/some keywords read as
 * calls, ...): libxml2 would fail only when it gets there.
 */
static void
check_functions(const char *expr, const char *what)
{
	const char	*p = expr, *s;
	size_t		 i, n;

	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			const char *q = strchr(p + 1, *p);

			if (q == NULL)
				die("%s: unterminated string in \"%s\"", what,
				    expr);
			p = q + 1;
			continue;
		}
		if (!isalpha((unsigned char)*p) && *p != '_') {
			p++;
			continue;
		}
		s = p;
		while (isalnum((unsigned char)*p) || *p == '_' || *p == '-' ||
		    *p == '.' || *p == ':')
			p++;
		if (strstr(s, "::") != NULL && strstr(s, "::") < p)
			s = strstr(s, "::") + 2;	/* axis::test */
		n = (size_t)(p - s);
		if (s > expr && (s[-1] == '@' || s[-1] == '$'))
			continue;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p != '(')
			continue;
		for (i = 0; i < sizeof(xpath1_names) / sizeof(xpath1_names[0]);
		    i++)
			if (strlen(xpath1_names[i]) == n &&
			    strncmp(xpath1_names[i], s, n) == 0)
				break;
		if (i == sizeof(xpath1_names) / sizeof(xpath1_names[0]))
			die("%s: \"%.*s()\" is not XPath 1.0 (in \"%s\"); "
			    "give patches[] an XPath 1.0 test for it", what,
			    (int)n, s, expr);
	}
}

/* Compiles expr (checked first); exits 2 when libxml2 cannot. */
static xmlXPathCompExprPtr
compile(const char *expr, const char *what)
{
	xmlXPathCompExprPtr c;

	check_functions(expr, what);
	if ((c = xmlXPathCtxtCompile(S.xp, BAD_CAST expr)) == NULL)
		die("%s: libxml2 cannot compile \"%s\"", what, expr);
	return c;
}

/*
 * The XPath that selects what a rule context matches: absolute branches as
 * they are, relative ones (an XSLT pattern matches anywhere) under "//".
 */
static char *
context_expr(const char *ctx)
{
	char		*out = xstrdup("");
	const char	*p = ctx, *start = ctx;
	int		 depth = 0;
	char		 quote = 0;

	for (;; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			else if (*p == '\0')
				die("unterminated string in context \"%s\"", ctx);
			continue;
		}
		if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '[' || *p == '(')
			depth++;
		else if (*p == ']' || *p == ')')
			depth--;
		else if (*p == '\0' || (*p == '|' && depth == 0)) {
			const char	*b = start;
			char		*n;

			while (*b == ' ')
				b++;
			if (asprintf(&n, "%s%s%s%.*s", out, out[0] ? " | " : "",
			    *b == '/' ? "" : "//", (int)(p - b), b) == -1)
				die("out of memory");
			free(out);
			out = n;
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
	return out;
}

/* Returns the patch of (set, id), or NULL. */
static const struct patch *
find_patch(const char *set, const char *id)
{
	size_t	 i;

	if (set == NULL || id == NULL || S.literal)
		return NULL;
	for (i = 0; i < sizeof(patches) / sizeof(patches[0]); i++)
		if (strcmp(patches[i].set, set) == 0 &&
		    strcmp(patches[i].id, id) == 0)
			return &patches[i];
	return NULL;
}

/* Adds a rule in pattern; returns its index. */
static size_t
add_rule(const char *context, xmlNodePtr el, size_t pattern)
{
	struct sch_rule	*r;
	char		*x;

	S.r = xgrow(S.r, S.nr + 1, sizeof(*S.r));
	r = &S.r[S.nr];
	r->context = xstrdup(context);
	r->el = el;
	r->pattern = pattern;
	x = context_expr(context);
	r->comp = compile(x, context);
	free(x);
	return S.nr++;
}

/* Adds a <let> (rule lets are read from the rule element at run time). */
static void
add_let(xmlNodePtr el)
{
	char	*name = attr_of(el, "name"), *value = attr_of(el, "value");

	if (name == NULL || value == NULL)
		die("let without name or value");
	S.lets = xgrow(S.lets, S.nlets + 1, sizeof(*S.lets));
	S.lets[S.nlets].name = name;
	S.lets[S.nlets].comp = compile(value, name);
	S.lets[S.nlets].global = 1;
	S.nlets++;
	free(value);
}

/* Adds the asserts and reports of rule element el (rule index ri). */
static void
add_checks(xmlNodePtr el, size_t ri, const char *set)
{
	xmlNodePtr	 c;

	for (c = el->children; c != NULL; c = c->next) {
		struct sch_assert	 a;
		const struct patch	*pt;
		char			*t;

		if (!is_sch(c, "assert") && !is_sch(c, "report"))
			continue;
		memset(&a, 0, sizeof(a));
		a.el = c;
		a.report = is_sch(c, "report");
		a.id = attr_of(c, "id");
		a.role = attr_of(c, "role");
		a.test = attr_of(c, "test");
		a.rule = ri;
		if (a.id == NULL)
			a.id = xstrdup("(no id)");
		if (a.test == NULL)
			die("%s: no test", a.id);
		if ((pt = find_patch(set, a.id)) != NULL) {
			if (pt->role != NULL && pt->role[0] == '\0')
				continue;	/* dropped */
			if (pt->role != NULL) {
				free(a.role);
				a.role = xstrdup(pt->role);
			}
			if (pt->test != NULL) {
				free(a.test);
				a.test = xstrdup(pt->test);
			}
			if (pt->newid != NULL) {
				free(a.id);
				a.id = xstrdup(pt->newid);
			}
			if (pt->context != NULL)
				a.rule = add_rule(pt->context, NULL, S.np++);
		}
		t = expand_placeholders(a.test, a.id);
		free(a.test);
		a.test = t;
		a.comp = compile(a.test, a.id);
		S.a = xgrow(S.a, S.na + 1, sizeof(*S.a));
		S.a[S.na++] = a;
	}
}

/*
 * The rule set of a rules file: "CSIP" or "SIP" when it lies in a folder
 * of that name under V2.1.0 (the published files), else NULL.
 */
static const char *
rule_set(const char *path)
{
	if (strstr(path, "V2.1.0/CSIP/") != NULL)
		return "CSIP";
	if (strstr(path, "V2.1.0/SIP/") != NULL)
		return "SIP";
	return NULL;
}

/* Loads one rules file into S. */
static void
load_rules(const char *path)
{
	xmlDocPtr	 d;
	xmlNodePtr	 root, p, c;
	const char	*set = rule_set(path);

	if ((d = xmlReadFile(path, NULL, XML_PARSE_NONET)) == NULL)
		die("%s: not readable XML", path);
	S.docs = xgrow(S.docs, S.ndocs + 1, sizeof(*S.docs));
	S.docs[S.ndocs++] = d;
	root = xmlDocGetRootElement(d);
	if (root == NULL || !is_sch(root, "schema"))
		die("%s: not a Schematron schema", path);
	/* Namespaces first: rules may come before a later <ns>. */
	for (c = root->children; c != NULL; c = c->next) {
		char		*pre, *uri;
		const xmlChar	*old;

		if (!is_sch(c, "ns"))
			continue;
		pre = attr_of(c, "prefix");
		uri = attr_of(c, "uri");
		if (pre == NULL || uri == NULL)
			die("%s: ns without prefix or uri", path);
		old = xmlXPathNsLookup(S.xp, BAD_CAST pre);
		if (old != NULL && !xmlStrEqual(old, BAD_CAST uri))
			die("%s: prefix %s bound to two namespaces", path, pre);
		xmlXPathRegisterNs(S.xp, BAD_CAST pre, BAD_CAST uri);
		free(pre);
		free(uri);
	}
	for (p = root->children; p != NULL; p = p->next) {
		size_t	 pat;

		if (is_sch(p, "let"))
			add_let(p);
		if (!is_sch(p, "pattern"))
			continue;
		pat = S.np++;
		for (c = p->children; c != NULL; c = c->next) {
			char	*ctx;
			size_t	 ri;

			if (is_sch(c, "let"))
				add_let(c);
			if (!is_sch(c, "rule"))
				continue;
			if ((ctx = attr_of(c, "context")) == NULL)
				die("%s: rule without context", path);
			/* The published files: every rule its own pattern. */
			ri = add_rule(ctx, c, set != NULL && !S.literal ?
			    S.np++ : pat);
			free(ctx);
			add_checks(c, ri, set);
		}
	}
}

/* ---- evaluation ---------------------------------------------------------- */

/* Evaluates comp on node; exits 2 when libxml2 cannot. */
static xmlXPathObjectPtr
eval_at(xmlXPathCompExprPtr comp, xmlNodePtr node, const char *what)
{
	xmlXPathObjectPtr o;

	S.xp->node = node;
	if ((o = xmlXPathCompiledEval(comp, S.xp)) == NULL)
		die("%s: libxml2 cannot evaluate it", what);
	return o;
}

/* Binds the <let>s of rule element el (none for a patched context). */
static void
bind_rule_lets(xmlNodePtr el, xmlNodePtr node)
{
	xmlNodePtr	 c;

	for (c = el != NULL ? el->children : NULL; c != NULL; c = c->next) {
		char			*name, *value;
		xmlXPathCompExprPtr	 comp;

		if (!is_sch(c, "let"))
			continue;
		name = attr_of(c, "name");
		value = attr_of(c, "value");
		if (name == NULL || value == NULL)
			die("let without name or value");
		comp = compile(value, name);
		xmlXPathRegisterVariable(S.xp, BAD_CAST name,
		    eval_at(comp, node, name));
		xmlXPathFreeCompExpr(comp);
		free(name);
		free(value);
	}
}

/* The message of assert a at node, whitespace normalised; free it. */
static char *
message(const struct sch_assert *a, xmlNodePtr node)
{
	xmlBufferPtr	 b = xmlBufferCreate();
	xmlNodePtr	 c;
	char		*out, *w;
	const char	*r;
	int		 sp = 0;

	for (c = a->el->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			xmlBufferCat(b, c->content);
		else if (is_sch(c, "value-of")) {
			char			*sel = attr_of(c, "select");
			xmlXPathCompExprPtr	 comp;
			xmlXPathObjectPtr	 o;
			xmlChar			*s;

			if (sel == NULL)
				die("%s: value-of without select", a->id);
			comp = compile(sel, a->id);
			o = eval_at(comp, node, a->id);
			s = xmlXPathCastToString(o);
			xmlBufferCat(b, s);
			xmlFree(s);
			xmlXPathFreeObject(o);
			xmlXPathFreeCompExpr(comp);
			free(sel);
		} else if (is_sch(c, "name") && node->name != NULL)
			xmlBufferCat(b, node->name);
		else if (c->type == XML_ELEMENT_NODE) {
			xmlChar	*s = xmlNodeGetContent(c);

			xmlBufferCat(b, s);
			xmlFree(s);
		}
	}
	out = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	for (r = out, w = out; *r != '\0'; r++) {
		if (isspace((unsigned char)*r)) {
			sp = w != out;
			continue;
		}
		if (sp)
			*w++ = ' ';
		sp = 0;
		*w++ = *r;
	}
	*w = '\0';
	return out;
}

/* Returns 1 when role is fatal (ERROR, FATAL, or none at all). */
static int
fatal_role(const char *role)
{
	return role == NULL || strcasecmp(role, "ERROR") == 0 ||
	    strcasecmp(role, "FATAL") == 0;
}

/* Tests every check of rule ri on node; returns the fatal failures. */
static int
run_checks(size_t ri, xmlNodePtr node, long *warn)
{
	size_t	 i;
	int	 errors = 0;

	for (i = 0; i < S.na; i++) {
		struct sch_assert	*a = &S.a[i];
		xmlXPathObjectPtr	 o;
		int			 v;

		if (a->rule != ri)
			continue;
		o = eval_at(a->comp, node, a->id);
		v = xmlXPathCastToBoolean(o);
		xmlXPathFreeObject(o);
		a->nodes++;
		if (a->report ? !v : v)
			continue;
		a->fails++;
		if (fatal_role(a->role))
			errors++;
		else
			(*warn)++;
		if (!S.quiet || a->role == NULL ||
		    strcasecmp(a->role, "INFO") != 0) {
			char	*msg = message(a, node);
			xmlChar	*path = xmlGetNodePath(node);

			printf("%s %s %s: %s (%s)\n", a->report ? "REPORT" :
			    "FAIL", a->id, a->role ? a->role : "ERROR", msg,
			    path ? (const char *)path : "?");
			free(msg);
			xmlFree(path);
		}
	}
	return errors;
}

/* Returns 1 when node is in the sorted set, else adds it and returns 0. */
static int
seen(xmlNodePtr **set, size_t *n, xmlNodePtr node)
{
	size_t	 lo = 0, hi = *n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((*set)[mid] == node)
			return 1;
		if ((uintptr_t)(*set)[mid] < (uintptr_t)node)
			lo = mid + 1;
		else
			hi = mid;
	}
	*set = xgrow(*set, *n + 1, sizeof(**set));
	memmove(*set + lo + 1, *set + lo, (*n - lo) * sizeof(**set));
	(*set)[lo] = node;
	(*n)++;
	return 0;
}

/* Runs every pattern on doc; returns the fatal failures. */
static int
validate(xmlDocPtr doc, long *warn)
{
	xmlNodePtr	*taken = NULL;
	size_t		 ntaken, p, ri, i;
	int		 errors = 0, k;

	for (i = 0; i < S.nlets; i++)
		xmlXPathRegisterVariable(S.xp, BAD_CAST S.lets[i].name,
		    eval_at(S.lets[i].comp, (xmlNodePtr)doc, S.lets[i].name));
	for (p = 0; p < S.np; p++) {
		ntaken = 0;
		for (ri = 0; ri < S.nr; ri++) {
			xmlXPathObjectPtr	 o;
			xmlNodeSetPtr		 ns;

			if (S.r[ri].pattern != p)
				continue;
			o = eval_at(S.r[ri].comp, (xmlNodePtr)doc,
			    S.r[ri].context);
			if (o->type != XPATH_NODESET)
				die("context \"%s\" is not a node-set",
				    S.r[ri].context);
			ns = o->nodesetval;
			for (k = 0; ns != NULL && k < ns->nodeNr; k++) {
				if (seen(&taken, &ntaken, ns->nodeTab[k]))
					continue;	/* an earlier rule's */
				bind_rule_lets(S.r[ri].el, ns->nodeTab[k]);
				errors += run_checks(ri, ns->nodeTab[k], warn);
			}
			xmlXPathFreeObject(o);
		}
	}
	free(taken);
	return errors;
}

/*
 * The vocabularies beside the rules: "X/vocabs" for a first rules file
 * under "X/schematron/"; else "vocabs".  Returns a new string.
 */
static char *
default_vocabs(const char *rules)
{
	const char	*p, *last = NULL;
	char		*v;

	for (p = rules; (p = strstr(p, "schematron/")) != NULL; p++)
		if (p == rules || p[-1] == '/')
			last = p;
	if (last == NULL)
		return xstrdup("vocabs");
	if (asprintf(&v, "%.*svocabs", (int)(last - rules), rules) == -1)
		die("out of memory");
	return v;
}

/* Prints the usage and exits 2. */
static void __attribute__((noreturn))
usage(void)
{
	fputs("usage: schematron [-v] [-q] [--literal] [--vocabs DIR] "
	    "METS.xml RULES.xml...\n", stderr);
	exit(2);
}

int
main(int argc, char *argv[])
{
	xmlDocPtr	 doc;
	const char	*mets;
	char		*slash;
	long		 warn = 0;
	int		 i = 1, errors;
	size_t		 k;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			S.verbose = 1;
		else if (strcmp(argv[i], "-q") == 0)
			S.quiet = 1;
		else if (strcmp(argv[i], "--literal") == 0)
			S.literal = 1;
		else if (strcmp(argv[i], "--vocabs") == 0 && i + 1 < argc)
			S.vocab_dir = argv[++i];
		else
			usage();
	}
	if (argc - i < 2)
		usage();
	mets = argv[i++];
	if (S.vocab_dir == NULL)
		S.vocab_dir = default_vocabs(argv[i]);
	xmlInitParser();
	if ((doc = xmlReadFile(mets, NULL, XML_PARSE_NONET)) == NULL)
		die("%s: not readable XML", mets);
	S.mets_dir = xstrdup(mets);
	if ((slash = strrchr(S.mets_dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(S.mets_dir, ".");
	if ((S.xp = xmlXPathNewContext(doc)) == NULL)
		die("out of memory");
	xmlXPathRegisterNs(S.xp, BAD_CAST "sx", BAD_CAST NS_SX);
	xmlXPathRegisterFuncNS(S.xp, BAD_CAST "in-vocabulary", BAD_CAST NS_SX,
	    fn_in_vocabulary);
	xmlXPathRegisterFuncNS(S.xp, BAD_CAST "missing-representation-divs",
	    BAD_CAST NS_SX, fn_missing_rep_divs);
	for (; i < argc; i++)
		load_rules(argv[i]);
	errors = validate(doc, &warn);
	if (S.verbose)
		for (k = 0; k < S.na; k++)
			printf("RAN %s %s %s nodes=%ld %s=%ld test=%s\n",
			    S.a[k].id, S.a[k].role ? S.a[k].role : "ERROR",
			    S.a[k].report ? "report" : "assert", S.a[k].nodes,
			    S.a[k].report ? "fired" : "failed", S.a[k].fails,
			    S.a[k].test);
	printf("schematron: %s: %zu checks in %zu rules, %d errors, "
	    "%ld warnings/info\n", mets, S.na, S.nr, errors, warn);
	return errors > 0 ? 1 : 0;
}
