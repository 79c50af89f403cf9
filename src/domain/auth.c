/*
 * auth: CSRF tokens, same-origin checks and the access rules (auth.h):
 * only those with a legitimate need may read a record.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "auth.h"

static void
hex(const unsigned char *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t	 i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * len] = '\0';
}

/*
 * The last token computed, with what it was computed from (per thread): a
 * worker thread serves one user after another, mostly the same one, and HMAC through OpenSSL's
 * EVP layer costs about 20 000 instructions a request (`make bench`).  The
 * token is a pure function of the secret and the login, so an entry that
 * matches both byte for byte is that user's token and nobody else's.
 */
static _Thread_local struct {
	char	 secret[129];
	char	 login[65];
	char	 token[CSRF_TOKEN_LEN + 1];
} last_token;

/* Computes the token with HMAC-SHA-256.  Returns 0 or -1. */
static int
csrf_compute(const char *secret, const char *login,
    char out[CSRF_TOKEN_LEN + 1])
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 maclen = 0;
	char		 msg[128];
	int		 n;

	n = snprintf(msg, sizeof(msg), "csrf:%s", login);
	if (secret == NULL || *secret == '\0' || n < 0 ||
	    (size_t)n >= sizeof(msg))
		return -1;
	if (HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)msg, (size_t)n, mac, &maclen) == NULL ||
	    maclen != 32)
		return -1;
	hex(mac, maclen, out);
	return 0;
}

int
auth_csrf_token(const char *secret, const char *login,
    char out[CSRF_TOKEN_LEN + 1])
{
	int	 cacheable;

	if (secret == NULL || login == NULL)
		return -1;
	cacheable = strlen(secret) < sizeof(last_token.secret) &&
	    strlen(login) < sizeof(last_token.login);
	if (cacheable && last_token.token[0] != '\0' &&
	    strcmp(last_token.login, login) == 0 &&
	    strcmp(last_token.secret, secret) == 0) {
		memcpy(out, last_token.token, CSRF_TOKEN_LEN + 1);
		return 0;
	}
	if (csrf_compute(secret, login, out) == -1)
		return -1;
	if (cacheable) {
		memcpy(last_token.secret, secret, strlen(secret) + 1);
		memcpy(last_token.login, login, strlen(login) + 1);
		memcpy(last_token.token, out, CSRF_TOKEN_LEN + 1);
	}
	return 0;
}

int
auth_csrf_ok(const char *secret, const char *login, const char *token)
{
	char	 want[CSRF_TOKEN_LEN + 1];

	if (token == NULL || strlen(token) != CSRF_TOKEN_LEN ||
	    auth_csrf_token(secret, login, want) == -1)
		return 0;
	return CRYPTO_memcmp(want, token, CSRF_TOKEN_LEN) == 0;
}

int
access_placement(const struct user *u, const struct placement *p)
{
	return access_owner(u, p) || access_reviewer(u, p) ||
	    u->role == ROLE_LEAD;
}

/* Protected identities are shown only to the responsible counsellor. */
int
access_identity(const struct user *u, const struct placement *p)
{
	if (access_reviewer(u, p))
		return 1;
	return !p->protected && access_owner(u, p);
}

int
may_act(const struct user *u, const struct placement *p, enum case_action a)
{
	switch (a) {
	case CASE_STAFF:
	case CASE_MEETING:
		return access_owner(u, p);
	case CASE_ASSIGN:
	case CASE_END:
	case CASE_REQUEST_REVISION:
	case CASE_FOLLOW_UP_OUTCOME:
	case CASE_CONSENT:
		return access_reviewer(u, p);
	case CASE_BOOK_FOLLOW_UP:
		return access_owner(u, p) || access_reviewer(u, p);
	case CASE_EXTEND:
		return u->role == ROLE_LEAD;
	}
	return 0;
}

int
access_owner(const struct user *u, const struct placement *p)
{
	return u->role == ROLE_PROVIDER && u->org_id != 0 &&
	    u->org_id == p->provider_id;
}

int
access_reviewer(const struct user *u, const struct placement *p)
{
	return u->role == ROLE_COUNSELLOR && u->id == p->counsellor_id;
}

/*
 * A missing Origin and Sec-Fetch-Site is allowed (older clients and
 * integrations); one that names another site is not.
 */
int
auth_same_origin(const char *origin, const char *sec_fetch_site,
    const char *host)
{
	const char	*h;

	if (sec_fetch_site != NULL && *sec_fetch_site != '\0' &&
	    strcmp(sec_fetch_site, "same-origin") != 0 &&
	    strcmp(sec_fetch_site, "none") != 0)
		return 0;
	if (origin == NULL || *origin == '\0')
		return 1;
	if (strncmp(origin, "http://", 7) == 0)
		h = origin + 7;
	else if (strncmp(origin, "https://", 8) == 0)
		h = origin + 8;
	else
		return 0;
	return host != NULL && strcmp(h, host) == 0;
}

void
auth_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;

	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	hex(md, mdlen, out);
}
