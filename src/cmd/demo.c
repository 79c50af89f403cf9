/*
 * demo: the data of `insats init --demo` (demo.h): two providers, one
 * user of each role, seven customers and their placements (Oct-Nov 2026),
 * written by registry_demo() in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "pnr.h"
#include "regrules.h"
#include "registry.h"

static const struct registry_user demo_users[] = {
	{ "anna", "Anna Andersson", "provider", "Framtid AB" },
	{ "bo", "Bo Berg", "provider", "Steget Vidare" },
	{ "karin", "Karin Karlsson", "counsellor", NULL },
	{ "kalle", "Kalle Persson", "counsellor", NULL },
	{ "lena", "Lena Lind", "lead", NULL },
	{ "arkiv", "Arvid Arkivarie", "archivist", NULL },
	{ "admin", "Administratör", "admin", NULL },
};

/*
 * The numbers are made up (the third serial digit follows the sex of the
 * name); the check digits are computed, and checked again at seed time.
 */
static const struct demo_customer {
	const char	*pnr, *name, *counsellor;
	int		 protect;
	struct date	 birth;
	int		 coordination;
	const char	*code, *provider, *start, *end;
} demo_customers[] = {
	{ "19850312-2387", "Eva Ek", "karin", 0, { 1985, 3, 12 }, 0,
	    "AMI2", "Framtid AB", "2026-10-05", "2027-10-04" },
	{ "19900505-4573", "Oskar Lind", "karin", 0, { 1990, 5, 5 }, 0,
	    "FAI1", "Framtid AB", "2026-11-02", "2027-02-01" },
	{ "19920385-2620", "Sara Nilsson", "kalle", 0, { 1992, 3, 25 }, 1,
	    "ISA1", "Steget Vidare", "2026-10-12", "2027-07-11" },
	{ "19770707-3826", "Maria Skog", "karin", 1, { 1977, 7, 7 }, 0,
	    "AMI1", "Framtid AB", "2026-10-19", "2027-01-18" },
	{ "19881021-4737", "Ahmed Hassan", "kalle", 0, { 1988, 10, 21 }, 0,
	    "AMI2", "Steget Vidare", "2026-11-09", "2027-11-08" },
	{ "20010228-1466", "Lina Berg", "karin", 0, { 2001, 2, 28 }, 0,
	    "FAI2", "Steget Vidare", "2026-10-26", "2027-04-25" },
	{ "19750630-2590", "Johan Svensson", "kalle", 0, { 1975, 6, 30 }, 0,
	    "ISA2", "Framtid AB", "2026-11-16", "2027-11-15" },
};

/* Both providers are authorised for every kundval, Framtid AB first. */
static const struct registry_authorisation demo_authorisations[] = {
	{ "Framtid AB", "Arbetsmarknadsinsatser", "2023-01-16" },
	{ "Framtid AB", "Förberedande arbetsinriktade insatser", "2023-01-16" },
	{ "Framtid AB", "Introduktionsinsatser sfi och arbete", "2023-01-16" },
	{ "Steget Vidare", "Arbetsmarknadsinsatser", "2023-09-01" },
	{ "Steget Vidare", "Förberedande arbetsinriktade insatser", "2023-09-01" },
	{ "Steget Vidare", "Introduktionsinsatser sfi och arbete", "2024-02-01" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Checks that c's number parses to exactly the intended person.  Returns
 * 0, or -1 with a message naming the customer.
 */
static int
check_number(const struct demo_customer *c, struct date today)
{
	struct pnr	 p;
	enum pnr_status	 st = pnr_parse(c->pnr, today, &p);

	if (st != PNR_OK || strcmp(p.canonical, c->pnr) != 0 ||
	    date_compare(p.birth, c->birth) != 0 ||
	    p.coordination != c->coordination) {
		fprintf(stderr, "demo: the personal number of %s is wrong: "
		    "%s\n", c->name, pnr_status_sv(st));
		return -1;
	}
	return 0;
}

/* The register's view of customer c and its placement. */
static struct registry_demo_customer
registered(const struct demo_customer *c)
{
	struct registry_demo_customer	 r;

	memset(&r, 0, sizeof(r));
	r.customer.pnr = c->pnr;
	r.customer.name = c->name;
	r.customer.counsellor = c->counsellor;
	r.customer.protect = c->protect;
	r.customer.protection = c->protect ? "skyddad-folkbokforing" : NULL;
	r.placement.pnr = c->pnr;
	r.placement.code = c->code;
	r.placement.provider = c->provider;
	r.placement.start = c->start;
	r.placement.end = c->end;
	return r;
}

int
demo_load(struct db *db, struct date today)
{
	struct registry_demo_customer	 cust[NELEM(demo_customers)];
	struct registry_demo		 d = {
		demo_users, NELEM(demo_users),
		demo_authorisations, NELEM(demo_authorisations),
		cust, NELEM(cust),
		{ "Jobbexpert på plats",
		    "Kartlägga arbetsförmåga och matcha mot praktik.",
		    "Arbete inom handel eller lager." },
	};
	size_t				 i;

	for (i = 0; i < NELEM(demo_customers); i++) {
		if (check_number(&demo_customers[i], today) == -1)
			return -1;
		cust[i] = registered(&demo_customers[i]);
	}
	return registry_demo(db, &d, today) == 0 ? 0 : -1;
}
