/*
 * log: filters stderr by level.  glibc's fopencookie() gives a stream
 * whose writes come here; whole lines are passed to descriptor 2 or
 * dropped, so a dropped line never leaves half of itself behind.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

#define LINE_MAX_LOG 4096

static struct {
	int	 level;
	char	 line[LINE_MAX_LOG];
	size_t	 len;
	int	 cont;		/* 0 at line start, 1 passing, -1 dropping */
} lf;

static const char *const names[] = { "error", "warn", "info", "debug" };

int
log_line_level(const char *line, size_t len)
{
	size_t	 i, n;

	if (len < 6 || memcmp(line, "level=", 6) != 0)
		return LOG_INFO;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if (len >= 6 + n && memcmp(line + 6, names[i], n) == 0 &&
		    (len == 6 + n || line[6 + n] == ' ' || line[6 + n] == '\n'))
			return (int)i;
	}
	return LOG_INFO;
}

/* Writes all of buf to descriptor 2, retrying short writes and EINTR. */
static void
write_all(const char *buf, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(STDERR_FILENO, buf, len)) == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

/* Ends the buffered (partial) line: decides on it once, writes or drops. */
static void
flush_line(void)
{
	if (lf.cont == 0)
		lf.cont = log_line_level(lf.line, lf.len) <= lf.level ? 1 : -1;
	if (lf.cont == 1)
		write_all(lf.line, lf.len);
	lf.len = 0;
}

/* The cookie's write function: always consumes everything it is given. */
static ssize_t
filter_write(void *cookie, const char *buf, size_t size)
{
	size_t	 i;

	(void)cookie;
	for (i = 0; i < size; i++) {
		if (lf.len == sizeof(lf.line))
			flush_line();	/* over-long line: decided by its start */
		lf.line[lf.len++] = buf[i];
		if (buf[i] == '\n') {
			flush_line();
			lf.cont = 0;
		}
	}
	return (ssize_t)size;
}

int
log_filter_stderr(int level)
{
	cookie_io_functions_t	 io = { NULL, filter_write, NULL, NULL };
	FILE			*f;

	if (level < LOG_ERROR || level > LOG_DEBUG)
		return -1;
	if ((f = fopencookie(NULL, "w", io)) == NULL)
		return -1;
	if (setvbuf(f, NULL, _IOLBF, LINE_MAX_LOG) != 0) {
		fclose(f);
		return -1;
	}
	fflush(stderr);
	lf.level = level;
	lf.len = 0;
	lf.cont = 0;
	stderr = f;
	return 0;
}
