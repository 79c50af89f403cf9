/*
 * sqlparts: SQL text that both the statements (statements.c) and the
 * migrations (migrations.c) are built from: the retention clock of a
 * customer, which migration 5's triggers store and the purge re-reads.
 * Private to src/store/.
 */
#ifndef INSATS_SQLPARTS_H
#define INSATS_SQLPARTS_H

/* The ids of customer ?1's documents (retention, purge, archive). */
#define RET_DOCS_OF \
	"(SELECT d.id FROM documents d JOIN placements p" \
	" ON p.id = d.placement_id WHERE p.customer_id = ?1)"
/*
 * The last entry about customer row C (a table name or alias): see
 * STMT_RET_CUSTOMER.  Migration 5 keeps it in customers.last_entry_at.
 */
#define RET_DOCS_OF_CUST(C) \
	" FROM documents d JOIN placements p ON p.id = d.placement_id" \
	" WHERE p.customer_id = " C ".id"
#define RET_LAST_ENTRY_V5_OF(C) \
	"max(" C ".created_at," \
	" coalesce((SELECT max(created_at) FROM placements" \
	" WHERE customer_id = " C ".id), '')," \
	" coalesce((SELECT max(max(d.created_at, d.updated_at))" \
	RET_DOCS_OF_CUST(C) "), '')," \
	" coalesce((SELECT max(v.saved_at) FROM document_versions v" \
	" WHERE v.document_id IN (SELECT d.id" RET_DOCS_OF_CUST(C) ")), '')," \
	" coalesce((SELECT max(at) FROM events WHERE customer_id = " C ".id)," \
	" '')," \
	" coalesce((SELECT max(e.at) FROM events e WHERE e.placement_id IN" \
	" (SELECT id FROM placements WHERE customer_id = " C ".id)), '')," \
	" coalesce((SELECT max(e.at) FROM events e WHERE e.document_id IN" \
	" (SELECT d.id" RET_DOCS_OF_CUST(C) ")), ''))"
/*
 * Migration 10 adds the messages about the customer's placements (issue
 * 13): they are entries too.  Migration 5's text keeps the definition it
 * was written with (RET_LAST_ENTRY_V5_OF), which a database of any
 * version between 5 and 9 can run; migration 10 rewrites its triggers.
 */
#define RET_LAST_ENTRY_OF(C) \
	"max(" RET_LAST_ENTRY_V5_OF(C) "," \
	" coalesce((SELECT max(m.at) FROM messages m WHERE m.placement_id IN" \
	" (SELECT id FROM placements WHERE customer_id = " C ".id)), ''))"
#define RET_LAST_ENTRY RET_LAST_ENTRY_OF("c")
/*
 * A stored clock that retention_entry_date() might not read: NULL, not
 * "YYYY-MM-DDTHH:MM:SSZ" in digits, not a real date, or a time out of
 * range.  It covers every unreadable clock (it may also take a few
 * readable ones, such as a leap second), so that the scan, which reads
 * the rest by an index range on the date, lists them all for a person.
 * date() alone passes 30 February; the '+0 days' modifier normalises it
 * to 2 March, so only a real date reads back unchanged.
 */
#define RET_CLOCK_ODD(X) \
	"(" X " IS NULL OR NOT (" X " GLOB" \
	" '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]" \
	":[0-9][0-9]Z' AND date(substr(" X ", 1, 10), '+0 days')" \
	" IS substr(" X ", 1, 10)" \
	" AND substr(" X ", 12, 2) <= '23' AND substr(" X ", 15, 2) <= '59'" \
	" AND substr(" X ", 18, 2) <= '60'))"

#endif
