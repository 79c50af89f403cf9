/*
 * files: the package's files in memory (archive_parts.h).  Each file's
 * checksum is taken when it is added: its bytes never change afterwards,
 * so the METS, the directory and the tar all agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "archive_parts.h"
#include "auth.h"

/*
 * Adds a file; takes data (malloc'd) even on failure.  The checksum is
 * taken now: the bytes never change afterwards.  Returns the file or NULL.
 */
struct archive_file *
pkg_add_file(struct archive_pkg *pkg, const char *path, unsigned char *data,
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
struct archive_file *
pkg_add_copy(struct archive_pkg *pkg, const char *path, const void *s, size_t n,
    const char *mimetype, const char *group, const char *created)
{
	unsigned char	*data = malloc(n ? n : 1);

	if (data == NULL)
		return NULL;
	memcpy(data, s, n);
	return pkg_add_file(pkg, path, data, n, mimetype, group, created);
}

/* Serialises doc (freed) as a file.  Returns the file or NULL. */
struct archive_file *
pkg_add_xml(struct archive_pkg *pkg, const char *path, xmlDocPtr doc,
    const char *group)
{
	xmlChar			*buf = NULL;
	struct archive_file	*f;
	int			 len = 0;

	xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
	xmlFreeDoc(doc);
	if (buf == NULL || len <= 0)
		return NULL;
	f = pkg_add_copy(pkg, path, buf, (size_t)len, "text/xml", group,
	    pkg->created);
	xmlFree(buf);
	return f;
}

/* Returns the file at path, or NULL. */
const struct archive_file *
pkg_find_file(const struct archive_pkg *pkg, const char *path)
{
	size_t	 i;

	for (i = 0; i < pkg->nfiles; i++)
		if (strcmp(pkg->files[i].path, path) == 0)
			return &pkg->files[i];
	return NULL;
}

/* Sets an attribute (no namespace); NULL or "" sets none. */
void
pkg_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (value != NULL && *value != '\0')
		xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

/* Sets a number attribute. */
void
pkg_attr_long(xmlNodePtr n, const char *name, long long v)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST buf);
}
