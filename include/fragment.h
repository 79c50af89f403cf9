/*
 * fragment: parts of a page rendered once for each distinct input.
 *
 * A row of a list (a placement of the start page, an event of a history)
 * is rendered by libxslt node by node on every page that shows it: about
 * a hundred thousand instructions a row (README "Performance").  The same
 * row with the same data comes back on the next page that lists it, so a
 * worker keeps the bytes of each row it rendered, keyed by everything the
 * row's templates can read: the canonical walk of the row's node in the
 * page document (pagewalk.h), the values of the variables it names, and
 * which for-each it is.  A row rendered before is one text node of its
 * bytes, written as it is (as renderstatic.h's are).
 *
 * The stylesheet marks such a for-each with an attribute in the fragment
 * namespace, ignored by any other XSLT processor:
 *
 *	<xsl:for-each select="placements/placement"
 *	    f:vars="show-provider provider-view" ...>
 *
 * (xmlns:f="urn:insats:fragment", excluded from the result).  The key is
 * sound only if the row's output depends on nothing else, so at load each
 * marked body, and every template it can call or apply, is checked: no
 * absolute path, no parent, ancestor, preceding or following axis, no
 * variable bound outside the body except those named, no position() or
 * last() of the outer list, no key(), document(), id(), generate-id() or
 * lang(), no extension function, no xsl:number, no xsl:apply-imports, no
 * xsl:attribute outside an element of the body, and only variables of
 * string, number or boolean value named.  A stylesheet that breaks a rule
 * does not load: the worker refuses to start and says where.
 */
#ifndef INSATS_FRAGMENT_H
#define INSATS_FRAGMENT_H

#include <libxslt/xsltInternals.h>

#define FRAGMENT_NS	"urn:insats:fragment"

/*
 * Checks and wraps the marked for-each bodies of sheet (compiled, before
 * its first use).  Returns the number marked, or -1 after writing why to
 * stderr (file, line, rule).
 */
int	 fragment_prepare(xsltStylesheetPtr sheet);
/* Keeps at most n rows (0: none, every row rendered).  Before threads. */
void	 fragment_set_rows(int n);
/* Rows found and rendered so far, for the tests and the benchmark. */
void	 fragment_stats(unsigned long *hits, unsigned long *misses);
/* Empties the rows (the stylesheet they were rendered by is going). */
void	 fragment_clear(void);
/* Frees this thread's key buffer (before the thread ends). */
void	 fragment_thread_clear(void);

#endif
