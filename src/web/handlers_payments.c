/*
 * handlers_payments: GET /payments?month=YYYY-MM, the payment basis of
 * that month's payment run as CSV (payments.h).  A counsellor gets the rows
 * of his or her customers, an admin every row; others 403.
 */
#include <stdio.h>
#include <stdlib.h>

#include "payments.h"
#include "router.h"

int
h_payments(struct ctx *c)
{
	const char	*month = form_get(&c->req->params, "month");
	char		*csv;
	char		 name[64];
	size_t		 len;
	long		 who;

	if (c->user.role == ROLE_COUNSELLOR)
		who = c->user.id;
	else if (c->user.role == ROLE_ADMIN)
		who = 0;
	else
		return send_error_code(c, 403, "payments-by-role", NULL);
	switch (payments_csv(c->db, month, who, c->cfg->payment_cutoff_day, &csv,
	    &len)) {
	case 0:
		break;
	case 1:
		return send_error_code(c, 400, "payments-month-format", NULL);
	default:
		return send_error(c, 500);
	}
	/* The month is checked (YYYY-MM) by payments_csv before it gets here. */
	snprintf(name, sizeof(name), "betalningsunderlag-%.7s.csv", month);
	http_send_attachment(c->req, "text/csv; charset=utf-8; header=present",
	    name, csv, len);
	free(csv);
	return 200;
}
