/*
 * workflow: the document life as a table.  Pure code, no I/O.
 * draft -> submitted -> returned -> submitted -> approved.
 */
#ifndef INSATS_WORKFLOW_H
#define INSATS_WORKFLOW_H

#include <stddef.h>

enum doc_state { STATE_DRAFT, STATE_SUBMITTED, STATE_RETURNED, STATE_APPROVED,
	STATE__MAX };
enum wf_action { ACTION_SAVE, ACTION_SUBMIT, ACTION_RETURN, ACTION_APPROVE,
	ACTION_REVISE, ACTION__MAX };
enum role { ROLE_PROVIDER, ROLE_COUNSELLOR, ROLE_ARCHIVIST, ROLE_ADMIN,
	ROLE_LEAD, ROLE__MAX };

enum wf_result {
	WF_OK = 0,
	WF_WRONG_STATE,		/* the action is not possible in this state: 409 */
	WF_WRONG_ROLE,		/* the role may never take it: 403 */
	WF_COMMENT_REQUIRED	/* allowed, but only with a comment: 422 */
};

struct transition {
	enum doc_state	 from;
	enum wf_action	 action;
	enum role	 role;
	int		 comment_required;
	enum doc_state	 to;
};

/*
 * Decides whether role may take action on a document in state from.
 * On WF_OK *to is the new state (ACTION_SAVE keeps the state; ACTION_REVISE
 * names the state of the new revision, draft).
 */
enum wf_result	 workflow_apply(enum doc_state from, enum wf_action action,
		    enum role role, int has_comment, enum doc_state *to);
/* 1 if some state lets role take action (for showing buttons). */
int		 workflow_role_may(enum wf_action action, enum role role);
/* The table itself, for tests and documentation. */
const struct transition *workflow_table(size_t *n);

/* Names and their parsers: *_parse returns 0 with *out set, or -1. */
const char	*state_name(enum doc_state s);	/* "draft" ... */
int		 state_parse(const char *s, enum doc_state *out);
const char	*action_name(enum wf_action a);	/* "save" ... */
int		 action_parse(const char *s, enum wf_action *out);
const char	*role_name(enum role r);	/* "provider" ... */
int		 role_parse(const char *s, enum role *out);

#endif
