/*
 * latepage: a document's deadlines and lateness on its page element
 * (latepage.h).
 */
#include "calendar.h"
#include "latepage.h"
#include "page.h"

/* Writes d as attribute name and, when late_name, its lateness. */
static void
dated(xmlNodePtr n, const char *name, struct date d, const char *late_name,
    int late)
{
	char	 buf[11];

	date_format(d, buf);
	page_attr(n, name, buf);
	if (late_name != NULL)
		page_attr(n, late_name, late ? "1" : "0");
}

static const char *const ending_names[] = { "completed", "early", "aborted" };

void
late_page_attrs(xmlNodePtr n, const struct doc_dues *dd)
{
	if (dd->has_due) {
		dated(n, "due", dd->due, "late", dd->late);
		page_attr(n, "very-late", dd->very_late ? "1" : "0");
	}
	if (dd->has_review)
		dated(n, "review-due", dd->review_by, "review-late",
		    dd->review_late);
	if (dd->has_approve)
		dated(n, "approve-due", dd->approve_by, "approve-late",
		    dd->approve_late);
	if (!dd->has_final)
		return;
	dated(n, "end", dd->end, NULL, 0);
	page_attr(n, "ending", ending_names[dd->ending]);
	dated(n, "paid-until", dd->paid_until, "unpaid", dd->unpaid);
	dated(n, "submit-until", dd->submit_until, "refused", dd->refused);
}
