/*
 * queuechoices: what the counsellor chooses from when queueing a customer
 * at a provider (handlers_queue.c): the own customers, the providers, the
 * catalogue's codes and the default-provider lists (defaultlist.h).
 *
 * A list calls fn once per row, in the order documented: fn returns 0 to
 * go on, anything else to stop, and that value is returned; 0 after the
 * last row, -1 on a database error.  A row's strings are borrowed: valid
 * only during that call of fn.
 */
#ifndef INSATS_QUEUECHOICES_H
#define INSATS_QUEUECHOICES_H

#include "database.h"

/* A customer of the counsellor. */
struct customer_choice {
	long		 id;
	const char	*name;
	const char	*pnr;
	int		 protected;	/* a protected identity */
};

/* The customers of counsellor by name, at most limit. */
int	 queuechoices_customers_each(struct db *db, long counsellor, int limit,
	    int (*fn)(const struct customer_choice *, void *), void *arg);
/* 1 if customer is one of counsellor's, 0 if not, -1 on an error. */
int	 queuechoices_customer_is_own(struct db *db, long customer,
	    long counsellor);

/* An organisation that may provide a placement. */
struct provider_choice {
	long		 id;
	const char	*name;
};

/* Every organisation by name. */
int	 queuechoices_providers_each(struct db *db,
	    int (*fn)(const struct provider_choice *, void *), void *arg);
/* 1 if organisation id exists, 0 if not, -1 on an error. */
int	 queuechoices_provider_exists(struct db *db, long id);

/* A code of the catalogue. */
struct code_choice {
	const char	*code;
	const char	*kundval;
	const char	*name;
	int		 max_months;
};

/*
 * The catalogue by code, one row per code and amount's validity (as the
 * catalogue file has them).
 */
int	 queuechoices_codes_each(struct db *db,
	    int (*fn)(const struct code_choice *, void *), void *arg);

/* What the queueing of a code checks. */
struct code_limits {
	int		 max_months;
	char		 kundval[201];
};

/* Code's limits: 0 with *out, 1 if there is no such code, -1 on an error. */
int	 queuechoices_code_limits(struct db *db, const char *code,
	    struct code_limits *out);

/* Every kundval of the catalogue, in order, as fn's kundval. */
int	 queuechoices_kundvals_each(struct db *db,
	    int (*fn)(const char *kundval, void *), void *arg);

/* A provider authorised for a kundval: a row of its default-provider list. */
struct authorised_provider {
	long		 id;		/* the organisation's */
	const char	*name;
	const char	*authorised_on;	/* "YYYY-MM-DD" */
};

/* The default-provider list of kundval, by authorisation date. */
int	 queuechoices_default_list_each(struct db *db, const char *kundval,
	    int (*fn)(const struct authorised_provider *, void *), void *arg);

#endif
