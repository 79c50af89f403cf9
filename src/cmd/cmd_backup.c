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

#include "commands.h"
#include "demo.h"

/* How long a busy database may hold up a backup step (100 ms each). */
#define BUSY_TRIES	300

/* One row of a single-value PRAGMA as text into buf.  0 or -1. */
static int
pragma_text(sqlite3 *conn, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt	*st;
	const char	*v;
	int		 rc = -1;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		snprintf(buf, size, "%s", v);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Runs PRAGMA integrity_check.  Returns 0 when it says "ok", else -1
 * with the first problem (or SQLite's error) in why.
 */
static int
integrity_ok(sqlite3 *conn, char *why, size_t size)
{
	if (pragma_text(conn, "PRAGMA integrity_check", why, size) == -1) {
		snprintf(why, size, "%s", sqlite3_errmsg(conn));
		return -1;
	}
	return strcmp(why, "ok") == 0 ? 0 : -1;
}

/* PRAGMA user_version, or -1. */
static int
schema_version(sqlite3 *conn)
{
	char	 buf[32];

	if (pragma_text(conn, "PRAGMA user_version", buf, sizeof(buf)) == -1)
		return -1;
	return atoi(buf);
}

/*
 * Copies all of database src into dst in one step (one read snapshot of
 * src, one write transaction on dst), retrying while either is busy.
 * Returns 0 or -1 with a message.
 */
static int
copy_db(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup	*b;
	int		 rc, tries = 0;

	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		fprintf(stderr, "insats: backup: %s\n", sqlite3_errmsg(dst));
		return -1;
	}
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			usleep(100000);
	} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	    ++tries < BUSY_TRIES);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "insats: backup: %s\n", sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

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
 * Writes the checked copy of the live database to tmp.  Returns 0, or -1
 * with a message (tmp may be left for the caller to remove).
 */
static int
backup_to(const char *database, const char *tmp, int *version)
{
	sqlite3	*src = NULL, *dst = NULL;
	char	 why[256], mode[32];
	int	 rc = -1;

	if (sqlite3_open_v2(database, &src, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "insats: cannot open %s: %s\n", database,
		    src ? sqlite3_errmsg(src) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(src, 10000);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fprintf(stderr, "insats: cannot create %s\n", tmp);
		goto out;
	}
	if (copy_db(dst, src) == -1)
		goto out;
	/* The copy carries the WAL flag of the original: one file instead. */
	if (pragma_text(dst, "PRAGMA journal_mode = DELETE", mode,
	    sizeof(mode)) == -1 || strcmp(mode, "delete") != 0) {
		fprintf(stderr, "insats: cannot leave WAL mode in %s\n", tmp);
		goto out;
	}
	if (integrity_ok(dst, why, sizeof(why)) == -1) {
		fprintf(stderr, "insats: the copy fails integrity_check: %s\n",
		    why);
		goto out;
	}
	*version = schema_version(dst);
	rc = 0;
out:
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc;
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
	rc = backup_to(c.cfg.database, tmp, &version);
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
 * Opens a backup file read-only and checks it.  Returns the connection,
 * or NULL with the reason printed; *version gets its schema version.
 */
static sqlite3 *
open_checked(const char *file, int *version)
{
	sqlite3	*src = NULL;
	char	 why[256];

	if (access(file, R_OK) == -1) {
		fprintf(stderr, "insats: %s: %s\n", file, strerror(errno));
		return NULL;
	}
	if (sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "insats: %s: cannot open it\n", file);
		goto fail;
	}
	if (integrity_ok(src, why, sizeof(why)) == -1) {
		fprintf(stderr, "insats: %s is damaged or not a database "
		    "(integrity_check: %s); nothing restored\n", file, why);
		goto fail;
	}
	*version = schema_version(src);
	if (*version < 1) {
		fprintf(stderr, "insats: %s is not an insats database; "
		    "nothing restored\n", file);
		goto fail;
	}
	if (*version > DB_SCHEMA_VERSION) {
		fprintf(stderr, "insats: %s has schema version %d, newer than "
		    "this binary's %d: restore it with a newer insats; "
		    "nothing restored\n", file, *version, DB_SCHEMA_VERSION);
		goto fail;
	}
	return src;
fail:
	sqlite3_close(src);
	return NULL;
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
	sqlite3			*src, *dst = NULL;
	char			 why[256];
	int			 version, rc = 1;

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
	if ((src = open_checked(argv[1], &version)) == NULL)
		return 2;
	if (sqlite3_open_v2(c.cfg.database, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fprintf(stderr, "insats: cannot open %s\n", c.cfg.database);
		goto out;
	}
	sqlite3_busy_timeout(dst, 10000);
	if (copy_db(dst, src) == -1)
		goto out;
	if (integrity_ok(dst, why, sizeof(why)) == -1) {
		fprintf(stderr, "insats: %s fails integrity_check after the "
		    "restore: %s\n", c.cfg.database, why);
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	if (cmd_db_open(&db, &c.cfg, 0) != 0)
		goto out;
	db_close(db);
	printf("restored=%s database=%s schema=%d->%d\n", argv[1],
	    c.cfg.database, version, DB_SCHEMA_VERSION);
	printf("Run `insats purge` before `systemctl start insats`: records "
	    "destroyed since this backup was made are in it again.\n");
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc;
}
