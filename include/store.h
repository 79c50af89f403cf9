/*
 * store: users, placements and documents in the database.  Every change of
 * a document writes its revision or audit event in the same transaction.
 * Functions return 0 on success, 1 for "not found" or "conflict" as
 * documented, -1 on a database error.
 */
#ifndef INSATS_STORE_H
#define INSATS_STORE_H

#include <stddef.h>

#include "database.h"
#include "workflow.h"

struct user {
	long		 id;
	char		 login[65];
	char		 name[201];
	enum role	 role;
	long		 org_id;		/* 0 unless a provider */
	char		 org[201];
};

struct placement {
	long		 id;
	char		 code[16];
	char		 code_name[256];
	char		 start[11];
	char		 end[11];		/* "" when open-ended */
	long		 provider_id;
	char		 provider[201];
	long		 customer_id;
	char		 customer_name[201];
	char		 pnr[14];
	int		 protected;
	long		 counsellor_id;
	char		 counsellor_login[65];
	char		 counsellor_name[201];
	long		 monthly_amount_ore;	/* in force this month (its 1st); a
						 * payment reads its own month's */
};

struct document {
	long		 id;
	long		 placement_id;
	char		 kind[16];
	char		 period[8];		/* "YYYY-MM" for monthly, else "" */
	int		 revision;
	enum doc_state	 state;
	int		 version;
	char		 title[200];
	char		 created_at[21];
	char		 updated_at[21];
	char		 submitted_at[21];	/* "" until submitted */
};

/* 0 found, 1 no such login, -1 error. */
int	 store_user_by_login(struct db *db, const char *login, struct user *u);
/* 0 found, 1 none, -1 error. */
int	 store_placement_get(struct db *db, long id, struct placement *p);
/*
 * The case flow of a placement (migration 9): each step's UTC time, or ""
 * while it has not been taken.  Who took a step is in its event.
 */
struct placement_case {
	char		 queued_at[21];		/* aktualisering: the row's creation */
	char		 planned_end[11];	/* the end decided at queueing */
	char		 staffed_at[21];	/* bemanning */
	char		 staff_name[201];
	char		 assigned_at[21];	/* uppdrag */
	char		 assignment[4001];
	char		 extent[12];		/* "fulltime", "parttime" or "" */
	char		 part_time_reason[1001];
	char		 future_plan[4001];
	char		 start_meeting_on[11];	/* the meeting's date */
	char		 start_meeting_at[21];	/* when it was recorded */
	char		 ending[16];		/* completed, early, aborted or "" */
	char		 ending_decided_on[11];
	char		 ended_at[21];		/* when the decision was recorded */
	int		 extension_months;	/* 0..2, by the team lead */
	char		 revision_requested_at[21];
	int		 max_months;		/* the catalogue's */
	char		 consent_on[11];	/* the customer's written consent */
	char		 consent_at[21];	/* when it was recorded */
};

/* 0 found, 1 no such placement, -1 error. */
int	 store_placement_case(struct db *db, long id, struct placement_case *pc);
/*
 * Whether the customer of placement id has a later placement at another
 * provider (moved on): 1 yes, 0 no, -1 on an error.
 */
int	 store_placement_moved_on(struct db *db, long id);
/* 0 found, 1 none, -1 error. */
int	 store_document_get(struct db *db, long id, struct document *d);
/* The XML of a version, malloc'd, or NULL (none, or an error). */
char	*store_document_xml(struct db *db, long id, int version);
/*
 * Creates a draft (revision rev of kind/period of the placement) with its
 * first version and a "create" event.  0 with *id set; 1 if that revision
 * exists already; -1 error.
 */
int	 store_document_create(struct db *db, const struct user *u,
	    const struct placement *p, const char *kind, const char *period,
	    int rev, const char *title, const char *xml, long *id);
/*
 * Saves a new version of a draft or returned document, if its version is
 * still expected_version; the version row, with u and the state, is the
 * save's audit record.  0 saved, 1 conflict (someone saved first or the
 * state changed), -1 error.
 */
int	 store_document_save(struct db *db, const struct user *u,
	    const struct document *d, int expected_version, const char *xml);
/*
 * Moves d from its state to `to` with an event of action and comment
 * (may be NULL); title replaces the title when not NULL.  0 done, 1 the
 * state changed meanwhile, -1 error.
 */
int	 store_document_transition(struct db *db, const struct user *u,
	    const struct document *d, const struct placement *p,
	    enum wf_action action, enum doc_state to, const char *comment,
	    const char *title);
/* How many rows the main tables hold (the admin's start page). */
struct totals {
	long		 users;
	long		 customers;
	long		 placements;
	long		 documents;
};

/* 0 with *t, or -1 on an error (the health check asks this too). */
int	 store_totals(struct db *db, struct totals *t);
/* Per-user secret setting (the CSRF key).  0, 1 not set, -1 error. */
int	 store_setting(struct db *db, const char *key, char *buf, size_t size);

#endif
