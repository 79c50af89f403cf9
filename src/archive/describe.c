/*
 * describe: metadata/descriptive/customers.xml (schemas/insats-archive.xsd),
 * the customers' description, and the data files it points at: every
 * saved version of every document and each placement's messages.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "archive_parts.h"
#include "archivestore.h"
#include "msgstore.h"
#include "pnr.h"

/* Adds <name>text</name> in the archive namespace; NULL text adds none. */
static xmlNodePtr
atext(struct build *b, xmlNodePtr parent, const char *name, const char *text)
{
	if (text == NULL)
		return NULL;
	return xmlNewTextChild(parent, b->ans, BAD_CAST name, BAD_CAST text);
}

/* Where the rows of a placement, its documents and versions go. */
struct place {
	struct build	*b;
	xmlNodePtr	 node;		/* <placement>, then <document> */
	int64_t		 cid, pid;
	char		 dir[64];	/* K<c>/P<p> */
	char		 ref[32];	/* P-<p>, then D-<d> */
	char		 base[128];	/* D<d>-<kind>[-<period>]-r<rev> */
};

/* One version of a document as a data file and a <version> element. */
static int
add_version(const struct archive_version *v, void *arg)
{
	struct place		*pl = arg;
	struct build		*b = pl->b;
	struct archive_file	*f;
	xmlNodePtr		 vn;
	char			 path[512], created[21];

	snprintf(path, sizeof(path), "representations/" REP
	    "/data/%s/%s-v%d.xml", pl->dir, pl->base, v->version);
	snprintf(created, sizeof(created), "%s", v->saved_at);
	if ((f = pkg_add_copy(b->pkg, path, v->xml, v->len, "text/xml",
	    REP_GROUP, created)) == NULL)
		return -1;
	b->pkg->versions++;
	vn = xmlNewChild(pl->node, b->ans, BAD_CAST "version", NULL);
	pkg_attr_long(vn, "number", v->version);
	pkg_attr(vn, "saved", v->saved_at);
	pkg_attr(vn, "savedBy", v->saved_by);
	pkg_attr(vn, "file", path);
	pkg_attr(vn, "sha256", f->sha256);
	premis_file(b, f, pl->ref);
	return 0;
}

/* One document of the placement under pn, with its versions. */
static int
add_document(const struct archive_document *d, void *arg)
{
	const struct place	*pl = arg;
	struct build		*b = pl->b;
	struct place		 doc = *pl;

	snprintf(doc.base, sizeof(doc.base), "D%lld-%s%s%s-r%d",
	    (long long)d->id, d->kind, *d->period ? "-" : "", d->period,
	    d->revision);
	snprintf(doc.ref, sizeof(doc.ref), "D-%lld", (long long)d->id);
	doc.node = xmlNewChild(pl->node, b->ans, BAD_CAST "document", NULL);
	pkg_attr(doc.node, "ref", doc.ref);
	pkg_attr(doc.node, "kind", d->kind);
	pkg_attr(doc.node, "period", d->period);
	pkg_attr_long(doc.node, "revision", d->revision);
	pkg_attr(doc.node, "state", d->state);
	pkg_attr(doc.node, "title", d->title);
	pkg_attr(doc.node, "created", d->created);
	premis_entity(b, doc.ref, pl->ref);
	b->pkg->documents++;
	return store_archive_versions_each(b->db, d->id, add_version, &doc) ==
	    0 ? 0 : -1;
}

/*
 * The messages of the placement (issue 13) as one data file of the
 * representation, K<c>/P<p>/messages.xml (schemas/messages.xsd), with its
 * checksum in the METS, its PREMIS object and a <messages> element in
 * customers.xml.  Nothing for a placement without messages.  0 or -1.
 */
static int
add_messages(const struct place *pl)
{
	struct build		*b = pl->b;
	struct archive_file	*f;
	xmlDocPtr		 doc;
	xmlNodePtr		 mn;
	char			 path[256];
	int			 n;

	if ((doc = msgstore_archive_doc(b->db, pl->pid, pl->cid, &n)) == NULL)
		return n == 0 ? 0 : -1;
	snprintf(path, sizeof(path), "representations/" REP
	    "/data/K%lld/P%lld/messages.xml", (long long)pl->cid,
	    (long long)pl->pid);
	if ((f = pkg_add_xml(b->pkg, path, doc, REP_GROUP)) == NULL)
		return -1;
	b->pkg->messages++;
	mn = xmlNewChild(pl->node, b->ans, BAD_CAST "messages", NULL);
	pkg_attr_long(mn, "count", n);
	pkg_attr(mn, "file", path);
	pkg_attr(mn, "sha256", f->sha256);
	premis_file(b, f, pl->ref);
	return 0;
}

/* A customer's element and reference, for its placements. */
struct owner {
	struct build	*b;
	xmlNodePtr	 node;
	int64_t		 cid;
	const char	*ref;
};

/* One placement of the customer, its documents and messages. */
static int
add_placement(const struct archive_placement *p, void *arg)
{
	const struct owner	*o = arg;
	struct build		*b = o->b;
	struct place		 pl;

	memset(&pl, 0, sizeof(pl));
	pl.b = b;
	pl.cid = o->cid;
	pl.pid = p->id;
	snprintf(pl.dir, sizeof(pl.dir), "K%lld/P%lld", (long long)o->cid,
	    (long long)p->id);
	snprintf(pl.ref, sizeof(pl.ref), "P-%lld", (long long)p->id);
	pl.node = xmlNewChild(o->node, b->ans, BAD_CAST "placement", NULL);
	pkg_attr(pl.node, "ref", pl.ref);
	pkg_attr(pl.node, "code", p->code);
	pkg_attr(pl.node, "start", p->start);
	pkg_attr(pl.node, "end", p->end);
	pkg_attr(pl.node, "created", p->created);
	atext(b, pl.node, "codeName", p->code_name);
	atext(b, pl.node, "provider", p->provider);
	premis_entity(b, pl.ref, o->ref);
	if (store_archive_documents_each(b->db, p->id, add_document,
	    &pl) != 0 || add_messages(&pl) == -1)
		return -1;
	return 0;
}

/*
 * One customer: its description (number, name, birth date, protected
 * identity, counsellor), placements, documents, versions and history.
 * Returns 0 or -1.
 */
int
describe_customer(struct build *b, const struct package_member *m)
{
	struct archive_customer	 c;
	struct owner		 o;
	xmlNodePtr		 cn, n;
	struct pnr		 p;
	enum pnr_status		 ps;
	char			 ref[32], birth[11];

	if (store_archive_customer(b->db, m->id, &c) != 0)
		return -1;
	snprintf(ref, sizeof(ref), "K-%lld", (long long)m->id);
	cn = xmlNewChild(xmlDocGetRootElement(b->customers), b->ans,
	    BAD_CAST "customer", NULL);
	pkg_attr(cn, "ref", ref);
	/* The mark travels with the record: the archive must keep it. */
	pkg_attr(cn, "protected", c.protected ? "true" : "false");
	atext(b, cn, "pnr", c.pnr);
	atext(b, cn, "name", c.name);
	ps = pnr_parse(c.pnr, b->pkg->today, &p);
	if (ps == PNR_OK) {
		date_format(p.birth, birth);
		atext(b, cn, "birthDate", birth);
	}
	atext(b, cn, "coordinationNumber", (ps == PNR_OK ||
	    ps == PNR_UNREADABLE_DAY) && p.coordination ? "true" : "false");
	n = atext(b, cn, "counsellor", c.counsellor_name);
	pkg_attr(n, "login", c.counsellor_login);
	atext(b, cn, "created", c.created);
	atext(b, cn, "lastEntry", m->last_entry);
	premis_entity(b, ref, NULL);
	o = (struct owner){ b, cn, m->id, ref };
	if (store_archive_placements_each(b->db, m->id, add_placement,
	    &o) != 0 || premis_events(b, m->id, ref) == -1)
		return -1;
	return 0;
}
