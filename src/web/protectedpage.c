/*
 * protectedpage: a protected customer's part of the placement page
 * (protectedpage.h).
 */
#include "page.h"
#include "protectedlog.h"
#include "protectedpage.h"

#define READS_SHOWN	50

static int
add_read(const struct protected_read *r, void *arg)
{
	xmlNodePtr	 n = page_elem(arg, "read");

	page_attr_time(n, "at", r->at);
	page_attr(n, "login", r->login);
	page_attr(n, "name", r->name);
	page_attr(n, "role", r->role);
	page_attr(n, "what", r->what);
	return 0;
}

int
protected_add_to_page(struct db *db, xmlNodePtr parent, long customer,
    int with_reads)
{
	char		 category[32];
	xmlNodePtr	 n;
	int		 rc;

	rc = protected_category(db, customer, category, sizeof(category));
	n = page_elem(parent, "protection");
	/* An empty category is the strictest reading of "protected". */
	page_attr(n, "category", category[0] != '\0' ? category :
	    "sekretessmarkering");
	if (rc == -1)
		return -1;
	return with_reads ? protected_reads_each(db, customer, READS_SHOWN,
	    add_read, page_elem(n, "reads")) : 0;
}
