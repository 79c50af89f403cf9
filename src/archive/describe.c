/*
 * describe: metadata/descriptive/customers.xml (schemas/insats-archive.xsd),
 * the customers' description, and the data files it points at: every
 * saved version of every document and each placement's messages.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "archive_parts.h"
#include "msgstore.h"
#include "pnr.h"

/* Returns column i of st as text, "" for NULL. */
static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Adds <name>text</name> in the archive namespace; NULL text adds none. */
static xmlNodePtr
atext(struct build *b, xmlNodePtr parent, const char *name, const char *text)
{
	if (text == NULL)
		return NULL;
	return xmlNewTextChild(parent, b->ans, BAD_CAST name, BAD_CAST text);
}

/*
 * The versions of document d as data files and <version> elements.
 * Returns 0 or -1.
 */
static int
add_versions(struct build *b, xmlNodePtr dn, const char *dir,
    int64_t doc, const char *base, const char *docref)
{
	sqlite3_stmt		*st = db_stmt(b->db, STMT_ARCHIVE_VERSIONS);
	struct archive_file	*f;
	xmlNodePtr		 vn;
	char			 path[512], created[21];
	int			 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, doc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(path, sizeof(path), "representations/" REP
		    "/data/%s/%s-v%d.xml", dir, base, sqlite3_column_int(st, 0));
		snprintf(created, sizeof(created), "%s", col(st, 2));
		f = pkg_add_copy(b->pkg, path, col(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1), "text/xml", REP_GROUP,
		    created);
		if (f == NULL)
			break;
		b->pkg->versions++;
		vn = xmlNewChild(dn, b->ans, BAD_CAST "version", NULL);
		pkg_attr_long(vn, "number", sqlite3_column_int(st, 0));
		pkg_attr(vn, "saved", col(st, 2));
		pkg_attr(vn, "savedBy", col(st, 3));
		pkg_attr(vn, "file", path);
		pkg_attr(vn, "sha256", f->sha256);
		premis_file(b, f, docref);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The documents of placement p under pn.  Returns 0 or -1. */
static int
add_documents(struct build *b, xmlNodePtr pn, int64_t cid,
    int64_t pid)
{
	sqlite3_stmt	*st = db_stmt(b->db, STMT_DOCS_OF_PLACEMENT);
	xmlNodePtr	 dn;
	char		 dir[64], base[128], ref[32], pref[32];
	const char	*kind, *period;
	int64_t	 did;
	int		 rc = SQLITE_DONE;

	if (st == NULL)
		return -1;
	snprintf(dir, sizeof(dir), "K%lld/P%lld", (long long)cid,
	    (long long)pid);
	snprintf(pref, sizeof(pref), "P-%lld", (long long)pid);
	sqlite3_bind_int64(st, 1, pid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		did = sqlite3_column_int64(st, 0);
		kind = col(st, 2);
		period = col(st, 3);
		snprintf(base, sizeof(base), "D%lld-%s%s%s-r%d", (long long)did,
		    kind, *period ? "-" : "", period, sqlite3_column_int(st, 4));
		snprintf(ref, sizeof(ref), "D-%lld", (long long)did);
		dn = xmlNewChild(pn, b->ans, BAD_CAST "document", NULL);
		pkg_attr(dn, "ref", ref);
		pkg_attr(dn, "kind", kind);
		pkg_attr(dn, "period", period);
		pkg_attr_long(dn, "revision", sqlite3_column_int(st, 4));
		pkg_attr(dn, "state", col(st, 5));
		pkg_attr(dn, "title", col(st, 7));
		pkg_attr(dn, "created", col(st, 8));
		premis_entity(b, ref, pref);
		b->pkg->documents++;
		if (add_versions(b, dn, dir, did, base, ref) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The messages of placement pid (issue 13) as one data file of the
 * representation, K<c>/P<p>/messages.xml (schemas/messages.xsd), with its
 * checksum in the METS, its PREMIS object and a <messages> element in
 * customers.xml.  Nothing for a placement without messages.  0 or -1.
 */
static int
add_messages(struct build *b, xmlNodePtr pn, int64_t cid,
    int64_t pid, const char *pref)
{
	struct archive_file	*f;
	xmlDocPtr		 doc;
	xmlNodePtr		 mn;
	char			 path[256];
	int			 n;

	if ((doc = msgstore_archive_doc(b->db, pid, cid, &n)) == NULL)
		return n == 0 ? 0 : -1;
	snprintf(path, sizeof(path), "representations/" REP
	    "/data/K%lld/P%lld/messages.xml", (long long)cid, (long long)pid);
	if ((f = pkg_add_xml(b->pkg, path, doc, REP_GROUP)) == NULL)
		return -1;
	b->pkg->messages++;
	mn = xmlNewChild(pn, b->ans, BAD_CAST "messages", NULL);
	pkg_attr_long(mn, "count", n);
	pkg_attr(mn, "file", path);
	pkg_attr(mn, "sha256", f->sha256);
	premis_file(b, f, pref);
	return 0;
}

/* The placements of customer cid under cn.  Returns 0 or -1. */
static int
add_placements(struct build *b, xmlNodePtr cn, int64_t cid,
    const char *cref)
{
	sqlite3_stmt	*st = db_stmt(b->db, STMT_ARCHIVE_PLACEMENTS);
	xmlNodePtr	 pn;
	int64_t	 pid;
	char		 ref[32];
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pid = sqlite3_column_int64(st, 0);
		snprintf(ref, sizeof(ref), "P-%lld", (long long)pid);
		pn = xmlNewChild(cn, b->ans, BAD_CAST "placement", NULL);
		pkg_attr(pn, "ref", ref);
		pkg_attr(pn, "code", col(st, 1));
		pkg_attr(pn, "start", col(st, 4));
		pkg_attr(pn, "end", col(st, 5));
		pkg_attr(pn, "created", col(st, 6));
		atext(b, pn, "codeName", col(st, 2));
		atext(b, pn, "provider", col(st, 3));
		premis_entity(b, ref, cref);
		if (add_documents(b, pn, cid, pid) == -1 ||
		    add_messages(b, pn, cid, pid, ref) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * One customer: its description (number, name, birth date, protected
 * identity, counsellor), placements, documents, versions and history.
 * Returns 0 or -1.
 */
int
describe_customer(struct build *b, const struct archive_member *m)
{
	sqlite3_stmt	*st = db_stmt(b->db, STMT_ARCHIVE_CUSTOMER);
	xmlNodePtr	 cn, n;
	struct pnr	 p;
	enum pnr_status	 ps;
	char		 ref[32], birth[11];
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, m->id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return -1;
	}
	snprintf(ref, sizeof(ref), "K-%lld", (long long)m->id);
	cn = xmlNewChild(xmlDocGetRootElement(b->customers), b->ans,
	    BAD_CAST "customer", NULL);
	pkg_attr(cn, "ref", ref);
	/* The mark travels with the record: the archive must keep it. */
	pkg_attr(cn, "protected", sqlite3_column_int(st, 3) ? "true" : "false");
	atext(b, cn, "pnr", col(st, 1));
	atext(b, cn, "name", col(st, 2));
	ps = pnr_parse(col(st, 1), b->pkg->today, &p);
	if (ps == PNR_OK) {
		date_format(p.birth, birth);
		atext(b, cn, "birthDate", birth);
	}
	atext(b, cn, "coordinationNumber", (ps == PNR_OK ||
	    ps == PNR_UNREADABLE_DAY) && p.coordination ? "true" : "false");
	n = atext(b, cn, "counsellor", col(st, 6));
	pkg_attr(n, "login", col(st, 5));
	atext(b, cn, "created", col(st, 4));
	atext(b, cn, "lastEntry", m->last_entry);
	sqlite3_reset(st);
	premis_entity(b, ref, NULL);
	if (add_placements(b, cn, m->id, ref) == -1 ||
	    premis_events(b, m->id, ref) == -1)
		return -1;
	return 0;
}
