/*
 * archive: the hand-over package of the research sample to the municipal
 * archive, an E-ARK SIP 2.1 / CSIP 2.1 package (FGS Paketstruktur 2.0):
 *
 *   OBJID/METS.xml
 *   OBJID/documentation/beskrivning.txt
 *   OBJID/metadata/descriptive/customers.xml    (who, protected identity)
 *   OBJID/metadata/preservation/premis.xml      (workflow history)
 *   OBJID/representations/rep1/METS.xml
 *   OBJID/representations/rep1/data/K<c>/P<p>/D<d>-<kind>[-<period>]-r<rev>-v<ver>.xml
 *   OBJID/representations/rep1/data/K<c>/P<p>/messages.xml  (issue 13)
 *   OBJID/schemas/NAME.xsd
 *
 * The package is built in memory, then written to a directory (the
 * command line) or as one tar stream (the archivist's download); both
 * come from the same bytes, so the checksums in METS.xml hold for both.
 * Recording a package and confirming its receipt are audit events.
 */
#ifndef INSATS_ARCHIVE_H
#define INSATS_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "archivestore.h"
#include "calendar.h"
#include "config.h"
#include "database.h"

#define ARCHIVE_OBJID_MAX	PACKAGE_OBJID_MAX
#define ARCHIVE_SOFTWARE	"insats"
#define ARCHIVE_VERSION		"1.0"
#define ARCHIVE_PROFILE		"https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"

struct archive_file {
	char		*path;		/* relative to the package root */
	unsigned char	*data;
	size_t		 len;
	const char	*mimetype;
	const char	*group;		/* fileGrp USE, NULL: not in fileSec */
	char		 created[21];
	char		 sha256[65];
	char		 id[48];	/* xml:id in METS */
};

struct archive_pkg {
	char			 objid[ARCHIVE_OBJID_MAX];
	char			 created[21];
	struct date		 today;
	struct package_member	*members;	/* as at export */
	size_t			 nmembers;
	struct archive_file	*files;
	size_t			 nfiles, cap;
	int			 documents;	/* documents (all revisions) */
	int			 versions;	/* saved versions: data files */
	int			 messages;	/* placements' message files */
};

/*
 * Fills pkg->members with every customer due for hand-over on today that
 * no confirmed package holds yet.  Returns 0 or -1.
 */
int	 archive_select(struct db *db, struct date today,
	    struct archive_pkg *pkg);
/*
 * Builds the package of pkg->members in memory: a new OBJID, every
 * version of every document, the descriptive and PREMIS metadata, the
 * schemas of cfg->schema_dir and both METS files.  Returns 0, or -1
 * (printed).
 */
int	 archive_build(struct db *db, const struct config *cfg,
	    struct archive_pkg *pkg);
/*
 * The export in one transaction (store_package_transaction): selects the
 * customers due on today, builds their package, records it by actor and
 * hands it to deliver (which writes it out or makes the tar, returning 0
 * or -1) before the commit, so that no package is recorded that was not
 * delivered.  Returns 0, 1 when nobody is due, -1 on an error (printed);
 * pkg holds what was built either way (archive_free).
 */
int	 archive_export(struct db *db, const struct config *cfg,
	    struct date today, int64_t actor,
	    int (*deliver)(const struct archive_pkg *, void *), void *arg,
	    struct archive_pkg *pkg);
/*
 * Writes the package as outdir/OBJID (first as OBJID.partial, renamed
 * when complete).  Returns 0, or -1 (printed, the partial tree removed).
 */
int	 archive_write_dir(const struct archive_pkg *pkg, const char *outdir);
/* The package as a ustar archive (malloc'd, *len).  Returns 0 or -1. */
int	 archive_tar(const struct archive_pkg *pkg, unsigned char **out,
	    size_t *len);
/*
 * Confirms receipt of the package objid by actor, with its audit event,
 * in one transaction.  Returns 0, 1 if there is no such package, 2 if it
 * was confirmed before, -1 on error.
 */
int	 archive_confirm_receipt(struct db *db, const char *objid,
	    int64_t actor);
void	 archive_free(struct archive_pkg *pkg);

#endif
