/*
 * planscope: the implementation plan follows the counsellor's assignment.
 * Full time or part time, and the reason for part time, are the
 * counsellor's words (the routines: "I uppdrag ... anger
 * karriärvägledaren skäl till deltidsplanering"): once an assignment is
 * recorded, a plan's scope is set from it, whatever the form or the XML
 * said, so the provider never types the reason anew.
 */
#ifndef INSATS_PLANSCOPE_H
#define INSATS_PLANSCOPE_H

#include <libxml/tree.h>

/*
 * Sets <scope> of doc to extent ("fulltime" / "parttime") and, for part
 * time, reason; a full-time scope has no reason.  Returns 0, or -1 if doc
 * is not of a kind that follows the assignment (kinds.h: its root element
 * names the kind) with a scope, or extent is neither value (doc is then
 * unchanged).
 */
int	 planscope_apply(xmlDocPtr doc, const char *extent, const char *reason);

#endif
