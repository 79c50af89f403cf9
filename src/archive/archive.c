/*
 * archive: the E-ARK SIP 2.1 hand-over package (archive.h): selection,
 * the files in memory, METS, PREMIS, the customers' description, and
 * writing it out as a directory or a tar stream.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "archive.h"
#include "auth.h"
#include "msgstore.h"
#include "pnr.h"
#include "purge.h"
#include "retention.h"

#define NS_METS		"http://www.loc.gov/METS/"
#define NS_CSIP		"https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
#define NS_SIP		"https://DILCIS.eu/XML/METS/SIPExtensionMETS"
#define NS_XLINK	"http://www.w3.org/1999/xlink"
#define NS_XSI		"http://www.w3.org/2001/XMLSchema-instance"
#define NS_PREMIS	"http://www.loc.gov/premis/v3"
#define NS_ARCHIVE	"urn:insats:archive:1"
#define REP		"rep1"
#define REP_GROUP	"Representations/" REP
#define CONTENT_TYPE	"Textual works – Digital"
#define OTHER_CIT	"insats-arbetsmarknadsinsatser-1"
#define SCHEMA_LOCATIONS \
	NS_METS " schemas/mets.xsd " NS_XLINK " schemas/xlink.xsd " \
	NS_CSIP " schemas/DILCISExtensionMETS.xsd " \
	NS_SIP " schemas/DILCISExtensionSIPMETS.xsd"
#define FILE_MAX	(64L * 1024 * 1024)

/* Returns column i of st as text, "" for NULL. */
static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* ---- files in memory ------------------------------------------------------ */

/*
 * Adds a file; takes data (malloc'd) even on failure.  The checksum is
 * taken now: the bytes never change afterwards.  Returns the file or NULL.
 */
static struct archive_file *
add_file(struct archive_pkg *pkg, const char *path, unsigned char *data,
    size_t len, const char *mimetype, const char *group, const char *created)
{
	struct archive_file	*tmp, *f;

	if (pkg->nfiles == pkg->cap) {
		pkg->cap = pkg->cap ? pkg->cap * 2 : 64;
		tmp = reallocarray(pkg->files, pkg->cap, sizeof(*tmp));
		if (tmp == NULL) {
			free(data);
			return NULL;
		}
		pkg->files = tmp;
	}
	f = &pkg->files[pkg->nfiles];
	memset(f, 0, sizeof(*f));
	if ((f->path = strdup(path)) == NULL) {
		free(data);
		return NULL;
	}
	f->data = data;
	f->len = len;
	f->mimetype = mimetype;
	f->group = group;
	snprintf(f->created, sizeof(f->created), "%s", created);
	auth_sha256_hex(data, len, f->sha256);
	snprintf(f->id, sizeof(f->id), "file-%zu", pkg->nfiles + 1);
	pkg->nfiles++;
	return f;
}

/* Adds a copy of the n bytes at s.  Returns the file or NULL. */
static struct archive_file *
add_copy(struct archive_pkg *pkg, const char *path, const void *s, size_t n,
    const char *mimetype, const char *group, const char *created)
{
	unsigned char	*data = malloc(n ? n : 1);

	if (data == NULL)
		return NULL;
	memcpy(data, s, n);
	return add_file(pkg, path, data, n, mimetype, group, created);
}

/* Serialises doc (freed) as a file.  Returns the file or NULL. */
static struct archive_file *
add_xml(struct archive_pkg *pkg, const char *path, xmlDocPtr doc,
    const char *group)
{
	xmlChar			*buf = NULL;
	struct archive_file	*f;
	int			 len = 0;

	xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
	xmlFreeDoc(doc);
	if (buf == NULL || len <= 0)
		return NULL;
	f = add_copy(pkg, path, buf, (size_t)len, "text/xml", group,
	    pkg->created);
	xmlFree(buf);
	return f;
}

/* ---- selection -------------------------------------------------------------- */

/* purge_scan() visitor: due sample customers not yet handed over. */
static int
select_visit(void *arg, const struct purge_customer *c)
{
	struct archive_pkg	*pkg = arg;
	struct archive_member	*tmp;

	if (c->r.cls != RET_HANDOVER || c->covered[0] != '\0')
		return 0;
	tmp = reallocarray(pkg->members, pkg->nmembers + 1, sizeof(*tmp));
	if (tmp == NULL)
		return -1;
	pkg->members = tmp;
	tmp = &pkg->members[pkg->nmembers++];
	tmp->id = c->id;
	snprintf(tmp->last_entry, sizeof(tmp->last_entry), "%s",
	    c->last_entry);
	return 0;
}

/* Returns 0 with pkg->members filled, or -1. */
int
archive_select(struct db *db, struct date today, struct archive_pkg *pkg)
{
	pkg->today = today;
	return purge_scan(db, today, select_visit, pkg) == 0 ? 0 : -1;
}

/* ---- the customers' description and the data ------------------------------- */

/* The work of archive_build(). */
struct build {
	struct db		*db;
	const struct config	*cfg;
	struct archive_pkg	*pkg;
	xmlDocPtr		 customers;	/* metadata/descriptive */
	xmlNsPtr		 ans;
	xmlDocPtr		 premis;
	xmlNodePtr		 pobjects;	/* first event: objects go before */
	xmlNsPtr		 pns;
	char			**agents;	/* logins seen in events */
	size_t			 nagents;
};

/* Adds <name>text</name> in the archive namespace; NULL text adds none. */
static xmlNodePtr
atext(struct build *b, xmlNodePtr parent, const char *name, const char *text)
{
	if (text == NULL)
		return NULL;
	return xmlNewTextChild(parent, b->ans, BAD_CAST name, BAD_CAST text);
}

/* Sets an attribute (no namespace); NULL or "" sets none. */
static void
attr(xmlNodePtr n, const char *name, const char *value)
{
	if (value != NULL && *value != '\0')
		xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

/* Sets a number attribute. */
static void
attr_long(xmlNodePtr n, const char *name, long long v)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST buf);
}

/* A PREMIS element with text under parent. */
static xmlNodePtr
ptext(struct build *b, xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, b->pns, BAD_CAST name,
	    BAD_CAST (text ? text : ""));
}

/* <premis:PREFIXIdentifier> with Type "local" and the value. */
static void
pident(struct build *b, xmlNodePtr parent, const char *prefix,
    const char *value)
{
	char		 name[64], tname[80], vname[80];
	xmlNodePtr	 n;

	snprintf(name, sizeof(name), "%sIdentifier", prefix);
	snprintf(tname, sizeof(tname), "%sIdentifierType", prefix);
	snprintf(vname, sizeof(vname), "%sIdentifierValue", prefix);
	n = xmlNewChild(parent, b->pns, BAD_CAST name, NULL);
	ptext(b, n, tname, "local");
	ptext(b, n, vname, value);
}

/* A PREMIS object of a data file, placed before the events. */
static void
premis_file(struct build *b, const struct archive_file *f, const char *doc)
{
	xmlNodePtr	 o, ch, fx, fmt, rel;
	char		 size[32];

	o = xmlNewNode(b->pns, BAD_CAST "object");
	xmlAddPrevSibling(b->pobjects, o);
	xmlNewNsProp(o, xmlSearchNsByHref(b->premis, xmlDocGetRootElement(
	    b->premis), BAD_CAST NS_XSI), BAD_CAST "type",
	    BAD_CAST "premis:file");
	pident(b, o, "object", f->path);
	ch = xmlNewChild(o, b->pns, BAD_CAST "objectCharacteristics", NULL);
	ptext(b, ch, "compositionLevel", "0");
	fx = xmlNewChild(ch, b->pns, BAD_CAST "fixity", NULL);
	ptext(b, fx, "messageDigestAlgorithm", "SHA-256");
	ptext(b, fx, "messageDigest", f->sha256);
	snprintf(size, sizeof(size), "%zu", f->len);
	ptext(b, ch, "size", size);
	fmt = xmlNewChild(ch, b->pns, BAD_CAST "format", NULL);
	fmt = xmlNewChild(fmt, b->pns, BAD_CAST "formatDesignation", NULL);
	ptext(b, fmt, "formatName", "Extensible Markup Language");
	ptext(b, fmt, "formatVersion", "1.0");
	rel = xmlNewChild(o, b->pns, BAD_CAST "relationship", NULL);
	ptext(b, rel, "relationshipType", "structural");
	ptext(b, rel, "relationshipSubType", "is part of");
	pident(b, rel, "relatedObject", doc);
}

/* A PREMIS intellectual entity (customer or document), before the events. */
static void
premis_entity(struct build *b, const char *id, const char *parent)
{
	xmlNodePtr	 o, rel;

	o = xmlNewNode(b->pns, BAD_CAST "object");
	xmlAddPrevSibling(b->pobjects, o);
	xmlNewNsProp(o, xmlSearchNsByHref(b->premis, xmlDocGetRootElement(
	    b->premis), BAD_CAST NS_XSI), BAD_CAST "type",
	    BAD_CAST "premis:intellectualEntity");
	pident(b, o, "object", id);
	if (parent != NULL) {
		rel = xmlNewChild(o, b->pns, BAD_CAST "relationship", NULL);
		ptext(b, rel, "relationshipType", "structural");
		ptext(b, rel, "relationshipSubType", "is part of");
		pident(b, rel, "relatedObject", parent);
	}
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
		f = add_copy(b->pkg, path, col(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1), "text/xml", REP_GROUP,
		    created);
		if (f == NULL)
			break;
		b->pkg->versions++;
		vn = xmlNewChild(dn, b->ans, BAD_CAST "version", NULL);
		attr_long(vn, "number", sqlite3_column_int(st, 0));
		attr(vn, "saved", col(st, 2));
		attr(vn, "savedBy", col(st, 3));
		attr(vn, "file", path);
		attr(vn, "sha256", f->sha256);
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
		attr(dn, "ref", ref);
		attr(dn, "kind", kind);
		attr(dn, "period", period);
		attr_long(dn, "revision", sqlite3_column_int(st, 4));
		attr(dn, "state", col(st, 5));
		attr(dn, "title", col(st, 7));
		attr(dn, "created", col(st, 8));
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
	if ((f = add_xml(b->pkg, path, doc, REP_GROUP)) == NULL)
		return -1;
	b->pkg->messages++;
	mn = xmlNewChild(pn, b->ans, BAD_CAST "messages", NULL);
	attr_long(mn, "count", n);
	attr(mn, "file", path);
	attr(mn, "sha256", f->sha256);
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
		attr(pn, "ref", ref);
		attr(pn, "code", col(st, 1));
		attr(pn, "start", col(st, 4));
		attr(pn, "end", col(st, 5));
		attr(pn, "created", col(st, 6));
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

/* Remembers an acting login for the PREMIS agents.  Returns 0 or -1. */
static int
note_agent(struct build *b, const char *login)
{
	char	**tmp;
	size_t	 i;

	for (i = 0; i < b->nagents; i++)
		if (strcmp(b->agents[i], login) == 0)
			return 0;
	if ((tmp = reallocarray(b->agents, b->nagents + 1, sizeof(*tmp))) ==
	    NULL)
		return -1;
	b->agents = tmp;
	if ((b->agents[b->nagents] = strdup(login)) == NULL)
		return -1;
	b->nagents++;
	return 0;
}

/*
 * The workflow history of customer cid as PREMIS events: who did what
 * when, from which state to which, with the comment.  Returns 0 or -1.
 */
static int
add_events(struct build *b, int64_t cid, const char *cref)
{
	sqlite3_stmt	*st = db_stmt(b->db, STMT_ARCHIVE_EVENTS);
	xmlNodePtr	 root = xmlDocGetRootElement(b->premis), e, n;
	char		 id[48], obj[32], detail[1200];
	int		 rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e = xmlNewChild(root, b->pns, BAD_CAST "event", NULL);
		/* "event-ID", or "save-DOCUMENT-VERSION" (migration 8). */
		snprintf(id, sizeof(id), "%s", col(st, 0));
		pident(b, e, "event", id);
		ptext(b, e, "eventType", col(st, 7));
		ptext(b, e, "eventDateTime", col(st, 3));
		snprintf(detail, sizeof(detail), "%s%s%s%s%s%s",
		    *col(st, 8) ? "från " : "", col(st, 8),
		    *col(st, 9) ? " till " : "", col(st, 9),
		    *col(st, 10) ? ": " : "", col(st, 10));
		if (detail[0] != '\0') {
			n = xmlNewChild(e, b->pns,
			    BAD_CAST "eventDetailInformation", NULL);
			ptext(b, n, "eventDetail", detail);
		}
		n = xmlNewChild(e, b->pns, BAD_CAST "linkingAgentIdentifier",
		    NULL);
		ptext(b, n, "linkingAgentIdentifierType", "local");
		ptext(b, n, "linkingAgentIdentifierValue", col(st, 4));
		ptext(b, n, "linkingAgentRole", "implementer");
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			snprintf(obj, sizeof(obj), "D-%lld",
			    (long long)sqlite3_column_int64(st, 1));
		else if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			snprintf(obj, sizeof(obj), "P-%lld",
			    (long long)sqlite3_column_int64(st, 2));
		else
			snprintf(obj, sizeof(obj), "%s", cref);
		n = xmlNewChild(e, b->pns, BAD_CAST "linkingObjectIdentifier",
		    NULL);
		ptext(b, n, "linkingObjectIdentifierType", "local");
		ptext(b, n, "linkingObjectIdentifierValue", obj);
		if (note_agent(b, col(st, 4)) == -1) {
			rc = SQLITE_NOMEM;
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
static int
add_customer(struct build *b, const struct archive_member *m)
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
	attr(cn, "ref", ref);
	/* The mark travels with the record: the archive must keep it. */
	attr(cn, "protected", sqlite3_column_int(st, 3) ? "true" : "false");
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
	attr(n, "login", col(st, 5));
	atext(b, cn, "created", col(st, 4));
	atext(b, cn, "lastEntry", m->last_entry);
	sqlite3_reset(st);
	premis_entity(b, ref, NULL);
	if (add_placements(b, cn, m->id, ref) == -1 ||
	    add_events(b, m->id, ref) == -1)
		return -1;
	return 0;
}

/* The PREMIS agents: every login that acted.  Returns 0 or -1. */
static int
add_agents(struct build *b)
{
	sqlite3_stmt	*st;
	xmlNodePtr	 a, root = xmlDocGetRootElement(b->premis);
	size_t		 i;
	int		 rc;

	for (i = 0; i < b->nagents; i++) {
		if ((st = db_stmt(b->db, STMT_USER_BY_LOGIN)) == NULL)
			return -1;
		sqlite3_bind_text(st, 1, b->agents[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		a = xmlNewChild(root, b->pns, BAD_CAST "agent", NULL);
		pident(b, a, "agent", b->agents[i]);
		if (rc == SQLITE_ROW) {
			ptext(b, a, "agentName", col(st, 2));
			ptext(b, a, "agentType", strcmp(b->agents[i],
			    "system") == 0 ? "software" : "person");
			ptext(b, a, "agentNote", col(st, 3));
			if (*col(st, 5))
				ptext(b, a, "agentNote", col(st, 5));
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

/* ---- schemas and documentation ------------------------------------------- */

/* Reads a regular file of at most FILE_MAX bytes.  Returns 0 or -1. */
static int
read_file(const char *path, unsigned char **out, size_t *len)
{
	struct stat	 sb;
	unsigned char	*buf;
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > FILE_MAX || (buf = malloc((size_t)sb.st_size + 1)) ==
	    NULL) {
		close(fd);
		return -1;
	}
	while (got < (size_t)sb.st_size) {
		n = read(fd, buf + got, (size_t)sb.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got != (size_t)sb.st_size) {
		free(buf);
		return -1;
	}
	*out = buf;
	*len = got;
	return 0;
}

/* strcmp for qsort over char *. */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Adds every *.xsd of dir (sorted) as schemas/NAME.  Returns the number
 * added, or -1 (printed).
 */
static int
add_schema_dir(struct archive_pkg *pkg, const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, **tmp, path[CONFIG_PATH_MAX + 300];
	char		 rel[300];
	unsigned char	*data;
	size_t		 n = 0, i, len, l;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "insats: archive: %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l < 5 || l > 200 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + l - 4, ".xsd") != 0)
			continue;
		if ((tmp = reallocarray(names, n + 1, sizeof(*tmp))) == NULL ||
		    (tmp[n] = strdup(de->d_name)) == NULL) {
			names = tmp ? tmp : names;
			rc = -1;
			break;
		}
		names = tmp;
		n++;
	}
	closedir(d);
	if (names != NULL)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && rc == 0; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		snprintf(rel, sizeof(rel), "schemas/%s", names[i]);
		if (read_file(path, &data, &len) == -1) {
			fprintf(stderr, "insats: archive: cannot read %s\n",
			    path);
			rc = -1;
		} else if (add_file(pkg, rel, data, len, "text/xml", "Schemas",
		    pkg->created) == NULL)
			rc = -1;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc == 0 ? (int)n : -1;
}

/*
 * The schemas of the documents (schema_dir) and of the package itself
 * (schema_dir/eark: METS, xlink, the DILCIS extensions).  Returns 0 or -1.
 */
static int
add_schemas(struct build *b)
{
	char	 eark[CONFIG_PATH_MAX + 8];
	int	 n;

	if (add_schema_dir(b->pkg, b->cfg->schema_dir) <= 0)
		return -1;
	snprintf(eark, sizeof(eark), "%s/eark", b->cfg->schema_dir);
	if ((n = add_schema_dir(b->pkg, eark)) <= 0) {
		if (n == 0)
			fprintf(stderr, "insats: archive: no METS schemas in "
			    "%s\n", eark);
		return -1;
	}
	return 0;
}

/* documentation/beskrivning.txt: what the package is, in Swedish. */
static int
add_documentation(struct build *b)
{
	char	 text[2048];
	int	 n;

	n = snprintf(text, sizeof(text),
	    "Leveranspaket %s\n\n"
	    "Handlingar om kunder i kommunens arbetsmarknadsinsatser som ingår "
	    "i forskningsurvalet (födda den 5:e, 15:e eller 25:e) och som är "
	    "undantagna från gallring. Paketet följer E-ARK SIP 2.1 / CSIP 2.1 "
	    "(FGS Paketstruktur 2.0).\n\n"
	    "Levererande organisation: %s (%s)\n"
	    "Skapat: %s av %s %s\n"
	    "Kunder: %zu. Dokument: %d. Dokumentversioner: %d.\n\n"
	    "representations/%s/data/K<kund>/P<insats>/D<dokument>-<typ>-r<revision>-v<version>.xml:\n"
	    "  varje sparad version av varje dokument, som den lagrades.\n"
	    "representations/%s/data/K<kund>/P<insats>/messages.xml:\n"
	    "  meddelandena mellan anordnaren och karriärvägledaren om "
	    "insatsen (schemas/messages.xsd).\n"
	    "metadata/descriptive/customers.xml: kunderna (personnummer, namn, "
	    "skyddad identitet), insatser och dokument (schemas/insats-archive.xsd).\n"
	    "metadata/preservation/premis.xml: arbetsflödets historik (vem gjorde "
	    "vad och när) och kontrollsummor.\n"
	    "schemas/: XML-scheman för dokumenten och METS.\n\n"
	    "Kunder markerade protected=\"true\" har skyddad identitet: namn och "
	    "personnummer får endast lämnas ut till den som måste se dem.\n",
	    b->pkg->objid, b->cfg->municipality, b->cfg->municipality_orgnr,
	    b->pkg->created, ARCHIVE_SOFTWARE, ARCHIVE_VERSION,
	    b->pkg->nmembers, b->pkg->documents, b->pkg->versions, REP, REP);
	if (n < 0 || (size_t)n >= sizeof(text))
		return -1;
	return add_copy(b->pkg, "documentation/beskrivning.txt", text,
	    (size_t)n, "text/plain", "Documentation", b->pkg->created) ==
	    NULL ? -1 : 0;
}

/* ---- METS -------------------------------------------------------------- */

/* The namespaces of a METS document. */
struct mets {
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	xmlNsPtr	 m, csip, xlink, xsi;
};

/* Sets a namespaced attribute. */
static void
nsattr(xmlNodePtr n, xmlNsPtr ns, const char *name, const char *value)
{
	xmlNewNsProp(n, ns, BAD_CAST name, BAD_CAST value);
}

/* A METS element under parent. */
static xmlNodePtr
mel(struct mets *m, xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, m->m, BAD_CAST name, NULL);
}

/*
 * Starts a METS document: the root with OBJID, TYPE, PROFILE and the
 * content information type, and the metsHdr with the software and the
 * submitting agent.  Returns 0 or -1.
 */
static int
mets_start(struct mets *m, const struct build *b, const char *objid)
{
	xmlNodePtr	 hdr, ag, n;
	xmlNsPtr	 sip;

	memset(m, 0, sizeof(*m));
	if ((m->doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return -1;
	m->root = xmlNewNode(NULL, BAD_CAST "mets");
	xmlDocSetRootElement(m->doc, m->root);
	m->m = xmlNewNs(m->root, BAD_CAST NS_METS, BAD_CAST "mets");
	xmlSetNs(m->root, m->m);
	m->csip = xmlNewNs(m->root, BAD_CAST NS_CSIP, BAD_CAST "csip");
	sip = xmlNewNs(m->root, BAD_CAST NS_SIP, BAD_CAST "sip");
	(void)sip;
	m->xlink = xmlNewNs(m->root, BAD_CAST NS_XLINK, BAD_CAST "xlink");
	m->xsi = xmlNewNs(m->root, BAD_CAST NS_XSI, BAD_CAST "xsi");
	attr(m->root, "OBJID", objid);
	attr(m->root, "LABEL", "Arbetsmarknadsinsatser: forskningsurval");
	attr(m->root, "TYPE", CONTENT_TYPE);
	nsattr(m->root, m->csip, "CONTENTINFORMATIONTYPE", "OTHER");
	nsattr(m->root, m->csip, "OTHERCONTENTINFORMATIONTYPE", OTHER_CIT);
	attr(m->root, "PROFILE", ARCHIVE_PROFILE);
	nsattr(m->root, m->xsi, "schemaLocation", SCHEMA_LOCATIONS);

	hdr = mel(m, m->root, "metsHdr");
	attr(hdr, "CREATEDATE", b->pkg->created);
	attr(hdr, "RECORDSTATUS", "NEW");
	nsattr(hdr, m->csip, "OAISPACKAGETYPE", "SIP");
	ag = mel(m, hdr, "agent");
	attr(ag, "ROLE", "CREATOR");
	attr(ag, "TYPE", "OTHER");
	attr(ag, "OTHERTYPE", "SOFTWARE");
	xmlNewTextChild(ag, m->m, BAD_CAST "name", BAD_CAST ARCHIVE_SOFTWARE);
	n = xmlNewTextChild(ag, m->m, BAD_CAST "note",
	    BAD_CAST ARCHIVE_VERSION);
	nsattr(n, m->csip, "NOTETYPE", "SOFTWARE VERSION");
	/* The submitting agent: the municipality (SIP15-17). */
	ag = mel(m, hdr, "agent");
	attr(ag, "ROLE", "CREATOR");
	attr(ag, "TYPE", "ORGANIZATION");
	xmlNewTextChild(ag, m->m, BAD_CAST "name",
	    BAD_CAST b->cfg->municipality);
	if (b->cfg->municipality_orgnr[0] != '\0') {
		n = xmlNewTextChild(ag, m->m, BAD_CAST "note",
		    BAD_CAST b->cfg->municipality_orgnr);
		nsattr(n, m->csip, "NOTETYPE", "IDENTIFICATIONCODE");
	}
	return 0;
}

/* A <mdRef>/<FLocat>'s location attributes pointing at f. */
static void
mets_loc(struct mets *m, xmlNodePtr n, const char *href)
{
	attr(n, "LOCTYPE", "URL");
	nsattr(n, m->xlink, "type", "simple");
	nsattr(n, m->xlink, "href", href);
}

/* The file attributes CSIP asks for. */
static void
mets_file_attrs(xmlNodePtr n, const struct archive_file *f)
{
	attr(n, "MIMETYPE", f->mimetype);
	attr_long(n, "SIZE", (long long)f->len);
	attr(n, "CREATED", f->created);
	attr(n, "CHECKSUM", f->sha256);
	attr(n, "CHECKSUMTYPE", "SHA-256");
}

/* Returns the file at path, or NULL. */
static const struct archive_file *
find_file(const struct archive_pkg *pkg, const char *path)
{
	size_t	 i;

	for (i = 0; i < pkg->nfiles; i++)
		if (strcmp(pkg->files[i].path, path) == 0)
			return &pkg->files[i];
	return NULL;
}

/*
 * A fileGrp of USE group with every file of that group whose path starts
 * with strip (removed from the href).  Returns the group or NULL.
 */
static xmlNodePtr
mets_group(struct mets *m, xmlNodePtr sec, const struct archive_pkg *pkg,
    const char *group, const char *id, const char *strip)
{
	xmlNodePtr	 g = NULL, fn;
	size_t		 i, sl = strlen(strip);

	for (i = 0; i < pkg->nfiles; i++) {
		const struct archive_file *f = &pkg->files[i];

		if (f->group == NULL || strcmp(f->group, group) != 0 ||
		    strncmp(f->path, strip, sl) != 0)
			continue;
		if (g == NULL) {
			g = mel(m, sec, "fileGrp");
			attr(g, "ID", id);
			attr(g, "USE", group);
			if (strncmp(group, "Representations", 15) == 0) {
				nsattr(g, m->csip, "CONTENTINFORMATIONTYPE",
				    "OTHER");
				nsattr(g, m->csip,
				    "OTHERCONTENTINFORMATIONTYPE", OTHER_CIT);
			}
		}
		fn = mel(m, g, "file");
		attr(fn, "ID", f->id);
		mets_file_attrs(fn, f);
		mets_loc(m, mel(m, fn, "FLocat"), f->path + sl);
	}
	return g;
}

/* A structMap division with an ID and a LABEL. */
static xmlNodePtr
mets_div(struct mets *m, xmlNodePtr parent, const char *id, const char *label)
{
	xmlNodePtr	 d = mel(m, parent, "div");

	attr(d, "ID", id);
	attr(d, "LABEL", label);
	return d;
}

/* An fptr to the file group id under div. */
static void
mets_fptr(struct mets *m, xmlNodePtr div, const char *id)
{
	attr(mel(m, div, "fptr"), "FILEID", id);
}

/* Serialises m as a file of the package.  Returns 0 or -1. */
static int
mets_finish(struct mets *m, struct build *b, const char *path,
    const char *group)
{
	return add_xml(b->pkg, path, m->doc, group) == NULL ? -1 : 0;
}

/*
 * representations/rep1/METS.xml: the representation's own METS, listing
 * its data files.  Returns 0 or -1.
 */
static int
mets_representation(struct build *b)
{
	struct mets	 m;
	xmlNodePtr	 sec, sm, top, data;

	if (mets_start(&m, b, REP) == -1)
		return -1;
	/* Customers without documents leave the representation empty. */
	if (b->pkg->versions + b->pkg->messages > 0) {
		sec = mel(&m, m.root, "fileSec");
		attr(sec, "ID", "rep-filesec");
		if (mets_group(&m, sec, b->pkg, REP_GROUP, "rep-grp-data",
		    "representations/" REP "/") == NULL) {
			xmlFreeDoc(m.doc);
			return -1;
		}
	}
	sm = mel(&m, m.root, "structMap");
	attr(sm, "ID", "rep-structmap");
	attr(sm, "TYPE", "PHYSICAL");
	attr(sm, "LABEL", "CSIP");
	top = mets_div(&m, sm, "rep-div-root", REP);
	mets_div(&m, top, "rep-div-metadata", "Metadata");
	data = mets_div(&m, top, "rep-div-data", "Representations");
	if (b->pkg->versions + b->pkg->messages > 0)
		mets_fptr(&m, data, "rep-grp-data");
	return mets_finish(&m, b, "representations/" REP "/METS.xml",
	    REP_GROUP);
}

/* A dmdSec or digiprovMD's mdRef to the file at path. */
static void
mets_mdref(struct mets *m, xmlNodePtr parent, const struct archive_file *f,
    const char *mdtype, const char *other)
{
	xmlNodePtr	 r = mel(m, parent, "mdRef");

	mets_loc(m, r, f->path);
	attr(r, "MDTYPE", mdtype);
	attr(r, "OTHERMDTYPE", other);
	mets_file_attrs(r, f);
}

/*
 * METS.xml at the root: dmdSec (customers), amdSec (PREMIS), fileSec
 * (documentation, schemas, the representation) and the CSIP structMap.
 * Returns 0 or -1.
 */
static int
mets_package(struct build *b)
{
	const struct archive_file	*cust, *prem;
	struct mets			 m;
	xmlNodePtr			 n, sec, sm, top, div, mp;

	cust = find_file(b->pkg, "metadata/descriptive/customers.xml");
	prem = find_file(b->pkg, "metadata/preservation/premis.xml");
	if (cust == NULL || prem == NULL || mets_start(&m, b,
	    b->pkg->objid) == -1)
		return -1;
	n = mel(&m, m.root, "dmdSec");
	attr(n, "ID", "dmd-customers");
	attr(n, "CREATED", cust->created);
	attr(n, "STATUS", "CURRENT");
	mets_mdref(&m, n, cust, "OTHER", "insats-customers");
	n = mel(&m, mel(&m, m.root, "amdSec"), "digiprovMD");
	attr(n, "ID", "digiprov-premis");
	attr(n, "STATUS", "CURRENT");
	mets_mdref(&m, n, prem, "PREMIS", NULL);

	sec = mel(&m, m.root, "fileSec");
	attr(sec, "ID", "filesec");
	if (mets_group(&m, sec, b->pkg, "Documentation", "grp-documentation",
	    "") == NULL || mets_group(&m, sec, b->pkg, "Schemas",
	    "grp-schemas", "") == NULL || mets_group(&m, sec, b->pkg,
	    REP_GROUP, "grp-" REP, "") == NULL) {
		xmlFreeDoc(m.doc);
		return -1;
	}
	sm = mel(&m, m.root, "structMap");
	attr(sm, "ID", "structmap-csip");
	attr(sm, "TYPE", "PHYSICAL");
	attr(sm, "LABEL", "CSIP");
	top = mets_div(&m, sm, "div-root", b->pkg->objid);
	div = mets_div(&m, top, "div-metadata", "Metadata");
	attr(div, "DMDID", "dmd-customers");
	attr(div, "ADMID", "digiprov-premis");
	mets_fptr(&m, mets_div(&m, top, "div-documentation", "Documentation"),
	    "grp-documentation");
	mets_fptr(&m, mets_div(&m, top, "div-schemas", "Schemas"),
	    "grp-schemas");
	div = mets_div(&m, top, "div-" REP, REP_GROUP);
	mp = mel(&m, div, "mptr");
	mets_loc(&m, mp, "representations/" REP "/METS.xml");
	nsattr(mp, m.xlink, "title", "grp-" REP);
	return add_xml(b->pkg, "METS.xml", m.doc, NULL) == NULL ? -1 : 0;
}

/* ---- build ---------------------------------------------------------------- */

/* A new OBJID "uuid-" + a random (version 4) UUID.  Returns 0 or -1. */
static int
new_objid(char objid[ARCHIVE_OBJID_MAX])
{
	unsigned char	 u[16];

	if (getentropy(u, sizeof(u)) == -1)
		return -1;
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
	snprintf(objid, ARCHIVE_OBJID_MAX, "uuid-%02x%02x%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2],
	    u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12],
	    u[13], u[14], u[15]);
	return 0;
}

/* Starts the two metadata documents.  Returns 0 or -1. */
static int
build_start(struct build *b)
{
	xmlNodePtr	 r;

	b->customers = xmlNewDoc(BAD_CAST "1.0");
	b->premis = xmlNewDoc(BAD_CAST "1.0");
	if (b->customers == NULL || b->premis == NULL)
		return -1;
	r = xmlNewNode(NULL, BAD_CAST "customers");
	xmlDocSetRootElement(b->customers, r);
	b->ans = xmlNewNs(r, BAD_CAST NS_ARCHIVE, NULL);
	xmlSetNs(r, b->ans);
	attr(r, "package", b->pkg->objid);
	attr(r, "created", b->pkg->created);
	attr(r, "municipality", b->cfg->municipality);
	r = xmlNewNode(NULL, BAD_CAST "premis");
	xmlDocSetRootElement(b->premis, r);
	b->pns = xmlNewNs(r, BAD_CAST NS_PREMIS, BAD_CAST "premis");
	xmlSetNs(r, b->pns);
	xmlNewNs(r, BAD_CAST NS_XSI, BAD_CAST "xsi");
	attr(r, "version", "3.0");
	/* Objects must precede events: a placeholder marks the boundary. */
	b->pobjects = xmlNewChild(r, b->pns, BAD_CAST "event", NULL);
	return 0;
}

/* Frees the build's working state. */
static void
build_free(struct build *b)
{
	size_t	 i;

	xmlFreeDoc(b->customers);
	xmlFreeDoc(b->premis);
	for (i = 0; i < b->nagents; i++)
		free(b->agents[i]);
	free(b->agents);
}

/* The metadata files and everything after the data.  Returns 0 or -1. */
static int
build_rest(struct build *b)
{
	xmlNodePtr	 placeholder = b->pobjects;

	xmlUnlinkNode(placeholder);
	xmlFreeNode(placeholder);
	b->pobjects = NULL;
	if (add_agents(b) == -1)
		return -1;
	if (add_xml(b->pkg, "metadata/descriptive/customers.xml",
	    b->customers, NULL) == NULL) {
		b->customers = NULL;
		return -1;
	}
	b->customers = NULL;
	if (add_xml(b->pkg, "metadata/preservation/premis.xml", b->premis,
	    NULL) == NULL) {
		b->premis = NULL;
		return -1;
	}
	b->premis = NULL;
	if (add_schemas(b) == -1 || add_documentation(b) == -1 ||
	    mets_representation(b) == -1 || mets_package(b) == -1)
		return -1;
	return 0;
}

/*
 * Builds everything in memory for pkg->members.  Returns 0, or -1
 * (printed) with the files built so far still in pkg (archive_free()).
 */
int
archive_build(struct db *db, const struct config *cfg,
    struct archive_pkg *pkg)
{
	struct build	 b;
	size_t		 i;
	int		 rc = -1;

	memset(&b, 0, sizeof(b));
	b.db = db;
	b.cfg = cfg;
	b.pkg = pkg;
	if (pkg->nmembers == 0) {
		fprintf(stderr, "insats: archive: no customer is due for "
		    "hand-over\n");
		return -1;
	}
	if (new_objid(pkg->objid) == -1)
		return -1;
	db_now(pkg->created);
	if (build_start(&b) == -1)
		goto out;
	for (i = 0; i < pkg->nmembers; i++)
		if (add_customer(&b, &pkg->members[i]) == -1)
			goto out;
	rc = build_rest(&b);
out:
	if (rc == -1)
		fprintf(stderr, "insats: archive: the package could not be "
		    "built\n");
	build_free(&b);
	return rc;
}

/* ---- record, confirm ------------------------------------------------------ */

/* Writes an archive event by actor; comment names the package.  0 or -1. */
static int
archive_event(struct db *db, int64_t actor, const char *action,
    const char *comment)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_EVENT_INSERT);
	char		 now[21];

	if (st == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 4, actor);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, comment, -1, SQLITE_TRANSIENT);
	return db_step_done(st);
}

/* Returns 0 with the package and its customers recorded, or -1. */
int
archive_record(struct db *db, const struct archive_pkg *pkg,
    int64_t actor)
{
	sqlite3_stmt	*st;
	int64_t	 id;
	char		 today[11], comment[160];
	size_t		 i;

	if ((st = db_stmt(db, STMT_PACKAGE_INSERT)) == NULL)
		return -1;
	date_format(pkg->today, today);
	sqlite3_bind_text(st, 1, pkg->objid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, pkg->created, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, actor);
	sqlite3_bind_text(st, 4, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, (int64_t)pkg->nmembers);
	sqlite3_bind_int(st, 6, pkg->documents);
	sqlite3_bind_int64(st, 7, (int64_t)pkg->nfiles);
	if (db_step_done(st) == -1)
		return -1;
	id = sqlite3_last_insert_rowid(db->conn);
	for (i = 0; i < pkg->nmembers; i++) {
		if ((st = db_stmt(db, STMT_PACKAGE_LINK)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, pkg->members[i].id);
		sqlite3_bind_text(st, 3, pkg->members[i].last_entry, -1,
		    SQLITE_STATIC);
		if (db_step_done(st) == -1)
			return -1;
	}
	snprintf(comment, sizeof(comment), "%s: %zu kunder, %d dokument",
	    pkg->objid, pkg->nmembers, pkg->documents);
	return archive_event(db, actor, "archive-export", comment);
}

/* Returns 0 confirmed, 1 no such package, 2 confirmed before, -1 error. */
int
archive_confirm(struct db *db, const char *objid, int64_t actor)
{
	sqlite3_stmt	*st;
	int64_t	 id;
	char		 now[21];
	int		 rc, done;

	if ((st = db_stmt(db, STMT_PACKAGE_BY_OBJID)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, objid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	done = rc == SQLITE_ROW && sqlite3_column_type(st, 2) != SQLITE_NULL;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return -1;
	if (done)
		return 2;
	if ((st = db_stmt(db, STMT_PACKAGE_CONFIRM)) == NULL)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, actor);
	if (db_step_done(st) == -1)
		return -1;
	if (sqlite3_changes(db->conn) != 1)
		return 2;
	return archive_event(db, actor, "archive-confirm", objid);
}

/* ---- output ---------------------------------------------------------------- */

/* nftw callback removing one entry of a partial tree. */
static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path) == -1 ? -1 : 0;
}

/* Creates the directories of path's parent below root.  0 or -1. */
static int
mkparents(const char *path)
{
	char	 buf[CONFIG_PATH_MAX + 600];
	char	*p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -1;
	for (p = buf + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(buf, 0750) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

/* Writes and syncs one file (new, mode 0640).  Returns 0 or -1. */
static int
write_one(const char *path, const unsigned char *data, size_t len)
{
	ssize_t	 n;
	size_t	 off = 0;
	int	 fd;

	if (mkparents(path) == -1 ||
	    (fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640)) ==
	    -1)
		return -1;
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (fsync(fd) == -1) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* Returns 0 with the package in outdir/OBJID, or -1 (printed). */
int
archive_write_dir(const struct archive_pkg *pkg, const char *outdir)
{
	char	 tmp[CONFIG_PATH_MAX + 100], fin[CONFIG_PATH_MAX + 100];
	char	 path[CONFIG_PATH_MAX + 600];
	size_t	 i;

	if (snprintf(tmp, sizeof(tmp), "%s/%s.partial", outdir, pkg->objid) >=
	    (int)sizeof(tmp) || snprintf(fin, sizeof(fin), "%s/%s", outdir,
	    pkg->objid) >= (int)sizeof(fin)) {
		fprintf(stderr, "insats: archive: %s: path too long\n", outdir);
		return -1;
	}
	if (mkdir(tmp, 0750) == -1) {
		fprintf(stderr, "insats: archive: %s: %s\n", tmp,
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < pkg->nfiles; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmp, pkg->files[i].path);
		if (write_one(path, pkg->files[i].data, pkg->files[i].len) ==
		    -1) {
			fprintf(stderr, "insats: archive: %s: %s\n", path,
			    strerror(errno));
			goto fail;
		}
	}
	if (rename(tmp, fin) == -1) {
		fprintf(stderr, "insats: archive: %s: %s\n", fin,
		    strerror(errno));
		goto fail;
	}
	return 0;
fail:
	nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return -1;
}

/* Writes an octal field of width w (w - 1 digits and a NUL). */
static void
tar_octal(char *field, size_t w, unsigned long long v)
{
	snprintf(field, w, "%0*llo", (int)(w - 1), v);
}

/*
 * Fills a ustar header for path (name, and prefix when longer than 100
 * bytes).  Returns 0, or -1 if the path cannot be written in ustar.
 */
static int
tar_header(unsigned char h[512], const char *path, size_t size, int dir)
{
	size_t		 len = strlen(path), cut, i;
	unsigned int	 sum = 0;
	char		*c = (char *)h;

	memset(h, 0, 512);
	if (len <= 100)
		memcpy(c, path, len);
	else {
		for (cut = len - 1; cut > 0 && (path[cut] != '/' ||
		    len - cut - 1 > 100); cut--)
			;
		if (cut == 0 || cut > 155)
			return -1;
		memcpy(c, path + cut + 1, len - cut - 1);
		memcpy(c + 345, path, cut);
	}
	tar_octal(c + 100, 8, dir ? 0750 : 0640);
	tar_octal(c + 108, 8, 0);
	tar_octal(c + 116, 8, 0);
	tar_octal(c + 124, 12, size);
	tar_octal(c + 136, 12, 0);
	c[156] = dir ? '5' : '0';
	memcpy(c + 257, "ustar", 6);
	memcpy(c + 263, "00", 2);
	memset(c + 148, ' ', 8);
	for (i = 0; i < 512; i++)
		sum += h[i];
	snprintf(c + 148, 8, "%06o", sum);
	c[155] = ' ';
	return 0;
}

/* Returns 0 with the tar stream in *out (malloc'd), or -1. */
int
archive_tar(const struct archive_pkg *pkg, unsigned char **out, size_t *len)
{
	unsigned char	*buf, *p;
	char		 path[600];
	size_t		 total = 512 + 1024, i;

	for (i = 0; i < pkg->nfiles; i++)
		total += 512 + (pkg->files[i].len + 511) / 512 * 512;
	if ((buf = calloc(1, total)) == NULL)
		return -1;
	p = buf;
	snprintf(path, sizeof(path), "%s/", pkg->objid);
	if (tar_header(p, path, 0, 1) == -1)
		goto fail;
	p += 512;
	for (i = 0; i < pkg->nfiles; i++) {
		snprintf(path, sizeof(path), "%s/%s", pkg->objid,
		    pkg->files[i].path);
		if (tar_header(p, path, pkg->files[i].len, 0) == -1)
			goto fail;
		p += 512;
		memcpy(p, pkg->files[i].data, pkg->files[i].len);
		p += (pkg->files[i].len + 511) / 512 * 512;
	}
	*out = buf;
	*len = total;
	return 0;
fail:
	free(buf);
	return -1;
}

/* Frees the package's files and members; personal data is wiped. */
void
archive_free(struct archive_pkg *pkg)
{
	size_t	 i;

	for (i = 0; i < pkg->nfiles; i++) {
		explicit_bzero(pkg->files[i].data, pkg->files[i].len);
		free(pkg->files[i].data);
		free(pkg->files[i].path);
	}
	free(pkg->files);
	free(pkg->members);
	memset(pkg, 0, sizeof(*pkg));
}
