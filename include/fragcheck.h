/*
 * fragcheck: whether the output of a for-each body can depend on anything
 * but its context node's subtree and the variables it names (the rules
 * are in fragment.h).  Lexical: each variable reference is resolved as
 * XSLT 1.0 scopes it, each XPath expression is read token by token, and
 * each template the body can call or apply is read as well.
 */
#ifndef INSATS_FRAGCHECK_H
#define INSATS_FRAGCHECK_H

#include <stddef.h>
#include <libxslt/xsltInternals.h>

struct fragcheck {
	char		 why[256];	/* the rule broken, and what broke it */
	xmlNodePtr	 where;		/* the stylesheet node */
};

/* What a fragment may read besides its node: its f:vars and f:nodes. */
struct fragreads {
	const xmlChar *const	*vars;		/* variable names */
	size_t			 nvars;
	const xmlChar *const	*paths;		/* "/page/kinds": subtrees */
	size_t			 npaths;
};

/*
 * Checks the sequence constructor that starts at first (the body of a
 * for-each after its xsl:sort), which may read what reads names besides
 * its own variables and its node's subtree.  Returns 0 when it depends on
 * nothing else, or -1 with r filled.
 */
int	 fragcheck_body(xsltStylesheetPtr sheet, xmlNodePtr first,
	    const struct fragreads *reads, struct fragcheck *r);
/*
 * Checks one XPath expression (a pattern when is_pattern) with the
 * variables in scope and the absolute paths of reads (its variables are
 * not looked at: scope has them where they are visible); outer: evaluated
 * in the context of the fragment's own node (position() and last() would
 * read the outer list).  Returns 0 or -1 with r filled.
 */
int	 fragcheck_expr(const char *expr, const char *const *scope,
	    size_t nscope, const struct fragreads *reads, int outer,
	    int is_pattern, struct fragcheck *r);

#endif
