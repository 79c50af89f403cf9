/*
 * Unit tests of workflow: every state x action x role x comment against an
 * expectation written out here from the README's rules ("draft -> (provider
 * submits) -> submitted -> (counsellor returns, with a comment) -> returned
 * -> ... -> approved"; an approved document changes only by a new
 * revision), and the name <-> enum round trips.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "workflow.h"

struct expect {
	enum wf_result	 result;
	enum doc_state	 to;		/* meaningful when result is WF_OK */
};

/*
 * The expectation, written independently of src/domain/workflow.c's table.
 * Providers write (save, submit, revise); counsellors decide (return,
 * approve); archivists and administrators take no workflow action.  A
 * role that may never take an action is refused before the state is
 * looked at, and the comment is asked for only on an edge that exists.
 * Returns the expected result and target state.
 */
static struct expect
expected(enum doc_state from, enum wf_action action, enum role role,
    int has_comment)
{
	struct expect	 e = { WF_WRONG_STATE, from };
	enum role	 actor;

	switch (action) {
	case ACTION_SAVE:
	case ACTION_SUBMIT:
	case ACTION_REVISE:
		actor = ROLE_PROVIDER;
		break;
	case ACTION_RETURN:
	case ACTION_APPROVE:
		actor = ROLE_COUNSELLOR;
		break;
	default:
		fail_msg("unknown action %d", (int)action);
		return e;
	}
	if (role != actor) {
		e.result = WF_WRONG_ROLE;
		return e;
	}
	switch (action) {
	case ACTION_SAVE:	/* editing keeps the state */
		if (from == STATE_DRAFT || from == STATE_RETURNED) {
			e.result = WF_OK;
			e.to = from;
		}
		break;
	case ACTION_SUBMIT:
		if (from == STATE_DRAFT || from == STATE_RETURNED) {
			e.result = WF_OK;
			e.to = STATE_SUBMITTED;
		}
		break;
	case ACTION_RETURN:
		if (from == STATE_SUBMITTED) {
			e.result = has_comment ? WF_OK : WF_COMMENT_REQUIRED;
			e.to = STATE_RETURNED;
		}
		break;
	case ACTION_APPROVE:
		if (from == STATE_SUBMITTED) {
			e.result = WF_OK;
			e.to = STATE_APPROVED;
		}
		break;
	case ACTION_REVISE:	/* the new revision starts as a draft */
		if (from == STATE_APPROVED) {
			e.result = WF_OK;
			e.to = STATE_DRAFT;
		}
		break;
	default:
		break;
	}
	return e;
}

/* Checks every action, role and comment flag from one state; no return. */
static void
check_from(enum doc_state from)
{
	struct expect	 e;
	enum doc_state	 to;
	enum wf_result	 r;
	int		 a, ro, c, checked = 0;

	for (a = 0; a < ACTION__MAX; a++)
		for (ro = 0; ro < ROLE__MAX; ro++)
			for (c = 0; c <= 1; c++) {
				e = expected(from, (enum wf_action)a,
				    (enum role)ro, c);
				to = STATE__MAX;
				r = workflow_apply(from, (enum wf_action)a,
				    (enum role)ro, c, &to);
				if (r != e.result || (r == WF_OK && to != e.to))
					fail_msg("%s %s by %s comment=%d: got "
					    "result %d to %s, expected %d to %s",
					    state_name(from),
					    action_name((enum wf_action)a),
					    role_name((enum role)ro), c, (int)r,
					    state_name(to), (int)e.result,
					    state_name(e.to));
				checked++;
			}
	assert_int_equal(checked, ACTION__MAX * ROLE__MAX * 2);
}

static void
test_workflow_from_draft(void **state)
{
	(void)state;
	check_from(STATE_DRAFT);
}

static void
test_workflow_from_submitted(void **state)
{
	(void)state;
	check_from(STATE_SUBMITTED);
}

static void
test_workflow_from_returned(void **state)
{
	(void)state;
	check_from(STATE_RETURNED);
}

static void
test_workflow_from_approved(void **state)
{
	(void)state;
	check_from(STATE_APPROVED);
}

/* The enum sizes the exhaustive tests assume: a new value needs new cases. */
static void
test_workflow_enum_sizes(void **state)
{
	(void)state;
	assert_int_equal(STATE__MAX, 4);
	assert_int_equal(ACTION__MAX, 5);
	assert_int_equal(ROLE__MAX, 5);
}

/*
 * A few edges spelled out, as a reader of the README's rules would check
 * them.
 */
static void
test_workflow_edges_spelled_out(void **state)
{
	enum doc_state	 to;

	(void)state;
	to = STATE__MAX;
	assert_int_equal(workflow_apply(STATE_DRAFT, ACTION_SUBMIT,
	    ROLE_PROVIDER, 0, &to), WF_OK);
	assert_int_equal(to, STATE_SUBMITTED);
	assert_int_equal(workflow_apply(STATE_SUBMITTED, ACTION_RETURN,
	    ROLE_COUNSELLOR, 0, &to), WF_COMMENT_REQUIRED);
	assert_int_equal(workflow_apply(STATE_SUBMITTED, ACTION_RETURN,
	    ROLE_COUNSELLOR, 1, &to), WF_OK);
	assert_int_equal(to, STATE_RETURNED);
	assert_int_equal(workflow_apply(STATE_APPROVED, ACTION_SAVE,
	    ROLE_PROVIDER, 0, &to), WF_WRONG_STATE);
	assert_int_equal(workflow_apply(STATE_SUBMITTED, ACTION_APPROVE,
	    ROLE_PROVIDER, 0, &to), WF_WRONG_ROLE);
	assert_int_equal(workflow_apply(STATE_SUBMITTED, ACTION_APPROVE,
	    ROLE_ADMIN, 1, &to), WF_WRONG_ROLE);
	assert_int_equal(workflow_apply(STATE_DRAFT, ACTION_APPROVE,
	    ROLE_ARCHIVIST, 1, &to), WF_WRONG_ROLE);
	/* Wrong role wins over wrong state: nothing leaks about the state. */
	assert_int_equal(workflow_apply(STATE_APPROVED, ACTION_RETURN,
	    ROLE_PROVIDER, 0, &to), WF_WRONG_ROLE);
	/* Wrong state wins over a missing comment. */
	assert_int_equal(workflow_apply(STATE_DRAFT, ACTION_RETURN,
	    ROLE_COUNSELLOR, 0, &to), WF_WRONG_STATE);
}

/* workflow_role_may is 1 exactly when some state lets the role act. */
static void
test_workflow_role_may(void **state)
{
	int	 a, ro, s, any;

	(void)state;
	for (a = 0; a < ACTION__MAX; a++)
		for (ro = 0; ro < ROLE__MAX; ro++) {
			any = 0;
			for (s = 0; s < STATE__MAX; s++)
				if (expected((enum doc_state)s,
				    (enum wf_action)a, (enum role)ro,
				    1).result == WF_OK)
					any = 1;
			if (workflow_role_may((enum wf_action)a,
			    (enum role)ro) != any)
				fail_msg("role_may(%s, %s) != %d",
				    action_name((enum wf_action)a),
				    role_name((enum role)ro), any);
		}
	assert_int_equal(workflow_role_may(ACTION_SAVE, ROLE_ARCHIVIST), 0);
	assert_int_equal(workflow_role_may(ACTION_APPROVE, ROLE_COUNSELLOR), 1);
}

/* Every row of the published table agrees with the expectation. */
static void
test_workflow_every_table_row_as_expected(void **state)
{
	const struct transition	*t;
	struct expect		 e;
	size_t			 n, i, ok = 0;
	int			 s, a, ro;

	(void)state;
	t = workflow_table(&n);
	assert_non_null(t);
	for (i = 0; i < n; i++) {
		e = expected(t[i].from, t[i].action, t[i].role, 1);
		assert_int_equal(e.result, WF_OK);
		assert_int_equal(e.to, t[i].to);
		assert_int_equal(t[i].comment_required,
		    expected(t[i].from, t[i].action, t[i].role, 0).result ==
		    WF_COMMENT_REQUIRED);
	}
	/* ...and the table has no edge fewer than the expectation. */
	for (s = 0; s < STATE__MAX; s++)
		for (a = 0; a < ACTION__MAX; a++)
			for (ro = 0; ro < ROLE__MAX; ro++)
				if (expected((enum doc_state)s,
				    (enum wf_action)a, (enum role)ro,
				    1).result == WF_OK)
					ok++;
	assert_int_equal(n, ok);
}

static void
test_workflow_state_names(void **state)
{
	static const char *const names[] = {
		"draft", "submitted", "returned", "approved" };
	enum doc_state	 s;
	int		 i;

	(void)state;
	for (i = 0; i < STATE__MAX; i++) {
		assert_string_equal(state_name((enum doc_state)i), names[i]);
		s = STATE__MAX;
		assert_int_equal(state_parse(names[i], &s), 0);
		assert_int_equal(s, i);
	}
}

static void
test_workflow_action_names(void **state)
{
	static const char *const names[] = {
		"save", "submit", "return", "approve", "revise" };
	enum wf_action	 a;
	int		 i;

	(void)state;
	for (i = 0; i < ACTION__MAX; i++) {
		assert_string_equal(action_name((enum wf_action)i), names[i]);
		a = ACTION__MAX;
		assert_int_equal(action_parse(names[i], &a), 0);
		assert_int_equal(a, i);
	}
}

static void
test_workflow_role_names(void **state)
{
	static const char *const names[] = {
		"provider", "counsellor", "archivist", "admin", "lead" };
	enum role	 r;
	int		 i;

	(void)state;
	for (i = 0; i < ROLE__MAX; i++) {
		assert_string_equal(role_name((enum role)i), names[i]);
		r = ROLE__MAX;
		assert_int_equal(role_parse(names[i], &r), 0);
		assert_int_equal(r, i);
	}
}

/* Names that are close to real ones but are not. */
static const char *const near_misses[] = {
	"", " ", "Draft", "DRAFT", "draft ", " draft", "drafts", "draf",
	"Submit", "save\n", "approved\t", "provider!", "Admin", "?",
	"counselor", "archive", "revision", "retur", "d\xc3\xa5", NULL
};

static void
test_workflow_bad_state_names(void **state)
{
	enum doc_state	 s = STATE_APPROVED;
	size_t		 i;

	(void)state;
	for (i = 0; near_misses[i] != NULL; i++) {
		assert_int_equal(state_parse(near_misses[i], &s), -1);
		assert_int_equal(s, STATE_APPROVED);	/* untouched */
	}
	assert_int_equal(state_parse(NULL, &s), -1);
	assert_int_equal(state_parse("save", &s), -1);	/* an action */
	assert_int_equal(s, STATE_APPROVED);
}

static void
test_workflow_bad_action_names(void **state)
{
	enum wf_action	 a = ACTION_REVISE;
	size_t		 i;

	(void)state;
	for (i = 0; near_misses[i] != NULL; i++) {
		assert_int_equal(action_parse(near_misses[i], &a), -1);
		assert_int_equal(a, ACTION_REVISE);
	}
	assert_int_equal(action_parse(NULL, &a), -1);
	assert_int_equal(action_parse("draft", &a), -1);	/* a state */
	assert_int_equal(a, ACTION_REVISE);
}

static void
test_workflow_bad_role_names(void **state)
{
	enum role	 r = ROLE_ADMIN;
	size_t		 i;

	(void)state;
	for (i = 0; near_misses[i] != NULL; i++) {
		assert_int_equal(role_parse(near_misses[i], &r), -1);
		assert_int_equal(r, ROLE_ADMIN);
	}
	assert_int_equal(role_parse(NULL, &r), -1);
	assert_int_equal(role_parse("approve", &r), -1);
	assert_int_equal(r, ROLE_ADMIN);
}

/* Out-of-range enums name themselves "?" and never index past a table. */
static void
test_workflow_bad_out_of_range(void **state)
{
	(void)state;
	assert_string_equal(state_name(STATE__MAX), "?");
	assert_string_equal(state_name((enum doc_state)-1), "?");
	assert_string_equal(action_name(ACTION__MAX), "?");
	assert_string_equal(action_name((enum wf_action)-1), "?");
	assert_string_equal(role_name(ROLE__MAX), "?");
	assert_string_equal(role_name((enum role)-1), "?");
	assert_string_equal(role_name((enum role)1000), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workflow_enum_sizes),
		cmocka_unit_test(test_workflow_from_draft),
		cmocka_unit_test(test_workflow_from_submitted),
		cmocka_unit_test(test_workflow_from_returned),
		cmocka_unit_test(test_workflow_from_approved),
		cmocka_unit_test(test_workflow_edges_spelled_out),
		cmocka_unit_test(test_workflow_role_may),
		cmocka_unit_test(test_workflow_every_table_row_as_expected),
		cmocka_unit_test(test_workflow_state_names),
		cmocka_unit_test(test_workflow_action_names),
		cmocka_unit_test(test_workflow_role_names),
		cmocka_unit_test(test_workflow_bad_state_names),
		cmocka_unit_test(test_workflow_bad_action_names),
		cmocka_unit_test(test_workflow_bad_role_names),
		cmocka_unit_test(test_workflow_bad_out_of_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
