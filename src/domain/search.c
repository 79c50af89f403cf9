/*
 * search: bounds, kind and case folding of a customer search (search.h).
 */
#include <string.h>

#include "form.h"
#include "search.h"

/*
 * The second bytes (after 0xc3) of the capitals folded, the same as the
 * name_fold column of db.c: À Á Ä Å Æ Ç È É Ë Í Ñ Ó Ö Ø Ú Ü.  Their small
 * letter is 0x20 higher.
 */
static const char capitals[] =
    "\x80\x81\x84\x85\x86\x87\x88\x89\x8b\x8d\x91\x93\x96\x98\x9a\x9c";

int
search_fold(const char *s, char *out, size_t size)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, len = strlen(s);

	if (size == 0)
		return -1;
	if (len >= size) {
		out[0] = '\0';
		return -1;
	}
	for (i = 0; i < len; i++) {
		out[i] = (char)p[i];
		if (p[i] >= 'A' && p[i] <= 'Z')
			out[i] = (char)(p[i] + ('a' - 'A'));
		else if (p[i] == 0xc3 && i + 1 < len && p[i + 1] != '\0' &&
		    strchr(capitals, p[i + 1]) != NULL) {
			out[i + 1] = (char)(p[i + 1] + 0x20);
			i++;
		}
	}
	out[len] = '\0';
	return 0;
}

/* Characters (code points) of valid UTF-8 s in its first len bytes. */
static size_t
utf8_chars(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* 1 if s is a personal number as typed: digits, '-', '+', spaces. */
static int
is_number(const char *s)
{
	for (; *s != '\0'; s++)
		if ((*s < '0' || *s > '9') && *s != '-' && *s != '+' &&
		    *s != ' ')
			return 0;
	return 1;
}

/* The digits of s into q->digits.  Returns SEARCH_OK or the reason. */
static enum search_status
number_query(const char *s, struct search_query *q)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (n == SEARCH_DIGITS)
			return SEARCH_BAD_NUMBER;
		q->digits[n++] = *s;
	}
	q->digits[n] = '\0';
	return n < SEARCH_MIN ? SEARCH_TOO_SHORT : SEARCH_OK;
}

/* The folded name of s, runs of spaces made one, into q->fold. */
static void
name_query(const char *s, struct search_query *q)
{
	char	 tmp[sizeof(q->fold)];
	size_t	 i, n = 0;

	if (search_fold(s, tmp, sizeof(tmp)) == -1)
		tmp[0] = '\0';
	for (i = 0; tmp[i] != '\0'; i++)
		if (tmp[i] != ' ' || (n > 0 && q->fold[n - 1] != ' '))
			q->fold[n++] = tmp[i];
	q->fold[n] = '\0';
}

enum search_status
search_parse(const char *raw, struct search_query *q)
{
	const char	*s = raw, *e;
	size_t		 len, chars;

	memset(q, 0, sizeof(*q));
	if (!form_text_ok(raw) || strchr(raw, '\t') != NULL ||
	    strchr(raw, '\n') != NULL)
		return SEARCH_BAD_CHAR;
	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		e--;
	len = (size_t)(e - s);
	if (len >= sizeof(q->text))
		return SEARCH_TOO_LONG;
	memcpy(q->text, s, len);
	q->text[len] = '\0';
	chars = utf8_chars(q->text, len);
	if (chars < SEARCH_MIN)
		return SEARCH_TOO_SHORT;
	if (chars > SEARCH_MAX)
		return SEARCH_TOO_LONG;
	if (is_number(q->text))
		return number_query(q->text, q);
	name_query(q->text, q);
	return SEARCH_OK;
}

const char *
search_status_code(enum search_status st)
{
	switch (st) {
	case SEARCH_OK:
		return "";
	case SEARCH_TOO_SHORT:
		return "too-short";
	case SEARCH_TOO_LONG:
		return "too-long";
	case SEARCH_BAD_CHAR:
		return "bad-char";
	case SEARCH_BAD_NUMBER:
		return "bad-number";
	}
	return "bad-char";
}
