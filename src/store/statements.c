/*
 * statements: the text of every SQL statement of the program, indexed by
 * enum stmt (db.h).  db.c prepares each once per connection; every value
 * is a bound parameter.
 */
#include "db.h"
#include "sqlparts.h"

#define PLACEMENT_COLS \
	"p.id, p.code, k.name, p.start_date, p.end_date, p.provider_id, o.name," \
	" c.id, c.name, c.pnr, c.protected, c.counsellor_id, cu.login, cu.name," \
	" " AMOUNT_THIS_MONTH
/*
 * The amount in force this month: valid on its 1st, local time (the
 * rule of every month, payments.h).  A payment reads its own month's.
 */
#define AMOUNT_THIS_MONTH \
	"(SELECT a.monthly_amount_ore FROM catalogue_amounts a" \
	" WHERE a.code = p.code" \
	" AND a.valid_from <= date('now', 'localtime', 'start of month')" \
	" ORDER BY a.valid_from DESC LIMIT 1)"
#define PLACEMENT_FROM \
	" FROM placements p JOIN catalogue k ON k.code = p.code" \
	" JOIN organisations o ON o.id = p.provider_id" \
	" JOIN customers c ON c.id = p.customer_id" \
	" JOIN users cu ON cu.id = c.counsellor_id"
#define DOC_COLS \
	"d.id, d.placement_id, d.kind, d.period, d.revision, d.state," \
	" d.version, d.title, d.created_at, d.updated_at, d.submitted_at"
#define USER_COLS \
	"u.id, u.login, u.name, u.role, u.organisation_id, o.name" \
	" FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id"

/*
 * What lateness.h needs of document d (latefacts.c late_fact_row reads
 * them), stored on it (migration 12): its first submission, returns,
 * first review (return or approval) and approval, and what its content
 * states of the ending (a final report's fallback when the placement has
 * no recorded ending decision).
 */
#define LATE_FACT_COLS \
	"d.id, d.kind, d.period, d.revision, d.state, d.first_submitted_at," \
	" d.returns, d.first_reviewed_at, d.approved_at, d.stated_ending," \
	" d.stated_end, d.stated_decision"
/* What lateness.h needs of placement p (late_case_row). */
#define LATE_CASE_COLS \
	"p.start_date, p.end_date, p.ending, p.ending_decided_on," \
	" p.revision_requested_at"

/*
 * The counsellor's (?1) submitted documents with their placements, a page
 * of the review queue in either order (STMT_REVIEW_QUEUE, _DESC: ORDER
 * sorts the page's ids).  The ids are sorted and paged alone; the page's
 * rows, joined, come in no order: caseload.c sorts them (a sorter of rows
 * this wide cost more than the joins).
 */
#define REVIEW_QUEUE(ORDER) "SELECT " DOC_COLS ", " PLACEMENT_COLS \
	", " LATE_FACT_COLS ", " LATE_CASE_COLS \
	" FROM documents d JOIN placements p ON p.id = d.placement_id" \
	" JOIN catalogue k ON k.code = p.code" \
	" JOIN organisations o ON o.id = p.provider_id" \
	" JOIN customers c ON c.id = p.customer_id" \
	" JOIN users cu ON cu.id = c.counsellor_id" \
	" WHERE d.id IN (SELECT d2.id FROM placements p2" \
	" INDEXED BY placements_counsellor CROSS JOIN documents d2" \
	" WHERE p2.counsellor_id = ?1 AND d2.placement_id = p2.id" \
	" AND d2.state = 'submitted' ORDER BY " ORDER " LIMIT ?2 OFFSET ?3)"

const char *const stmt_sql[STMT__MAX] = {
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
	/* A protected identity without a category: sekretessmarkering. */
	[STMT_CUSTOMER_INSERT] = "INSERT INTO customers(pnr, name,"
	    " counsellor_id, protected, created_at, protection)"
	    " VALUES (?1, ?2, ?3, ?4, ?5,"
	    " CASE WHEN ?4 = 1 THEN 'sekretessmarkering' END)",
	[STMT_CUSTOMER_BY_PNR] = "SELECT c.id, c.pnr, c.name, c.protected,"
	    " u.login, c.created_at FROM customers c"
	    " JOIN users u ON u.id = c.counsellor_id WHERE c.pnr = ?1",
	[STMT_PLACEMENT_INSERT] = "INSERT INTO placements(customer_id, code,"
	    " provider_id, start_date, end_date, planned_end_date, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
	[STMT_PLACEMENT_GET] = "SELECT " PLACEMENT_COLS PLACEMENT_FROM
	    " WHERE p.id = ?1",
	/*
	 * A page of placements, the latest start first: the page's ids
	 * sorted and paged from the indexes alone, then the joins for the
	 * rows of the page only, in no order (caseload.c sorts them: a
	 * sorter of rows this wide cost a quarter of the statement).  Their
	 * documents' facts come after (STMT_FACTS_OF_PLACEMENTS), all of the
	 * page's in one statement.
	 */
	[STMT_PLACEMENTS_OF_PROVIDER] = "SELECT " PLACEMENT_COLS
	    ", " LATE_CASE_COLS PLACEMENT_FROM
	    " WHERE p.id IN (SELECT id FROM placements"
	    " INDEXED BY placements_provider_page WHERE provider_id = ?1"
	    " ORDER BY start_date DESC, id LIMIT ?2 OFFSET ?3)",
	[STMT_PLACEMENTS_OF_COUNSELLOR] = "SELECT " PLACEMENT_COLS
	    ", " LATE_CASE_COLS PLACEMENT_FROM
	    " WHERE p.id IN (SELECT id FROM placements"
	    " INDEXED BY placements_counsellor WHERE counsellor_id = ?1"
	    " ORDER BY start_date DESC, id LIMIT ?2 OFFSET ?3)",
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
	/* ?6: the state a save left the document in; NULL for a new one. */
	[STMT_VERSION_INSERT] = "INSERT INTO document_versions(document_id,"
	    " version, xml, saved_by, saved_at, state, after_event)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?6 IS NOT NULL THEN"
	    " (SELECT max(id) FROM events WHERE document_id = ?1) END)",
	[STMT_EVENT_INSERT] = "INSERT INTO events(document_id, placement_id,"
	    " customer_id, actor_id, at, action, from_state, to_state, comment)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	/*
	 * The history: the document's events (by id) and its saves (migration
	 * 8), each right after the event it followed, in the order saved;
	 * columns 8 and 9 only order the two lists into one.
	 */
	[STMT_EVENTS_OF_DOC] = "SELECT e.at, u.login, u.name, e.action,"
	    " e.from_state, e.to_state, e.comment, e.id, 0 FROM events e"
	    " JOIN users u ON u.id = e.actor_id WHERE e.document_id = ?1"
	    " UNION ALL SELECT v.saved_at, u.login, u.name, 'save', v.state,"
	    " v.state, NULL, ifnull(v.after_event, 0), v.version"
	    " FROM document_versions v JOIN users u ON u.id = v.saved_by"
	    " WHERE v.document_id = ?1 AND v.state IS NOT NULL ORDER BY 8, 9",
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
	/* The file's format: one row per code and validity. */
	[STMT_CATALOGUE_LIST] = "SELECT k.code, k.kundval, k.name, k.max_months,"
	    " a.valid_from, a.monthly_amount_ore FROM catalogue k"
	    " JOIN catalogue_amounts a ON a.code = k.code"
	    " ORDER BY k.code, a.valid_from",
	/*
	 * The counsellor's documents waiting for review, oldest first.  CROSS
	 * JOIN fixes the loop order of the ids: the counsellor's placements
	 * (migration 12), their submitted documents (partial index), so the
	 * cost follows the caseload, not the size of the database.
	 */
	[STMT_REVIEW_QUEUE] = REVIEW_QUEUE("d2.submitted_at, d2.id"),
	/* What lateness needs of each document of a placement. */
	[STMT_DOC_FACTS_OF_PLACEMENT] = "SELECT " LATE_FACT_COLS
	    " FROM documents d"
	    " WHERE d.placement_id = ?1 ORDER BY d.kind, d.period, d.revision",
	/*
	 * Retention (retention.c, purge.c, archive.c): the customer's last
	 * entry is the latest of its creation and every placement, document,
	 * saved version and event (transitions, comments) about it.  Every
	 * timestamp is "YYYY-MM-DDTHH:MM:SSZ", so the text maximum is the
	 * latest; '' stands for "none".
	 */
	/*
	 * The scan's candidates: every customer whose stored last entry is
	 * before ?1 (a date, "YYYY-MM-DD": index customers_last_entry) or
	 * that the clock cannot be read from (partial index
	 * customers_clock_odd), so the cost follows the customers near or
	 * past their line, not the size of the database.  INDEXED BY: the
	 * planner would rather scan the table in id order than sort a range.
	 */
	[STMT_RET_CUSTOMERS] = "SELECT id, pnr, protected, name, last_entry_at"
	    " FROM customers INDEXED BY customers_last_entry"
	    " WHERE last_entry_at < ?1"
	    " UNION SELECT id, pnr, protected, name, last_entry_at"
	    " FROM customers INDEXED BY customers_clock_odd"
	    " WHERE " RET_CLOCK_ODD("last_entry_at") " ORDER BY 1",
	[STMT_RET_CUSTOMER] = "SELECT c.id, c.pnr, c.protected, c.name, "
	    RET_LAST_ENTRY " FROM customers c WHERE c.id = ?1",
	/* A confirmed package that holds everything up to the last entry. */
	[STMT_RET_COVERED] = "SELECT p.objid FROM archive_package_customers l"
	    " JOIN archive_packages p ON p.id = l.package_id"
	    " WHERE l.customer_id = ?1 AND p.confirmed_at IS NOT NULL"
	    " AND l.last_entry >= ?2 ORDER BY p.confirmed_at, p.id LIMIT 1",
	[STMT_RET_PENDING] = "SELECT p.objid FROM archive_package_customers l"
	    " JOIN archive_packages p ON p.id = l.package_id"
	    " WHERE l.customer_id = ?1 AND p.confirmed_at IS NULL"
	    " AND l.last_entry >= ?2 ORDER BY p.id DESC LIMIT 1",
	/* The purge of one customer, children first (foreign keys). */
	[STMT_PURGE_EVENTS] = "DELETE FROM events WHERE customer_id = ?1"
	    " OR placement_id IN (SELECT id FROM placements"
	    " WHERE customer_id = ?1) OR document_id IN " RET_DOCS_OF,
	[STMT_PURGE_VERSIONS] = "DELETE FROM document_versions"
	    " WHERE document_id IN " RET_DOCS_OF,
	[STMT_PURGE_DOCUMENTS] = "DELETE FROM documents WHERE id IN "
	    RET_DOCS_OF,
	[STMT_PURGE_PLACEMENTS] = "DELETE FROM placements"
	    " WHERE customer_id = ?1",
	[STMT_PURGE_PACKAGE_LINKS] = "DELETE FROM archive_package_customers"
	    " WHERE customer_id = ?1",
	[STMT_PURGE_CUSTOMER] = "DELETE FROM customers WHERE id = ?1",
	/* The destruction record (gallringsprotokoll): no personal data. */
	[STMT_DESTRUCTION_FIND] = "SELECT id FROM destruction_records"
	    " WHERE run = ?1 AND rule = ?2"
	    " AND coalesce(package_objid, '') = coalesce(?3, '')",
	[STMT_DESTRUCTION_INSERT] = "INSERT INTO destruction_records(run,"
	    " started_at, today, actor_id, operator, rule, package_objid)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_DESTRUCTION_ADD] = "UPDATE destruction_records"
	    " SET customers = customers + 1, placements = placements + ?2,"
	    " documents = documents + ?3, versions = versions + ?4,"
	    " events = events + ?5 WHERE id = ?1",
	[STMT_DESTRUCTION_UNFINISHED] = "SELECT count(*)"
	    " FROM destruction_records WHERE finished_at IS NULL",
	/* Finishes this run's records and those of a run that was killed. */
	[STMT_DESTRUCTION_FINISH] = "UPDATE destruction_records"
	    " SET finished_at = ?1 WHERE finished_at IS NULL",
	[STMT_DESTRUCTION_LIST] = "SELECT d.id, d.run, d.started_at,"
	    " d.finished_at, d.today, u.login, d.operator, d.rule,"
	    " d.package_objid, d.customers, d.placements, d.documents,"
	    " d.versions, d.events FROM destruction_records d"
	    " JOIN users u ON u.id = d.actor_id ORDER BY d.id",
	/* Hand-over packages. */
	[STMT_PACKAGE_INSERT] = "INSERT INTO archive_packages(objid,"
	    " created_at, created_by, today, customers, documents, files)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_PACKAGE_LINK] = "INSERT INTO archive_package_customers("
	    "package_id, customer_id, last_entry) VALUES (?1, ?2, ?3)",
	[STMT_PACKAGE_BY_OBJID] = "SELECT id, objid, confirmed_at"
	    " FROM archive_packages WHERE objid = ?1",
	[STMT_PACKAGE_BY_ID] = "SELECT id, objid, confirmed_at"
	    " FROM archive_packages WHERE id = ?1",
	[STMT_PACKAGE_CONFIRM] = "UPDATE archive_packages SET confirmed_at = ?2,"
	    " confirmed_by = ?3 WHERE id = ?1 AND confirmed_at IS NULL",
	[STMT_PACKAGE_LIST] = "SELECT p.id, p.objid, p.created_at, cu.login,"
	    " p.today, p.customers, p.documents, p.files, p.confirmed_at,"
	    " fu.login FROM archive_packages p"
	    " JOIN users cu ON cu.id = p.created_by"
	    " LEFT JOIN users fu ON fu.id = p.confirmed_by"
	    " ORDER BY p.id DESC LIMIT ?1",
	/* What a package holds of one customer. */
	[STMT_ARCHIVE_CUSTOMER] = "SELECT c.id, c.pnr, c.name, c.protected,"
	    " c.created_at, u.login, u.name FROM customers c"
	    " JOIN users u ON u.id = c.counsellor_id WHERE c.id = ?1",
	[STMT_ARCHIVE_PLACEMENTS] = "SELECT p.id, p.code, k.name, o.name,"
	    " p.start_date, p.end_date, p.created_at FROM placements p"
	    " JOIN catalogue k ON k.code = p.code"
	    " JOIN organisations o ON o.id = p.provider_id"
	    " WHERE p.customer_id = ?1 ORDER BY p.id",
	[STMT_ARCHIVE_VERSIONS] = "SELECT v.version, v.xml, v.saved_at,"
	    " u.login FROM document_versions v JOIN users u ON u.id = v.saved_by"
	    " WHERE v.document_id = ?1 ORDER BY v.version",
	/* A customer's events and saves (as STMT_EVENTS_OF_DOC), by time. */
	[STMT_ARCHIVE_EVENTS] = "SELECT h.ident, h.document_id, h.placement_id,"
	    " h.at, u.login, u.name, u.role, h.action, h.from_state, h.to_state,"
	    " h.comment FROM (SELECT 'event-' || e.id AS ident, e.id AS seq,"
	    " 0 AS sub, e.document_id, e.placement_id, e.at, e.actor_id,"
	    " e.action, e.from_state, e.to_state, e.comment FROM events e"
	    " WHERE e.customer_id = ?1 OR e.placement_id IN (SELECT id"
	    " FROM placements WHERE customer_id = ?1) OR e.document_id IN "
	    RET_DOCS_OF " UNION ALL SELECT 'save-' || v.document_id || '-' ||"
	    " v.version, ifnull(v.after_event, 0), v.version, v.document_id,"
	    " NULL, v.saved_at, v.saved_by, 'save', v.state, v.state, NULL"
	    " FROM document_versions v WHERE v.state IS NOT NULL"
	    " AND v.document_id IN " RET_DOCS_OF ") h"
	    " JOIN users u ON u.id = h.actor_id ORDER BY h.at, h.seq, h.sub",
	/* STMT_REVIEW_QUEUE newest first: the start page's ?sort=-due. */
	[STMT_REVIEW_QUEUE_DESC] = REVIEW_QUEUE(
	    "d2.submitted_at DESC, d2.id DESC"),
	/*
	 * The customer search (handlers_search.c, search.h): ?2 a folded name,
	 * found in name_fold (migration 4), or ?3 the digits of a personal
	 * number, a prefix of its 12 digits or of the 10-digit form; the other
	 * is NULL.  Read from the viewer's own placements (a provider: never a
	 * protected identity) or customers (a counsellor) through their
	 * indexes, so the cost follows the caseload; at most ?4 rows.
	 */
#define SEARCH_MATCH \
	" AND (instr(c.name_fold, ?2) > 0" \
	" OR substr(replace(c.pnr, '-', ''), 1, length(?3)) = ?3" \
	" OR substr(replace(c.pnr, '-', ''), 3, length(?3)) = ?3)"
#define SEARCH_JOINS \
	" JOIN catalogue k ON k.code = p.code" \
	" JOIN organisations o ON o.id = p.provider_id" \
	" JOIN users cu ON cu.id = c.counsellor_id"
	[STMT_SEARCH_OF_PROVIDER] = "SELECT " PLACEMENT_COLS
	    " FROM placements p CROSS JOIN customers c" SEARCH_JOINS
	    " WHERE p.provider_id = ?1 AND c.id = p.customer_id"
	    " AND c.protected = 0" SEARCH_MATCH
	    " ORDER BY c.name_fold, c.id, p.start_date DESC, p.id LIMIT ?4",
	[STMT_SEARCH_OF_COUNSELLOR] = "SELECT " PLACEMENT_COLS
	    " FROM customers c CROSS JOIN placements p" SEARCH_JOINS
	    " WHERE c.counsellor_id = ?1 AND p.customer_id = c.id" SEARCH_MATCH
	    " ORDER BY c.name_fold, c.id, p.start_date DESC, p.id LIMIT ?4",
	/* Customers whose stored last entry is not the computed one. */
	[STMT_RET_CLOCK_DRIFT] = "SELECT c.id, c.last_entry_at, "
	    RET_LAST_ENTRY " FROM customers c WHERE c.last_entry_at IS NOT "
	    RET_LAST_ENTRY " ORDER BY c.id",
	/*
	 * The deficiencies (README, Rules: deficiencies) among counsellor
	 * ?1's placements (deficiency.c): each placement with its provider
	 * and lateness facts, once per document with the document's facts
	 * (once without when it has none), a placement's rows together, so
	 * that deficiency.c counts each placement's duties as duties.c lists
	 * them.  The cost follows the counsellor's caseload, not the size of
	 * the database (customers_counsellor, placements_customer, the
	 * documents' unique index); the order is that of the indexes, so
	 * nothing is sorted; no due date is computed in SQL.
	 */
	[STMT_DEFICIENCY_DOCS] = "SELECT p.id, p.provider_id, " LATE_CASE_COLS
	    ", " LATE_FACT_COLS " FROM customers c CROSS JOIN placements p"
	    " LEFT JOIN documents d ON d.placement_id = p.id"
	    " WHERE c.counsellor_id = ?1 AND p.customer_id = c.id"
	    " ORDER BY c.id, p.id",
	/* What lateness needs of placement ?1 (the document page). */
	[STMT_LATE_CASE] = "SELECT " LATE_CASE_COLS " FROM placements p"
	    " WHERE p.id = ?1",
	/*
	 * The case flow (casestore.c).  Each step is guarded by the steps
	 * before it and by the absence of an ending decision, so that a step
	 * taken twice at once, or after the ending, changes nothing (0 rows:
	 * the handler answers 409).  ?1 is the placement.
	 */
	[STMT_CASE_QUEUE] = "INSERT INTO placements(customer_id, code,"
	    " provider_id, start_date, end_date, planned_end_date, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
	[STMT_CASE_STAFF] = "UPDATE placements SET staffed_at = ?2,"
	    " staff_name = ?3 WHERE id = ?1 AND ending IS NULL",
	[STMT_CASE_ASSIGN] = "UPDATE placements SET assigned_at = ?2,"
	    " assignment = ?3, extent = ?4, part_time_reason = ?5,"
	    " future_plan = ?6 WHERE id = ?1 AND staffed_at IS NOT NULL"
	    " AND ending IS NULL",
	[STMT_CASE_MEETING] = "UPDATE placements SET start_meeting_at = ?2,"
	    " start_meeting_on = ?3 WHERE id = ?1 AND assigned_at IS NOT NULL"
	    " AND ending IS NULL",
	[STMT_CASE_END] = "UPDATE placements SET ended_at = ?2, ending = ?3,"
	    " ending_decided_on = ?4, end_date = ?5 WHERE id = ?1"
	    " AND ending IS NULL",
	/* ?3: the extensions the lead saw, so two at once give one. */
	[STMT_CASE_EXTEND] = "UPDATE placements SET extension_months ="
	    " extension_months + 1, end_date = coalesce(?2, end_date),"
	    " planned_end_date = coalesce(?2, planned_end_date)"
	    " WHERE id = ?1 AND ending IS NULL AND extension_months = ?3",
	[STMT_CASE_REQUEST_REVISION] = "UPDATE placements"
	    " SET revision_requested_at = ?2 WHERE id = ?1 AND ending IS NULL",
	[STMT_CASE_EVENT] = "INSERT INTO events(placement_id, customer_id,"
	    " actor_id, at, action, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/*
	 * The open steps of a provider's placements (partial index
	 * placements_steps, migration 9): to staff, or assigned without a
	 * start meeting; ?2 today, ?3 the most rows.
	 */
	[STMT_CASE_STEPS_OF_PROVIDER] = "SELECT " PLACEMENT_COLS ","
	    " p.created_at, p.staffed_at, p.assigned_at" PLACEMENT_FROM
	    " WHERE p.provider_id = ?1 AND p.ending IS NULL"
	    " AND (p.staffed_at IS NULL OR (p.assigned_at IS NOT NULL"
	    " AND p.start_meeting_on IS NULL))"
	    " AND (p.end_date IS NULL OR p.end_date >= ?2)"
	    " ORDER BY p.created_at, p.id LIMIT ?3",
	/*
	 * Staffed placements of the counsellor's customers without an
	 * assignment, from their partial index (migration 12).
	 */
	[STMT_CASE_STEPS_OF_COUNSELLOR] = "SELECT " PLACEMENT_COLS ","
	    " p.created_at, p.staffed_at, p.assigned_at"
	    " FROM placements p INDEXED BY placements_to_assign"
	    " JOIN catalogue k ON k.code = p.code"
	    " JOIN organisations o ON o.id = p.provider_id"
	    " JOIN customers c ON c.id = p.customer_id"
	    " JOIN users cu ON cu.id = c.counsellor_id"
	    " WHERE p.counsellor_id = ?1"
	    " AND p.ending IS NULL AND p.staffed_at IS NOT NULL"
	    " AND p.assigned_at IS NULL"
	    " AND (p.end_date IS NULL OR p.end_date >= ?2)"
	    " ORDER BY p.staffed_at, p.id LIMIT ?3",
	/*
	 * The team lead's list: placements without an ending decision that
	 * started by ?1 (the latest start whose shortest max length ends
	 * within a month, from STMT_CASE_SHORTEST_MAX), oldest first, read
	 * through the partial index placements_open; caseflow.c decides which
	 * are within a month of their max end.
	 */
	[STMT_CASE_NEAR_MAX] = "SELECT " PLACEMENT_COLS ", k.max_months,"
	    " p.extension_months" PLACEMENT_FROM
	    " WHERE p.ending IS NULL AND p.start_date <= ?1"
	    " AND (p.end_date IS NULL OR p.end_date >= ?2)"
	    " ORDER BY p.start_date, p.id LIMIT ?3",
	[STMT_CASE_SHORTEST_MAX] = "SELECT min(max_months) FROM catalogue",
	/* The placement's own events (not its documents'), in order. */
	[STMT_CASE_EVENTS_OF_PLACEMENT] = "SELECT e.at, u.login, u.name,"
	    " u.role, e.action, e.comment FROM events e"
	    " JOIN users u ON u.id = e.actor_id"
	    " WHERE e.placement_id = ?1 AND e.document_id IS NULL ORDER BY e.id",
	/* The queue form's choices. */
	[STMT_CUSTOMERS_OF_COUNSELLOR] = "SELECT id, name, pnr, protected"
	    " FROM customers WHERE counsellor_id = ?1 ORDER BY name_fold, id"
	    " LIMIT ?2",
	[STMT_ORG_LIST] = "SELECT id, name FROM organisations ORDER BY name",
	[STMT_ORG_EXISTS] = "SELECT 1 FROM organisations WHERE id = ?1",
	/* A demo placement that began before the case flow was recorded. */
	[STMT_CASE_STARTED] = "UPDATE placements SET staffed_at = ?2,"
	    " staff_name = ?3, assigned_at = ?2, assignment = ?4,"
	    " extent = 'fulltime', future_plan = ?5,"
	    " start_meeting_on = start_date, start_meeting_at = ?2"
	    " WHERE id = ?1",
	[STMT_FOLLOWUP_BOOK] = "INSERT INTO follow_ups(placement_id, meeting_on,"
	    " note, booked_by, booked_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	/* Once: an outcome is never overwritten. */
	[STMT_FOLLOWUP_OUTCOME] = "UPDATE follow_ups SET outcome = ?2,"
	    " revise_plan = ?3, outcome_by = ?4, outcome_at = ?5"
	    " WHERE id = ?1 AND outcome IS NULL",
	[STMT_FOLLOWUP_GET] = "SELECT placement_id, meeting_on, outcome"
	    " FROM follow_ups WHERE id = ?1",
	[STMT_FOLLOWUPS_OF_PLACEMENT] = "SELECT f.id, f.meeting_on, f.note,"
	    " bu.name, bu.role, f.booked_at, f.outcome, f.revise_plan,"
	    " f.outcome_at FROM follow_ups f JOIN users bu ON bu.id = f.booked_by"
	    " WHERE f.placement_id = ?1 ORDER BY f.meeting_on, f.id",
	[STMT_PURGE_FOLLOWUPS] = "DELETE FROM follow_ups WHERE placement_id IN"
	    " (SELECT id FROM placements WHERE customer_id = ?1)",
	[STMT_AUTHORISATION_PUT] = "INSERT INTO authorisations(organisation_id,"
	    " kundval, authorised_on) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT(organisation_id, kundval)"
	    " DO UPDATE SET authorised_on = excluded.authorised_on",
	/* The default-provider list of kundval ?1 by authorisation date. */
	[STMT_AUTHORISATIONS_OF_KUNDVAL] = "SELECT o.id, o.name, a.authorised_on"
	    " FROM authorisations a JOIN organisations o"
	    " ON o.id = a.organisation_id WHERE a.kundval = ?1"
	    " ORDER BY a.authorised_on, o.id",
	[STMT_KUNDVAL_LIST] = "SELECT DISTINCT kundval FROM catalogue"
	    " ORDER BY kundval",
	[STMT_PROTECTED_READ] = "INSERT INTO protected_reads(customer_id,"
	    " user_id, at, what) VALUES (?1, ?2, ?3, ?4)",
	[STMT_PROTECTED_READS_OF_CUSTOMER] = "SELECT r.at, u.login, u.name,"
	    " u.role, r.what FROM protected_reads r JOIN users u"
	    " ON u.id = r.user_id WHERE r.customer_id = ?1"
	    " ORDER BY r.id DESC LIMIT ?2",
	[STMT_PURGE_PROTECTED_READS] = "DELETE FROM protected_reads"
	    " WHERE customer_id = ?1",
	[STMT_CUSTOMER_PROTECTION] = "SELECT protection FROM customers"
	    " WHERE id = ?1",
	[STMT_CASE_CONSENT] = "UPDATE placements SET consent_at = ?2,"
	    " consent_on = ?3 WHERE id = ?1 AND ending IS NULL"
	    " AND consent_at IS NULL",
	/*
	 * The current plan of the customer's former placement, the one before
	 * placement ?1 at another provider: the latest revision of its
	 * document of kind ?2, the kind shared on consent (kinds.h).
	 */
	[STMT_FORMER_PLAN] = "SELECT d.id, d.revision, d.state, fp.id, o.name"
	    " FROM placements np JOIN placements fp"
	    " ON fp.customer_id = np.customer_id AND fp.id < np.id"
	    " AND fp.provider_id != np.provider_id"
	    " JOIN organisations o ON o.id = fp.provider_id"
	    " JOIN documents d ON d.placement_id = fp.id AND d.kind = ?2"
	    " WHERE np.id = ?1 ORDER BY fp.id DESC, d.revision DESC LIMIT 1",
	/*
	 * Whether document ?1 is the current (latest) revision of its kind of
	 * a former placement of a customer whose consented placement belongs
	 * to organisation ?2; the caller asks only of a kind that is shared
	 * on consent (kinds.h: the plan).
	 */
	[STMT_CONSENT_GRANTS] = "SELECT 1 FROM documents d"
	    " JOIN placements fp ON fp.id = d.placement_id"
	    " JOIN placements np ON np.customer_id = fp.customer_id"
	    " AND np.id > fp.id AND np.provider_id = ?2"
	    " AND np.provider_id != fp.provider_id AND np.consent_at IS NOT NULL"
	    " WHERE d.id = ?1 AND d.revision = (SELECT"
	    " max(revision) FROM documents WHERE placement_id = fp.id"
	    " AND kind = d.kind)",
	/* A later placement of the same customer at another provider. */
	[STMT_MOVED_ON] = "SELECT 1 FROM placements np JOIN placements fp"
	    " ON fp.id = ?1 WHERE np.customer_id = fp.customer_id"
	    " AND np.id > fp.id AND np.provider_id != fp.provider_id LIMIT 1",
	[STMT_CUSTOMER_SET_PROTECTION] = "UPDATE customers SET protected = 1,"
	    " protection = ?2 WHERE id = ?1",
	[STMT_CUSTOMER_OF_COUNSELLOR] = "SELECT 1 FROM customers"
	    " WHERE id = ?1 AND counsellor_id = ?2",
	[STMT_PLACEMENT_CASE] = "SELECT p.created_at, p.planned_end_date,"
	    " p.staffed_at, p.staff_name, p.assigned_at, p.assignment, p.extent,"
	    " p.part_time_reason, p.future_plan, p.start_meeting_on,"
	    " p.start_meeting_at, p.ending, p.ending_decided_on, p.ended_at,"
	    " p.extension_months, p.revision_requested_at, k.max_months,"
	    " p.consent_on, p.consent_at"
	    " FROM placements p JOIN catalogue k ON k.code = p.code"
	    " WHERE p.id = ?1",
	/*
	 * Messages between the provider and the counsellor per placement
	 * (handlers_messages.c, msgstore.c, issue 13, migration 10), each
	 * stored with its placement's provider (migration 13).
	 */
	[STMT_MSG_INSERT] = "INSERT INTO messages(placement_id, author_id, at,"
	    " kind, body, absence_from, absence_to, contact_attempts,"
	    " provider_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	    " (SELECT provider_id FROM placements WHERE id = ?1))",
	[STMT_MSG_OF_PLACEMENT] = "SELECT m.id, m.at, m.kind, m.body,"
	    " m.absence_from, m.absence_to, m.contact_attempts, u.login, u.name,"
	    " u.role, m.author_id FROM messages m"
	    " JOIN users u ON u.id = m.author_id WHERE m.placement_id = ?1"
	    " ORDER BY m.id LIMIT ?2",
	[STMT_MSG_READ_GET] = "SELECT last_read FROM message_reads"
	    " WHERE user_id = ?1 AND placement_id = ?2",
	/* A read mark only moves forward, whatever order two tabs save in. */
	[STMT_MSG_READ_PUT] = "INSERT INTO message_reads(user_id, placement_id,"
	    " last_read) VALUES (?1, ?2, ?3) ON CONFLICT(user_id, placement_id)"
	    " DO UPDATE SET last_read = max(last_read, excluded.last_read)",
	/*
	 * A provider's unread messages (msgstore_unread_each, issue 15).
	 * _OF_PROVIDER: the messages of organisation ?1 not by the viewer
	 * ?2, placement by placement, from the index alone (migration 13);
	 * _READS_OF_USER: user ?1's read marks in the same order, merged
	 * with them in C.  _UNREAD_ROWS: the placements shown, ?1 their ids
	 * newest first as a JSON array, each with the time of its newest
	 * message by others than the viewer ?2 after the viewer's mark; a
	 * placement not of the organisation ?3 is never shown, whatever a
	 * message's provider_id says.
	 */
	[STMT_MSG_OF_PROVIDER] = "SELECT placement_id, id"
	    " FROM messages INDEXED BY messages_provider"
	    " WHERE provider_id = ?1 AND author_id <> ?2"
	    " ORDER BY placement_id",
	[STMT_MSG_READS_OF_USER] = "SELECT placement_id, last_read"
	    " FROM message_reads WHERE user_id = ?1 ORDER BY placement_id",
	[STMT_MSG_UNREAD_ROWS] = "SELECT " PLACEMENT_COLS ","
	    " (SELECT max(m.at) FROM messages m WHERE m.placement_id = p.id"
	    " AND m.author_id <> ?2 AND m.id > coalesce((SELECT r.last_read"
	    " FROM message_reads r WHERE r.user_id = ?2"
	    " AND r.placement_id = p.id), 0))"
	    " FROM json_each(?1) j CROSS JOIN placements p"
	    " JOIN catalogue k ON k.code = p.code"
	    " JOIN organisations o ON o.id = p.provider_id"
	    " JOIN customers c ON c.id = p.customer_id"
	    " JOIN users cu ON cu.id = c.counsellor_id"
	    " WHERE p.id = j.value AND p.provider_id = ?3 ORDER BY j.key",
	/*
	 * The counsellor's (?1, and ?2: the viewer) placements with messages
	 * by others after the viewer's read mark, newest first, at most ?3,
	 * with the total over all of them (the window runs before the
	 * LIMIT).  The inner query reads only indexes: the counsellor's own
	 * placements (placements_counsellor) and messages_placement; the
	 * joins are made for the rows shown.
	 */
#define MSG_UNREAD_INNER "SELECT p.id AS pid, count(m.id) AS n," \
	" max(m.at) AS latest, max(m.id) AS newest," \
	" sum(count(m.id)) OVER () AS total"
#define MSG_UNREAD_WHERE \
	" LEFT JOIN message_reads r ON r.user_id = ?2 AND r.placement_id = p.id" \
	" WHERE m.placement_id = p.id AND m.author_id <> ?2" \
	" AND m.id > coalesce(r.last_read, 0)"
#define MSG_UNREAD_OUTER(INNER) "SELECT " PLACEMENT_COLS ", u.n, u.latest," \
	" u.total FROM (" INNER " GROUP BY p.id ORDER BY newest DESC" \
	" LIMIT ?3) u JOIN placements p ON p.id = u.pid" \
	" JOIN catalogue k ON k.code = p.code" \
	" JOIN organisations o ON o.id = p.provider_id" \
	" JOIN customers c ON c.id = p.customer_id" \
	" JOIN users cu ON cu.id = c.counsellor_id ORDER BY u.newest DESC"
	[STMT_MSG_UNREAD_OF_COUNSELLOR] = MSG_UNREAD_OUTER(MSG_UNREAD_INNER
	    " FROM placements p INDEXED BY placements_counsellor"
	    " CROSS JOIN messages m" MSG_UNREAD_WHERE
	    " AND p.counsellor_id = ?1"),
	/* The purge of customer ?1 (purge.c), before its placements. */
	[STMT_MSG_PURGE] = "DELETE FROM messages WHERE placement_id IN"
	    " (SELECT id FROM placements WHERE customer_id = ?1)",
	[STMT_MSG_PURGE_READS] = "DELETE FROM message_reads WHERE placement_id"
	    " IN (SELECT id FROM placements WHERE customer_id = ?1)",
	[STMT_MSG_PURGE_INCIDENT_LINKS] = "DELETE FROM incident_placements"
	    " WHERE placement_id IN (SELECT id FROM placements"
	    " WHERE customer_id = ?1)",
	[STMT_MSG_DESTRUCTION_ADD] = "UPDATE destruction_records"
	    " SET messages = messages + ?2 WHERE id = ?1",
	/* Personal-data incidents (README, Rules: incidents). */
	[STMT_INCIDENT_INSERT] = "INSERT INTO incidents(provider_id,"
	    " reported_by, reported_at, discovered_at, what, named)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* Only a placement of the reporting organisation (?3) is linked. */
	[STMT_INCIDENT_LINK] = "INSERT OR IGNORE INTO incident_placements("
	    "incident_id, placement_id) SELECT ?1, id FROM placements"
	    " WHERE id = ?2 AND provider_id = ?3",
	[STMT_INCIDENT_TO_NAMED] = "INSERT OR IGNORE INTO incident_recipients("
	    "counsellor_id, incident_id) SELECT DISTINCT c.counsellor_id, ?1"
	    " FROM incident_placements l JOIN placements p ON p.id = l.placement_id"
	    " JOIN customers c ON c.id = p.customer_id WHERE l.incident_id = ?1",
	[STMT_INCIDENT_TO_PROVIDER] = "INSERT OR IGNORE INTO incident_recipients("
	    "counsellor_id, incident_id) SELECT DISTINCT c.counsellor_id, ?1"
	    " FROM placements p JOIN customers c ON c.id = p.customer_id"
	    " WHERE p.provider_id = ?2",
	[STMT_INCIDENT_GET] = "SELECT i.id, i.provider_id, o.name,"
	    " i.reported_at, i.discovered_at, i.what, i.named, u.login, u.name"
	    " FROM incidents i JOIN organisations o ON o.id = i.provider_id"
	    " JOIN users u ON u.id = i.reported_by WHERE i.id = ?1",
	[STMT_INCIDENT_IS_RECIPIENT] = "SELECT 1 FROM incident_recipients"
	    " WHERE counsellor_id = ?2 AND incident_id = ?1",
	[STMT_INCIDENT_PLACEMENTS] = "SELECT " PLACEMENT_COLS
	    " FROM incident_placements l JOIN placements p ON p.id = l.placement_id"
	    " JOIN catalogue k ON k.code = p.code"
	    " JOIN organisations o ON o.id = p.provider_id"
	    " JOIN customers c ON c.id = p.customer_id"
	    " JOIN users cu ON cu.id = c.counsellor_id"
	    " WHERE l.incident_id = ?1 ORDER BY p.id",
#define INCIDENT_ROW "SELECT i.id, i.reported_at, i.discovered_at, i.named," \
	" (SELECT count(*) FROM incident_placements l" \
	" WHERE l.incident_id = i.id), o.name"
	[STMT_INCIDENTS_OF_PROVIDER] = INCIDENT_ROW " FROM incidents i"
	    " JOIN organisations o ON o.id = i.provider_id"
	    " WHERE i.provider_id = ?1 ORDER BY i.id DESC LIMIT ?2",
	[STMT_INCIDENTS_OF_COUNSELLOR] = INCIDENT_ROW
	    " FROM incident_recipients r JOIN incidents i ON i.id = r.incident_id"
	    " JOIN organisations o ON o.id = i.provider_id"
	    " WHERE r.counsellor_id = ?1 ORDER BY i.id DESC LIMIT ?2",
	[STMT_INCIDENTS_ALL] = INCIDENT_ROW " FROM incidents i"
	    " JOIN organisations o ON o.id = i.provider_id"
	    " ORDER BY i.id DESC LIMIT ?1",
	/* The report form's choice: the organisation's own placements. */
	[STMT_INCIDENT_CHOICES] = "SELECT " PLACEMENT_COLS PLACEMENT_FROM
	    " WHERE p.provider_id = ?1 ORDER BY p.start_date DESC, p.id"
	    " LIMIT ?2",
	/* The amount of code ?1 valid on ?2 (the 1st of a month, a date). */
	[STMT_AMOUNT_OF_MONTH] = "SELECT monthly_amount_ore"
	    " FROM catalogue_amounts WHERE code = ?1 AND valid_from <= ?2"
	    " ORDER BY valid_from DESC LIMIT 1",
	[STMT_AMOUNT_COUNT] = "SELECT count(*) FROM catalogue_amounts"
	    " WHERE code = ?1",
	[STMT_AMOUNT_PUT] = "INSERT INTO catalogue_amounts(code, valid_from,"
	    " monthly_amount_ore) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT(code, valid_from) DO UPDATE"
	    " SET monthly_amount_ore = excluded.monthly_amount_ore",
	/*
	 * The placements that may have a row in run ?1 ("YYYY-MM"), of
	 * counsellor ?2 (0: all): an approved report of kind ?6 (the kind
	 * that pays a month, kinds.h) on ?1; a report of kind ?6 or ?7 (the
	 * kind that holds the end month) submitted (last) on or after ?3, the
	 * previous run's cut-off, since a later first submission is later
	 * still (documents_state); an aborted placement ending in ?4..?5
	 * (placements_aborted_end).  payments.c computes each row's run
	 * exactly.
	 */
	[STMT_PAYMENT_CANDIDATES] = "SELECT p.id FROM placements p"
	    " JOIN organisations o ON o.id = p.provider_id"
	    " JOIN customers c ON c.id = p.customer_id WHERE p.id IN ("
	    "SELECT placement_id FROM documents WHERE kind = ?6"
	    " AND period = ?1 AND state = 'approved'"
	    " UNION SELECT placement_id FROM documents"
	    " WHERE state IN ('submitted', 'returned', 'approved')"
	    " AND submitted_at >= ?3 AND kind IN (?6, ?7)"
	    " UNION SELECT id FROM placements WHERE ending = 'aborted'"
	    " AND end_date BETWEEN ?4 AND ?5)"
	    " AND (?2 = 0 OR c.counsellor_id = ?2) ORDER BY o.name, p.id",
	/*
	 * Placement ?1's payment facts: its dates, ending and final report,
	 * the document of kind ?2 (the kind that holds the end month,
	 * kinds.h).
	 */
	[STMT_PAYMENT_PLACEMENT] = "SELECT o.name, c.id, p.code, p.start_date,"
	    " p.end_date, p.ending, p.ending_decided_on,"
	    " coalesce((SELECT min(e.at) FROM documents f JOIN events e"
	    " ON e.document_id = f.id AND e.action = 'submit'"
	    " WHERE f.placement_id = p.id AND f.kind = ?2),"
	    " (SELECT min(f.submitted_at) FROM documents f"
	    " WHERE f.placement_id = p.id AND f.kind = ?2)),"
	    " EXISTS (SELECT 1 FROM documents f WHERE f.placement_id = p.id"
	    " AND f.kind = ?2 AND f.state = 'approved')"
	    " FROM placements p JOIN organisations o ON o.id = p.provider_id"
	    " JOIN customers c ON c.id = p.customer_id WHERE p.id = ?1",
	/*
	 * The approved reports of placement ?1 of kind ?2 (the kind that
	 * pays a month, kinds.h) and their first submissions.
	 */
	[STMT_PAYMENT_MONTHLIES] = "SELECT d.period, coalesce((SELECT min(e.at)"
	    " FROM events e WHERE e.document_id = d.id AND e.action = 'submit'),"
	    " d.submitted_at) FROM documents d WHERE d.placement_id = ?1"
	    " AND d.kind = ?2 AND d.state = 'approved'"
	    " ORDER BY d.period, d.revision",
	/* A document's first submission (the last one if no event has it). */
	[STMT_DOC_FIRST_SUBMIT] = "SELECT coalesce((SELECT min(at) FROM events"
	    " WHERE document_id = ?1 AND action = 'submit'),"
	    " (SELECT submitted_at FROM documents WHERE id = ?1))",
	/* (area A) */
	/* (area B) */
	/* (area C) */
	/* (area D) */
	[STMT_ORG_NAME] = "SELECT name FROM organisations WHERE id = ?1",
	/*
	 * The facts of the documents of a page's placements, ?1 their ids as
	 * a JSON array (json_each: SQLite's JSON functions, built in since
	 * 3.38); _KIND those of kind ?2 alone.  Each placement's come
	 * together, by the documents' unique index; nothing is sorted (a
	 * sorter cost as much as the rest of a placement's read).
	 */
	[STMT_FACTS_OF_PLACEMENTS] = "SELECT d.placement_id, " LATE_FACT_COLS
	    " FROM json_each(?1) j CROSS JOIN documents d"
	    " WHERE d.placement_id = j.value",
	[STMT_KIND_FACTS_OF_PLACEMENTS] = "SELECT d.placement_id, "
	    LATE_FACT_COLS " FROM json_each(?1) j CROSS JOIN documents d"
	    " WHERE d.placement_id = j.value AND d.kind = ?2",
	/*
	 * The latest ?2 events and the latest ?2 saves of STMT_EVENTS_OF_DOC,
	 * newest first, each read backwards from its index (the cost follows
	 * ?2, not the history; nothing is sorted): store_doc_history_latest_
	 * each merges the two.  Column 7 orders them as there (a save after
	 * the event it followed); the saves' order by version is theirs by
	 * after_event too, since a save follows the latest event of its time.
	 */
	[STMT_HISTORY_EVENTS_DESC] = "SELECT e.at, u.login, u.name, e.action,"
	    " e.from_state, e.to_state, e.comment, e.id FROM events e"
	    " JOIN users u ON u.id = e.actor_id WHERE e.document_id = ?1"
	    " ORDER BY e.id DESC LIMIT ?2",
	[STMT_HISTORY_SAVES_DESC] = "SELECT v.saved_at, u.login, u.name,"
	    " 'save', v.state, v.state, NULL, ifnull(v.after_event, 0)"
	    " FROM document_versions v JOIN users u ON u.id = v.saved_by"
	    " WHERE v.document_id = ?1 AND v.state IS NOT NULL"
	    " ORDER BY v.version DESC LIMIT ?2",
	/* How many rows STMT_EVENTS_OF_DOC has (migration 14). */
	[STMT_HISTORY_COUNT] = "SELECT history_entries FROM documents"
	    " WHERE id = ?1",
	/*
	 * The document's latest return, from index events_document_action
	 * read backwards (the latest time, then the latest id).
	 */
	[STMT_LATEST_RETURN] = "SELECT e.at, u.login, u.name, e.comment"
	    " FROM events e JOIN users u ON u.id = e.actor_id"
	    " WHERE e.document_id = ?1 AND e.action = 'return'"
	    " ORDER BY e.at DESC, e.id DESC LIMIT 1",
	/* What a content states of the ending (late_stated_put). */
	[STMT_DOC_SET_STATED] = "UPDATE documents SET stated_ending = ?2,"
	    " stated_end = ?3, stated_decision = ?4 WHERE id = ?1",
	/* The current content of every document of kind ?1 (migration 12). */
	[STMT_STATED_OF_KIND] = "SELECT d.id, v.xml FROM documents d"
	    " JOIN document_versions v ON v.document_id = d.id"
	    " AND v.version = d.version WHERE d.kind = ?1",
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_BEGIN_READ] = "BEGIN",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_SAVEPOINT] = "SAVEPOINT op",
	[STMT_RELEASE] = "RELEASE op",
	[STMT_ROLLBACK_TO] = "ROLLBACK TO op",
};
