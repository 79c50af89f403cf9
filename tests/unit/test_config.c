/*
 * Unit tests of config: the built-in defaults, the valid files of
 * tests/data/config/ (and the shipped conf/insats.conf) with the values
 * they set, and a fixture pair per kind of error: NAME.conf and NAME.err,
 * the exact "file:line: what" printed for it (missing-required has no
 * .conf: the file itself is missing).  The bounds of every numeric key
 * are tried at both ends.  Run from the repository root, as tests/run.sh
 * does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"

#define DATA	"tests/data/config/"

static char	 printed[4096];	/* what the last load() wrote to stderr */

/*
 * Runs config_load(cfg, path, required) with stderr caught into printed.
 * Returns what config_load returned.
 */
static int
load(struct config *cfg, const char *path, int required)
{
	FILE	*tmp;
	size_t	 n;
	int	 saved, rc;

	assert_non_null(tmp = tmpfile());
	fflush(stderr);
	assert_true((saved = dup(STDERR_FILENO)) != -1);
	assert_true(dup2(fileno(tmp), STDERR_FILENO) != -1);
	rc = config_load(cfg, path, required);
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) != -1);
	close(saved);
	rewind(tmp);
	n = fread(printed, 1, sizeof(printed) - 1, tmp);
	printed[n] = '\0';
	fclose(tmp);
	return rc;
}

/* Returns the contents of file (small) in a static buffer. */
static const char *
slurp(const char *file)
{
	static char	 buf[4096];
	FILE		*f;
	size_t		 n;

	if ((f = fopen(file, "r")) == NULL)
		print_message("cannot open %s (run from the repository root)\n",
		    file);
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Loads DATA name.conf over the defaults; asserts success and silence. */
static struct config
load_valid(const char *name)
{
	struct config	 cfg;
	char		 path[256];

	snprintf(path, sizeof(path), DATA "%s.conf", name);
	config_defaults(&cfg);
	assert_int_equal(load(&cfg, path, 1), 0);
	assert_string_equal(printed, "");
	return cfg;
}

static void
test_config_defaults_are_the_installed_paths(void **state)
{
	struct config	 cfg;

	(void)state;
	config_defaults(&cfg);
	assert_string_equal(cfg.database, "/var/lib/insats/insats.db");
	assert_string_equal(cfg.socket, "/run/insats/insats.sock");
	assert_int_equal(cfg.socket_mode, 0660);
	assert_string_equal(cfg.socket_group, "");
	assert_int_equal(cfg.workers, 2);
	assert_int_equal(cfg.threads, 8);
	assert_string_equal(cfg.xsl_dir, "/usr/local/share/insats/xsl");
	assert_string_equal(cfg.schema_dir, "/usr/local/share/insats/schemas");
	assert_string_equal(cfg.catalogue,
	    "/usr/local/share/insats/catalogue.tsv");
	assert_int_equal(cfg.body_limit, 1024 * 1024);
	assert_int_equal(cfg.memory_limit_mb, 256);
	assert_int_equal(cfg.cpu_limit_s, 3600);
	assert_string_equal(cfg.municipality, "Nacka kommun");
	assert_string_equal(cfg.municipality_orgnr, "212000-0167");
	assert_int_equal(cfg.log_level, 2);
	assert_string_equal(cfg.timezone, "Europe/Stockholm");
	assert_int_equal(cfg.payment_cutoff_day, 7);
	assert_int_equal(cfg.page_cache, 64);
}

static void
test_config_valid_file_sets_every_key(void **state)
{
	struct config	 cfg = load_valid("valid-every-key");

	(void)state;
	assert_string_equal(cfg.database, "/srv/insats/data/insats.db");
	assert_string_equal(cfg.socket, "/srv/insats/run/insats.sock");
	assert_int_equal(cfg.socket_mode, 0640);
	assert_string_equal(cfg.socket_group, "insats-web");
	assert_int_equal(cfg.workers, 64);
	assert_int_equal(cfg.threads, 1);
	assert_string_equal(cfg.xsl_dir, "/srv/insats/xsl");
	assert_string_equal(cfg.schema_dir, "/srv/insats/schemas");
	assert_string_equal(cfg.catalogue, "/srv/insats/catalogue.tsv");
	assert_int_equal(cfg.body_limit, 1024);
	assert_int_equal(cfg.memory_limit_mb, 65536);
	assert_int_equal(cfg.cpu_limit_s, 31536000);
	assert_string_equal(cfg.municipality, "Värmdö kommun");
	assert_string_equal(cfg.municipality_orgnr, "212000-0183");
	assert_int_equal(cfg.log_level, 3);
	assert_string_equal(cfg.timezone, "Europe/Helsinki");
	assert_int_equal(cfg.payment_cutoff_day, 28);
	assert_int_equal(cfg.page_cache, 0);
}

static void
test_config_comments_and_blank_lines_keep_the_defaults(void **state)
{
	struct config	 cfg = load_valid("valid-only-comments"), def;

	(void)state;
	config_defaults(&def);
	assert_memory_equal(&cfg, &def, sizeof(cfg));
}

/* Spaces and tabs around key, '=' and value; '#' ends the line. */
static void
test_config_spacing_and_trailing_comments(void **state)
{
	struct config	 cfg = load_valid("valid-spacing-and-comments");

	(void)state;
	assert_int_equal(cfg.workers, 3);
	assert_int_equal(cfg.threads, 5);
	assert_string_equal(cfg.municipality, "Nacka kommun");
	assert_int_equal(cfg.log_level, 1);
	/* What the file does not name keeps its default. */
	assert_int_equal(cfg.page_cache, 64);
}

/* A key given twice is no error: the last line wins. */
static void
test_config_duplicate_key_last_line_wins(void **state)
{
	struct config	 cfg = load_valid("valid-duplicate-last-wins");

	(void)state;
	assert_int_equal(cfg.page_cache, 0);
	assert_int_equal(cfg.workers, 3);
}

static void
test_config_shipped_file_loads(void **state)
{
	struct config	 cfg;

	(void)state;
	config_defaults(&cfg);
	assert_int_equal(load(&cfg, "conf/insats.conf", 1), 0);
	assert_string_equal(printed, "");
	assert_string_equal(cfg.socket_group, "www-data");
	assert_int_equal(cfg.log_level, 2);
	assert_int_equal(cfg.payment_cutoff_day, 7);
}

/* An optional file (the default path) may be missing; cfg stays. */
static void
test_config_missing_optional_file_is_no_error(void **state)
{
	struct config	 cfg, def;

	(void)state;
	config_defaults(&cfg);
	config_defaults(&def);
	assert_int_equal(load(&cfg, DATA "missing-required.conf", 0), 0);
	assert_string_equal(printed, "");
	assert_memory_equal(&cfg, &def, sizeof(cfg));
}

/* The fixture pairs: each NAME.conf fails with exactly NAME.err. */
static const char *const refused[] = {
	"unknown-key",
	"no-equals",
	"bad-value-number",
	"bad-value-unit",
	"bad-value-mode",
	"bad-value-level",
	"bad-value-empty",
	"bad-value-too-long",
	"out-of-bounds-low",
	"out-of-bounds-high",
	"out-of-bounds-mode",
	"duplicate-out-of-bounds",
	"missing-required",
	"first-error-only",
};

static void
test_config_errors_name_file_and_line(void **state)
{
	struct config	 cfg;
	char		 conf[256], err[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		snprintf(conf, sizeof(conf), DATA "%s.conf", refused[i]);
		snprintf(err, sizeof(err), DATA "%s.err", refused[i]);
		config_defaults(&cfg);
		if (load(&cfg, conf, 1) != -1 ||
		    strcmp(printed, slurp(err)) != 0)
			print_message("%s printed: %s", conf, printed);
		assert_int_equal(load(&cfg, conf, 1), -1);
		assert_string_equal(printed, slurp(err));
	}
}

/* Writes text into a temporary file; its name into path (64 bytes). */
static void
write_temp(char path[64], const char *text)
{
	FILE	*f;
	int	 fd;

	snprintf(path, 64, "/tmp/insats-test-config-XXXXXX");
	assert_true((fd = mkstemp(path)) != -1);
	assert_non_null(f = fdopen(fd, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	fclose(f);
}

static void
test_config_line_too_long(void **state)
{
	struct config	 cfg;
	char		 path[64], want[128], *text;

	(void)state;
	/* Line 2 is 2047 bytes and its newline: one more than fits. */
	assert_non_null(text = malloc(16 + 2048 + 1));
	snprintf(text, 16, "workers = 2\n");
	memset(text + strlen(text), '#', 2047);
	text[12 + 2047] = '\n';
	text[12 + 2048] = '\0';
	write_temp(path, text);
	free(text);
	config_defaults(&cfg);
	assert_int_equal(load(&cfg, path, 1), -1);
	snprintf(want, sizeof(want), "%s:2: line too long\n", path);
	assert_string_equal(printed, want);
	unlink(path);
}

/* Each numeric key at its bounds, and one past each. */
static const struct bound {
	const char	*key;
	const char	*low, *high, *below, *above;
} bounds[] = {
	{ "workers", "1", "64", "0", "65" },
	{ "threads", "1", "64", "0", "65" },
	{ "body_limit", "1024", "67108864", "1023", "67108865" },
	{ "memory_limit_mb", "32", "65536", "31", "65537" },
	{ "cpu_limit_s", "1", "31536000", "0", "31536001" },
	{ "payment_cutoff_day", "1", "28", "0", "29" },
	{ "page_cache", "0", "64", "-1", "65" },
	{ "socket_mode", "0", "0777", "-1", "01000" },
};

/* Loads "key = value" from a temporary file.  Returns config_load's. */
static int
load_line(const char *key, const char *value, char path[64])
{
	struct config	 cfg;
	char		 line[128];
	int		 rc;

	snprintf(line, sizeof(line), "%s = %s\n", key, value);
	write_temp(path, line);
	config_defaults(&cfg);
	rc = load(&cfg, path, 1);
	unlink(path);
	return rc;
}

static void
test_config_numbers_within_bounds_only(void **state)
{
	char	 path[64], want[160];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
		assert_int_equal(load_line(bounds[i].key, bounds[i].low, path),
		    0);
		assert_int_equal(load_line(bounds[i].key, bounds[i].high, path),
		    0);
		assert_int_equal(load_line(bounds[i].key, bounds[i].below,
		    path), -1);
		snprintf(want, sizeof(want), "%s:1: %s: number out of range\n",
		    path, bounds[i].key);
		assert_string_equal(printed, want);
		assert_int_equal(load_line(bounds[i].key, bounds[i].above,
		    path), -1);
		snprintf(want, sizeof(want), "%s:1: %s: number out of range\n",
		    path, bounds[i].key);
		assert_string_equal(printed, want);
	}
}

/* log_level takes its four names, in order of verbosity. */
static void
test_config_log_level_names(void **state)
{
	static const char *const names[] = { "error", "warn", "info", "debug" };
	struct config	 cfg;
	char		 path[64], line[32];
	int		 i;

	(void)state;
	for (i = 0; i < 4; i++) {
		snprintf(line, sizeof(line), "log_level = %s\n", names[i]);
		write_temp(path, line);
		config_defaults(&cfg);
		assert_int_equal(load(&cfg, path, 1), 0);
		assert_int_equal(cfg.log_level, i);
		unlink(path);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_defaults_are_the_installed_paths),
		cmocka_unit_test(test_config_valid_file_sets_every_key),
		cmocka_unit_test(test_config_comments_and_blank_lines_keep_the_defaults),
		cmocka_unit_test(test_config_spacing_and_trailing_comments),
		cmocka_unit_test(test_config_duplicate_key_last_line_wins),
		cmocka_unit_test(test_config_shipped_file_loads),
		cmocka_unit_test(test_config_missing_optional_file_is_no_error),
		cmocka_unit_test(test_config_errors_name_file_and_line),
		cmocka_unit_test(test_config_line_too_long),
		cmocka_unit_test(test_config_numbers_within_bounds_only),
		cmocka_unit_test(test_config_log_level_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
