/*
 * workflow: the transition table.  Who may do what to a document in which
 * state; ownership (which provider, which counsellor) is checked by the
 * caller, this table only knows roles.
 */
#include <string.h>

#include "workflow.h"

static const struct transition table[] = {
	{ STATE_DRAFT,     ACTION_SAVE,    ROLE_PROVIDER,   0, STATE_DRAFT },
	{ STATE_RETURNED,  ACTION_SAVE,    ROLE_PROVIDER,   0, STATE_RETURNED },
	{ STATE_DRAFT,     ACTION_SUBMIT,  ROLE_PROVIDER,   0, STATE_SUBMITTED },
	{ STATE_RETURNED,  ACTION_SUBMIT,  ROLE_PROVIDER,   0, STATE_SUBMITTED },
	{ STATE_SUBMITTED, ACTION_RETURN,  ROLE_COUNSELLOR, 1, STATE_RETURNED },
	{ STATE_SUBMITTED, ACTION_APPROVE, ROLE_COUNSELLOR, 0, STATE_APPROVED },
	{ STATE_APPROVED,  ACTION_REVISE,  ROLE_PROVIDER,   0, STATE_DRAFT },
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

static const char *const state_names[STATE__MAX] = {
	"draft", "submitted", "returned", "approved" };
static const char *const action_names[ACTION__MAX] = {
	"save", "submit", "return", "approve", "revise" };
static const char *const role_names[ROLE__MAX] = {
	"provider", "counsellor", "archivist", "admin", "lead" };

/*
 * Looks the edge up.  The role is checked before the state so that a role
 * that may never act learns nothing about the document's state.
 */
enum wf_result
workflow_apply(enum doc_state from, enum wf_action action, enum role role,
    int has_comment, enum doc_state *to)
{
	size_t	 i;

	if (!workflow_role_may(action, role))
		return WF_WRONG_ROLE;
	for (i = 0; i < NTABLE; i++) {
		if (table[i].from != from || table[i].action != action ||
		    table[i].role != role)
			continue;
		if (table[i].comment_required && !has_comment)
			return WF_COMMENT_REQUIRED;
		*to = table[i].to;
		return WF_OK;
	}
	return WF_WRONG_STATE;
}

int
workflow_role_may(enum wf_action action, enum role role)
{
	size_t	 i;

	for (i = 0; i < NTABLE; i++)
		if (table[i].action == action && table[i].role == role)
			return 1;
	return 0;
}

const struct transition *
workflow_table(size_t *n)
{
	*n = NTABLE;
	return table;
}

static int
lookup(const char *const *names, int count, const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < count; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *
state_name(enum doc_state s)
{
	return (unsigned)s < STATE__MAX ? state_names[s] : "?";
}

/* Returns 0 with *out set, or -1 for an unknown name. */
int
state_parse(const char *s, enum doc_state *out)
{
	int	 i = lookup(state_names, STATE__MAX, s);

	if (i < 0)
		return -1;
	*out = (enum doc_state)i;
	return 0;
}

const char *
action_name(enum wf_action a)
{
	return (unsigned)a < ACTION__MAX ? action_names[a] : "?";
}

int
action_parse(const char *s, enum wf_action *out)
{
	int	 i = lookup(action_names, ACTION__MAX, s);

	if (i < 0)
		return -1;
	*out = (enum wf_action)i;
	return 0;
}

const char *
role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? role_names[r] : "?";
}

int
role_parse(const char *s, enum role *out)
{
	int	 i = lookup(role_names, ROLE__MAX, s);

	if (i < 0)
		return -1;
	*out = (enum role)i;
	return 0;
}
