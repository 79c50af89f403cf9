/*
 * mets: the package's two METS files, METS.xml at the root and
 * representations/rep1/METS.xml, as E-ARK CSIP 2.1 / SIP 2.1 ask for.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "archive_parts.h"

#define CONTENT_TYPE	"Textual works – Digital"
#define SCHEMA_LOCATIONS \
	NS_METS " schemas/mets.xsd " NS_XLINK " schemas/xlink.xsd " \
	NS_CSIP " schemas/DILCISExtensionMETS.xsd " \
	NS_SIP " schemas/DILCISExtensionSIPMETS.xsd"


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
	pkg_attr(m->root, "OBJID", objid);
	pkg_attr(m->root, "LABEL", "Arbetsmarknadsinsatser: forskningsurval");
	pkg_attr(m->root, "TYPE", CONTENT_TYPE);
	nsattr(m->root, m->csip, "CONTENTINFORMATIONTYPE", "OTHER");
	nsattr(m->root, m->csip, "OTHERCONTENTINFORMATIONTYPE", OTHER_CIT);
	pkg_attr(m->root, "PROFILE", ARCHIVE_PROFILE);
	nsattr(m->root, m->xsi, "schemaLocation", SCHEMA_LOCATIONS);

	hdr = mel(m, m->root, "metsHdr");
	pkg_attr(hdr, "CREATEDATE", b->pkg->created);
	pkg_attr(hdr, "RECORDSTATUS", "NEW");
	nsattr(hdr, m->csip, "OAISPACKAGETYPE", "SIP");
	ag = mel(m, hdr, "agent");
	pkg_attr(ag, "ROLE", "CREATOR");
	pkg_attr(ag, "TYPE", "OTHER");
	pkg_attr(ag, "OTHERTYPE", "SOFTWARE");
	xmlNewTextChild(ag, m->m, BAD_CAST "name", BAD_CAST ARCHIVE_SOFTWARE);
	n = xmlNewTextChild(ag, m->m, BAD_CAST "note",
	    BAD_CAST ARCHIVE_VERSION);
	nsattr(n, m->csip, "NOTETYPE", "SOFTWARE VERSION");
	/* The submitting agent: the municipality (SIP15-17). */
	ag = mel(m, hdr, "agent");
	pkg_attr(ag, "ROLE", "CREATOR");
	pkg_attr(ag, "TYPE", "ORGANIZATION");
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
	pkg_attr(n, "LOCTYPE", "URL");
	nsattr(n, m->xlink, "type", "simple");
	nsattr(n, m->xlink, "href", href);
}

/* The file attributes CSIP asks for. */
static void
mets_file_attrs(xmlNodePtr n, const struct archive_file *f)
{
	pkg_attr(n, "MIMETYPE", f->mimetype);
	pkg_attr_long(n, "SIZE", (long long)f->len);
	pkg_attr(n, "CREATED", f->created);
	pkg_attr(n, "CHECKSUM", f->sha256);
	pkg_attr(n, "CHECKSUMTYPE", "SHA-256");
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
			pkg_attr(g, "ID", id);
			pkg_attr(g, "USE", group);
			if (strncmp(group, "Representations", 15) == 0) {
				nsattr(g, m->csip, "CONTENTINFORMATIONTYPE",
				    "OTHER");
				nsattr(g, m->csip,
				    "OTHERCONTENTINFORMATIONTYPE", OTHER_CIT);
			}
		}
		fn = mel(m, g, "file");
		pkg_attr(fn, "ID", f->id);
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

	pkg_attr(d, "ID", id);
	pkg_attr(d, "LABEL", label);
	return d;
}

/* An fptr to the file group id under div. */
static void
mets_fptr(struct mets *m, xmlNodePtr div, const char *id)
{
	pkg_attr(mel(m, div, "fptr"), "FILEID", id);
}

/* Serialises m as a file of the package.  Returns 0 or -1. */
static int
mets_finish(struct mets *m, struct build *b, const char *path,
    const char *group)
{
	return pkg_add_xml(b->pkg, path, m->doc, group) == NULL ? -1 : 0;
}

/*
 * representations/rep1/METS.xml: the representation's own METS, listing
 * its data files.  Returns 0 or -1.
 */
int
mets_representation(struct build *b)
{
	struct mets	 m;
	xmlNodePtr	 sec, sm, top, data;

	if (mets_start(&m, b, REP) == -1)
		return -1;
	/* Customers without documents leave the representation empty. */
	if (b->pkg->versions + b->pkg->messages > 0) {
		sec = mel(&m, m.root, "fileSec");
		pkg_attr(sec, "ID", "rep-filesec");
		if (mets_group(&m, sec, b->pkg, REP_GROUP, "rep-grp-data",
		    "representations/" REP "/") == NULL) {
			xmlFreeDoc(m.doc);
			return -1;
		}
	}
	sm = mel(&m, m.root, "structMap");
	pkg_attr(sm, "ID", "rep-structmap");
	pkg_attr(sm, "TYPE", "PHYSICAL");
	pkg_attr(sm, "LABEL", "CSIP");
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
	pkg_attr(r, "MDTYPE", mdtype);
	pkg_attr(r, "OTHERMDTYPE", other);
	mets_file_attrs(r, f);
}

/*
 * METS.xml at the root: dmdSec (customers), amdSec (PREMIS), fileSec
 * (documentation, schemas, the representation) and the CSIP structMap.
 * Returns 0 or -1.
 */
int
mets_package(struct build *b)
{
	const struct archive_file	*cust, *prem;
	struct mets			 m;
	xmlNodePtr			 n, sec, sm, top, div, mp;

	cust = pkg_find_file(b->pkg, "metadata/descriptive/customers.xml");
	prem = pkg_find_file(b->pkg, "metadata/preservation/premis.xml");
	if (cust == NULL || prem == NULL || mets_start(&m, b,
	    b->pkg->objid) == -1)
		return -1;
	n = mel(&m, m.root, "dmdSec");
	pkg_attr(n, "ID", "dmd-customers");
	pkg_attr(n, "CREATED", cust->created);
	pkg_attr(n, "STATUS", "CURRENT");
	mets_mdref(&m, n, cust, "OTHER", "insats-customers");
	n = mel(&m, mel(&m, m.root, "amdSec"), "digiprovMD");
	pkg_attr(n, "ID", "digiprov-premis");
	pkg_attr(n, "STATUS", "CURRENT");
	mets_mdref(&m, n, prem, "PREMIS", NULL);

	sec = mel(&m, m.root, "fileSec");
	pkg_attr(sec, "ID", "filesec");
	if (mets_group(&m, sec, b->pkg, "Documentation", "grp-documentation",
	    "") == NULL || mets_group(&m, sec, b->pkg, "Schemas",
	    "grp-schemas", "") == NULL || mets_group(&m, sec, b->pkg,
	    REP_GROUP, "grp-" REP, "") == NULL) {
		xmlFreeDoc(m.doc);
		return -1;
	}
	sm = mel(&m, m.root, "structMap");
	pkg_attr(sm, "ID", "structmap-csip");
	pkg_attr(sm, "TYPE", "PHYSICAL");
	pkg_attr(sm, "LABEL", "CSIP");
	top = mets_div(&m, sm, "div-root", b->pkg->objid);
	div = mets_div(&m, top, "div-metadata", "Metadata");
	pkg_attr(div, "DMDID", "dmd-customers");
	pkg_attr(div, "ADMID", "digiprov-premis");
	mets_fptr(&m, mets_div(&m, top, "div-documentation", "Documentation"),
	    "grp-documentation");
	mets_fptr(&m, mets_div(&m, top, "div-schemas", "Schemas"),
	    "grp-schemas");
	div = mets_div(&m, top, "div-" REP, REP_GROUP);
	mp = mel(&m, div, "mptr");
	mets_loc(&m, mp, "representations/" REP "/METS.xml");
	nsattr(mp, m.xlink, "title", "grp-" REP);
	return pkg_add_xml(b->pkg, "METS.xml", m.doc, NULL) == NULL ? -1 : 0;
}
