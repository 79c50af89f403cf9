/*
 * Helpers shared by the cmocka unit tests.  Include after <cmocka.h> and
 * "calendar.h".  static inline, so a test that uses only some of them
 * compiles without unused-function warnings.
 */
#ifndef INSATS_TEST_HELPERS_H
#define INSATS_TEST_HELPERS_H

#include <string.h>

/* Returns the date of "YYYY-MM-DD", failing the test if it does not parse. */
static inline struct date
ymd(const char *s)
{
	struct date	 d;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* Asserts that d is written want; no return. */
static inline void
assert_date_is(struct date d, const char *want)
{
	char	 buf[11];

	date_format(d, buf);
	assert_string_equal(buf, want);
}

/*
 * Returns s (a personal number without its last digit, in any form) with
 * its Luhn check digit appended, computed here independently of pnr.c;
 * flip != 0 appends a wrong digit instead.  The result lives in one of 8
 * static buffers used in turn, so several calls may share an argument list.
 */
static inline const char *
luhn(const char *s, int flip)
{
	static char	 bufs[8][32];
	static int	 turn;
	char		*buf = bufs[turn++ % 8];
	int		 digits[16], n = 0, i, v, sum = 0, check;
	size_t		 len = strlen(s);

	assert_true(len + 2 <= sizeof(bufs[0]));
	for (i = 0; s[i] != '\0' && n < 16; i++)
		if (s[i] >= '0' && s[i] <= '9')
			digits[n++] = s[i] - '0';
	assert_true(n >= 9);
	for (i = 0; i < 9; i++) {
		v = digits[n - 9 + i] * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	check = (10 - sum % 10) % 10;
	if (flip)
		check = (check + 1) % 10;
	memcpy(buf, s, len);
	buf[len] = (char)('0' + check);
	buf[len + 1] = '\0';
	return buf;
}

#endif
