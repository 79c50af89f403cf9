/*
 * router: the table of routes and the per-request context handed to the
 * handlers (handlers_*.c).
 */
#ifndef INSATS_ROUTER_H
#define INSATS_ROUTER_H

#include "auth.h"
#include "calendar.h"
#include "config.h"
#include "database.h"
#include "http.h"
#include "render.h"
#include "store.h"

struct ctx {
	struct request		*req;
	struct db		*db;
	const struct config	*cfg;
	const char		*secret;	/* CSRF key */
	struct user		 user;
	char			 csrf[CSRF_TOKEN_LEN + 1];
	struct form		 form;		/* url-encoded POST body */
	long			 id;		/* the {id} of the path */
};

struct route {
	const char	*method;
	const char	*pattern;	/* "/documents/{id}/submit" */
	int		(*handler)(struct ctx *);
	int		 authenticated;	/* 0 only for /healthz */
};

/* Today's date in the configured time zone: the one clock of the worker. */
struct date	 today_local(void);
/* The route table (for the authorization matrix test). */
const struct route *router_routes(size_t *n);
/*
 * Serves one request: identity, route, CSRF, handler, log line.
 */
void		 router_dispatch(struct request *req, struct db *db,
		    const struct config *cfg, const char *secret);
/* Renders the error page (view "error") of status; xsl/error.xsl explains. */
int		 send_error(struct ctx *c, int status);
/*
 * The error page with a reason code (xsl/texts.xsl words it) and an
 * optional value it shows, arg (may be NULL): <error reason=".." arg="..">.
 */
int		 send_error_code(struct ctx *c, int status, const char *reason,
		    const char *arg);
/*
 * send_error_code with a link to href (a local path, "/…") where the user
 * goes on; its label is a code too.
 */
int		 send_error_code_link(struct ctx *c, int status,
		    const char *reason, const char *arg, const char *href,
		    const char *label);
/* Renders pg and sends it with status; frees pg.  Returns status. */
int		 send_page(struct ctx *c, struct page *pg, int status);
/*
 * Adds <flash kind="ok"> to pg when the request's ?m= is one of known
 * (NULL-terminated): the message after a redirect.  No return value.
 */
void		 ctx_flash(struct ctx *c, struct page *pg,
		    const char *const *known);
/* Starts a page with the viewer filled in.  0 or -1. */
int		 ctx_page(struct ctx *c, struct page *pg, const char *view);
/*
 * Loads placement id if the viewer may see it.  Returns 0, or the status
 * of the error page already sent: 404 (unknown or not the viewer's), 500.
 */
int		 ctx_placement(struct ctx *c, long id, struct placement *p);
/*
 * Loads placement id for a reader whose right comes from a customer's
 * consent (the caller checked it): logged as ctx_placement.  0 or the
 * status sent.
 */
int		 ctx_placement_by_consent(struct ctx *c, long id,
		    struct placement *p);

/*
 * The handlers: each sends its answer (or error page) and returns the
 * HTTP status it sent, for the log line.
 */
/* handlers_pages.c */
int		 h_start(struct ctx *);
int		 h_placement(struct ctx *);
/*
 * The placement page of p, with errs (may be NULL) and the typed values of
 * the refused step (may be NULL), sent with status.
 */
int		 send_placement(struct ctx *c, const struct placement *p,
		    const struct field_errors *errs, const char *step,
		    int status);
int		 h_health(struct ctx *);
/* handlers_doc.c */
int		 h_doc_new(struct ctx *);
int		 h_doc_create(struct ctx *);
int		 h_doc_view(struct ctx *);
int		 h_doc_edit(struct ctx *);
int		 h_doc_save(struct ctx *);
int		 h_doc_history(struct ctx *);
int		 h_doc_submit(struct ctx *);
int		 h_doc_return(struct ctx *);
int		 h_doc_approve(struct ctx *);
int		 h_doc_revise(struct ctx *);
/* handlers_case.c */
/* Adds <case> (steps, dues, allowed steps, events) to pl.  0 or -1. */
int		 case_add_to_placement(struct ctx *c, xmlNodePtr pl,
		    const struct placement *p, struct date today);
/* The start page's open steps (<steps>), provider or counsellor.  0/-1. */
int		 case_start_steps(struct ctx *c, xmlNodePtr root,
		    struct date today);
/* The team lead's start page (<near-max>).  0 or -1. */
int		 case_lead_start(struct ctx *c, xmlNodePtr root,
		    struct date today);
int		 h_case_staff(struct ctx *);
int		 h_case_assign(struct ctx *);
int		 h_case_meeting(struct ctx *);
int		 h_case_request_revision(struct ctx *);
int		 h_case_end(struct ctx *);
int		 h_case_extend(struct ctx *);
int		 h_case_consent(struct ctx *);
int		 h_follow_up_book(struct ctx *);
int		 h_follow_up_outcome(struct ctx *);
/* handlers_queue.c */
int		 h_queue_new(struct ctx *);
int		 h_queue_create(struct ctx *);
/* handlers_payments.c */
int		 h_payments(struct ctx *);
/* handlers_search.c */
int		 h_search(struct ctx *);
/* handlers_archive.c */
/* The archivist's start page: <handover> and <packages>.  0 or -1. */
int		 archive_start_page(struct ctx *c, xmlNodePtr root,
		    struct date today);
int		 h_archive_export(struct ctx *);
int		 h_archive_confirm(struct ctx *);

#endif
