/*
 * db: opening, migrations and the statement table.  Every SQL statement of
 * the program is here, bound by parameter, prepared once per connection.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"

#define PLACEMENT_COLS \
	"p.id, p.code, k.name, p.start_date, p.end_date, p.provider_id, o.name," \
	" c.id, c.name, c.pnr, c.protected, c.counsellor_id, cu.login, cu.name," \
	" k.monthly_amount_ore"
#define PLACEMENT_FROM \
	" FROM placements p JOIN catalogue k ON k.code = p.code" \
	" JOIN organisations o ON o.id = p.provider_id" \
	" JOIN customers c ON c.id = p.customer_id" \
	" JOIN users cu ON cu.id = c.counsellor_id"
/* The latest revision of the placement's plan, if any. */
#define PLAN_JOIN \
	" LEFT JOIN documents d ON d.placement_id = p.id AND d.kind = 'plan'" \
	" AND d.revision = (SELECT max(revision) FROM documents" \
	" WHERE placement_id = p.id AND kind = 'plan')"
#define DOC_COLS \
	"d.id, d.placement_id, d.kind, d.period, d.revision, d.state," \
	" d.version, d.title, d.created_at, d.updated_at, d.submitted_at"
#define USER_COLS \
	"u.id, u.login, u.name, u.role, u.organisation_id, o.name" \
	" FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id"

static const char *const stmt_sql[STMT__MAX] = {
	[STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
	[STMT_SETTING_PUT] = "INSERT INTO settings(key, value) VALUES (?1, ?2)"
	    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[STMT_ORG_INSERT] = "INSERT INTO organisations(name) VALUES (?1)",
	[STMT_ORG_BY_NAME] = "SELECT id FROM organisations WHERE name = ?1",
	[STMT_USER_INSERT] = "INSERT INTO users(login, name, role,"
	    " organisation_id) VALUES (?1, ?2, ?3, ?4)",
	[STMT_USER_BY_LOGIN] = "SELECT " USER_COLS " WHERE u.login = ?1",
	[STMT_USER_BY_ID] = "SELECT " USER_COLS " WHERE u.id = ?1",
	[STMT_USER_LIST] = "SELECT " USER_COLS " ORDER BY u.login",
	[STMT_CATALOGUE_PUT] = "INSERT INTO catalogue(code, kundval, name,"
	    " max_months, monthly_amount_ore) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT(code) DO UPDATE SET kundval = excluded.kundval,"
	    " name = excluded.name, max_months = excluded.max_months,"
	    " monthly_amount_ore = excluded.monthly_amount_ore",
	[STMT_CATALOGUE_GET] = "SELECT code, kundval, name, max_months,"
	    " monthly_amount_ore FROM catalogue WHERE code = ?1",
	[STMT_CUSTOMER_INSERT] = "INSERT INTO customers(pnr, name,"
	    " counsellor_id, protected, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_CUSTOMER_BY_PNR] = "SELECT c.id, c.pnr, c.name, c.protected,"
	    " u.login, c.created_at FROM customers c"
	    " JOIN users u ON u.id = c.counsellor_id WHERE c.pnr = ?1",
	[STMT_PLACEMENT_INSERT] = "INSERT INTO placements(customer_id, code,"
	    " provider_id, start_date, end_date, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_PLACEMENT_GET] = "SELECT " PLACEMENT_COLS PLACEMENT_FROM
	    " WHERE p.id = ?1",
	[STMT_PLACEMENTS_OF_PROVIDER] = "SELECT " PLACEMENT_COLS
	    ", d.id, d.state, d.revision" PLACEMENT_FROM PLAN_JOIN
	    " WHERE p.provider_id = ?1 ORDER BY p.start_date DESC, p.id"
	    " LIMIT ?2 OFFSET ?3",
	[STMT_PLACEMENTS_OF_COUNSELLOR] = "SELECT " PLACEMENT_COLS
	    ", d.id, d.state, d.revision" PLACEMENT_FROM PLAN_JOIN
	    " WHERE c.counsellor_id = ?1 ORDER BY p.start_date DESC, p.id"
	    " LIMIT ?2 OFFSET ?3",
	[STMT_DOC_INSERT] = "INSERT INTO documents(placement_id, kind, period,"
	    " revision, state, version, title, created_at, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, 'draft', 1, ?5, ?6, ?6)",
	[STMT_DOC_GET] = "SELECT " DOC_COLS " FROM documents d WHERE d.id = ?1",
	[STMT_DOC_XML] = "SELECT xml FROM document_versions"
	    " WHERE document_id = ?1 AND version = ?2",
	/* Optimistic concurrency: only the version the user edited. */
	[STMT_DOC_UPDATE_CONTENT] = "UPDATE documents SET version = version + 1,"
	    " updated_at = ?2 WHERE id = ?1 AND version = ?3"
	    " AND state IN ('draft', 'returned')",
	/* Guarded by the state read, so a concurrent change is not lost. */
	[STMT_DOC_SET_STATE] = "UPDATE documents SET state = ?2, updated_at = ?3,"
	    " submitted_at = CASE WHEN ?2 = 'submitted' THEN ?3"
	    " ELSE submitted_at END, title = coalesce(?5, title)"
	    " WHERE id = ?1 AND state = ?4",
	[STMT_DOC_LATEST_OF_KIND] = "SELECT id, revision, state FROM documents"
	    " WHERE placement_id = ?1 AND kind = ?2 AND period = ?3"
	    " ORDER BY revision DESC LIMIT 1",
	[STMT_DOC_REVISIONS] = "SELECT id, revision, state FROM documents"
	    " WHERE placement_id = ?1 AND kind = ?2 AND period = ?3"
	    " ORDER BY revision",
	[STMT_DOCS_OF_PLACEMENT] = "SELECT " DOC_COLS " FROM documents d"
	    " WHERE d.placement_id = ?1 ORDER BY d.kind, d.period, d.revision",
	[STMT_VERSION_INSERT] = "INSERT INTO document_versions(document_id,"
	    " version, xml, saved_by, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_EVENT_INSERT] = "INSERT INTO events(document_id, placement_id,"
	    " customer_id, actor_id, at, action, from_state, to_state, comment)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[STMT_EVENTS_OF_DOC] = "SELECT e.at, u.login, u.name, e.action,"
	    " e.from_state, e.to_state, e.comment FROM events e"
	    " JOIN users u ON u.id = e.actor_id WHERE e.document_id = ?1"
	    " ORDER BY e.id",
	[STMT_QUEUE_OF_COUNSELLOR] = "SELECT " DOC_COLS ", " PLACEMENT_COLS
	    " FROM documents d JOIN placements p ON p.id = d.placement_id"
	    " JOIN catalogue k ON k.code = p.code"
	    " JOIN organisations o ON o.id = p.provider_id"
	    " JOIN customers c ON c.id = p.customer_id"
	    " JOIN users cu ON cu.id = c.counsellor_id"
	    " WHERE c.counsellor_id = ?1 AND d.state = 'submitted'"
	    " ORDER BY d.submitted_at, d.id LIMIT ?2 OFFSET ?3",
	[STMT_SUMMARY] = "SELECT (SELECT count(*) FROM users),"
	    " (SELECT count(*) FROM customers), (SELECT count(*) FROM placements),"
	    " (SELECT count(*) FROM documents)",
	[STMT_CATALOGUE_LIST] = "SELECT code, kundval, name, max_months,"
	    " monthly_amount_ore FROM catalogue ORDER BY code",
};

/* Migration n brings user_version from n - 1 to n. */
static const char *const migrations[] = {
	NULL,
	"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE organisations(id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE users(id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN"
	" ('provider', 'counsellor', 'archivist', 'admin')),"
	" organisation_id INTEGER REFERENCES organisations(id),"
	" CHECK ((role = 'provider') = (organisation_id IS NOT NULL)));"
	"CREATE TABLE catalogue(code TEXT PRIMARY KEY, kundval TEXT NOT NULL,"
	" name TEXT NOT NULL, max_months INTEGER NOT NULL CHECK (max_months > 0),"
	" monthly_amount_ore INTEGER NOT NULL CHECK (monthly_amount_ore >= 0));"
	"CREATE TABLE customers(id INTEGER PRIMARY KEY, pnr TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, counsellor_id INTEGER NOT NULL REFERENCES users(id),"
	" protected INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),"
	" created_at TEXT NOT NULL);"
	"CREATE INDEX customers_counsellor ON customers(counsellor_id);"
	"CREATE TABLE placements(id INTEGER PRIMARY KEY,"
	" customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" code TEXT NOT NULL REFERENCES catalogue(code),"
	" provider_id INTEGER NOT NULL REFERENCES organisations(id),"
	" start_date TEXT NOT NULL, end_date TEXT, created_at TEXT NOT NULL,"
	" CHECK (end_date IS NULL OR end_date >= start_date));"
	"CREATE INDEX placements_provider ON placements(provider_id, start_date);"
	"CREATE INDEX placements_customer ON placements(customer_id);"
	"CREATE TABLE documents(id INTEGER PRIMARY KEY,"
	" placement_id INTEGER NOT NULL REFERENCES placements(id),"
	" kind TEXT NOT NULL, period TEXT NOT NULL DEFAULT '',"
	" revision INTEGER NOT NULL DEFAULT 1, state TEXT NOT NULL CHECK"
	" (state IN ('draft', 'submitted', 'returned', 'approved')),"
	" version INTEGER NOT NULL DEFAULT 1, title TEXT NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, submitted_at TEXT,"
	" UNIQUE (placement_id, kind, period, revision));"
	"CREATE INDEX documents_state ON documents(state, submitted_at);"
	"CREATE TABLE document_versions("
	" document_id INTEGER NOT NULL REFERENCES documents(id),"
	" version INTEGER NOT NULL, xml TEXT NOT NULL,"
	" saved_by INTEGER NOT NULL REFERENCES users(id),"
	" saved_at TEXT NOT NULL, PRIMARY KEY (document_id, version));"
	"CREATE TABLE events(id INTEGER PRIMARY KEY,"
	" document_id INTEGER REFERENCES documents(id),"
	" placement_id INTEGER REFERENCES placements(id),"
	" customer_id INTEGER REFERENCES customers(id),"
	" actor_id INTEGER NOT NULL REFERENCES users(id), at TEXT NOT NULL,"
	" action TEXT NOT NULL, from_state TEXT, to_state TEXT, comment TEXT);"
	"CREATE INDEX events_document ON events(document_id, id);"
	"CREATE INDEX events_customer ON events(customer_id, at);",
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
    DB_SCHEMA_VERSION + 1, "one migration per schema version");

/*
 * Runs fixed SQL.  Returns 0, or -1 with the error on stderr.
 */
int
db_exec(struct db *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db->conn, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "level=error msg=\"sqlite: %s\"\n",
		    err ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/*
 * Opens the database with the pragmas every connection needs.
 * Returns 0, or -1 with the connection closed.
 */
int
db_open(struct db *db, const char *path, int create)
{
	int	 flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	memset(db, 0, sizeof(*db));
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->conn, flags, NULL) != SQLITE_OK) {
		fprintf(stderr, "level=error msg=\"cannot open database %s: %s\"\n",
		    path, db->conn ? sqlite3_errmsg(db->conn) : "no memory");
		sqlite3_close(db->conn);
		db->conn = NULL;
		return -1;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_timeout(db->conn, 5000);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	if (db_exec(db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA trusted_schema = OFF;") == -1) {
		db_close(db);
		return -1;
	}
	return 0;
}

void
db_close(struct db *db)
{
	size_t	 i;

	for (i = 0; i < STMT__MAX; i++) {
		sqlite3_finalize(db->stmts[i]);
		db->stmts[i] = NULL;
	}
	sqlite3_close(db->conn);
	db->conn = NULL;
}

static int
user_version(struct db *db)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(db->conn, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Applies the missing migrations in one transaction.  Returns 0, or -1
 * with nothing changed.
 */
int
db_migrate(struct db *db)
{
	char	 sql[64];
	int	 v, i;

	if (db_begin(db) == -1)
		return -1;
	if ((v = user_version(db)) < 0)
		goto fail;
	if (v > DB_SCHEMA_VERSION) {
		fprintf(stderr, "level=error msg=\"database schema version %d is "
		    "newer than this program (%d): refusing to run\"\n",
		    v, DB_SCHEMA_VERSION);
		goto fail;
	}
	for (i = v + 1; i <= DB_SCHEMA_VERSION; i++)
		if (db_exec(db, migrations[i]) == -1)
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    DB_SCHEMA_VERSION);
	if (db_exec(db, sql) == -1)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

/*
 * Returns the statement prepared once per connection, reset and cleared,
 * or NULL (logged) if it does not prepare.
 */
sqlite3_stmt *
db_stmt(struct db *db, enum stmt which)
{
	sqlite3_stmt	*st = db->stmts[which];

	if (st == NULL) {
		if (sqlite3_prepare_v3(db->conn, stmt_sql[which], -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			fprintf(stderr, "level=error msg=\"prepare %d: %s\"\n",
			    (int)which, sqlite3_errmsg(db->conn));
			return NULL;
		}
		db->stmts[which] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/*
 * BEGIN IMMEDIATE takes the write lock up front, so a transaction never
 * fails half-way for a lock; busy_timeout waits, and we retry a few times
 * more for a busy answer that outlives it.
 */
int
db_begin(struct db *db)
{
	int	 tries, rc;

	for (tries = 0; tries < 5; tries++) {
		rc = sqlite3_exec(db->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
		usleep(20000);
	}
	fprintf(stderr, "level=error msg=\"begin: %s\"\n",
	    sqlite3_errmsg(db->conn));
	return -1;
}

int
db_commit(struct db *db)
{
	if (sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "level=error msg=\"commit: %s\"\n",
		    sqlite3_errmsg(db->conn));
		db_rollback(db);
		return -1;
	}
	return 0;
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Steps a statement expected to return no row.  Returns 0 or -1.
 */
int
db_step_done(sqlite3_stmt *st)
{
	int	 rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		fprintf(stderr, "level=error msg=\"step: %s\"\n",
		    sqlite3_errmsg(sqlite3_db_handle(st)));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

void
db_now(char buf[21])
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
