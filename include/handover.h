/*
 * handover: the archivist's packages in the database (archive.h builds
 * them): the list of packages, and the export and the confirmation of
 * receipt, each one transaction with its audit event.
 */
#ifndef INSATS_HANDOVER_H
#define INSATS_HANDOVER_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "database.h"

struct archive_pkg;
struct config;

/*
 * A package as recorded.  The strings are borrowed, valid only during the
 * call of the list's fn.
 */
struct package_row {
	int64_t		 id;
	const char	*objid;
	const char	*created_at;	/* UTC */
	const char	*created_by;	/* login */
	const char	*today;		/* the day it was selected for */
	int		 customers;
	int		 documents;
	int		 files;
	const char	*confirmed_at;	/* NULL until the archive confirms */
	const char	*confirmed_by;	/* login; NULL until then */
};

/*
 * The newest limit packages, newest first.  fn returns 0 to go on,
 * non-zero to stop; returns that value, 0 at the end, -1 on an error.
 */
int	 store_packages_each(struct db *db, int limit,
	    int (*fn)(const struct package_row *, void *), void *arg);
/*
 * Selects the customers due for hand-over on today, builds their package
 * into pkg (the caller frees it with archive_free) and its tar into *tar
 * (malloc'd, *len bytes), and records it with the export event by actor,
 * all in one transaction: the tar is made before the commit, so there is
 * no record without a package.  Returns 0, 1 when nobody is due (nothing
 * recorded), -1 on an error (nothing recorded).
 */
int	 store_handover_export(struct db *db, const struct config *cfg,
	    struct date today, int64_t actor, struct archive_pkg *pkg,
	    unsigned char **tar, size_t *len);
/*
 * Records by actor that the archive received package id, with its audit
 * event.  Returns 0, 1 if there is no such package, 2 if it was confirmed
 * before, -1 on an error.
 */
int	 store_handover_confirm(struct db *db, int64_t id, int64_t actor);

#endif
