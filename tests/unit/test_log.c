/*
 * Unit tests of log: the level of a line, and the stderr filter passing
 * whole lines at or below the configured level (checked through a pipe on
 * descriptor 2).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "log.h"

#define LVL(s) log_line_level((s), strlen(s))

static void
test_log_line_level_of_each_line(void **state)
{
	(void)state;
	assert_int_equal(LVL("level=error msg=\"x\"\n"), LOG_ERROR);
	assert_int_equal(LVL("level=warn msg=\"x\"\n"), LOG_WARN);
	assert_int_equal(LVL("level=info msg=\"x\"\n"), LOG_INFO);
	assert_int_equal(LVL("level=debug msg=\"x\"\n"), LOG_DEBUG);
	assert_int_equal(LVL("level=debug"), LOG_DEBUG);
	/* Request lines and anything unknown are info. */
	assert_int_equal(LVL("time=2026-01-01T00:00:00Z id=r-1-1 status=200\n"),
	    LOG_INFO);
	assert_int_equal(LVL("level=errors msg=\"x\"\n"), LOG_INFO);
	assert_int_equal(LVL("level=\n"), LOG_INFO);
	assert_int_equal(LVL(""), LOG_INFO);
}

/* Runs the filter at level over what, returns what reached descriptor 2. */
static void
filtered(int level, const char *what, char *out, size_t size)
{
	int	 fds[2], saved;
	FILE	*orig = stderr;
	ssize_t	 n;

	assert_int_equal(pipe(fds), 0);
	saved = dup(STDERR_FILENO);
	dup2(fds[1], STDERR_FILENO);
	close(fds[1]);
	assert_int_equal(log_filter_stderr(level), 0);
	fputs(what, stderr);
	fflush(stderr);
	fclose(stderr);
	stderr = orig;
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = read(fds[0], out, size - 1);
	close(fds[0]);
	out[n < 0 ? 0 : n] = '\0';
}

static void
test_log_filter_drops_lines_below_the_level(void **state)
{
	const char	*in = "level=debug msg=\"d\"\ntime=t id=r-1-1\n"
			    "level=warn msg=\"w\"\nlevel=error msg=\"e\"\n";
	char		 out[512];

	(void)state;
	filtered(LOG_WARN, in, out, sizeof(out));
	assert_string_equal(out, "level=warn msg=\"w\"\nlevel=error msg=\"e\"\n");
	filtered(LOG_INFO, in, out, sizeof(out));
	assert_string_equal(out, "time=t id=r-1-1\nlevel=warn msg=\"w\"\n"
	    "level=error msg=\"e\"\n");
	filtered(LOG_DEBUG, in, out, sizeof(out));
	assert_string_equal(out, in);
	filtered(LOG_ERROR, in, out, sizeof(out));
	assert_string_equal(out, "level=error msg=\"e\"\n");
	assert_int_equal(log_filter_stderr(7), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log_line_level_of_each_line),
		cmocka_unit_test(test_log_filter_drops_lines_below_the_level),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
