/*
 * renderstatic: the parts of the compiled stylesheet that are the same in
 * every page, written once.  A literal result element with only literal
 * attributes and literal content (a table head, a heading, the footer) is
 * copied by libxslt node by node and attribute by attribute on every
 * render: about a thousand instructions each (README "Performance").  At
 * load, each such subtree of a template is serialised as htmlout.h writes
 * it and replaced by one text node of those bytes, marked as written
 * without escaping; htmlout.h writes such text as it is, as libxml2 does.
 * The page is byte for byte the same.
 *
 * The string value of a result tree is not the same, so nothing is
 * replaced where the output can become a string: in the content of
 * xsl:variable, xsl:param, xsl:with-param, xsl:attribute, xsl:comment,
 * xsl:processing-instruction and xsl:message, nor in any template that
 * such content can call or apply (named, by mode, and on from there).
 */
#ifndef INSATS_RENDERSTATIC_H
#define INSATS_RENDERSTATIC_H

#include <libxslt/xsltInternals.h>

/*
 * Rewrites the templates of sheet (compiled, not yet used).  Returns the
 * number of subtrees replaced, or -1 when a walk failed for want of
 * memory (the stylesheet is still whole: each replacement is done or not).
 */
int	 renderstatic_rewrite(xsltStylesheetPtr sheet);

#endif
