/*
 * Unit tests of search: the folding of names (and that it is exactly the
 * customers.name_fold column of the database), the bounds of a query and
 * how a personal number is told from a name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "db.h"
#include "search.h"

/* Every capital folded, in upper and lower case, and some that are not. */
static const char *const names[] = {
	"ÀÁÄÅÆÇÈÉËÍÑÓÖØÚÜ",
	"àáäåæçèéëíñóöøúü",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
	"Åsa Öberg-Ärlig", "ÉMILE ZOLA", "Þór × Ÿves Ĳssel Ωmega",
	"Eva Ek", "",
};

static void
assert_fold(const char *in, const char *want)
{
	char	 out[256];

	assert_int_equal(search_fold(in, out, sizeof(out)), 0);
	assert_string_equal(out, want);
	assert_int_equal(strlen(out), strlen(in));
}

static void
test_search_fold(void **state)
{
	(void)state;
	assert_fold("EVA EK", "eva ek");
	assert_fold("Åsa Öberg-Ärlig", "åsa öberg-ärlig");
	assert_fold("ÀÁÄÅÆÇÈÉËÍÑÓÖØÚÜ", "àáäåæçèéëíñóöøúü");
	assert_fold("åäö", "åäö");
	/* Not folded: × (no letter), Þ, and letters beyond Latin-1. */
	assert_fold("×ÞŸΩ", "×ÞŸΩ");
	assert_fold("", "");
}

static void
test_search_bad_fold_small_buffer(void **state)
{
	char	 out[4] = "xyz";

	(void)state;
	assert_int_equal(search_fold("abcd", out, sizeof(out)), -1);
	assert_string_equal(out, "");
	assert_int_equal(search_fold("abc", out, sizeof(out)), 0);
	assert_string_equal(out, "abc");
}

/* search_fold() and the generated column name_fold agree on every name. */
static void
test_search_fold_matches_sql(void **state)
{
	struct db	*db = NULL;
	sqlite3_stmt	*ins, *sel;
	char		 out[256];
	size_t		 i;

	(void)state;
	assert_non_null(db = db_open(":memory:", 1));
	assert_int_equal(db_migrate(db), 0);
	assert_int_equal(db_exec(db, "INSERT INTO users(id, login, name, role)"
	    " VALUES (1, 'k', 'K', 'counsellor')"), 0);
	assert_int_equal(sqlite3_prepare_v2(db->conn, "INSERT INTO customers(pnr,"
	    " name, counsellor_id, created_at) VALUES (?1, ?2, 1, 'x')", -1,
	    &ins, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db->conn, "SELECT name_fold"
	    " FROM customers WHERE pnr = ?1", -1, &sel, NULL), SQLITE_OK);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char	 pnr[16];

		snprintf(pnr, sizeof(pnr), "p%zu", i);
		sqlite3_bind_text(ins, 1, pnr, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, names[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
		sqlite3_bind_text(sel, 1, pnr, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(sel), SQLITE_ROW);
		assert_int_equal(search_fold(names[i], out, sizeof(out)), 0);
		assert_string_equal((const char *)sqlite3_column_text(sel, 0),
		    out);
		sqlite3_reset(sel);
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(sel);
	db_close(db);
}

static void
test_search_parse_name(void **state)
{
	struct search_query	 q;

	(void)state;
	assert_int_equal(search_parse("  Eva   EK ", &q), SEARCH_OK);
	assert_string_equal(q.text, "Eva   EK");
	assert_string_equal(q.fold, "eva ek");
	assert_string_equal(q.digits, "");
	assert_int_equal(search_parse("ÖB", &q), SEARCH_OK);
	assert_string_equal(q.fold, "öb");
	/* A letter makes it a name, digits and all. */
	assert_int_equal(search_parse("Eva 1985", &q), SEARCH_OK);
	assert_string_equal(q.fold, "eva 1985");
	assert_string_equal(q.digits, "");
}

static void
test_search_parse_number(void **state)
{
	struct search_query	 q;

	(void)state;
	assert_int_equal(search_parse("19850312", &q), SEARCH_OK);
	assert_string_equal(q.digits, "19850312");
	assert_string_equal(q.fold, "");
	assert_int_equal(search_parse("850312-2387", &q), SEARCH_OK);
	assert_string_equal(q.digits, "8503122387");
	assert_int_equal(search_parse(" 19850312-2387 ", &q), SEARCH_OK);
	assert_string_equal(q.digits, "198503122387");
	assert_int_equal(search_parse("850312+2387", &q), SEARCH_OK);
	assert_string_equal(q.digits, "8503122387");
}

static void
test_search_bad_bounds(void **state)
{
	struct search_query	 q;
	char			 s[512];

	(void)state;
	assert_int_equal(search_parse("", &q), SEARCH_TOO_SHORT);
	assert_int_equal(search_parse("   ", &q), SEARCH_TOO_SHORT);
	assert_int_equal(search_parse(" e ", &q), SEARCH_TOO_SHORT);
	assert_int_equal(search_parse("Ö", &q), SEARCH_TOO_SHORT);
	assert_int_equal(search_parse("1-", &q), SEARCH_TOO_SHORT);
	assert_int_equal(search_parse("ab", &q), SEARCH_OK);
	/* 100 characters pass, 101 do not; counted in characters. */
	memset(s, 'a', 100);
	s[100] = '\0';
	assert_int_equal(search_parse(s, &q), SEARCH_OK);
	s[100] = 'a';
	s[101] = '\0';
	assert_int_equal(search_parse(s, &q), SEARCH_TOO_LONG);
	for (size_t i = 0; i < 100; i++)
		memcpy(s + 2 * i, "ö", 2);
	s[200] = '\0';
	assert_int_equal(search_parse(s, &q), SEARCH_OK);
	memset(s, ' ', 300);
	memset(s + 300, 'a', 150);
	s[450] = '\0';
	assert_int_equal(search_parse(s, &q), SEARCH_TOO_LONG);
	assert_int_equal(search_parse("1234567890123", &q), SEARCH_BAD_NUMBER);
	assert_int_equal(search_parse("123456789012", &q), SEARCH_OK);
}

static void
test_search_bad_chars(void **state)
{
	struct search_query	 q;

	(void)state;
	assert_int_equal(search_parse("eva\tek", &q), SEARCH_BAD_CHAR);
	assert_int_equal(search_parse("eva\nek", &q), SEARCH_BAD_CHAR);
	assert_int_equal(search_parse("eva\x01", &q), SEARCH_BAD_CHAR);
	assert_int_equal(search_parse("eva\x7f", &q), SEARCH_BAD_CHAR);
	assert_int_equal(search_parse("ev\xc3", &q), SEARCH_BAD_CHAR);
	assert_int_equal(search_parse("\xff\xfe", &q), SEARCH_BAD_CHAR);
	assert_string_equal(search_status_code(SEARCH_BAD_CHAR), "bad-char");
	assert_string_equal(search_status_code(SEARCH_OK), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_fold),
		cmocka_unit_test(test_search_bad_fold_small_buffer),
		cmocka_unit_test(test_search_fold_matches_sql),
		cmocka_unit_test(test_search_parse_name),
		cmocka_unit_test(test_search_parse_number),
		cmocka_unit_test(test_search_bad_bounds),
		cmocka_unit_test(test_search_bad_chars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
