/*
 * purge: secure destruction of due customers, one transaction each, and
 * the scan behind the hand-over and "decide" lists (purge.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "msgstore.h"
#include "purge.h"
#include "retention.h"

#define CHECKPOINT_TRIES	10
#define RUN_ID_BYTES		8

/* Copies column i of st into buf (size bytes), "" for NULL. */
static void
col_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	snprintf(buf, size, "%s", s ? (const char *)s : "");
}

/*
 * Looks up the first package of statement which (STMT_RET_COVERED or
 * STMT_RET_PENDING) for the customer into buf.  Returns 0 (buf "" when
 * there is none) or -1.
 */
static int
package_of(struct db *db, enum stmt which, const struct purge_customer *c,
    char *buf, size_t size)
{
	sqlite3_stmt	*st = db_stmt(db, which);
	int		 rc;

	buf[0] = '\0';
	if (st == NULL ||
	    sqlite3_bind_int64(st, 1, c->id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, c->last_entry, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		col_copy(st, 0, buf, size);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Fills c from a row of STMT_RET_CUSTOMER(S) and classifies it. */
static void
customer_row(sqlite3_stmt *st, struct date today, struct purge_customer *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	col_copy(st, 1, c->pnr, sizeof(c->pnr));
	c->protected = sqlite3_column_int(st, 2);
	col_copy(st, 3, c->name, sizeof(c->name));
	col_copy(st, 4, c->last_entry, sizeof(c->last_entry));
	retention_classify(c->pnr, c->last_entry, today, &c->r);
}

/* Looks up the packages of a due sample customer.  Returns 0 or -1. */
static int
customer_packages(struct db *db, struct purge_customer *c)
{
	if (c->r.cls != RET_HANDOVER)
		return 0;
	if (package_of(db, STMT_RET_COVERED, c, c->covered,
	    sizeof(c->covered)) == -1 ||
	    package_of(db, STMT_RET_PENDING, c, c->pending,
	    sizeof(c->pending)) == -1)
		return -1;
	return 0;
}

/*
 * Reads the candidates first (the statement must be done before the
 * visitor may write): the customers whose stored last entry lies before
 * retention_scan_bound() or cannot be read, by index; nobody else can be
 * due.  Then classifies each by the exact rule and calls visit for it.
 * Returns 0, -1 on a database error, or visit's non-zero value.
 */
int
purge_scan(struct db *db, struct date today, purge_visit visit, void *arg)
{
	sqlite3_stmt		*st = db_stmt(db, STMT_RET_CUSTOMERS);
	struct purge_customer	*all = NULL, *tmp;
	size_t			 n = 0, cap = 0, i;
	char			 bound[11];
	int			 rc;

	if (st == NULL)
		return -1;
	date_format(retention_scan_bound(today), bound);
	if (sqlite3_bind_text(st, 1, bound, -1, SQLITE_TRANSIENT) !=
	    SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((tmp = reallocarray(all, cap, sizeof(*all))) ==
			    NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			all = tmp;
		}
		customer_row(st, today, &all[n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "insats: purge: cannot read the customers\n");
		rc = -1;
		goto out;
	}
	rc = 0;
	for (i = 0; i < n && rc == 0; i++) {
		if (customer_packages(db, &all[i]) == -1)
			rc = -1;
		else
			rc = visit(arg, &all[i]);
	}
out:
	if (all != NULL) {
		explicit_bzero(all, n * sizeof(*all));
		free(all);
	}
	return rc;
}

/* ---- one customer ------------------------------------------------------- */

/* The work of a run, shared by the visitor and the destruction. */
struct run {
	struct db		*db;
	const struct purge_opts	*o;
	purge_note		 note;
	void			*arg;
	struct purge_result	*res;
	char			 id[2 * RUN_ID_BYTES + 1];
	char			 started[21];
	int64_t		*todo;		/* candidates' ids */
	size_t			 ntodo, captodo;
	char			**needles;	/* destroyed numbers */
	size_t			 nneedles;
};

/* Tells the caller's note about c, if there is one. */
static void
tell(struct run *run, enum purge_action what, const struct purge_customer *c)
{
	if (run->note != NULL)
		run->note(run->arg, what, c);
}

/* 1 if c may be destroyed now: due outside the sample, or handed over. */
static int
destroyable(const struct purge_customer *c)
{
	return c->r.cls == RET_DESTROY ||
	    (c->r.cls == RET_HANDOVER && c->covered[0] != '\0');
}

/* Runs a delete bound to the customer id.  Returns rows changed or -1. */
static int
delete_rows(struct db *db, enum stmt which, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(db, which);

	if (st == NULL || sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    db_step_done(st) == -1)
		return -1;
	return sqlite3_changes(db->conn);
}

/*
 * The destruction record of this run for rule and package (NULL), created
 * on first use in the caller's transaction.  Returns 0 with *id, or -1.
 */
static int
record_id(struct run *run, const char *rule, const char *package,
    int64_t *id)
{
	sqlite3_stmt	*st;
	char		 today[11];
	int		 rc;

	if ((st = db_stmt(run->db, STMT_DESTRUCTION_FIND)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, run->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, package, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE ||
	    (st = db_stmt(run->db, STMT_DESTRUCTION_INSERT)) == NULL)
		return -1;
	date_format(run->o->today, today);
	sqlite3_bind_text(st, 1, run->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, run->started, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, run->o->actor);
	sqlite3_bind_text(st, 5, run->o->operator, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, package, -1, SQLITE_STATIC);
	if (db_step_done(st) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(run->db->conn);
	return 0;
}

/*
 * Deletes every row about c and counts it in the destruction record, in
 * the caller's transaction.  Returns 0 or -1.
 */
static int
destroy_rows(struct run *run, const struct purge_customer *c)
{
	sqlite3_stmt	*st;
	int64_t	 rec;
	int		 ev, ve, doc, pl, msg;
	const char	*pkg = c->r.cls == RET_HANDOVER ? c->covered : NULL;

	if ((ev = delete_rows(run->db, STMT_PURGE_EVENTS, c->id)) < 0 ||
	    (ve = delete_rows(run->db, STMT_PURGE_VERSIONS, c->id)) < 0 ||
	    (doc = delete_rows(run->db, STMT_PURGE_DOCUMENTS, c->id)) < 0 ||
	    delete_rows(run->db, STMT_PURGE_FOLLOWUPS, c->id) < 0 ||
	    delete_rows(run->db, STMT_PURGE_PROTECTED_READS, c->id) < 0 ||
	    (msg = msgstore_purge_customer(run->db, c->id)) < 0 ||
	    (pl = delete_rows(run->db, STMT_PURGE_PLACEMENTS, c->id)) < 0 ||
	    delete_rows(run->db, STMT_PURGE_PACKAGE_LINKS, c->id) < 0 ||
	    delete_rows(run->db, STMT_PURGE_CUSTOMER, c->id) != 1)
		return -1;
	if (record_id(run, pkg ? "handed-over" : "two-years", pkg, &rec) == -1 ||
	    (st = db_stmt(run->db, STMT_DESTRUCTION_ADD)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rec);
	sqlite3_bind_int(st, 2, pl);
	sqlite3_bind_int(st, 3, doc);
	sqlite3_bind_int(st, 4, ve);
	sqlite3_bind_int(st, 5, ev);
	if (db_step_done(st) == -1 ||
	    msgstore_count_destroyed(run->db, rec, msg) == -1)
		return -1;
	run->res->messages += msg;
	run->res->placements += pl;
	run->res->documents += doc;
	run->res->versions += ve;
	run->res->events += ev;
	return 0;
}

/* Keeps the destroyed number for the search of the file.  0 or -1. */
static int
keep_needle(struct run *run, const char *pnr)
{
	char	**tmp;

	tmp = reallocarray(run->needles, run->nneedles + 1, sizeof(*tmp));
	if (tmp == NULL)
		return -1;
	run->needles = tmp;
	if ((run->needles[run->nneedles] = strdup(pnr)) == NULL)
		return -1;
	run->nneedles++;
	return 0;
}

/*
 * Destroys customer id in one transaction, after reading its clock and
 * packages again inside it: an entry made since the scan keeps it.
 * Returns 0 (destroyed or skipped) or -1 (rolled back, printed).
 */
static int
destroy_one(struct run *run, int64_t id)
{
	struct purge_customer	 c;
	sqlite3_stmt		*st;
	int			 rc;

	if (db_begin(run->db) == -1)
		return -1;
	if ((st = db_stmt(run->db, STMT_RET_CUSTOMER)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		customer_row(st, run->o->today, &c);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		/* Gone already (another run): nothing to do. */
		db_rollback(run->db);
		return 0;
	}
	if (rc != SQLITE_ROW || customer_packages(run->db, &c) == -1)
		goto fail;
	if (!destroyable(&c)) {
		db_rollback(run->db);
		run->res->skipped++;
		tell(run, PURGE_SKIPPED, &c);
		goto out;
	}
	if (destroy_rows(run, &c) == -1 || keep_needle(run, c.pnr) == -1)
		goto fail;
	if (db_commit(run->db) == -1) {
		free(run->needles[--run->nneedles]);
		goto fail_committed;
	}
	run->res->destroyed++;
	tell(run, PURGE_DESTROYED, &c);
out:
	explicit_bzero(&c, sizeof(c));
	return 0;
fail:
	db_rollback(run->db);
fail_committed:
	fprintf(stderr, "insats: purge: customer %lld could not be destroyed; "
	    "it is left whole\n", (long long)id);
	explicit_bzero(&c, sizeof(c));
	return -1;
}

/*
 * The scan's visitor: lists hand-over and "decide" customers, queues the
 * destroyable ones.  Returns 0, or -1 when out of memory.
 */
static int
visit(void *arg, const struct purge_customer *c)
{
	struct run	*run = arg;
	int64_t	*tmp;

	if (c->r.cls == RET_KEEP) {
		run->res->kept++;
		return 0;
	}
	if (c->r.cls == RET_DECIDE) {
		run->res->decide++;
		tell(run, PURGE_LISTED_DECIDE, c);
		return 0;
	}
	if (!destroyable(c)) {
		run->res->handover++;
		tell(run, PURGE_LISTED_HANDOVER, c);
		return 0;
	}
	if (run->o->dry_run) {
		run->res->would_destroy++;
		tell(run, PURGE_WOULD_DESTROY, c);
		return 0;
	}
	if (run->ntodo == run->captodo) {
		run->captodo = run->captodo ? run->captodo * 2 : 64;
		tmp = reallocarray(run->todo, run->captodo, sizeof(*tmp));
		if (tmp == NULL)
			return -1;
		run->todo = tmp;
	}
	run->todo[run->ntodo++] = c->id;
	return 0;
}

/* ---- afterwards: the files ------------------------------------------------ */

/*
 * Returns the number of needles found in the file at path, 0 when it is
 * missing or empty, -1 if it cannot be read.
 */
int
purge_file_traces(const char *path, char *const *needles, size_t n)
{
	struct stat	 sb;
	void		*map;
	size_t		 i;
	int		 fd, found = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &sb) == -1) {
		close(fd);
		return -1;
	}
	if (sb.st_size == 0 || n == 0) {
		close(fd);
		return 0;
	}
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	for (i = 0; i < n; i++)
		if (needles[i][0] != '\0' && memmem(map, (size_t)sb.st_size,
		    needles[i], strlen(needles[i])) != NULL)
			found++;
	munmap(map, (size_t)sb.st_size);
	return found;
}

/*
 * Copies the WAL into the database and truncates it to zero bytes,
 * retrying while readers hold old snapshots.  Returns 1 when done, else 0.
 */
static int
checkpoint(struct db *db)
{
	int	 i, rc, log = -1, done = -1;

	for (i = 0; i < CHECKPOINT_TRIES; i++) {
		rc = sqlite3_wal_checkpoint_v2(db->conn, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
		if (rc == SQLITE_OK)
			return 1;
		usleep(100000);
	}
	fprintf(stderr, "insats: purge: the WAL could not be truncated (%s); "
	    "run the purge again when the server is quiet\n",
	    sqlite3_errmsg(db->conn));
	return 0;
}

/* Searches the database and its WAL.  Returns the traces found or -1. */
static int
traces(struct run *run)
{
	char	 wal[1100];
	int	 a, b;

	if (run->o->db_path == NULL)
		return 0;
	snprintf(wal, sizeof(wal), "%s-wal", run->o->db_path);
	a = purge_file_traces(run->o->db_path, run->needles, run->nneedles);
	b = purge_file_traces(wal, run->needles, run->nneedles);
	if (a < 0 || b < 0) {
		fprintf(stderr, "insats: purge: cannot read the database "
		    "files to check them\n");
		return -1;
	}
	return a + b;
}

/*
 * Makes the destruction final on disk: checkpoint and truncate the WAL,
 * search the files for the destroyed numbers, VACUUM when one is found or
 * an earlier run was killed, and close the records.  Returns 0 or -1.
 */
static int
finish(struct run *run)
{
	struct purge_result	*res = run->res;
	sqlite3_stmt		*st;
	char			 now[21];
	int			 t;

	res->checkpoint_ok = checkpoint(run->db);
	if ((t = traces(run)) < 0)
		return -1;
	if (t > 0 || res->earlier_unfinished) {
		if (db_exec(run->db, "VACUUM") == -1)
			return -1;
		res->vacuumed = 1;
		res->checkpoint_ok = checkpoint(run->db);
		if ((t = traces(run)) < 0)
			return -1;
	}
	res->traces = t;
	if (t > 0)
		fprintf(stderr, "insats: purge: %d destroyed number(s) still "
		    "occur in the database after VACUUM: other, live records "
		    "mention them\n", t);
	if (!res->checkpoint_ok)
		return -1;
	db_now(now);
	if (db_begin(run->db) == -1)
		return -1;
	if ((st = db_stmt(run->db, STMT_DESTRUCTION_FINISH)) == NULL ||
	    sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC) != SQLITE_OK ||
	    db_step_done(st) == -1 || db_commit(run->db) == -1) {
		db_rollback(run->db);
		return -1;
	}
	res->checkpoint_ok = checkpoint(run->db);
	return res->checkpoint_ok ? 0 : -1;
}

/* ---- the run ---------------------------------------------------------- */

/* A random run id (hex) into run->id.  Returns 0 or -1. */
static int
run_id(struct run *run)
{
	unsigned char	 b[RUN_ID_BYTES];
	int		 i;

	if (getentropy(b, sizeof(b)) == -1)
		return -1;
	for (i = 0; i < RUN_ID_BYTES; i++)
		snprintf(run->id + 2 * i, 3, "%02x", b[i]);
	return 0;
}

/* 1 if a killed run left its records open, 0 if not, -1 on error. */
static int
unfinished(struct db *db)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_DESTRUCTION_UNFINISHED);
	int		 rc, n = 0;

	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? n > 0 : -1;
}

/* Frees what the run holds; numbers are wiped first. */
static void
run_free(struct run *run)
{
	size_t	 i;

	for (i = 0; i < run->nneedles; i++) {
		explicit_bzero(run->needles[i], strlen(run->needles[i]));
		free(run->needles[i]);
	}
	free(run->needles);
	free(run->todo);
}

/*
 * Lists, then destroys each queued customer in its own transaction, then
 * makes it final on disk.  Returns 0, or -1 when something failed (the
 * customers destroyed so far stay destroyed and counted).
 */
int
purge_run(struct db *db, const struct purge_opts *o, purge_note note,
    void *arg, struct purge_result *res)
{
	struct run	 run;
	size_t		 i;
	int		 rc = 0, u;

	memset(res, 0, sizeof(*res));
	memset(&run, 0, sizeof(run));
	run = (struct run){ .db = db, .o = o, .note = note, .arg = arg,
	    .res = res };
	if (db_exec(db, "PRAGMA secure_delete = ON") == -1)
		return -1;
	if (purge_scan(db, o->today, visit, &run) != 0) {
		run_free(&run);
		return -1;
	}
	if (o->dry_run) {
		run_free(&run);
		return 0;
	}
	if ((u = unfinished(db)) == -1 || run_id(&run) == -1) {
		run_free(&run);
		return -1;
	}
	res->earlier_unfinished = u;
	db_now(run.started);
	for (i = 0; i < run.ntodo; i++)
		if (destroy_one(&run, run.todo[i]) == -1)
			rc = -1;
	if (finish(&run) == -1)
		rc = -1;
	run_free(&run);
	return rc;
}

int
purge_records_each(struct db *db,
    int (*fn)(const struct destruction_record *, void *), void *arg)
{
	sqlite3_stmt			*st = db_stmt(db, STMT_DESTRUCTION_LIST);
	struct destruction_record	 r;
	int				 rc, stop = 0;

	if (st == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.run = (const char *)sqlite3_column_text(st, 1);
		r.started = (const char *)sqlite3_column_text(st, 2);
		r.finished = (const char *)sqlite3_column_text(st, 3);
		r.today = (const char *)sqlite3_column_text(st, 4);
		r.actor = (const char *)sqlite3_column_text(st, 5);
		r.operator = (const char *)sqlite3_column_text(st, 6);
		r.rule = (const char *)sqlite3_column_text(st, 7);
		r.package = (const char *)sqlite3_column_text(st, 8);
		r.customers = sqlite3_column_int64(st, 9);
		r.placements = sqlite3_column_int64(st, 10);
		r.documents = sqlite3_column_int64(st, 11);
		r.versions = sqlite3_column_int64(st, 12);
		r.events = sqlite3_column_int64(st, 13);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	return stop != 0 ? stop : rc == SQLITE_DONE ? 0 : -1;
}
