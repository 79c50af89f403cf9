/*
 * schemas: the package's schemas/ (the documents' XSDs and those of the
 * package itself) and documentation/beskrivning.txt.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_parts.h"

#define FILE_MAX	(64L * 1024 * 1024)

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
		} else if (pkg_add_file(pkg, rel, data, len, "text/xml",
		    "Schemas", pkg->created) == NULL)
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
int
pkg_add_schemas(struct build *b)
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
int
pkg_add_documentation(struct build *b)
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
	return pkg_add_copy(b->pkg, "documentation/beskrivning.txt", text,
	    (size_t)n, "text/plain", "Documentation", b->pkg->created) ==
	    NULL ? -1 : 0;
}
