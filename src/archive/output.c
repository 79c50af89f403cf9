/*
 * output: the package written out as a directory, OBJID.partial renamed
 * to OBJID once every file is on disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_parts.h"

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
