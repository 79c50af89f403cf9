/*
 * db: the storage layer's own view of the one SQLite database (the rest
 * of the program sees database.h and the typed store functions).  Opening (pragmas), versioned migrations
 * (PRAGMA user_version), and every SQL statement of the program in one
 * enum-indexed table, each prepared once per connection and reused.
 */
#ifndef INSATS_DB_H
#define INSATS_DB_H

#include <stdint.h>

#include <sqlite3.h>

#include "database.h"

enum stmt {
	/* settings */
	STMT_SETTING_GET,
	STMT_SETTING_PUT,
	/* organisations, users */
	STMT_ORG_INSERT,
	STMT_ORG_BY_NAME,
	STMT_USER_INSERT,
	STMT_USER_BY_LOGIN,
	STMT_USER_BY_ID,
	STMT_USER_LIST,
	/* catalogue */
	STMT_CATALOGUE_PUT,
	STMT_CATALOGUE_GET,
	/* customers, placements */
	STMT_CUSTOMER_INSERT,
	STMT_CUSTOMER_BY_PNR,
	STMT_PLACEMENT_INSERT,
	STMT_PLACEMENT_GET,
	STMT_PLACEMENTS_OF_PROVIDER,
	STMT_PLACEMENTS_OF_COUNSELLOR,
	/* documents */
	STMT_DOC_INSERT,
	STMT_DOC_GET,
	STMT_DOC_XML,
	STMT_DOC_UPDATE_CONTENT,
	STMT_DOC_SET_STATE,
	STMT_DOC_LATEST_OF_KIND,
	STMT_DOC_REVISIONS,
	STMT_DOCS_OF_PLACEMENT,
	STMT_VERSION_INSERT,
	STMT_EVENT_INSERT,
	STMT_EVENTS_OF_DOC,
	STMT_QUEUE_OF_COUNSELLOR,
	STMT_SUMMARY,
	/* admin commands (cmd_admin.c) */
	STMT_CATALOGUE_LIST,
	/* monthly and final reports, work queues, payments (issue 3) */
	STMT_REVIEW_QUEUE,
	STMT_DOC_FACTS_OF_PLACEMENT,
	/* retention, purge, hand-over packages (issue 4) */
	STMT_RET_CUSTOMERS,
	STMT_RET_CUSTOMER,
	STMT_RET_COVERED,
	STMT_RET_PENDING,
	STMT_PURGE_EVENTS,
	STMT_PURGE_VERSIONS,
	STMT_PURGE_DOCUMENTS,
	STMT_PURGE_PLACEMENTS,
	STMT_PURGE_PACKAGE_LINKS,
	STMT_PURGE_CUSTOMER,
	STMT_DESTRUCTION_FIND,
	STMT_DESTRUCTION_INSERT,
	STMT_DESTRUCTION_ADD,
	STMT_DESTRUCTION_UNFINISHED,
	STMT_DESTRUCTION_FINISH,
	STMT_DESTRUCTION_LIST,
	STMT_PACKAGE_INSERT,
	STMT_PACKAGE_LINK,
	STMT_PACKAGE_BY_OBJID,
	STMT_PACKAGE_BY_ID,
	STMT_PACKAGE_CONFIRM,
	STMT_PACKAGE_LIST,
	STMT_ARCHIVE_CUSTOMER,
	STMT_ARCHIVE_PLACEMENTS,
	STMT_ARCHIVE_VERSIONS,
	STMT_ARCHIVE_EVENTS,
	/* sorted work queues, customer search (issue 6) */
	STMT_REVIEW_QUEUE_DESC,
	STMT_SEARCH_OF_PROVIDER,
	STMT_SEARCH_OF_COUNSELLOR,
	/* the stored last entry per customer (migration 5) */
	STMT_RET_CLOCK_DRIFT,
	/* the deficiencies per provider (issues 3, 7) */
	STMT_DEFICIENCY_DOCS,
	/* the case flow's steps and lists (casestore.c, issue 12) */
	STMT_CASE_QUEUE,
	STMT_CASE_STAFF,
	STMT_CASE_ASSIGN,
	STMT_CASE_MEETING,
	STMT_CASE_END,
	STMT_CASE_EXTEND,
	STMT_CASE_REQUEST_REVISION,
	STMT_CASE_EVENT,
	STMT_CASE_STEPS_OF_PROVIDER,
	STMT_CASE_STEPS_OF_COUNSELLOR,
	STMT_CASE_NEAR_MAX,
	STMT_CASE_SHORTEST_MAX,
	STMT_CASE_EVENTS_OF_PLACEMENT,
	STMT_CUSTOMERS_OF_COUNSELLOR,
	STMT_ORG_LIST,
	STMT_ORG_EXISTS,
	STMT_CUSTOMER_OF_COUNSELLOR,
	STMT_CASE_STARTED,
	/* follow-up meetings, the default-provider list, protected reads
	 * (issue 13) */
	STMT_FOLLOWUP_BOOK,
	STMT_FOLLOWUP_OUTCOME,
	STMT_FOLLOWUP_GET,
	STMT_FOLLOWUPS_OF_PLACEMENT,
	STMT_PURGE_FOLLOWUPS,
	STMT_AUTHORISATION_PUT,
	STMT_AUTHORISATIONS_OF_KUNDVAL,
	STMT_KUNDVAL_LIST,
	STMT_PROTECTED_READ,
	STMT_PROTECTED_READS_OF_CUSTOMER,
	STMT_PURGE_PROTECTED_READS,
	STMT_CUSTOMER_PROTECTION,
	STMT_CUSTOMER_SET_PROTECTION,
	STMT_CASE_CONSENT,
	STMT_FORMER_PLAN,
	STMT_CONSENT_GRANTS,
	STMT_MOVED_ON,
	/* the case flow of a placement (issue 12, migration 9) */
	STMT_PLACEMENT_CASE,
	/* lateness facts of a placement (issue 12, lateness.h) */
	STMT_LATE_CASE,
	/* messages and personal-data incidents (issue 13, migration 10) */
	STMT_MSG_INSERT,
	STMT_MSG_OF_PLACEMENT,
	STMT_MSG_READ_GET,
	STMT_MSG_READ_PUT,
	STMT_MSG_OF_PROVIDER,
	STMT_MSG_READS_OF_USER,
	STMT_MSG_UNREAD_ROWS,
	STMT_MSG_UNREAD_OF_COUNSELLOR,
	STMT_MSG_PURGE,
	STMT_MSG_PURGE_READS,
	STMT_MSG_PURGE_INCIDENT_LINKS,
	STMT_MSG_DESTRUCTION_ADD,
	STMT_INCIDENT_INSERT,
	STMT_INCIDENT_LINK,
	STMT_INCIDENT_TO_NAMED,
	STMT_INCIDENT_TO_PROVIDER,
	STMT_INCIDENT_GET,
	STMT_INCIDENT_IS_RECIPIENT,
	STMT_INCIDENT_PLACEMENTS,
	STMT_INCIDENTS_OF_PROVIDER,
	STMT_INCIDENTS_OF_COUNSELLOR,
	STMT_INCIDENTS_ALL,
	STMT_INCIDENT_CHOICES,
	/* dated amounts, the payment runs (issue 12, migration 11) */
	STMT_AMOUNT_OF_MONTH,
	STMT_AMOUNT_COUNT,
	STMT_AMOUNT_PUT,
	STMT_PAYMENT_CANDIDATES,
	STMT_PAYMENT_PLACEMENT,
	STMT_PAYMENT_MONTHLIES,
	STMT_DOC_FIRST_SUBMIT,
	/* web pages' reads (store.c, pagereads.c) */
	/* (area A) */
	/* case flow, messages, deficiencies (casestore.c, msgstore.c) */
	/* (area B) */
	/* commands, purge, archive, payments (registry.c, purge.c, archive) */
	/* (area C) */
	/* document kinds (kinds) */
	/* (area D) */
	/* lateness facts stored on the documents (issue 15, migration 12) */
	STMT_DOC_SET_STATED,
	STMT_STATED_OF_KIND,
	/* the deficiencies' provider names (issue 15) */
	STMT_ORG_NAME,
	/* the facts of a page's placements in one statement (issue 15) */
	STMT_FACTS_OF_PLACEMENTS,
	STMT_KIND_FACTS_OF_PLACEMENTS,
	/* a document's view: the latest of its history, how many entries it
	 * has, its latest return (issue 15, migration 14) */
	STMT_HISTORY_EVENTS_DESC,
	STMT_HISTORY_SAVES_DESC,
	STMT_HISTORY_COUNT,
	STMT_LATEST_RETURN,
	/* transaction control, prepared once like the rest (issue 7) */
	STMT_BEGIN,
	STMT_BEGIN_READ,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT__MAX
};

struct writer;

struct db {
	sqlite3		*conn;
	sqlite3_stmt	*stmts[STMT__MAX];
	struct writer	*writer;	/* NULL: this connection writes itself */
	int		 reading;	/* in db_read_begin's transaction */
};


/*
 * Whether statement which finds a row with ?1 = a and, when b != 0,
 * ?2 = b: 1 yes, 0 no, -1 on an error.
 */
int	 db_exists(struct db *db, enum stmt which, int64_t a,
	    int64_t b);

/*
 * db_migrate() only up to schema version target (the tests build an older
 * database with it, to see a migration run on one).  Returns 0 or -1.
 */
int	 db_migrate_to(struct db *db, int target);

/* The SQL text of each statement (statements.c). */
extern const char *const stmt_sql[STMT__MAX];

/* The prepared statement, reset and with cleared bindings; NULL on error. */
sqlite3_stmt	*db_stmt(struct db *db, enum stmt which);
/* BEGIN IMMEDIATE, retrying SQLITE_BUSY for a bounded time.  Returns 0 or -1. */
int		 db_begin(struct db *db);
/*
 * Runs fn as one write transaction: on db itself, or through db->writer
 * (group commit, writer.h) in a worker.  Returns fn's result when it is
 * not 0 (nothing changed); 0 when committed; -1 when BEGIN or COMMIT
 * failed (nothing changed).
 */
int		 db_transaction(struct db *db, db_tx_fn fn, void *arg);
/*
 * The same on db's own connection even in a worker, for a transaction too
 * long to hold up a batch of the writer's.  The same returns.
 */
int		 db_transaction_here(struct db *db, db_tx_fn fn, void *arg);
/*
 * Steps a statement without parameters or rows (STMT_SAVEPOINT and the
 * like).  Returns 0 or -1.
 */
int		 db_run(struct db *db, enum stmt which);
/* COMMIT; on failure rolls back.  Returns 0, or -1 with a message. */
int		 db_commit(struct db *db);
void		 db_rollback(struct db *db);
/* Runs fixed SQL text (no parameters).  Returns 0 or -1. */
int		 db_exec(struct db *db, const char *sql);
/* Steps a statement that returns no rows.  Returns 0 or -1. */
int		 db_step_done(sqlite3_stmt *st);

#endif
