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
provider_of(struct tally *t, long id, const char *name)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		if (t->p[i].provider_id == id)
			return &t->p[i];
	if (t->n == PROVIDERS_MAX)
		return NULL;
	memset(&t->p[t->n], 0, sizeof(t->p[t->n]));
	t->p[t->n].provider_id = id;
	snprintf(t->p[t->n].name, sizeof(t->p[t->n].name), "%s", name);
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

	if ((one = provider_of(t, pl->provider_id, pl->provider)) == NULL)
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

/*
 * The providers with a deficiency, by name, at most max.  Returns the
 * number written, or -1 (logged).
 */
int
deficiencies_of_counsellor(struct db *db, long counsellor, struct date today,
    struct deficiency *out, size_t max, int *more)
{
	struct tally	 t = { NULL, 0, today };
	size_t		 i, n = 0;

	*more = 0;
	if ((t.p = calloc(PROVIDERS_MAX, sizeof(*t.p))) == NULL) {
		fprintf(stderr, "level=error msg=\"deficiencies: no memory\"\n");
		return -1;
	}
	if (store_deficiency_placements_each(db, counsellor, count_placement,
	    &t) == -1) {
		free(t.p);
		return -1;
	}
	qsort(t.p, t.n, sizeof(t.p[0]), by_name);
	for (i = 0; i < t.n; i++) {
		if (t.p[i].very_late == 0 && t.p[i].late < 2 &&
		    t.p[i].returned == 0)
			continue;
		if (n == max) {
			*more = 1;
			break;
		}
		out[n++] = t.p[i];
	}
	free(t.p);
	return (int)n;
}
