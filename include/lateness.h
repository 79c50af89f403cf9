/*
 * lateness: the one definition of every document's deadlines and of when
 * it is late.  A kind's deadlines are its descriptor's due-date rule
 * (kinds.h: one of the dues_* below or its own); whether anything is late
 * is doc_is_late(), which every rule applies.  The document page, the
 * start pages, the duties and the deficiencies all ask doc_dues(), so
 * they cannot disagree.  Pure code: the placement and the document come
 * in as facts whose days are local dates (late_day_of()), "today" is a
 * parameter.
 */
#ifndef INSATS_LATENESS_H
#define INSATS_LATENESS_H

#include "calendar.h"
#include "workflow.h"

/* What lateness needs of a placement: its dates and recorded decisions. */
struct late_case {
	struct date	 start;
	struct date	 end;		/* the end in force; year 0: open-ended */
	int		 decided;	/* an ending decision is recorded */
	enum ending	 ending;	/* when decided */
	struct date	 decided_on;	/* the decision's day (year 0: unknown) */
	struct date	 revision_requested; /* asked at a follow-up; year 0: none */
};

/* What a final report's content states (the fallback without a decision). */
struct late_final {
	int		 has_ending;
	enum ending	 ending;
	struct date	 end;		/* year 0: not stated */
	struct date	 decision;	/* year 0: not stated */
};

/* One document of a placement, as the database knows it. */
struct doc_fact {
	long		 id;
	char		 kind[16];	/* a kind's name (kinds.h) */
	char		 period[8];	/* "YYYY-MM" or "" */
	int		 revision;
	enum doc_state	 state;
	struct date	 submitted;	/* first submission; year 0: never */
	int		 returns;	/* times returned */
	struct date	 reviewed;	/* first return or approval; year 0: none */
	struct date	 approved;	/* approval; year 0: not approved */
	struct late_final final;	/* final reports only */
};

/* A document's deadlines; each has_* says whether the date applies. */
struct doc_dues {
	int		 has_due;
	struct date	 due;		/* the provider submits by */
	int		 late;		/* first submitted after due, or open past it */
	int		 very_late;	/* the same a month after due */
	int		 has_review;
	struct date	 review_by;	/* the counsellor reviews by */
	int		 review_late;
	int		 has_approve;
	struct date	 approve_by;	/* the counsellor approves by */
	int		 approve_late;
	/* A kind due at the end (dues_at_end), when the end is known: */
	int		 has_final;
	enum ending	 ending;
	struct date	 end;
	struct date	 paid_until;	/* paid when first submitted by this day */
	struct date	 submit_until;	/* refused when first submitted after it */
	int		 unpaid;	/* first submitted (or today) after paid_until */
	int		 refused;	/* never submitted and today after submit_until */
};

/*
 * Whether something due on due is late on today: it first arrived after
 * due, or it has not arrived (arrived year 0) and today is past due; the
 * due day itself is in time.  The one rule of lateness: a document's
 * submission (late, and a month after its due date very late), its review
 * and approval, and a final report's paid day are all judged by it.
 */
int	 doc_is_late(struct date due, struct date arrived, struct date today);

/*
 * Fills *out with the deadlines of document d of placement pc on today:
 * its kind's due-date rule (kinds.h), none for an unknown kind.
 */
void	 doc_dues(const struct late_case *pc, const struct doc_fact *d,
	    struct date today, struct doc_dues *out);

/*
 * The due-date rules of the kinds (struct kind's dues), each as doc_dues.
 *
 * dues_from_start (the plan): the first revision is due 14 days after the
 * start; a later revision, when the counsellor asked for one at a
 * follow-up (and it was not submitted before that), five working days
 * after the request, else it has no due date.  It is reviewed (returns
 * included) within five working days of its first submission.
 */
void	 dues_from_start(const struct late_case *pc, const struct doc_fact *d,
	    struct date today, struct doc_dues *out);
/*
 * dues_of_month (the monthly report): on month M (d's period) due the 7th
 * of M+1, reviewed by the 12th and approved by the 15th.
 */
void	 dues_of_month(const struct late_case *pc, const struct doc_fact *d,
	    struct date today, struct doc_dues *out);
/*
 * dues_at_end (the final report): by late_final_ending(), due on the end
 * (completed) or two weeks after the decision (early, aborted); paid,
 * unpaid or refused by the day it first comes in; reviewed within five
 * working days of its first submission.
 */
void	 dues_at_end(const struct late_case *pc, const struct doc_fact *d,
	    struct date today, struct doc_dues *out);

/*
 * The ending, decision day and end of a final report: a recorded
 * decision is authoritative; without one what the content states; with
 * neither a completed ending on the placement's end.  Returns 0 with
 * them, or -1 when no end is known (an open-ended placement).
 */
int	 late_final_ending(const struct late_case *pc, const struct late_final *f,
	    enum ending *ending, struct date *decision, struct date *end);

/*
 * The local day (configured time zone) of a stored UTC time; year 0 when
 * utc is NULL, empty or malformed.  Every fact's day comes through here,
 * never from the first ten characters of the UTC time.
 */
struct date	 late_day_of(const char *utc);

#endif
