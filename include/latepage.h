/*
 * latepage: the deadlines of lateness.h (doc_dues()) as attributes of a
 * page's <document> or <doc>.
 */
#ifndef INSATS_LATEPAGE_H
#define INSATS_LATEPAGE_H

#include <libxml/tree.h>

#include "lateness.h"

/*
 * Writes dd onto a page's <document> or <doc> n (xsl/PAGES.md): due,
 * late, very-late; review-due, review-late; approve-due, approve-late;
 * and for a final report end, ending, paid-until, submit-until, unpaid,
 * refused.  Each only when it applies.
 */
void	 late_page_attrs(xmlNodePtr n, const struct doc_dues *dd);

#endif
