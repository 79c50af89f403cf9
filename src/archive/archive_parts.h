/*
 * archive_parts: what the files of src/archive/ share while they build a
 * package (archive.h): the namespaces, the work of archive_build(), the
 * files in memory and the XML helpers.  Private to src/archive/.
 */
#ifndef INSATS_ARCHIVE_PARTS_H
#define INSATS_ARCHIVE_PARTS_H

#include <stdint.h>

#include <libxml/tree.h>

#include "archive.h"

#define NS_METS		"http://www.loc.gov/METS/"
#define NS_CSIP		"https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
#define NS_SIP		"https://DILCIS.eu/XML/METS/SIPExtensionMETS"
#define NS_XLINK	"http://www.w3.org/1999/xlink"
#define NS_XSI		"http://www.w3.org/2001/XMLSchema-instance"
#define NS_PREMIS	"http://www.loc.gov/premis/v3"
#define NS_ARCHIVE	"urn:insats:archive:1"
#define REP		"rep1"
#define REP_GROUP	"Representations/" REP
#define OTHER_CIT	"insats-arbetsmarknadsinsatser-1"

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

/* files.c: the files in memory; each returns the file or NULL. */
/* Adds a file; takes data (malloc'd) even on failure. */
struct archive_file	*pkg_add_file(struct archive_pkg *pkg, const char *path,
			    unsigned char *data, size_t len,
			    const char *mimetype, const char *group,
			    const char *created);
/* Adds a copy of the n bytes at s. */
struct archive_file	*pkg_add_copy(struct archive_pkg *pkg, const char *path,
			    const void *s, size_t n, const char *mimetype,
			    const char *group, const char *created);
/* Serialises doc (freed) as a file. */
struct archive_file	*pkg_add_xml(struct archive_pkg *pkg, const char *path,
			    xmlDocPtr doc, const char *group);
const struct archive_file *pkg_find_file(const struct archive_pkg *pkg,
			    const char *path);
/* Sets an attribute (no namespace); NULL or "" sets none. */
void	 pkg_attr(xmlNodePtr n, const char *name, const char *value);
void	 pkg_attr_long(xmlNodePtr n, const char *name, long long v);

/* describe.c: one customer's description, data files and history. */
int	 describe_customer(struct build *b, const struct package_member *m);

/* premis.c: objects (placed before the events), events and agents. */
void	 premis_file(struct build *b, const struct archive_file *f,
	    const char *doc);
void	 premis_entity(struct build *b, const char *id, const char *parent);
int	 premis_events(struct build *b, int64_t cid, const char *cref);
int	 premis_agents(struct build *b);

/* schemas.c: schemas/ and documentation/.  0 or -1. */
int	 pkg_add_schemas(struct build *b);
int	 pkg_add_documentation(struct build *b);

/* mets.c: the representation's METS and the package's.  0 or -1. */
int	 mets_representation(struct build *b);
int	 mets_package(struct build *b);

#endif
