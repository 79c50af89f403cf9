/*
 * handlers_payments: GET /payments?month=YYYY-MM, the payment basis of the
 * approved monthly reports of a month as CSV.  A counsellor gets the rows
 * of his or her customers, an admin every row; others 403.
 */
#include <stdlib.h>

#include "payments.h"
#include "router.h"

int
h_payments(struct ctx *c)
{
	const char	*month = form_get(&c->req->params, "month");
	char		*csv;
	size_t		 len;
	long		 who;

	if (c->user.role == ROLE_COUNSELLOR)
		who = c->user.id;
	else if (c->user.role == ROLE_ADMIN)
		who = 0;
	else
		return send_error(c, 403, "Betalningsunderlaget visas bara för "
		    "karriärvägledare och administratörer.");
	switch (payments_csv(c->db, month, who, &csv, &len)) {
	case 0:
		break;
	case 1:
		return send_error(c, 400, "Ange månaden som ÅÅÅÅ-MM, till "
		    "exempel /payments?month=2024-03.");
	default:
		return send_error(c, 500, NULL);
	}
	http_send(c->req, 200, "text/csv; charset=utf-8; header=present", csv,
	    len);
	free(csv);
	return 200;
}
