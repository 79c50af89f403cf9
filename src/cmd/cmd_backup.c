/*
 * cmd_backup: `insats backup --out FILE` and `insats restore FILE`.
 *
 * The backup is SQLite's online backup API reading one snapshot of the
 * live database (WAL: the service keeps writing meanwhile), written to
 * FILE.partial, switched to a rollback journal so the copy is one
 * self-contained file, checked with PRAGMA integrity_check, synced and
 * only then renamed to FILE (mode 0600: it holds personal data).
 *
 * The restore refuses a file that is not a sound insats database or is
 * newer than this binary, and refuses while `insats serve` answers on the
 * configured socket.  It copies the file into the configured database with
 * the same backup API: one write transaction, so a failure leaves the old
 * database as it was.  Then it migrates the schema to this binary's.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "backup.h"
#include "commands.h"

/* SHA-256 and size of a file.  Returns 0 or -1 with a message. */
static int
file_digest(const char *path, char hex[65], long long *size)
{
	unsigned char	 buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen, i;
	EVP_MD_CTX	*ctx;
	FILE		*f;
	size_t		 n;
	int		 rc = -1;

	*size = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "insats: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto out;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (EVP_DigestUpdate(ctx, buf, n) != 1)
			goto out;
		*size += (long long)n;
	}
	if (ferror(f) || EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
		goto out;
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	rc = 0;
out:
	if (rc == -1)
		fprintf(stderr, "insats: cannot read %s\n", path);
	EVP_MD_CTX_free(ctx);
	fclose(f);
	return rc;
}

/* fsync()s a file or directory.  Returns 0 or -1. */
static int
sync_path(const char *path, int dir)
{
	int	 fd, rc;

	if ((fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDWR)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Syncs the directory holding path, so a rename in it is durable. */
static int
sync_parent(const char *path)
{
	char	 copy[CONFIG_PATH_MAX + 16];

	snprintf(copy, sizeof(copy), "%s", path);
	return sync_path(dirname(copy), 1);
}

/*
 * insats backup --out FILE.  Returns 0, 1 on failure, 2 on bad usage or
 * when FILE exists.
 */
int
cmd_backup(int argc, char **argv)
{
	struct cmd_common	 c;
	struct stat		 sb;
	char			 tmp[CONFIG_PATH_MAX + 16], hex[65];
	const char		*out;
	long long		 size;
	mode_t			 old;
	int			 version = -1, rc;

	if (cmd_common_options(&argc, argv, &c) == -1)
		return 1;
	if (argc != 3 || strcmp(argv[1], "--out") != 0 || argv[2][0] == '\0')
		return cmd_usage("backup --out FILE [--config PATH] [--db PATH]");
	out = argv[2];
	if (strlen(out) >= CONFIG_PATH_MAX) {
		fprintf(stderr, "insats: %s: path too long\n", out);
		return 2;
	}
	if (lstat(out, &sb) == 0) {
		fprintf(stderr, "insats: %s exists; not overwriting it\n", out);
		return 2;
	}
	snprintf(tmp, sizeof(tmp), "%s.partial", out);
	unlink(tmp);
	old = umask(077);
	rc = store_backup_to(c.cfg.database, tmp, &version);
	umask(old);
	if (rc == -1 || chmod(tmp, 0600) == -1 || sync_path(tmp, 0) == -1 ||
	    rename(tmp, out) == -1 || sync_parent(out) == -1) {
		if (rc == 0)
			fprintf(stderr, "insats: cannot write %s: %s\n", out,
			    strerror(errno));
		unlink(tmp);
		return 1;
	}
	if (file_digest(out, hex, &size) == -1)
		return 1;
	printf("backup=%s bytes=%lld sha256=%s schema=%d integrity=ok\n", out,
	    size, hex, version);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* 1 when something accepts connections on the unix socket at path. */
static int
socket_answers(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd, rc;

	if (strlen(path) >= sizeof(sun.sun_path))
		return 0;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return 0;
	rc = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	close(fd);
	return rc;
}

/*
 * insats restore FILE.  Returns 0, 1 on failure, 2 on bad usage or a
 * refused file.
 */
int
cmd_restore(int argc, char **argv)
{
	struct cmd_common	 c;
	struct db		*db = NULL;
	int			 version, rc;

	if (cmd_common_options(&argc, argv, &c) == -1)
		return 1;
	if (argc != 2 || argv[1][0] == '\0' || argv[1][0] == '-')
		return cmd_usage("restore FILE [--config PATH] [--db PATH]");
	if (socket_answers(c.cfg.socket)) {
		fprintf(stderr, "insats: insats serve is running (%s answers): "
		    "stop it first (systemctl stop insats); nothing restored\n",
		    c.cfg.socket);
		return 2;
	}
	if ((rc = store_restore_from(argv[1], c.cfg.database, &version)) != 0)
		return rc;
	if (cmd_db_open(&db, &c.cfg, 0) != 0)
		return 1;
	db_close(db);
	printf("restored=%s database=%s schema=%d->%d\n", argv[1],
	    c.cfg.database, version, DB_SCHEMA_VERSION);
	printf("Run `insats purge` before `systemctl start insats`: records "
	    "destroyed since this backup was made are in it again.\n");
	return fflush(stdout) == 0 ? 0 : 1;
}
