/*
 * deficiency: the providers' deficiencies on a counsellor's start page
 * (002 §13.5).  Each placement's duties are duties.c's, so a report
 * counts as late here exactly when the document page and the start pages
 * say it is (lateness.h).  Two statements ordered by placement
 * (STMT_DEFICIENCY_PLACEMENTS and _DOCS) are walked side by side: no
 * query per placement, and memory for one placement's documents at a
 * time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deficiency.h"
#include "duties.h"
#include "latefacts.h"
/* Until this file's reads move into src/store (issue 14). */
#include "../store/latefacts_rows.h"

/* Providers of one counsellor's placements looked at (by id): far more
 * than the municipality authorises. */
#define PROVIDERS_MAX	256
/* Documents of one placement looked at. */
#define DOCS_MAX	256

/* The documents statement, read one row ahead of its placement. */
struct doc_cursor {
	sqlite3_stmt	*st;
	int		 rc;		/* of the last step */
	long		 placement;	/* of the row at hand */
};

static void
cursor_step(struct doc_cursor *c)
{
	if ((c->rc = sqlite3_step(c->st)) == SQLITE_ROW)
		c->placement = (long)sqlite3_column_int64(c->st, 0);
}

/*
 * The facts of placement id's documents into f (at most max), skipping
 * rows of placements before it.  Returns the number read.
 */
static size_t
docs_of(struct doc_cursor *c, long id, struct doc_fact *f, size_t max)
{
	size_t	 n = 0;

	while (c->rc == SQLITE_ROW && c->placement <= id) {
		if (c->placement == id && n < max &&
		    late_fact_row(c->st, 1, &f[n]) == 0)
			n++;
		cursor_step(c);
	}
	return n;
}

/* The entry of provider id among p (n of them), added if new; or NULL. */
static struct deficiency *
provider_of(struct deficiency *p, size_t *n, sqlite3_stmt *st)
{
	long		 id = (long)sqlite3_column_int64(st, 1);
	const char	*name;
	size_t		 i;

	for (i = 0; i < *n; i++)
		if (p[i].provider_id == id)
			return &p[i];
	if (*n == PROVIDERS_MAX)
		return NULL;
	memset(&p[*n], 0, sizeof(p[*n]));
	p[*n].provider_id = id;
	name = (const char *)sqlite3_column_text(st, 2);
	snprintf(p[*n].name, sizeof(p[*n].name), "%s", name ? name : "");
	return &p[(*n)++];
}

/* Adds one placement's late duties and returned documents to one. */
static void
count_placement(struct deficiency *one, const struct late_case *pc,
    struct date today, const struct doc_fact *f, size_t nf)
{
	struct duty	 d[DUTIES_MAX];
	size_t		 i, nd;

	for (i = 0; i < nf; i++)
		one->returned += f[i].returns >= 2;
	nd = duties_of_placement(pc, today, f, nf, d, DUTIES_MAX);
	for (i = 0; i < nd; i++) {
		one->late += d[i].late;
		one->very_late += d[i].very_late;
	}
}

/*
 * Every provider of counsellor's placements with its counts, into p (at
 * most PROVIDERS_MAX).  f has room for DOCS_MAX facts.  Returns the
 * number of providers, or -1.
 */
static int
load(struct db *db, long counsellor, struct date today, struct deficiency *p,
    struct doc_fact *f)
{
	sqlite3_stmt		*pl = db_stmt(db, STMT_DEFICIENCY_PLACEMENTS);
	struct doc_cursor	 dc = { db_stmt(db, STMT_DEFICIENCY_DOCS), 0, 0 };
	struct deficiency	*one;
	struct late_case	 pc;
	size_t			 n = 0, nf;
	int			 rc;

	if (pl == NULL || dc.st == NULL)
		return -1;
	sqlite3_bind_int64(pl, 1, counsellor);
	sqlite3_bind_int64(dc.st, 1, counsellor);
	cursor_step(&dc);
	while ((rc = sqlite3_step(pl)) == SQLITE_ROW) {
		nf = docs_of(&dc, (long)sqlite3_column_int64(pl, 0), f,
		    DOCS_MAX);
		if (late_case_row(pl, 3, &pc) == 0 &&
		    (one = provider_of(p, &n, pl)) != NULL)
			count_placement(one, &pc, today, f, nf);
	}
	sqlite3_reset(pl);
	sqlite3_reset(dc.st);
	if (rc != SQLITE_DONE || (dc.rc != SQLITE_DONE && dc.rc != SQLITE_ROW))
		return -1;
	return (int)n;
}

static int
by_name(const void *a, const void *b)
{
	const struct deficiency	*x = a, *y = b;
	int			 r = strcmp(x->name, y->name);

	if (r != 0)
		return r;
	return x->provider_id < y->provider_id ? -1 :
	    x->provider_id > y->provider_id;
}

/*
 * The providers with a deficiency, by name, at most max.  Returns the
 * number written, or -1 (logged).
 */
int
deficiencies_of_counsellor(struct db *db, long counsellor, struct date today,
    struct deficiency *out, size_t max, int *more)
{
	struct deficiency	*p;
	struct doc_fact		*f;
	int			 np;
	size_t			 i, n = 0;

	*more = 0;
	p = calloc(PROVIDERS_MAX, sizeof(*p));
	f = calloc(DOCS_MAX, sizeof(*f));
	if (p == NULL || f == NULL ||
	    (np = load(db, counsellor, today, p, f)) == -1) {
		fprintf(stderr, "level=error msg=\"deficiencies: %s\"\n",
		    sqlite3_errmsg(db->conn));
		free(p);
		free(f);
		return -1;
	}
	free(f);
	qsort(p, (size_t)np, sizeof(p[0]), by_name);
	for (i = 0; i < (size_t)np; i++) {
		if (p[i].very_late == 0 && p[i].late < 2 && p[i].returned == 0)
			continue;
		if (n == max) {
			*more = 1;
			break;
		}
		out[n++] = p[i];
	}
	free(p);
	return (int)n;
}
