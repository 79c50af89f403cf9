/*
 * auth: who may see and do what.  Identity comes from nginx (REMOTE_USER);
 * CSRF tokens are an HMAC of the login under a server secret.
 */
#ifndef INSATS_AUTH_H
#define INSATS_AUTH_H

#include "store.h"

#define CSRF_TOKEN_LEN 64

/* hex(HMAC-SHA256(secret, "csrf:" login)) into out (65 bytes).  0 or -1. */
int	 auth_csrf_token(const char *secret, const char *login,
	    char out[CSRF_TOKEN_LEN + 1]);
/* 1 if token is the user's token (constant-time compare), else 0. */
int	 auth_csrf_ok(const char *secret, const char *login, const char *token);
/*
 * 1 if u may read the placement and its documents: a provider of the
 * owning organisation, the customer's responsible counsellor, or a team
 * lead (who decides extensions of any placement).
 */
int	 access_placement(const struct user *u, const struct placement *p);
/* 1 if u may see the customer's name and personal number. */
int	 access_identity(const struct user *u, const struct placement *p);
/* 1 if u may edit, submit or revise: the owning provider organisation. */
int	 access_owner(const struct user *u, const struct placement *p);
/* 1 if u may return or approve: the responsible counsellor. */
int	 access_reviewer(const struct user *u, const struct placement *p);

/* The steps of a placement's case flow (handlers_case.c). */
enum case_action {
	CASE_STAFF,		/* bemanning: the owning provider */
	CASE_ASSIGN,		/* uppdrag: the responsible counsellor */
	CASE_MEETING,		/* the start meeting: the owning provider */
	CASE_REQUEST_REVISION,	/* a plan revision: the counsellor */
	CASE_END,		/* the ending decision: the counsellor */
	CASE_EXTEND,		/* an extension: the team lead */
	CASE_BOOK_FOLLOW_UP,	/* a follow-up meeting: provider or counsellor */
	CASE_FOLLOW_UP_OUTCOME,	/* its outcome: the counsellor */
	CASE_CONSENT		/* the customer's consent: the counsellor */
};
/*
 * 1 if u may take step a on the placement, by role and relation alone:
 * the one rule of who takes which step (the step handlers, the placement
 * page's forms and the start page's list of steps all ask it).
 */
int	 may_act(const struct user *u, const struct placement *p,
	    enum case_action a);
/*
 * 1 if a POST's Origin / Sec-Fetch-Site headers (either may be NULL) say it
 * came from this site (host is the request's Host header).
 */
int	 auth_same_origin(const char *origin, const char *sec_fetch_site,
	    const char *host);
/* SHA-256 of data as lowercase hex into out (65 bytes). */
void	 auth_sha256_hex(const void *data, size_t len, char out[65]);

#endif
