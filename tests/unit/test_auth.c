/*
 * Unit tests of auth: the CSRF token (an HMAC of the login, cached per
 * thread), its constant-time check, the same-origin rule for POSTs, who
 * may read a placement and see the customer's identity, and may_act()
 * for every role and every step of the case flow.  The expected tokens
 * and digests were computed outside insats (HMAC-SHA-256 and SHA-256 of
 * the same bytes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "auth.h"

#define TOKEN_ANNA	"ac51902864f3986038469111d92b47b1460c133623d767895938d0c997495e3e"
#define TOKEN_BO	"1d6f316d7fba1204b1b90e3f0a86245749fe97c632133a995f46e02abe9cf16a"
#define TOKEN_ANNA_2	"1dfc8a235b32457b69905473f57508ba7c512c7deda6d858a7efb80fe38e2101"

/* Asserts that the token of login under secret is want; no return. */
static void
assert_token(const char *secret, const char *login, const char *want)
{
	char	 out[CSRF_TOKEN_LEN + 1];

	assert_int_equal(auth_csrf_token(secret, login, out), 0);
	assert_string_equal(out, want);
}

static void
test_csrf_token_is_hmac_of_the_login(void **state)
{

	(void)state;
	assert_token("s3cret", "anna", TOKEN_ANNA);
	assert_token("s3cret", "bo", TOKEN_BO);
	assert_token("another secret", "anna", TOKEN_ANNA_2);
	assert_int_equal(strlen(TOKEN_ANNA), CSRF_TOKEN_LEN);
}

/* The per-thread cache never hands one user's token to another. */
static void
test_csrf_token_cache_follows_login_and_secret(void **state)
{

	(void)state;
	assert_token("s3cret", "anna", TOKEN_ANNA);
	assert_token("s3cret", "anna", TOKEN_ANNA);
	assert_token("s3cret", "bo", TOKEN_BO);
	assert_token("s3cret", "anna", TOKEN_ANNA);
	assert_token("another secret", "anna", TOKEN_ANNA_2);
	assert_token("s3cret", "anna", TOKEN_ANNA);
	/* A prefix of the cached login is another login. */
	assert_token("s3cret", "ann",
	    "dc601923d917f4898bef26f0843a702638e46d81cc1b9fa73b467a0bfea4c19f");
}

/* Too long to cache: computed every time, still right. */
static void
test_csrf_token_of_uncacheable_secret_and_login(void **state)
{
	char	 secret[201], login[101];

	(void)state;
	memset(secret, 'x', 200);
	secret[200] = '\0';
	memset(login, 'a', 100);
	login[100] = '\0';
	assert_token(secret, "anna",
	    "db17631cd592ef2bf1502e5e2497cfff4babdb8804d919a7de46cb9a267aa9ca");
	assert_token("s3cret", login,
	    "3c229835c82f82190fdafe24f8850562f8cbb6ba087a656d3beb48f21d96541b");
	assert_token("s3cret", "anna", TOKEN_ANNA);
}

static void
test_csrf_token_refuses_missing_secret_or_login(void **state)
{
	char	 out[CSRF_TOKEN_LEN + 1], login[124];

	(void)state;
	assert_int_equal(auth_csrf_token(NULL, "anna", out), -1);
	assert_int_equal(auth_csrf_token("", "anna", out), -1);
	assert_int_equal(auth_csrf_token("s3cret", NULL, out), -1);
	/* "csrf:" and the login must fit the 128-byte message. */
	memset(login, 'l', 123);
	login[123] = '\0';
	assert_int_equal(auth_csrf_token("s3cret", login, out), -1);
	login[122] = '\0';
	assert_int_equal(auth_csrf_token("s3cret", login, out), 0);
	assert_int_equal(strlen(out), CSRF_TOKEN_LEN);
}

static void
test_csrf_ok_takes_only_the_users_own_token(void **state)
{
	char	 tok[CSRF_TOKEN_LEN + 2];

	(void)state;
	assert_true(auth_csrf_ok("s3cret", "anna", TOKEN_ANNA));
	assert_false(auth_csrf_ok("s3cret", "bo", TOKEN_ANNA));
	assert_false(auth_csrf_ok("another secret", "anna", TOKEN_ANNA));
	assert_false(auth_csrf_ok("s3cret", "anna", NULL));
	assert_false(auth_csrf_ok("s3cret", "anna", ""));
	assert_false(auth_csrf_ok(NULL, "anna", TOKEN_ANNA));
	assert_false(auth_csrf_ok("", "anna", TOKEN_ANNA));
	/* One character changed, in capitals, one short, one long. */
	memcpy(tok, TOKEN_ANNA, CSRF_TOKEN_LEN + 1);
	tok[CSRF_TOKEN_LEN - 1] = tok[CSRF_TOKEN_LEN - 1] == '0' ? '1' : '0';
	assert_false(auth_csrf_ok("s3cret", "anna", tok));
	assert_false(auth_csrf_ok("s3cret", "anna",
	    "AC51902864F3986038469111D92B47B1460C133623D767895938D0C997495E3E"));
	memcpy(tok, TOKEN_ANNA, CSRF_TOKEN_LEN + 1);
	tok[CSRF_TOKEN_LEN - 1] = '\0';
	assert_false(auth_csrf_ok("s3cret", "anna", tok));
	memcpy(tok, TOKEN_ANNA, CSRF_TOKEN_LEN);
	tok[CSRF_TOKEN_LEN] = '0';
	tok[CSRF_TOKEN_LEN + 1] = '\0';
	assert_false(auth_csrf_ok("s3cret", "anna", tok));
}

static void
test_same_origin_without_headers_is_allowed(void **state)
{

	(void)state;
	assert_true(auth_same_origin(NULL, NULL, "example.org"));
	assert_true(auth_same_origin("", "", "example.org"));
	assert_true(auth_same_origin(NULL, NULL, NULL));
}

static void
test_same_origin_by_sec_fetch_site(void **state)
{

	(void)state;
	assert_true(auth_same_origin(NULL, "same-origin", "example.org"));
	assert_true(auth_same_origin(NULL, "none", "example.org"));
	assert_false(auth_same_origin(NULL, "same-site", "example.org"));
	assert_false(auth_same_origin(NULL, "cross-site", "example.org"));
	assert_false(auth_same_origin(NULL, "Same-Origin", "example.org"));
	/* Our own Origin does not save a cross-site fetch. */
	assert_false(auth_same_origin("http://example.org", "cross-site",
	    "example.org"));
}

static void
test_same_origin_by_origin_and_host(void **state)
{

	(void)state;
	assert_true(auth_same_origin("http://example.org", NULL,
	    "example.org"));
	assert_true(auth_same_origin("https://127.0.0.1:8080", "same-origin",
	    "127.0.0.1:8080"));
	assert_false(auth_same_origin("http://evil.example", NULL,
	    "example.org"));
	/* Our host as a prefix, a port of its own, a path, another case. */
	assert_false(auth_same_origin("http://127.0.0.1:8080.evil.example",
	    NULL, "127.0.0.1:8080"));
	assert_false(auth_same_origin("http://127.0.0.1:8081", NULL,
	    "127.0.0.1:8080"));
	assert_false(auth_same_origin("http://example.org/", NULL,
	    "example.org"));
	assert_false(auth_same_origin("http://EXAMPLE.org", NULL,
	    "example.org"));
	/* Not http(s), "null" (a sandboxed frame), no Host to compare. */
	assert_false(auth_same_origin("null", NULL, "example.org"));
	assert_false(auth_same_origin("ftp://example.org", NULL,
	    "example.org"));
	assert_false(auth_same_origin("example.org", NULL, "example.org"));
	assert_false(auth_same_origin("http://example.org", NULL, NULL));
}

static void
test_sha256_hex_of_known_inputs(void **state)
{
	char	 out[65];

	(void)state;
	auth_sha256_hex("abc", 3, out);
	assert_string_equal(out,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	auth_sha256_hex("", 0, out);
	assert_string_equal(out,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* ---- who may read and do what ------------------------------------------ */

/*
 * The placement: Framtid AB's (organisation 7), customer of counsellor
 * 3.  The users: each role, related to it or not.
 */
enum who {
	OWNER,		/* provider of Framtid AB */
	OTHER_PROVIDER,	/* provider of another organisation */
	NO_ORG,		/* a provider without an organisation */
	REVIEWER,	/* the responsible counsellor */
	COUNSELLOR,	/* another counsellor */
	LEAD,
	ARCHIVIST,
	ADMIN,
	WHO__MAX
};

static const struct user users[WHO__MAX] = {
	[OWNER] = { .id = 10, .login = "anna", .role = ROLE_PROVIDER,
	    .org_id = 7 },
	[OTHER_PROVIDER] = { .id = 11, .login = "bo", .role = ROLE_PROVIDER,
	    .org_id = 8 },
	[NO_ORG] = { .id = 12, .login = "nils", .role = ROLE_PROVIDER,
	    .org_id = 0 },
	[REVIEWER] = { .id = 3, .login = "karin", .role = ROLE_COUNSELLOR },
	[COUNSELLOR] = { .id = 4, .login = "kalle", .role = ROLE_COUNSELLOR },
	[LEAD] = { .id = 5, .login = "lena", .role = ROLE_LEAD },
	[ARCHIVIST] = { .id = 6, .login = "arkiv", .role = ROLE_ARCHIVIST },
	[ADMIN] = { .id = 7, .login = "admin", .role = ROLE_ADMIN },
};

static struct placement
framtid_placement(int protected)
{
	struct placement	 p;

	memset(&p, 0, sizeof(p));
	p.id = 1;
	p.provider_id = 7;
	p.counsellor_id = 3;
	p.protected = protected;
	return p;
}

static void
test_access_owner_is_a_provider_of_the_organisation(void **state)
{
	struct placement	 p = framtid_placement(0), none;
	size_t			 w;

	(void)state;
	for (w = 0; w < WHO__MAX; w++)
		assert_int_equal(access_owner(&users[w], &p), w == OWNER);
	/* A placement without a provider has no owner, org 0 or not. */
	none = p;
	none.provider_id = 0;
	assert_false(access_owner(&users[NO_ORG], &none));
	assert_false(access_owner(&users[OWNER], &none));
}

static void
test_access_reviewer_is_the_responsible_counsellor(void **state)
{
	struct placement	 p = framtid_placement(0);
	struct user		 lead = users[LEAD];
	size_t			 w;

	(void)state;
	for (w = 0; w < WHO__MAX; w++)
		assert_int_equal(access_reviewer(&users[w], &p), w == REVIEWER);
	/* The counsellor's id in another role is not the counsellor. */
	lead.id = p.counsellor_id;
	assert_false(access_reviewer(&lead, &p));
}

static void
test_access_placement_owner_reviewer_and_lead(void **state)
{
	struct placement	 p = framtid_placement(1);
	size_t			 w;

	(void)state;
	for (w = 0; w < WHO__MAX; w++)
		assert_int_equal(access_placement(&users[w], &p),
		    w == OWNER || w == REVIEWER || w == LEAD);
}

/* Name and number: the counsellor always, the owner unless protected. */
static void
test_access_identity_hides_protected_from_the_provider(void **state)
{
	struct placement	 open = framtid_placement(0);
	struct placement	 prot = framtid_placement(1);
	size_t			 w;

	(void)state;
	for (w = 0; w < WHO__MAX; w++) {
		assert_int_equal(access_identity(&users[w], &open),
		    w == OWNER || w == REVIEWER);
		assert_int_equal(access_identity(&users[w], &prot),
		    w == REVIEWER);
	}
}

/* Who may take each step: 1 in the column of each role that may. */
static const struct step_rule {
	enum case_action	 action;
	const char		*name;
	int			 may[WHO__MAX];
} step_rules[] = {
	/*                        OWN OTH NOO REV CNS LEA ARC ADM */
	{ CASE_STAFF, "staff",            { 1, 0, 0, 0, 0, 0, 0, 0 } },
	{ CASE_ASSIGN, "assign",          { 0, 0, 0, 1, 0, 0, 0, 0 } },
	{ CASE_MEETING, "meeting",        { 1, 0, 0, 0, 0, 0, 0, 0 } },
	{ CASE_REQUEST_REVISION, "revise", { 0, 0, 0, 1, 0, 0, 0, 0 } },
	{ CASE_END, "end",                { 0, 0, 0, 1, 0, 0, 0, 0 } },
	{ CASE_EXTEND, "extend",          { 0, 0, 0, 0, 0, 1, 0, 0 } },
	{ CASE_BOOK_FOLLOW_UP, "book",    { 1, 0, 0, 1, 0, 0, 0, 0 } },
	{ CASE_FOLLOW_UP_OUTCOME, "outcome", { 0, 0, 0, 1, 0, 0, 0, 0 } },
	{ CASE_CONSENT, "consent",        { 0, 0, 0, 1, 0, 0, 0, 0 } },
};

static void
test_may_act_for_every_role_and_step(void **state)
{
	struct placement	 p = framtid_placement(0);
	size_t			 i, w;

	(void)state;
	/* Every step of enum case_action has its row. */
	assert_int_equal(sizeof(step_rules) / sizeof(step_rules[0]),
	    CASE_CONSENT + 1);
	for (i = 0; i < sizeof(step_rules) / sizeof(step_rules[0]); i++)
		for (w = 0; w < WHO__MAX; w++) {
			if (may_act(&users[w], &p, step_rules[i].action) !=
			    step_rules[i].may[w])
				print_message("step %s, user %s\n",
				    step_rules[i].name, users[w].login);
			assert_int_equal(may_act(&users[w], &p,
			    step_rules[i].action), step_rules[i].may[w]);
		}
}

/* The relation decides, not the protection of the customer. */
static void
test_may_act_is_the_same_for_a_protected_customer(void **state)
{
	struct placement	 open = framtid_placement(0);
	struct placement	 prot = framtid_placement(1);
	size_t			 i, w;

	(void)state;
	for (i = 0; i < sizeof(step_rules) / sizeof(step_rules[0]); i++)
		for (w = 0; w < WHO__MAX; w++)
			assert_int_equal(may_act(&users[w], &prot,
			    step_rules[i].action), may_act(&users[w], &open,
			    step_rules[i].action));
}

/* A team lead extends any placement, not only those of a relation. */
static void
test_may_act_extend_any_placement_as_lead(void **state)
{
	struct placement	 p = framtid_placement(0);

	(void)state;
	p.provider_id = 99;
	p.counsellor_id = 98;
	assert_true(may_act(&users[LEAD], &p, CASE_EXTEND));
	assert_false(may_act(&users[OWNER], &p, CASE_STAFF));
	assert_false(may_act(&users[REVIEWER], &p, CASE_ASSIGN));
}

static void
test_may_act_refuses_an_unknown_step(void **state)
{
	struct placement	 p = framtid_placement(0);
	size_t			 w;

	(void)state;
	for (w = 0; w < WHO__MAX; w++)
		assert_false(may_act(&users[w], &p, (enum case_action)99));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csrf_token_is_hmac_of_the_login),
		cmocka_unit_test(test_csrf_token_cache_follows_login_and_secret),
		cmocka_unit_test(test_csrf_token_of_uncacheable_secret_and_login),
		cmocka_unit_test(test_csrf_token_refuses_missing_secret_or_login),
		cmocka_unit_test(test_csrf_ok_takes_only_the_users_own_token),
		cmocka_unit_test(test_same_origin_without_headers_is_allowed),
		cmocka_unit_test(test_same_origin_by_sec_fetch_site),
		cmocka_unit_test(test_same_origin_by_origin_and_host),
		cmocka_unit_test(test_sha256_hex_of_known_inputs),
		cmocka_unit_test(test_access_owner_is_a_provider_of_the_organisation),
		cmocka_unit_test(test_access_reviewer_is_the_responsible_counsellor),
		cmocka_unit_test(test_access_placement_owner_reviewer_and_lead),
		cmocka_unit_test(test_access_identity_hides_protected_from_the_provider),
		cmocka_unit_test(test_may_act_for_every_role_and_step),
		cmocka_unit_test(test_may_act_is_the_same_for_a_protected_customer),
		cmocka_unit_test(test_may_act_extend_any_placement_as_lead),
		cmocka_unit_test(test_may_act_refuses_an_unknown_step),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
