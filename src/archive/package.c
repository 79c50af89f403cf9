/*
 * package: the hand-over package as a whole (archive.h): which customers
 * it holds, building it in memory from the parts (describe.c, premis.c,
 * schemas.c, mets.c), and recording and confirming it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "archive_parts.h"
#include "archivestore.h"
#include "purge.h"
#include "retention.h"

/* ---- selection --------------------------------------------------------- */

/* purge_scan() visitor: due sample customers not yet handed over. */
static int
select_visit(void *arg, const struct purge_customer *c)
{
	struct archive_pkg	*pkg = arg;
	struct package_member	*tmp;

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

/* ---- build ------------------------------------------------------------- */

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
	pkg_attr(r, "package", b->pkg->objid);
	pkg_attr(r, "created", b->pkg->created);
	pkg_attr(r, "municipality", b->cfg->municipality);
	r = xmlNewNode(NULL, BAD_CAST "premis");
	xmlDocSetRootElement(b->premis, r);
	b->pns = xmlNewNs(r, BAD_CAST NS_PREMIS, BAD_CAST "premis");
	xmlSetNs(r, b->pns);
	xmlNewNs(r, BAD_CAST NS_XSI, BAD_CAST "xsi");
	pkg_attr(r, "version", "3.0");
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
	if (premis_agents(b) == -1)
		return -1;
	if (pkg_add_xml(b->pkg, "metadata/descriptive/customers.xml",
	    b->customers, NULL) == NULL) {
		b->customers = NULL;
		return -1;
	}
	b->customers = NULL;
	if (pkg_add_xml(b->pkg, "metadata/preservation/premis.xml", b->premis,
	    NULL) == NULL) {
		b->premis = NULL;
		return -1;
	}
	b->premis = NULL;
	if (pkg_add_schemas(b) == -1 || pkg_add_documentation(b) == -1 ||
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
		if (describe_customer(&b, &pkg->members[i]) == -1)
			goto out;
	rc = build_rest(&b);
out:
	if (rc == -1)
		fprintf(stderr, "insats: archive: the package could not be "
		    "built\n");
	build_free(&b);
	return rc;
}

/* ---- record, confirm --------------------------------------------------- */

/*
 * Records the package (archive_packages, its customers with their last
 * entries) and the "archive-export" event by actor, in the transaction of
 * archive_export().  Returns 0 or -1.
 */
static int
archive_record(struct db *db, const struct archive_pkg *pkg,
    int64_t actor)
{
	struct package_record	 r;
	char			 today[11];

	date_format(pkg->today, today);
	r.objid = pkg->objid;
	r.created = pkg->created;
	r.today = today;
	r.customers = (int64_t)pkg->nmembers;
	r.documents = pkg->documents;
	r.files = (int64_t)pkg->nfiles;
	return store_package_record(db, &r, pkg->members, pkg->nmembers,
	    actor);
}

/* What archive_export() does inside its transaction. */
struct export {
	const struct config	*cfg;
	struct date		 today;
	int64_t			 actor;
	int			(*deliver)(const struct archive_pkg *, void *);
	void			*arg;
	struct archive_pkg	*pkg;
};

/* Selects, builds, records and delivers.  Returns 0, 1 or -1. */
static int
export_tx(struct db *db, void *arg)
{
	struct export	*e = arg;

	if (archive_select(db, e->today, e->pkg) == -1)
		return -1;
	if (e->pkg->nmembers == 0)
		return 1;
	if (archive_build(db, e->cfg, e->pkg) == -1 ||
	    archive_record(db, e->pkg, e->actor) == -1 ||
	    e->deliver(e->pkg, e->arg) == -1)
		return -1;
	return 0;
}

int
archive_export(struct db *db, const struct config *cfg, struct date today,
    int64_t actor, int (*deliver)(const struct archive_pkg *, void *),
    void *arg, struct archive_pkg *pkg)
{
	struct export	 e = { cfg, today, actor, deliver, arg, pkg };

	return store_package_transaction(db, export_tx, &e);
}

/* What archive_confirm_receipt() confirms. */
struct receipt {
	const char	*objid;
	int64_t		 actor;
};

static int
confirm_tx(struct db *db, void *arg)
{
	const struct receipt	*r = arg;

	return store_package_confirm(db, r->objid, r->actor);
}

int
archive_confirm_receipt(struct db *db, const char *objid, int64_t actor)
{
	struct receipt	 r = { objid, actor };

	return store_package_transaction(db, confirm_tx, &r);
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
