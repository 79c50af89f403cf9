/*
 * htmlout: the HTML serialiser of the rendered page.  It writes exactly
 * the bytes libxml2 2.9's htmlDocContentDumpFormatOutput (format 0, what
 * xsltSaveResultToString runs for <xsl:output method="html" indent="no">)
 * writes for the trees page.xsl makes, in one pass over a flat buffer:
 * libxml2's own took a quarter of a fresh document view (callgrind), most
 * of it in a malloc'd copy of every text and attribute value.
 */
#ifndef INSATS_HTMLOUT_H
#define INSATS_HTMLOUT_H

#include <stddef.h>
#include <libxml/tree.h>

/*
 * Serialises doc, the result of an html-method stylesheet (its
 * <meta http-equiv="Content-Type"> already set, as render.c does).
 * Returns 0 with *html (xmlMalloc'd, NUL-terminated) and *len set, or -1
 * when the tree holds something this serialiser does not write as libxml2
 * would (namespaces, entity references, processing instructions, text
 * that libxml2 treats specially): the caller then uses libxml2's.  Text
 * marked not to be escaped (xmlStringTextNoenc: only renderstatic.h makes
 * it, page.xsl never asks for it) is written as it is, as libxml2 does.
 */
int	 htmlout_doc(xmlDocPtr doc, char **html, size_t *len);
/*
 * The bytes htmlout_doc writes for element e and its subtree, wherever it
 * stands in a page (the rules above look no further up than e).  Returns
 * 0 with *html and *len set as htmlout_doc, or -1.
 */
int	 htmlout_element(xmlNodePtr e, char **html, size_t *len);
/*
 * The bytes htmlout_doc writes for first and its following siblings (and
 * their subtrees), as htmlout_element.  Returns 0 or -1, as it does.
 */
int	 htmlout_nodes(xmlNodePtr first, char **html, size_t *len);

#endif
