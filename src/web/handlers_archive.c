/*
 * handlers_archive: the archivist's part of the web interface.
 *
 * The start page lists the research-sample customers due for hand-over
 * (nothing else of the operational data) and the packages exported so
 * far.  POST /archive/packages exports a new package and answers it as a
 * download (OBJID.tar, the same bytes the command line writes to a
 * directory); POST /archive/packages/{id}/confirm records that the
 * archive has received it, after which the next purge removes those
 * customers.  Both are archivist-only and audit events; the router has
 * checked same origin and CSRF before these run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "archivestore.h"
#include "purge.h"
#include "retention.h"
#include "router.h"

#define PACKAGES_SHOWN	50

/* The start page's hand-over list: a purge_scan() visitor. */
struct handover {
	xmlNodePtr	 list;
	int		 n;
};

/*
 * Adds a due sample customer not yet handed over; name and number only
 * when the identity is not protected.  Returns 0.
 */
static int
handover_visit(void *arg, const struct purge_customer *pc)
{
	struct handover	*h = arg;
	xmlNodePtr	 n;
	char		 ref[32], buf[11];

	if (pc->r.cls != RET_HANDOVER || pc->covered[0] != '\0')
		return 0;
	n = page_elem(h->list, "customer");
	page_attr_long(n, "id", (long)pc->id);
	snprintf(ref, sizeof(ref), "K-%lld", (long long)pc->id);
	page_attr(n, "ref", ref);
	page_attr(n, "protected", pc->protected ? "1" : "0");
	if (!pc->protected) {
		page_attr(n, "name", pc->name);
		page_attr(n, "pnr", pc->pnr);
	}
	if (pc->r.clock_ok) {
		date_format(pc->r.last, buf);
		page_attr(n, "last-entry", buf);
		date_format(pc->r.destroy_by, buf);
		page_attr(n, "destroy-by", buf);
	}
	if (pc->pending[0] != '\0')
		page_attr(n, "pending", pc->pending);
	h->n++;
	return 0;
}

/* A package under the list.  Returns 0. */
static int
add_package(const struct package_row *r, void *arg)
{
	xmlNodePtr	 n = page_elem(arg, "package");

	page_attr_long(n, "id", (long)r->id);
	page_attr(n, "objid", r->objid);
	page_attr_time(n, "created", r->created);
	page_attr(n, "created-by", r->created_by);
	page_attr_long(n, "customers", (long)r->customers);
	page_attr_long(n, "documents", (long)r->documents);
	page_attr_long(n, "files", (long)r->files);
	if (r->confirmed != NULL) {
		page_attr_time(n, "confirmed", r->confirmed);
		page_attr(n, "confirmed-by", r->confirmed_by);
	}
	return 0;
}

/* The packages, newest first.  Returns 0 or -1. */
static int
add_packages(struct ctx *c, xmlNodePtr root)
{
	return store_packages_each(c->db, PACKAGES_SHOWN, add_package,
	    page_elem(root, "packages")) == 0 ? 0 : -1;
}

/*
 * The archivist's start page: <handover> (with a notice after an
 * action) and <packages>.  Returns 0 or -1.
 */
int
archive_start_page(struct ctx *c, xmlNodePtr root, struct date today)
{
	struct handover	 h;
	const char	*m = form_get(&c->req->params, "m");

	memset(&h, 0, sizeof(h));
	h.list = page_elem(root, "handover");
	if (m != NULL && (strcmp(m, "archive-confirmed") == 0 ||
	    strcmp(m, "archive-none") == 0))
		page_attr(h.list, "notice", m);
	if (purge_scan(c->db, today, handover_visit, &h) != 0)
		return -1;
	return add_packages(c, root);
}

/* Sends the tar as a download named OBJID.tar.  Returns 200. */
static int
send_tar(struct ctx *c, const char *objid, const unsigned char *tar,
    size_t len)
{
	char	 name[256];

	snprintf(name, sizeof(name), "%s.tar", objid);
	http_send_attachment(c->req, "application/x-tar", name, tar, len);
	return 200;
}

/* The export's tar, made before the commit (archive_export). */
struct tar_out {
	unsigned char	*tar;
	size_t		 len;
};

static int
make_tar(const struct archive_pkg *pkg, void *arg)
{
	struct tar_out	*t = arg;

	return archive_tar(pkg, &t->tar, &t->len);
}

/* POST /archive/packages: export and download.  Returns the status. */
int
h_archive_export(struct ctx *c)
{
	struct archive_pkg	 pkg;
	struct tar_out		 t = { NULL, 0 };
	unsigned char		*tar;
	size_t			 len;
	int			 rc;

	if (c->user.role != ROLE_ARCHIVIST)
		return send_error(c, 403);
	memset(&pkg, 0, sizeof(pkg));
	rc = archive_export(c->db, c->cfg, today_local(), c->user.id,
	    make_tar, &t, &pkg);
	tar = t.tar;
	len = t.len;
	if (rc == 1) {
		archive_free(&pkg);
		http_redirect(c->req, "/?m=archive-none");
		return 303;
	}
	if (rc == -1) {
		free(tar);
		archive_free(&pkg);
		return send_error(c, 500);
	}
	fprintf(stderr, "level=info id=%s msg=\"archive package %s exported: "
	    "%zu customers\"\n", c->req->id, pkg.objid, pkg.nmembers);
	rc = send_tar(c, pkg.objid, tar, len);
	explicit_bzero(tar, len);
	free(tar);
	archive_free(&pkg);
	return rc;
}

/* POST /archive/packages/{id}/confirm.  Returns the status. */
int
h_archive_confirm(struct ctx *c)
{
	char	 objid[PACKAGE_OBJID_MAX];
	int	 rc;

	if (c->user.role != ROLE_ARCHIVIST)
		return send_error(c, 403);
	if ((rc = store_package_objid(c->db, c->id, objid)) == 0)
		rc = archive_confirm_receipt(c->db, objid, c->user.id);
	switch (rc) {
	case 0:
		http_redirect(c->req, "/?m=archive-confirmed");
		return 303;
	case 1:
		return send_error(c, 404);
	case 2:
		return send_error_code(c, 409, "package-confirmed", NULL);
	default:
		return send_error(c, 500);
	}
}
