/*
 * msghandlers: the web pages of messages and personal-data incidents
 * (issue 13; handlers_messages.c, handlers_incidents.c).  Each handler
 * sends its answer and returns the HTTP status it sent (router.h).
 */
#ifndef INSATS_MSGHANDLERS_H
#define INSATS_MSGHANDLERS_H

#include "router.h"

/* GET /placements/{id}/messages: the thread; marks it read. */
int	 h_messages(struct ctx *);
/* POST /placements/{id}/messages: a new message (CSRF, router.c). */
int	 h_message_post(struct ctx *);
/*
 * The start page's unread messages of a provider or counsellor
 * (<messages unread="N"> of <thread>).  0 or -1.
 */
int	 messages_start(struct ctx *c, xmlNodePtr root);

/* GET /incidents/new: the provider's report form. */
int	 h_incident_new(struct ctx *);
/* POST /incidents: a report of a personal-data incident. */
int	 h_incident_create(struct ctx *);
/* GET /incidents/{id}: one report, for those it concerns. */
int	 h_incident_view(struct ctx *);
/*
 * The start page's incidents (<incidents>): a provider's own reports, a
 * counsellor's received ones, every one for the admin.  0 or -1.
 */
int	 incidents_start(struct ctx *c, xmlNodePtr root);

#endif
