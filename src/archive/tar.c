/*
 * tar: the package as one ustar stream (the archivist's download), from
 * the same bytes as the directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_parts.h"

/* Writes an octal field of width w (w - 1 digits and a NUL). */
static void
tar_octal(char *field, size_t w, unsigned long long v)
{
	snprintf(field, w, "%0*llo", (int)(w - 1), v);
}

/*
 * Fills a ustar header for path (name, and prefix when longer than 100
 * bytes).  Returns 0, or -1 if the path cannot be written in ustar.
 */
static int
tar_header(unsigned char h[512], const char *path, size_t size, int dir)
{
	size_t		 len = strlen(path), cut, i;
	unsigned int	 sum = 0;
	char		*c = (char *)h;

	memset(h, 0, 512);
	if (len <= 100)
		memcpy(c, path, len);
	else {
		for (cut = len - 1; cut > 0 && (path[cut] != '/' ||
		    len - cut - 1 > 100); cut--)
			;
		if (cut == 0 || cut > 155)
			return -1;
		memcpy(c, path + cut + 1, len - cut - 1);
		memcpy(c + 345, path, cut);
	}
	tar_octal(c + 100, 8, dir ? 0750 : 0640);
	tar_octal(c + 108, 8, 0);
	tar_octal(c + 116, 8, 0);
	tar_octal(c + 124, 12, size);
	tar_octal(c + 136, 12, 0);
	c[156] = dir ? '5' : '0';
	memcpy(c + 257, "ustar", 6);
	memcpy(c + 263, "00", 2);
	memset(c + 148, ' ', 8);
	for (i = 0; i < 512; i++)
		sum += h[i];
	snprintf(c + 148, 8, "%06o", sum);
	c[155] = ' ';
	return 0;
}

/* Returns 0 with the tar stream in *out (malloc'd), or -1. */
int
archive_tar(const struct archive_pkg *pkg, unsigned char **out, size_t *len)
{
	unsigned char	*buf, *p;
	char		 path[600];
	size_t		 total = 512 + 1024, i;

	for (i = 0; i < pkg->nfiles; i++)
		total += 512 + (pkg->files[i].len + 511) / 512 * 512;
	if ((buf = calloc(1, total)) == NULL)
		return -1;
	p = buf;
	snprintf(path, sizeof(path), "%s/", pkg->objid);
	if (tar_header(p, path, 0, 1) == -1)
		goto fail;
	p += 512;
	for (i = 0; i < pkg->nfiles; i++) {
		snprintf(path, sizeof(path), "%s/%s", pkg->objid,
		    pkg->files[i].path);
		if (tar_header(p, path, pkg->files[i].len, 0) == -1)
			goto fail;
		p += 512;
		memcpy(p, pkg->files[i].data, pkg->files[i].len);
		p += (pkg->files[i].len + 511) / 512 * 512;
	}
	*out = buf;
	*len = total;
	return 0;
fail:
	free(buf);
	return -1;
}
