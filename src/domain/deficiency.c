/*
 * deficiency: the providers' deficiencies on a counsellor's start page
 * (deficiency.h).  Each placement's duties are duties.c's, so a report
 * counts as late here exactly when the document page and the start pages
 * say it is (lateness.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deficiency.h"
#include "deficiencyreads.h"
#include "duties.h"

/* Providers of one counsellor's placements looked at (by id): far more
 * than the municipality authorises. */
#define PROVIDERS_MAX	256

/* The providers counted so far. */
struct tally {
	struct deficiency	*p;	/* room for PROVIDERS_MAX */
	size_t			 n;
	struct date		 today;
};

/* The entry of provider id in t, added if new; or NULL when t is full. */
static struct deficiency *
provider_of(struct tally *t, long id)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		if (t->p[i].provider_id == id)
			return &t->p[i];
	if (t->n == PROVIDERS_MAX)
		return NULL;
	memset(&t->p[t->n], 0, sizeof(t->p[t->n]));
	t->p[t->n].provider_id = id;
	return &t->p[t->n++];
}

/* Adds one placement's late duties and returned documents to its provider. */
static int
count_placement(const struct deficiency_placement *pl, void *arg)
{
	struct tally		*t = arg;
	struct deficiency	*one;
	struct duty		 d[DUTIES_MAX];
	size_t			 i, nd;

	if ((one = provider_of(t, pl->provider_id)) == NULL)
		return 0;
	for (i = 0; i < pl->ndocs; i++)
		one->returned += pl->docs[i].returns >= 2;
	nd = duties_of_placement(&pl->facts, t->today, pl->docs, pl->ndocs, d,
	    DUTIES_MAX);
	for (i = 0; i < nd; i++) {
		one->late += d[i].late;
		one->very_late += d[i].very_late;
	}
	return 0;
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

/* Whether provider p has a deficiency (deficiency.h). */
static int
deficient(const struct deficiency *p)
{
	return p->very_late > 0 || p->late >= 2 || p->returned > 0;
}

/*
 * Keeps the providers of t with a deficiency, with their names (read
 * for these alone).  Returns 0 or -1.
 */
static int
keep_deficient(struct db *db, struct tally *t)
{
	size_t	 i, n = 0;

	for (i = 0; i < t->n; i++) {
		if (!deficient(&t->p[i]))
			continue;
		t->p[n] = t->p[i];
		if (store_provider_name(db, t->p[n].provider_id, t->p[n].name,
		    sizeof(t->p[n].name)) == -1)
			return -1;
		n++;
	}
	t->n = n;
	return 0;
}

/*
 * The providers with a deficiency, by name, at most max.  Returns the
 * number written, or -1 (logged).
 */
int
deficiencies_of_counsellor(struct db *db, long counsellor, struct date today,
    struct deficiency *out, size_t max, int *more)
{
	struct tally	 t = { NULL, 0, today };
	size_t		 n;

	*more = 0;
	if ((t.p = calloc(PROVIDERS_MAX, sizeof(*t.p))) == NULL) {
		fprintf(stderr, "level=error msg=\"deficiencies: no memory\"\n");
		return -1;
	}
	if (store_deficiency_placements_each(db, counsellor, count_placement,
	    &t) == -1 || keep_deficient(db, &t) == -1) {
		free(t.p);
		return -1;
	}
	qsort(t.p, t.n, sizeof(t.p[0]), by_name);
	n = t.n <= max ? t.n : max;
	*more = t.n > max;
	memcpy(out, t.p, n * sizeof(out[0]));
	free(t.p);
	return (int)n;
}
