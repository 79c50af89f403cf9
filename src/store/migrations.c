/*
 * migrations: the schema, one migration per version (PRAGMA
 * user_version), applied in one transaction by db_migrate().
 */
#include <stdio.h>

#include "db.h"
#include "latefacts_rows.h"
#include "sqlparts.h"

/*
 * Migration 5's triggers keep customers.last_entry_at equal to
 * RET_LAST_ENTRY_OF(customers) in the transaction of every write: a new
 * entry only raises it (LE_RAISE, one indexed row, nothing written when
 * it is not later); a timestamp moved back, a row moved to another
 * customer, or the deletion of the latest row computes it again for the
 * customers concerned (LE_RECOMPUTE).
 */
#define LE_RECOMPUTE \
	"UPDATE customers SET last_entry_at = " \
	RET_LAST_ENTRY_V5_OF("customers")
/* The same with the messages (migration 10). */
#define LE_RECOMPUTE_10 \
	"UPDATE customers SET last_entry_at = " \
	RET_LAST_ENTRY_OF("customers")
#define LE_RAISE(T) \
	"UPDATE customers SET last_entry_at = " T \
	" WHERE (last_entry_at IS NULL OR last_entry_at < " T ")"
#define LE_LATEST "coalesce(last_entry_at, '') <= "
#define LE_OF_PLACEMENT(X) \
	"(SELECT customer_id FROM placements WHERE id = " X ")"
#define LE_OF_DOC(X) \
	"(SELECT p.customer_id FROM documents d JOIN placements p" \
	" ON p.id = d.placement_id WHERE d.id = " X ")"
#define LE_OF_EVENT(R) \
	"(" R ".customer_id, " LE_OF_PLACEMENT(R ".placement_id") ", " \
	LE_OF_DOC(R ".document_id") ")"
#define LE_DOC_AT(R) "max(" R ".created_at, " R ".updated_at)"
/* An update that only moves the row's timestamps forward. */
#define LE_FORWARD_DOC \
	"(NEW.placement_id IS OLD.placement_id" \
	" AND NEW.created_at >= OLD.created_at" \
	" AND NEW.updated_at >= OLD.updated_at)"
#define LE_FORWARD_VERSION \
	"(NEW.document_id IS OLD.document_id AND NEW.saved_at >= OLD.saved_at)"
#define LE_FORWARD_MESSAGE \
	"(NEW.placement_id IS OLD.placement_id AND NEW.at >= OLD.at)"
#define LE_FORWARD_EVENT \
	"(NEW.customer_id IS OLD.customer_id" \
	" AND NEW.placement_id IS OLD.placement_id" \
	" AND NEW.document_id IS OLD.document_id AND NEW.at >= OLD.at)"

/*
 * Migration 12's lateness facts of document D (a table name): its first
 * submission, its returns, its first review (a return or the approval)
 * and its approval, by the events about it (index events_document_action).
 * LATE_FACT_COLS (statements.c) reads them from the columns instead.
 */
#define DF_EVENTS(D, ACTIONS) \
	" FROM events e WHERE e.document_id = " D ".id AND e.action " ACTIONS
#define DF_RECOMPUTE \
	"UPDATE documents SET" \
	" first_submitted_at = (SELECT min(e.at)" \
	DF_EVENTS("documents", "= 'submit'") ")," \
	" returns = (SELECT count(*)" DF_EVENTS("documents", "= 'return'") ")," \
	" first_reviewed_at = (SELECT min(e.at)" \
	DF_EVENTS("documents", "IN ('return', 'approve')") ")," \
	" approved_at = (SELECT min(e.at)" \
	DF_EVENTS("documents", "= 'approve'") ")"
/* An event that is a lateness fact of its document (R: NEW or OLD). */
#define DF_FACT(R) \
	"(" R ".document_id IS NOT NULL" \
	" AND " R ".action IN ('submit', 'return', 'approve'))"
/* The earlier of column C and the new event's time, when it is one of A. */
#define DF_EARLIER(C, A) \
	C " = CASE WHEN NEW.action " A " AND (" C " IS NULL OR NEW.at < " C ")" \
	" THEN NEW.at ELSE " C " END"

/* Migration 12's counsellor of a placement: its customer's. */
#define PC_RECOMPUTE \
	"UPDATE placements SET counsellor_id = (SELECT c.counsellor_id" \
	" FROM customers c WHERE c.id = placements.customer_id)"

/*
 * Migration 13's provider of a message: its placement's (placements'
 * provider_id is never updated by the program, but a trigger keeps the
 * copy right whatever writes it).
 */
#define MP_OF_PLACEMENT(X) \
	"(SELECT p.provider_id FROM placements p WHERE p.id = " X ")"
#define MP_RECOMPUTE \
	"UPDATE messages SET provider_id = " \
	MP_OF_PLACEMENT("messages.placement_id")

/*
 * Migration 14's count of the entries of document D's history (a table
 * name): its events and the saves recorded as versions (migration 8;
 * STMT_EVENTS_OF_DOC lists the same rows).
 */
#define HC_RECOMPUTE \
	"UPDATE documents SET history_entries =" \
	" (SELECT count(*) FROM events e WHERE e.document_id = documents.id)" \
	" + (SELECT count(*) FROM document_versions v" \
	" WHERE v.document_id = documents.id AND v.state IS NOT NULL)"
/* One entry more or less (OP: "+" or "-") on document ID. */
#define HC_STEP(OP, ID) \
	"UPDATE documents SET history_entries = history_entries " OP " 1" \
	" WHERE id = " ID

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
	/* 2: work queues and payments (issue 3). */
	"CREATE INDEX documents_submitted ON documents(placement_id,"
	" submitted_at) WHERE state = 'submitted';"
	"CREATE INDEX documents_period ON documents(kind, period, state);",
	/* 3: retention, destruction records, hand-over packages (issue 4). */
	"CREATE INDEX events_placement ON events(placement_id);"
	"CREATE TABLE archive_packages(id INTEGER PRIMARY KEY,"
	" objid TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,"
	" created_by INTEGER NOT NULL REFERENCES users(id),"
	" today TEXT NOT NULL, customers INTEGER NOT NULL,"
	" documents INTEGER NOT NULL, files INTEGER NOT NULL,"
	" confirmed_at TEXT, confirmed_by INTEGER REFERENCES users(id),"
	" CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL)));"
	"CREATE TABLE archive_package_customers("
	" package_id INTEGER NOT NULL REFERENCES archive_packages(id),"
	" customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" last_entry TEXT NOT NULL, PRIMARY KEY (package_id, customer_id));"
	"CREATE INDEX archive_package_customer ON"
	" archive_package_customers(customer_id);"
	"CREATE TABLE destruction_records(id INTEGER PRIMARY KEY,"
	" run TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,"
	" today TEXT NOT NULL, actor_id INTEGER NOT NULL REFERENCES users(id),"
	" operator TEXT NOT NULL, rule TEXT NOT NULL"
	" CHECK (rule IN ('two-years', 'handed-over')), package_objid TEXT,"
	" customers INTEGER NOT NULL DEFAULT 0,"
	" placements INTEGER NOT NULL DEFAULT 0,"
	" documents INTEGER NOT NULL DEFAULT 0,"
	" versions INTEGER NOT NULL DEFAULT 0,"
	" events INTEGER NOT NULL DEFAULT 0,"
	" CHECK ((rule = 'handed-over') = (package_objid IS NOT NULL)));",
	/*
	 * 4: the customer search (issue 6).  name_fold is the name with A-Z
	 * and the capitals of Swedish and common European names made small,
	 * exactly as search_fold() does (SQLite's lower() knows ASCII only;
	 * more nested replace() calls overflow SQLite's parser stack);
	 * generated, so every way a customer is written keeps it right.
	 */
	"ALTER TABLE customers ADD COLUMN name_fold TEXT GENERATED ALWAYS AS"
	" (lower(replace(replace(replace(replace(replace(replace(replace(replace("
	" replace(replace(replace(replace(replace(replace(replace(replace(name,"
	" 'À', 'à'), 'Á', 'á'), 'Ä', 'ä'), 'Å', 'å'),"
	" 'Æ', 'æ'), 'Ç', 'ç'), 'È', 'è'), 'É', 'é'),"
	" 'Ë', 'ë'), 'Í', 'í'), 'Ñ', 'ñ'), 'Ó', 'ó'),"
	" 'Ö', 'ö'), 'Ø', 'ø'), 'Ú', 'ú'), 'Ü', 'ü')"
	" )) VIRTUAL;",
	/*
	 * 5: the last entry per customer, stored and indexed (issues 4, 7),
	 * so that the purge and the hand-over lists read the customers near
	 * or past their line by an index range.  Filled here from the same
	 * definition the purge re-reads (RET_LAST_ENTRY), kept by triggers.
	 */
	"ALTER TABLE customers ADD COLUMN last_entry_at TEXT;"
	LE_RECOMPUTE ";"
	"CREATE INDEX customers_last_entry ON customers(last_entry_at);"
	"CREATE INDEX customers_clock_odd ON customers(id) WHERE "
	RET_CLOCK_ODD("last_entry_at") ";"
	"CREATE TRIGGER customers_le_insert AFTER INSERT ON customers BEGIN "
	LE_RECOMPUTE " WHERE id = NEW.id; END;"
	"CREATE TRIGGER customers_le_update AFTER UPDATE OF id, created_at"
	" ON customers BEGIN " LE_RECOMPUTE " WHERE id = NEW.id; END;"
	"CREATE TRIGGER placements_le_insert AFTER INSERT ON placements BEGIN "
	LE_RAISE("NEW.created_at") " AND id = NEW.customer_id; END;"
	"CREATE TRIGGER placements_le_update AFTER UPDATE OF id, customer_id,"
	" created_at ON placements BEGIN " LE_RECOMPUTE
	" WHERE id IN (OLD.customer_id, NEW.customer_id); END;"
	"CREATE TRIGGER placements_le_delete AFTER DELETE ON placements BEGIN "
	LE_RECOMPUTE " WHERE id = OLD.customer_id AND " LE_LATEST
	"OLD.created_at; END;"
	"CREATE TRIGGER documents_le_insert AFTER INSERT ON documents BEGIN "
	LE_RAISE(LE_DOC_AT("NEW")) " AND id = "
	LE_OF_PLACEMENT("NEW.placement_id") "; END;"
	"CREATE TRIGGER documents_le_forward AFTER UPDATE OF id, placement_id,"
	" created_at, updated_at ON documents WHEN " LE_FORWARD_DOC " IS 1"
	" BEGIN " LE_RAISE(LE_DOC_AT("NEW")) " AND id = "
	LE_OF_PLACEMENT("NEW.placement_id") "; END;"
	"CREATE TRIGGER documents_le_back AFTER UPDATE OF id, placement_id,"
	" created_at, updated_at ON documents WHEN " LE_FORWARD_DOC " IS NOT 1"
	" BEGIN " LE_RECOMPUTE " WHERE id IN ("
	LE_OF_PLACEMENT("OLD.placement_id") ", "
	LE_OF_PLACEMENT("NEW.placement_id") "); END;"
	"CREATE TRIGGER documents_le_delete AFTER DELETE ON documents BEGIN "
	LE_RECOMPUTE " WHERE id = " LE_OF_PLACEMENT("OLD.placement_id")
	" AND " LE_LATEST LE_DOC_AT("OLD") "; END;"
	"CREATE TRIGGER versions_le_insert AFTER INSERT ON document_versions"
	" BEGIN " LE_RAISE("NEW.saved_at") " AND id = "
	LE_OF_DOC("NEW.document_id") "; END;"
	"CREATE TRIGGER versions_le_forward AFTER UPDATE OF document_id,"
	" saved_at ON document_versions WHEN " LE_FORWARD_VERSION " IS 1"
	" BEGIN " LE_RAISE("NEW.saved_at") " AND id = "
	LE_OF_DOC("NEW.document_id") "; END;"
	"CREATE TRIGGER versions_le_back AFTER UPDATE OF document_id,"
	" saved_at ON document_versions WHEN " LE_FORWARD_VERSION " IS NOT 1"
	" BEGIN " LE_RECOMPUTE " WHERE id IN (" LE_OF_DOC("OLD.document_id")
	", " LE_OF_DOC("NEW.document_id") "); END;"
	"CREATE TRIGGER versions_le_delete AFTER DELETE ON document_versions"
	" BEGIN " LE_RECOMPUTE " WHERE id = " LE_OF_DOC("OLD.document_id")
	" AND " LE_LATEST "OLD.saved_at; END;"
	"CREATE TRIGGER events_le_insert AFTER INSERT ON events BEGIN "
	LE_RAISE("NEW.at") " AND id IN " LE_OF_EVENT("NEW") "; END;"
	"CREATE TRIGGER events_le_forward AFTER UPDATE OF customer_id,"
	" placement_id, document_id, at ON events WHEN " LE_FORWARD_EVENT
	" IS 1 BEGIN " LE_RAISE("NEW.at") " AND id IN " LE_OF_EVENT("NEW")
	"; END;"
	"CREATE TRIGGER events_le_back AFTER UPDATE OF customer_id,"
	" placement_id, document_id, at ON events WHEN " LE_FORWARD_EVENT
	" IS NOT 1 BEGIN " LE_RECOMPUTE " WHERE id IN " LE_OF_EVENT("OLD")
	" OR id IN " LE_OF_EVENT("NEW") "; END;"
	"CREATE TRIGGER events_le_delete AFTER DELETE ON events BEGIN "
	LE_RECOMPUTE " WHERE id IN " LE_OF_EVENT("OLD") " AND " LE_LATEST
	"OLD.at; END;",
	/*
	 * 6: a document's first submission and its returns, each read from
	 * this index alone (STMT_DEFICIENCY_DOCS, STMT_DOC_FACTS_OF_PLACEMENT)
	 * instead of one table row per event of the document.
	 */
	"CREATE INDEX events_document_action ON events(document_id, action,"
	" at);",
	/*
	 * 7: a provider's placements in page order (start date descending,
	 * then id, which the index holds as its rowid), so that a page deep
	 * in the list skips index entries instead of joined rows.
	 */
	"CREATE INDEX placements_provider_page ON placements(provider_id,"
	" start_date DESC);",
	/*
	 * 8: a save's audit record is its version row: who (saved_by), when
	 * (saved_at), in which state, and after which event of the document
	 * (to place it in the history).  The event each save also wrote was
	 * the same facts again, and five more pages in every save's COMMIT
	 * (issue 7).  Versions saved before have state NULL: their save
	 * events stay and the history shows those instead.
	 */
	"ALTER TABLE document_versions ADD COLUMN state TEXT;"
	"ALTER TABLE document_versions ADD COLUMN after_event INTEGER;",
	/*
	 * 9: the case flow (issue 12).  The team lead's role: a CHECK cannot
	 * be altered, so users is rebuilt (db_migrate runs with foreign keys
	 * off and checks them before it commits).  Each placement carries its
	 * steps: staffing, the assignment, the start meeting, the ending
	 * decision, extensions, a requested plan revision; who took each step
	 * is in its event.  end_date is the end in force (the planned one
	 * until an ending decision sets the actual one); planned_end_date the
	 * end decided when the customer was queued.
	 */
	"CREATE TABLE users_new(id INTEGER PRIMARY KEY,"
	" login TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL"
	" CHECK (role IN ('provider', 'counsellor', 'lead', 'archivist',"
	" 'admin')), organisation_id INTEGER REFERENCES organisations(id),"
	" CHECK ((role = 'provider') = (organisation_id IS NOT NULL)));"
	"INSERT INTO users_new SELECT id, login, name, role, organisation_id"
	" FROM users;"
	"DROP TABLE users;"
	"ALTER TABLE users_new RENAME TO users;"
	"ALTER TABLE placements ADD COLUMN planned_end_date TEXT;"
	"UPDATE placements SET planned_end_date = end_date;"
	"ALTER TABLE placements ADD COLUMN staffed_at TEXT;"
	"ALTER TABLE placements ADD COLUMN staff_name TEXT;"
	"ALTER TABLE placements ADD COLUMN assigned_at TEXT;"
	"ALTER TABLE placements ADD COLUMN assignment TEXT;"
	"ALTER TABLE placements ADD COLUMN extent TEXT"
	" CHECK (extent IN ('fulltime', 'parttime'));"
	"ALTER TABLE placements ADD COLUMN part_time_reason TEXT;"
	"ALTER TABLE placements ADD COLUMN future_plan TEXT;"
	"ALTER TABLE placements ADD COLUMN start_meeting_on TEXT;"
	"ALTER TABLE placements ADD COLUMN start_meeting_at TEXT;"
	"ALTER TABLE placements ADD COLUMN ending TEXT"
	" CHECK (ending IN ('completed', 'early', 'aborted'));"
	"ALTER TABLE placements ADD COLUMN ending_decided_on TEXT;"
	"ALTER TABLE placements ADD COLUMN ended_at TEXT;"
	"CREATE INDEX placements_steps ON placements(provider_id, created_at)"
	" WHERE ending IS NULL AND (staffed_at IS NULL OR"
	" (assigned_at IS NOT NULL AND start_meeting_on IS NULL));"
	"CREATE INDEX placements_open ON placements(start_date)"
	" WHERE ending IS NULL;"
	/*
	 * Follow-up meetings (issue 13): booked by either party, the outcome
	 * recorded by the counsellor; each booking and outcome also writes an
	 * event, which keeps the retention clock and the archive's history.
	 */
	"CREATE TABLE follow_ups(id INTEGER PRIMARY KEY,"
	" placement_id INTEGER NOT NULL REFERENCES placements(id),"
	" meeting_on TEXT NOT NULL, note TEXT,"
	" booked_by INTEGER NOT NULL REFERENCES users(id),"
	" booked_at TEXT NOT NULL, outcome TEXT, revise_plan INTEGER"
	" CHECK (revise_plan IN (0, 1)), outcome_by INTEGER REFERENCES users(id),"
	" outcome_at TEXT, CHECK ((outcome IS NULL) = (outcome_at IS NULL)));"
	"CREATE INDEX follow_ups_placement ON follow_ups(placement_id);"
	/*
	 * The default-provider list (förvalslista): per kundval, the
	 * providers authorised for it and since when.
	 */
	/*
	 * A provider change: the customer's written consent (its date, and
	 * when it was recorded) lets the new provider read the current plan
	 * of the customer's former placement.
	 */
	"ALTER TABLE placements ADD COLUMN consent_on TEXT;"
	"ALTER TABLE placements ADD COLUMN consent_at TEXT;"
	"CREATE TABLE authorisations("
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id),"
	" kundval TEXT NOT NULL, authorised_on TEXT NOT NULL,"
	" PRIMARY KEY (organisation_id, kundval));"
	/*
	 * Protected identities by category; protected stays 1 for any of
	 * them.  Every read of such a customer's record is logged here.
	 */
	"ALTER TABLE customers ADD COLUMN protection TEXT CHECK (protection IN"
	" ('skyddad-folkbokforing', 'sekretessmarkering', 'fingerade'));"
	"UPDATE customers SET protection = 'sekretessmarkering'"
	" WHERE protected = 1;"
	"CREATE TABLE protected_reads(id INTEGER PRIMARY KEY,"
	" customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" user_id INTEGER NOT NULL REFERENCES users(id), at TEXT NOT NULL,"
	" what TEXT NOT NULL);"
	"CREATE INDEX protected_reads_customer ON protected_reads(customer_id,"
	" id);"
	"ALTER TABLE placements ADD COLUMN extension_months INTEGER NOT NULL"
	" DEFAULT 0 CHECK (extension_months BETWEEN 0 AND 2);"
	"ALTER TABLE placements ADD COLUMN revision_requested_at TEXT;",
	/*
	 * 10: messages between the provider and the responsible counsellor
	 * per placement, with per-user read marks, and personal-data
	 * incidents with the placements they name and the counsellors they
	 * went to (issue 13).  Messages are entries about the customer: the
	 * clock's triggers are rewritten with them (LE_RECOMPUTE_10), and the
	 * destruction record counts them.  An absence message carries its
	 * dates and the contact attempts (README, Rules: absences).
	 */
	"CREATE TABLE messages(id INTEGER PRIMARY KEY,"
	" placement_id INTEGER NOT NULL REFERENCES placements(id),"
	" author_id INTEGER NOT NULL REFERENCES users(id), at TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('staffing', 'absence',"
	" 'other-placement', 'other')), body TEXT NOT NULL,"
	" absence_from TEXT, absence_to TEXT, contact_attempts TEXT,"
	" CHECK ((kind = 'absence') = (absence_from IS NOT NULL"
	" AND contact_attempts IS NOT NULL)));"
	"CREATE INDEX messages_placement ON messages(placement_id, id);"
	"CREATE TABLE message_reads(user_id INTEGER NOT NULL"
	" REFERENCES users(id), placement_id INTEGER NOT NULL"
	" REFERENCES placements(id), last_read INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, placement_id)) WITHOUT ROWID;"
	"CREATE INDEX message_reads_placement ON message_reads(placement_id);"
	"CREATE TABLE incidents(id INTEGER PRIMARY KEY,"
	" provider_id INTEGER NOT NULL REFERENCES organisations(id),"
	" reported_by INTEGER NOT NULL REFERENCES users(id),"
	" reported_at TEXT NOT NULL, discovered_at TEXT NOT NULL,"
	" what TEXT NOT NULL, named INTEGER NOT NULL CHECK (named IN (0, 1)));"
	"CREATE INDEX incidents_provider ON incidents(provider_id, id);"
	"CREATE TABLE incident_placements(incident_id INTEGER NOT NULL"
	" REFERENCES incidents(id), placement_id INTEGER NOT NULL"
	" REFERENCES placements(id), PRIMARY KEY (incident_id, placement_id))"
	" WITHOUT ROWID;"
	"CREATE INDEX incident_placements_placement ON"
	" incident_placements(placement_id);"
	"CREATE TABLE incident_recipients(counsellor_id INTEGER NOT NULL"
	" REFERENCES users(id), incident_id INTEGER NOT NULL"
	" REFERENCES incidents(id), PRIMARY KEY (counsellor_id, incident_id))"
	" WITHOUT ROWID;"
	"ALTER TABLE destruction_records ADD COLUMN messages INTEGER NOT NULL"
	" DEFAULT 0;"
	"CREATE TRIGGER messages_le_insert AFTER INSERT ON messages BEGIN "
	LE_RAISE("NEW.at") " AND id = " LE_OF_PLACEMENT("NEW.placement_id")
	"; END;"
	"CREATE TRIGGER messages_le_forward AFTER UPDATE OF placement_id, at"
	" ON messages WHEN " LE_FORWARD_MESSAGE " IS 1 BEGIN "
	LE_RAISE("NEW.at") " AND id = " LE_OF_PLACEMENT("NEW.placement_id")
	"; END;"
	"CREATE TRIGGER messages_le_back AFTER UPDATE OF placement_id, at"
	" ON messages WHEN " LE_FORWARD_MESSAGE " IS NOT 1 BEGIN "
	LE_RECOMPUTE_10 " WHERE id IN (" LE_OF_PLACEMENT("OLD.placement_id")
	", " LE_OF_PLACEMENT("NEW.placement_id") "); END;"
	"CREATE TRIGGER messages_le_delete AFTER DELETE ON messages BEGIN "
	LE_RECOMPUTE_10 " WHERE id = " LE_OF_PLACEMENT("OLD.placement_id")
	" AND " LE_LATEST "OLD.at; END;"
	/* Migration 5's recomputing triggers, now with the messages. */
	"DROP TRIGGER customers_le_insert;"
	"CREATE TRIGGER customers_le_insert AFTER INSERT ON customers BEGIN "
	LE_RECOMPUTE_10 " WHERE id = NEW.id; END;"
	"DROP TRIGGER customers_le_update;"
	"CREATE TRIGGER customers_le_update AFTER UPDATE OF id, created_at"
	" ON customers BEGIN " LE_RECOMPUTE_10 " WHERE id = NEW.id; END;"
	"DROP TRIGGER placements_le_update;"
	"CREATE TRIGGER placements_le_update AFTER UPDATE OF id, customer_id,"
	" created_at ON placements BEGIN " LE_RECOMPUTE_10
	" WHERE id IN (OLD.customer_id, NEW.customer_id); END;"
	"DROP TRIGGER placements_le_delete;"
	"CREATE TRIGGER placements_le_delete AFTER DELETE ON placements BEGIN "
	LE_RECOMPUTE_10 " WHERE id = OLD.customer_id AND " LE_LATEST
	"OLD.created_at; END;"
	"DROP TRIGGER documents_le_back;"
	"CREATE TRIGGER documents_le_back AFTER UPDATE OF id, placement_id,"
	" created_at, updated_at ON documents WHEN " LE_FORWARD_DOC " IS NOT 1"
	" BEGIN " LE_RECOMPUTE_10 " WHERE id IN ("
	LE_OF_PLACEMENT("OLD.placement_id") ", "
	LE_OF_PLACEMENT("NEW.placement_id") "); END;"
	"DROP TRIGGER documents_le_delete;"
	"CREATE TRIGGER documents_le_delete AFTER DELETE ON documents BEGIN "
	LE_RECOMPUTE_10 " WHERE id = " LE_OF_PLACEMENT("OLD.placement_id")
	" AND " LE_LATEST LE_DOC_AT("OLD") "; END;"
	"DROP TRIGGER versions_le_back;"
	"CREATE TRIGGER versions_le_back AFTER UPDATE OF document_id,"
	" saved_at ON document_versions WHEN " LE_FORWARD_VERSION " IS NOT 1"
	" BEGIN " LE_RECOMPUTE_10 " WHERE id IN ("
	LE_OF_DOC("OLD.document_id") ", " LE_OF_DOC("NEW.document_id")
	"); END;"
	"DROP TRIGGER versions_le_delete;"
	"CREATE TRIGGER versions_le_delete AFTER DELETE ON document_versions"
	" BEGIN " LE_RECOMPUTE_10 " WHERE id = " LE_OF_DOC("OLD.document_id")
	" AND " LE_LATEST "OLD.saved_at; END;"
	"DROP TRIGGER events_le_back;"
	"CREATE TRIGGER events_le_back AFTER UPDATE OF customer_id,"
	" placement_id, document_id, at ON events WHEN " LE_FORWARD_EVENT
	" IS NOT 1 BEGIN " LE_RECOMPUTE_10 " WHERE id IN " LE_OF_EVENT("OLD")
	" OR id IN " LE_OF_EVENT("NEW") "; END;"
	"DROP TRIGGER events_le_delete;"
	"CREATE TRIGGER events_le_delete AFTER DELETE ON events BEGIN "
	LE_RECOMPUTE_10 " WHERE id IN " LE_OF_EVENT("OLD") " AND " LE_LATEST
	"OLD.at; END;",
	/*
	 * 11: dated amounts (issue 12).  The amount of month M is the one
	 * valid on the 1st of M, so loading next year's never re-prices a
	 * past month.  Today's single amount becomes valid from 2000-01-01:
	 * every month already paid keeps its price.  catalogue's own
	 * monthly_amount_ore stays (other tables' fixtures write it) but
	 * nothing reads it: the loader keeps the file's last amount there.
	 * The payment run finds aborted placements by their end.
	 */
	"CREATE TABLE catalogue_amounts("
	" code TEXT NOT NULL REFERENCES catalogue(code),"
	" valid_from TEXT NOT NULL CHECK (valid_from GLOB"
	" '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	" monthly_amount_ore INTEGER NOT NULL CHECK (monthly_amount_ore >= 0),"
	" PRIMARY KEY (code, valid_from)) WITHOUT ROWID;"
	"INSERT INTO catalogue_amounts(code, valid_from, monthly_amount_ore)"
	" SELECT code, '2000-01-01', monthly_amount_ore FROM catalogue;"
	"CREATE INDEX placements_aborted_end ON placements(end_date)"
	" WHERE ending = 'aborted';",
	/*
	 * 12: what lateness.h needs of each document, stored on it (issue
	 * 15) instead of read from its events and its content by every list
	 * row: the first submission, returns, first review and approval
	 * (DF_RECOMPUTE), filled here and kept by triggers in the transaction
	 * of every write of an event: a new one only moves a fact (one row);
	 * an event changed or deleted computes its documents' facts again.
	 * And what the content of a kind with an ending rule (kinds.h)
	 * states of the ending, end and decision: written with every save
	 * (latefacts_rows.h), filled here by late_stated_fill().
	 */
	"ALTER TABLE documents ADD COLUMN first_submitted_at TEXT;"
	"ALTER TABLE documents ADD COLUMN returns INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE documents ADD COLUMN first_reviewed_at TEXT;"
	"ALTER TABLE documents ADD COLUMN approved_at TEXT;"
	"ALTER TABLE documents ADD COLUMN stated_ending TEXT"
	" CHECK (stated_ending IN ('completed', 'early', 'aborted'));"
	"ALTER TABLE documents ADD COLUMN stated_end TEXT;"
	"ALTER TABLE documents ADD COLUMN stated_decision TEXT;"
	DF_RECOMPUTE " WHERE id IN (SELECT e.document_id FROM events e"
	" WHERE " DF_FACT("e") ");"
	"CREATE TRIGGER events_facts_insert AFTER INSERT ON events"
	" WHEN " DF_FACT("NEW") " BEGIN UPDATE documents SET "
	DF_EARLIER("first_submitted_at", "= 'submit'") ","
	" returns = returns + (NEW.action = 'return'), "
	DF_EARLIER("first_reviewed_at", "IN ('return', 'approve')") ", "
	DF_EARLIER("approved_at", "= 'approve'")
	" WHERE id = NEW.document_id; END;"
	"CREATE TRIGGER events_facts_update AFTER UPDATE OF document_id,"
	" action, at ON events WHEN " DF_FACT("OLD") " OR " DF_FACT("NEW")
	" BEGIN " DF_RECOMPUTE " WHERE id IN (OLD.document_id,"
	" NEW.document_id); END;"
	"CREATE TRIGGER events_facts_delete AFTER DELETE ON events"
	" WHEN " DF_FACT("OLD") " BEGIN " DF_RECOMPUTE
	" WHERE id = OLD.document_id; END;"
	/*
	 * The counsellor of each placement's customer, on the placement and
	 * kept by triggers, so that a counsellor's lists read his or her
	 * placements by one index range instead of one index search per
	 * customer: in page order (placements_counsellor, as a provider's
	 * placements_provider_page), and those staffed and waiting for an
	 * assignment (placements_to_assign).
	 */
	"ALTER TABLE placements ADD COLUMN counsellor_id INTEGER;"
	PC_RECOMPUTE ";"
	"CREATE INDEX placements_counsellor ON placements(counsellor_id,"
	" start_date DESC);"
	"CREATE INDEX placements_to_assign ON placements(counsellor_id,"
	" staffed_at) WHERE ending IS NULL AND staffed_at IS NOT NULL"
	" AND assigned_at IS NULL;"
	"CREATE TRIGGER placements_counsellor_insert AFTER INSERT ON placements"
	" BEGIN " PC_RECOMPUTE " WHERE id = NEW.id; END;"
	"CREATE TRIGGER placements_counsellor_update AFTER UPDATE OF"
	" customer_id, counsellor_id ON placements BEGIN " PC_RECOMPUTE
	" WHERE id = NEW.id; END;"
	"CREATE TRIGGER customers_counsellor_update AFTER UPDATE OF id,"
	" counsellor_id ON customers BEGIN " PC_RECOMPUTE
	" WHERE customer_id IN (OLD.id, NEW.id); END;",
	/*
	 * 13: each message carries its placement's provider (issue 15), so
	 * that a provider's unread messages are read from the organisation's
	 * messages (messages_provider: placement by placement, the author and
	 * the id in the index) instead of one index search per placement of
	 * the organisation, most of which have none.  Filled here from the
	 * placements; the insert statement writes it, and triggers put it
	 * right after any write of a message or a placement that could make
	 * it wrong.
	 */
	"ALTER TABLE messages ADD COLUMN provider_id INTEGER"
	" REFERENCES organisations(id);"
	MP_RECOMPUTE ";"
	"CREATE INDEX messages_provider ON messages(provider_id, placement_id,"
	" author_id);"
	"CREATE TRIGGER messages_provider_insert AFTER INSERT ON messages"
	" WHEN NEW.provider_id IS NOT " MP_OF_PLACEMENT("NEW.placement_id")
	" BEGIN " MP_RECOMPUTE " WHERE id = NEW.id; END;"
	"CREATE TRIGGER messages_provider_update AFTER UPDATE OF placement_id,"
	" provider_id ON messages"
	" WHEN NEW.provider_id IS NOT " MP_OF_PLACEMENT("NEW.placement_id")
	" BEGIN " MP_RECOMPUTE " WHERE id = NEW.id; END;"
	"CREATE TRIGGER placements_provider_update AFTER UPDATE OF id,"
	" provider_id ON placements BEGIN " MP_RECOMPUTE
	" WHERE placement_id IN (OLD.id, NEW.id); END;",
	/*
	 * 14: how many entries each document's history has, on the document
	 * (issue 15).  A document's view shows only its latest entries
	 * (STMT_HISTORY_LATEST) and says how many there are in all; counting
	 * the saves would read every version row, the cost the short list
	 * saves.  Kept by triggers in the transaction of every write: a new
	 * row or a deleted one moves the count by one (the document's row,
	 * which a save or a transition writes anyway); a row moved to another
	 * document or a save's state changed counts both documents again.
	 */
	"ALTER TABLE documents ADD COLUMN history_entries INTEGER NOT NULL"
	" DEFAULT 0;"
	HC_RECOMPUTE ";"
	"CREATE TRIGGER events_history_insert AFTER INSERT ON events"
	" WHEN NEW.document_id IS NOT NULL BEGIN "
	HC_STEP("+", "NEW.document_id") "; END;"
	"CREATE TRIGGER events_history_update AFTER UPDATE OF document_id"
	" ON events WHEN OLD.document_id IS NOT NEW.document_id BEGIN "
	HC_RECOMPUTE " WHERE id IN (OLD.document_id, NEW.document_id); END;"
	"CREATE TRIGGER events_history_delete AFTER DELETE ON events"
	" WHEN OLD.document_id IS NOT NULL BEGIN "
	HC_STEP("-", "OLD.document_id") "; END;"
	"CREATE TRIGGER versions_history_insert AFTER INSERT ON"
	" document_versions WHEN NEW.state IS NOT NULL BEGIN "
	HC_STEP("+", "NEW.document_id") "; END;"
	"CREATE TRIGGER versions_history_update AFTER UPDATE OF document_id,"
	" state ON document_versions WHEN OLD.document_id IS NOT"
	" NEW.document_id OR (OLD.state IS NULL) IS NOT (NEW.state IS NULL)"
	" BEGIN " HC_RECOMPUTE " WHERE id IN (OLD.document_id,"
	" NEW.document_id); END;"
	"CREATE TRIGGER versions_history_delete AFTER DELETE ON"
	" document_versions WHEN OLD.state IS NOT NULL BEGIN "
	HC_STEP("-", "OLD.document_id") "; END;",
};

/* What a migration fills in C after its SQL (none for most). */
static int (*const fills[DB_SCHEMA_VERSION + 1])(struct db *) = {
	[12] = late_stated_fill,
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
    DB_SCHEMA_VERSION + 1, "one migration per schema version");

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

/* Returns 0 if no row breaks a foreign key, else -1 (logged). */
static int
foreign_keys_hold(struct db *db)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db->conn, "PRAGMA foreign_key_check", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	fprintf(stderr, "level=error msg=\"migration breaks a foreign key\"\n");
	return -1;
}

int
db_migrate(struct db *db)
{
	return db_migrate_to(db, DB_SCHEMA_VERSION);
}

/*
 * Applies the missing migrations up to target in one transaction.
 * Returns 0, or -1 with nothing changed.
 */
int
db_migrate_to(struct db *db, int target)
{
	char	 sql[64];
	int	 v, i;

	/*
	 * Foreign keys off while tables are rebuilt (a no-op inside a
	 * transaction, so before it); checked before the commit instead.
	 */
	if (db_exec(db, "PRAGMA foreign_keys = OFF") == -1)
		return -1;
	if (db_begin(db) == -1)
		goto restore;
	if ((v = user_version(db)) < 0)
		goto fail;
	if (v > DB_SCHEMA_VERSION) {
		fprintf(stderr, "level=error msg=\"database schema version %d is "
		    "newer than this program (%d): refusing to run\"\n",
		    v, DB_SCHEMA_VERSION);
		goto fail;
	}
	if (target > DB_SCHEMA_VERSION)
		target = DB_SCHEMA_VERSION;
	if (target < v)
		target = v;
	for (i = v + 1; i <= target; i++)
		if (db_exec(db, migrations[i]) == -1 ||
		    (fills[i] != NULL && fills[i](db) == -1))
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", target);
	/* The check reads every table: only after a migration ran. */
	if (db_exec(db, sql) == -1 ||
	    (v < target && foreign_keys_hold(db) == -1))
		goto fail;
	if (db_commit(db) == -1)
		goto restore;
	return db_exec(db, "PRAGMA foreign_keys = ON");
fail:
	db_rollback(db);
restore:
	db_exec(db, "PRAGMA foreign_keys = ON");
	return -1;
}
